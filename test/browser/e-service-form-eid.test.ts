import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { KitClient } from '../../src/client/kit-client.js';
import { sessionFor } from '../../src/client/session.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import type { EidLogin } from '../../src/elements/eid-login/eid-login.component.js';
import {
  ANNA, ANNA_ANSWERS, BENGT, CASE_NUMBER, EID_BACKEND_URL, EID_DEFINITION, EID_SERVICE_ID, PREFILL_ANNA, PREFILL_NO_CHILDREN,
  PREFILL_PROTECTED, SARA, SIGNED, TYPED_REASON, eidBackend, type EidScript,
} from '../../stories/support/eid-example.js';
import { $, control, focused, question, shadow } from './helpers.js';

/**
 * <e-service-form> for an e-service that needs e-ID (login "required", signing "sign"), against a
 * scripted fake backend passed as the KitClient's fetch: the form hands the same fetch to its
 * nested <eid-login> and to the page's session store. Each test has a backend URL of its own, so
 * no session store, BroadcastChannel or saved answers are shared between tests.
 */

const TEXT = {
  title: 'Ansökan om busskort för skolelev',
  loginRequired: 'Du behöver logga in med e-legitimation för att använda den här e-tjänsten. Dina uppgifter hämtas då från folkbokföringen.',
  loginAgain: 'Du har loggats ut. Logga in igen för att fortsätta – det du har fyllt i finns kvar.',
  registerUnavailable: 'Vi kan inte hämta dina uppgifter från folkbokföringen just nu. Det du har fyllt i finns kvar. Försök igen om en stund.',
  fromRegister: 'Från folkbokföringen',
  sign: 'Skriv under och skicka',
  signTitle: 'Skriv under med BankID',
  RFA1: 'Starta BankID-appen.',
  RFA6: 'Åtgärden avbröts.',
  RFA9: 'Skriv in din säkerhetskod i BankID-appen och välj Identifiera eller Skriv under.',
};

let tests = 0;

async function mount(script: EidScript) {
  const base = `${EID_BACKEND_URL}t${++tests}/`;
  const backend = eidBackend(script, base);
  const client = new KitClient(base, backend.fetch);
  const el = await fixture<EServiceForm>(html`<e-service-form service=${EID_SERVICE_ID} .client=${client}></e-service-form>`);
  el.openBankId = () => {};
  return { el, backend, client, storageKey: `esk:form:${base}:${EID_SERVICE_ID}` };
}

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** As rendered, a line break (the address's <br>) as a space. */
const shown = (node: Element | null | undefined) => (node as HTMLElement | null | undefined)?.innerText?.replace(/\s+/g, ' ').trim() ?? '';
/** Whether the form's shadow root holds something matching `selector`. */
const has = (el: EServiceForm, selector: string) => !!shadow(el).querySelector(selector);
/** A node as text for assertions (chai's messages about DOM nodes are too big for the test runner to report). */
const where = (node: Element | null | undefined) => (node ? `${node.tagName.toLowerCase()}.${[...node.classList].join('.')} «${text(node)}»` : 'nothing');
const buttonsIn = (root: ParentNode) => [...root.querySelectorAll('button')].map((b) => text(b));
const buttons = (el: EServiceForm) => buttonsIn(shadow(el));
const loginOf = (el: EServiceForm) => shadow(el).querySelector<EidLogin>('eid-login');
const pageTitle = (el: EServiceForm) => text(shadow(el).querySelector('.page-title'));
const signingStatus = (el: EServiceForm) => text(shadow(el).querySelector('[part=signing-status]'));
const radios = (el: EServiceForm, id: string) =>
  [...question(el, id).shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')].map((input) => ({
    value: input.value,
    label: text(input.labels?.[0]),
  }));

function buttonIn(root: ParentNode, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => text(b) === label);
  if (!found) throw new Error(`no button "${label}" (there are: ${buttonsIn(root).join(', ')})`);
  return found;
}

/** Focuses a button and presses Enter, as a keyboard user does. */
async function press(button: HTMLElement, key: 'Enter' | 'Space' = 'Enter') {
  button.focus();
  await sendKeys({ press: key });
}

async function gate(el: EServiceForm) {
  await waitUntil(() => loginOf(el)?.shadowRoot && buttonsIn(loginOf(el)!.shadowRoot!).includes('BankID på en annan enhet'), 'no login buttons', { timeout: 5000 });
  return loginOf(el)!;
}

async function questions(el: EServiceForm) {
  await waitUntil(() => shadow(el).querySelector('form'), 'the questions did not appear', { timeout: 5000 });
  await el.updateComplete;
}

/** Logs in through the nested <eid-login>, BankID on another device, by keyboard. */
async function logIn(el: EServiceForm) {
  const login = await gate(el);
  await press(buttonIn(login.shadowRoot!, 'BankID på en annan enhet'));
  await questions(el);
}

/** Continue on each step (by keyboard) until the review. */
async function toReview(el: EServiceForm) {
  for (let i = 0; i < 3 && !pageTitle(el).startsWith('Granska'); i++) {
    await press(buttonIn(shadow(el), 'Fortsätt'));
    await el.updateComplete;
  }
  expect(pageTitle(el)).to.equal('Granska dina uppgifter');
}

/** On step 1, choose Ella (the first child) with Space; Continue; type the reason on step 2. */
async function answerAll(el: EServiceForm) {
  const first = question(el, 'child').shadowRoot!.querySelector<HTMLInputElement>('input[type=radio]')!;
  first.focus();
  await sendKeys({ press: 'Space' });
  await el.updateComplete;
  await press(buttonIn(shadow(el), 'Fortsätt'));
  await el.updateComplete;
  expect(pageTitle(el)).to.equal('Resan');
  control<HTMLTextAreaElement>(el, 'reason').focus();
  await sendKeys({ type: TYPED_REASON });
  await el.updateComplete;
}

async function signingChoice(el: EServiceForm) {
  await press(buttonIn(shadow(el), TEXT.sign));
  await el.updateComplete;
  await waitUntil(() => shadow(el).querySelector('.signing'), 'signing did not open');
}

/** The answers the form holds now (a private field, read to be sure nothing is left). */
const answersOf = (el: EServiceForm) => (el as unknown as { answers: unknown }).answers;

const until = (what: () => unknown, message: string, timeout = 5000) => waitUntil(what, message, { timeout });

const expiredDialog = () => document.querySelector('esk-session-timeout')?.shadowRoot?.querySelector('dialog[open]');

describe('<e-service-form> with e-ID', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    // A test that ended with the session notice open must not leave the page inert.
    document.querySelectorAll('esk-session-timeout').forEach((dialog) => dialog.remove());
  });

  describe('not logged in', () => {
    it('shows the title, description, the login notice and <eid-login>, and no questions, accessibly', async () => {
      const { el, backend } = await mount({});
      const login = await gate(el);
      expect(text($(el, '[part=title]'))).to.equal(TEXT.title);
      expect(text($(el, '[part=description]'))).to.equal(EID_DEFINITION.description.sv);
      expect(text($(el, '[part=login-notice]'))).to.equal(TEXT.loginRequired);
      expect(buttonsIn(login.shadowRoot!)).to.deep.equal(['BankID på den här enheten', 'BankID på en annan enhet']);
      expect(has(el, 'form')).to.equal(false);
      expect(has(el, '[id^=field-]')).to.equal(false);
      // Nothing about the person is asked for before the login.
      expect(backend.sent.some((r) => r.path.endsWith('/prefill'))).to.equal(false);
      await expect(el).to.be.accessible();
    });
  });

  describe('logging in', () => {
    it('through the nested <eid-login>: the register is asked and the questions appear', async () => {
      const { el, backend } = await mount({
        loginOrders: [{ status: 'pending', hintCode: 'outstandingTransaction', qrData: 'bankid.abc.0.aa' }, { status: 'complete', user: ANNA }],
      });
      const login = await gate(el);
      await press(buttonIn(login.shadowRoot!, 'BankID på en annan enhet'));
      await until(() => login.shadowRoot!.querySelector('canvas'), 'no QR code while logging in');
      expect(backend.sent.find((r) => r.path === 'api/eid/login')!.body).to.deep.equal({ method: 'otherDevice' });
      await questions(el);
      expect(backend.sent.filter((r) => r.method === 'GET' && r.path === `api/services/${EID_SERVICE_ID}/prefill`)).to.have.length(1);
      expect(pageTitle(el)).to.equal('Du och barnet');
      expect(text($(el, '[part=step-indicator]'))).to.equal('Steg 1 av 2');
      await expect(el).to.be.accessible();
    });

    // While the register is asked only a spinner shows, so the login's buttons are gone: the form
    // remembers that the login was done inside it and moves focus on when the questions come.
    it('moves focus from the login to the page title once the questions appear', async () => {
      const { el } = await mount({});
      await logIn(el);
      expect(where(focused(el)), 'focus on the page title').to.equal(where($(el, '.page-title')));
    });

    it('shows the prefilled answers as text "Från folkbokföringen", not as inputs', async () => {
      const { el } = await mount({});
      await logIn(el);
      const locked = [...shadow(el).querySelectorAll('[data-field].prefilled')].map((row) => [
        row.getAttribute('data-field'), text(row.querySelector('.label')), shown(row.querySelector('.prefilled__value')), text(row.querySelector('.hint')),
      ]);
      expect(locked).to.deep.equal([
        ['applicantName', 'Ditt namn', 'Anna Andersson', TEXT.fromRegister],
        ['applicantNumber', 'Ditt personnummer', '19800101-2387', TEXT.fromRegister],
        ['address', 'Din adress', 'Storgatan 12 123 45 Exempelby', TEXT.fromRegister],
      ]);
      for (const id of ['applicantName', 'applicantNumber', 'address']) {
        expect(has(el, `#field-${id}`), `${id} is no input`).to.equal(false);
      }
      await expect(el).to.be.accessible();
    });

    it('lists exactly the register’s children at the municipality’s schools for an ownSchoolsOnly question, all of them for another', async () => {
      const { el } = await mount({ user: ANNA });
      await questions(el);
      expect(radios(el, 'child')).to.deep.equal([
        { value: '201504122383', label: 'Ella Andersson, 20150412-2383' },
        { value: '201206302380', label: 'Alva Andersson, 20120630-2380' },
      ]);
      await answerAll(el);
      expect(radios(el, 'sibling').map((r) => r.label)).to.deep.equal([
        'Ella Andersson, 20150412-2383', 'Noah Andersson, 20180914-3396', 'Alva Andersson, 20120630-2380',
      ]);
      await expect(el).to.be.accessible();
    });
  });

  describe('a protected person', () => {
    it('gets the name locked and the address as a question to fill in, accessibly', async () => {
      const { el } = await mount({ user: SARA, prefill: [PREFILL_PROTECTED] });
      await questions(el);
      const locked = [...shadow(el).querySelectorAll('[data-field].prefilled')].map((row) => row.getAttribute('data-field'));
      expect(locked).to.deep.equal(['applicantName', 'applicantNumber']);
      expect(question(el, 'address').tagName).to.equal('ESK-ADDRESS-FIELD');
      const street = question(el, 'address').shadowRoot!.querySelector<HTMLInputElement>('input')!;
      expect(street.value).to.equal('');
      street.focus();
      await sendKeys({ type: 'Box 12' });
      await el.updateComplete;
      expect(radios(el, 'child').map((r) => r.label)).to.deep.equal(['Leo Svensson, 20110410-2395']);
      await expect(el).to.be.accessible();
    });
  });

  describe('no children in the register', () => {
    it('says that the register lists no child of theirs, and whom to ask, instead of an empty question', async () => {
      const { el } = await mount({ user: BENGT, prefill: [PREFILL_NO_CHILDREN] });
      await questions(el);
      const row = $(el, '[data-field=child]');
      expect(text(row.querySelector('.label'))).to.equal('Vilket barn gäller ansökan?');
      expect(text(row.querySelector('.notice'))).to.contain('Vi hittar inget barn i folkbokföringen');
      expect(shadow(el).querySelectorAll('[data-field=child] input').length).to.equal(0);
      await expect(el).to.be.accessible();
      await press(buttonIn(shadow(el), 'Fortsätt'));
      await el.updateComplete;
      expect(pageTitle(el)).to.equal('Du och barnet');
      expect(text($(el, '.error-summary'))).to.contain('Välj barnet');
      // The summary's link leads to the explanation.
      await press(shadow(el).querySelector<HTMLElement>('.error-summary a')!);
      expect(where(focused(el))).to.equal(where(row));
      await expect(el).to.be.accessible();
    });
  });

  describe('the register unavailable', () => {
    it('says so in an alert with Try again, which fetches again by keyboard and shows the form', async () => {
      const unavailable = { problem: { status: 503, type: '/problems/register-unavailable', title: 'Folkbokföringen går inte att nå just nu' } };
      const { el, backend } = await mount({ user: ANNA, prefill: [unavailable, PREFILL_ANNA] });
      await until(() => shadow(el).querySelector('[part=load-error]'), 'no alert');
      const alert = $(el, '[part=load-error]');
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(text(alert.querySelector('p'))).to.equal(TEXT.registerUnavailable);
      expect(text($(el, '[part=title]'))).to.equal(TEXT.title);
      expect(has(el, 'form')).to.equal(false);
      await expect(el).to.be.accessible();

      await press(buttonIn(alert, 'Försök igen'));
      await questions(el);
      expect(backend.sent.filter((r) => r.path.endsWith('/prefill'))).to.have.length(2);
      expect(has(el, '[part=load-error]')).to.equal(false);
      expect(text($(el, '[data-field=applicantName] .prefilled__value'))).to.equal('Anna Andersson');
      await expect(el).to.be.accessible();
    });
  });

  describe('a foreign e-ID without a Swedish personnummer', () => {
    it('is told in plain words, in an alert, that this e-service needs one — no questions, nothing to press in vain', async () => {
      const refused = { problem: { status: 403, type: '/problems/personal-number-required', title: 'E-tjänsten kräver svenskt personnummer eller samordningsnummer' } };
      const hannah = { name: 'Hannah Müller', givenName: 'Hannah', surname: 'Müller' };
      const { el, backend } = await mount({ user: hannah, eid: 'eidas', prefill: [refused] });
      await until(() => shadow(el).querySelector('[part=refused-notice]'), 'no notice');
      const notice = $(el, '[part=refused-notice]');
      expect(notice.getAttribute('role')).to.equal('alert');
      expect(text(notice)).to.equal('Den här e-tjänsten kräver svenskt personnummer eller samordningsnummer. Din e-legitimation har inget av dem, så du kan inte använda e-tjänsten med den. Kontakta kommunen för att ansöka på ett annat sätt.');
      // The municipality's contact is right below, and nothing asks to try again or to fill in.
      expect(text($(el, '[part=contact]'))).to.not.equal('');
      expect(has(el, 'form')).to.equal(false);
      expect(shadow(el).querySelectorAll('button')).to.have.length(0);
      expect(backend.sent.filter((r) => r.path.endsWith('/prefill'))).to.have.length(1);
      await expect(el).to.be.accessible();

      el.lang = 'en';
      const english = 'This e-service needs a Swedish personal identity number or coordination number. Your e-ID has neither, so you cannot use the e-service with it. Contact the municipality to apply another way.';
      await until(() => text(shadow(el).querySelector('[part=refused-notice]')) === english, 'no English notice');
    });
  });

  describe('the review', () => {
    it('has no Change button for the register’s answers but "Från folkbokföringen"; the child by name', async () => {
      const { el } = await mount({ user: ANNA });
      await questions(el);
      await answerAll(el);
      await toReview(el);
      const rows = [...shadow(el).querySelectorAll('.summary-list__row')].map((row) => [
        text(row.querySelector('.summary-list__key')), shown(row.querySelector('.summary-list__value')), text(row.querySelector('.summary-list__actions')),
      ]);
      expect(rows).to.deep.equal([
        ['Ditt namn', 'Anna Andersson', TEXT.fromRegister],
        ['Ditt personnummer', '19800101-2387', TEXT.fromRegister],
        ['Din adress', 'Storgatan 12 123 45 Exempelby', TEXT.fromRegister],
        ['Vilket barn gäller ansökan?', 'Ella Andersson', 'Ändra Vilket barn gäller ansökan?'],
        ['Varför behöver barnet busskort?', TYPED_REASON, 'Ändra Varför behöver barnet busskort?'],
        ['Syskon som också ska ha busskort', 'Inte angivet', 'Ändra Syskon som också ska ha busskort'],
      ]);
      expect(text($(el, '[part=submit-button]'))).to.equal(TEXT.sign);
      await expect(el).to.be.accessible();
    });
  });

  describe('signing', () => {
    async function atReview(script: EidScript) {
      const mounted = await mount({ user: ANNA, ...script });
      await questions(mounted.el);
      await answerAll(mounted.el);
      await toReview(mounted.el);
      return mounted;
    }

    it('asks this device or another in "Skriv under med BankID", with focus moved into it, accessibly', async () => {
      const { el } = await atReview({});
      await signingChoice(el);
      const signing = $(el, '.signing');
      expect(text(signing.querySelector('h3'))).to.equal(TEXT.signTitle);
      expect(text(signing)).to.contain('Du skriver under med ditt BankID att uppgifterna stämmer.');
      expect(buttonsIn(signing)).to.deep.equal(['BankID på den här enheten', 'BankID på en annan enhet', 'Avbryt']);
      expect(has(el, '[part=submit-button]'), 'the send button gives way').to.equal(false);
      expect(text(focused(el))).to.equal('BankID på den här enheten');
      await expect(el).to.be.accessible();
    });

    it('on another device: sends the answers with an Idempotency-Key, shows the QR code and RFA texts, then the receipt', async () => {
      const { el, backend, storageKey } = await atReview({
        signStart: [{ orderRef: 'sign-1' }],
        signOrders: [
          { status: 'pending', hintCode: 'outstandingTransaction', qrData: '*' },
          { status: 'pending', hintCode: 'userSign', qrData: '*' },
          { status: 'complete', result: SIGNED },
        ],
      });
      await signingChoice(el);
      await sendKeys({ press: 'Tab' });
      expect(text(focused(el))).to.equal('BankID på en annan enhet');
      const submitted = oneEvent(el, 'e-service-submitted');
      await sendKeys({ press: 'Enter' });

      await until(() => signingStatus(el) === TEXT.RFA1 && shadow(el).querySelector('.signing canvas'), `status "${signingStatus(el)}", expected RFA1 and a QR code`);
      const post = backend.sent.find((r) => r.method === 'POST' && r.path === 'api/signatures')!;
      expect(post.body).to.deep.equal({ serviceId: EID_SERVICE_ID, serviceVersion: EID_DEFINITION.version, lang: 'sv', answers: ANNA_ANSWERS, method: 'otherDevice' });
      expect(post.headers['Idempotency-Key']).to.match(/^[0-9a-f-]{36}$/);
      expect(post.headers['X-Requested-With']).to.equal('e-service-kit');
      const canvas = $(el, '.signing canvas');
      expect(canvas.getAttribute('role')).to.equal('img');
      expect(canvas.getAttribute('aria-label')).to.contain('QR-kod');
      expect(text(focused(el)), 'focus stays in signing, on Cancel').to.equal('Avbryt');
      await expect(el).to.be.accessible();

      await until(() => signingStatus(el) === TEXT.RFA9, `status "${signingStatus(el)}", expected RFA9`);
      expect(backend.sent.filter((r) => r.method === 'GET' && r.path === 'api/signatures/sign-1').length).to.be.greaterThan(1);
      await expect(el).to.be.accessible();

      const { detail } = await submitted;
      await el.updateComplete;
      expect(detail.caseNumber).to.equal(CASE_NUMBER);
      expect(text($(el, '[data-case-number]'))).to.equal(CASE_NUMBER);
      expect(where(focused(el))).to.equal(where($(el, '.receipt__title')));
      expect(sessionStorage.getItem(storageKey), 'the saved answers are gone').to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('Cancel stops the order (RFA6), and Cancel again goes back to the review’s buttons, focus on the one signing came from', async () => {
      const { el, backend } = await atReview({ signOrders: [{ status: 'pending', hintCode: 'outstandingTransaction', qrData: '*' }] });
      await signingChoice(el);
      await press(buttonIn($(el, '.signing'), 'BankID på en annan enhet'));
      await until(() => shadow(el).querySelector('.signing canvas'), 'no QR code');
      await press(buttonIn($(el, '.signing'), 'Avbryt'));
      await el.updateComplete;
      expect(backend.sent.some((r) => r.method === 'DELETE' && r.path === 'api/signatures/sign-1')).to.equal(true);
      expect(signingStatus(el)).to.equal(TEXT.RFA6);
      expect(buttonsIn($(el, '.signing'))).to.deep.equal(['BankID på den här enheten', 'BankID på en annan enhet', 'Avbryt']);
      await expect(el).to.be.accessible();

      await press(buttonIn($(el, '.signing'), 'Avbryt'));
      await el.updateComplete;
      expect(has(el, '.signing')).to.equal(false);
      expect(text($(el, '[part=submit-button]'))).to.equal(TEXT.sign);
      // Not the review's heading at the top of a long page: the citizen goes on from the button they left.
      expect(focused(el)).to.equal($(el, '[part=submit-button]'));
      await press(focused(el) as HTMLElement);
      await el.updateComplete;
      expect(buttonsIn($(el, '.signing')), 'Enter signs again').to.deep.equal(['BankID på den här enheten', 'BankID på en annan enhet', 'Avbryt']);
      await press(buttonIn($(el, '.signing'), 'Avbryt'));
      await el.updateComplete;
      const polls = backend.sent.length;
      await new Promise((resolve) => setTimeout(resolve, 1300));
      expect(backend.sent.length, 'polling stopped').to.equal(polls);
      await expect(el).to.be.accessible();
    });

    it('a failed order (userCancel) says RFA6 with Try again, which starts a new order with a new key', async () => {
      const { el, backend } = await atReview({ signOrders: [{ status: 'failed', hintCode: 'userCancel' }] });
      await signingChoice(el);
      await press(buttonIn($(el, '.signing'), 'BankID på en annan enhet'));
      await until(() => signingStatus(el) === TEXT.RFA6, `status "${signingStatus(el)}", expected RFA6`);
      expect(buttonsIn($(el, '.signing'))).to.deep.equal(['Försök igen', 'Avbryt']);
      expect(text(focused(el))).to.equal('Försök igen');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Enter' });
      await until(() => backend.sent.filter((r) => r.method === 'POST' && r.path === 'api/signatures').length === 2, 'no second order');
      const [first, second] = backend.sent.filter((r) => r.method === 'POST' && r.path === 'api/signatures');
      expect(second!.body).to.deep.equal(first!.body);
      expect(second!.headers['Idempotency-Key']).not.to.equal(first!.headers['Idempotency-Key']);
    });

    it('a once-per-person e-service used before says so in the server’s words, with a link to the case on Mina sidor', async () => {
      const used = {
        problem: {
          status: 409, type: '/problems/already-used', title: 'Du har redan använt tjänsten',
          detail: 'Du kan bara skicka en ansökan. Du hittar den under Mina sidor.', caseId: '0b8f4c6e-2d1a-4e3b-9c7d-5a6f8e9d0c1b',
        },
      };
      const { el } = await atReview({ signStart: [used] });
      el.myPagesUrl = '/mina-sidor.html?case={id}';
      await signingChoice(el);
      await press(buttonIn($(el, '.signing'), 'BankID på en annan enhet'));
      await until(() => text(shadow(el).querySelector('[part=submit-error]')).includes('redan använt'), 'no already-used message');
      await el.updateComplete;
      const message = $(el, '[part=submit-error]');
      expect(text(message), 'title and detail as two sentences').to.equal('Du har redan använt tjänsten. Du kan bara skicka en ansökan. Du hittar den under Mina sidor.');
      expect(where(focused(el))).to.equal(where(message));
      expect(has(el, '.signing')).to.equal(false);
      const link = $<HTMLAnchorElement>(el, '[part=existing-case-link]');
      expect(link.getAttribute('href')).to.equal('/mina-sidor.html?case=0b8f4c6e-2d1a-4e3b-9c7d-5a6f8e9d0c1b');
      expect(text(link)).to.equal('Gå till ditt ärende på Mina sidor');
      await expect(el).to.be.accessible();
    });

    it('a 400 with field errors closes signing, goes to the question’s step and shows the error summary', async () => {
      const refused = {
        problem: {
          status: 400, type: '/problems/validation', title: 'Svaren stämmer inte',
          errors: [{ path: 'child', code: 'notGuardian', message: 'Du är inte vårdnadshavare för det barnet enligt folkbokföringen.' }],
        },
      };
      const { el } = await atReview({ signStart: [refused] });
      await signingChoice(el);
      await press(buttonIn($(el, '.signing'), 'BankID på en annan enhet'));
      await until(() => shadow(el).querySelector('.error-summary'), 'no error summary');
      await el.updateComplete;
      expect(has(el, '.signing')).to.equal(false);
      const summary = $(el, '.error-summary');
      expect(text(summary)).to.contain('Du är inte vårdnadshavare för det barnet enligt folkbokföringen.');
      expect(where(focused(el))).to.equal(where(summary));
      // The step with the child question, so that the summary's link reaches it; Continue returns to the review.
      expect(pageTitle(el)).to.equal('Du och barnet');
      await press(summary.querySelector<HTMLElement>('a')!);
      expect(question(el, 'child').shadowRoot!.contains(focused(el)), 'focus on the child question').to.equal(true);
      await expect(el).to.be.accessible();
    });
  });

  describe('the session ends while filling in', () => {
    async function closeExpiredNotice() {
      await until(() => expiredDialog(), 'no "Du har loggats ut" notice');
      const dialog = expiredDialog()!;
      await press(buttonIn(dialog, 'OK'));
      await until(() => !expiredDialog(), 'the notice stayed open');
    }

    it('a 401 when signing asks to log in again; the same person gets the answers back', async () => {
      const { el, backend, storageKey } = await mount({ user: ANNA });
      await questions(el);
      await answerAll(el);
      await toReview(el);
      backend.script.signStart = [{ problem: { status: 401, type: '/problems/not-logged-in', title: 'Inte inloggad' } }];
      await signingChoice(el);
      await press(buttonIn($(el, '.signing'), 'BankID på en annan enhet'));
      await until(() => shadow(el).querySelector('[part=login-notice]'), 'no login notice');
      expect(text($(el, '[part=login-notice]'))).to.equal(TEXT.loginAgain);
      expect(has(el, 'form')).to.equal(false);
      expect(JSON.parse(sessionStorage.getItem(storageKey)!).answers.reason).to.equal(TYPED_REASON);
      await closeExpiredNotice();
      await expect(el).to.be.accessible();

      await logIn(el);
      expect(pageTitle(el)).to.equal('Granska dina uppgifter');
      expect(text(shadow(el).querySelector('.summary-list'))).to.contain('Ella Andersson');
      expect([...shadow(el).querySelectorAll('.summary-list__value')].map((v) => text(v))).to.include(TYPED_REASON);
      await expect(el).to.be.accessible();
    });

    it('the session store reporting expiry asks to log in again; another person does not get the answers', async () => {
      const { el, backend, client } = await mount({ user: ANNA });
      await questions(el);
      await answerAll(el);
      backend.session.user = undefined;
      await sessionFor(client).check();
      await el.updateComplete;
      expect(text($(el, '[part=login-notice]'))).to.equal(TEXT.loginAgain);
      await closeExpiredNotice();

      backend.script.loginOrders = [{ status: 'complete', user: SARA }];
      backend.script.prefill = [PREFILL_PROTECTED];
      await logIn(el);
      expect(pageTitle(el)).to.equal('Du och barnet');
      expect(text($(el, '[data-field=applicantName] .prefilled__value'))).to.equal('Sara Svensson');
      expect(radios(el, 'child').map((r) => r.label)).to.deep.equal(['Leo Svensson, 20110410-2395']);
      await press(buttonIn(shadow(el), 'Fortsätt'));
      await el.updateComplete;
      // Anna's reason is not shown to Sara: she is still on step 1, asked for her own answers.
      expect(text(shadow(el).querySelector('.error-summary'))).to.contain('Välj barnet');
      expect(JSON.stringify(answersOf(el))).not.to.contain(TYPED_REASON);
    });

    it('logging in again as the same person after the store’s expiry brings back the step and the typed answer', async () => {
      const { el, backend, client } = await mount({ user: ANNA });
      await questions(el);
      await answerAll(el);
      backend.session.user = undefined;
      await sessionFor(client).check();
      await el.updateComplete;
      await closeExpiredNotice();
      await logIn(el);
      expect(pageTitle(el)).to.equal('Resan');
      expect(control<HTMLTextAreaElement>(el, 'reason').value).to.equal(TYPED_REASON);
    });
  });

  describe('logging out', () => {
    it('through the session store clears the answers and shows the login notice again', async () => {
      const { el, client, storageKey } = await mount({ user: ANNA });
      await questions(el);
      await answerAll(el);
      expect(sessionStorage.getItem(storageKey)).to.contain(TYPED_REASON);
      await sessionFor(client).logout();
      await gate(el);
      expect(text($(el, '[part=login-notice]'))).to.equal(TEXT.loginRequired);
      expect(sessionStorage.getItem(storageKey)).to.equal(null);
      await expect(el).to.be.accessible();

      await logIn(el);
      expect(pageTitle(el)).to.equal('Du och barnet');
      expect(radios(el, 'child').length).to.equal(2);
      expect(!!question(el, 'child').shadowRoot!.querySelector('input:checked')).to.equal(false);
    });

    it('an eid-logout on window clears the answers kept for the tab', async () => {
      const { el, storageKey } = await mount({ user: ANNA });
      await questions(el);
      await answerAll(el);
      window.dispatchEvent(new CustomEvent('eid-logout', { detail: {} }));
      await el.updateComplete;
      expect(sessionStorage.getItem(storageKey)).to.equal(null);
      expect(JSON.stringify(answersOf(el))).not.to.contain(TYPED_REASON);
      expect(text($(el, '[part=login-notice]'))).to.contain('Du behöver logga in');
    });
  });
});
