import type { SimOrder } from './order-book.js';

/**
 * How the simulator shows a payment order, in the v3.1 shapes (developer.swedbankpay.com, checkout-v3
 * "Status Models", "Resource Models", capture v3.1 response, callback v3.1 "GET Response"):
 * `{ paymentOrder: { id, created, updated, operation, status, currency, amount, vatAmount,
 * remaining…Amount, description, …, <sub-resource>: { id } }, operations: [{ method, href, rel,
 * contentType }] }`. Sub-resources are links until named in `$expand`, or fetched at their own id.
 */

export const INSTRUMENT = 'CreditCard';
/** Swedbank Pay's own Visa test card (checkout-v3 "Test Data"): shown on the menu, never entered or sent. */
export const TEST_CARD = { number: '4925000000000004', brand: 'Visa', maskedPan: '492500******0004', bin: '492500', expiryDate: '12/2030' };

/** Sub-resources of a payment order: the JSON property and the path segment it is served at. */
export const SUBRESOURCES = {
  urls: 'urls',
  payeeInfo: 'payeeinfo',
  history: 'history',
  failed: 'failed',
  aborted: 'aborted',
  paid: 'paid',
  cancelled: 'cancelled',
  reversed: 'reversed',
  financialTransactions: 'financialtransactions',
  failedAttempts: 'failedattempts',
} as const;
export type Subresource = keyof typeof SUBRESOURCES;

export interface PaymentOrderRepresentation {
  paymentOrder: Record<string, unknown>;
  operations: unknown[];
}

/** What is left to capture and to reverse of an authorization. */
export function remainingAmounts(order: SimOrder): { capture: number; reversal: number } {
  if (!order.paid) return { capture: 0, reversal: 0 };
  const captured = transactedTotal(order, 'Capture');
  return { capture: order.request.amount - captured, reversal: captured - transactedTotal(order, 'Reversal') };
}

export function transactedTotal(order: SimOrder, type: 'Capture' | 'Reversal'): number {
  return order.transactions.filter((transaction) => transaction.type === type).reduce((sum, transaction) => sum + transaction.amount, 0);
}

export function menuUrl(baseUrl: string, order: SimOrder): string {
  return `${baseUrl}/payment/menu/${order.menuToken}`;
}

/** `{ paymentOrder, operations }`, with the sub-resources named in `expand` (path segments) inlined. */
export function representation(order: SimOrder, baseUrl: string, expand: ReadonlySet<string>): PaymentOrderRepresentation {
  const { request } = order;
  const paymentOrder: Record<string, unknown> = {
    id: order.id,
    created: iso(order.created),
    updated: iso(order.updated),
    operation: 'Purchase',
    status: order.status,
    currency: request.currency,
    amount: request.amount,
    vatAmount: request.vatAmount,
  };
  if (order.paid) {
    const remaining = remainingAmounts(order);
    // Cancelling an authorization is not simulated, but what could be cancelled is shown as the API does.
    Object.assign(paymentOrder, {
      remainingCaptureAmount: remaining.capture,
      remainingCancellationAmount: remaining.capture,
      remainingReversalAmount: remaining.reversal,
    });
  }
  Object.assign(paymentOrder, {
    description: request.description,
    initiatingSystemUserAgent: order.initiatingSystemUserAgent,
    language: request.language,
    availableInstruments: [INSTRUMENT],
    implementation: 'PaymentsOnly',
    // The docs: not populated until the payer has opened the payment UI.
    ...(order.menuOpened ? { integration: 'Redirect' } : {}),
    instrumentMode: false,
    guestMode: true,
  });
  for (const name of Object.keys(SUBRESOURCES) as Subresource[]) {
    paymentOrder[name] = expand.has(SUBRESOURCES[name]) ? subresource(order, name) : { id: `${order.id}/${SUBRESOURCES[name]}` };
  }
  return { paymentOrder, operations: operations(order, baseUrl) };
}

/** One sub-resource, as GET <id>/<segment> and `$expand` show it; empty ones are just their id. */
export function subresource(order: SimOrder, name: Subresource): Record<string, unknown> {
  const id = `${order.id}/${SUBRESOURCES[name]}`;
  const { request } = order;
  switch (name) {
    case 'urls':
      return { id, ...request.urls };
    case 'payeeInfo':
      return { id, ...request.payeeInfo };
    case 'history':
      return {
        id,
        historyList: order.history.map((event) => ({ ...event, created: iso(event.created), ...(event.number ? { instrument: INSTRUMENT } : {}) })),
      };
    case 'failed':
      return order.status === 'Failed' && order.failedProblem ? { id, problem: order.failedProblem } : { id };
    case 'aborted':
      return order.status === 'Aborted' ? { id, abortReason: order.abortReason } : { id };
    case 'paid':
      return order.paid ? { id, ...cardPayment(order, order.paid.number) } : { id };
    case 'cancelled':
      // Cancelling an authorization (POST …/cancellations) is not simulated: there is never one.
      return { id };
    case 'reversed': {
      // "Apart from the id and number fields, the output will be inherited from the corresponding Paid transaction."
      const last = order.transactions.filter((transaction) => transaction.type === 'Reversal').at(-1);
      return order.status === 'Reversed' && last ? { id, ...cardPayment(order, last.number) } : { id };
    }
    case 'financialTransactions':
      return {
        id,
        financialTransactionsList: order.transactions.map((transaction) => ({
          id: `${id}/${transaction.guid}`,
          created: iso(transaction.created),
          updated: iso(transaction.created),
          type: transaction.type,
          number: transaction.number,
          amount: transaction.amount,
          vatAmount: transaction.vatAmount,
          description: transaction.description,
          payeeReference: transaction.payeeReference,
        })),
      };
    case 'failedAttempts':
      return {
        id,
        failedAttemptList: order.failedAttempts.map((attempt) => ({
          created: iso(attempt.created),
          instrument: INSTRUMENT,
          number: attempt.number,
          status: 'Failed',
          problem: attempt.problem,
        })),
      };
  }
}

/** The card `paid` resource (status models, "Card Paid Resource"), without the tokens and acquirer ids. */
function cardPayment(order: SimOrder, number: number): Record<string, unknown> {
  const { payeeInfo, amount } = order.request;
  return {
    instrument: INSTRUMENT,
    number,
    payeeReference: payeeInfo.payeeReference,
    ...(payeeInfo.orderReference ? { orderReference: payeeInfo.orderReference } : {}),
    transactionType: 'Authorization',
    amount,
    submittedAmount: amount,
    feeAmount: 0,
    discountAmount: 0,
    paymentTokenGenerated: false,
    details: {
      cardBrand: TEST_CARD.brand,
      cardType: 'Credit',
      maskedPan: TEST_CARD.maskedPan,
      expiryDate: TEST_CARD.expiryDate,
      acquirerTransactionType: 'STANDARD',
      acquirerTransactionTime: iso(order.paid?.at ?? order.updated),
      transactionInitiator: 'CARDHOLDER',
      bin: TEST_CARD.bin,
    },
  };
}

/** The operations the order's state allows, as hypermedia: the client follows these hrefs. */
function operations(order: SimOrder, baseUrl: string): unknown[] {
  const api = `${baseUrl}${order.id}`;
  const list: unknown[] = [];
  if (order.status === 'Initialized' || order.status === 'Aborted') {
    list.push({ method: 'GET', href: menuUrl(baseUrl, order), rel: 'redirect-checkout', contentType: 'text/html' });
  }
  if (order.status === 'Initialized') {
    const script = `${baseUrl}/payment/core/js/px.payment.client.js?token=${order.menuToken}&culture=${order.request.language}`;
    list.push({ method: 'GET', href: script, rel: 'view-checkout', contentType: 'application/javascript' });
    list.push({ method: 'PATCH', href: api, rel: 'abort', contentType: 'application/json' });
  }
  if (order.status === 'Paid') {
    const remaining = remainingAmounts(order);
    if (remaining.capture > 0) list.push({ method: 'POST', href: `${api}/captures`, rel: 'capture', contentType: 'application/json' });
    if (remaining.reversal > 0) list.push({ method: 'POST', href: `${api}/reversals`, rel: 'reversal', contentType: 'application/json' });
  }
  return list;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
