import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer } from '../support/start-server.mjs';

/**
 * A citizen on the demo municipal page, in Chromium, against the reference backend as
 * `npm start` runs it: the built kit from dist/, the demo page, PGlite in a folder.
 */
describe('the demo municipal page', () => {
  let browser: Browser;
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'esk-e2e-'));
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('takes a fault report from a citizen and keeps the case after a restart', async () => {
    let server = await startServer({ DATA_DIR: dataDir });
    let receipt: { caseNumber: string; token: string };
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      const scripts: string[] = [];
      page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));

      await page.goto(`${server.url}/`);
      await page.getByRole('heading', { name: 'Felanmälan: gata, park och belysning' }).waitFor();
      const tags = await page.locator('script[src]').evaluateAll((found) => found.map((script) => new URL((script as HTMLScriptElement).src).pathname));
      // The demo site's own script (its theme picker) is the site's, not the kit's.
      assert.deepEqual(tags.filter((tag) => tag !== '/site.js'), ['/kit/e-service-kit.js'], 'the page loads the kit with one script tag');
      assert.ok(scripts.filter((path) => path !== '/site.js').every((path) => path === '/kit/e-service-kit.js' || path.startsWith('/kit/chunks/')), 'and fetches only its own chunks beside it');
      assert.ok(!scripts.some((path) => /messages\.en|nano|session-timeout/.test(path)), 'a Swedish page without a login fetches no English, QR code or timeout dialog');

      // Sending nothing shows the error summary; its link leads to the field.
      await page.getByRole('button', { name: 'Skicka' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Det finns ett problem' });
      await summary.waitFor();
      await summary.getByRole('link', { name: 'Skriv var felet är' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id), 'field-place');

      await page.getByLabel('Vad gäller felet?').selectOption({ label: 'Gatubelysning' });
      await page.getByLabel('Var är felet?').fill('Storgatan 12, vid övergångsstället');
      await page.getByLabel('Beskriv felet').fill('Gatlampan har varit släckt i tre dagar.');
      await page.getByRole('radio', { name: 'Nej' }).check();
      await page.getByLabel('E-postadress för svar (frivillig)').fill('anna.andersson@example.com');

      const answer = page.waitForResponse((response) => response.url().endsWith('/api/cases') && response.request().method() === 'POST');
      await page.getByRole('button', { name: 'Skicka' }).click();
      const body = await (await answer).json();
      await page.getByRole('heading', { name: 'Tack för din anmälan' }).waitFor();
      const shown = (await page.locator('[data-case-number]').textContent())!.trim();
      assert.match(shown, /^FEL-\d{4}-\d{5}$/);
      assert.equal(shown, body.receipt.caseNumber);
      assert.deepEqual(problems, []);
      receipt = { caseNumber: shown, token: body.receiptToken };
    } finally {
      await server.stop();
    }

    server = await startServer({ DATA_DIR: dataDir });
    try {
      const response = await fetch(`${server.url}/api/cases/${receipt.caseNumber}/receipt`, {
        headers: { 'X-Receipt-Token': receipt.token },
      });
      assert.equal(response.status, 200);
      assert.equal((await response.json()).caseNumber, receipt.caseNumber);
    } finally {
      await server.stop();
    }
  });

  it('serves the demo page in English when the page says lang="en"', async () => {
    const server = await startServer({ DATA_DIR: dataDir });
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/`);
      await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
      await page.getByRole('heading', { name: 'Report a fault: streets, parks and lighting' }).waitFor();
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('link', { name: 'Select what the fault is about' }).waitFor();
    } finally {
      await server.stop();
    }
  });

  it('shows the widgets in another municipality’s theme, picked in the footer, and keeps it on the next page', async () => {
    const server = await startServer({ DATA_DIR: dataDir });
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/`);
      const send = page.locator('e-service-form').getByRole('button', { name: 'Skicka' });
      await send.waitFor();
      const background = () => send.evaluate((button) => getComputedStyle(button).backgroundColor);
      assert.equal(await background(), 'rgb(0, 112, 60)');
      await page.getByLabel('Tema för demosidan:').focus();
      await page.getByLabel('Tema för demosidan:').selectOption('norrby');
      await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--esk-color-primary').trim() === '#1a4e8a');
      assert.equal(await background(), 'rgb(26, 78, 138)');
      assert.equal(await send.evaluate((button) => getComputedStyle(button).borderTopLeftRadius), '6px');
      await page.goto(`${server.url}/skolskjuts.html`);
      await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--esk-color-primary').trim() === '#1a4e8a');
      await page.close();
    } finally {
      await server.stop();
    }
  });
});
