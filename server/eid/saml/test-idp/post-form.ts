import { escapeHtml } from '../../../http/html.js';

/**
 * The HTTP-POST binding's page (SAML bindings 3.5.4): a form that carries the SAMLResponse and the RelayState to the
 * SP's ACS, sent as the page loads. The form is the page, with its own button: without JavaScript the citizen
 * presses it; with it the tiny script presses it for them. This is the IdP's page, so the SP's Content Security
 * Policy does not govern its inline script.
 */
export function postFormPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('\n      ');
  return `<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Tillbaka till e-tjänsten – testleverantör</title>
  <style>
    body { font: 1rem/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
    button { font: inherit; padding: 0.5rem 1.2rem; }
    :focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
  </style>
</head>
<body>
  <main>
    <h1>Tillbaka till e-tjänsten</h1>
    <form method="post" action="${escapeHtml(action)}">
      ${inputs}
      <p>Om du inte skickas vidare av dig själv: tryck på knappen.</p>
      <button type="submit">Fortsätt</button>
    </form>
  </main>
  <script>document.forms[0].submit();</script>
</body>
</html>`;
}
