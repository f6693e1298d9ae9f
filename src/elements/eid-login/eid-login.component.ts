import { consume } from '@lit/context';
import { generate } from 'lean-qr/nano';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { cancelOrder, eidErrorCode, getSession, logout, pollOrder, startLogin, type EidBackend } from '../../client/eid.js';
import type { KitClient } from '../../client/kit-client.js';
import type { LoginMethod, OrderState, SessionUser } from '../../contract/eid.js';
import type { Language } from '../../contract/text.js';
import { kitConfigContext, type KitConfig } from '../../config/context.js';
import { LanguageController } from '../../config/language-controller.js';
import { attachContextRoot, resolveBackend } from '../../config/resolve.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { baseStyles, hostStyles } from '../../styles/shared.js';
import { loginSuccessEvent, logoutEvent } from './eid-login.events.js';
import { eidLoginStyles } from './eid-login.styles.js';
import { errorRfa, failedRfa, pendingRfa, rfaKey, type Rfa } from './rfa.js';

type View = 'checking' | 'choice' | 'pending' | 'failed' | 'in';

const POLL_MS = 1000;

/**
 * @tagname eid-login
 * @summary Log in with BankID: on this device (the app starts by itself) or on another device
 * (an animated QR code), with BankID's recommended messages for every status. When logged in it
 * shows the citizen's name and a Log out button.
 *
 * @fires eid-login-success - The citizen has logged in; `detail.user` holds the name.
 * @fires eid-logout - The citizen has logged out.
 *
 * @csspart base - The widget as a whole.
 * @csspart status - BankID's message for the current status (a polite live region).
 * @csspart qr - The QR code to scan.
 * @csspart button - Each button.
 *
 * @cssprop --esk-font-family - Font of all text.
 * @cssprop --esk-color-primary - Background of the main button.
 * @cssprop --esk-color-focus - Colour of the focus highlight.
 */
export class EidLogin extends LitElement {
  static override styles = [hostStyles, baseStyles, eidLoginStyles];

  /** The backend's base URL; by default the one set by `<e-service-config>`, else the server the kit was loaded from. */
  @property({ reflect: true }) backend?: string;

  /** A client whose `baseUrl` is used instead of `backend`. */
  @property({ attribute: false }) client?: Pick<KitClient, 'baseUrl'>;

  /** A fetch to use instead of the browser's: lets a page, a story or a test answer the requests. */
  @property({ attribute: false }) fetch?: typeof fetch;

  @consume({ context: kitConfigContext, subscribe: true })
  @state()
  private config?: KitConfig;

  @state() private view: View = 'checking';
  @state() private rfa?: Rfa;
  @state() private note?: MessageKey;
  @state() private qrData?: string;
  @state() private user?: SessionUser;

  private method: LoginMethod = 'otherDevice';
  private orderRef?: string;
  private launchUrl?: string;
  private timer?: ReturnType<typeof setTimeout>;
  /** Bumped whenever an order ends, so answers to an older one are ignored. */
  private run = 0;
  private moveFocus = false;
  private readonly language = new LanguageController(this, () => this.config);

  constructor() {
    super();
    attachContextRoot();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.view !== 'in') this.view = 'checking';
    // After the first update, so that properties a page sets right after inserting the element count.
    void this.updateComplete.then(() => this.checkSession());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // An order nobody can see any more is cancelled.
    if (this.view === 'pending') this.cancel();
  }

  /** The language in use: `lang` on the element, `<e-service-config>`, the page, or Swedish. */
  get lang_(): Language {
    return this.language.value;
  }

  /** True on phones and tablets: there the app link is https://app.bankid.com/ and BankID says RFA15B. */
  isMobile(): boolean {
    return /Android|iPhone|iPad|iPod|Mobile/i.test(navigator.userAgent);
  }

  /** Opens the BankID app. Tests and pages may replace this to capture the URL instead of navigating. */
  openBankId(url: string): void {
    location.href = url;
  }

  /** The autostart link for this device. */
  autostartUrl(token: string): string {
    const base = this.isMobile() ? 'https://app.bankid.com/' : 'bankid:///';
    return `${base}?autostarttoken=${encodeURIComponent(token)}&redirect=null`;
  }

  private get api(): EidBackend {
    const backend = resolveBackend(this.backend, this.config);
    const baseUrl = this.client?.baseUrl ?? (backend.ok ? backend.url : '');
    return { baseUrl, fetch: this.fetch };
  }

  private async checkSession(): Promise<void> {
    const run = this.run;
    try {
      const session = await getSession(this.api, this.lang_);
      if (run !== this.run) return;
      if (session.authenticated && session.user) {
        this.user = session.user;
        this.view = 'in';
        return;
      }
    } catch {
      // No session could be read: the citizen can still log in.
    }
    if (run === this.run && this.view === 'checking') this.view = 'choice';
  }

  private stop(): void {
    this.run++;
    clearTimeout(this.timer);
  }

  private show(view: View, rfa?: Rfa, note?: MessageKey): void {
    this.view = view;
    this.rfa = rfa;
    this.note = note;
    // Keep keyboard users inside the widget when the buttons they used are replaced.
    this.moveFocus = this.matches(':focus-within');
  }

  private async start(method: LoginMethod): Promise<void> {
    this.stop();
    const run = this.run;
    const qr = method === 'otherDevice';
    this.method = method;
    this.qrData = undefined;
    this.orderRef = this.launchUrl = undefined;
    this.show('pending', qr ? 'RFA1' : 'RFA13');
    try {
      const started = await startLogin(this.api, method, this.lang_);
      if (run !== this.run) return;
      this.orderRef = started.orderRef;
      if (!qr && started.autoStartToken) this.openBankId((this.launchUrl = this.autostartUrl(started.autoStartToken)));
      await this.poll(run);
    } catch (error) {
      if (run === this.run) this.fail(errorRfa(eidErrorCode(error)));
    }
  }

  private async poll(run: number): Promise<void> {
    const state: OrderState = await pollOrder(this.api, this.orderRef!, this.lang_);
    if (run !== this.run) return;
    const qr = this.method === 'otherDevice';
    if (state.status === 'complete') {
      this.stop();
      this.user = state.user;
      this.show('in');
      if (state.user) this.dispatchEvent(loginSuccessEvent({ user: state.user }));
    } else if (state.status === 'failed') {
      this.fail(failedRfa(state.hintCode, { qr }));
    } else {
      this.rfa = pendingRfa(state.hintCode, { qr, mobile: this.isMobile() });
      this.qrData = qr ? state.qrData : undefined;
      this.timer = setTimeout(() => {
        this.poll(run).catch((error) => run === this.run && this.fail(errorRfa(eidErrorCode(error))));
      }, POLL_MS);
    }
  }

  private fail(rfa: Rfa): void {
    this.stop();
    this.show('failed', rfa);
  }

  private cancel(): void {
    const orderRef = this.orderRef;
    this.stop();
    this.orderRef = undefined;
    if (orderRef) cancelOrder(this.api, orderRef, this.lang_).catch(() => undefined);
    this.show('choice', 'RFA6');
  }

  private async logOut(): Promise<void> {
    try {
      await logout(this.api, this.lang_);
    } catch (error) {
      this.rfa = errorRfa(eidErrorCode(error));
      return;
    }
    this.user = undefined;
    this.show('choice', undefined, 'eid.loggedOut');
    this.dispatchEvent(logoutEvent());
  }

  protected override updated(): void {
    if (this.qrData) {
      const canvas = this.renderRoot.querySelector('canvas');
      if (canvas) generate(this.qrData).toCanvas(canvas);
    }
    if (this.moveFocus) {
      this.moveFocus = false;
      this.renderRoot.querySelector<HTMLElement>('[data-focus]')?.focus();
    }
  }

  private button(label: MessageKey, onClick: () => void, secondary = false, focus = false) {
    return html`<button type="button" part="button" class="button ${secondary ? 'button--secondary' : ''}"
      ?data-focus=${focus} @click=${onClick}>${t(this.lang_, label)}</button>`;
  }

  protected override render() {
    const lang = this.lang_;
    const view = this.view;
    const failed = view === 'failed';
    const status = this.rfa ? t(lang, rfaKey(this.rfa)) : this.note ? t(lang, this.note) : view === 'checking' ? t(lang, 'eid.checking') : '';
    return html`<div part="base" class="base">
      ${view === 'in' && this.user
        ? html`<p>${t(lang, 'eid.loggedIn', { name: this.user.name })}</p>`
        : html`<h2>${t(lang, 'eid.title')}</h2>`}
      <p part="status" class="status ${failed ? 'status--error' : ''}" role="status" aria-live="polite" aria-atomic="true">${status}</p>
      ${view === 'choice'
        ? html`<p>${t(lang, 'eid.RFA20')}</p>
            <div class="actions">
              ${this.button('eid.thisDevice', () => this.start('sameDevice'), false, true)}
              ${this.button('eid.otherDevice', () => this.start('otherDevice'))}
            </div>`
        : view === 'pending'
          ? html`${this.method === 'otherDevice'
                ? html`<p>${t(lang, 'eid.qrHelp')}</p>
                    ${this.qrData ? html`<canvas part="qr" class="qr" role="img" aria-label=${t(lang, 'eid.qrAlt')}></canvas>` : nothing}`
                : nothing}
              <div class="actions">
                ${this.launchUrl ? this.button('eid.openApp', () => this.openBankId(this.launchUrl!)) : nothing}
                ${this.button('eid.cancel', () => this.cancel(), true, true)}
              </div>`
          : failed
            ? html`<div class="actions">
                ${this.button('eid.retry', () => this.start(this.method), false, true)}
                ${this.button('eid.cancel', () => this.show('choice'), true)}
              </div>`
            : view === 'in'
              ? html`<div class="actions">${this.button('eid.logout', () => void this.logOut(), true, true)}</div>`
              : nothing}
    </div>`;
  }
}
