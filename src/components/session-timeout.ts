import { LitElement, css, html, type PropertyDeclarations, type PropertyValues } from 'lit';
import { realClock, type SessionSnapshot, type SessionStore } from '../client/session.js';
import type { Language } from '../contract/text.js';
import { defineElement } from '../config/define.js';
import { t, toLanguage, hasLanguage, loadLanguage } from '../i18n/index.js';
import './session-timeout.messages.js';
import { baseStyles, hostStyles } from '../styles/shared.js';

/** "1 minut 45 sekunder", "2 minutes", "45 sekunder". */
function duration(lang: Language, seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  const part = (n: number, key: 'session.minute' | 'session.second') => `${n} ${t(lang, key).split('|')[n === 1 ? 0 : 1]}`;
  return [m && part(m, 'session.minute'), (s || !m) && part(s, 'session.second')].filter(Boolean).join(' ');
}

/** The element that has focus, looking through every shadow root on the way. */
function deepActive(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement | null;
}

const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The first element Tab would reach inside `root`, through the shadow roots of the elements in it. */
function firstFocusable(root: Element | ShadowRoot): HTMLElement | undefined {
  for (const element of root.querySelectorAll<HTMLElement>('*')) {
    if (element.matches(FOCUSABLE) && element.getClientRects().length > 0) return element;
    const inner = element.shadowRoot && firstFocusable(element.shadowRoot);
    if (inner) return inner;
  }
  return undefined;
}

/** Internal state that renders anew when it changes (`attribute: false` too, for the manifest's analyzer, which reads no `state`). */
const INTERNAL = { state: true, attribute: false } as const;

/**
 * @tagname esk-session-timeout
 * @summary The timeout warning (WCAG 2.2.1, after GOV.UK's pattern): a modal two minutes before the
 * login session ends for lack of activity, with the time left, "Fortsätt vara inloggad" (also
 * Escape) and "Logga ut"; then, if it ended, that the citizen was logged out and what they filled
 * in is kept. The page's session store (src/client/session.ts) inserts one per backend; a page
 * never adds it itself.
 *
 * @csspart dialog - The modal dialog.
 * @csspart button - Each button.
 *
 * @cssprop --esk-color-primary - Background of the main button.
 * @cssprop --esk-color-border - The dialog's border.
 */
export class EskSessionTimeout extends LitElement {
  static override styles = [
    hostStyles,
    baseStyles,
    css`
      :host { display: contents; }
      dialog {
        max-width: min(34em, calc(100vw - 2 * var(--_space))); padding: calc(1.5 * var(--_space));
        border: 5px solid var(--_border); border-radius: var(--_radius);
        background: var(--_background); color: var(--_text); font: inherit;
      }
      dialog::backdrop { background: rgb(11 12 12 / 0.8); }
      /* The dialog moves focus itself, also after a click, when :focus-visible would not match: the focused
         button must show it all the same (WCAG 2.4.7). */
      .button:focus { outline: 3px solid transparent; background: var(--_focus); color: #0b0c0c; box-shadow: 0 2px 0 #0b0c0c; }
      .buttons { display: flex; flex-wrap: wrap; gap: var(--_space); }
    `,
  ];
  static override properties: PropertyDeclarations = {
    store: { attribute: false },
    state: { attribute: false },
    live: INTERNAL,
  };

  /** The store whose session this warns about; it sets `state` on every change. */
  store?: SessionStore;

  /** The session as the store last told it; a story or test may set it to force a state. */
  state: SessionSnapshot = { status: 'unknown' };

  /** What the polite live region says: the time left at most every 30 s, or that the session ended. */
  private live = '';

  private get dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog') as HTMLDialogElement;
  }

  /** The citizen has answered this warning (or this expiry): don't open it again. */
  #done = false;
  #step = 0;
  #shown: 'warning' | 'expired' | undefined;
  #returnTo: HTMLElement | null = null;
  /** The page's element (a widget) that held #returnTo: where focus goes when #returnTo has gone meanwhile. */
  #returnWithin: Element | null = null;
  #stopTick?: (() => void) | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTick?.();
  }

  private get language(): Language {
    const wanted = this.store?.lang ?? toLanguage(document.documentElement.lang);
    if (hasLanguage(wanted)) return wanted;
    void loadLanguage(wanted).then(() => this.requestUpdate());
    return 'sv';
  }

  private get clock() {
    return this.store?.clock ?? realClock;
  }

  private get mode(): 'warning' | 'expired' | undefined {
    const { status, warning } = this.state;
    return this.#done ? undefined : status === 'expired' ? 'expired' : status === 'authenticated' && warning ? 'warning' : undefined;
  }

  /** Whole seconds until the idle expiry. */
  private get left(): number {
    return Math.max(0, Math.ceil(((this.state.idleExpiresAt ?? 0) - this.clock.now()) / 1000));
  }

  protected override render() {
    const lang = this.language;
    const expired = this.mode === 'expired';
    const button = (key: 'session.continue' | 'session.logout' | 'session.ok', onClick: () => void, secondary = false) =>
      html`<button type="button" part="button" class="button ${secondary ? 'button--secondary' : ''}" @click=${onClick}>${t(lang, key)}</button>`;
    return html`<dialog part="dialog" lang=${lang} aria-labelledby="title" aria-describedby="text"
      @cancel=${(e: Event) => {
        // GOV.UK: Escape closes the warning and keeps the citizen logged in.
        e.preventDefault();
        if (expired) this.#close();
        else this.#extend();
      }}
      @keydown=${this.#trapTab}>
      <h2 id="title">${t(lang, expired ? 'session.expiredTitle' : 'session.warningTitle')}</h2>
      <p id="text">${expired
        ? t(lang, 'session.expiredText', { time: duration(lang, this.state.idleTimeoutSeconds ?? 1200) })
        : t(lang, 'session.warningText', { time: duration(lang, this.left) })}</p>
      <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.live}</p>
      <div class="buttons">
        ${expired
          ? button('session.ok', () => this.#close())
          : [button('session.continue', () => this.#extend()), button('session.logout', () => this.#logout(), true)]}
      </div>
    </dialog>`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const old = changed.get('state');
    if (old && (old.status !== this.state.status || old.warning !== this.state.warning)) this.#done = false;
    const mode = this.mode;
    const lang = this.language;
    const step = Math.ceil(this.left / 30);
    if (mode !== this.#shown) {
      // A dialog that opens says its own title; a warning that turns into the notice says so here.
      this.live = mode === 'expired' && this.#shown === 'warning' ? t(lang, 'session.expiredTitle') : '';
      this.#step = step;
    } else if (mode === 'warning' && step < this.#step) {
      // The visible countdown moves each second; the live region speaks only every 30 s.
      this.#step = step;
      this.live = t(lang, 'session.timeLeft', { time: duration(lang, step * 30) });
    }
  }

  protected override updated(): void {
    const mode = this.mode;
    const dialog = this.dialog;
    this.#stopTick?.();
    if (mode && !dialog.open) {
      this.#returnTo = deepActive();
      this.#returnWithin = document.activeElement;
      dialog.showModal();
    }
    if (mode !== this.#shown) {
      if (mode) dialog.querySelector('button')!.focus();
      else {
        dialog.close();
        this.#giveFocusBack();
      }
    }
    this.#shown = mode;
    this.#stopTick = mode === 'warning' ? this.clock.after(1000, () => this.requestUpdate()) : undefined;
  }

  /**
   * Back where it was; or, when that element is gone (a logout replaced the widget's contents with its
   * login), to the first thing to use in the same widget — never to <body>, where a keyboard or screen
   * reader user would have to start the page again (WCAG 2.4.3).
   */
  #giveFocusBack(): void {
    const back = this.#returnTo?.isConnected ? this.#returnTo : undefined;
    const within = this.#returnWithin?.isConnected && this.#returnWithin !== document.body ? this.#returnWithin : undefined;
    (back ?? (within && (firstFocusable(within.shadowRoot ?? within) ?? (within.matches(FOCUSABLE) ? within as HTMLElement : undefined))))?.focus();
  }

  #close(): void {
    this.#done = true;
    this.requestUpdate();
  }

  #extend(): void {
    this.#close();
    this.store?.extend().catch(() => {
      // Not extended: the warning comes back.
      this.#done = false;
      this.requestUpdate();
    });
  }

  #logout(): void {
    this.#close();
    void this.store?.logout().catch(() => {
      this.#done = false;
      this.requestUpdate();
    });
  }

  /** Tab and Shift+Tab go round the dialog's buttons. */
  #trapTab = (e: KeyboardEvent) => {
    const buttons = [...this.dialog.querySelectorAll('button')];
    const at = buttons.indexOf(this.shadowRoot!.activeElement as HTMLButtonElement);
    if (e.key === 'Tab' && at === (e.shiftKey ? 0 : buttons.length - 1)) {
      e.preventDefault();
      buttons.at(e.shiftKey ? -1 : 0)!.focus();
    }
  };
}

defineElement('esk-session-timeout', EskSessionTimeout);

declare global {
  interface HTMLElementTagNameMap {
    'esk-session-timeout': EskSessionTimeout;
  }
}
