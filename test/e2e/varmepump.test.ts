import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';

const TOKEN = 'officer-token-of-exempelby-for-the-heat-pump-0123';
const WARNING = 'Avståndet till brunnen är kortare än 30 m';

/**
 * Anmälan om värmepump on the demo site (`npm start`'s server and pages, the built kit): no login, an answer that
 * ends the form early and the way back to change it, a warning that does not stop sending, a total worked out over
 * the boreholes — shown on the review and kept with the case the municipality reads through the officer API.
 */
describe('the heat-pump notice on the demo site', () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer({ OFFICER_TOKENS: `exempelby:${TOKEN}` });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const officer = async (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });

  it('ends the form over 100 kW, then takes a notice with a warning and keeps the total depth with the case', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));

    await page.goto(`${server.url}/varmepump.html`);
    const form = page.locator('e-service-form');
    await form.getByRole('heading', { name: 'Värmepumpen' }).waitFor();
    assert.equal(await page.locator('eid-login').count(), 0, 'no login on a page whose e-service needs none');

    // Over 100 kW: the form ends with the reason, and there is nothing to send.
    const effekt = form.getByLabel('Värmepumpens effekt');
    await effekt.fill('150');
    await form.getByRole('button', { name: 'Fortsätt' }).click();
    const outcome = form.locator('[part=outcome]');
    await outcome.getByRole('heading', { name: 'Anläggningen kräver tillstånd' }).waitFor();
    assert.equal(await form.getByRole('button', { name: 'Skicka' }).count(), 0, 'no Send button');
    assert.equal(await form.locator('form').count(), 0, 'no questions');

    // Back to change the answer: it is kept, and 12 kW goes on.
    await outcome.getByRole('button', { name: 'Ändra dina svar' }).click();
    await effekt.waitFor();
    assert.equal(await effekt.inputValue(), '150');
    await effekt.fill('12');
    await form.getByRole('button', { name: 'Fortsätt' }).click();
    await form.getByRole('heading', { name: 'Borrhålet' }).waitFor();

    // One borehole of 120 m, a well at 25 m: warned about, not stopped.
    await form.getByLabel('Djup').fill('120');
    await form.getByLabel('Avstånd till närmaste brunn').fill('25');
    const warning = form.locator('[part=warning]');
    await warning.waitFor();
    assert.match((await warning.textContent())!.replace(/\s+/g, ' '), new RegExp(WARNING));
    await form.locator('[part=computed] output').filter({ hasText: '120 m' }).waitFor();
    await form.getByLabel('Fastighetsbeteckning').fill('Exempelby Ängen 1:23');
    await form.getByRole('button', { name: 'Fortsätt' }).click();

    // The review: the warning again, and the total over the boreholes.
    await form.getByRole('heading', { name: 'Granska dina uppgifter' }).waitFor();
    const summary = form.locator('.summary-list');
    assert.match((await summary.locator('.warning').first().textContent())!.replace(/\s+/g, ' '), new RegExp(WARNING));
    const computed = (await summary.locator('[part=computed]').allTextContents()).map((line) => line.replace(/\s+/g, ' ').trim());
    assert.ok(computed.includes('Totalt borrdjup: 120 m'), computed.join(' | '));

    const answer = page.waitForResponse((response) => response.url().endsWith('/api/cases') && response.request().method() === 'POST');
    await form.getByRole('button', { name: 'Skicka' }).click();
    const body = await (await answer).json() as { receipt: { caseNumber: string } };
    await form.getByRole('heading', { name: 'Tack för din anmälan' }).waitFor();
    const shown = (await page.locator('[data-case-number]').textContent())!.trim();
    assert.match(shown, /^VP-\d{4}-\d{5}$/);
    assert.equal(shown, body.receipt.caseNumber);
    assert.deepEqual(problems, []);

    // What the municipality reads: the answers, with the total the server worked out.
    const list = await (await officer('/api/officer/cases?limit=100')).json() as { items: { id: string; caseNumber: string }[] };
    const item = list.items.find((candidate) => candidate.caseNumber === shown);
    assert.ok(item, `the officer API lists ${shown}`);
    const stored = await (await officer(`/api/officer/cases/${item.id}`)).json() as { answers: Record<string, unknown> };
    assert.equal(stored.answers.totaltDjup, 120);
    assert.equal(stored.answers.effekt, 12);
    assert.equal(stored.answers.brunn, 25);
    await context.close();
  });
});
