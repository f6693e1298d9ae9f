import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { logInToForm } from './bankid-app.js';

/**
 * Logging in on the demo page as `npm start` runs it: <eid-login> against the reference backend,
 * which talks to the bundled BankID simulator over mutual TLS; a tester plays the BankID app in
 * the simulator's test app page, in another tab.
 */
describe('logging in with BankID on the demo page', () => {
  let server: RunningServer;
  let browser: Browser;
  let testApp: string;
  before(async () => {
    server = await startServer({ LOG_LEVEL: 'info' });
    const deadline = Date.now() + 10_000;
    let match: RegExpExecArray | null = null;
    while (!(match = /Play the BankID app at (http:\/\/\S+)/.exec(server.output())) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(match, `the server names the simulator's test app:\n${server.output()}`);
    testApp = match[1]!;
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the QR code, is approved in the test app, and then the name and Log out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/skolskjuts.html`);
    // The page's own <eid-login>, the one login on the page: the e-service's form shows no login of its own but
    // says why to log in and leads here (one login per page, src/components/page-login.ts).
    const login = page.locator('eid-login').first();
    await login.getByRole('button', { name: 'BankID på en annan enhet' }).click();
    await page.getByText('Starta BankID-appen', { exact: false }).first().waitFor();

    const app = await context.newPage();
    await app.goto(testApp);
    await app.getByRole('button', { name: 'Godkänn som Anna Andersson' }).click();
    await app.getByText('Anna Andersson har godkänt.').waitFor();

    await login.getByText('Inloggad som Anna Andersson').waitFor();
    const cookies = await context.cookies(`${server.url}/api/session`);
    const session = cookies.find((cookie) => cookie.name === 'esk_session');
    assert.ok(session?.httpOnly, 'the session cookie is HttpOnly');
    assert.equal(session?.sameSite, 'Lax');

    await login.getByRole('button', { name: 'Logga ut' }).click();
    await login.getByRole('button', { name: 'BankID på en annan enhet' }).waitFor();
    const after = await (await page.request.get(`${server.url}/api/session`)).json();
    assert.equal(after.authenticated, false);
    assert.ok(!server.output().includes('198001012387'), 'no personnummer in the log');
    await context.close();
  });

  it('logs in Tomasz Nowak, who has a samordningsnummer: his name comes from the register, his address he types', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/bostadsanpassning.html`);
    await logInToForm(page, testApp, 'Tomasz Nowak', 'sv');
    const form = page.locator('e-service-form');
    const name = form.locator('[data-field=applicantName]');
    await name.getByText('Tomasz Nowak').waitFor();
    await form.locator('[data-field=applicantPersonnummer]').getByText('19900365-7195').waitFor();
    // Not folkbokförd: no address to prefill, so the address question is asked.
    assert.equal(await form.locator('[data-field=applicantAddress]').count(), 0);
    await form.locator('#field-applicantAddress').getByRole('textbox').first().waitFor();
    assert.ok(!server.output().includes('199003657195'), 'no samordningsnummer in the log');
    await context.close();
  });
});
