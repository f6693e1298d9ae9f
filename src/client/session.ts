import type { SessionState, SessionUser } from '../contract/eid.js';
import type { Language } from '../contract/text.js';
import { toLanguage } from '../i18n/index.js';
import { getSession, logout, refreshSession, type EidBackend } from './eid.js';
import { onActivity } from './activity.js';
import { ProblemError } from './errors.js';

/**
 * The page's one view of the login session at a backend, shared by every widget on the page
 * and kept in step with the page's other tabs (a BroadcastChannel per backend). It shows the
 * timeout warning (WCAG 2.2.1) by putting one `<esk-session-timeout>` into the page, which
 * whoever uses the store registers by importing src/components/session-timeout.ts.
 */

export type SessionStatus = 'unknown' | 'anonymous' | 'authenticated' | 'expired';

export interface SessionSnapshot {
  /** `expired`: the server ended the session for lack of activity; unsent answers are kept for the next login. */
  status: SessionStatus;
  user?: SessionUser | undefined;
  /** The e-ID of the login (`bankid`, or the broker's `freja`, `telia`, `eidas`), and whether it can sign here. */
  eid?: string | undefined;
  eidSigns?: boolean | undefined;
  /** When the session ends without activity, in ms on this browser's clock. */
  idleExpiresAt?: number | undefined;
  /** The idle period in seconds, for "you have not been active for 20 minutes". */
  idleTimeoutSeconds?: number | undefined;
  /** True in the last two minutes before idleExpiresAt: the warning is showing. */
  warning?: boolean;
}

export type SessionListener = (state: SessionSnapshot) => void;

/**
 * A widget that follows the session, for the language of the session dialogs: its `lang_` (every
 * kit widget has one: its own `lang`, `<e-service-config>`, the page), else the nearest `lang`.
 */
export type SessionWidget = Element & { readonly lang_?: Language };

const languageOf = (widget: SessionWidget): Language =>
  widget.lang_ ?? toLanguage(widget.closest('[lang]')?.getAttribute('lang'));

/** Time and timers; tests give the store a clock they move by hand. */
export interface Clock {
  now(): number;
  /** Calls `fn` after `ms`; returns what cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  after: (ms, fn) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

/** The warning opens this long before the idle expiry. */
export const WARNING_MS = 120_000;

export class SessionStore {
  state: SessionSnapshot = { status: 'unknown' };
  readonly clock: Clock;
  /** Each listener, with the widget it speaks for (if it said). */
  readonly #listeners = new Map<SessionListener, SessionWidget | undefined>();
  /** Where the citizen last was (logged in, clicked, moved focus), innermost first: maybe in a widget in a widget. */
  #used: EventTarget[] = [];
  readonly #channel?: BroadcastChannel;
  #checking?: Promise<SessionSnapshot> | undefined;
  #seq = 0;
  #absolute = Infinity;
  #cancel?: (() => void) | undefined;
  #dialog?: HTMLElementTagNameMap['esk-session-timeout'] | undefined;

  /** `lang`: the dialogs' and the requests' language, whatever the widgets speak (see `lang`). */
  constructor(
    readonly backend: EidBackend,
    private readonly options: { clock?: Clock; lang?: Language } = {},
  ) {
    this.clock = options.clock ?? realClock;
    const base = new URL(typeof backend === 'string' ? backend : backend.baseUrl).href;
    if (typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(`esk-session ${base}`);
      this.#channel.onmessage = ({ data }) => (data === 'logout' ? this.#loggedOut() : void this.#fresh().catch(() => {}));
    }
  }

  /**
   * The language of the session dialogs (and of the store's requests): the widgets' that follow
   * the session when they all speak one; when they disagree, the one of the widget the citizen
   * last used here (logging in with it counts); until they have used one, the page's `<html lang>`.
   */
  get lang(): Language {
    if (this.options.lang) return this.options.lang;
    const widgets = new Set([...this.#listeners.values()].filter((w) => w?.isConnected));
    const spoken = new Set([...widgets].map((w) => languageOf(w!)));
    if (spoken.size === 1) return [...spoken][0]!;
    const used = this.#used.find((node) => widgets.has(node as SessionWidget)) as SessionWidget | undefined;
    if (spoken.size > 1 && used) return languageOf(used);
    return toLanguage(document.documentElement.lang);
  }

  /**
   * Calls `listener` now and on every change; returns what unsubscribes it. `widget`: the element
   * the listener belongs to, whose language the session dialogs then take into account.
   */
  subscribe(listener: SessionListener, widget?: SessionWidget): () => void {
    this.#listeners.set(listener, widget);
    this.#watchUse();
    listener(this.state);
    this.#mount();
    return () => {
      this.#listeners.delete(listener);
      this.#watchUse();
      this.#mount();
    };
  }

  /** A click or a focus in a widget that follows this session (or in one inside it). */
  #onUse = (event: Event) => {
    const widgets = new Set(this.#listeners.values());
    const path = event.composedPath();
    if (path.some((node) => widgets.has(node as SessionWidget))) this.#used = path;
  };

  #watching = false;

  /** Listens for use while a widget that said who it is follows the session. */
  #watchUse(): void {
    const wanted = [...this.#listeners.values()].some(Boolean);
    if (wanted === this.#watching) return;
    this.#watching = wanted;
    for (const type of ['focusin', 'pointerdown'] as const) {
      if (wanted) document.addEventListener(type, this.#onUse, true);
      else document.removeEventListener(type, this.#onUse, true);
    }
    if (!wanted) this.#used = [];
  }

  /** Reads the session (GET /api/session, which is not activity); concurrent callers share one request. */
  check(): Promise<SessionSnapshot> {
    return this.#checking ?? this.#fresh();
  }

  /**
   * A widget has logged the citizen in: learn the expiry, tell the other widgets and tabs. `from`:
   * the widget the login was made in, whose language the session dialogs then speak if widgets disagree.
   */
  loggedIn(user: SessionUser, from?: SessionWidget): Promise<SessionSnapshot> {
    if (from) {
      // The widget and every element around it, through shadow roots: it may sit inside another widget.
      const path: EventTarget[] = [];
      for (let node: Node | null = from; node; node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)) path.push(node);
      this.#used = path;
    }
    this.#set({ status: 'authenticated', user });
    this.#channel?.postMessage('login');
    return this.#fresh();
  }

  /** The server counted a request as activity: the idle expiry slides, never past the absolute one. */
  activity(): void {
    const s = this.state;
    if (s.status === 'authenticated' && s.idleTimeoutSeconds) {
      this.#set({ ...s, idleExpiresAt: Math.min(this.clock.now() + s.idleTimeoutSeconds * 1000, this.#absolute) });
    }
  }

  /** "Fortsätt vara inloggad": POST /api/session/refresh; the other tabs re-read the session. */
  async extend(): Promise<SessionSnapshot> {
    const state = await this.#load(
      refreshSession(this.backend, this.lang).catch((error: unknown) => {
        if (error instanceof ProblemError && error.problem.status === 401) return { authenticated: false };
        throw error;
      }),
    );
    this.#channel?.postMessage('extend');
    return state;
  }

  /**
   * DELETE /api/session; then every widget on the page and in the other tabs is logged out:
   * `eid-logout` is fired on `from` (the widget whose button it was; it bubbles to window) or on window.
   */
  async logout(from: EventTarget = window): Promise<void> {
    await logout(this.backend, this.lang);
    this.#channel?.postMessage('logout');
    this.#loggedOut(from);
  }

  #loggedOut(from: EventTarget = window): void {
    this.#seq++;
    this.#set({ status: 'anonymous' });
    from.dispatchEvent(new CustomEvent('eid-logout', { detail: {}, bubbles: true, composed: true }));
  }

  #fresh(): Promise<SessionSnapshot> {
    return (this.#checking = this.#load(getSession(this.backend, this.lang)));
  }

  /** Applies a server answer unless a later request or a logout has overtaken it. */
  #load(request: Promise<SessionState>): Promise<SessionSnapshot> {
    const seq = ++this.#seq;
    const done: Promise<SessionSnapshot> = request
      .then((s) => {
        if (seq === this.#seq) this.#apply(s);
        return this.state;
      })
      .finally(() => {
        if (this.#checking === done) this.#checking = undefined;
      });
    return done;
  }

  #apply(s: SessionState): void {
    const { status, idleTimeoutSeconds } = this.state;
    if (!s.authenticated) {
      // Only a session this page knew can expire; one never seen is simply not there.
      return this.#set(status === 'authenticated' || status === 'expired' ? { status: 'expired', idleTimeoutSeconds } : { status: 'anonymous' });
    }
    const now = this.clock.now();
    const idle = s.idleExpiresAt ? Date.parse(s.idleExpiresAt) : NaN;
    // On this browser's clock: the seconds the server counted on its own, else (an older backend) its ISO time.
    const idleExpiresAt = s.idleSecondsLeft !== undefined ? now + s.idleSecondsLeft * 1000 : idle || undefined;
    this.#absolute = idleExpiresAt && s.absoluteExpiresAt ? idleExpiresAt + Date.parse(s.absoluteExpiresAt) - idle || Infinity : Infinity;
    // The server's answer as it came (the user, the e-ID and whether it signs), with the times on this browser's clock.
    this.#set({ ...s, status: 'authenticated', idleExpiresAt, idleTimeoutSeconds: s.idleTimeoutSeconds ?? idleTimeoutSeconds });
  }

  #set(next: SessionSnapshot): void {
    const end = next.status === 'authenticated' ? next.idleExpiresAt : undefined;
    const left = end === undefined ? Infinity : end - this.clock.now();
    this.state = next = { ...next, warning: left <= WARNING_MS };
    this.#cancel?.();
    // At the warning and at the expiry, ask the server first: another tab's activity may have moved it.
    this.#cancel =
      left === Infinity ? undefined : this.clock.after(left > WARNING_MS ? left - WARNING_MS : Math.max(left, 1000), () => void this.#tick());
    this.#mount();
    if (this.#dialog) this.#dialog.state = next;
    for (const listener of this.#listeners.keys()) listener(next);
  }

  async #tick(): Promise<void> {
    try {
      await this.#fresh();
    } catch {
      // The server can't be asked: go by this browser's clock.
      const s = this.state;
      if (s.status === 'authenticated') this.#set(s.idleExpiresAt! <= this.clock.now() ? { status: 'expired', idleTimeoutSeconds: s.idleTimeoutSeconds } : s);
    }
  }

  /** One dialog per store, while a widget listens and there is a session to warn about. */
  #mount(): void {
    const wanted = this.#listeners.size > 0 && (this.state.status === 'authenticated' || this.state.status === 'expired');
    if (wanted && !this.#dialog && document.body) {
      document.body.append((this.#dialog = Object.assign(document.createElement('esk-session-timeout'), { store: this, state: this.state })));
    } else if (!wanted && this.#dialog) {
      this.#dialog.remove();
      this.#dialog = undefined;
    }
  }
}

const stores = new Map<string, SessionStore>();
const fetchOf = (backend: EidBackend) => (typeof backend === 'string' ? undefined : backend.fetch);

/**
 * The page's one session store for a backend, keyed by its base URL. A widget given a fetch of
 * its own (a story, a test) gets a store of its own for that fetch.
 */
export function sessionFor(backend: EidBackend): SessionStore {
  const key = new URL(typeof backend === 'string' ? backend : backend.baseUrl).href;
  let store = stores.get(key);
  if (!store || fetchOf(store.backend) !== fetchOf(backend)) {
    stores.set(key, (store = new SessionStore(backend)));
    onActivity(key, () => stores.get(key)?.activity());
  }
  return store;
}
