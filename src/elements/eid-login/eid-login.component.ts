import { ContextConsumer } from '@lit/context';
import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { cancelOrder, pollOrder, startLogin, type EidBackend } from '../../client/eid.js';
import { sessionFor, type SessionSnapshot, type SessionStore } from '../../client/session.js';
import type { KitClient } from '../../client/kit-client.js';
import type { LoginMethod, OrderState, SessionUser } from '../../contract/eid.js';
import type { BankIdFlow } from '../../components/bankid/bankid-flow.js';
import { renderBankIdChoice } from '../../components/bankid/bankid-choice.js';
import { bankIdFlowStyles } from '../../components/bankid/bankid-flow.styles.js';
import { loadOnce } from '../../components/load-once.js';
import type { Language } from '../../contract/text.js';
import { kitConfigContext, type KitConfig } from '../../config/context.js';
import { LanguageController } from '../../config/language-controller.js';
import { attachContextRoot, resolveBackend } from '../../config/resolve.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { baseStyles, hostStyles } from '../../styles/shared.js';
import { loginSuccessEvent } from './eid-login.events.js';
import { eidLoginStyles } from './eid-login.styles.js';
import { bankIdAutostartUrl, isMobileDevice } from '../../components/bankid/device.js';
import type { BrokerChoice } from './broker-choice.js';
import '../../i18n/messages.eid.js';

type View = 'checking' | 'out' | 'in';

/**
 * @tagname eid-login
 * @summary Log in with BankID: on this device (the app starts by itself) or on another device
 * (an animated QR code), with BankID's recommended messages for every status. When logged in it
 * shows the citizen's name and a Log out button. `variant="compact"` suits a site header: one
 * *Logga in* button that opens the choice, and once logged in the name and *Logga ut* on one line.
 *
 * @fires {EidLoginSuccessDetail} eid-login-success - The citizen has logged in; `detail.user` holds the name.
 * @fires {Record<string, never>} eid-logout - The citizen has logged out.
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
  static override styles = [hostStyles, baseStyles, bankIdFlowStyles, eidLoginStyles];
  // Internal state with `attribute: false` too, written out: the manifest's analyzer reads no `state`, and reads
  // only an object literal here (a shared constant for it would list each as an attribute).
  static override properties: PropertyDeclarations = {
    backend: { reflect: true },
    client: { attribute: false },
    fetch: { attribute: false },
    variant: { reflect: true },
    open: { state: true, attribute: false },
    view: { state: true, attribute: false },
    user: { state: true, attribute: false },
  };

  /** The backend's base URL; by default the one set by `<e-service-config>`, else the server the kit was loaded from. */
  backend?: string;

  /** A client whose `baseUrl` is used instead of `backend`. */
  client?: Pick<KitClient, 'baseUrl'>;

  /** A fetch to use instead of the browser's: lets a page, a story or a test answer the requests. */
  fetch?: typeof fetch;

  /** `compact`: for a site header — *Logga in* opens the choice; logged in, the name and *Logga ut* on one line. */
  variant?: 'compact';

  /** Compact: whether the choice is open. */
  private open = false;

  /** What `<e-service-config>` sets for the page (the backend, the language), followed as it changes. */
  private readonly configContext = new ContextConsumer(this, { context: kitConfigContext, subscribe: true });
  private get config(): KitConfig | undefined {
    return this.configContext.value;
  }

  private view: View = 'checking';
  private user?: SessionUser;

  private readonly language = new LanguageController(this, () => this.config);
  /**
   * BankID's steps after the first question: fetched when the citizen chooses a device (or a logout fails), so
   * that a page that only shows the login, or shows someone logged in, loads the two buttons and no more.
   */
  private flow?: BankIdFlow<OrderState>;
  /** What the status says before the steps are fetched (after a logout). */
  private note?: MessageKey | undefined;
  /** The choice takes keyboard focus once rendered (the steps, once fetched, do this themselves). */
  private focusChoice = false;
  /** The e-IDs of the municipality's e-ID broker beside BankID (broker-choice.ts): fetched where someone may log in. */
  private broker?: BrokerChoice;
  private readonly loadBroker = loadOnce(() => import('./broker-choice.js').then((chunk) => void (this.broker = new chunk.BrokerChoice(this, () => this.api))));

  constructor() {
    super();
    attachContextRoot();
  }

  private store?: SessionStore;
  private unsubscribe?: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.view !== 'in') this.view = 'checking';
    // Back from the broker's page: how the login went is said here (a compact login opens to say it).
    if (location.search.includes('esk-login=')) {
      this.open = true;
      this.offerBroker();
    }
    // After the first update, so that properties a page sets right after inserting the element count.
    void this.updateComplete.then(() => this.follow());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Follows the page's one session at this backend: every widget and tab shows the same login. */
  private follow(): void {
    if (!this.isConnected) return;
    const store = sessionFor(this.api);
    if (store === this.store && this.unsubscribe) return;
    this.unsubscribe?.();
    this.store = store;
    this.unsubscribe = store.subscribe(this.onSession, this);
    if (store.state.status === 'unknown') void store.check().catch(() => undefined);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Until the choice is there (a compact login opened while the session is still being read).
    const choice = this.focusChoice && this.renderRoot.querySelector<HTMLElement>('[data-focus]');
    if (choice) {
      this.focusChoice = false;
      choice.focus();
    }
    // Another backend (or fetch) is another session.
    if (this.store && (changed.has('backend') || changed.has('client') || changed.has('fetch'))) this.follow();
  }

  private readonly onSession = (state: SessionSnapshot) => {
    if (state.status === 'authenticated' && state.user) {
      // The timeout warning the store puts on the page: fetched once someone is logged in.
      void import('../../components/session-timeout.js');
      this.user = state.user;
      this.view = 'in';
      // Compact: after a logout the header shows Logga in again, not the choice left open.
      this.open = false;
    } else if (state.status === 'anonymous' || state.status === 'expired') {
      // Logged out here, in another widget or another tab, or timed out.
      if (this.view === 'in') this.showChoice(state.status === 'expired' ? undefined : 'eid.loggedOut');
      this.user = undefined;
      this.view = 'out';
      this.offerBroker();
    }
  };

  /**
   * The language in use: `lang` on the element, `<e-service-config>`, the page, or Swedish.
   * @internal
   */
  get lang_(): Language {
    return this.language.value;
  }

  /** The broker's e-IDs: a page that cannot fetch them offers BankID alone. */
  private offerBroker(): void {
    this.loadBroker().catch(() => undefined);
  }

  /** Focus goes to the widget's first button: another widget's "Till inloggningen" leads here (a compact login opens). */
  override focus(options?: FocusOptions): void {
    // Compact: open, and on to the first way of logging in (not to Logga in, the first button).
    if (this.variant === 'compact' && this.view !== 'in') return this.toggle(true);
    (this.renderRoot.querySelector('button') ?? this).focus(options);
  }

  /** Compact: opens the choice, focus to its first button, or closes it (focus stays on Logga in, which did it). */
  private toggle(open: boolean): void {
    // Closed while a BankID order runs: the order is cancelled, not left running out of sight.
    if (!open && this.flow?.view === 'pending') this.flow.cancel();
    this.open = this.focusChoice = open;
    this.requestUpdate();
  }

  /** True on phones and tablets: there the app link is https://app.bankid.com/ and BankID says RFA15B. */
  isMobile(): boolean {
    return isMobileDevice();
  }

  /** Opens the BankID app. Tests and pages may replace this to capture the URL instead of navigating. */
  openBankId(url: string): void {
    location.href = url;
  }

  /** The autostart link for this device. */
  autostartUrl(token: string): string {
    return bankIdAutostartUrl(token, this.isMobile());
  }

  /** BankID's steps, fetched once; after a failed fetch the next choice asks again. */
  private readonly loadFlow = loadOnce(() => import('../../components/bankid/bankid-flow.js').then(({ BankIdFlow }) => {
    this.flow = new BankIdFlow<OrderState>(
      this,
      () => {
        const lang = this.lang_;
        return {
          start: (method) => startLogin(this.api, method, lang),
          poll: (orderRef) => pollOrder(this.api, orderRef, lang),
          cancel: (orderRef) => cancelOrder(this.api, orderRef, lang),
        };
      },
      (state) => this.loggedIn(state),
    );
    return this.flow;
  }));

  private async start(method: LoginMethod): Promise<void> {
    this.note = undefined;
    const flow = await this.loadFlow().catch(() => undefined);
    // The steps could not be fetched: said as BankID's own steps say a backend out of reach.
    if (!flow) return this.showChoice(navigator.onLine ? 'eid.unreachable' : 'eid.offline');
    await flow.start(method);
  }

  /** Back to the first question, with a note. */
  private showChoice(note?: MessageKey): void {
    this.note = note;
    if (this.flow) return this.flow.show('choice', undefined, note);
    // As the flow does: keyboard users stay inside the widget when the button they used (Logga ut) is replaced.
    this.focusChoice = this.matches(':focus-within');
    this.requestUpdate();
  }

  private get api(): EidBackend {
    const backend = resolveBackend(this.backend, this.config);
    const baseUrl = this.client?.baseUrl ?? (backend.ok ? backend.url : '');
    return { baseUrl, fetch: this.fetch };
  }

  private loggedIn(state: OrderState): void {
    this.user = state.user;
    this.view = 'in';
    this.showChoice();
    if (!state.user) return;
    void this.store?.loggedIn(state.user, this).catch(() => undefined);
    this.dispatchEvent(loginSuccessEvent({ user: state.user }));
  }

  private async logOut(): Promise<void> {
    try {
      // The store logs out every widget on the page and in the other tabs, and fires eid-logout from here.
      await (this.store ?? sessionFor(this.api)).logout(this);
    } catch (error) {
      const flow = await this.loadFlow().catch(() => undefined);
      if (flow) flow.tell(error);
      else {
        this.note = 'eid.unreachable';
        this.requestUpdate();
      }
    }
  }

  protected override render() {
    const lang = this.lang_;
    const view = this.view;
    const flow = this.flow;
    const broker = this.broker;
    const status = view === 'checking' ? t(lang, 'eid.checking') : flow?.statusText(lang) || (this.note ? t(lang, this.note) : broker?.statusText(lang) ?? '');
    const compact = this.variant === 'compact';
    // Compact and logged out: one button that opens and closes the choice (a disclosure).
    const closed = compact && view !== 'in' && !this.open;
    return html`<div part="base" class="base ${compact ? 'compact' : ''}">
      ${compact && view !== 'in'
        ? html`<button type="button" part="button" class="button" aria-expanded=${String(this.open)}
            @click=${() => this.toggle(!this.open)}>${t(lang, 'eid.login')}</button>`
        : nothing}
      ${closed
        ? nothing
        : view === 'in' && this.user
        ? html`<p>${t(lang, 'eid.loggedIn', { name: this.user.name })}</p>`
        : html`<h2>${t(lang, broker?.title ?? 'eid.title')}</h2>`}
      <p part="status" class="status ${flow?.view === 'failed' || broker?.failed(status, lang) ? 'status--error' : ''}" role="status" aria-live="polite" aria-atomic="true">${status}</p>
      ${view === 'out' && !closed
        ? html`${flow ? flow.render(lang) : renderBankIdChoice(lang, (method) => void this.start(method))}${broker?.render(lang, flow?.view)}`
        : view === 'in'
          ? html`<div class="actions"><button type="button" part="button" class="button button--secondary" data-focus
              @click=${() => void this.logOut()}>${t(lang, 'eid.logout')}</button></div>`
          : nothing}
    </div>`;
  }
}
