import { swishAmountToOre } from './amount.js';
import { SIMULATED_AT_CREATE, swishError, type SwishErrorCode, type SwishErrorEntry } from './error-codes.js';

/**
 * The simulator's checks of a create call's body, field by field as Swish documents them
 * (developer.swish.nu, API reference "Payment request" v2 and "Refund" v2; Merchant Integration
 * Guide 2.x, "Payment request object" and "Refund object"). Every broken field gives its own
 * error, and all of them come back together in one 422 array, as Swish does.
 */

/** 32 upper-case hexadecimal digits: a UUID without hyphens, made by the merchant. */
export const INSTRUCTION_UUID = /^[0-9A-F]{32}$/;
/**
 * The merchant's own reference (payeePaymentReference, payerPaymentReference): 1–35 letters and
 * digits. Swish's guides differ on whether '-' is allowed too; the kit never sends one, so the
 * simulator holds the stricter rule.
 */
const MERCHANT_REFERENCE = /^[a-zA-Z0-9]{1,35}$/;
/** A payer's Swish number: country code and number, no leading zero, 8–15 digits (46701234567). */
const PAYER_ALIAS = /^[1-9]\d{7,14}$/;
/**
 * The message shown in the payer's app: at most 50 characters from the letters a–ö and A–Ö, the
 * digits and :;.,?!()" plus space (Swish's list; the simulator guide also allows '-').
 */
const MESSAGE = /^[a-zA-Z0-9åäöÅÄÖéÉ :;.,?!()"”-]{0,50}$/;
/** "All digits, or all digits, a period and two decimal digits" (Swish, amount). */
const AMOUNT = /^\d+(\.\d{2})?$/;
const MAX_INTEGER_DIGITS = 12;

export interface PaymentRequestInput {
  payeePaymentReference: string | null;
  callbackUrl: string;
  payeeAlias: string;
  payerAlias: string | null;
  amountOre: number;
  currency: 'SEK';
  message: string | null;
  callbackIdentifier: string | null;
}

export interface RefundInput {
  originalPaymentReference: string;
  payerPaymentReference: string | null;
  callbackUrl: string;
  payerAlias: string;
  payeeAlias: string | null;
  amountOre: number;
  currency: 'SEK';
  message: string | null;
  callbackIdentifier: string | null;
}

/** 403: Swish's answer when the payee in the body is not the Swish number of the client certificate. */
export type Checked<T> = { ok: true; value: T } | { ok: false; status: 403 | 422; errors: SwishErrorEntry[] };

export function checkPaymentRequest(body: Record<string, unknown>, merchantAlias: string): Checked<PaymentRequestInput> {
  const errors: SwishErrorEntry[] = [];
  const fail = (code: SwishErrorCode) => errors.push(swishError(code));

  const payeeAlias = optionalString(body.payeeAlias);
  if (!payeeAlias) fail('RP01');
  else if (payeeAlias !== merchantAlias) return { ok: false, status: 403, errors: [] };

  const reference = body.payeePaymentReference;
  // Optional in Swish's API: the kit always sends one, but the simulator takes what Swish takes.
  if (reference !== undefined && reference !== null && !(typeof reference === 'string' && MERCHANT_REFERENCE.test(reference))) fail('FF08');
  if (!isCallbackUrl(body.callbackUrl)) fail('RP03');
  const payerAlias = body.payerAlias;
  if (payerAlias !== undefined && payerAlias !== null && !(typeof payerAlias === 'string' && PAYER_ALIAS.test(payerAlias))) fail('BE18');
  const amount = checkAmount(body.amount);
  if (typeof amount === 'string') fail(amount);
  if (body.currency !== 'SEK') fail('AM03');
  const message = body.message;
  if (message !== undefined && message !== null && !(typeof message === 'string' && MESSAGE.test(message))) fail('RP02');

  const simulated = simulatedError(message);
  if (errors.length === 0 && simulated) fail(simulated);
  if (errors.length > 0) return { ok: false, status: 422, errors };
  return {
    ok: true,
    value: {
      payeePaymentReference: typeof reference === 'string' ? reference : null,
      callbackUrl: body.callbackUrl as string,
      payeeAlias: payeeAlias!,
      payerAlias: typeof payerAlias === 'string' ? payerAlias : null,
      amountOre: amount as number,
      currency: 'SEK',
      message: typeof message === 'string' ? message : null,
      callbackIdentifier: optionalString(body.callbackIdentifier),
    },
  };
}

export function checkRefund(body: Record<string, unknown>, merchantAlias: string): Checked<RefundInput> {
  const errors: SwishErrorEntry[] = [];
  const fail = (code: SwishErrorCode) => errors.push(swishError(code));

  // The merchant pays the money back, so the refund's payer is the merchant's own Swish number.
  const payerAlias = optionalString(body.payerAlias);
  if (!payerAlias) fail('RP01');
  else if (payerAlias !== merchantAlias) return { ok: false, status: 403, errors: [] };

  const original = optionalString(body.originalPaymentReference);
  if (!original) fail('RF02');
  const reference = body.payerPaymentReference;
  if (reference !== undefined && reference !== null && !(typeof reference === 'string' && MERCHANT_REFERENCE.test(reference))) fail('FF08');
  if (!isCallbackUrl(body.callbackUrl)) fail('RP03');
  const payeeAlias = body.payeeAlias;
  if (payeeAlias !== undefined && payeeAlias !== null && !(typeof payeeAlias === 'string' && PAYER_ALIAS.test(payeeAlias))) fail('BE18');
  const amount = checkAmount(body.amount);
  if (typeof amount === 'string') fail(amount);
  if (body.currency !== 'SEK') fail('AM03');
  const message = body.message;
  if (message !== undefined && message !== null && !(typeof message === 'string' && MESSAGE.test(message))) fail('RP02');

  const simulated = simulatedError(message);
  if (errors.length === 0 && simulated) fail(simulated);
  if (errors.length > 0) return { ok: false, status: 422, errors };
  return {
    ok: true,
    value: {
      originalPaymentReference: original!,
      payerPaymentReference: typeof reference === 'string' ? reference : null,
      callbackUrl: body.callbackUrl as string,
      payerAlias: payerAlias!,
      payeeAlias: typeof payeeAlias === 'string' ? payeeAlias : null,
      amountOre: amount as number,
      currency: 'SEK',
      message: typeof message === 'string' ? message : null,
      callbackIdentifier: optionalString(body.callbackIdentifier),
    },
  };
}

/** öre, or the code Swish gives: PA02 not a string of the documented form, AM06 nothing to pay, AM02 too large. */
function checkAmount(value: unknown): number | 'PA02' | 'AM02' | 'AM06' {
  if (typeof value !== 'string' || !AMOUNT.test(value)) return 'PA02';
  if (value.split('.')[0]!.replace(/^0+(?=\d)/, '').length > MAX_INTEGER_DIGITS) return 'AM02';
  const ore = swishAmountToOre(value);
  if (ore === null) return 'PA02';
  if (ore < 1) return 'AM06';
  return ore;
}

/**
 * Swish wants an HTTPS callback URL (RP03). The one deviation: http://localhost and
 * http://127.0.0.1 (and [::1]) are accepted too, so the demo and the tests can receive callbacks
 * without a TLS certificate of their own. Swish itself never calls a plain-HTTP URL.
 */
export function isCallbackUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]' || hostname === '::1';
}

/** The MSS trick: a message that is exactly an error code asks for that error (see error-codes.ts). */
function simulatedError(message: unknown): SwishErrorCode | undefined {
  return SIMULATED_AT_CREATE.find((code) => code === message);
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
