import { randomBytes, randomUUID } from 'node:crypto';
import { cardDeclined, expired, forbidden, inputError, type Problem } from './problems.js';
import { remainingAmounts, representation, transactedTotal } from './representations.js';
import type { PurchaseRequest, TransactionRequest } from './request-checks.js';

/**
 * The simulator's payment orders and what happens to them, as the Payment Order API v3.1 documents
 * (developer.swedbankpay.com: checkout-v3 status models, resource models, capture and reversal v3.1,
 * abort, callback v3.1):
 *
 * - `Initialized` until the payer pays (`Paid`) or cancels on the menu, or the merchant aborts (`Aborted`:
 *   "returned when the merchant has aborted the payment or if the payer cancelled the payment in the
 *   redirect integration").
 * - A declined card is a failed *attempt*, not a failed order: the order stays `Initialized`, the attempt
 *   is listed under `failedAttempts`, and the payer may try again on the same order (the docs' history
 *   example: PaymentAttemptFailed, then PaymentAttemptStarted, PaymentPaid on one payment order).
 * - An order still `Initialized` after `expireAfterMs` turns `Failed` with a problem in `failed`.
 * - A card payment is an `Authorization`: captures take at most what is left to capture, reversals give
 *   back at most what was captured and not yet reversed; when all of it is reversed the status is
 *   `Reversed`. Each capture and reversal is a `financialTransactions` entry.
 * - A `payeeReference` is unique per operation for the merchant ("set per operation to ensure an
 *   exactly-once delivery of a transactional operation"): reusing one, for a payment order, a capture
 *   or a reversal, is refused with the `PayeeReference` problem Swedbank Pay sends.
 */

export type OrderStatus = 'Initialized' | 'Paid' | 'Failed' | 'Aborted' | 'Reversed';
export type PayerAction = 'approve' | 'decline' | 'cancel';
/** What a payer's action on the menu came to. */
export type MenuOutcome = 'paid' | 'alreadyPaid' | 'declined' | 'aborted' | 'closed';

export interface FinancialTransaction {
  guid: string;
  type: 'Capture' | 'Reversal';
  number: number;
  created: number;
  amount: number;
  vatAmount: number;
  description: string;
  payeeReference: string;
}

export interface HistoryEvent {
  created: number;
  name: string;
  initiatedBy: 'Payee' | 'Payer' | 'System';
  number?: number;
  amount?: number;
}

export interface SimOrder {
  guid: string;
  /** The payment order's id: /psp/paymentorders/<guid>. */
  id: string;
  /** The secret part of the menu's URL: whoever has it plays the payer. */
  menuToken: string;
  created: number;
  updated: number;
  status: OrderStatus;
  request: PurchaseRequest;
  initiatingSystemUserAgent: string;
  menuOpened: boolean;
  paid?: { number: number; at: number };
  failedProblem?: Problem;
  abortReason?: string;
  failedAttempts: Array<{ created: number; number: number; problem: Problem }>;
  transactions: FinancialTransaction[];
  history: HistoryEvent[];
}

export interface Answer {
  status: number;
  body: unknown;
}

export interface OrderBookOptions {
  now: () => number;
  expireAfterMs?: number;
  /** Something the merchant's callbackUrl is told about, with the number of the attempt or transaction. */
  onEvent: (order: SimOrder, number: number) => void;
}

export class OrderBook {
  /** The API's scheme, host and port, set once the server listens: operations' hrefs are absolute. */
  baseUrl = '';
  readonly #options: OrderBookOptions;
  readonly #orders = new Map<string, SimOrder>();
  readonly #byMenuToken = new Map<string, SimOrder>();
  /** payeeReference → the number of the payment order or transaction that used it. */
  readonly #usedReferences = new Map<string, number>();
  readonly #expiryTimers = new Set<NodeJS.Timeout>();
  /** Swedbank Pay's numbers are 11 digits, for people; ids are for programs. */
  #lastNumber = 40_100_000_000;

  constructor(options: OrderBookOptions) {
    this.#options = options;
  }

  create(request: PurchaseRequest, initiatingSystemUserAgent: string): Answer {
    const reused = this.#refuseReused(request.payeeInfo.payeeReference);
    if (reused) return reused;
    const now = this.#options.now();
    const guid = randomUUID();
    const order: SimOrder = {
      guid,
      id: `/psp/paymentorders/${guid}`,
      menuToken: randomBytes(24).toString('hex'),
      created: now,
      updated: now,
      status: 'Initialized',
      request,
      initiatingSystemUserAgent,
      menuOpened: false,
      failedAttempts: [],
      transactions: [],
      history: [{ created: now, name: 'PaymentCreated', initiatedBy: 'Payee' }],
    };
    this.#usedReferences.set(request.payeeInfo.payeeReference, this.#nextNumber());
    this.#orders.set(guid, order);
    this.#byMenuToken.set(order.menuToken, order);
    if (this.#options.expireAfterMs !== undefined) {
      // So the callback of an expiry comes even if nobody looks; every read checks the time as well.
      const timer = setTimeout(() => {
        this.#expiryTimers.delete(timer);
        this.#expireIfDue(order);
      }, this.#options.expireAfterMs + 1);
      timer.unref();
      this.#expiryTimers.add(timer);
    }
    return { status: 200, body: representation(order, this.baseUrl, new Set()) };
  }

  /** The order with this guid or full id, its expiry applied. */
  find(idOrGuid: string): SimOrder | undefined {
    return this.#fresh(this.#orders.get(idOrGuid.replace(/^\/psp\/paymentorders\//, '')));
  }

  findByMenuToken(token: string): SimOrder | undefined {
    return this.#fresh(this.#byMenuToken.get(token));
  }

  all(): SimOrder[] {
    return [...this.#orders.values()].map((order) => this.#fresh(order)!);
  }

  close(): void {
    for (const timer of this.#expiryTimers) clearTimeout(timer);
    this.#expiryTimers.clear();
  }

  /** The payer on the menu: pays with the test card, has it declined, or cancels. */
  payerAction(order: SimOrder, action: PayerAction): MenuOutcome {
    this.#expireIfDue(order);
    if (order.status === 'Paid' || order.status === 'Reversed') return 'alreadyPaid';
    if (order.status !== 'Initialized') return 'closed';
    const now = this.#options.now();
    const number = this.#nextNumber();
    const amount = order.request.amount;
    order.updated = now;
    if (action !== 'cancel') order.history.push({ created: now, name: 'PaymentAttemptStarted', initiatedBy: 'Payer', number, amount });
    let outcome: MenuOutcome;
    if (action === 'approve') {
      order.status = 'Paid';
      order.paid = { number, at: now };
      order.history.push({ created: now, name: 'PaymentPaid', initiatedBy: 'Payer', number, amount });
      outcome = 'paid';
    } else if (action === 'decline') {
      order.failedAttempts.push({ created: now, number, problem: cardDeclined() });
      order.history.push({ created: now, name: 'PaymentAttemptFailed', initiatedBy: 'Payer', number, amount });
      outcome = 'declined';
    } else {
      order.status = 'Aborted';
      // The reason the docs' `aborted` resource example shows for a payer who cancelled.
      order.abortReason = 'Payment aborted by payer';
      order.history.push({ created: now, name: 'PaymentAborted', initiatedBy: 'Payer', number });
      outcome = 'aborted';
    }
    this.#options.onEvent(order, number);
    return outcome;
  }

  /** PATCH Abort: only an order nobody has paid. The merchant asked, so no callback tells it. */
  abort(order: SimOrder, abortReason: string): Answer {
    if (order.status !== 'Initialized') return problem(forbidden(`The payment order is ${order.status} and cannot be aborted.`));
    const now = this.#options.now();
    order.status = 'Aborted';
    order.abortReason = abortReason;
    order.updated = now;
    order.history.push({ created: now, name: 'PaymentAborted', initiatedBy: 'Payee' });
    return { status: 200, body: representation(order, this.baseUrl, new Set()) };
  }

  capture(order: SimOrder, request: TransactionRequest): Answer {
    if (order.status !== 'Paid') return problem(forbidden(`The payment order is ${order.status}: there is no authorization to capture.`));
    const left = remainingAmounts(order).capture;
    if (left === 0) return problem(forbidden('The authorization is captured in full already.'));
    if (request.amount > left) {
      return problem(inputError([{ name: 'Transaction.Amount', description: `The amount ${request.amount} is more than what is left to capture (${left}).` }]));
    }
    return this.#transact(order, 'Capture', request, request.amount === left ? 'PaymentCaptured' : 'PaymentPartiallyCaptured');
  }

  reverse(order: SimOrder, request: TransactionRequest): Answer {
    const left = remainingAmounts(order).reversal;
    if (order.status !== 'Paid' || left === 0) {
      return problem(forbidden(`The payment order is ${order.status} with nothing captured and not yet reversed: there is nothing to reverse.`));
    }
    if (request.amount > left) {
      return problem(inputError([{ name: 'Transaction.Amount', description: `The amount ${request.amount} is more than what is left to reverse (${left}).` }]));
    }
    const historyName = request.amount === left ? 'PaymentReversed' : 'PaymentPartiallyReversed';
    const answer = this.#transact(order, 'Reversal', request, historyName, () => {
      if (transactedTotal(order, 'Reversal') === order.request.amount) order.status = 'Reversed';
    });
    return answer;
  }

  #transact(order: SimOrder, type: FinancialTransaction['type'], request: TransactionRequest, historyName: string, after?: () => void): Answer {
    const reused = this.#refuseReused(request.payeeReference);
    if (reused) return reused;
    const now = this.#options.now();
    const number = this.#nextNumber();
    this.#usedReferences.set(request.payeeReference, number);
    order.transactions.push({ guid: randomUUID(), type, number, created: now, ...request });
    order.history.push({ created: now, name: historyName, initiatedBy: 'Payee', number, amount: request.amount });
    order.updated = now;
    after?.();
    // "…every time a transaction is created on the payment order" (callbackUrl field description).
    this.#options.onEvent(order, number);
    return { status: 200, body: representation(order, this.baseUrl, new Set()) };
  }

  #fresh(order: SimOrder | undefined): SimOrder | undefined {
    if (order) this.#expireIfDue(order);
    return order;
  }

  #expireIfDue(order: SimOrder): void {
    const after = this.#options.expireAfterMs;
    if (after === undefined || order.status !== 'Initialized') return;
    const now = this.#options.now();
    if (now - order.created < after) return;
    const number = this.#nextNumber();
    order.status = 'Failed';
    order.failedProblem = expired(after);
    order.updated = now;
    order.history.push({ created: now, name: 'PaymentFailed', initiatedBy: 'System', number });
    this.#options.onEvent(order, number);
  }

  #refuseReused(payeeReference: string): Answer | undefined {
    const usedBy = this.#usedReferences.get(payeeReference);
    if (usedBy === undefined) return undefined;
    return problem(inputError([{ name: 'PayeeReference', description: `The given PayeeReference has already been used for another payment (${usedBy}).` }]));
  }

  #nextNumber(): number {
    return ++this.#lastNumber;
  }
}

function problem(body: Problem): Answer {
  return { status: body.status, body };
}
