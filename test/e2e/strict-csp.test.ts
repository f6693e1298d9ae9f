import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import type { Answers } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import felanmalan from '../../server/demo-services/felanmalan.json' with { type: 'json' };
import bilagor from '../fixtures/services/bilagor.json' with { type: 'json' };
import villkor from '../fixtures/services/villkor.json' with { type: 'json' };
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { approveAs, testAppUrl } from './bankid-app.js';
import { fillAndSendByKeyboard } from './keyboard-filler.js';

const FAULT_REPORT: Answers = { category: 'park', place: 'Lekplatsen i Norrparken', description: 'Gungans kedja är trasig.', urgent: 'nej' };
const WITH_FILE: Answers = { namn: 'Anna Andersson', intyg: ['picked-by-keyboard'] };
const GRANT: Answers = {
  namn: 'Exempelby IF', medlemmar: '120', ungdom: false, typ: 'projekt', projektnamn: 'Sommarläger', kostnad: '20000',
  kontaktnamn: 'Anna Andersson', epost: 'anna@example.com', intygar: true,
};

/**
 * A municipal page that sends the strictest Content-Security-Policy a site is likely to: scripts,
 * styles and connections only from the kit's own server, no inline anything, no eval, and Trusted
 * Types for every DOM sink. Every widget must run there, the BankID QR code and uploads included,
 * without a single violation.
 */
describe('a page with a strict Content-Security-Policy and Trusted Types', () => {
  let kit: RunningServer;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;
  let policy: string;

  before(async () => {
    site = createServer((request, response) => {
      const query = new URL(request.url ?? '/', 'http://x').searchParams;
      const service = query.get('service') ?? 'felanmalan';
      // The one-file kit, or (?build=elements) each element's own module from dist/elements/ with its chunks.
      const scripts = query.get('build') === 'elements'
        ? ['eid-login', 'e-service-form', 'my-cases'].map((name) => `<script type="module" src="${kit.url}/kit/elements/${name}.js"></script>`).join('')
        : `<script type="module" src="${kit.url}/kit/e-service-kit.js"></script>`;
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': policy });
      response.end(`<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Strikt CSP</title>
        ${scripts}</head>
        <body><main><eid-login></eid-login><e-service-form service="${service}"></e-service-form><my-cases></my-cases></main></body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, 'localhost', resolve));
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
    kit = await startServer({ ALLOWED_ORIGINS: siteUrl, SERVICES_DIR: 'test/fixtures/services' });
    policy = [
      "default-src 'self'", `script-src ${kit.url}`, `style-src ${kit.url}`, `connect-src ${kit.url}`,
      "img-src 'self' data:", "require-trusted-types-for 'script'",
    ].join('; ');
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await kit?.stop();
    await new Promise((resolve) => site?.close(resolve));
  });

  async function open(service: string, build: 'kit' | 'elements' = 'kit') {
    const context = await browser.newContext({ locale: 'sv-SE' });
    // Listening from the very start, before the kit runs.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { violations: string[] }).violations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`));
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${siteUrl}/?service=${service}&build=${build}`);
    const violations = () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
    return { context, page, errors, violations };
  }

  it('runs the form, the login with its QR code and Mina sidor, and sends a case', async () => {
    const { context, page, errors, violations } = await open('felanmalan');
    const testApp = await testAppUrl(kit);
    // The BankID QR code: drawn on a canvas, inline styles nowhere.
    const login = page.locator('main > eid-login');
    await login.getByRole('button', { name: 'BankID på en annan enhet' }).click();
    await login.locator('canvas').waitFor();
    await approveAs(context, testApp, 'Anna Andersson', 'Inloggning');
    await login.getByText('Inloggad som Anna Andersson').waitFor();
    // Mina sidor's widget, fetched when needed, lists her (empty) cases.
    await page.locator('my-cases').getByRole('heading').first().waitFor();
    const caseNumber = await fillAndSendByKeyboard(page, ServiceDefinition.parse(felanmalan), FAULT_REPORT, 'sv');
    assert.match(caseNumber, /^FEL-\d{4}-\d{5}$/);
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('uploads an attachment and sends it', async () => {
    const { context, errors, violations, page } = await open('bilagor');
    const caseNumber = await fillAndSendByKeyboard(page, ServiceDefinition.parse(bilagor), WITH_FILE, 'sv');
    assert.ok(caseNumber.length > 0);
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('runs each element from its own module (dist/elements/): a form of three steps checked, reviewed and sent, a file uploaded', async () => {
    for (const [service, definition, answers] of [['villkor', villkor, GRANT], ['bilagor', bilagor, WITH_FILE]] as const) {
      const { context, errors, violations, page } = await open(service, 'elements');
      const caseNumber = await fillAndSendByKeyboard(page, ServiceDefinition.parse(definition), answers, 'sv');
      assert.ok(caseNumber.length > 0, service);
      assert.deepEqual(await violations(), [], service);
      assert.deepEqual(errors, [], service);
      await context.close();
    }
  });

  it('reports a violation when the page breaks its own policy (the listener hears them)', async () => {
    const { context, page, violations } = await open('felanmalan');
    await page.evaluate(() => fetch('https://elsewhere.invalid/x.json').catch(() => undefined));
    await page.waitForFunction(() => (window as unknown as { violations: string[] }).violations.length > 0);
    assert.match((await violations())[0]!, /connect-src/);
    await context.close();
  });
});
