import type { FieldProblem } from './problems.js';

/**
 * The simulator's checks of request bodies, with the rules the Payment Order API v3.1 documents for the
 * fields the kit sends (developer.swedbankpay.com, _includes/payment-request-3-1.md, fields/*.md):
 *
 * - `operation` Purchase; `currency` SEK (the simulated merchant's contract);
 * - `amount` and `vatAmount` whole numbers in öre, amount > 0, 0 ≤ vatAmount ≤ amount;
 * - `description` string(40); `userAgent` required;
 * - `language` required, and an unknown one falls back to en-US as the docs say, rather than being refused;
 * - `urls.hostUrls` a non-empty array, `completeUrl` and `cancelUrl` required, `callbackUrl` optional,
 *   all absolute http(s) URLs;
 * - `payeeInfo.payeeId` the merchant's, `payeeReference` A-Za-z0-9 (Swedbank Pay handles settlement:
 *   "Option A") and string(50) for a payment order, string(30) for a capture or reversal, as the v3.1
 *   tables say (the payee reference page says 30 throughout), `orderReference` string(50).
 *
 * A check returns either the typed request or the problems, one per wrong field, named the way the API
 * names them ("PaymentOrder.PayeeInfo.PayeeReference").
 */

export const LANGUAGES = ['da-DK', 'de-DE', 'et-EE', 'en-US', 'es-ES', 'fi-FI', 'fr-FR', 'lt-LT', 'lv-LV', 'nb-NO', 'pl-PL', 'ru-RU', 'sv-SE'] as const;
export type PaymentOrderLanguage = (typeof LANGUAGES)[number];


export interface PurchaseRequest {
  currency: 'SEK';
  amount: number;
  vatAmount: number;
  description: string;
  userAgent: string;
  language: PaymentOrderLanguage;
  urls: { hostUrls: string[]; completeUrl: string; cancelUrl: string; callbackUrl?: string };
  payeeInfo: { payeeId: string; payeeReference: string; payeeName?: string; orderReference?: string };
}

export interface TransactionRequest {
  description: string;
  amount: number;
  vatAmount: number;
  payeeReference: string;
}

export type Checked<T> = { ok: T } | { problems: FieldProblem[] };

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAbsoluteUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'https:' || protocol === 'http:';
}

/** Collects one problem per wrong field, so one answer tells the integrator everything that is wrong. */
class Problems {
  readonly list: FieldProblem[] = [];
  add(name: string, description: string): void {
    this.list.push({ name, description });
  }
}

function checkAmounts(fields: Fields, prefix: string, problems: Problems): void {
  const { amount, vatAmount } = fields;
  if (!Number.isSafeInteger(amount) || (amount as number) <= 0) {
    problems.add(`${prefix}.Amount`, 'The amount must be a whole number of the lowest monetary unit, greater than 0.');
  }
  if (!Number.isSafeInteger(vatAmount) || (vatAmount as number) < 0) {
    problems.add(`${prefix}.VatAmount`, 'The VAT amount must be a whole number of the lowest monetary unit, 0 or more.');
  } else if (Number.isSafeInteger(amount) && (vatAmount as number) > (amount as number)) {
    problems.add(`${prefix}.VatAmount`, 'The VAT amount cannot be greater than the amount.');
  }
}

function checkPayeeReference(value: unknown, maxLength: number, name: string, problems: Problems): void {
  if (typeof value !== 'string' || !/^[A-Za-z0-9]+$/.test(value) || value.length > maxLength) {
    problems.add(name, `The payeeReference must be 1 to ${maxLength} characters, letters A-Z, a-z and digits only.`);
  }
}

/** POST /psp/paymentorders: `{ "paymentorder": { … } }`. */
export function checkPurchase(body: unknown, payeeId: string): Checked<PurchaseRequest> {
  const problems = new Problems();
  const order = isObject(body) ? body.paymentorder : undefined;
  if (!isObject(order)) return { problems: [{ name: 'PaymentOrder', description: 'The paymentorder object is required.' }] };

  if (order.operation !== 'Purchase') problems.add('PaymentOrder.Operation', 'The operation must be Purchase (the only one simulated).');
  if (order.currency !== 'SEK') problems.add('PaymentOrder.Currency', 'The currency must be SEK: the merchant contract has no other.');
  checkAmounts(order, 'PaymentOrder', problems);
  if (typeof order.description !== 'string' || order.description.trim() === '' || order.description.length > 40) {
    problems.add('PaymentOrder.Description', 'The description is required, at most 40 characters.');
  }
  if (typeof order.userAgent !== 'string' || order.userAgent.trim() === '') {
    problems.add('PaymentOrder.UserAgent', "The payer's user agent is required.");
  }
  if (typeof order.language !== 'string' || order.language === '') problems.add('PaymentOrder.Language', 'The language is required.');

  const urls = order.urls;
  if (!isObject(urls)) {
    problems.add('PaymentOrder.Urls', 'The urls object is required.');
  } else {
    const hostUrls = urls.hostUrls;
    if (!Array.isArray(hostUrls) || hostUrls.length === 0 || !hostUrls.every(isAbsoluteUrl)) {
      problems.add('PaymentOrder.Urls.HostUrls', 'At least one host URL is required, each an absolute http(s) URL.');
    }
    if (!isAbsoluteUrl(urls.completeUrl)) problems.add('PaymentOrder.Urls.CompleteUrl', 'The completeUrl is required, an absolute http(s) URL.');
    if (!isAbsoluteUrl(urls.cancelUrl)) problems.add('PaymentOrder.Urls.CancelUrl', 'The cancelUrl is required, an absolute http(s) URL.');
    if (urls.callbackUrl !== undefined && !isAbsoluteUrl(urls.callbackUrl)) {
      problems.add('PaymentOrder.Urls.CallbackUrl', 'The callbackUrl must be an absolute http(s) URL.');
    }
  }

  const payee = order.payeeInfo;
  if (!isObject(payee)) {
    problems.add('PaymentOrder.PayeeInfo', 'The payeeInfo object is required.');
  } else {
    if (payee.payeeId !== payeeId) problems.add('PaymentOrder.PayeeInfo.PayeeId', 'The payeeId is not the one of the merchant the token belongs to.');
    checkPayeeReference(payee.payeeReference, 50, 'PaymentOrder.PayeeInfo.PayeeReference', problems);
    if (payee.payeeName !== undefined && typeof payee.payeeName !== 'string') problems.add('PaymentOrder.PayeeInfo.PayeeName', 'The payeeName must be a string.');
    if (payee.orderReference !== undefined && (typeof payee.orderReference !== 'string' || payee.orderReference.length > 50)) {
      problems.add('PaymentOrder.PayeeInfo.OrderReference', 'The orderReference must be a string of at most 50 characters.');
    }
  }

  if (problems.list.length > 0) return { problems: problems.list };
  const checkedUrls = urls as Fields;
  const checkedPayee = payee as Fields;
  const language = (LANGUAGES as readonly string[]).includes(order.language as string) ? (order.language as PaymentOrderLanguage) : 'en-US';
  return {
    ok: {
      currency: 'SEK',
      amount: order.amount as number,
      vatAmount: order.vatAmount as number,
      description: order.description as string,
      userAgent: order.userAgent as string,
      language,
      urls: {
        hostUrls: checkedUrls.hostUrls as string[],
        completeUrl: checkedUrls.completeUrl as string,
        cancelUrl: checkedUrls.cancelUrl as string,
        ...(checkedUrls.callbackUrl === undefined ? {} : { callbackUrl: checkedUrls.callbackUrl as string }),
      },
      payeeInfo: {
        payeeId,
        payeeReference: checkedPayee.payeeReference as string,
        ...(checkedPayee.payeeName === undefined ? {} : { payeeName: checkedPayee.payeeName as string }),
        ...(checkedPayee.orderReference === undefined ? {} : { orderReference: checkedPayee.orderReference as string }),
      },
    },
  };
}

/** POST …/captures and …/reversals: `{ "transaction": { description, amount, vatAmount, payeeReference } }`. */
export function checkTransaction(body: unknown): Checked<TransactionRequest> {
  const problems = new Problems();
  const transaction = isObject(body) ? body.transaction : undefined;
  if (!isObject(transaction)) return { problems: [{ name: 'Transaction', description: 'The transaction object is required.' }] };
  checkAmounts(transaction, 'Transaction', problems);
  if (typeof transaction.description !== 'string' || transaction.description.trim() === '') {
    problems.add('Transaction.Description', 'The description is required.');
  }
  checkPayeeReference(transaction.payeeReference, 30, 'Transaction.PayeeReference', problems);
  if (problems.list.length > 0) return { problems: problems.list };
  return {
    ok: {
      description: transaction.description as string,
      amount: transaction.amount as number,
      vatAmount: transaction.vatAmount as number,
      payeeReference: transaction.payeeReference as string,
    },
  };
}

/** PATCH /psp/paymentorders/<id>: `{ "paymentorder": { "operation": "Abort", "abortReason": "…" } }`. */
export function checkAbort(body: unknown): Checked<{ abortReason: string }> {
  const order = isObject(body) ? body.paymentorder : undefined;
  if (!isObject(order)) return { problems: [{ name: 'PaymentOrder', description: 'The paymentorder object is required.' }] };
  if (order.operation !== 'Abort') {
    return { problems: [{ name: 'PaymentOrder.Operation', description: 'The operation must be Abort (the only PATCH operation simulated).' }] };
  }
  if (order.abortReason !== undefined && typeof order.abortReason !== 'string') {
    return { problems: [{ name: 'PaymentOrder.AbortReason', description: 'The abortReason must be a string.' }] };
  }
  return { ok: { abortReason: (order.abortReason as string | undefined) ?? 'CancelledByConsumer' } };
}
