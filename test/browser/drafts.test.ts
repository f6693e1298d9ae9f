import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/index.js';
import { KitClient } from '../../src/client/kit-client.js';
import { realClock, sessionFor, type Clock } from '../../src/client/session.js';
import type { Answers } from '../../src/contract/cases.js';
import { DraftController } from '../../src/elements/e-service-form/drafts.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import {
  ANNA, ANNA_ANSWERS, ANNA_DRAFT, EID_BACKEND_URL, EID_DEFINITION, EID_SERVICE_ID, TYPED_REASON, draftBackend, draftId, type DraftScript,
} from '../../stories/support/eid-example.js';
import { $, control, focused, manualClock, question, shadow } from './helpers.js';

/**
 * Drafts in <e-service-form> for a logged-in citizen, against the scripted fake backend of
 * stories/support/eid-example.ts (drafts with versions and 409 draft-conflict as the contract
 * says). Time is a clock moved by hand (DraftController.clock): autosave and retries without waiting.
 */

const TEXT = {
  saved: 'Sparat 14:32',
  saving: 'Sparar…',
  failed: 'Inte sparat – försöker igen',
  conflict: 'Ärendet har ändrats på annat håll, till exempel i en annan flik.',
  gone: 'Utkastet finns inte längre. Det kan ha skickats in, tagits bort eller gallrats. Du kan börja om här.',
};

let clock = manualClock();
let tests = 0;

async function mount(script: DraftScript = {}, caseId?: string) {
  const base = `${EID_BACKEND_URL}d${++tests}/`;
  const backend = draftBackend({ user: ANNA, ...script }, base);
  const client = new KitClient(base, backend.fetch);
  const el = await fixture<EServiceForm>(html`<e-service-form service=${EID_SERVICE_ID} case=${ifDefined(caseId)} .client=${client}></e-service-form>`);
  el.openBankId = () => {};
  return { el, backend, client, base };
}

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const where = (node: Element | null | undefined) => (node ? `${node.tagName.toLowerCase()}.${[...node.classList].join('.')} «${text(node)}»` : 'nothing');
const buttonsIn = (root: ParentNode) => [...root.querySelectorAll('button')].map((b) => text(b));
const pageTitle = (el: EServiceForm) => text(shadow(el).querySelector('.page-title'));
const draftStatus = (el: EServiceForm) => text(shadow(el).querySelector('[part=draft-status]'));
const until = (what: () => unknown, message: string, timeout = 5000) => waitUntil(what, message, { timeout });
const drafts = (backend: { sent: { method: string; path: string; body?: unknown }[] }) =>
  backend.sent.filter((r) => r.path.startsWith('api/drafts')).map((r) => ({ method: r.method, path: r.path, body: r.body as Record<string, unknown> | undefined }));

function buttonIn(root: ParentNode, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => text(b) === label);
  if (!found) throw new Error(`no button "${label}" (there are: ${buttonsIn(root).join(', ')})`);
  return found;
}

async function press(button: HTMLElement, key: 'Enter' | 'Space' = 'Enter') {
  button.focus();
  await sendKeys({ press: key });
}

async function questions(el: EServiceForm) {
  await until(() => shadow(el).querySelector('form'), 'the questions did not appear');
  await el.updateComplete;
}

async function chooseChild(el: EServiceForm) {
  question(el, 'child').shadowRoot!.querySelector<HTMLInputElement>('input[type=radio]')!.focus();
  await sendKeys({ press: 'Space' });
  await el.updateComplete;
}

async function saved(el: EServiceForm, status = TEXT.saved) {
  await until(() => draftStatus(el) === status, `not "${status}" but "${draftStatus(el)}"`);
}

/** An e-service with login "optional": one step, nothing from the register. */
const OPTIONAL: DraftScript['definition'] = {
  login: 'optional', signing: 'none', steps: [{ ...EID_DEFINITION.steps[1]!, fields: [EID_DEFINITION.steps[1]!.fields[0]!] }],
};

/** The answers on the first step once Ella is chosen (the register's included). */
const STEP1: Answers = { applicantName: ANNA_ANSWERS.applicantName!, applicantNumber: ANNA_ANSWERS.applicantNumber!, address: ANNA_ANSWERS.address!, child: ANNA_ANSWERS.child! };

describe('<e-service-form> drafts', () => {
  beforeEach(() => {
    sessionStorage.clear();
    DraftController.clock = clock = manualClock();
  });
  afterEach(() => {
    DraftController.clock = realClock;
    document.querySelectorAll('esk-session-timeout').forEach((dialog) => dialog.remove());
  });

  it('shows "Spara" beside Continue and an empty polite live region from the start', async () => {
    const { el } = await mount();
    await questions(el);
    expect(buttonsIn($(el, '.actions'))).to.deep.equal(['Fortsätt', 'Spara']);
    const region = $(el, '[part=draft-status]');
    expect([region.getAttribute('role'), region.getAttribute('aria-live'), text(region)]).to.deep.equal(['status', 'polite', '']);
    await expect(el).to.be.accessible();
  });

  it('Spara by keyboard: POST api/drafts with the answers and the step, then "Sparat 14:32" (the time in Sweden)', async () => {
    const { el, backend } = await mount();
    await questions(el);
    await chooseChild(el);
    await press(buttonIn(shadow(el), 'Spara'));
    await saved(el);
    expect(drafts(backend)).to.deep.equal([
      { method: 'POST', path: 'api/drafts', body: { serviceId: EID_SERVICE_ID, serviceVersion: EID_DEFINITION.version, answers: STEP1, stepId: 'sokande' } },
    ]);
    // Pressed before the autosave's time: no second save follows.
    clock.tick(5000);
    expect(drafts(backend)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('autosaves 3 s after the last change, and the next save is a PUT with the version held', async () => {
    const { el, backend } = await mount();
    await questions(el);
    await chooseChild(el);
    clock.tick(2900);
    expect(drafts(backend), 'not before 3 s').to.have.length(0);
    clock.tick(100);
    await saved(el);
    expect(drafts(backend).map((r) => r.method)).to.deep.equal(['POST']);

    // Continue saves at once, on the next step.
    await press(buttonIn(shadow(el), 'Fortsätt'));
    await until(() => drafts(backend).length === 2, 'no save at the step change');
    control<HTMLTextAreaElement>(el, 'reason').focus();
    await sendKeys({ type: 'Långt' });
    clock.tick(3000);
    await until(() => drafts(backend).length === 3, 'no autosave');
    const [, second, third] = drafts(backend);
    expect([second!.method, second!.path, second!.body!.version, second!.body!.stepId]).to.deep.equal(['PUT', `api/drafts/${draftId(1)}`, 1, 'resan']);
    expect([third!.method, third!.body!.version, (third!.body!.answers as Answers).reason]).to.deep.equal(['PUT', 2, 'Långt']);
    await saved(el);
    expect(backend.drafts.get(draftId(1))!.version).to.equal(3);
  });

  it('saves at once after a reload an answer changed less than 3 s before it, so another browser gets it', async () => {
    const { el, backend, client } = await mount();
    await questions(el);
    await chooseChild(el);
    clock.tick(3000);
    await saved(el);
    await press(buttonIn(shadow(el), 'Fortsätt'));
    await until(() => drafts(backend).length === 2, 'no save at the step change');
    await saved(el);
    control<HTMLTextAreaElement>(el, 'reason').focus();
    await sendKeys({ type: 'Ändrat precis före omladdningen' });
    clock.tick(900);
    // The reload: the page and its timers are gone; the tab's copy remains.
    el.remove();
    clock = DraftController.clock = manualClock();
    const again = await fixture<EServiceForm>(html`<e-service-form service=${EID_SERVICE_ID} .client=${client}></e-service-form>`);
    await questions(again);
    await until(() => drafts(backend).length === 3, 'the change was never saved');
    const last = drafts(backend)[2]!;
    expect([last.method, last.path, (last.body!.answers as Answers).reason]).to.deep.equal(['PUT', `api/drafts/${draftId(1)}`, 'Ändrat precis före omladdningen']);
    await saved(again);
    expect((backend.drafts.get(draftId(1))!.answers as Answers).reason).to.equal('Ändrat precis före omladdningen');
    // Saved: the next reload has nothing to send.
    again.remove();
    const third = await fixture<EServiceForm>(html`<e-service-form service=${EID_SERVICE_ID} .client=${client}></e-service-form>`);
    await questions(third);
    clock.tick(100);
    await third.updateComplete;
    expect(drafts(backend)).to.have.length(3);
    await expect(third).to.be.accessible();
  });

  it('a failed save says "Inte sparat – försöker igen" and retries after 5 s, then 15 s; nothing is lost in the tab', async () => {
    const { el, backend, base } = await mount({ draftFailures: ['network-error', { problem: { status: 503 } }] });
    await questions(el);
    await chooseChild(el);
    await press(buttonIn(shadow(el), 'Spara'));
    await saved(el, TEXT.failed);
    await expect(el).to.be.accessible();
    expect(JSON.parse(sessionStorage.getItem(`esk:form:${base}:${EID_SERVICE_ID}`)!).answers).to.deep.equal(STEP1);
    clock.tick(4900);
    expect(drafts(backend)).to.have.length(1);
    clock.tick(100);
    await until(() => drafts(backend).length === 2, 'no retry after 5 s');
    await saved(el, TEXT.failed);
    clock.tick(14_900);
    expect(drafts(backend)).to.have.length(2);
    clock.tick(100);
    await saved(el);
    expect(drafts(backend).map((r) => r.method)).to.deep.equal(['POST', 'POST', 'POST']);
  });

  describe('a conflict (saved in another tab)', () => {
    async function conflict() {
      const mounted = await mount();
      const { el, backend } = mounted;
      await questions(el);
      await chooseChild(el);
      await press(buttonIn(shadow(el), 'Spara'));
      await saved(el);
      // Another tab saves version 2, on the second step, with a reason.
      const other = backend.drafts.get(draftId(1))!;
      backend.drafts.set(other.id, { ...other, version: 2, stepId: 'resan', answers: { ...other.answers, reason: 'Från den andra fliken' }, updatedAt: '2026-03-12T13:40:00.000Z' });
      await press(buttonIn(shadow(el), 'Spara'));
      await until(() => shadow(el).querySelector('[part=draft-conflict]'), 'no conflict shown');
      await el.updateComplete;
      return mounted;
    }

    it('stops autosaving and shows an alert with the two choices, focused', async () => {
      const { el, backend } = await conflict();
      const box = $(el, '[part=draft-conflict]');
      expect(text(box.querySelector('[role=alert]'))).to.equal(TEXT.conflict);
      expect(buttonsIn(box)).to.deep.equal(['Hämta den senaste versionen', 'Behåll mina svar']);
      expect(where(focused(el))).to.equal(where(box));
      await expect(el).to.be.accessible();
      // Changes wait: nothing is overwritten.
      const radios = question(el, 'child').shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]');
      radios[1]!.focus();
      await sendKeys({ press: 'Space' });
      clock.tick(60_000);
      expect(drafts(backend).filter((r) => r.method === 'PUT')).to.have.length(1);
      expect(backend.drafts.get(draftId(1))!.answers.reason).to.equal('Från den andra fliken');
    });

    it('"Hämta den senaste versionen" loads the stored answers, step and version', async () => {
      const { el, backend } = await conflict();
      await press(buttonIn($(el, '[part=draft-conflict]'), 'Hämta den senaste versionen'));
      await until(() => pageTitle(el) === 'Resan', 'not on the stored step');
      expect(control<HTMLTextAreaElement>(el, 'reason').value).to.equal('Från den andra fliken');
      expect(shadow(el).querySelector('[part=draft-conflict]')).to.equal(null);
      expect(draftStatus(el)).to.equal('Sparat 14:40');
      expect(where(focused(el))).to.equal(where($(el, '.page-title')));
      await expect(el).to.be.accessible();
      control<HTMLTextAreaElement>(el, 'reason').focus();
      await sendKeys({ type: '!' });
      clock.tick(3000);
      await saved(el);
      const last = drafts(backend).at(-1)!;
      expect([last.method, last.body!.version, (last.body!.answers as Answers).reason]).to.deep.equal(['PUT', 2, 'Från den andra fliken!']);
    });

    it('"Behåll mina svar" saves over the stored version', async () => {
      const { el, backend } = await conflict();
      await press(buttonIn($(el, '[part=draft-conflict]'), 'Behåll mina svar'));
      await saved(el);
      const last = drafts(backend).at(-1)!;
      expect([last.method, last.body!.version]).to.deep.equal(['PUT', 2]);
      expect(backend.drafts.get(draftId(1))).to.include({ version: 3, stepId: 'sokande' });
      expect(backend.drafts.get(draftId(1))!.answers).to.deep.equal(STEP1);
      expect(where(focused(el))).to.equal(where($(el, '[part=draft-save]')));
      await expect(el).to.be.accessible();
    });
  });

  describe('case="…": continue a draft', () => {
    it('after the login: its answers (the register’s still win), its step and its version', async () => {
      const { el, backend } = await mount({ drafts: [ANNA_DRAFT] }, ANNA_DRAFT.id);
      await until(() => pageTitle(el) === 'Resan', 'not on the draft’s step');
      expect(backend.sent.some((r) => r.method === 'GET' && r.path === `api/drafts/${ANNA_DRAFT.id}`)).to.equal(true);
      expect(control<HTMLTextAreaElement>(el, 'reason').value).to.equal(TYPED_REASON);
      expect(draftStatus(el)).to.equal('Sparat 10:05');
      await expect(el).to.be.accessible();
      await press(buttonIn(shadow(el), 'Spara'));
      await saved(el);
      const put = drafts(backend).at(-1)!;
      expect([put.method, put.path, put.body!.version]).to.deep.equal(['PUT', `api/drafts/${ANNA_DRAFT.id}`, 4]);
      // The register's name, not the one the draft held.
      expect((put.body!.answers as Answers).applicantName).to.equal('Anna Andersson');
    });

    it('a draft that is gone (404): a clear message and an empty form', async () => {
      const { el, backend } = await mount({}, draftId(404));
      await until(() => shadow(el).querySelector('[part=draft-notice]'), 'no message');
      expect(text($(el, '[part=draft-notice]'))).to.equal(TEXT.gone);
      expect($(el, '[part=draft-notice]').getAttribute('role')).to.equal('alert');
      expect(pageTitle(el)).to.equal('Du och barnet');
      expect([...question(el, 'child').shadowRoot!.querySelectorAll<HTMLInputElement>('input:checked')]).to.have.length(0);
      await expect(el).to.be.accessible();
      // The next save makes a new draft.
      await chooseChild(el);
      await press(buttonIn(shadow(el), 'Spara'));
      await saved(el);
      expect(drafts(backend).map((r) => r.method)).to.deep.equal(['GET', 'POST']);
    });
  });

  describe('sending', () => {
    it('POST api/cases carries the draftId; afterwards the draft is forgotten', async () => {
      const { el, backend, base } = await mount({ definition: { signing: 'none' } });
      await questions(el);
      await chooseChild(el);
      await press(buttonIn(shadow(el), 'Spara'));
      await saved(el);
      await press(buttonIn(shadow(el), 'Fortsätt'));
      await el.updateComplete;
      control<HTMLTextAreaElement>(el, 'reason').focus();
      await sendKeys({ type: TYPED_REASON });
      await press(buttonIn(shadow(el), 'Fortsätt'));
      await until(() => pageTitle(el) === 'Granska dina uppgifter', 'no review');
      const submitted = oneEvent(el, 'e-service-submitted');
      await press(buttonIn(shadow(el), 'Skicka'));
      await submitted;
      const post = backend.sent.find((r) => r.method === 'POST' && r.path === 'api/cases')!;
      expect(post.body).to.deep.include({ draftId: draftId(1), answers: ANNA_ANSWERS });
      expect(backend.drafts.size).to.equal(0);
      expect(sessionStorage.getItem(`esk:draft:${base}:${EID_SERVICE_ID}`)).to.equal(null);
      const count = drafts(backend).length;
      clock.tick(60_000);
      expect(drafts(backend)).to.have.length(count);
    });

    it('signing carries the draftId (POST api/signatures)', async () => {
      const { el, backend } = await mount({ drafts: [ANNA_DRAFT] }, ANNA_DRAFT.id);
      await until(() => pageTitle(el) === 'Resan', 'the draft did not load');
      await press(buttonIn(shadow(el), 'Fortsätt'));
      await until(() => pageTitle(el) === 'Granska dina uppgifter', 'no review');
      await press(buttonIn(shadow(el), 'Skriv under och skicka'));
      await until(() => shadow(el).querySelector('.signing'), 'signing did not open');
      await press(buttonIn($(el, '.signing'), 'BankID på en annan enhet'));
      await until(() => backend.sent.some((r) => r.method === 'POST' && r.path === 'api/signatures'), 'no signing');
      const post = backend.sent.find((r) => r.method === 'POST' && r.path === 'api/signatures')!;
      expect(post.body).to.deep.include({ draftId: ANNA_DRAFT.id, method: 'otherDevice' });
    });

    it('a draft deleted meanwhile (404 on send) does not stop the case: sent again without it', async () => {
      const { el, backend } = await mount({ definition: { signing: 'none' }, drafts: [ANNA_DRAFT] }, ANNA_DRAFT.id);
      await until(() => pageTitle(el) === 'Resan', 'the draft did not load');
      await press(buttonIn(shadow(el), 'Fortsätt'));
      await until(() => pageTitle(el) === 'Granska dina uppgifter', 'no review');
      await saved(el);
      // Deleted in another tab.
      backend.drafts.clear();
      const submitted = oneEvent(el, 'e-service-submitted');
      await press(buttonIn(shadow(el), 'Skicka'));
      await submitted;
      const posts = backend.sent.filter((r) => r.method === 'POST' && r.path === 'api/cases');
      expect(posts.map((r) => (r.body as { draftId?: string }).draftId)).to.deep.equal([ANNA_DRAFT.id, undefined]);
    });
  });

  describe('deleting', () => {
    it('asks first; Avbryt goes back; Ja, ta bort utkastet deletes it and empties the form', async () => {
      const { el, backend } = await mount();
      await questions(el);
      expect(shadow(el).querySelector('[part=draft-delete]'), 'no draft yet, nothing to delete').to.equal(null);
      await chooseChild(el);
      await press(buttonIn(shadow(el), 'Spara'));
      await saved(el);
      await press($(el, '[part=draft-delete]'));
      await el.updateComplete;
      const confirm = $(el, '[part=draft-confirm]');
      expect(text(confirm.querySelector('h3'))).to.equal('Vill du ta bort utkastet?');
      expect(where(focused(el))).to.equal(where(confirm));
      await expect(el).to.be.accessible();

      await press(buttonIn(confirm, 'Avbryt'));
      await el.updateComplete;
      expect(shadow(el).querySelector('[part=draft-confirm]')).to.equal(null);
      expect(where(focused(el))).to.equal(where($(el, '[part=draft-delete]')));

      await press($(el, '[part=draft-delete]'));
      await el.updateComplete;
      await press(buttonIn($(el, '[part=draft-confirm]'), 'Ja, ta bort utkastet'));
      await saved(el, 'Utkastet är borttaget.');
      expect(drafts(backend).map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST api/drafts', `DELETE api/drafts/${draftId(1)}`]);
      expect(backend.drafts.size).to.equal(0);
      expect([...question(el, 'child').shadowRoot!.querySelectorAll('input:checked')]).to.have.length(0);
      expect(shadow(el).querySelector('[part=draft-delete]')).to.equal(null);
      expect(where(focused(el))).to.equal(where($(el, '.page-title')));
      await expect(el).to.be.accessible();
    });
  });

  describe('who gets drafts', () => {
    it('never an anonymous citizen (login "optional", not logged in)', async () => {
      const { el } = await mount({ user: undefined, definition: OPTIONAL });
      await questions(el);
      expect(buttonsIn($(el, '.actions'))).to.deep.equal(['Skicka']);
      expect(shadow(el).querySelector('[part=draft-status]')).to.equal(null);
    });

    it('a logged-in citizen of a login "optional" e-service', async () => {
      const base = `${EID_BACKEND_URL}d${++tests}/`;
      const backend = draftBackend({ user: ANNA, definition: OPTIONAL }, base);
      const client = new KitClient(base, backend.fetch);
      // As an <eid-login> elsewhere on the page would.
      await sessionFor(client).check();
      const el = await fixture<EServiceForm>(html`<e-service-form service=${EID_SERVICE_ID} .client=${client}></e-service-form>`);
      await questions(el);
      expect(buttonsIn($(el, '.actions'))).to.deep.equal(['Skicka', 'Spara']);
      control<HTMLTextAreaElement>(el, 'reason').focus();
      await sendKeys({ type: 'Hej' });
      clock.tick(3000);
      await saved(el);
      expect(drafts(backend)[0]!.body).to.deep.equal({ serviceId: EID_SERVICE_ID, serviceVersion: EID_DEFINITION.version, answers: { reason: 'Hej' }, stepId: 'resan' });
      await expect(el).to.be.accessible();
    });
  });
});
