import { html, nothing } from 'lit';
import type { BankIdHost } from '../../components/bankid/bankid-flow.js';
import type { SigningState, StartSigningResponse } from '../../contract/signing.js';
import type { Language } from '../../contract/text.js';
import { t, type MessageKey } from '../../i18n/index.js';
import '../../i18n/messages.js';
import '../../i18n/messages.signing.js';

/**
 * Signing with the e-ID of a login through the municipality's e-ID broker (Freja eID, Telia, eIDAS): the citizen goes
 * to the broker's page, reads the text and signs there, and comes back to this page with `esk-signing=<orderRef>`;
 * the form, its answers restored from the tab, asks how the signing went and shows the receipt. Fetched with the
 * signing steps, for the e-services that are signed.
 */

/** The query parameter the citizen comes back with: the signing to ask about. */
export const SIGNING_RETURN_PARAMETER = 'esk-signing';

/** The e-IDs of the broker, by the names citizens know (as `<eid-login>` offers them). */
const EID_NAMES: Record<string, MessageKey> = { freja: 'form.eidFreja', telia: 'form.eidTelia', eidas: 'form.eidEidas' };

export interface BrokerSigningApi {
  start(returnUrl: string): Promise<StartSigningResponse>;
  poll(orderRef: string): Promise<SigningState>;
}

/**
 * Telia's e-legitimation (Net iD) signs in every common browser but Google Chrome ("Telia/Net iD stöder inte Chrome
 * vid signering, utan endast autentisering"): Chrome is named by its brand (Edge, Opera and the others built on
 * Chromium say their own), or, where the browser does not say, by its user agent.
 */
export function isGoogleChrome(nav: Navigator = navigator): boolean {
  const brands = (nav as Navigator & { userAgentData?: { brands: { brand: string }[] } }).userAgentData?.brands;
  if (brands) return brands.some(({ brand }) => brand === 'Google Chrome');
  return /Chrome\//.test(nav.userAgent) && !/Edg\/|OPR\/|SamsungBrowser\//.test(nav.userAgent);
}

/**
 * What a citizen logged in with an e-ID of the broker must know before they fill in an e-service that is signed:
 * that their e-ID cannot sign here (log in with another), or that this browser cannot sign with it (use another).
 */
export function renderSigningNotice(eid: unknown, eidSigns: unknown, lang: Language, chrome = isGoogleChrome()) {
  if (typeof eid !== 'string' || eid === 'bankid') return nothing;
  const name = EID_NAMES[eid] ? t(lang, EID_NAMES[eid]!) : eid;
  if (eidSigns === false) return html`<p class="notice" part="signing-notice">${t(lang, 'form.eidCannotSign', { eid: name })}</p>`;
  if (eid === 'telia' && chrome) return html`<p class="notice" part="signing-notice">${t(lang, 'form.teliaNotInChrome')}</p>`;
  return nothing;
}

export class BrokerSigning {
  view: 'ready' | 'starting' | 'returning' | 'failed' = 'ready';
  private message: MessageKey | undefined;
  /** Returning: the live region says so once it is on the page. */
  private checking = false;

  constructor(
    private readonly host: BankIdHost,
    private readonly api: () => BrokerSigningApi,
    private readonly signed: (state: SigningState) => void,
    private readonly focus: (selector: string) => void,
    private readonly wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** The signing the citizen came back from, named in the page's address, which forgets it (a reload asks nothing again). */
  static returned(): string | undefined {
    const url = new URL(location.href);
    const orderRef = url.searchParams.get(SIGNING_RETURN_PARAMETER) ?? undefined;
    if (orderRef) {
      url.searchParams.delete(SIGNING_RETURN_PARAMETER);
      history.replaceState(history.state, '', url.href);
    }
    return orderRef;
  }

  /** To the broker's page, to sign there; this page is where the citizen comes back to. */
  async start(): Promise<void> {
    this.set('starting');
    try {
      const returnUrl = new URL(location.href);
      returnUrl.hash = '';
      returnUrl.searchParams.delete(SIGNING_RETURN_PARAMETER);
      const started = await this.api().start(returnUrl.href);
      if (started.result) return this.signed({ status: 'complete', result: started.result });
      // Only a web page: the backend's answer is checked here, where it is used (the client's check lets it through).
      const page = started.authorizationUrl;
      if (typeof page !== 'string' || !/^https?:\/\//.test(page)) throw new Error('no page to sign at');
      location.assign(page);
    } catch {
      // A refusal the form shows itself (field errors, a session that ended) has already been shown.
      if (this.view === 'starting') this.fail('form.signUnreachable');
    }
  }

  /** Back from the broker: how the signing went (the case is made when this asks), for a while if the broker was slow to say. */
  async resume(orderRef: string): Promise<void> {
    // The live region is drawn empty first and told after: a region that appears with its text is not read out.
    this.set('returning');
    await this.host.updateComplete;
    this.checking = true;
    this.host.requestUpdate();
    for (let attempt = 0; attempt < 20; attempt++) {
      let state: SigningState;
      try {
        state = await this.api().poll(orderRef);
      } catch {
        return this.fail('form.signUnreachable');
      }
      if (state.status === 'complete') return this.signed(state);
      if (state.status === 'failed') return this.fail(state.hintCode === 'userCancel' ? 'form.brokerSignCancelled' : 'form.brokerSignFailed');
      await this.wait(1000);
    }
    this.fail('form.brokerSignFailed');
  }

  private fail(message: MessageKey): void {
    this.message = message;
    this.set('failed');
    this.focus('.signing [data-focus]');
  }

  private set(view: BrokerSigning['view']): void {
    this.view = view;
    this.host.requestUpdate();
  }

  render(lang: Language, eid: string, onBack: () => void) {
    const name = EID_NAMES[eid] ? t(lang, EID_NAMES[eid]!) : eid;
    const busy = this.view === 'starting' || this.view === 'returning';
    return html`<section class="signing" part="signing" aria-labelledby="sign-title">
      <h3 id="sign-title" class="step-title">${t(lang, 'form.brokerSignTitle', { eid: name })}</h3>
      <p>${t(lang, 'form.brokerSignIntro', { eid: name })}</p>
      <p class="status ${this.view === 'failed' ? 'status--error' : ''}" part="signing-status" role="status" aria-live="polite" aria-atomic="true">${
        this.view === 'returning' ? (this.checking ? t(lang, 'form.brokerSignChecking') : '') : this.view === 'failed' && this.message ? t(lang, this.message) : ''}</p>
      <div class="actions">
        <button type="button" class="button" data-focus aria-disabled=${busy ? 'true' : 'false'} @click=${() => busy || void this.start()}>
          ${t(lang, this.view === 'failed' ? 'form.brokerSignAgain' : 'form.brokerSignButton', { eid: name })}
        </button>
        <button type="button" class="button button--secondary" @click=${onBack}>${t(lang, 'form.back')}</button>
      </div>
    </section>`;
  }
}
