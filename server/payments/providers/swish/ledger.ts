import { randomBytes } from 'node:crypto';
import { oreToSwishAmount } from './amount.js';
import { SIMULATED_AS_RESULT, SWISH_ERROR_MESSAGES, swishError, type SwishErrorCode, type SwishErrorEntry } from './error-codes.js';
import type { PaymentRequestInput, RefundInput } from './validation.js';

/**
 * What the Swish simulator remembers: payment requests and refunds, how they change, and when.
 * The objects kept are exactly the JSON Swish answers to GET and posts to the callback URL
 * (developer.swish.nu, "Payment request object" and "Refund object"), so the HTTP layer only
 * serialises them.
 */

export type PaymentRequestStatus = 'CREATED' | 'PAID' | 'DECLINED' | 'ERROR' | 'CANCELLED';
export type RefundStatus = 'CREATED' | 'VALIDATED' | 'DEBITED' | 'PAID' | 'ERROR';
/** What the payer does in the app: pay, say no, let the three minutes run out, cancel the BankID signing. */
export type PayerOutcome = 'approve' | 'decline' | 'timeout' | 'cancel';
export const PAYER_OUTCOMES: readonly PayerOutcome[] = ['approve', 'decline', 'timeout', 'cancel'];

export interface SwishSimulatorSettings {
  /** How long after a status change the callback is posted. */
  callbackDelayMs: number;
  /** How many times each callback is posted (Swish may deliver one more than once). */
  callbackRepeats: number;
  /** How long the payer has to answer before the request ends in ERROR TM01 (Swish: 3 minutes). */
  answerAfterMs: number;
  /** How long a refund takes from CREATED to PAID; 0 settles it before the create call is answered. */
  refundAfterMs: number;
}

export interface SwishPaymentRequestObject {
  id: string;
  payeePaymentReference: string | null;
  /** The bank's reference for the money, 32 hexadecimal digits; set when PAID. */
  paymentReference: string | null;
  callbackUrl: string;
  payerAlias: string | null;
  payeeAlias: string;
  /** A JSON number in kronor, as in Swish's answers (100.00). */
  amount: number;
  currency: 'SEK';
  message: string | null;
  status: PaymentRequestStatus;
  dateCreated: string;
  datePaid: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface SwishRefundObject {
  id: string;
  paymentReference: string | null;
  payerPaymentReference: string | null;
  originalPaymentReference: string;
  callbackUrl: string;
  payerAlias: string;
  payeeAlias: string | null;
  amount: number;
  currency: 'SEK';
  message: string | null;
  status: RefundStatus;
  dateCreated: string;
  datePaid: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  additionalInformation: string | null;
}

/** A payment request as tests and the payer's page see it: Swish's object, its token and its deadline. */
export interface SimulatedPaymentRequest extends SwishPaymentRequestObject {
  /** The PaymentRequestToken of an m-commerce request (no payerAlias given); null for e-commerce. */
  token: string | null;
  /** When the payer's three minutes end, ISO 8601. */
  answerBy: string;
}

export type ActResult =
  | { kind: 'noSuchRequest' }
  | { kind: 'done'; request: SimulatedPaymentRequest }
  /** The request had already ended (paid, declined…): nothing changed, as in the real app. */
  | { kind: 'unchanged'; request: SimulatedPaymentRequest };

export type CreateResult<T> = { ok: true; object: T; token?: string | null } | { ok: false; errors: SwishErrorEntry[] };

/** Tells the outside world (the callback sender) that an object changed status. */
export type OnChange = (callbackUrl: string, body: SwishPaymentRequestObject | SwishRefundObject, callbackIdentifier: string | null) => void;

interface RequestRecord {
  object: SwishPaymentRequestObject;
  token: string | null;
  /** The create call's body, canonical: a repeated PUT is the same request only with the same body. */
  fingerprint: string;
  amountOre: number;
  answerBy: number;
  callbackIdentifier: string | null;
  timer?: NodeJS.Timeout;
}

interface RefundRecord {
  object: SwishRefundObject;
  fingerprint: string;
  amountOre: number;
  callbackIdentifier: string | null;
  timer?: NodeJS.Timeout;
}

/** A Swish number used as the payer of an m-commerce request, where the payer's number is learnt only when they pay. */
export const DEFAULT_PAYER_ALIAS = '46712345678';

export class SwishLedger {
  readonly #requests = new Map<string, RequestRecord>();
  readonly #refunds = new Map<string, RefundRecord>();

  constructor(
    private readonly settings: SwishSimulatorSettings,
    private readonly onChange: OnChange,
    private readonly now: () => number = Date.now,
  ) {}

  // ── Payment requests ──────────────────────────────────────────────────────

  createPaymentRequest(id: string, input: PaymentRequestInput, fingerprint: string): CreateResult<SwishPaymentRequestObject> {
    const existing = this.#requests.get(id);
    if (existing) {
      // Swish v2 lets the merchant name the request so that a retried PUT is harmless; the same
      // id with another body is a different request and is refused.
      return existing.fingerprint === fingerprint ? { ok: true, object: { ...existing.object }, token: existing.token } : { ok: false, errors: [swishError('RP09')] };
    }
    if (input.payerAlias && this.#requestRecords().some((record) => record.object.status === 'CREATED' && record.object.payerAlias === input.payerAlias)) {
      return { ok: false, errors: [swishError('RP06')] };
    }
    const now = this.now();
    const record: RequestRecord = {
      object: {
        id,
        payeePaymentReference: input.payeePaymentReference,
        paymentReference: null,
        callbackUrl: input.callbackUrl,
        payerAlias: input.payerAlias,
        payeeAlias: input.payeeAlias,
        amount: input.amountOre / 100,
        currency: 'SEK',
        message: input.message,
        status: 'CREATED',
        dateCreated: new Date(now).toISOString(),
        datePaid: null,
        errorCode: null,
        errorMessage: null,
      },
      token: input.payerAlias ? null : randomBytes(16).toString('hex'),
      fingerprint,
      amountOre: input.amountOre,
      answerBy: now + this.settings.answerAfterMs,
      callbackIdentifier: input.callbackIdentifier,
    };
    this.#requests.set(id, record);
    record.timer = setTimeout(() => this.#expireIfDue(record), Math.max(0, this.settings.answerAfterMs));
    record.timer.unref();
    const simulated = SIMULATED_AS_RESULT.find((code) => code === input.message);
    if (simulated) this.#end(record, 'ERROR', simulated);
    return { ok: true, object: { ...record.object }, token: record.token };
  }

  paymentRequest(id: string): SwishPaymentRequestObject | undefined {
    const record = this.#request(id);
    return record && { ...record.object };
  }

  /** The merchant withdraws a request (PATCH …/status cancelled): only one still CREATED. */
  cancelPaymentRequest(id: string): { status: 200; object: SwishPaymentRequestObject } | { status: 404 } | { status: 422; errors: SwishErrorEntry[] } {
    const record = this.#request(id);
    if (!record) return { status: 404 };
    if (record.object.status !== 'CREATED') return { status: 422, errors: [swishError('RP07', `The payment request is ${record.object.status}`)] };
    this.#end(record, 'CANCELLED');
    return { status: 200, object: { ...record.object } };
  }

  act(id: string, outcome: PayerOutcome, payerAlias = DEFAULT_PAYER_ALIAS): ActResult {
    const record = this.#request(id);
    if (!record) return { kind: 'noSuchRequest' };
    if (record.object.status !== 'CREATED') return { kind: 'unchanged', request: this.#simulated(record) };
    switch (outcome) {
      case 'approve':
        record.object.payerAlias ??= payerAlias;
        this.#end(record, 'PAID');
        break;
      case 'decline':
        this.#end(record, 'DECLINED');
        break;
      case 'timeout':
        this.#end(record, 'ERROR', 'TM01');
        break;
      case 'cancel':
        this.#end(record, 'ERROR', 'BANKIDCL');
        break;
    }
    return { kind: 'done', request: this.#simulated(record) };
  }

  /** All payment requests, newest first, after letting time act on them. */
  paymentRequests(): SimulatedPaymentRequest[] {
    return this.#requestRecords().reverse().map((record) => this.#simulated(record));
  }

  // ── Refunds ───────────────────────────────────────────────────────────────

  createRefund(id: string, input: RefundInput, fingerprint: string): CreateResult<SwishRefundObject> {
    const existing = this.#refunds.get(id);
    if (existing) return existing.fingerprint === fingerprint ? { ok: true, object: { ...existing.object } } : { ok: false, errors: [swishError('RP09')] };
    const original = this.#requestRecords().find((record) => record.object.status === 'PAID' && record.object.paymentReference === input.originalPaymentReference);
    if (!original) return { ok: false, errors: [swishError('RF02')] };
    if (original.object.payeeAlias !== input.payerAlias) return { ok: false, errors: [swishError('RF03')] };
    const earlier = [...this.#refunds.values()].filter((refund) => refund.object.originalPaymentReference === input.originalPaymentReference);
    if (earlier.some((refund) => refund.object.status !== 'PAID' && refund.object.status !== 'ERROR')) return { ok: false, errors: [swishError('RF09')] };
    const remaining = original.amountOre - earlier.filter((refund) => refund.object.status === 'PAID').reduce((sum, refund) => sum + refund.amountOre, 0);
    if (input.amountOre > remaining) return { ok: false, errors: [swishError('RF08', oreToSwishAmount(remaining))] };

    const record: RefundRecord = {
      object: {
        id,
        paymentReference: null,
        payerPaymentReference: input.payerPaymentReference,
        originalPaymentReference: input.originalPaymentReference,
        callbackUrl: input.callbackUrl,
        payerAlias: input.payerAlias,
        payeeAlias: input.payeeAlias ?? original.object.payerAlias,
        amount: input.amountOre / 100,
        currency: 'SEK',
        message: input.message,
        status: 'CREATED',
        dateCreated: new Date(this.now()).toISOString(),
        datePaid: null,
        errorCode: null,
        errorMessage: null,
        additionalInformation: null,
      },
      fingerprint,
      amountOre: input.amountOre,
      callbackIdentifier: input.callbackIdentifier,
    };
    this.#refunds.set(id, record);
    const settle = () => this.#settleRefund(record, SIMULATED_AS_RESULT.find((code) => code === input.message));
    if (this.settings.refundAfterMs <= 0) settle();
    else {
      record.timer = setTimeout(settle, this.settings.refundAfterMs);
      record.timer.unref();
    }
    return { ok: true, object: { ...record.object } };
  }

  refund(id: string): SwishRefundObject | undefined {
    const record = this.#refunds.get(id);
    return record && { ...record.object };
  }

  refunds(): SwishRefundObject[] {
    return [...this.#refunds.values()].reverse().map((record) => ({ ...record.object }));
  }

  /** Stops every timer, so a closed simulator keeps nothing alive. */
  close(): void {
    for (const record of this.#requests.values()) clearTimeout(record.timer);
    for (const record of this.#refunds.values()) clearTimeout(record.timer);
  }

  // ── Inside ────────────────────────────────────────────────────────────────

  #request(id: string): RequestRecord | undefined {
    const record = this.#requests.get(id);
    if (record) this.#expireIfDue(record);
    return record;
  }

  #requestRecords(): RequestRecord[] {
    const records = [...this.#requests.values()];
    for (const record of records) this.#expireIfDue(record);
    return records;
  }

  /** Checked lazily on every read as well as by the timer, so a slow timer never shows a stale CREATED. */
  #expireIfDue(record: RequestRecord): void {
    if (record.object.status === 'CREATED' && this.now() >= record.answerBy) this.#end(record, 'ERROR', 'TM01');
  }

  #end(record: RequestRecord, status: Exclude<PaymentRequestStatus, 'CREATED'>, errorCode?: SwishErrorCode): void {
    clearTimeout(record.timer);
    record.object.status = status;
    if (status === 'PAID') {
      record.object.paymentReference = randomBytes(16).toString('hex').toUpperCase();
      record.object.datePaid = new Date(this.now()).toISOString();
    }
    if (errorCode) {
      record.object.errorCode = errorCode;
      record.object.errorMessage = SWISH_ERROR_MESSAGES[errorCode];
    }
    this.onChange(record.object.callbackUrl, { ...record.object }, record.callbackIdentifier);
  }

  #settleRefund(record: RefundRecord, errorCode: SwishErrorCode | undefined): void {
    if (errorCode) {
      record.object.status = 'ERROR';
      record.object.errorCode = errorCode;
      record.object.errorMessage = SWISH_ERROR_MESSAGES[errorCode];
    } else {
      record.object.status = 'PAID';
      record.object.paymentReference = randomBytes(16).toString('hex').toUpperCase();
      record.object.datePaid = new Date(this.now()).toISOString();
    }
    this.onChange(record.object.callbackUrl, { ...record.object }, record.callbackIdentifier);
  }

  #simulated(record: RequestRecord): SimulatedPaymentRequest {
    return { ...record.object, token: record.token, answerBy: new Date(record.answerBy).toISOString() };
  }
}
