import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import forge from 'node-forge';
import { chromium, type Browser } from 'playwright-core';
import type { Answers } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import felanmalan from '../../server/demo-services/felanmalan.json' with { type: 'json' };
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { approveAs, testAppUrl } from './bankid-app.js';
import { fillAndSendByKeyboard } from './keyboard-filler.js';

const SITE = 'www.exempelby.test';
const KIT = 'etjanster.exempelby.test';
const EVIL = 'evil.test';
const FAULT_REPORT: Answers = { category: 'belysning', place: 'Storgatan 12', description: 'Gatlampan är släckt.', urgent: 'nej' };

/** A certificate for the three test hosts (Chromium is told to accept it). */
function certificate(): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const subject = [{ name: 'commonName', value: SITE }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([{ name: 'subjectAltName', altNames: [SITE, KIT, EVIL].map((value) => ({ type: 2, value })) }]);
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  cert.sign(forge.pki.privateKeyFromPem(key), forge.md.sha256.create());
  return { key, cert: forge.pki.certificateToPem(cert) };
}

const page = (title: string, kitOrigin: string, body: string) => `<!doctype html><html lang="sv"><head><meta charset="utf-8">
  <title>${title}</title><script type="module" src="${kitOrigin}/kit/e-service-kit.js"></script></head><body><main>${body}</main></body></html>`;

/**
 * The set-up municipalities run: the site on www.exempelby.test and the e-service server on
 * etjanster.exempelby.test, two hosts of one site, over HTTPS (one test server answers for both
 * names, mapped to loopback in Chromium, and passes the e-service host to the real backend).
 * A page on another site, evil.test, may load the kit's files, but nothing it asks with the
 * citizen's session is done or read.
 */
describe('the site and the e-service server on two hosts of one site', () => {
  let kit: RunningServer;
  let front: Server;
  let port: number;
  let browser: Browser;
  const origin = (host: string) => `https://${host}:${port}`;

  before(async () => {
    front = createServer(certificate(), (request, response) => {
      const host = (request.headers.host ?? '').split(':')[0];
      if (host === KIT) {
        // The e-service server: passed on as it is, its host name kept.
        const upstream = new URL(kit.url);
        const forward = httpRequest({ hostname: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers: request.headers }, (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        });
        request.pipe(forward);
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(host === SITE
        ? page('Felanmälan – Exempelby kommun', origin(KIT), '<eid-login></eid-login><e-service-form service="felanmalan"></e-service-form>')
        : page('Något helt annat', origin(KIT), '<p>En annan webbplats.</p>'));
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    port = (front.address() as AddressInfo).port;
    kit = await startServer({ ALLOWED_ORIGINS: origin(SITE) });
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [...chromiumArgs, `--host-resolver-rules=MAP ${SITE} 127.0.0.1, MAP ${KIT} 127.0.0.1, MAP ${EVIL} 127.0.0.1`, '--ignore-certificate-errors'],
    });
  });
  after(async () => {
    await browser?.close();
    await kit?.stop();
    await new Promise((resolve) => front?.close(resolve));
  });

  /** The municipality's own count of sent cases, through the officer API. */
  async function officerCaseCount(): Promise<number> {
    const token = /Officer API for Exempelby kommun: Bearer (\S+)/.exec(kit.output())?.[1];
    assert.ok(token, 'the server prints the officer token');
    const answer = await fetch(`${kit.url}/api/officer/cases?limit=100`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(answer.status, 200);
    return ((await answer.json()) as { items: unknown[] }).items.length;
  }

  it('sends a case from the site’s page, and the login holds across the widgets (the session cookie is same-site)', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', ignoreHTTPSErrors: true });
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(`${origin(SITE)}/felanmalan`);
    const before = await officerCaseCount();
    const caseNumber = await fillAndSendByKeyboard(tab, ServiceDefinition.parse(felanmalan), FAULT_REPORT, 'sv');
    assert.match(caseNumber, /^FEL-\d{4}-\d{5}$/);
    assert.equal(await officerCaseCount(), before + 1);

    const login = tab.locator('main > eid-login');
    await login.getByRole('button', { name: 'BankID på en annan enhet' }).click();
    await login.locator('canvas').waitFor();
    await approveAs(context, await testAppUrl(kit), 'Anna Andersson', 'Inloggning');
    await login.getByText('Inloggad som Anna Andersson').waitFor();
    const cookie = (await context.cookies(`${origin(KIT)}/api/session`)).find((candidate) => candidate.name === 'esk_session');
    assert.ok(cookie, 'the e-service host keeps the session');
    assert.deepEqual([cookie.secure, cookie.httpOnly, cookie.sameSite, cookie.domain], [true, true, 'Lax', KIT]);
    // A reload on the site's page: still logged in, from the cookie alone.
    await tab.reload();
    await tab.locator('main > eid-login').getByText('Inloggad som Anna Andersson').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('gives a page on another site the kit’s files, but does nothing and reads nothing it asks with the citizen’s session', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', ignoreHTTPSErrors: true });
    const home = await context.newPage();
    await home.goto(`${origin(SITE)}/felanmalan`);
    const login = home.locator('main > eid-login');
    await login.getByRole('button', { name: 'BankID på en annan enhet' }).click();
    await login.locator('canvas').waitFor();
    await approveAs(context, await testAppUrl(kit), 'Anna Andersson', 'Inloggning');
    await login.getByText('Inloggad som Anna Andersson').waitFor();

    const evil = await context.newPage();
    const kitLoaded = evil.waitForResponse((response) => response.url().endsWith('/kit/e-service-kit.js'));
    await evil.goto(`${origin(EVIL)}/`);
    assert.equal((await kitLoaded).status(), 200, 'the kit’s files are public');
    const before = await officerCaseCount();
    // As a string: the page runs it as written (the test's own compiler would add helpers the page lacks).
    const outcomes = await evil.evaluate<Record<string, string>>(`(async (kitOrigin) => {
      const body = JSON.stringify({ serviceId: 'felanmalan', serviceVersion: 1, lang: 'sv', answers: { category: 'park', place: 'x', description: 'x', urgent: 'nej' } });
      const attempt = async (run) => {
        try {
          const response = await run();
          return response.type === 'opaque' ? 'opaque' : 'read ' + response.status;
        } catch {
          return 'refused';
        }
      };
      return {
        session: await attempt(() => fetch(kitOrigin + '/api/session', { credentials: 'include' })),
        myCases: await attempt(() => fetch(kitOrigin + '/api/my/cases', { credentials: 'include' })),
        submit: await attempt(() => fetch(kitOrigin + '/api/cases', {
          method: 'POST', credentials: 'include', body,
          headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'e-service-kit', 'Idempotency-Key': 'evil-1' },
        })),
        // What any cross-site form can send: no preflight, the answer unreadable; it must not be done either.
        simple: await attempt(() => fetch(kitOrigin + '/api/cases', { method: 'POST', mode: 'no-cors', credentials: 'include', body, headers: { 'Content-Type': 'text/plain' } })),
      };
    })(${JSON.stringify(origin(KIT))})`);
    assert.deepEqual(outcomes, { session: 'refused', myCases: 'refused', submit: 'refused', simple: 'opaque' });
    assert.equal(await officerCaseCount(), before, 'no case was made');
    // And the citizen is still logged in on the real site.
    await home.reload();
    await home.locator('main > eid-login').getByText('Inloggad som Anna Andersson').waitFor();
    await context.close();
  });
});
