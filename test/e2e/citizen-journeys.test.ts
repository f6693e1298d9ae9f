import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import type { Answers } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import specialkost from '../../server/demo-services/specialkost.json' with { type: 'json' };
import tomtko from '../../server/demo-services/tomtko.json' with { type: 'json' };
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { logInToForm, testAppUrl } from './bankid-app.js';
import { fillAndSendByKeyboard } from './keyboard-filler.js';

/** Fatima Hassan, sole guardian of Amina: a special diet for religious reasons. */
const AMINA_DIET: Answers = {
  child: '201902073822', unit: 'solrosen', startDate: '2027-01-11', dietReason: 'livsaskadning',
  allergies: [{ food: 'flask' }], guardianPhone: '070-765 43 21', guardianEmail: 'fatima.hassan@example.com', confirm: true,
};

/** Sara Öberg (skyddad folkbokföring) joins the plot queue with the address she chooses. */
const SARA_QUEUE: Answers = {
  applicantAddress: { street: 'Box 123', postalCode: '123 21', city: 'Exempelby' },
  email: 'sara@example.com', areas: ['sjovik'], houseType: 'villa', confirm: true,
};

/**
 * The demo as citizens meet it (`npm start`'s server and pages): a sole guardian is not asked for
 * another guardian, a protected person chooses her address, a once-per-person e-service says it
 * is used when it opens, and with the register down the form still opens.
 */
describe('the citizens’ journeys on the demo', () => {
  let server: RunningServer;
  let testApp: string;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    testApp = await testAppUrl(server);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sends a sole guardian’s special diet at once, without asking for another guardian', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const page = await context.newPage();
    await page.goto(`${server.url}/specialkost.html`);
    const form = page.locator('e-service-form');
    // The other guardian's address is required whenever it is asked: given none, the keyboard user
    // could not have gone past that step had it been asked.
    const caseNumber = await fillAndSendByKeyboard(page, ServiceDefinition.parse(specialkost), AMINA_DIET, 'sv', { testApp, name: 'Fatima Hassan' });
    assert.match(caseNumber, /^KOST-\d{4}-\d{5}$/);
    // Sent to the municipality, not waiting for anyone.
    await form.getByText('Tack, vi har tagit emot din anmälan om specialkost').waitFor();
    await context.close();
  });

  it('lets Sara, with skyddad folkbokföring, give the address she chooses; the second time Tomtkö says it is used, with the way to her case', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const page = await context.newPage();
    await page.goto(`${server.url}/tomtko.html`);
    const form = page.locator('e-service-form');
    await logInToForm(page, testApp, 'Sara Öberg', 'sv');
    const hint = await form.locator('[path=applicantAddress] .hint').first().textContent();
    assert.equal(hint?.trim(), 'Du har skyddade personuppgifter, så vi hämtar inte din adress från folkbokföringen. Du väljer själv vilken adress du lämnar, till exempel en dit post kan skickas.');
    const caseNumber = await fillAndSendByKeyboard(page, ServiceDefinition.parse(tomtko), SARA_QUEUE, 'sv', { testApp, name: 'Sara Öberg', loggedIn: true });
    assert.match(caseNumber, /^TOMT-\d{4}-\d{5}$/);

    await page.goto(`${server.url}/tomtko.html`);
    const notice = form.locator('[part=already-used]');
    await notice.getByRole('heading', { name: 'Du har redan använt tjänsten' }).waitFor();
    assert.equal(await form.locator('form').count(), 0, 'no questions');
    assert.equal(await form.getByRole('button', { name: /Skicka|Spara/ }).count(), 0);
    await notice.getByRole('link', { name: 'Gå till ditt ärende på Mina sidor' }).click();
    await page.waitForURL(/\/mina-sidor\.html\?case=/);
    await page.locator('my-cases').getByText(caseNumber).first().waitFor();
    await context.close();
  });

  it('opens the form while the register can’t be reached, with what waits for it named', async () => {
    const down = await startServer({ REGISTER_UNAVAILABLE: '1' });
    try {
      const downApp = await testAppUrl(down);
      const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
      const page = await context.newPage();
      await page.goto(`${down.url}/skolskjuts.html`);
      const form = page.locator('e-service-form');
      await logInToForm(page, downApp, 'Anna Andersson', 'sv');
      const notice = form.locator('[part=register-waiting]');
      await notice.waitFor();
      assert.match((await notice.textContent())!, /Du kan fylla i resten under tiden/);
      assert.match((await notice.textContent())!, /”Vilket barn gäller ansökan\?”/);
      await form.locator('[data-field=child]').getByText('Väntar på folkbokföringen – frågan går att besvara när den går att nå igen.').waitFor();
      // The rest of the step, and the steps after it, can be filled in meanwhile.
      await form.evaluate((el: HTMLElement & { setAnswers(answers: Record<string, unknown>): void }) =>
        el.setAnswers({ school: 'norrby', grade: '3', placementSchool: true, startDate: '2027-01-11' }));
      await form.getByRole('button', { name: 'Fortsätt' }).click();
      await form.locator('.page-title', { hasText: 'Resväg och skäl' }).waitFor();
      await context.close();
    } finally {
      await down.stop();
    }
  });
});
