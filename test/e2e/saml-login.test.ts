import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { tabTo } from './keyboard-filler.js';
import { atTestProvider } from './support/test-provider-page.js';

/**
 * Logging in through an e-ID broker that speaks SAML 2.0 (the Swedish eID Framework), in Chromium on the demo site:
 * `EID_BROKER=saml` with the bundled test IdP (built on samlify) in place of the municipality's. The citizen chooses
 * Freja eID in the page's `<eid-login>`, approves at the IdP as a test person, the IdP posts its signed and encrypted
 * assertion back, and the same page shows them logged in.
 */
describe('logging in through a SAML e-ID broker on the demo site', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer({ EID_BROKER: 'saml' });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A new browser on Mina sidor: my-cases leads to the page's login, where the e-ID is chosen — by keyboard — and on to the IdP. */
  async function toIdp(eid: string) {
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    await page.goto(`${server.url}/mina-sidor.html`);
    await tabTo(page, page.locator('my-cases').getByRole('button', { name: 'Till inloggningen' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.locator('.login-box eid-login').getByRole('button', { name: eid }));
    await page.keyboard.press('Enter');
    return { context, page };
  }

  it('logs in with Freja eID on Mina sidor through the SAML IdP, by keyboard, back on the same page', async () => {
    const { context, page } = await toIdp('Freja eID');
    await atTestProvider(page, 'Anna Andersson');
    await page.waitForURL(`${server.url}/mina-sidor.html`);
    await page.locator('.login-box eid-login').getByText('Inloggad som Anna Andersson').waitFor();
    await page.locator('my-cases').locator('[part=empty], .case').first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Freja eID' }).count(), 0, 'no login left on the page');
    await context.close();
  });

  it('says so when the citizen cancels at the IdP, and leaves them logged out', async () => {
    const { context, page } = await toIdp('Telia');
    await atTestProvider(page, 'Anna Andersson', 'Avbryt');
    await page.waitForURL(`${server.url}/mina-sidor.html`);
    await page.getByText('Inloggningen avbröts. Du kan försöka igen eller välja en annan e-legitimation.').first().waitFor();
    await context.close();
  });
});
