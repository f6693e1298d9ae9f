import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { KitClient } from '../../src/client/kit-client.js';
import { sessionFor } from '../../src/client/session.js';
import type { EidLogin } from '../../src/elements/eid-login/eid-login.component.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import { navigation } from '../../src/elements/e-service-form/navigation.js';
import { backend, control, focused, formReady, question, shadow, submitButton } from './helpers.js';

/**
 * Paying for a case in <e-service-form>: the fee above Send, the payment step after the case is made, Swish and
 * card against the test backend's payment simulators (the test plays the payer through them, see
 * test/support/payment-payer.mjs), the way back from the card page, and the paid receipt. "boendeparkering" is the
 * demo e-service with a fee (server/demo-services/parkeringstillstand.json): 200 kr, free with a disabled parking
 * permit; "torgplats" (test/fixtures/services/) charges per stall, moms included; "markupplatelse" (the same folder) needs
 * e-ID and a signature beside its fee, 300 kr — logging in and signing play the BankID app at the backend's simulator
 * (test/support/bankid-player.mjs).
 */

const PARKING = { name: 'Anna Andersson', email: 'anna@example.se', registration: 'ABC 123', disabledPermit: false };

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const part = (el: EServiceForm, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const status = (el: EServiceForm) => text(part(el, 'payment-status'));
const heading = (el: EServiceForm) => part(el, 'payment-title');

async function parking(): Promise<EServiceForm> {
  const el = await fixture<EServiceForm>(html`<e-service-form service="parkeringstillstand" backend=${backend}></e-service-form>`);
  await formReady(el);
  return el;
}

/** Fills in the parking permit and sends it with the keyboard: the payment step comes instead of the receipt. */
async function sendParking(el: EServiceForm): Promise<string> {
  el.setAnswers(PARKING);
  await el.updateComplete;
  const made = oneEvent(el, 'e-service-submitted');
  submitButton(el).focus();
  await sendKeys({ press: 'Enter' });
  const { detail } = await made;
  await waitUntil(() => part(el, 'payment'), 'the payment step did not show');
  await waitUntil(() => focused(el) === heading(el), 'focus did not move to the payment step');
  return detail.caseId;
}

/** Chooses an option of one of the payment step's radio groups with the keyboard. */
async function choose(el: EServiceForm, path: string, index: number) {
  await waitUntil(() => shadow(el).querySelector(`#field-${path}`), `no ${path} question`);
  const field = question(el, path) as HTMLElement & { updateComplete: Promise<boolean> };
  await field.updateComplete;
  control(el, path, index === 0 ? 'control' : `control-${index}`).focus();
  await sendKeys({ press: 'Space' });
  await el.updateComplete;
}

/** Anna Andersson, a test person of the BankID simulator. */
const ANNA = '198001012387';

/** BankID on another device, by keyboard, from the buttons under `root`; the simulator's app approves as Anna. */
async function bankIdAsAnna(root: ParentNode) {
  await waitUntil(() => [...root.querySelectorAll('button')].some((b) => text(b) === 'BankID på en annan enhet'), 'no BankID buttons', { timeout: 5000 });
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === 'BankID på en annan enhet')!.focus();
  await sendKeys({ press: 'Enter' });
  await executeServerCommand('play-bankid', { personalNumber: ANNA, action: 'approve' });
}

/** Anna logged in at the backend, through an <eid-login> of its own (taken off the page afterwards). */
async function logInAsAnna() {
  const login = await fixture<EidLogin>(html`<eid-login backend=${backend}></eid-login>`);
  const done = oneEvent(login, 'eid-login-success');
  await bankIdAsAnna(login.shadowRoot!);
  await done;
  fixtureCleanup();
}

async function pay(el: EServiceForm) {
  const button = part(el, 'pay-button')!;
  button.focus();
  await sendKeys({ press: 'Enter' });
}

describe('paying for a case in <e-service-form>', () => {
  let visited: string[];
  const assign = navigation.assign;
  const page = location.href;

  beforeEach(() => {
    sessionStorage.clear();
    visited = [];
    navigation.assign = (url) => void visited.push(url);
  });

  afterEach(async () => {
    navigation.assign = assign;
    history.replaceState(history.state, '', page);
    // A test that logged in leaves the next one logged out.
    await sessionFor(backend).logout();
  });

  it('shows what is to be paid above Send on the one step, and that it is free with a disabled parking permit', async () => {
    const el = await parking();
    el.setAnswers(PARKING);
    await el.updateComplete;
    expect(text(part(el, 'fee-lines'))).to.equal('Boendeparkering, ett år 200,00 kr');
    expect(text(part(el, 'fee-total'))).to.equal('Att betala: 200,00 kr');
    expect(text(submitButton(el))).to.equal('Skicka och betala');
    // Right above Send, its heading under the e-service's title.
    expect(part(el, 'fee')!.querySelector('h3')!.textContent).to.equal('Avgift');
    await expect(el).to.be.accessible();

    // "Ja" with the keyboard: the fee goes, and Send says only that.
    control(el, 'disabledPermit').focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => text(part(el, 'fee-total')) === 'Ingen avgift', 'the fee did not become free');
    expect(part(el, 'fee-lines')).to.equal(null);
    expect(text(submitButton(el))).to.equal('Skicka');
    await expect(el).to.be.accessible();
  });

  it('speaks English with lang="en": "SEK 200.00", "Send and pay", and the payment step in English', async () => {
    const el = await fixture<EServiceForm>(html`<e-service-form service="parkeringstillstand" lang="en" backend=${backend}></e-service-form>`);
    await formReady(el);
    await waitUntil(() => text(submitButton(el)) === 'Send and pay', 'the form is not in English');
    expect(text(part(el, 'fee-total'))).to.equal('To pay: SEK 200.00');
    await sendParking(el);
    expect(text(heading(el))).to.equal('Pay the fee');
    expect(text(part(el, 'payment-amount'))).to.equal('SEK 200.00');
    expect(text(question(el, 'method').shadowRoot!.querySelector('legend'))).to.equal('How do you want to pay?');
    expect(text(part(el, 'pay-button'))).to.equal('Pay SEK 200.00');
    await expect(el).to.be.accessible();
  });

  it('lists the charged lines on the review page: a line per stall, the total and its moms', async () => {
    const el = await fixture<EServiceForm>(html`<e-service-form service="torgplats" backend=${backend}></e-service-form>`);
    await formReady(el);
    el.setAnswers({ namn: 'Anna Andersson', platser: [{ storlek: 'stor' }, { storlek: 'liten' }, { storlek: 'stor' }] });
    await el.updateComplete;
    for (let step = 0; step < 2; step++) {
      submitButton(el).focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
    }
    await waitUntil(() => text(shadow(el).querySelector('.page-title')) === 'Granska dina uppgifter', 'the review page did not show');
    const rows = [...part(el, 'fee-lines')!.querySelectorAll('.summary-list__row')].map((row) => text(row));
    expect(rows).to.deep.equal(['Grundavgift 100,00 kr', 'Stor plats 2 × 12,50 kr 25,00 kr']);
    expect(text(part(el, 'fee-total'))).to.equal('Att betala: 125,00 kr (varav moms 25,00 kr)');
    // Beside each step's answers (h4) under "Granska dina uppgifter" (h3).
    expect(part(el, 'fee')!.querySelector('h4')!.textContent).to.equal('Avgift');
    expect(text(submitButton(el))).to.equal('Skicka och betala');
    await expect(el).to.be.accessible();
  });

  it('makes the case and then asks how to pay: the case number, the amount, the choice of method', async () => {
    const el = await parking();
    const caseId = await sendParking(el);
    expect(shadow(el).querySelector('[part=receipt]')).to.equal(null);
    expect(text(heading(el))).to.equal('Betala avgiften');
    expect(text(shadow(el).querySelector('[data-case-number]'))).to.match(/^PARK-\d{4}-\d{5,}$/);
    expect(text(part(el, 'payment-amount'))).to.equal('200,00 kr');
    // The live region is there from the step's first render, silent until something happens.
    const region = part(el, 'payment-status')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(region.textContent!.trim()).to.equal('');
    const legend = question(el, 'method').shadowRoot!.querySelector('legend')!;
    expect(text(legend)).to.equal('Hur vill du betala?');
    expect([...question(el, 'method').shadowRoot!.querySelectorAll('label')].map((label) => text(label))).to.deep.equal(['Kort', 'Swish']);
    expect(text(part(el, 'pay-button'))).to.equal('Betala 200,00 kr');
    await expect(el).to.be.accessible();
    // The tab keeps the case, to come back to it from the card page.
    expect(Object.keys(sessionStorage).some((key) => key.startsWith('esk:payment:') && sessionStorage.getItem(key)!.includes(caseId))).to.equal(true);
  });

  it('asks for a method, and for a Swish number that Swish takes, GOV.UK-style', async () => {
    const el = await parking();
    await sendParking(el);
    await pay(el);
    await waitUntil(() => shadow(el).querySelector('.error-summary'), 'no error summary');
    expect(text(shadow(el).querySelector('.error-summary li'))).to.equal('Välj hur du vill betala');
    await choose(el, 'method', 1);
    await choose(el, 'swishWay', 2);
    const mobile = control(el, 'payerMobile');
    expect(mobile.type).to.equal('tel');
    expect(mobile.autocomplete).to.equal('tel');
    mobile.focus();
    await sendKeys({ type: '08-123 45 67' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(shadow(el).querySelector('.error-summary li')) === 'Ange ett svenskt mobilnummer, till exempel 070-123 45 67', 'no error for the number');
    await waitUntil(() => focused(el) === shadow(el).querySelector('.error-summary'), 'the summary did not take focus');
    const error = question(el, 'payerMobile').shadowRoot!.querySelector('.error-message');
    expect(text(error)).to.equal('Fel: Ange ett svenskt mobilnummer, till exempel 070-123 45 67');
    expect(mobile.getAttribute('aria-invalid')).to.equal('true');
    // No attempt was started.
    expect(status(el)).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('sends a Swish request to a number: says to approve it, says it was declined, tries again, and shows the paid receipt', async () => {
    const el = await parking();
    await sendParking(el);
    await choose(el, 'method', 1);
    await choose(el, 'swishWay', 2);
    control(el, 'payerMobile').focus();
    await sendKeys({ type: '070-123 45 67' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => status(el) === 'Öppna Swish och godkänn betalningen', 'the request was not said to be on its way');
    await waitUntil(() => focused(el) === heading(el) && text(heading(el)) === 'Betala med Swish', 'focus did not move to the pending step');
    expect(text(part(el, 'payment'))).to.contain('Betalningen är skickad till Swish på 070-123 45 67.');
    await expect(el).to.be.accessible();

    await executeServerCommand('play-payer', { swish: { payer: '46701234567' }, action: 'decline' });
    await waitUntil(() => status(el) === 'Betalningen nekades', 'the decline was not said', { timeout: 10_000 });
    await waitUntil(() => focused(el) === heading(el) && text(heading(el)) === 'Betalningen gick inte igenom', 'focus did not move to the failure');
    expect(text(part(el, 'pay-button'))).to.equal('Försök igen');
    await expect(el).to.be.accessible();

    const first = Object.values(sessionStorage).find((value) => value.includes('paymentId'));
    await pay(el);
    await waitUntil(() => status(el) === 'Öppna Swish och godkänn betalningen', 'no new attempt');
    expect(Object.values(sessionStorage).find((value) => value.includes('paymentId'))).not.to.equal(first);

    const paid = oneEvent(el, 'e-service-paid');
    await executeServerCommand('play-payer', { swish: { payer: '46701234567' }, action: 'approve' });
    await paid;
    await waitUntil(() => part(el, 'receipt'), 'no receipt');
    await waitUntil(() => focused(el) === shadow(el).querySelector('.receipt__title'), 'focus did not move to the receipt');
    const lines = text(part(el, 'receipt-payment'));
    expect(lines).to.contain('Betalt med Swish');
    expect(lines).to.contain('Belopp 200,00 kr');
    expect(lines).to.match(/Betalningsreferens \S+/);
    // Paid: the tab forgets the case.
    expect(Object.keys(sessionStorage).filter((key) => key.startsWith('esk:payment:'))).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('shows a QR code for Swish on another device, keeps waiting while nobody answers, and says when the time ran out', async () => {
    const el = await parking();
    await sendParking(el);
    await choose(el, 'method', 1);
    await choose(el, 'swishWay', 1);
    await pay(el);
    await waitUntil(() => status(el) === 'Öppna Swish och godkänn betalningen', 'the request was not said to be on its way');
    const qr = await waitUntil(() => part(el, 'swish-qr'), 'no QR code').then(() => part(el, 'swish-qr') as HTMLCanvasElement);
    await waitUntil(() => qr.width > 0, 'the QR code was not drawn');
    expect(qr.getAttribute('role')).to.equal('img');
    expect(qr.getAttribute('aria-label')).to.equal('QR-kod att skanna med Swish');
    await expect(el).to.be.accessible();
    // An unanswered request stays pending, and the step says the same as before (a read came in meanwhile).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(status(el)).to.equal('Öppna Swish och godkänn betalningen');

    await executeServerCommand('play-payer', { swish: {}, action: 'timeout' });
    await waitUntil(() => status(el) === 'Tiden för betalningen gick ut', 'the time running out was not said', { timeout: 10_000 });
    expect(part(el, 'swish-qr')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('opens the Swish app on this device with the way back to the page', async () => {
    const el = await parking();
    const caseId = await sendParking(el);
    await choose(el, 'method', 1);
    await choose(el, 'swishWay', 0);
    await pay(el);
    await waitUntil(() => visited.length === 1, 'the Swish app was not opened');
    const opened = new URL(visited[0]!);
    expect(opened.protocol).to.equal('swish:');
    expect(visited[0]).to.match(/^swish:\/\/paymentrequest\?token=[^&]+&callbackurl=/);
    const back = new URL(opened.searchParams.get('callbackurl')!);
    expect(back.searchParams.get('esk-payment')).to.equal(caseId);
    expect(back.origin).to.equal(location.origin);
    // Should the app not have opened, the citizen opens it.
    part(el, 'swish-link')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(visited).to.deep.equal([visited[0], visited[0]]);
    await expect(el).to.be.accessible();

    await executeServerCommand('play-payer', { swish: { token: opened.searchParams.get('token') }, action: 'cancel' });
    await waitUntil(() => status(el) === 'Något gick fel med betalningen', 'the failure was not said', { timeout: 10_000 });
    await expect(el).to.be.accessible();
  });

  it('sends the citizen to the card page, and shows the paid receipt when they come back to ?esk-payment=', async () => {
    let el = await parking();
    const caseId = await sendParking(el);
    await choose(el, 'method', 0);
    await pay(el);
    await waitUntil(() => visited.length === 1, 'the citizen was not sent to the card page');
    const cardPage = visited[0]!;
    expect(new URL(cardPage).origin).not.to.equal(location.origin);
    part(el, 'card-link')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(visited).to.deep.equal([cardPage, cardPage]);
    expect(status(el)).to.equal('Du skickas till betalsidan…');
    await expect(el).to.be.accessible();

    // The citizen pays on the provider's page, which sends them back to this page, naming the case.
    await executeServerCommand('play-payer', { card: cardPage, action: 'approve' });
    fixtureCleanup();
    const back = new URL(page);
    back.searchParams.set('esk-payment', caseId);
    history.replaceState(history.state, '', back);
    const paid = new Promise((resolve) => document.addEventListener('e-service-paid', resolve, { once: true }));
    el = await fixture<EServiceForm>(html`<e-service-form service="parkeringstillstand" backend=${backend}></e-service-form>`);
    await paid;
    await waitUntil(() => part(el, 'receipt'), 'no receipt');
    expect(text(part(el, 'receipt-payment'))).to.contain('Betalt med kort');
    expect(text(shadow(el).querySelector('[data-case-number]'))).to.match(/^PARK-/);
    // The way back is taken out of the address: a reload does not come back to it.
    expect(new URL(location.href).searchParams.has('esk-payment')).to.equal(false);
    await waitUntil(() => focused(el) === shadow(el).querySelector('.receipt__title'), 'focus did not move to the receipt');
    await expect(el).to.be.accessible();
  });

  it('says a payment cancelled on the card page was cancelled, and Try again goes to a new card page', async () => {
    let el = await parking();
    const caseId = await sendParking(el);
    await choose(el, 'method', 0);
    await pay(el);
    await waitUntil(() => visited.length === 1, 'the citizen was not sent to the card page');
    await executeServerCommand('play-payer', { card: visited[0], action: 'cancel' });

    fixtureCleanup();
    const back = new URL(page);
    back.searchParams.set('esk-payment', caseId);
    history.replaceState(history.state, '', back);
    el = await fixture<EServiceForm>(html`<e-service-form service="parkeringstillstand" backend=${backend}></e-service-form>`);
    await waitUntil(() => status(el) === 'Betalningen avbröts', 'the cancel was not said', { timeout: 10_000 });
    await waitUntil(() => focused(el) === heading(el) && text(heading(el)) === 'Betalningen gick inte igenom', 'focus did not move to the failure');
    expect(text(part(el, 'payment'))).to.contain('Inga pengar har dragits.');
    await expect(el).to.be.accessible();

    await pay(el);
    await waitUntil(() => visited.length === 2, 'Try again did not go to a new card page');
    expect(visited[1]).not.to.equal(visited[0]);
  });

  it('says so when the card was declined and the citizen came back without paying, and offers the card page again', async () => {
    let el = await parking();
    const caseId = await sendParking(el);
    await choose(el, 'method', 0);
    await pay(el);
    await waitUntil(() => visited.length === 1, 'the citizen was not sent to the card page');
    // Declined at the provider: the attempt stays open there, for the citizen to try another card.
    await executeServerCommand('play-payer', { card: visited[0], action: 'decline' });

    fixtureCleanup();
    const back = new URL(page);
    back.searchParams.set('esk-payment', caseId);
    history.replaceState(history.state, '', back);
    el = await fixture<EServiceForm>(html`<e-service-form service="parkeringstillstand" backend=${backend}></e-service-form>`);
    await waitUntil(() => status(el) === 'Kortet nekades. Du kan försöka igen på betalsidan eller välja ett annat sätt att betala.', 'the decline was not said', { timeout: 10_000 });
    expect(text(heading(el))).to.equal('Betala med kort');
    await expect(el).to.be.accessible();
    part(el, 'card-link')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(visited).to.deep.equal([visited[0], visited[0]]);

    // Another way to pay: the choice comes back, focus on its heading.
    part(el, 'other-way')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(el) === heading(el) && text(heading(el)) === 'Betala avgiften', 'the choice did not come back');
    expect(status(el)).to.equal('');
    await expect(el).to.be.accessible();
  });
  it('shows the fee on the review of an e-service that is signed, "Skriv under och betala", and signing leads to the payment step', async () => {
    const el = await fixture<EServiceForm>(html`<e-service-form service="markupplatelse" backend=${backend}></e-service-form>`);
    el.openBankId = () => {};
    // Logged out: the form's own login (the page has none), BankID on another device, the app approves as Anna.
    await waitUntil(() => shadow(el).querySelector('eid-login')?.shadowRoot, 'no login', { timeout: 15_000 });
    await bankIdAsAnna(shadow(el).querySelector('eid-login')!.shadowRoot!);
    await formReady(el);
    control(el, 'plats').focus();
    await sendKeys({ type: 'Stora torget' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(shadow(el).querySelector('.page-title')) === 'Syftet', 'the second step did not show');
    control(el, 'syfte').focus();
    await sendKeys({ type: 'Loppis' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(shadow(el).querySelector('.page-title')) === 'Granska dina uppgifter', 'the review page did not show');
    expect(text(part(el, 'fee-lines'))).to.equal('Markupplåtelse, en månad 300,00 kr');
    expect(text(part(el, 'fee-total'))).to.equal('Att betala: 300,00 kr');
    expect(text(submitButton(el))).to.equal('Skriv under och betala');
    await expect(el).to.be.accessible();

    const made = oneEvent(el, 'e-service-submitted');
    submitButton(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).querySelector('.signing'), 'signing did not open');
    await bankIdAsAnna(shadow(el).querySelector('.signing')!);
    await made;
    await waitUntil(() => part(el, 'payment'), 'the payment step did not show', { timeout: 10_000 });
    await waitUntil(() => focused(el) === heading(el), 'focus did not move to the payment step');
    expect(text(heading(el))).to.equal('Betala avgiften');
    expect(text(shadow(el).querySelector('[data-case-number]'))).to.match(/^MARK-\d{4}-\d{5,}$/);
    expect(text(part(el, 'payment-amount'))).to.equal('300,00 kr');
    expect(text(part(el, 'pay-button'))).to.equal('Betala 300,00 kr');
    await expect(el).to.be.accessible();
  });

  describe('opening a case to pay (?pay=, Mina sidor\'s "Betala")', () => {
    const notice = (el: EServiceForm) => text(part(el, 'pay-notice'));

    it('says to log in when nobody is logged in, and the form beneath takes answers', async () => {
      const el = await fixture<EServiceForm>(html`<e-service-form service="parkeringstillstand" pay="00000000-0000-4000-8000-000000000001" backend=${backend}></e-service-form>`);
      await formReady(el);
      await waitUntil(() => notice(el), 'no notice');
      expect(notice(el)).to.equal('Logga in för att betala ärendet. Logga in på Mina sidor och välj Betala igen.');
      expect(part(el, 'pay-notice')!.getAttribute('role')).to.equal('alert');
      expect(part(el, 'payment')).to.equal(null);
      control(el, 'name').focus();
      await sendKeys({ type: 'Anna' });
      expect(control(el, 'name').value).to.equal('Anna');
      await expect(el).to.be.accessible();
    });

    it('says the case is not there, or not the citizen\'s, for someone else\'s case named in ?pay=', async () => {
      // A case made without a login: nobody's own, so not Anna's.
      const first = await parking();
      const caseId = await sendParking(first);
      fixtureCleanup();
      sessionStorage.clear();
      await logInAsAnna();
      const back = new URL(page);
      back.searchParams.set('pay', caseId);
      history.replaceState(history.state, '', back);
      const el = await fixture<EServiceForm>(html`<e-service-form service="parkeringstillstand" backend=${backend}></e-service-form>`);
      await formReady(el);
      await waitUntil(() => notice(el), 'no notice', { timeout: 10_000 });
      expect(notice(el)).to.equal('Ärendet som skulle betalas finns inte, eller är inte ditt. Gå till Mina sidor och välj Betala på ärendet.');
      expect(part(el, 'payment')).to.equal(null);
      expect(text(submitButton(el))).to.equal('Skicka och betala');
      await expect(el).to.be.accessible();
    });

    it('says the case could not be fetched when the backend is out of reach, and Försök igen asks again by keyboard', async () => {
      // The e-service's definition comes; the case does not, the first time.
      let failed = 0;
      const client = new KitClient(backend, (input, init) =>
        String(input).includes('/api/my/cases/') && failed++ === 0 ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init));
      const el = await fixture<EServiceForm>(html`<e-service-form service="parkeringstillstand" pay="00000000-0000-4000-8000-000000000002" .client=${client}></e-service-form>`);
      await formReady(el);
      await waitUntil(() => notice(el), 'no notice');
      expect(notice(el)).to.equal('Det gick inte att hämta ärendet som skulle betalas. Försök igen om en stund. Försök igen');
      await expect(el).to.be.accessible();
      part(el, 'pay-notice')!.querySelector('button')!.focus();
      await sendKeys({ press: 'Enter' });
      // Reached this time: nobody is logged in, and it says so.
      await waitUntil(() => notice(el).startsWith('Logga in för att betala ärendet.'), `not asked again: ${notice(el)}`);
      expect(failed).to.equal(2);
      await expect(el).to.be.accessible();
    });
  });
});
