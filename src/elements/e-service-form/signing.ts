import { html } from 'lit';
import { BankIdFlow } from '../../components/bankid/bankid-flow.js';
import type { SigningState } from '../../contract/signing.js';
import type { Language } from '../../contract/text.js';
import { t } from '../../i18n/index.js';
import '../../i18n/messages.signing.js';
import type { BankIdHost, BankIdOrderApi } from '../../components/bankid/bankid-flow.js';
import type { StartSigningResponse } from '../../contract/signing.js';
import { BrokerSigning, renderSigningNotice, SIGNING_RETURN_PARAMETER } from './broker-signing.js';
import type { SendHost } from './send.js';
import { sessionFor } from '../../client/session.js';

/**
 * Signing a case: BankID's steps and what the form shows around them, with their texts. Fetched
 * (SendController.loadSigning) with the definition of an e-service that is signed, so that the
 * others do not carry them.
 */
export { BankIdFlow };

/** What signing says when the backend can't be reached, in place of the login's words. */
export const SIGNING_MESSAGES = { offline: 'form.signOffline', unreachable: 'form.signUnreachable' } as const;

/** Signing with BankID instead of the Send button; its messages in a live region of their own. */
export function renderSigning(flow: BankIdFlow<SigningState>, lang: Language, onBack: () => void) {
  return html`<section class="signing" part="signing" aria-labelledby="sign-title">
    <h3 id="sign-title" class="step-title">${t(lang, 'form.signTitle')}</h3>
    <p>${t(lang, 'form.signIntro')}</p>
    <p class="status ${flow.view === 'failed' ? 'status--error' : ''}" part="signing-status" role="status" aria-live="polite" aria-atomic="true">${flow.statusText(lang)}</p>
    ${flow.render(lang, onBack)}
  </section>`;
}

/** What signing needs of the sending: the calls behind it, and what to do when the case is signed. */
export interface CaseSigningSend {
  signingApi(): BankIdOrderApi<SigningState> & { start(method: 'sameDevice' | 'otherDevice' | 'broker', returnUrl?: string): Promise<StartSigningResponse> };
  signed(state: SigningState): void;
  /** The receipt's view, fetched before a signing is asked about (its answer may make the case). */
  loadReceipt(): Promise<unknown>;
  /** Whether the form shows the signing steps in place of its buttons. */
  signing: boolean;
}

/**
 * Signing the case with the e-ID of the login: BankID's steps for a BankID login, the round trip to the e-ID broker
 * for one of its e-IDs — all of it here, in the chunk that only the e-services that are signed fetch.
 */
export class CaseSigning {
  readonly flow: BankIdFlow<SigningState>;
  private readonly broker: BrokerSigning;

  constructor(host: BankIdHost, send: CaseSigningSend, private readonly form: Pick<SendHost, 'focus' | 'client'>) {
    this.flow = new BankIdFlow<SigningState>(host, () => send.signingApi(), (state) => send.signed(state), SIGNING_MESSAGES);
    this.broker = new BrokerSigning(host, () => {
      const api = send.signingApi();
      return {
        start: (returnUrl) => api.start('broker', returnUrl),
        poll: async (orderRef) => (await send.loadReceipt(), api.poll(orderRef)),
      };
    }, (state) => send.signed(state), (selector) => form.focus(selector));
    // Back on the page from the broker: the signing is asked about once the session says whose page this is.
    if (new URLSearchParams(location.search).has(SIGNING_RETURN_PARAMETER)) void this.resume(host, send);
  }

  /**
   * Back from the broker (`esk-signing` in the address): once the page's session is read, and only for a login whose
   * e-ID signs there, asks how the signing went; the signing steps show meanwhile, the answers come back from the tab.
   */
  private async resume(host: BankIdHost, send: CaseSigningSend): Promise<void> {
    const client = this.form.client();
    if (!client) return;
    await sessionFor(client).check().catch(() => undefined);
    const orderRef = this.brokerEid() ? BrokerSigning.returned() : undefined;
    if (!orderRef) return;
    send.signing = true;
    host.requestUpdate();
    await this.broker.resume(orderRef);
  }

  /** The e-ID of the page's login, and whether it signs here (read from the session, unchecked: see checks/eid.ts). */
  private login(): { eid?: unknown; eidSigns?: unknown } {
    const client = this.form.client();
    return client ? sessionFor(client).state : {};
  }

  /** The e-ID of the login, when it is the broker's (it signs there). */
  private brokerEid(): string | undefined {
    const { eid } = this.login();
    return typeof eid === 'string' && eid !== 'bankid' ? eid : undefined;
  }

  /** In place of the Send button: BankID's steps, or the broker's for its e-IDs. */
  render(lang: Language, onBack: () => void) {
    const eid = this.brokerEid();
    return eid ? this.broker.render(lang, eid, onBack) : renderSigning(this.flow, lang, onBack);
  }

  /** Before the citizen fills in: that the e-ID of their login cannot sign here, or not in this browser. */
  notice(lang: Language) {
    const { eid, eidSigns } = this.login();
    return renderSigningNotice(eid, eidSigns, lang);
  }

  stop(): void {
    this.flow.stop();
  }
}
