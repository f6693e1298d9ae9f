import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/index.js';
import { KitClient } from '../../src/client/kit-client.js';
import { realClock, type Clock } from '../../src/client/session.js';
import { DraftController } from '../../src/elements/e-service-form/drafts.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import { ANNA, EID_BACKEND_URL, EID_SERVICE_ID, draftBackend, draftId, type DraftScript } from '../../stories/support/eid-example.js';
import { $, backend, control, deadBackend, focused, formReady, manualClock, question, shadow, submitButton } from './helpers.js';

/**
 * The connection drops on a phone (a tunnel, a lift) while the form autosaves a draft or uploads a
 * file: the form says so, keeps everything, and finishes the job when the connection is back.
 *
 * Offline is played by the browser's own signals: navigator.onLine says false, and the `online`
 * event comes when the connection is back. The draft's requests go to the scripted fake backend of
 * stories/support/eid-example.ts, which answers with fetch's TypeError; uploads go to the real
 * backend, and while offline to a port where nothing listens, so XMLHttpRequest fails for real.
 */

const OFFLINE = {
  sv: {
    draft: 'Inte sparat – du är inte ansluten till internet. Dina svar finns kvar och sparas så fort anslutningen är tillbaka.',
    file: (name: string) => `${name} kunde inte laddas upp: du är inte ansluten till internet. Filen laddas upp så fort anslutningen är tillbaka.`,
  },
  en: {
    draft: 'Not saved – you are not connected to the internet. Your answers are still here and will be saved as soon as the connection is back.',
    file: (name: string) => `${name} could not be uploaded: you are not connected to the internet. It will be uploaded as soon as the connection is back.`,
  },
};

let online = true;
const RealXHR = XMLHttpRequest;
/** Set: uploads wait until it settles (to look at the page while one is on its way). */
let held: Promise<void> | undefined;

/** Uploads reach the backend only while online; offline they go where nothing answers, and fail as they would. */
class NetworkXHR extends RealXHR {
  override open(method: string, url: string | URL, async = true): void {
    super.open(method, online ? url : new URL('api/attachments', deadBackend), async);
  }

  override send(body?: Document | XMLHttpRequestBodyInit | null): void {
    if (held) void held.then(() => super.send(body));
    else super.send(body);
  }
}

function goOffline(): void {
  online = false;
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  window.dispatchEvent(new Event('offline'));
}

function goOnline(): void {
  online = true;
  delete (navigator as { onLine?: boolean }).onLine;
  window.dispatchEvent(new Event('online'));
}


const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const until = (what: () => unknown, message: string, timeout = 5000) => waitUntil(what, message, { timeout });

function buttonIn(root: ParentNode, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => text(b) === label);
  if (!found) throw new Error(`no button "${label}" (there are: ${[...root.querySelectorAll('button')].map((b) => text(b)).join(', ')})`);
  return found;
}

async function press(button: HTMLElement, key: 'Enter' | 'Space' = 'Enter') {
  button.focus();
  await sendKeys({ press: key });
}

afterEach(() => {
  if (!online) goOnline();
  held = undefined;
});

describe('<e-service-form> autosave while the connection is lost', () => {
  let clock = manualClock();
  let tests = 0;

  beforeEach(() => {
    sessionStorage.clear();
    DraftController.clock = clock = manualClock();
  });
  afterEach(() => {
    DraftController.clock = realClock;
    document.querySelectorAll('esk-session-timeout').forEach((dialog) => dialog.remove());
  });

  async function mount(script: DraftScript, lang?: string) {
    const base = `${EID_BACKEND_URL}offline${++tests}/`;
    const fake = draftBackend({ user: ANNA, ...script }, base);
    const client = new KitClient(base, fake.fetch);
    const el = await fixture<EServiceForm>(html`<e-service-form service=${EID_SERVICE_ID} lang=${ifDefined(lang)} .client=${client}></e-service-form>`);
    el.openBankId = () => {};
    await until(() => shadow(el).querySelector('form'), 'the questions did not appear');
    await el.updateComplete;
    const saves = () => fake.sent.filter((r) => r.path.startsWith('api/drafts'));
    return { el, fake, base, saves };
  }

  const status = (el: EServiceForm) => text(shadow(el).querySelector('[part=draft-status]'));

  /** Every text the live region has held, in order: what a screen reader was given to read. */
  function heard(el: EServiceForm): string[] {
    const region = $(el, '[part=draft-status]');
    const texts: string[] = [];
    new MutationObserver(() => texts.push(text(region))).observe(region, { childList: true, characterData: true, subtree: true });
    return texts;
  }

  async function chooseChild(el: EServiceForm) {
    question(el, 'child').shadowRoot!.querySelector<HTMLInputElement>('input[type=radio]')!.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
  }

  it('says the draft is not saved for want of a connection, keeps the answers, and saves them when the connection is back', async () => {
    const { el, fake, base, saves } = await mount({ draftFailures: ['network-error', 'network-error', 'network-error'] });
    goOffline();
    await chooseChild(el);
    clock.tick(3000);
    await until(() => status(el) === OFFLINE.sv.draft, 'no offline note');
    const region = $(el, '[part=draft-status]');
    expect([region.getAttribute('role'), region.getAttribute('aria-live')]).to.deep.equal(['status', 'polite']);
    await expect(el).to.be.accessible();
    // Nothing typed is lost: the tab's copy holds the answer, and a reload would save it at once.
    const kept = JSON.parse(sessionStorage.getItem(`esk:form:${base}:${EID_SERVICE_ID}`)!);
    expect(kept.answers.child).to.be.a('string');
    expect(sessionStorage.getItem(`esk:draft-pending:${base}:${EID_SERVICE_ID}`)).to.equal('1');

    // Still offline: the retry fails as well, and the note is not read out again ("Sparar…" and back).
    const texts = heard(el);
    clock.tick(5000);
    await until(() => saves().length === 2, 'no retry after 5 s');
    // "Spara" by keyboard while offline: the same note.
    await press(buttonIn(shadow(el), 'Spara'));
    await until(() => saves().length === 3, 'Spara sent nothing');
    await el.updateComplete;
    expect(status(el)).to.equal(OFFLINE.sv.draft);
    expect(texts).to.deep.equal([]);

    // Back online: saved at once, without waiting for the next retry (15 s).
    goOnline();
    await until(() => status(el) === 'Sparat 14:32', 'not saved');
    expect(saves().map((r) => r.method)).to.deep.equal(['POST', 'POST', 'POST', 'POST']);
    expect(fake.drafts.get(draftId(1))!.answers.child).to.equal(kept.answers.child);
    expect(sessionStorage.getItem(`esk:draft-pending:${base}:${EID_SERVICE_ID}`)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says so in English', async () => {
    const { el } = await mount({ draftFailures: ['network-error'] }, 'en');
    goOffline();
    await chooseChild(el);
    clock.tick(3000);
    await until(() => status(el) === OFFLINE.en.draft, 'no offline note');
    await expect(el).to.be.accessible();
    goOnline();
    await until(() => status(el) === 'Saved 14:32', 'not saved');
  });

  it('a backend that cannot be reached while the browser is online is still "Inte sparat – försöker igen"', async () => {
    const { el, saves } = await mount({ draftFailures: ['network-error'] });
    await chooseChild(el);
    clock.tick(3000);
    await until(() => status(el) === 'Inte sparat – försöker igen', 'no "försöker igen"');
    // An `online` event that comes anyway changes nothing: the retry keeps its time.
    window.dispatchEvent(new Event('online'));
    await el.updateComplete;
    expect(saves()).to.have.length(1);
    clock.tick(5000);
    await until(() => status(el) === 'Sparat 14:32', 'not saved');
  });
});

describe('<e-service-form> uploads while the connection is lost', () => {
  const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  let el: EServiceForm;

  before(() => {
    window.XMLHttpRequest = NetworkXHR;
  });
  after(() => {
    window.XMLHttpRequest = RealXHR;
  });

  async function mount(lang?: string) {
    sessionStorage.clear();
    el = await fixture<EServiceForm>(html`<e-service-form service="bilagor" lang=${ifDefined(lang)} backend=${backend}></e-service-form>`);
    await formReady(el);
  }

  const fileRoot = () => question(el, 'intyg').shadowRoot!;
  const rows = () => [...fileRoot().querySelectorAll('.file')].map((row) => text(row.querySelector('span')));
  const uploaded = () => [...fileRoot().querySelectorAll('.file')].filter((row) => !row.querySelector('progress, .error-message')).map((row) => text(row.querySelector('span')));
  const alertIn = (name: string) => [...fileRoot().querySelectorAll('.file')].find((row) => text(row.querySelector('span')) === name)?.querySelector('[role=alert]');

  function pick(...names: string[]) {
    const input = control(el, 'intyg');
    const transfer = new DataTransfer();
    for (const name of names) transfer.items.add(new File([PDF], name, { type: 'application/pdf' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  it('names the file that could not be uploaded and why, keeps the others, uploads it when the connection is back, and sends it with the case', async () => {
    await mount();
    pick('intyg.pdf');
    await until(() => uploaded().includes('intyg.pdf'), 'the first upload did not finish');

    goOffline();
    pick('kvitto.pdf');
    await until(() => alertIn('kvitto.pdf'), 'no error on the file');
    expect(text(alertIn('kvitto.pdf'))).to.equal(OFFLINE.sv.file('kvitto.pdf'));
    expect(rows()).to.deep.equal(['intyg.pdf', 'kvitto.pdf']);
    expect(uploaded()).to.deep.equal(['intyg.pdf']);
    // Its own Try again (named for the file) and Cancel; no error of the form's own.
    const row = alertIn('kvitto.pdf')!.closest('.file')!;
    expect([...row.querySelectorAll('button')].map((b) => text(b))).to.deep.equal(['Försök igen kvitto.pdf', 'Avbryt uppladdningen av kvitto.pdf']);
    expect(fileRoot().querySelectorAll('[role=alert]')).to.have.length(1);
    await expect(el).to.be.accessible();

    goOnline();
    await until(() => uploaded().includes('kvitto.pdf'), 'the upload did not go again when the connection came back');
    expect(rows()).to.deep.equal(['intyg.pdf', 'kvitto.pdf']);
    expect(text(fileRoot().querySelector('[role=status]'))).to.equal('kvitto.pdf är uppladdad.');
    await expect(el).to.be.accessible();

    el.setAnswers({ ...(el as unknown as { answers: Record<string, never> }).answers, namn: 'Anna Andersson' });
    const sent = oneEvent(el, 'e-service-submitted');
    submitButton(el).click();
    const { detail } = await sent;
    expect(detail.caseNumber).to.match(/^BIL-/);
  });

  it('Försök igen by keyboard uploads it again, focus staying on the file’s row; Avbryt drops it', async () => {
    await mount();
    goOffline();
    pick('a.pdf', 'b.pdf');
    await until(() => alertIn('a.pdf') && alertIn('b.pdf'), 'not both files said to have failed');
    expect(rows()).to.deep.equal(['a.pdf', 'b.pdf']);
    // Both kept: together they are as many as the question takes.
    expect(control(el, 'intyg').disabled).to.equal(true);

    // The connection is back before the browser says so: the citizen tries again.
    online = true;
    let release!: () => void;
    held = new Promise((resolve) => (release = resolve));
    await press(buttonIn(fileRoot(), 'Försök igen a.pdf'));
    await until(() => fileRoot().querySelector('progress'), 'no upload under way');
    expect(text(focused(el))).to.equal('Avbryt uppladdningen av a.pdf');
    release();
    await until(() => uploaded().includes('a.pdf'), 'the upload did not finish');

    await press(buttonIn(fileRoot(), 'Avbryt uppladdningen av b.pdf'));
    await until(() => rows().length === 1, 'b.pdf was not dropped');
    expect(uploaded()).to.deep.equal(['a.pdf']);
    expect(focused(el)).to.equal(control(el, 'intyg'));
    // No retry for a file dropped.
    goOnline();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rows()).to.deep.equal(['a.pdf']);
    await expect(el).to.be.accessible();
  });

  it('says the e-service could not be reached when the browser is online, and tries again when asked', async () => {
    await mount();
    online = false;
    pick('c.pdf');
    await until(() => alertIn('c.pdf'), 'no error on the file');
    expect(text(alertIn('c.pdf'))).to.equal('c.pdf kunde inte laddas upp: det gick inte att nå e-tjänsten');
    online = true;
    await press(buttonIn(fileRoot(), 'Försök igen c.pdf'), 'Space');
    await until(() => uploaded().includes('c.pdf'), 'the upload did not finish');
  });

  it('says so in English', async () => {
    await mount('en');
    await until(() => text(fileRoot().querySelector('#limits')).startsWith('PDF, PNG, at most'), 'not in English');
    goOffline();
    pick('intyg.pdf');
    await until(() => alertIn('intyg.pdf'), 'no error on the file');
    expect(text(alertIn('intyg.pdf'))).to.equal(OFFLINE.en.file('intyg.pdf'));
    expect(buttonIn(fileRoot(), 'Try again intyg.pdf')).to.exist;
    await expect(el).to.be.accessible();
    goOnline();
    await until(() => uploaded().includes('intyg.pdf'), 'the upload did not go again');
  });
});
