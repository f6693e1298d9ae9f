import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { logInToForm, signInForm, testAppUrl } from './bankid-app.js';
import { chooseFileByKeyboard, tabTo } from './keyboard-filler.js';

/**
 * A citizen who uses only the keyboard applies for a preschool place on the demo page:
 * Tab to each question, type, arrow keys for choices, Space for boxes, Enter to go on.
 * Both e-services need e-ID: the citizen logs in and signs with BankID (the simulator's
 * test app plays the app), and the children come from the population register.
 */
describe('the demo page by keyboard alone', () => {
  let server: RunningServer;
  let browser: Browser;
  let testApp: string;
  before(async () => {
    server = await startServer();
    testApp = await testAppUrl(server);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('applies for a preschool place: steps, a date, a repeating group, conditions, review, send', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.url}/forskoleplats.html`);
    await page.getByRole('heading', { name: 'Ansökan om plats i förskola' }).waitFor();
    const continueButton = page.getByRole('button', { name: 'Fortsätt' });
    await logInToForm(page, testApp, 'Fatima Hassan', 'sv');

    // Step 1: the child — from the register; her child with protected identity is never shown.
    const children = page.getByRole('radiogroup', { name: 'Vilket barn söker du plats för?' }).getByRole('radio');
    assert.deepEqual(await children.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)), ['201902073822']);
    await tabTo(page, page.getByRole('radio', { name: /Amina Hassan/ }));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByLabel('När vill du att barnet ska börja?'));
    await page.keyboard.type('20270315');
    await page.keyboard.press('Tab');
    await page.keyboard.type('40');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Önskade förskolor', level: 3 }).waitFor();
    assert.equal(await page.getByText('Steg 2 av 4').count(), 1);

    // Step 2: preferences in order, in a repeating group.
    await tabTo(page, page.locator('e-service-form').getByRole('combobox').first());
    await page.keyboard.press('ArrowDown'); // Solrosens förskola
    await tabTo(page, page.getByRole('button', { name: 'Lägg till val' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.locator('e-service-form').getByRole('combobox').nth(1));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // Blåklockans förskola
    await tabTo(page, page.getByRole('radio', { name: 'Ja' }));
    await page.keyboard.press('Space');
    await page.getByLabel('Syskonets namn och förskola').waitFor(); // the follow-up question appears
    await tabTo(page, page.getByLabel('Syskonets namn och förskola'));
    await page.keyboard.type('Nils, Solrosens förskola');
    await page.keyboard.press('Enter');

    // Step 3: needs — answer no to both.
    await page.getByRole('heading', { name: 'Barnets behov' }).waitFor();
    for (const question of ['Har barnet behov av särskilt stöd?', 'Talar barnet ett annat språk än svenska hemma?']) {
      await tabTo(page, page.getByRole('radiogroup', { name: question }).getByRole('radio', { name: 'Ja' }));
      await page.keyboard.press('ArrowDown'); // moves to and picks "Nej"
    }
    await tabTo(page, continueButton);
    await page.keyboard.press('Enter');

    // Step 4: the guardian.
    await page.getByRole('heading', { name: 'Vårdnadshavare' }).waitFor();
    await tabTo(page, page.getByRole('radio', { name: 'Arbetar' }));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByLabel('Arbetsgivare eller skola'));
    await page.keyboard.type('Exempelby kommun');
    await tabTo(page, page.getByRole('radiogroup', { name: 'Bor det en annan vårdnadshavare i hushållet?' }).getByRole('radio', { name: 'Ja' }));
    await page.keyboard.press('ArrowDown');
    await tabTo(page, page.getByLabel('Ditt telefonnummer'));
    await page.keyboard.type('070-123 45 67');
    await page.keyboard.press('Tab');
    await page.keyboard.type('anna.andersson@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await tabTo(page, continueButton);
    await page.keyboard.press('Enter');

    // Review, then send.
    await page.getByRole('heading', { name: 'Granska dina uppgifter' }).waitFor();
    assert.equal(await page.getByText('2027-03-15').count(), 1);
    assert.equal(await page.getByText('Blåklockans förskola').count(), 1);
    assert.equal(await page.getByText('Amina Hassan').count(), 1);
    await signInForm(page, testApp, 'Fatima Hassan', 'sv');
    await page.getByRole('heading', { name: /Tack/ }).waitFor();
    const caseNumber = (await page.locator('[data-case-number]').textContent())!.trim();
    assert.match(caseNumber, /^FSK-\d{4}-\d{5}$/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('reports a special diet in English, with allergies and a certificate chosen by keyboard', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.url}/specialkost.html`);
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
    await page.getByRole('heading', { name: 'Special diet in preschool and school' }).first().waitFor();
    const continueButton = page.getByRole('button', { name: 'Continue' });
    await logInToForm(page, testApp, 'Anna Andersson', 'en');

    // Only the child at one of the municipality's own schools: Olle goes to school in Grannby.
    const children = page.getByRole('radiogroup', { name: 'Which child is the notification for?' }).getByRole('radio');
    assert.equal(await children.count(), 1);
    await tabTo(page, page.getByRole('radio', { name: /Maja Andersson/ }));
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // Solrosens förskola
    await tabTo(page, page.getByLabel('From what date does the child need a special diet?'));
    await page.keyboard.type('2027-01-10');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Allergies and special diet' }).waitFor();
    await tabTo(page, page.getByRole('radio', { name: /^Medical reasons/ }));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByLabel('Food'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // Egg
    // Tab reaches a radio group once; the arrow keys move within it.
    await tabTo(page, page.getByRole('radio', { name: /^Mildly/ }));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // Severely
    // A severe reaction brings a follow-up question inside the same allergy.
    await tabTo(page, page.getByRole('radiogroup', { name: 'Does the child also react to smell, steam or touch?' }).getByRole('radio', { name: 'Yes' }));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('radiogroup', { name: /emergency medicine/ }).getByRole('radio', { name: 'Yes' }));
    await page.keyboard.press('Space');
    await tabTo(page, continueButton);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Certificate', level: 3 }).waitFor();
    await chooseFileByKeyboard(page, page.getByLabel('Certificate'), 'intyg.pdf');
    await page.getByText('intyg.pdf has been uploaded.').waitFor({ state: 'attached' });
    await tabTo(page, continueButton);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Contact details and confirmation' }).waitFor();
    await tabTo(page, page.getByLabel('Your phone number'));
    await page.keyboard.type('+46 70 123 45 67');
    await page.keyboard.press('Tab');
    await page.keyboard.type('anna.andersson@example.com');
    // Both guardians sign: Erik gets a link at this address after Anna has signed.
    await page.keyboard.press('Tab');
    await page.keyboard.type('erik.andersson@example.com');
    await tabTo(page, page.getByRole('checkbox', { name: /^I confirm/ }));
    await page.keyboard.press('Space');
    await tabTo(page, continueButton);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
    assert.equal(await page.getByText('intyg.pdf').count(), 1);
    await signInForm(page, testApp, 'Anna Andersson', 'en');
    // Anna has signed; the case waits for Erik, the other guardian, and the receipt says so.
    await page.getByRole('heading', { name: 'Waiting for the other guardian to sign' }).waitFor();
    assert.match((await page.locator('[data-case-number]').textContent())!.trim(), /^KOST-\d{4}-\d{5}$/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
