import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { CasePaymentCheck } from '../../client/checks/payments.js';
import { ProblemError } from '../../client/errors.js';
import type { KitClient } from '../../client/kit-client.js';
import { getCaseReceipt, getPayment, startPayment } from '../../client/payments.js';
import type { Answers, AnswerValue, CaseReceipt } from '../../contract/cases.js';
import type { ServiceDefinition } from '../../contract/definition.js';
import { SWISH_MOBILE } from '../../contract/patterns.js';
import type { CasePayment, PaymentMethod, PaymentStatus } from '../../contract/payments.js';
import type { Language } from '../../contract/text.js';
import type { viewForm } from '../../forms/visibility.js';
import { t, type MessageKey } from '../../i18n/index.js';
import type { EServicePaidDetail } from './e-service-form.events.js';
import { feeAboveSend } from './fee.js';
import { navigation } from './navigation.js';
import { clearPayment, loadPayment, returnUrl, savePayment, takeReturnParameter } from './payment-storage.js';
import { renderPaid } from './payment-receipt.js';
import { renderReceipt } from './receipt.js';
import { renderPaymentStep, swishLink } from './payment-view.js';
import '../../i18n/messages.payment.js';

/**
 * What an e-service that charges adds to <e-service-form>, fetched with its definition so that the others
 * carry none of it: the fee above the Send button, the payment step after the case is made, and the paid
 * receipt. The case waits for its payment (awaitingPayment) and goes to the municipality once the provider
 * says it is paid; until then the citizen chooses card or Swish, pays, and may try again as often as it fails.
 */
export { feeAboveSend };

/** How a Swish payment reaches the payer: the app on this device, a QR code for another, or their number. */
export type SwishWay = 'thisDevice' | 'otherDevice' | 'mobile';

/** choose: the method; busy: an attempt starting; pending: followed until it ends; ended: it did not go through. */
export type PaymentView = 'choose' | 'busy' | 'pending' | 'ended';

/** The citizen's choices, by the path of the question that asks (as the form's questions report them). */
export interface PaymentChoices {
  method?: PaymentMethod | undefined;
  swishWay?: SwishWay | undefined;
  payerMobile?: string | undefined;
}

/** What the payment step needs of the form: its language and root, and the answers as they will be sent. */
export interface PaymentHost extends ReactiveControllerHost, HTMLElement {
  readonly lang_: Language;
  readonly renderRoot: HTMLElement | DocumentFragment;
  reviewedAnswers(definition: ServiceDefinition): Answers;
}

/** The case as sending left it: its receipt (due, then paid) and the token that proves it is the citizen's. */
export interface MadeCase {
  receipt?: CaseReceipt | undefined;
  receiptToken?: string | undefined;
}


/** How often a pending attempt is asked about: the backend asks the provider each time. */
const POLL_MS = 2000;

const ENDED: Partial<Record<PaymentStatus['state'], MessageKey>> = {
  declined: 'payment.declined',
  timedOut: 'payment.timedOut',
  cancelled: 'payment.cancelled',
};

export class FormPayment implements ReactiveController {
  view: PaymentView = 'choose';
  heading: MessageKey = 'payment.title';
  choices: PaymentChoices = {};
  /** The choices' errors, by path, GOV.UK-style beside each and in a summary. */
  errors: Record<string, string> = {};
  /** The attempt last started or read. */
  attempt?: PaymentStatus | undefined;
  /** What the live region says: a text of the catalogue, or the backend's own words of a refusal. */
  note?: MessageKey | undefined;
  problem?: string | undefined;
  /** The note tells of a failure (shown as an error). */
  failure = false;
  private receipt?: CaseReceipt | undefined;
  private payment?: CasePayment | undefined;
  private backend = '';
  private serviceId = '';
  /** Bumped when following stops, so that answers to an older request are ignored. */
  private run = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private abort?: AbortController | undefined;
  private moveFocus?: string | undefined;
  private drawn?: [HTMLCanvasElement, string];

  private client?: KitClient | undefined;
  /** Why the case Mina sidor's "Betala" named (`?pay=`) could not be opened; the form is shown beneath. */
  private openFailed?: MessageKey | undefined;
  private opening?: string | undefined;

  /**
   * `visibility` is the form's visibility rules (src/forms/visibility.ts), handed over rather than imported, so that
   * they stay in what the form loads at once rather than in a chunk of their own that the form would load too.
   */
  constructor(private readonly host: PaymentHost, private readonly made: MadeCase, private readonly visibility: typeof viewForm) {
    host.addController(this);
  }

  hostConnected(): void {
    // Back on the page (moved by a CMS script): an attempt under way is followed again.
    if (this.view === 'pending' && this.attempt) this.follow(this.attempt.paymentId, this.run, 0);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** A case just made that waits for its payment: the step opens on the choice of method, and the tab keeps the case. */
  hostUpdate(): void {
    const receipt = this.made.receipt;
    if (receipt === this.receipt) return;
    this.receipt = receipt;
    this.payment = this.checked(receipt);
    if (this.payment?.state !== 'due') return;
    const only = this.payment.methods.length === 1 ? this.payment.methods[0] : undefined;
    this.choices = { method: only };
    this.errors = {};
    this.show('choose', undefined, 'payment.title');
    this.moveFocus = '#payment-title';
    this.save();
  }

  hostUpdated(): void {
    const target = this.moveFocus && this.host.renderRoot.querySelector<HTMLElement>(this.moveFocus);
    if (target) {
      this.moveFocus = undefined;
      target.focus();
    }
    const token = this.view === 'pending' && this.choices.swishWay === 'otherDevice' ? this.attempt?.swishToken : undefined;
    const canvas = token && this.host.renderRoot.querySelector<HTMLCanvasElement>('canvas[part=swish-qr]');
    if (canvas && (this.drawn?.[0] !== canvas || this.drawn[1] !== token)) {
      this.drawn = [canvas, token];
      // Swish reads a code for a payment request as "D" and its token.
      void import('../../components/qr.js').then(({ drawQr }) => drawQr(canvas, `D${token}`, () => this.attempt?.swishToken === token));
    }
  }

  /**
   * With the definition of an e-service that charges: a case this tab was paying comes back — from the card
   * page (`?esk-payment=` names it), the Swish app, or a reload — and its attempt is followed again.
   */
  resume(definition: ServiceDefinition, client: KitClient, payCaseId?: string): Promise<void> | undefined {
    const backend = (this.backend = client.baseUrl);
    this.client = client;
    this.serviceId = definition.id;
    const saved = loadPayment(backend, definition.id);
    if (this.made.receipt) return;
    if (payCaseId && saved?.receipt.caseId !== payCaseId) return this.open(payCaseId);
    if (!saved) return;
    takeReturnParameter(saved.receipt.caseId);
    this.made.receipt = this.receipt = saved.receipt;
    this.made.receiptToken = saved.receiptToken;
    this.payment = this.checked(saved.receipt);
    this.choices = saved.choices ?? {};
    this.view = saved.paymentId ? 'pending' : 'choose';
    this.heading = saved.paymentId ? (this.choices.method === 'swish' ? 'payment.swishTitle' : 'payment.cardTitle') : 'payment.title';
    this.moveFocus = '#payment-title';
    if (saved.paymentId) this.follow(saved.paymentId, this.run, 0);
  }

  /**
   * Mina sidor's "Betala" (`?pay=<caseId>`): the logged-in citizen's own case that waits for its payment, opened
   * on the payment step (or, paid already, on its receipt). Without a session, or for someone else's case, the
   * form is shown with a notice that says why.
   */
  async open(caseId: string): Promise<void> {
    this.opening = caseId;
    this.openFailed = undefined;
    try {
      const receipt = await getCaseReceipt(this.client!, { caseId, caseNumber: '' }, undefined, this.host.lang_);
      if (this.opening !== caseId) return;
      // Another e-service's case is paid on that e-service's page.
      if (receipt.serviceId !== this.serviceId) throw new ProblemError({ type: 'case-not-found', title: '', status: 404 });
      this.made.receipt = receipt;
      this.made.receiptToken = undefined;
    } catch (error) {
      if (this.opening !== caseId) return;
      const status = error instanceof ProblemError ? error.problem.status : 0;
      this.openFailed = status === 401 ? 'payment.openLogin' : status === 404 ? 'payment.openNotFound' : 'payment.openUnreachable';
    }
    this.host.requestUpdate();
  }

  /** Above the form: why the case to pay could not be opened, with a way to try again when the backend was out of reach. */
  renderOpenFailed(lang: Language): TemplateResult | typeof nothing {
    const key = this.openFailed;
    if (!key) return nothing;
    return html`<div class="notice notice--error" part="pay-notice" role="alert">
      <p>${t(lang, key)}</p>
      ${key === 'payment.openUnreachable' && this.opening
        ? html`<button type="button" class="button button--secondary" @click=${() => void this.open(this.opening!)}>${t(lang, 'payment.retry')}</button>`
        : nothing}
    </div>`;
  }

  /** The fee above the Send button (fee.ts) of the page that sends, for the answers as they will be sent. */
  fee(definition: ServiceDefinition, lang: Language, inReview: boolean, sendsHere: boolean) {
    return sendsHere ? feeAboveSend(definition, this.host.reviewedAnswers(definition), this.visibility, lang, inReview) : undefined;
  }

  /** The payment step while the case waits for its payment, the receipt with what was paid once it is paid. */
  render(receipt: CaseReceipt, lang: Language): TemplateResult {
    // Its PDF by the token, or by the session of a citizen who came from Mina sidor.
    const proof = { client: this.client, receiptToken: this.made.receiptToken };
    if (!receipt.payment) return renderReceipt(receipt, lang, proof);
    const payment = receipt === this.receipt ? this.payment : this.checked(receipt);
    if (payment?.state === 'paid') return renderPaid(receipt, payment, this.attempt?.method, lang, proof);
    // Paid once the others have signed (the receipt's text says so): nothing to pay yet, and no PDF before it is sent.
    if (payment?.state === 'afterCosigning') return renderReceipt(receipt, lang, undefined);
    return renderPaymentStep(this, receipt, payment, lang);
  }

  /** A choice changed: its error goes as soon as it is put right, as the form's do. */
  answer(path: string, value: AnswerValue | undefined): void {
    this.choices = { ...this.choices, [path]: typeof value === 'string' ? value : undefined };
    const still = this.check(this.host.lang_);
    this.errors = Object.fromEntries(Object.keys(this.errors).filter((key) => still[key]).map((key) => [key, still[key]!]));
    this.host.requestUpdate();
  }

  /** Moves focus to the question an error summary's link names. */
  focusChoice(path: string): void {
    this.host.renderRoot.querySelector<HTMLElement>(`[path="${path}"]`)?.focus();
  }

  /** Pay, or Try again: a new attempt with the choices made. */
  async start(): Promise<void> {
    if (this.view === 'busy') return;
    const lang = this.host.lang_;
    const receipt = this.receipt!;
    const { method, swishWay, payerMobile } = this.choices;
    this.errors = this.check(lang);
    if (Object.keys(this.errors).length > 0 || !method) {
      this.moveFocus = '.error-summary';
      this.host.requestUpdate();
      return;
    }
    this.stop();
    const run = this.run;
    const before = this.view;
    this.show('busy', 'payment.starting');
    const back = returnUrl(receipt.caseId);
    try {
      const mobile = method === 'swish' && swishWay === 'mobile' ? { payerMobile: payerMobile!.trim() } : {};
      const attempt = await startPayment(this.client!, receipt.caseId, { method, returnUrl: back, ...mobile }, this.made.receiptToken, lang);
      if (run !== this.run) return;
      this.attempt = attempt;
      this.save(attempt.paymentId);
      if (attempt.state !== 'pending') return this.settled(attempt, run);
      this.pending(attempt, true);
      if (attempt.redirectUrl) navigation.assign(attempt.redirectUrl);
      else if (method === 'swish' && swishWay === 'thisDevice' && attempt.swishToken) navigation.assign(swishLink(attempt.swishToken, back));
      this.follow(attempt.paymentId, run, POLL_MS);
    } catch (error) {
      if (run !== this.run) return;
      this.view = before === 'ended' ? 'ended' : 'choose';
      this.refused(error, run);
    }
  }

  /** "Välj ett annat sätt att betala": the attempt is left to run out at the provider, and the choice comes back. */
  chooseAgain(): void {
    this.stop();
    this.show('choose', undefined, 'payment.title');
  }

  /** The live region's text. */
  statusText(lang: Language): string {
    return this.problem ?? (this.note ? t(lang, this.note) : '');
  }

  private checked(receipt: CaseReceipt | undefined): CasePayment | undefined {
    const parsed = receipt?.payment && CasePaymentCheck.safeParse(receipt.payment);
    return parsed && parsed.success ? parsed.data : undefined;
  }

  private check(lang: Language): Record<string, string> {
    const { method, swishWay, payerMobile } = this.choices;
    const mobile = payerMobile?.trim();
    const errors: Record<string, string> = {};
    if (!method) errors.method = t(lang, 'payment.methodRequired');
    else if (method === 'swish' && !swishWay) errors.swishWay = t(lang, 'payment.swishWayRequired');
    else if (method === 'swish' && swishWay === 'mobile' && !mobile) errors.payerMobile = t(lang, 'payment.mobileRequired');
    else if (method === 'swish' && swishWay === 'mobile' && !SWISH_MOBILE.test(mobile!)) errors.payerMobile = t(lang, 'payment.mobileInvalid');
    return errors;
  }

  /** Another view, and what the live region says; a new heading takes focus (a new one is read where the last was not). */
  private show(view: PaymentView, note: MessageKey | undefined, heading?: MessageKey, failure = false): void {
    this.view = view;
    this.note = note;
    this.problem = undefined;
    this.failure = failure;
    if (heading && heading !== this.heading) this.moveFocus = '#payment-title';
    if (heading) this.heading = heading;
    this.host.requestUpdate();
  }

  /** Following an attempt: what the citizen does now (said once, not at every read that changes nothing). */
  private pending(attempt: PaymentStatus, started = false): void {
    const note: MessageKey = attempt.method === 'swish'
      ? 'payment.approveInSwish'
      : attempt.errorCode === 'carddeclined' ? 'payment.cardDeclined' : started ? 'payment.redirecting' : 'payment.waiting';
    const heading: MessageKey = attempt.method === 'swish' ? 'payment.swishTitle' : 'payment.cardTitle';
    if (this.view === 'pending' && this.note === note && this.heading === heading) return;
    this.show('pending', note, heading, attempt.errorCode === 'carddeclined');
  }

  /** Asks about the attempt after `delay`, and again every 2 s while it is pending; a dropped connection only waits. */
  private follow(paymentId: string, run: number, delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.read(paymentId, run), delay);
  }

  private async read(paymentId: string, run: number): Promise<void> {
    const abort = (this.abort = new AbortController());
    try {
      const attempt = await getPayment(this.client!, paymentId, this.made.receiptToken, this.host.lang_, abort.signal);
      if (run !== this.run) return;
      this.attempt = attempt;
      if (attempt.state !== 'pending') return this.settled(attempt, run);
      this.pending(attempt);
      this.follow(paymentId, run, POLL_MS);
    } catch (error) {
      if (run !== this.run) return;
      if (error instanceof ProblemError) return this.show('ended', 'payment.failed', 'payment.failedTitle', true);
      this.show(this.view, 'payment.unreachable', undefined, true);
      this.follow(paymentId, run, POLL_MS);
    }
  }

  /** The attempt ended: paid shows the receipt, anything else says why and offers Try again. */
  private settled(attempt: PaymentStatus, run: number): void {
    if (attempt.state === 'paid') return void this.paid(run);
    this.show('ended', ENDED[attempt.state] ?? 'payment.failed', 'payment.failedTitle', true);
  }

  /** Paid: the receipt is fetched again (now with the payment), the tab forgets the case, and the page is told. */
  private async paid(run: number): Promise<void> {
    const receipt = this.receipt!;
    try {
      const paid = await getCaseReceipt(this.client!, receipt, this.made.receiptToken, this.host.lang_);
      if (run !== this.run) return;
      // The provider said paid; a receipt read a moment too early may not say so yet.
      if (this.checked(paid)?.state !== 'paid') return void (this.timer = setTimeout(() => void this.paid(run), POLL_MS));
      clearPayment(this.backend, this.serviceId);
      this.stop();
      this.made.receipt = paid;
      this.moveFocus = '.receipt__title';
      this.host.requestUpdate();
      const detail: EServicePaidDetail = { serviceId: paid.serviceId, caseId: paid.caseId, caseNumber: paid.caseNumber };
      this.host.dispatchEvent(new CustomEvent('e-service-paid', { detail, bubbles: true, composed: true }));
    } catch {
      if (run !== this.run) return;
      this.show(this.view, 'payment.unreachable', undefined, true);
      this.timer = setTimeout(() => void this.paid(run), POLL_MS);
    }
  }

  /** A start refused: the number beside its question, a paid case's receipt, or the backend's words. */
  private refused(error: unknown, run: number): void {
    if (!(error instanceof ProblemError)) return this.show(this.view, 'payment.startUnreachable', undefined, true);
    const { problem } = error;
    if (problem.status === 409 && problem.type.endsWith('case-paid')) return void this.paid(run);
    const mobile = problem.errors?.find((fieldError) => fieldError.path === 'payerMobile');
    if (mobile) {
      this.errors = { payerMobile: mobile.message };
      this.moveFocus = '.error-summary';
      return this.show(this.view, undefined);
    }
    this.show(this.view, undefined, undefined, true);
    this.problem = [problem.title, problem.detail].filter(Boolean).map((part) => (/[.!?]$/.test(part!) ? part : `${part}.`)).join(' ');
  }

  private stop(): void {
    this.run++;
    clearTimeout(this.timer);
    this.abort?.abort();
    this.abort = undefined;
  }

  private save(paymentId?: string): void {
    const receipt = this.receipt;
    // Without a token the case is the logged-in citizen's own (opened from Mina sidor): the session is the proof.
    if (receipt) savePayment(this.backend, this.serviceId, { receipt, receiptToken: this.made.receiptToken, paymentId, choices: this.choices });
  }
}
