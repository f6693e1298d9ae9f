import type { LitElement } from 'lit';
import { cancelCosigning, cosignRefusal, declineCosigning, pollCosigning, startCosigning, type CosignRefusal } from '../../client/cosign.js';
import type { CosignRequestView, CosignSigningState } from '../../contract/cosign.js';
import type { LoginMethod } from '../../contract/eid.js';
import { BankIdFlow, type BankIdHost, type BankIdOrderApi } from '../../components/bankid/bankid-flow.js';
import { t } from '../../i18n/index.js';
import { requestEvent } from './cosign-status.events.js';
import { CosignPart, type CosignHost } from './part.js';
import '../../i18n/messages.my-pages.js';

/** The cosigner's step: reading, confirming a decline, or signing with BankID. */
type Phase = 'read' | 'decline' | 'sign';

/**
 * The cosigner's answer to the request: "Skriv under" with the BankID steps, or "Neka" after a
 * confirmation; and, in place of the buttons, what came of it or why the backend refused it (too
 * late, already signed…).
 */
export class CosignerController extends CosignPart {
  /** The request as the backend last described it: opened by the element's Task, then signed or declined here. */
  current?: CosignRequestView | undefined;
  phase: Phase = 'read';
  /** "Du har skrivit under…" or "Du har nekat…", said once the cosigner has answered here. */
  outcome?: string | undefined;
  refusal?: CosignRefusal | undefined;
  declining = false;
  declineFailed = false;
  readonly flow: BankIdFlow<CosignSigningState>;

  constructor(host: LitElement & BankIdHost, widget: CosignHost) {
    super(host, widget);
    this.flow = new BankIdFlow<CosignSigningState>(host, () => this.signingApi(), (done) => this.signed(done));
  }

  /** Another request is opening: back to reading, with nothing of the last one's answer left. */
  reset(): void {
    this.flow.stop();
    this.flow.view = 'choice';
    this.phase = 'read';
    this.outcome = this.refusal = undefined;
    this.declineFailed = false;
    this.changed();
  }

  /** The request the element's Task opened. */
  show(view: CosignRequestView): void {
    this.current = view;
    this.changed();
  }

  private signingApi(): BankIdOrderApi<CosignSigningState> {
    const client = this.widget.client()!;
    const lang = this.widget.lang();
    const requestId = this.current!.requestId;
    return {
      start: async (method: LoginMethod) => {
        try {
          // A new order is a new request: a key of its own (BankID allows one order per person at a time).
          return await startCosigning(client, requestId, method, crypto.randomUUID(), lang);
        } catch (error) {
          this.failed(error);
          throw error;
        }
      },
      poll: (orderRef) => pollCosigning(client, orderRef, lang),
      cancel: (orderRef) => cancelCosigning(client, orderRef, lang),
    };
  }

  /** An action met a refusal (too late, already signed…) or the session ended: say so instead of the buttons. */
  private failed(error: unknown): boolean {
    this.widget.checkSession(error);
    const refusal = cosignRefusal(error);
    if (!refusal) return false;
    this.refusal = refusal;
    this.phase = 'read';
    this.flow.stop();
    this.widget.focus('#refusal');
    this.changed();
    return true;
  }

  startSigning(): void {
    this.phase = 'sign';
    this.widget.focus('#sign-title');
    // Renders, with the BankID steps' first question.
    this.flow.show('choice');
  }

  leaveSigning(): void {
    this.phase = 'read';
    this.widget.focus('#sign-button');
    this.changed();
  }

  private signed(done: CosignSigningState): void {
    const view = this.current!;
    this.current = done.request ?? { ...view, status: 'signed' };
    this.phase = 'read';
    // The contract leaves `result` out of a cosigning; a backend that names the sent case is told apart.
    this.outcome = t(this.widget.lang(), done.caseSubmitted ? 'cosign.signedSubmitted' : done.awaitingPayment ? 'cosign.signedAwaitingPayment' : 'cosign.signed');
    this.widget.focus('#outcome');
    this.changed();
    this.host.dispatchEvent(requestEvent('cosign-status-signed', { requestId: view.requestId, caseId: view.caseId }));
  }

  askDecline(): void {
    this.phase = 'decline';
    this.declineFailed = false;
    this.widget.focus('#decline-question');
    this.changed();
  }

  cancelDecline(): void {
    this.phase = 'read';
    this.declineFailed = false;
    this.widget.focus('#decline-button');
    this.changed();
  }

  async decline(): Promise<void> {
    const client = this.widget.client();
    const view = this.current;
    if (!client || !view || this.declining) return;
    const lang = this.widget.lang();
    this.declining = true;
    this.declineFailed = false;
    this.changed();
    try {
      this.current = await declineCosigning(client, view.requestId, lang);
      this.phase = 'read';
      this.outcome = t(lang, 'cosign.declined', { name: view.askedBy });
      this.widget.focus('#outcome');
      this.host.dispatchEvent(requestEvent('cosign-status-declined', { requestId: view.requestId, caseId: view.caseId }));
    } catch (error) {
      if (!this.failed(error)) this.declineFailed = true;
    } finally {
      this.declining = false;
      this.changed();
    }
  }
}
