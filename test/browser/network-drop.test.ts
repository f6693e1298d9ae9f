import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/index.js';
import { KitClient } from '../../src/client/kit-client.js';
import { realClock, type Clock } from '../../src/client/session.js';
import { DraftController } from '../../src/elements/e-service-form/drafts.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import { ANNA, EID_BACKEND_URL, EID_SERVICE_ID, draftBackend, draftId, type DraftScript } from '../../stories/support/eid-example.js';
import { $, question, shadow } from './helpers.js';

/**
 * The connection drops on a phone (a tunnel, a lift) while the form autosaves a draft: the form
 * says so, keeps everything, and saves it when the connection is back.
 *
 * Offline is played by the browser's own signals: navigator.onLine says false, and the `online`
 * event comes when the connection is back. The draft's requests go to the scripted fake backend of
 * stories/support/eid-example.ts, which answers with fetch's TypeError.
 */

const OFFLINE = {
  sv: {
    draft: 'Inte sparat – du är inte ansluten till internet. Dina svar finns kvar och sparas så fort anslutningen är tillbaka.',
  },
  en: {
    draft: 'Not saved – you are not connected to the internet. Your answers are still here and will be saved as soon as the connection is back.',
  },
};

let online = true;

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

/** Timers that run only when the test moves time on. */
function manualClock(): Clock & { tick(ms: number): void } {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    after(ms, fn) {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => void (timers = timers.filter((t) => t !== timer));
    },
    tick(ms) {
      now += ms;
      for (let due; (due = timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)[0]); ) {
        timers = timers.filter((t) => t !== due);
        due.fn();
      }
    },
  };
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
