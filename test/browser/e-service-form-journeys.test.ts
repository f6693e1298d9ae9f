import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { KitClient } from '../../src/client/kit-client.js';
import type { Field, ServiceDefinition } from '../../src/contract/definition.js';
import type { PrefillResponse } from '../../src/contract/prefill.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import {
  ANNA, EID_BACKEND_URL, EID_DEFINITION, EID_SERVICE_ID, PREFILL_ANNA, PREFILL_PROTECTED, SARA, SIGNED, draftBackend, type DraftScript,
} from '../../stories/support/eid-example.js';
import { $, control, focused, question, shadow } from './helpers.js';

/**
 * What a citizen meets on the e-ID journeys, each against a scripted fake backend: a sole
 * guardian is not asked for the other guardian, a protected person is not nudged to give the
 * address the protection hides, the register down holds back only what needs it, a
 * once-per-person e-service says so when it opens, and sending or signing offline goes on by
 * itself when the connection is back.
 */

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const buttonsIn = (root: ParentNode) => [...root.querySelectorAll('button')].map((b) => text(b));
const pageTitle = (el: EServiceForm) => text(shadow(el).querySelector('.page-title'));
const has = (el: EServiceForm, selector: string) => !!shadow(el).querySelector(selector);
const until = (what: () => unknown, message: string, timeout = 5000) => waitUntil(what, message, { timeout });
const where = (node: Element | null | undefined) => (node ? `${node.tagName.toLowerCase()}.${[...node.classList].join('.')} «${text(node)}»` : 'nothing');
const t2 = (sv: string, en: string) => ({ sv, en });

function buttonIn(root: ParentNode, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => text(b) === label);
  if (!found) throw new Error(`no button "${label}" (there are: ${buttonsIn(root).join(', ')})`);
  return found;
}

async function press(button: HTMLElement) {
  button.focus();
  await sendKeys({ press: 'Enter' });
}

let tests = 0;

async function mount(script: DraftScript, lang?: 'en') {
  const base = `${EID_BACKEND_URL}j${++tests}/`;
  const backend = draftBackend({ user: ANNA, ...script }, base);
  const client = new KitClient(base, backend.fetch);
  const el = await fixture<EServiceForm>(lang
    ? html`<e-service-form service=${EID_SERVICE_ID} lang="en" .client=${client}></e-service-form>`
    : html`<e-service-form service=${EID_SERVICE_ID} .client=${client}></e-service-form>`);
  el.openBankId = () => {};
  return { el, backend, client };
}

async function questions(el: EServiceForm) {
  await until(() => shadow(el).querySelector('form'), 'the questions did not appear');
  await el.updateComplete;
}

async function chooseFirstChild(el: EServiceForm) {
  question(el, 'child').shadowRoot!.querySelector<HTMLInputElement>('input[type=radio]')!.focus();
  await sendKeys({ press: 'Space' });
  await el.updateComplete;
}

/** Ella chosen, the reason typed, on to the review: by keyboard. */
async function toReview(el: EServiceForm) {
  await questions(el);
  await chooseFirstChild(el);
  await press(buttonIn(shadow(el), 'Fortsätt'));
  await el.updateComplete;
  control<HTMLTextAreaElement>(el, 'reason').focus();
  await sendKeys({ type: 'Lång väg' });
  await press(buttonIn(shadow(el), 'Fortsätt'));
  await el.updateComplete;
  expect(pageTitle(el)).to.equal('Granska dina uppgifter');
}

/** Skriv under och skicka, BankID on another device, until the form says the e-service can't be reached; the status text. */
async function signUntilUnreachable(el: EServiceForm): Promise<() => string> {
  await press(buttonIn(shadow(el), 'Skriv under och skicka'));
  await el.updateComplete;
  await press(buttonIn($(el, '.signing'), 'BankID på en annan enhet'));
  const status = () => text(shadow(el).querySelector('[part=signing-status]'));
  await until(() => status().startsWith('Det gick inte'), `not the offline message: ${status()}`, 6000);
  return status;
}

/** The device says it has no connection (navigator.onLine), until the browser's `online` event. */
function goOffline() {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
}
function backOnline() {
  delete (navigator as { onLine?: boolean }).onLine;
  window.dispatchEvent(new Event('online'));
}

const fieldIds = (el: EServiceForm) => [...shadow(el).querySelectorAll('[data-field], [id^=field-]')].map((node) => node.getAttribute('data-field') ?? node.id.replace(/^field-/, ''));

/** Flerpartssignering for both guardians: the other guardian's address is asked only when someone else has custody. */
const COSIGNED: Partial<ServiceDefinition> = {
  signing: 'sign',
  cosigning: { who: 'otherGuardians', childField: 'child', inviteField: 'otherEmail' },
  steps: [
    { id: 'barnet', title: t2('Barnet', 'The child'), fields: [EID_DEFINITION.steps[0]!.fields[3]!] },
    {
      id: 'kontakt',
      title: t2('Kontaktuppgifter', 'Contact details'),
      fields: [
        { id: 'email', type: 'email', label: t2('Din e-postadress', 'Your e-mail address') },
        {
          id: 'otherEmail', type: 'email', label: t2('Den andra vårdnadshavarens e-postadress', "The other guardian's e-mail address"),
          visibleWhen: { field: 'child', otherGuardians: true },
        },
      ] as Field[],
    },
  ],
};

const SOLE: PrefillResponse = {
  person: { personalNumber: '197506203020', name: 'Fatima Hassan', givenName: 'Fatima', surname: 'Hassan' },
  protected: false,
  children: [{ personalNumber: '201902073822', name: 'Amina Hassan', ownSchool: true, otherGuardians: false }],
};
const SHARED: PrefillResponse = { ...PREFILL_ANNA, children: [{ personalNumber: '201504122383', name: 'Ella Andersson', ownSchool: true, otherGuardians: true }] };

describe('<e-service-form> on the citizens’ journeys', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => document.querySelectorAll('esk-session-timeout').forEach((dialog) => dialog.remove()));

  describe('custody from the register', () => {
    it('does not ask a sole guardian for the other guardian, and the review does not list it', async () => {
      const { el, backend } = await mount({ prefill: [SOLE], definition: COSIGNED });
      await questions(el);
      await chooseFirstChild(el);
      await press(buttonIn(shadow(el), 'Fortsätt'));
      await el.updateComplete;
      expect(pageTitle(el)).to.equal('Kontaktuppgifter');
      expect(fieldIds(el)).to.deep.equal(['email']);
      control(el, 'email').focus();
      await sendKeys({ type: 'fatima@example.se' });
      await press(buttonIn(shadow(el), 'Fortsätt'));
      await el.updateComplete;
      expect(pageTitle(el), 'no error stops her').to.equal('Granska dina uppgifter');
      expect([...shadow(el).querySelectorAll('.summary-list__key')].map(text)).to.deep.equal(['Vilket barn gäller ansökan?', 'Din e-postadress']);
      await expect(el).to.be.accessible();
      await press(buttonIn(shadow(el), 'Skriv under och skicka'));
      await press(buttonIn($(el, '.signing'), 'BankID på en annan enhet'));
      await until(() => backend.sent.some((r) => r.path === 'api/signatures'), 'no signing');
      const sent = backend.sent.find((r) => r.path === 'api/signatures')!.body as { answers: Record<string, unknown> };
      expect(sent.answers).to.deep.equal({ child: '201902073822', email: 'fatima@example.se' });
    });

    it('asks a guardian who shares custody for the other guardian’s address, required', async () => {
      const { el } = await mount({ prefill: [SHARED], definition: COSIGNED });
      await questions(el);
      await chooseFirstChild(el);
      await press(buttonIn(shadow(el), 'Fortsätt'));
      await el.updateComplete;
      expect(fieldIds(el)).to.deep.equal(['email', 'otherEmail']);
      control(el, 'email').focus();
      await sendKeys({ type: 'anna@example.se' });
      await press(buttonIn(shadow(el), 'Fortsätt'));
      await el.updateComplete;
      expect(text($(el, '.error-summary li'))).to.equal('Fyll i ”Den andra vårdnadshavarens e-postadress”');
      await expect(el).to.be.accessible();
    });
  });

  describe('protected personal data', () => {
    it('tells Sara that she chooses which address to give, instead of the definition’s “where you are registered”', async () => {
      const withHint = structuredClone(EID_DEFINITION.steps);
      (withHint[0]!.fields[2] as { hint?: unknown }).hint = t2('Där du är folkbokförd.', 'Where you are registered as living.');
      const { el } = await mount({ user: SARA, prefill: [PREFILL_PROTECTED], definition: { steps: withHint } });
      await questions(el);
      const hint = text(question(el, 'address').shadowRoot!.querySelector('.hint'));
      expect(hint).not.to.contain('folkbokförd.');
      expect(hint).to.equal('Du har skyddade personuppgifter, så vi hämtar inte din adress från folkbokföringen. Du väljer själv vilken adress du lämnar, till exempel en dit post kan skickas.');
      await expect(el).to.be.accessible();
    });

    it('keeps the definition’s hint for someone whose address the register may give', async () => {
      const withHint = structuredClone(EID_DEFINITION.steps);
      const address = withHint[0]!.fields[2] as { hint?: unknown; prefill?: unknown };
      address.hint = t2('Där du är folkbokförd.', 'Where you are registered as living.');
      const noAddress: PrefillResponse = { ...PREFILL_ANNA, person: { ...PREFILL_ANNA.person, address: undefined } };
      delete noAddress.person.address;
      const { el } = await mount({ prefill: [noAddress], definition: { steps: withHint } });
      await questions(el);
      expect(text(question(el, 'address').shadowRoot!.querySelector('.hint'))).to.equal('Där du är folkbokförd.');
    });
  });

  describe('the register down', () => {
    const DOWN: PrefillResponse = {
      person: { personalNumber: '198001012387', name: 'Anna Andersson', givenName: 'Anna', surname: 'Andersson' },
      protected: false, children: [], registerUnavailable: true,
    };

    it('asks what does not need the register, names what waits, lets the citizen go on, and waits with sending', async () => {
      const { el, backend } = await mount({ prefill: [DOWN], definition: { signing: 'none' } });
      await questions(el);
      const notice = $(el, '[part=register-waiting]');
      expect(text(notice.querySelector('p'))).to.equal(
        'Vi kan inte hämta dina uppgifter från folkbokföringen just nu. Du kan fylla i resten under tiden – det du fyller i finns kvar. ' +
        'Det här väntar på folkbokföringen: ”Din adress”, ”Vilket barn gäller ansökan?”, ”Syskon som också ska ha busskort”.',
      );
      // Name and personnummer come with the e-ID; the address and the child wait.
      expect(text($(el, '[data-field=applicantName] .prefilled__value'))).to.equal('Anna Andersson');
      expect(text($(el, '[data-field=address] .hint'))).to.equal('Väntar på folkbokföringen – frågan går att besvara när den går att nå igen.');
      expect(text($(el, '[data-field=child] .hint'))).to.equal('Väntar på folkbokföringen – frågan går att besvara när den går att nå igen.');
      await expect(el).to.be.accessible();

      await press(buttonIn(shadow(el), 'Fortsätt'));
      await el.updateComplete;
      expect(pageTitle(el), 'the waiting questions do not stop her').to.equal('Resan');
      control<HTMLTextAreaElement>(el, 'reason').focus();
      await sendKeys({ type: 'Lång väg' });
      await press(buttonIn(shadow(el), 'Fortsätt'));
      await el.updateComplete;
      expect(pageTitle(el)).to.equal('Granska dina uppgifter');
      expect(text($(el, '[data-field], .summary-list__row:nth-child(3) .summary-list__value'))).to.equal('Väntar på folkbokföringen');

      await press(buttonIn(shadow(el), 'Skicka'));
      await until(() => text(shadow(el).querySelector('[part=submit-error]')) !== '', 'no message');
      expect(text($(el, '[part=submit-error]'))).to.equal('Folkbokföringen går fortfarande inte att nå, så vi kan inte skicka än. Det du har fyllt i finns kvar – försök igen om en stund.');
      expect(where(focused(el))).to.equal(where($(el, '[part=submit-error]')));
      expect(backend.sent.filter((r) => r.path === 'api/cases')).to.have.length(0);
      expect(backend.sent.filter((r) => r.path.endsWith('/prefill')), 'asked again before giving up').to.have.length(2);
      await expect(el).to.be.accessible();
    });

    it('fills in the register’s answers when it is back (Försök igen), keeping what was typed', async () => {
      const { el } = await mount({ prefill: [DOWN, PREFILL_ANNA], definition: { signing: 'none' } });
      await questions(el);
      await press(buttonIn(shadow(el), 'Fortsätt'));
      await el.updateComplete;
      control<HTMLTextAreaElement>(el, 'reason').focus();
      await sendKeys({ type: 'Lång väg' });
      await press(buttonIn($(el, '[part=register-waiting]'), 'Försök igen'));
      await until(() => !has(el, '[part=register-waiting]'), 'still waiting');
      expect(pageTitle(el)).to.equal('Resan');
      expect(control<HTMLTextAreaElement>(el, 'reason').value).to.equal('Lång väg');
      await press(buttonIn(shadow(el), 'Tillbaka'));
      await el.updateComplete;
      expect($(el, '[data-field=address] .prefilled__value').innerText.replace(/\s+/g, ' ')).to.equal('Storgatan 12 123 45 Exempelby');
      expect(question(el, 'child').shadowRoot!.querySelectorAll('input[type=radio]')).to.have.length(2);
      await expect(el).to.be.accessible();
    });

    it('opens a saved draft while the register is down, with its answers', async () => {
      const draft = {
        id: '00000000-0000-4000-8000-000000000777', serviceId: EID_SERVICE_ID, serviceVersion: EID_DEFINITION.version,
        answers: { reason: 'Sparat tidigare' }, stepId: 'resan', version: 2,
        createdAt: '2026-03-10T08:00:00.000Z', updatedAt: '2026-03-11T09:05:00.000Z', expiresAt: '2026-04-10T09:05:00.000Z',
      };
      const base = `${EID_BACKEND_URL}j${++tests}/`;
      const backend = draftBackend({ user: ANNA, prefill: [DOWN], drafts: [draft] }, base);
      const el = await fixture<EServiceForm>(html`<e-service-form service=${EID_SERVICE_ID} case=${draft.id} .client=${new KitClient(base, backend.fetch)}></e-service-form>`);
      await until(() => pageTitle(el) === 'Resan', 'the draft did not open');
      expect(control<HTMLTextAreaElement>(el, 'reason').value).to.equal('Sparat tidigare');
      expect(has(el, '[part=register-waiting]')).to.equal(true);
    });
  });

  describe('a once-per-person e-service used before', () => {
    it('says the limit in the server\'s words when it is by period: this month, not "only one"', async () => {
      const monthly: PrefillResponse = {
        ...PREFILL_ANNA,
        alreadyUsed: {
          caseId: '0b8f4c6e-2d1a-4e3b-9c7d-5a6f8e9d0c1b', url: 'https://www.exempelby.se/mina-sidor.html?case=0b8f4c6e-2d1a-4e3b-9c7d-5a6f8e9d0c1b',
          title: 'Du har redan skickat en ansökan i den här e-tjänsten den här månaden', detail: 'Du kan skicka en ansökan i månaden. Du hittar den under Mina sidor.',
        },
      };
      const { el } = await mount({ prefill: [monthly], definition: { onePerPerson: { per: 'month' }, signing: 'none' } });
      await until(() => has(el, '[part=already-used]'), 'no notice');
      expect(text($(el, '[part=already-used] h3'))).to.equal('Du har redan skickat en ansökan i den här e-tjänsten den här månaden');
      expect(text($(el, '[part=already-used] p'))).to.equal('Du kan skicka en ansökan i månaden. Du hittar den under Mina sidor.');
      await expect(el).to.be.accessible();
    });

    const USED: PrefillResponse = {
      ...PREFILL_ANNA, alreadyUsed: { caseId: '0b8f4c6e-2d1a-4e3b-9c7d-5a6f8e9d0c1b', url: 'https://www.exempelby.se/mina-sidor.html?case=0b8f4c6e-2d1a-4e3b-9c7d-5a6f8e9d0c1b' },
    };

    it('says so when the form opens, with no questions, Skicka or Spara, and the link to the case', async () => {
      const { el, backend } = await mount({ prefill: [USED], definition: { onePerPerson: true, signing: 'none' } });
      await until(() => has(el, '[part=already-used]'), 'no notice');
      expect(text($(el, '[part=already-used] h3'))).to.equal('Du har redan använt tjänsten');
      expect(text($(el, '[part=already-used] p'))).to.equal('Du kan bara skicka en ansökan i den här e-tjänsten, och den du har skickat finns på Mina sidor. Där kan du följa ärendet.');
      const link = $<HTMLAnchorElement>(el, '[part=existing-case-link]');
      expect(link.href).to.equal(USED.alreadyUsed!.url);
      expect(text(link)).to.equal('Gå till ditt ärende på Mina sidor');
      expect(has(el, 'form')).to.equal(false);
      expect(buttonsIn(shadow(el))).to.deep.equal([]);
      // Nothing is saved for an e-service that can't be used.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(backend.sent.filter((r) => r.path.startsWith('api/drafts'))).to.have.length(0);
      await expect(el).to.be.accessible();
      link.focus();
      expect(where(focused(el))).to.equal(where(link));
    });

    it('links to the page’s my-pages-url when it sets one, and speaks English', async () => {
      const { el } = await mount({ prefill: [USED], definition: { onePerPerson: true } }, 'en');
      el.myPagesUrl = '/sv/mina-sidor?arende={id}';
      await until(() => has(el, '[part=already-used]'), 'no notice');
      // English texts are a chunk of their own: on a busy machine they may arrive after the notice.
      await until(() => text($(el, '[part=already-used] h3')) === 'You have already used this e-service', 'the notice is not in English');
      expect($<HTMLAnchorElement>(el, '[part=existing-case-link]').getAttribute('href')).to.equal('/sv/mina-sidor?arende=0b8f4c6e-2d1a-4e3b-9c7d-5a6f8e9d0c1b');
      await expect(el).to.be.accessible();
    });

    it('turns into the notice when sending is refused because another tab sent first', async () => {
      const used = {
        problem: {
          status: 409, type: '/problems/already-used', title: 'Du har redan använt tjänsten',
          detail: 'Du kan bara skicka en ansökan. Du hittar den under Mina sidor.', caseId: USED.alreadyUsed!.caseId,
        },
      };
      const { el } = await mount({ prefill: [PREFILL_ANNA, USED], definition: { onePerPerson: true, signing: 'none' }, submit: [used] });
      await toReview(el);
      await press(buttonIn(shadow(el), 'Skicka'));
      await until(() => has(el, '[part=already-used]'), 'no notice');
      await el.updateComplete;
      expect(where(focused(el))).to.equal(where($(el, '[part=already-used] h3')));
      await expect(el).to.be.accessible();
    });
  });

  describe('offline', () => {
    afterEach(() => delete (navigator as { onLine?: boolean }).onLine);

    it('sends by itself when the connection is back, once, with the same Idempotency-Key', async () => {
      const { el, backend } = await mount({ definition: { signing: 'none' }, submit: ['network-error', SIGNED] });
      await toReview(el);
      goOffline();
      await press(buttonIn(shadow(el), 'Skicka'));
      await until(() => text(shadow(el).querySelector('[part=submit-error]')) !== '', 'no message');
      expect(text($(el, '[part=submit-error]'))).to.equal('Det gick inte att nå e-tjänsten. Kontrollera din internetanslutning – dina svar finns kvar, och vi skickar dem så fort anslutningen är tillbaka.');
      await expect(el).to.be.accessible();
      backOnline();
      await until(() => has(el, '.receipt__title'), 'not sent when back online');
      const posts = backend.sent.filter((r) => r.path === 'api/cases');
      expect(posts).to.have.length(2);
      expect(posts[1]!.headers['Idempotency-Key']).to.equal(posts[0]!.headers['Idempotency-Key']);
      // Back online again later: nothing more is sent.
      window.dispatchEvent(new Event('online'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(backend.sent.filter((r) => r.path === 'api/cases')).to.have.length(2);
    });

    it('sends nothing by itself once the citizen has changed an answer after the failure', async () => {
      const { el, backend } = await mount({ definition: { signing: 'none' }, submit: ['network-error', SIGNED] });
      await toReview(el);
      goOffline();
      await press(buttonIn(shadow(el), 'Skicka'));
      await until(() => text(shadow(el).querySelector('[part=submit-error]')) !== '', 'no message');
      // Ändra: back to a question, and a change.
      await press(shadow(el).querySelector<HTMLButtonElement>('.summary-list .link-button')!);
      await el.updateComplete;
      backOnline();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(backend.sent.filter((r) => r.path === 'api/cases')).to.have.length(1);
      expect(has(el, '.receipt__title')).to.equal(false);
    });

    it('with a connection but the server away, says to try again in a while (no promise of its own)', async () => {
      const { el } = await mount({ definition: { signing: 'none' }, submit: ['network-error', SIGNED] });
      await toReview(el);
      await press(buttonIn(shadow(el), 'Skicka'));
      await until(() => text(shadow(el).querySelector('[part=submit-error]')) !== '', 'no message');
      expect(text($(el, '[part=submit-error]'))).to.equal('Det gick inte att nå e-tjänsten. Dina svar finns kvar – försök igen om en stund.');
      await press(buttonIn(shadow(el), 'Skicka'));
      await until(() => has(el, '.receipt__title'), 'not sent on the second try');
    });

    it('says the same kind of thing when signing fails offline, and starts the order when the connection is back', async () => {
      const { el, backend } = await mount({ signStart: ['network-error', { orderRef: 'sign-2' }] });
      await toReview(el);
      goOffline();
      const status = await signUntilUnreachable(el);
      expect(status()).to.equal('Det gick inte att nå e-tjänsten. Kontrollera din internetanslutning – dina svar finns kvar, och vi försöker igen så fort anslutningen är tillbaka.');
      expect(buttonsIn($(el, '.signing'))).to.deep.equal(['Försök igen', 'Avbryt']);
      await expect(el).to.be.accessible();
      backOnline();
      await until(() => backend.sent.filter((r) => r.method === 'POST' && r.path === 'api/signatures').length === 2, 'not started again');
      await until(() => status() === 'Starta BankID-appen.', `not pending: ${status()}`);
    });

    it('cancels the order left pending offline on Avbryt, and starts nothing when the connection is back', async () => {
      const { el, backend } = await mount({ signOrders: [{ status: 'pending', hintCode: 'outstandingTransaction' }, 'network-error'] });
      await toReview(el);
      goOffline();
      const status = await signUntilUnreachable(el);
      await press(buttonIn($(el, '.signing'), 'Avbryt'));
      await el.updateComplete;
      expect(backend.sent.some((r) => r.method === 'DELETE' && r.path === 'api/signatures/sign-1')).to.equal(true);
      backOnline();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(backend.sent.filter((r) => r.method === 'POST' && r.path === 'api/signatures')).to.have.length(1);
      expect(has(el, '.signing')).to.equal(false);
    });

    it('follows the same order again, rather than a new one, when a poll fails offline', async () => {
      const { el, backend } = await mount({ signOrders: [{ status: 'pending', hintCode: 'outstandingTransaction' }, 'network-error', { status: 'pending', hintCode: 'userSign' }] });
      await toReview(el);
      goOffline();
      const status = await signUntilUnreachable(el);
      backOnline();
      await until(() => status().startsWith('Skriv in din säkerhetskod'), `not followed again: ${status()}`);
      expect(backend.sent.filter((r) => r.method === 'POST' && r.path === 'api/signatures')).to.have.length(1);
    });
  });
});
