import type { FastifyInstance } from 'fastify';
import type { DevOutbox } from './channels.js';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * GET /dev/outbox: the e-mail and SMS the demo "sent", newest first, as a plain HTML page.
 * Registered only when no SMTP_URL is set: it is for trying the demo, never for production.
 */
export function devOutboxRoutes(app: FastifyInstance, outbox: DevOutbox): void {
  app.get('/dev/outbox', async (_request, reply) => {
    const items = outbox.list();
    const list = items.map((item, index) => `
    <li>
      <article aria-labelledby="m${index}">
        <h2 id="m${index}">${item.channel === 'sms' ? 'SMS' : escape(item.subject ?? '')}</h2>
        <dl>
          <dt>Till</dt><dd>${escape(item.to)}</dd>
          <dt>Skickat</dt><dd><time datetime="${item.sentAt}">${escape(new Date(item.sentAt).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }))}</time></dd>
          <dt>Kanal</dt><dd>${item.channel === 'sms' ? 'SMS' : 'E-post'}</dd>
        </dl>
        <pre>${escape(item.text)}</pre>
      </article>
    </li>`).join('');
    return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(`<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Utkorg (demo) – e-service-kit</title></head>
<body>
<main>
  <h1>Utkorg (demo)</h1>
  <p>E-post och sms som demot har skickat, nyast först. Sidan finns bara när ingen SMTP_URL är satt.</p>
  ${items.length === 0 ? '<p>Inget skickat ännu.</p>' : `<ol>${list}\n  </ol>`}
</main>
</body>
</html>
`);
  });
}
