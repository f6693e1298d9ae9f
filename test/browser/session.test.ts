import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/components/session-timeout.js';
import type { EskSessionTimeout } from '../../src/components/session-timeout.js';
import { SessionStore, realClock, sessionFor, WARNING_MS, type Clock, type SessionSnapshot } from '../../src/client/session.js';
import { KitClient } from '../../src/client/kit-client.js';
import type { SessionState } from '../../src/contract/eid.js';
import '../../src/elements/eid-login/eid-login.js';
import type { EidLogin } from '../../src/elements/eid-login/eid-login.component.js';
import '../../src/elements/my-cases/my-cases.js';
import type { MyCases } from '../../src/elements/my-cases/my-cases.component.js';
import '../../src/elements/my-profile/my-profile.js';
import type { MyProfile } from '../../src/elements/my-profile/my-profile.component.js';
import { myPagesBackend } from '../../stories/support/my-pages-example.js';
import { backend } from './helpers.js';

/**
 * The page's session store and its timeout warning. The store's clock is moved by hand; the
 * backend is a stand-in that keeps one session on the same clock — with a server clock five
 * minutes ahead in its ISO times, which the store must not believe. Reading and ending a
 * session also run against the real backend.
 */

const USER = { name: 'Tolvan Tolvansson', givenName: 'Tolvan', surname: 'Tolvansson' };
const MINUTE = 60_000;
const SKEW = 5 * MINUTE;

interface TestClock extends Clock {
  advance(ms: number): Promise<void>;
}

/** A clock whose timers fire only when the test moves it. */
function testClock(): TestClock {
  let now = Date.parse('2026-03-02T09:00:00Z');
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    after(ms, fn) {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => void (timers = timers.filter((t) => t !== timer));
    },
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers = timers.filter((t) => t !== next);
        now = next.at;
        next.fn();
        await aTimeout(15);
      }
      now = end;
      await aTimeout(15);
    },
  };
}

let backends = 0;

/** One server session on the test clock, 20 minutes idle. */
function fakeServer(clock: Clock, timeoutSeconds = 1200) {
  const calls: string[] = [];
  let expires: number | undefined;
  const state = (): SessionState =>
    expires !== undefined && clock.now() < expires
      ? {
          authenticated: true, user: USER,
          idleExpiresAt: new Date(expires + SKEW).toISOString(),
          absoluteExpiresAt: new Date(expires + SKEW + 7 * 60 * MINUTE).toISOString(),
          idleSecondsLeft: Math.ceil((expires - clock.now()) / 1000), idleTimeoutSeconds: timeoutSeconds,
        }
      : { authenticated: false };
  const json = (body: unknown, status = 200) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const fetch: typeof window.fetch = async (input, init) => {
    const method = init?.method ?? 'GET';
    const path = new URL(String(input)).pathname.replace(/^.*\/api\//, 'api/');
    calls.push(`${method} ${path}`);
    if (path === 'api/session' && method === 'DELETE') {
      expires = undefined;
      return json(undefined, 204);
    }
    if (path === 'api/session/refresh') {
      if (!state().authenticated) return json({ type: 'about:blank', title: 'Not logged in', status: 401 }, 401);
      expires = clock.now() + timeoutSeconds * 1000;
    }
    return json(state());
  };
  // Each test its own backend URL, so that its BroadcastChannel hears no other test.
  const baseUrl = `https://etjanster.kommun.se/t${++backends}/`;
  return { fetch, calls, baseUrl, login: () => void (expires = clock.now() + timeoutSeconds * 1000), state };
}

/** A page with a button that has focus, a store logged in, and `widgets` subscribers. */
async function loggedIn(widgets = 1, lang: 'sv' | 'en' = 'sv') {
  const clock = testClock();
  const server = fakeServer(clock);
  const page = await fixture<HTMLButtonElement>(html`<button>Sidans knapp</button>`);
  page.focus();
  const store = new SessionStore({ baseUrl: server.baseUrl, fetch: server.fetch }, { clock, lang });
  const seen: SessionSnapshot[][] = [];
  const unsubscribe = Array.from({ length: widgets }, (_, i) => store.subscribe((s) => void (seen[i] ??= []).push(s)));
  server.login();
  await store.loggedIn(USER);
  return { clock, server, store, seen, unsubscribe, page };
}

const dialogs = () => [...document.querySelectorAll('esk-session-timeout')];
const element = () => {
  const all = dialogs();
  expect(all).to.have.length(1);
  return all[0] as EskSessionTimeout;
};
const dialog = () => element().shadowRoot!.querySelector('dialog')!;
const text = (selector: string) => dialog().querySelector(selector)!.textContent!.replace(/\s+/g, ' ').trim();
const focusedText = () => element().shadowRoot!.activeElement?.textContent?.trim();

/** The element that has focus, through every shadow root. */
function deepFocus(): HTMLElement {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement;
}
/** The page's element whose shadow root holds `el` (the widget). */
function hostOf(el: Element): Element {
  let node: Element = el;
  while (node.getRootNode() instanceof ShadowRoot) node = (node.getRootNode() as ShadowRoot).host;
  return node;
}

describe('the page session store', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    cleanups.splice(0).forEach((f) => f());
    dialogs().forEach((d) => d.remove());
  });
  const track = <T extends { unsubscribe: (() => void)[] }>(t: T) => (cleanups.push(() => t.unsubscribe.forEach((u) => u())), t);

  describe('against the real backend', () => {
    it('reads no session with one request for concurrent callers, and logging out answers 204', async () => {
      let requests = 0;
      const store = new SessionStore({ baseUrl: backend, fetch: (...args) => (requests++, fetch(...args)) });
      const [a, b] = await Promise.all([store.check(), store.check()]);
      expect(requests).to.equal(1);
      expect(a).to.equal(b);
      expect(a.status).to.equal('anonymous');
      await store.logout();
      expect(store.state.status).to.equal('anonymous');
    });

    it('is one store per backend for the page', () => {
      expect(sessionFor(backend)).to.equal(sessionFor(backend.replace(/\/$/, '')));
      expect(sessionFor(backend)).not.to.equal(sessionFor('https://annan.kommun.se/'));
    });
  });

  describe('while logged in', () => {
    it('learns the expiry from the seconds the server counted, not from its clock', async () => {
      const { store, clock } = track(await loggedIn());
      expect(store.state).to.include({ status: 'authenticated', idleExpiresAt: clock.now() + 20 * MINUTE, idleTimeoutSeconds: 1200, warning: false });
      expect(store.state.user).to.deep.equal(USER);
    });

    it('slides the expiry on activity', async () => {
      const { store, clock } = track(await loggedIn());
      await clock.advance(5 * MINUTE);
      store.activity();
      expect(store.state.idleExpiresAt).to.equal(clock.now() + 20 * MINUTE);
    });

    it('puts one dialog in the page for two widgets, and takes it away when none listens', async () => {
      const t = track(await loggedIn(2));
      expect(dialogs()).to.have.length(1);
      expect(dialog().open).to.equal(false);
      t.unsubscribe.forEach((u) => u());
      expect(dialogs()).to.have.length(0);
    });
  });

  describe('the warning', () => {
    it('opens two minutes before the idle expiry, with the time left, focus on "Fortsätt vara inloggad", accessibly', async () => {
      const { clock, server } = track(await loggedIn());
      await clock.advance(20 * MINUTE - WARNING_MS - 1000);
      expect(dialog().open).to.equal(false);
      await clock.advance(1000);
      await element().updateComplete;
      expect(dialog().open).to.equal(true);
      expect(server.calls.at(-1)).to.equal('GET api/session');
      expect(text('h2')).to.equal('Du loggas snart ut');
      expect(text('#text')).to.equal('Du har varit inaktiv en stund. Av säkerhetsskäl loggas du ut om 2 minuter.');
      expect(dialog().getAttribute('aria-labelledby')).to.equal('title');
      expect(dialog().getAttribute('aria-describedby')).to.equal('text');
      expect(focusedText()).to.equal('Fortsätt vara inloggad');
      await clock.advance(15_000);
      await element().updateComplete;
      expect(text('#text')).to.contain('loggas du ut om 1 minut 45 sekunder.');
      await expect(element()).to.be.accessible();
    });

    it('speaks the time left only every 30 seconds while the visible countdown moves each second', async () => {
      const { clock } = track(await loggedIn());
      await clock.advance(20 * MINUTE - WARNING_MS);
      await element().updateComplete;
      const region = dialog().querySelector('[role=status]')!;
      expect(region.getAttribute('aria-live')).to.equal('polite');
      const said = new Set<string>();
      const shown = new Set<string>();
      for (let i = 0; i < 60; i++) {
        await clock.advance(1000);
        await element().updateComplete;
        said.add(region.textContent!.trim());
        shown.add(text('#text'));
      }
      expect([...said]).to.deep.equal(['', 'Du loggas ut om 1 minut 30 sekunder.', 'Du loggas ut om 1 minut.']);
      expect(shown.size).to.equal(60);
    });

    it('Enter on "Fortsätt vara inloggad" refreshes the session on the server, closes and gives focus back', async () => {
      const { clock, server, store, page } = track(await loggedIn());
      await clock.advance(19 * MINUTE);
      await element().updateComplete;
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => server.calls.includes('POST api/session/refresh'), 'no refresh');
      await waitUntil(() => !store.state.warning, 'still warning');
      expect(store.state.idleExpiresAt).to.equal(clock.now() + 20 * MINUTE);
      await element().updateComplete;
      expect(dialog().open).to.equal(false);
      expect(document.activeElement).to.equal(page);
      // The next warning comes 18 minutes later.
      await clock.advance(18 * MINUTE);
      await element().updateComplete;
      expect(dialog().open).to.equal(true);
    });

    it('Escape keeps the citizen logged in too (GOV.UK)', async () => {
      const { clock, server, store } = track(await loggedIn());
      await clock.advance(19 * MINUTE);
      await element().updateComplete;
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => server.calls.includes('POST api/session/refresh'), 'no refresh');
      await waitUntil(() => !store.state.warning, 'still warning');
      await element().updateComplete;
      expect(dialog().open).to.equal(false);
      expect(store.state.status).to.equal('authenticated');
    });

    it('keeps Tab and Shift+Tab inside the modal', async () => {
      const { clock } = track(await loggedIn());
      await clock.advance(19 * MINUTE);
      await element().updateComplete;
      const order: (string | undefined)[] = [];
      for (const press of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
        await sendKeys({ press });
        order.push(focusedText());
      }
      expect(order).to.deep.equal(['Logga ut', 'Fortsätt vara inloggad', 'Logga ut', 'Fortsätt vara inloggad', 'Logga ut']);
    });

    it('closes when another tab extends the session', async () => {
      const { clock, server, store } = track(await loggedIn());
      await clock.advance(19 * MINUTE);
      await element().updateComplete;
      expect(dialog().open).to.equal(true);
      // Another tab of the same page: its own store for the same backend.
      const other = new SessionStore({ baseUrl: server.baseUrl, fetch: server.fetch }, { clock });
      await other.extend();
      await waitUntil(() => !store.state.warning, 'this tab did not re-read the session');
      await element().updateComplete;
      expect(dialog().open).to.equal(false);
      expect(store.state.idleExpiresAt).to.equal(clock.now() + 20 * MINUTE);
    });

    it('says it in English on an English page', async () => {
      const { clock } = track(await loggedIn(1, 'en'));
      await clock.advance(20 * MINUTE - 105_000);
      // The English texts are fetched the first time they are needed.
      await waitUntil(() => text('h2') === 'You will be logged out soon', 'the warning in English');
      expect(text('#text')).to.contain('you will be logged out in 1 minute 45 seconds.');
      expect(focusedText()).to.equal('Stay logged in');
    });
  });

  describe('the expiry', () => {
    it('makes the session expired (not logged out: answers stay), and says so, accessibly', async () => {
      const { clock, store, seen } = track(await loggedIn(2));
      let logouts = 0;
      const count = () => logouts++;
      window.addEventListener('eid-logout', count);
      cleanups.push(() => window.removeEventListener('eid-logout', count));
      await clock.advance(20 * MINUTE);
      await waitUntil(() => store.state.status === 'expired', `status ${store.state.status}`);
      expect(seen[0]!.at(-1)!.status).to.equal('expired');
      expect(seen[1]!.at(-1)!.status).to.equal('expired');
      await element().updateComplete;
      expect(dialog().open).to.equal(true);
      expect(text('h2')).to.equal('Du har loggats ut');
      expect(text('#text')).to.equal(
        'Du har loggats ut eftersom du inte har varit aktiv på 20 minuter. Det du har fyllt i finns kvar; logga in igen för att fortsätta.',
      );
      expect(text('[role=status]')).to.equal('Du har loggats ut');
      expect(focusedText()).to.equal('OK');
      expect(logouts).to.equal(0);
      await expect(element()).to.be.accessible();
      await sendKeys({ press: 'Enter' });
      await element().updateComplete;
      expect(dialog().open).to.equal(false);
    });

    it('expires by this browser\'s clock when the server cannot be asked', async () => {
      const { clock, store, server } = track(await loggedIn());
      const fetchOk = server.fetch;
      (store.backend as { fetch: typeof fetch }).fetch = async (...args) => {
        if (clock.now() >= Date.parse('2026-03-02T09:18:00Z')) throw new TypeError('Failed to fetch');
        return fetchOk(...args);
      };
      await clock.advance(20 * MINUTE);
      expect(store.state.status).to.equal('expired');
    });
  });

  describe('logging out', () => {
    it('through one widget makes every widget anonymous, fires eid-logout and tells the other tabs', async () => {
      const { store, seen, server } = track(await loggedIn(2));
      const otherTab = new BroadcastChannel(`esk-session ${server.baseUrl}`);
      const heard: unknown[] = [];
      otherTab.onmessage = ({ data }) => heard.push(data);
      cleanups.push(() => otherTab.close());
      let fired: Event | undefined;
      window.addEventListener('eid-logout', (e) => (fired = e), { once: true });
      await store.logout();
      expect(server.calls).to.include('DELETE api/session');
      expect(seen[0]!.at(-1)!.status).to.equal('anonymous');
      expect(seen[1]!.at(-1)!.status).to.equal('anonymous');
      expect(fired).to.be.instanceOf(CustomEvent);
      expect(fired).to.include({ bubbles: true, composed: true });
      expect(dialogs()).to.have.length(0);
      await waitUntil(() => heard.includes('logout'), 'the other tab heard nothing');
    });

    it('with "Logga ut" in the warning', async () => {
      const { clock, store, server } = track(await loggedIn());
      await clock.advance(19 * MINUTE);
      await element().updateComplete;
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => store.state.status === 'anonymous', `status ${store.state.status}`);
      expect(server.calls).to.include('DELETE api/session');
    });

    it('in another tab makes this page anonymous at once and fires eid-logout here', async () => {
      const { store, seen, server } = track(await loggedIn(2));
      let fired = 0;
      const count = () => fired++;
      window.addEventListener('eid-logout', count);
      cleanups.push(() => window.removeEventListener('eid-logout', count));
      const otherTab = new BroadcastChannel(`esk-session ${server.baseUrl}`);
      otherTab.postMessage('logout');
      otherTab.close();
      await waitUntil(() => store.state.status === 'anonymous', `status ${store.state.status}`);
      expect(seen[1]!.at(-1)!.status).to.equal('anonymous');
      expect(fired).to.equal(1);
    });

    it('a login in another tab makes this page re-read the session', async () => {
      const clock = testClock();
      const server = fakeServer(clock);
      const store = new SessionStore({ baseUrl: server.baseUrl, fetch: server.fetch }, { clock });
      await store.check();
      expect(store.state.status).to.equal('anonymous');
      const other = new SessionStore({ baseUrl: server.baseUrl, fetch: server.fetch }, { clock });
      server.login();
      await other.loggedIn(USER);
      await waitUntil(() => store.state.status === 'authenticated', `status ${store.state.status}`);
    });
  });
});

describe('the session dialogs\' language', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    cleanups.splice(0).forEach((f) => f());
    dialogs().forEach((d) => d.remove());
  });

  /** A store on a Swedish page (no `lang` of its own), logged in, with a widget for each language given. */
  async function widgets(...langs: ('sv' | 'en' | undefined)[]) {
    const clock = testClock();
    const server = fakeServer(clock);
    const page = await fixture<HTMLDivElement>(html`<div>
      <button>Sidans knapp</button>
      ${langs.map((lang) => html`<section lang=${lang ?? ''}><button>${lang ?? 'sidan'}</button></section>`)}
    </div>`);
    const sections = [...page.querySelectorAll('section')];
    // A widget without a lang of its own speaks the page's.
    sections.forEach((section, i) => langs[i] ?? section.removeAttribute('lang'));
    page.querySelector('button')!.focus();
    const store = new SessionStore({ baseUrl: server.baseUrl, fetch: server.fetch }, { clock });
    const unsubscribe = sections.map((section) => store.subscribe(() => {}, section));
    cleanups.push(() => unsubscribe.forEach((u) => u()));
    server.login();
    return { clock, server, store, sections, page };
  }

  const warned = async (clock: TestClock, title: string) => {
    await clock.advance(19 * MINUTE);
    await waitUntil(() => dialog().open && text('h2') === title, `the warning said "${dialogs().length ? text('h2') : ''}"`);
  };

  it('is the widgets\' language when they agree, though the page is Swedish: English, accessible, by keyboard', async () => {
    const { clock, store, server } = await widgets('en', 'en');
    await store.loggedIn(USER);
    expect(document.documentElement.lang).to.equal('sv');
    await warned(clock, 'You will be logged out soon');
    expect(dialog().getAttribute('lang')).to.equal('en');
    expect(text('#text')).to.equal('You have been inactive for a while. For your security, you will be logged out in 1 minute.');
    expect(focusedText()).to.equal('Stay logged in');
    await expect(element()).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    expect(focusedText()).to.equal('Log out');
    await sendKeys({ press: 'Shift+Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => server.calls.includes('POST api/session/refresh'), 'no refresh');
    await waitUntil(() => !dialog().open, 'still open');
  });

  it('is the page\'s when the widgets disagree and the citizen has used none of them yet', async () => {
    const { clock, store } = await widgets('en', undefined);
    await store.loggedIn(USER);
    await warned(clock, 'Du loggas snart ut');
  });

  it('is the language of the widget logged in with, when the widgets disagree', async () => {
    const { clock, store, sections } = await widgets(undefined, 'en');
    await store.loggedIn(USER, sections[1]);
    await warned(clock, 'You will be logged out soon');
  });

  it('follows the widget the citizen used last, by keyboard or by pointer, when the widgets disagree', async () => {
    const { clock, store, sections } = await widgets('sv', 'en');
    await store.loggedIn(USER, sections[0]);
    // Tab from the page's button into the Swedish widget, and on into the English one.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(sections[1]!.querySelector('button'));
    await warned(clock, 'You will be logged out soon');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !dialog().open, 'still open');
    sections[0]!.querySelector('button')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await clock.advance(20 * MINUTE);
    await waitUntil(() => dialog().open && text('h2') === 'Du har loggats ut', `the notice said "${text('h2')}"`);
  });

  it('stays the one a store was made with', async () => {
    const clock = testClock();
    const server = fakeServer(clock);
    const section = await fixture<HTMLElement>(html`<section lang="en"><button>en</button></section>`);
    const store = new SessionStore({ baseUrl: server.baseUrl, fetch: server.fetch }, { clock, lang: 'sv' });
    cleanups.push(store.subscribe(() => {}, section));
    server.login();
    await store.loggedIn(USER, section);
    await warned(clock, 'Du loggas snart ut');
  });

  describe('with <eid-login>, <my-cases> and <my-profile> in English on a Swedish page', () => {
    /** The three widgets on one backend whose session lasts `seconds` without activity (on the real clock). */
    async function mina(seconds: number, by: 'keyboard' | 'mouse' = 'keyboard') {
      const server = fakeServer(realClock, seconds);
      const mine = myPagesBackend({ user: USER }, server.baseUrl);
      const fetch: typeof window.fetch = async (input, init) => {
        const path = new URL(String(input)).pathname;
        if (path.endsWith('/api/eid/login')) return Response.json({ orderRef: 'order-1' });
        if (path.includes('/api/eid/orders/')) {
          server.login();
          return Response.json({ status: 'complete', user: USER });
        }
        return path.includes('/api/my/') ? mine.fetch(input, init) : server.fetch(input, init);
      };
      const client = new KitClient(server.baseUrl, fetch);
      const page = await fixture<HTMLDivElement>(html`<div>
        <eid-login lang="en" .client=${client} .fetch=${fetch} .openBankId=${() => {}}></eid-login>
        <my-cases lang="en" .client=${client}></my-cases>
        <my-profile lang="en" .client=${client}></my-profile>
      </div>`);
      const login = page.querySelector<EidLogin>('eid-login')!;
      const other = () => [...login.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'BankID on another device');
      await waitUntil(other, 'no English login', { timeout: 5000 });
      // The citizen logs in with the keyboard or the mouse: BankID on another device, then the app (here at once).
      if (by === 'keyboard') {
        other()!.focus();
        await sendKeys({ press: 'Enter' });
      } else {
        const box = other()!.getBoundingClientRect();
        await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
      }
      await waitUntil(() => login.shadowRoot!.textContent!.includes('Logged in as'), 'not logged in', { timeout: 5000 });
      const cases = page.querySelector<MyCases>('my-cases')!;
      const profile = page.querySelector<MyProfile>('my-profile')!;
      await waitUntil(() => cases.shadowRoot!.querySelector('.case') && profile.shadowRoot!.querySelector('form'), 'Mina sidor did not load', { timeout: 5000 });
      return { server, login, page };
    }

    it('warns in English, accessibly, and "Stay logged in" by keyboard keeps the session', async () => {
      const { server } = await mina(WARNING_MS / 1000 + 1);
      await waitUntil(() => dialogs().length === 1 && dialog().open, 'no warning', { timeout: 5000 });
      expect(text('h2')).to.equal('You will be logged out soon');
      expect(text('#text')).to.match(/^You have been inactive for a while\. For your security, you will be logged out in (2 minutes|1 minute 5\d seconds)\.$/);
      expect(focusedText()).to.equal('Stay logged in');
      await expect(element()).to.be.accessible();
      await sendKeys({ press: 'Tab' });
      expect(focusedText()).to.equal('Log out');
      await sendKeys({ press: 'Tab' });
      expect(focusedText()).to.equal('Stay logged in');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => server.calls.includes('POST api/session/refresh'), 'no refresh');
      await waitUntil(() => !dialog().open, 'still open');
    });

    it('shows the focus indicator on "Stay logged in" also when the login was done with the mouse (WCAG 2.4.7)', async () => {
      await mina(WARNING_MS / 1000 + 1, 'mouse');
      await waitUntil(() => dialogs().length === 1 && dialog().open, 'no warning', { timeout: 5000 });
      const stay = element().shadowRoot!.activeElement as HTMLElement;
      expect(stay.textContent!.trim()).to.equal('Stay logged in');
      // The focus colour (GOV.UK's yellow, the kit's default), not the primary colour of a button at rest.
      expect(getComputedStyle(stay).backgroundColor).to.equal('rgb(255, 221, 0)');
      await expect(element()).to.be.accessible();
    });

    it('says "You have been logged out" in English when the time runs out, accessibly, and OK by keyboard closes it and gives focus to the login', async () => {
      const { login } = await mina(2);
      await waitUntil(() => dialogs().length === 1 && dialog().open && text('h2') === 'You have been logged out', `the dialog said "${dialogs().length ? text('h2') : ''}"`, { timeout: 8000 });
      expect(dialog().getAttribute('lang')).to.equal('en');
      expect(text('#text')).to.equal(
        'You have been logged out because you have not been active for 2 seconds. What you have filled in is still here; log in again to continue.',
      );
      expect(focusedText()).to.equal('OK');
      await expect(element()).to.be.accessible();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !dialog().open, 'still open');
      // The button focused before is gone (the widget shows its login again): focus goes to that, not to <body>.
      const now = deepFocus();
      expect(now.tagName).to.equal('BUTTON');
      expect(hostOf(now)).to.equal(login);
      expect(now.textContent!.trim()).to.match(/^BankID on (this|another) device$/);
      expect(now.matches(':focus-visible')).to.equal(true);
    });
  });
});
