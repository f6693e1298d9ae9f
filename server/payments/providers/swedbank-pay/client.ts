import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import {
  PaymentProviderError,
  type PaymentOrder,
  type PaymentProvider,
  type PaymentReading,
  type PaymentState,
  type RefundReading,
  type RefundRequest,
  type StartedPayment,
} from '../../provider.js';

/**
 * Swedbank Pay (formerly PayEx) card payments through its Payment Order API v3.1, "Digital Payments",
 * Redirect integration. Shapes followed (developer.swedbankpay.com, checkout-v3):
 *
 * - headers: `Authorization: Bearer <token>`, `Content-Type: application/json;version=3.1` (v3.1 is chosen
 *   by the media type; `Accept` carries it for GETs) — "Fundamental Principles", "Payment Order v3.1";
 * - start: `POST /psp/paymentorders { paymentorder: { operation: "Purchase", currency, amount, vatAmount,
 *   description, userAgent, language, urls: { hostUrls, completeUrl, cancelUrl, callbackUrl },
 *   payeeInfo: { payeeId, payeeReference, payeeName, orderReference } } }` → `{ paymentOrder: { id,
 *   status: "Initialized", … }, operations: [{ rel: "redirect-checkout", href, … }, …] }`;
 * - read: `GET <id>?$expand=paid,failed,failedattempts` — "Validate Status", "Status Models", "Resource Models";
 * - capture / reversal: POST `{ transaction: { description, amount, vatAmount, payeeReference } }` to the
 *   `capture` / `reversal` operation's href (`<id>/captures`, `<id>/reversals`); v3.1 answers with the
 *   payment order, and the new transaction appears in `financialTransactions`;
 * - abort: PATCH the `abort` operation's href (`<id>`) with `{ paymentorder: { operation: "Abort",
 *   abortReason: "CancelledByConsumer" } }`;
 * - errors: `application/problem+json` `{ type, title, status, detail, problems: [{ name, description }] }`.
 *
 * The docs say URLs other than the base are not to be built: this client reads the payment order and
 * follows the operation it offers. A `payeeReference` is unique per operation ("exactly-once delivery"):
 * Swedbank Pay refuses a reused one, so a capture or refund asked for twice is recognised by its
 * reference among the order's financial transactions, and is done once.
 *
 * Source of the shapes: developer.swedbankpay.com (its source is github.com/SwedbankPay/developer.swedbankpay.com,
 * _includes/payment-request-3-1.md, payment-order-capture-3-1.md, payment-order-reversal-3-1.md,
 * payment-order-abort.md, callback-3-1.md, checkout-v3-status-models.md, checkout-v3-resource-models.md).
 */

export interface SwedbankPayProviderOptions {
  /** https://api.externalintegration.payex.com (test), https://api.payex.com (production), or the simulator's. */
  baseUrl: string;
  /** The merchant's access token from Swedbank Pay's merchant portal. */
  token: string;
  /** The merchant's payeeId (a GUID). */
  payeeId: string;
  /** The name the payer sees at Swedbank Pay; the merchant contract's own when absent. */
  payeeName?: string;
  fetch?: typeof fetch;
  /** Give up on one call after this long (default 10 s). */
  timeoutMs?: number;
}

const MEDIA_TYPE = 'application/json;version=3.1';
/**
 * The payment order's `userAgent` is the payer's browser (PaymentOrder.payerUserAgent), which Swedbank Pay uses
 * for risk assessment; when it is not known, this honest stand-in is sent instead.
 */
const PAYER_USER_AGENT = 'Mozilla/5.0 (compatible; e-service-kit)';
const CLIENT_USER_AGENT = 'e-service-kit-swedbank-pay/1';
/** The longest payeeReference every v3.1 operation takes (captures and reversals: string(30)). */
const PAYEE_REFERENCE_MAX = 30;

const Problem = z.looseObject({
  type: z.string(),
  title: z.optional(z.string()),
  status: z.optional(z.number()),
  detail: z.optional(z.string()),
  problems: z.optional(z.array(z.looseObject({ name: z.string(), description: z.optional(z.string()) }))),
});
type Problem = z.infer<typeof Problem>;

const Operation = z.looseObject({ rel: z.string(), href: z.string().check(z.minLength(1)), method: z.string() });
/** Swedbank Pay numbers things for people: 11 digits in the examples, typed string in some tables. */
const TransactionNumber = z.union([z.number(), z.string()]);

const PaymentOrderBody = z.looseObject({
  id: z.string().check(z.startsWith('/psp/')),
  status: z.string(),
  currency: z.string(),
  amount: z.number(),
  updated: z.optional(z.string()),
  paid: z.optional(
    z.looseObject({
      instrument: z.optional(z.string()),
      number: z.optional(TransactionNumber),
      amount: z.optional(z.number()),
      details: z.optional(z.looseObject({ acquirerTransactionTime: z.optional(z.string()) })),
    }),
  ),
  failed: z.optional(z.looseObject({ problem: z.optional(Problem) })),
  failedAttempts: z.optional(z.looseObject({ failedAttemptList: z.optional(z.array(z.looseObject({ problem: z.optional(Problem) }))) })),
  financialTransactions: z.optional(
    z.looseObject({
      financialTransactionsList: z.optional(z.array(z.looseObject({ id: z.string(), type: z.string(), payeeReference: z.optional(z.string()) }))),
    }),
  ),
});
type PaymentOrderBody = z.infer<typeof PaymentOrderBody>;

/** The docs' examples spell the wrapper both `paymentOrder` and `paymentorder`: either is taken. */
const PaymentOrderResponse = z.looseObject({
  paymentOrder: z.optional(PaymentOrderBody),
  paymentorder: z.optional(PaymentOrderBody),
  operations: z.optional(z.array(Operation)),
});

interface PaymentOrderResource {
  order: PaymentOrderBody;
  operations: Array<z.infer<typeof Operation>>;
}

export class SwedbankPayProvider implements PaymentProvider {
  readonly id = 'swedbank-pay' as const;
  readonly #baseUrl: string;
  readonly #token: string;
  readonly #payeeId: string;
  readonly #payeeName: string | undefined;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(options: SwedbankPayProviderOptions) {
    const base = new URL(options.baseUrl);
    this.#baseUrl = base.origin;
    this.#token = options.token;
    this.#payeeId = options.payeeId;
    this.#payeeName = options.payeeName;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  async start(order: PaymentOrder): Promise<StartedPayment> {
    const body = {
      paymentorder: {
        operation: 'Purchase',
        currency: order.currency,
        amount: order.amount,
        vatAmount: order.vatAmount,
        description: order.description,
        userAgent: order.payerUserAgent ?? PAYER_USER_AGENT,
        language: order.lang === 'sv' ? 'sv-SE' : 'en-US',
        urls: { hostUrls: order.urls.host, completeUrl: order.urls.complete, cancelUrl: order.urls.cancel, callbackUrl: order.urls.callback },
        payeeInfo: {
          payeeId: this.#payeeId,
          payeeReference: payeeReferenceFor(order.reference),
          ...(this.#payeeName ? { payeeName: this.#payeeName } : {}),
          orderReference: order.orderReference,
        },
      },
    };
    const { order: created, operations } = await this.#paymentOrder('POST', `${this.#baseUrl}/psp/paymentorders`, body, 'start');
    const checkout = operations.find((operation) => operation.rel === 'redirect-checkout');
    if (!checkout) throw new PaymentProviderError(`Swedbank Pay start: payment order ${created.id} offers no redirect-checkout operation`);
    return { providerRef: created.id, redirectUrl: checkout.href };
  }

  async read(providerRef: string): Promise<PaymentReading> {
    const { order } = await this.#get(providerRef, 'paid,failed,failedattempts', 'read');
    const state = stateOf(order);
    // Pending after a declined card (the payer may try again) and declined both name the last attempt's problem.
    const lastAttemptProblem = order.failedAttempts?.failedAttemptList?.at(-1)?.problem;
    const problem = state === 'timedOut' ? order.failed?.problem : state === 'pending' || state === 'declined' ? (lastAttemptProblem ?? order.failed?.problem) : undefined;
    const paidAt = state === 'paid' ? (order.paid?.details?.acquirerTransactionTime ?? order.updated) : undefined;
    return {
      state,
      amount: state === 'paid' ? (order.paid?.amount ?? order.amount) : 0,
      currency: order.currency,
      ...(paidAt && !Number.isNaN(Date.parse(paidAt)) ? { paidAt: new Date(paidAt) } : {}),
      ...(state === 'paid' && order.paid?.instrument ? { instrument: order.paid.instrument } : {}),
      ...(state === 'paid' && order.paid?.number !== undefined ? { paymentReference: String(order.paid.number) } : {}),
      ...(problem ? { errorCode: problemCode(problem) } : {}),
    };
  }

  async capture(providerRef: string, capture: { amount: number; vatAmount: number; reference: string; description: string }): Promise<void> {
    const transaction = { description: capture.description, amount: capture.amount, vatAmount: capture.vatAmount, payeeReference: payeeReferenceFor(capture.reference) };
    await this.#transactOnce(providerRef, 'Capture', 'capture', transaction);
  }

  async refund(providerRef: string, refund: RefundRequest): Promise<RefundReading> {
    // Swedbank Pay tells about a reversal through the payment order's own callbackUrl: refund.callbackUrl is not sent.
    const transaction = { description: refund.description, amount: refund.amount, vatAmount: refund.vatAmount, payeeReference: payeeReferenceFor(refund.reference) };
    const reversalId = await this.#transactOnce(providerRef, 'Reversal', 'reversal', transaction);
    // Banklink reverses asynchronously (202, not listed until done); card reversals are listed at once.
    return reversalId ? { state: 'refunded', providerRef: reversalId } : { state: 'pending', providerRef };
  }

  async readRefund(providerRef: string, refund: { reference: string; refundRef: string }): Promise<RefundReading> {
    const payeeReference = payeeReferenceFor(refund.reference);
    const { order } = await this.#get(providerRef, 'financialtransactions', 'read reversal');
    const reversal = order.financialTransactions?.financialTransactionsList?.find((entry) => entry.type === 'Reversal' && entry.payeeReference === payeeReference);
    return reversal ? { state: 'refunded', providerRef: reversal.id } : { state: 'pending', providerRef: refund.refundRef };
  }

  async abort(providerRef: string): Promise<void> {
    const { order, operations } = await this.#get(providerRef, '', 'abort');
    if (order.status === 'Aborted' || order.status === 'Failed') return;
    const abort = operations.find((operation) => operation.rel === 'abort');
    if (!abort) throw new PaymentProviderError(`Swedbank Pay abort: payment order ${order.id} is ${order.status} and cannot be aborted`);
    try {
      await this.#paymentOrder('PATCH', this.#absolute(abort.href), { paymentorder: { operation: 'Abort', abortReason: 'CancelledByConsumer' } }, 'abort');
    } catch (error) {
      // The payer may have finished or cancelled meanwhile; only a payment that is still open is a failure to abort.
      const now = await this.#get(providerRef, '', 'abort').catch(() => undefined);
      if (now?.order.status === 'Aborted' || now?.order.status === 'Failed') return;
      throw error;
    }
  }

  /**
   * A capture or reversal that happens once per reference: one already listed is not asked again, and a
   * refusal is checked against the list, so two calls racing each other both end well.
   * Resolves to the financial transaction's id, or undefined while it is not listed yet.
   */
  async #transactOnce(providerRef: string, type: 'Capture' | 'Reversal', rel: 'capture' | 'reversal', transaction: { payeeReference: string }): Promise<string | undefined> {
    const listed = (resource: PaymentOrderResource) =>
      resource.order.financialTransactions?.financialTransactionsList?.find((entry) => entry.type === type && entry.payeeReference === transaction.payeeReference)?.id;
    const before = await this.#get(providerRef, 'financialtransactions', rel);
    const done = listed(before);
    if (done) return done;
    const operation = before.operations.find((candidate) => candidate.rel === rel);
    if (!operation) {
      throw new PaymentProviderError(`Swedbank Pay ${rel}: payment order ${before.order.id} (${before.order.status}) offers no ${rel} operation`);
    }
    try {
      await this.#request('POST', this.#absolute(operation.href), { transaction }, rel);
    } catch (error) {
      const after = await this.#get(providerRef, 'financialtransactions', rel).catch(() => undefined);
      const doneMeanwhile = after && listed(after);
      if (doneMeanwhile) return doneMeanwhile;
      throw error;
    }
    return listed(await this.#get(providerRef, 'financialtransactions', rel));
  }

  async #get(providerRef: string, expand: string, what: string): Promise<PaymentOrderResource> {
    // The id is a path on the API host ("/psp/paymentorders/<guid>"): nothing else is followed with the token.
    if (!/^\/psp\/[\w/-]+$/.test(providerRef)) {
      throw new PaymentProviderError(`Swedbank Pay ${what}: "${providerRef}" is not a payment order id`);
    }
    const query = expand ? `?$expand=${expand}` : '';
    return this.#paymentOrder('GET', `${this.#baseUrl}${providerRef}${query}`, undefined, what);
  }

  async #paymentOrder(method: string, url: string, body: unknown, what: string): Promise<PaymentOrderResource> {
    const json = await this.#request(method, url, body, what);
    const parsed = PaymentOrderResponse.safeParse(json);
    const order = parsed.success ? (parsed.data.paymentOrder ?? parsed.data.paymentorder) : undefined;
    if (!parsed.success || !order) {
      const reason = parsed.success ? 'no paymentOrder in it' : z.prettifyError(parsed.error);
      throw new PaymentProviderError(`Swedbank Pay ${what}: the answer is not a payment order (${reason})`);
    }
    return { order, operations: parsed.data.operations ?? [] };
  }

  /** One call; any answer but a 2xx with JSON becomes a PaymentProviderError, with the problem's words. */
  async #request(method: string, url: string, body: unknown, what: string): Promise<unknown> {
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          'content-type': MEDIA_TYPE,
          accept: `${MEDIA_TYPE}, application/problem+json`,
          'user-agent': CLIENT_USER_AGENT,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (cause) {
      const error = new PaymentProviderError(`Swedbank Pay ${what}: no answer (${cause instanceof Error ? cause.message : String(cause)})`);
      error.cause = cause;
      throw error;
    }
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      const error = new PaymentProviderError(`Swedbank Pay ${what}: the answer broke off (${cause instanceof Error ? cause.message : String(cause)})`, response.status);
      error.cause = cause;
      throw error;
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const problem = Problem.safeParse(json);
      if (!problem.success) throw new PaymentProviderError(`Swedbank Pay ${what}: HTTP ${response.status} without a problem body`, response.status);
      throw new PaymentProviderError(`Swedbank Pay ${what}: ${describe(problem.data, response.status)}`, response.status, problemCode(problem.data));
    }
    if (json === undefined) throw new PaymentProviderError(`Swedbank Pay ${what}: HTTP ${response.status} without a JSON body`, response.status);
    return json;
  }

  #absolute(href: string): string {
    // Operations carry absolute hrefs; a relative one is resolved against the API, and no other host gets the token.
    const url = new URL(href, this.#baseUrl);
    if (url.origin !== this.#baseUrl) throw new PaymentProviderError(`Swedbank Pay: an operation points away from the API (${url.origin})`);
    return url.href;
  }
}

/**
 * The kit's word for a payment order's status. A `Failed` order that nobody tried to pay ran out of time
 * (`timedOut`); one with failed attempts was declined. The docs describe no expiry of a payment order,
 * so the distinction rests on the documented `failedAttempts` list, not on a problem type.
 */
function stateOf(order: PaymentOrderBody): PaymentState {
  switch (order.status) {
    case 'Initialized':
      return 'pending';
    case 'Paid':
    // Reversed: paid, then given back; refunds are the payment service's own books.
    case 'Reversed':
      return 'paid';
    case 'Failed':
      return (order.failedAttempts?.failedAttemptList?.length ?? 0) > 0 ? 'declined' : 'timedOut';
    case 'Cancelled':
    case 'Aborted':
      return 'cancelled';
    default:
      throw new PaymentProviderError(`Swedbank Pay read: payment order ${order.id} has a status this client does not know: ${order.status}`);
  }
}

/**
 * The kit's references are up to 35 letters and digits; Swedbank Pay takes 30 for captures and reversals
 * (and its payee reference page says 30 for everything). A longer one is sent as its first 18 characters
 * and 12 hex digits of its SHA-256: still readable, still unique, and always the same for the same
 * reference, so a retried capture or refund finds the transaction the first try made.
 */
export function payeeReferenceFor(reference: string): string {
  if (reference.length <= PAYEE_REFERENCE_MAX) return reference;
  return reference.slice(0, PAYEE_REFERENCE_MAX - 12) + createHash('sha256').update(reference).digest('hex').slice(0, 12);
}

/** "type … is the only field usable for programmatic identification": its last segment is the code. */
function problemCode(problem: Problem): string {
  return problem.type.replace(/\/+$/, '').split('/').at(-1) ?? problem.type;
}

function describe(problem: Problem, status: number): string {
  const head = [problem.title, problem.detail].filter(Boolean).join(': ') || `HTTP ${status}`;
  const fields = (problem.problems ?? []).map((entry) => (entry.description ? `${entry.name}: ${entry.description}` : entry.name));
  return fields.length > 0 ? `${head} (${fields.join('; ')})` : head;
}
