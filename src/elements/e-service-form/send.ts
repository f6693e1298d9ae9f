import type { ReactiveController } from 'lit';
import { submitCase } from '../../client/cases.js';
import { cancelSigning, pollSigning, startSigning } from '../../client/signing.js';
import { NetworkError, ProblemError } from '../../client/errors.js';
import type { KitClient } from '../../client/kit-client.js';
import type { Answers, CaseReceipt, SubmitCaseResponse } from '../../contract/cases.js';
import type { ServiceDefinition } from '../../contract/definition.js';
import type { CompanyChoice } from '../../contract/companies.js';
import type { Problem } from '../../contract/problem.js';
import type { SigningState, StartSigningResponse } from '../../contract/signing.js';
import type { Language } from '../../contract/text.js';
import type { BankIdHost } from '../../components/bankid/bankid-flow.js';
import { t } from '../../i18n/index.js';
import type { FormDrafts } from './no-drafts.js';
import type { renderReceipt } from './receipt.js';
import { loadOnce } from '../../components/load-once.js';
import { submittedEvent } from './e-service-form.events.js';
import type { FormPerson } from './no-person.js';
import '../../i18n/messages.js';
import '../../i18n/messages.sending.js';

/** What sending needs from the form. */
export interface SendHost {
  client(): KitClient | undefined;
  definition(): ServiceDefinition | undefined;
  answers(): Answers;
  /**
   * Whether the answers may go (the register has answered, the form's own rules hold); if not, the form shows why —
   * but for a register that still cannot be reached (`registerWaiting`), which sending says beside its buttons.
   */
  ready(definition: ServiceDefinition): Promise<boolean | 'registerWaiting'>;
  /** The server's errors for the form's questions: shown exactly like the form's own. */
  showFieldErrors(definition: ServiceDefinition, errors: { path: string; message: string }[]): void;
  /** The case is sent: its answers go, from the page and from the tab. */
  forget(definition: ServiceDefinition): void;
  /** What takes focus after the next render (a selector in the form's shadow root). */
  focus(selector: string): void;
  /** A message for the form's polite live region. */
  say(status: string): void;
  backendErrorText(lang: Language): string;
  drafts(): FormDrafts;
  readonly person: () => FormPerson;
  /** For an e-service for companies: the company applying (company.ts), and whether a refusal was about it (then shown there). */
  company(): CompanyChoice | undefined;
  companyRefused(problem: Problem): boolean;
}

/**
 * Sends the case and takes the server's answer: the receipt, or a refusal the citizen can act on.
 * A send that fails offline goes again by itself once the connection is back, with the same
 * idempotency key, so however it goes there is one case. An e-service with signing "sign" is sent
 * by BankID's signing order instead (its steps load only for such services).
 */
export class SendController implements ReactiveController {
  state: 'idle' | 'submitting' | 'failed' = 'idle';
  /** The case as the server stored it: the form shows its receipt. */
  receipt?: CaseReceipt | undefined;
  /** The token the backend gave with it: the receipt, and the payment of a case that costs, are the sender's by it. */
  receiptToken?: string | undefined;
  /** Signing with BankID on the review page (services with signing "sign"). */
  signing = false;
  /** A once-per-person e-service used before: the citizen's existing case, to link to. */
  usedCaseId?: string | undefined;
  /** Signing with the e-ID of the login, fetched for the e-services that are signed (signing.ts). */
  signParts?: import('./signing.js').CaseSigning;
  private message = '';
  /** Kept while the answers stay the same, so a retried send can never make a second case. */
  private idempotencyKey?: string | undefined;
  /** A send that failed offline goes again by itself when the connection is back. */
  private sendWhenOnline?: (() => void) | undefined;
  private receiptView?: typeof renderReceipt;
  /**
   * The receipt's view (receipt.ts), fetched when the citizen sends, before the answers go: a page whose citizen
   * never sends does not load it, and no case is made whose receipt the form could not show. Not there (offline),
   * it is a send that could not reach the e-service: said so, and sent again once the connection is back.
   */
  /** @internal Also for signing.ts: a page back from the broker asks at once, and the case may be made by it. */
  readonly loadReceipt = loadOnce(() => import('./receipt.js').then(
    (module) => (this.receiptView = module.renderReceipt),
    (error: unknown) => {
      throw new NetworkError(error);
    },
  ));

  constructor(private readonly host: BankIdHost, private readonly form: SendHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stopWaitingForOnline();
  }

  /** Why the last send did not go (shown above the buttons). */
  get error(): string {
    return this.message;
  }

  set error(message: string) {
    if (message === this.message) return;
    this.message = message;
    this.host.requestUpdate();
  }

  get busy(): boolean {
    return this.state === 'submitting';
  }

  /** The answers are another submission: it gets a key of its own. */
  newSubmission(): void {
    this.idempotencyKey = undefined;
  }

  /** Another e-service: nothing of the last one's sending remains. */
  reset(): void {
    this.stopWaitingForOnline();
    this.receipt = undefined;
    this.state = 'idle';
    this.idempotencyKey = undefined;
    this.host.requestUpdate();
  }

  stopWaitingForOnline(): void {
    if (this.sendWhenOnline) window.removeEventListener('online', this.sendWhenOnline);
    this.sendWhenOnline = undefined;
  }

  private waitForOnline(again: () => void): void {
    this.stopWaitingForOnline();
    this.sendWhenOnline = again;
    window.addEventListener('online', again, { once: true });
  }

  async send(definition: ServiceDefinition): Promise<void> {
    const lang = this.host.lang_;
    this.stopWaitingForOnline();
    const ready = await this.form.ready(definition);
    if (ready === 'registerWaiting') {
      // What the citizen filled in stays; they try again in a while.
      this.error = t(lang, 'form.registerWaitingSend');
      this.form.focus('.submit-error');
      return;
    }
    if (!ready) return;
    if (definition.signing === 'sign') {
      // The case is sent when BankID says it is signed: first, this device or another?
      this.signing = true;
      this.form.focus('.signing [data-focus]');
      this.host.requestUpdate();
      return;
    }
    this.state = 'submitting';
    this.form.say(t(lang, 'form.submitting'));
    this.idempotencyKey ??= crypto.randomUUID();
    this.host.requestUpdate();
    const client = this.form.client();
    try {
      if (!client) throw new Error(this.form.backendErrorText(lang));
      await this.loadReceipt();
      this.finish(definition, await submitCase(
        client,
        { serviceId: definition.id, serviceVersion: definition.version, lang, answers: this.form.answers(), draftId: this.form.drafts().id, company: this.form.company() },
        this.idempotencyKey,
      ));
    } catch (error) {
      // The draft was deleted meanwhile (another tab): send without it.
      if (this.form.drafts().lost(error)) {
        this.idempotencyKey = undefined;
        return this.send(definition);
      }
      this.state = 'failed';
      this.form.say('');
      this.host.requestUpdate();
      if (this.refused(definition, error)) return;
      this.error = t(lang, !(error instanceof NetworkError) ? 'form.submitFailed' : navigator.onLine ? 'form.submitUnreachable' : 'form.submitFailedOffline');
      this.form.focus('.submit-error');
      // Sent by itself once the connection is back, with the same key: one case however it goes.
      if (error instanceof NetworkError) this.waitForOnline(() => void this.send(definition));
    }
  }

  /**
   * The server's refusals that the citizen can act on: its field errors show exactly like the
   * form's own (it checks with the same rules), and a session that ended asks for a new login.
   */
  private refused(definition: ServiceDefinition, error: unknown): boolean {
    if (!(error instanceof ProblemError)) return false;
    if (error.problem.status === 409 && error.problem.type.endsWith('/already-used')) {
      // "Du har redan använt tjänsten": the server's words, and the way to the case already sent.
      this.signing = false;
      this.usedCaseId = error.problem.caseId;
      this.host.requestUpdate();
      this.error = [error.problem.title, error.problem.detail].filter(Boolean).map((part) => (/[.!?]$/.test(part!) ? part : `${part}.`)).join(' ');
      this.form.focus('.submit-error');
      // A backend that says so when the form opens gives the way to the case: then that shows instead.
      if (definition.login === 'required') void this.form.person().refresh();
      return true;
    }
    if (this.form.companyRefused(error.problem)) {
      this.signing = false;
      this.host.requestUpdate();
      return true;
    }
    if (error.problem.status === 401 && definition.login === 'required') {
      this.signing = false;
      this.host.requestUpdate();
      this.form.person().sessionEnded();
      return true;
    }
    const fieldErrors = error.problem.errors ?? [];
    const known = fieldErrors.filter((e) => definition.steps.some((step) => step.fields.some((f) => f.id === e.path.split('.')[0])));
    if (known.length === 0) return false;
    this.signing = false;
    this.host.requestUpdate();
    this.form.showFieldErrors(definition, known);
    return true;
  }

  private finish(definition: ServiceDefinition, { receipt, receiptToken }: SubmitCaseResponse): void {
    if (this.receipt) return;
    this.form.forget(definition);
    this.receipt = receipt;
    this.receiptToken = receiptToken;
    this.idempotencyKey = undefined;
    this.state = 'idle';
    this.signing = false;
    this.form.say('');
    this.form.focus('.receipt__title');
    this.host.requestUpdate();
    this.host.dispatchEvent(submittedEvent({ serviceId: receipt.serviceId, caseId: receipt.caseId, caseNumber: receipt.caseNumber }));
  }

  /** The receipt of the case just made; its PDF is fetched with the token. */
  renderReceipt(lang: Language) {
    return this.receiptView!(this.receipt!, lang, { client: this.form.client(), receiptToken: this.receiptToken });
  }

  /** The steps that sign, fetched only for the e-services that are signed. */
  async loadSigning(): Promise<void> {
    const { CaseSigning } = await import('./signing.js');
    this.signParts ??= new CaseSigning(this.host, this, this.form);
  }

  /** Back from signing to the review page's buttons: focus returns to the one that started it. */
  stopSigning(): void {
    this.signParts?.stop();
    this.signing = false;
    this.form.focus('[part=submit-button]');
    this.host.requestUpdate();
  }

  /** The BankID order behind "Skriv under och skicka": the answers go with its start, the case comes with its end. */
  /** @internal For signing.ts. */
  signingApi() {
    const lang = this.host.lang_;
    const client = this.form.client()!;
    const definition = this.form.definition()!;
    const start = async (method: 'sameDevice' | 'otherDevice' | 'broker', returnUrl?: string): Promise<StartSigningResponse> => {
      // A new order is a new request: a key of its own (BankID allows one order per person at a time).
      const key = crypto.randomUUID();
      try {
        await this.loadReceipt();
        const started = await startSigning(
          client,
          { serviceId: definition.id, serviceVersion: definition.version, lang, answers: this.form.answers(), draftId: this.form.drafts().id, company: this.form.company(), method, returnUrl },
          key,
        );
        if (started.result) this.finish(definition, started.result);
        return started;
      } catch (error) {
        if (this.form.drafts().lost(error)) return start(method, returnUrl);
        this.refused(definition, error);
        throw error;
      }
    };
    return {
      start,
      poll: (orderRef: string) => pollSigning(client, orderRef, lang),
      cancel: (orderRef: string) => cancelSigning(client, orderRef, lang),
    };
  }

  /** @internal For signing.ts. */
  signed(state: SigningState): void {
    const definition = this.form.definition();
    if (definition && state.result) this.finish(definition, state.result);
  }
}
