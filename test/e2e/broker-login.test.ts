import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { tabTo } from './keyboard-filler.js';

/**
 * Logging in with Freja eID and Telia in Chromium on the demo site, through the e-ID broker the server talks
 * OpenID Connect to — here the bundled test provider (oidc-provider), which `npm start` runs: the citizen chooses
 * the e-ID in `<eid-login>`, approves on the provider's page as a test person, and comes back to the same page
 * logged in, every widget on it with them.
 */
describe('logging in through the e-ID broker on the demo site', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer({});
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** At the test provider's page: the person chosen with the arrow keys, then Godkänn (or Avbryt) by keyboard. */
  async function atProvider(page: Page, person: string, answer: 'Godkänn' | 'Avbryt' = 'Godkänn'): Promise<void> {
    await page.waitForURL(/\/interaction\//);
    await page.getByRole('heading', { name: /^Logga in med / }).waitFor();
    const radio = page.getByRole('radio', { name: new RegExp(person) });
    await radio.focus();
    await page.keyboard.press('Space');
    assert.equal(await radio.isChecked(), true);
    await tabTo(page, page.getByRole('button', { name: answer }));
    await page.keyboard.press('Enter');
  }

  /**
   * A new browser on a demo page: the widget named leads to the page's one login (in its header), where the
   * e-ID is chosen — all by keyboard — and on to the broker.
   */
  async function choose(path: string, widget: string, eid: string) {
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    await tabTo(page, page.locator(widget).getByRole('button', { name: 'Till inloggningen' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.locator('.login-box eid-login').getByRole('button', { name: eid }));
    await page.keyboard.press('Enter');
    return { context, page, widget: page.locator(widget) };
  }

  it('logs in with Freja eID on Mina sidor: back on the same page, the list and the page\'s login show Anna', async () => {
    const { context, page, widget: cases } = await choose('/mina-sidor.html', 'my-cases', 'Freja eID');
    await atProvider(page, 'Anna Andersson');
    await page.waitForURL(`${server.url}/mina-sidor.html`);
    await cases.locator('[part=empty], .case').first().waitFor();
    await page.locator('.login-box eid-login').getByText('Inloggad som Anna Andersson').waitFor();
    await page.locator('my-profile').getByRole('heading').first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Freja eID' }).count(), 0, 'no login left on the page');
    await context.close();
  });

  it('logs in with Telia inside an e-service that needs e-ID, and the form goes on with the register\'s answers', async () => {
    const { context, page, widget: form } = await choose('/skolskjuts.html', 'e-service-form', 'Telia');
    await atProvider(page, 'Erik Andersson');
    await page.waitForURL(`${server.url}/skolskjuts.html`);
    // The register's answers for Erik: his children to choose from, and the page's login names him.
    await form.getByRole('radio', { name: /Maja Andersson/ }).waitFor();
    await page.locator('eid-login').first().getByText('Inloggad som Erik Andersson').waitFor();
    await context.close();
  });

  it('says so when the citizen cancels at the provider, and leaves them logged out', async () => {
    const { context, page, widget: cases } = await choose('/mina-sidor.html', 'my-cases', 'Telia');
    await atProvider(page, 'Anna Andersson', 'Avbryt');
    await page.waitForURL(`${server.url}/mina-sidor.html`);
    await page.getByText('Inloggningen avbröts. Du kan försöka igen eller välja en annan e-legitimation.').first().waitFor();
    await cases.getByRole('button', { name: 'Till inloggningen' }).waitFor();
    await context.close();
  });
});
