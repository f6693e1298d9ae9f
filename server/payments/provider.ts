import type { Language } from '../../src/contract/text.js';

/**
 * One interface for every payment provider (Swedbank Pay's Payment Order API, Swish for merchants),
 * so the payment service never knows which one a municipality uses. A provider's word is read back
 * from it (`read`) before anything is believed: never the browser's return, never a callback's body.
 * Amounts are whole öre (1 kr = 100), as both providers count them on the wire or convert exactly.
 */

/** How the citizen pays: card (the provider's own card page), or Swish. */
export type PaymentMethod = 'card' | 'swish';

/**
 * A payment as the provider reads it, in the kit's words:
 * - `pending`: started, the citizen has not finished (Swedbank Pay Initialized, Swish CREATED);
 * - `paid`: the money is taken, or for a card reserved and ready to capture (Paid / PAID);
 * - `declined`: the card or the bank said no, or the payer declined in the Swish app (Failed / DECLINED);
 * - `timedOut`: nobody answered in time (Swish ERROR TM01 after three minutes; an expired payment order);
 * - `cancelled`: the citizen or the municipality stopped it (Cancelled, Aborted / CANCELLED);
 * - `failed`: anything else the provider calls an error (Swish ERROR with another code).
 */
export type PaymentState = 'pending' | 'paid' | 'declined' | 'timedOut' | 'cancelled' | 'failed';

export interface PaymentOrder {
  /**
   * Ours and unique per attempt: Swedbank Pay's `payeeInfo.payeeReference`, Swish's `payeePaymentReference`.
   * At most 30 characters, letters and digits only (what both accept, for captures and reversals too).
   */
  reference: string;
  /** What is charged, in öre, VAT included. */
  amount: number;
  /** The VAT of `amount`, in öre. */
  vatAmount: number;
  currency: 'SEK';
  /** What the citizen sees at the provider and on the statement: at most 40 characters (Swedbank Pay), 50 (Swish). */
  description: string;
  /** The case's number, for the municipality's books (Swedbank Pay's `orderReference`). */
  orderReference: string;
  lang: Language;
  urls: {
    /** Where the provider sends the citizen back when paid (Swedbank Pay `completeUrl`; Swish's app `callbackurl`). */
    complete: string;
    /** Where the citizen comes back after cancelling at the provider (Swedbank Pay `cancelUrl`). */
    cancel: string;
    /** Where the provider tells the server that something happened (its body is never believed: the server reads back). */
    callback: string;
    /** The pages the provider's page may be embedded in or return to (Swedbank Pay `hostUrls`). */
    host: string[];
  };
  /** Swish to another device: the payer's mobile number (46701234567); the request goes to their app. */
  payerAlias?: string;
  /** The payer's browser (its User-Agent), which Swedbank Pay asks for to judge the payment's risk. */
  payerUserAgent?: string;
}

export interface StartedPayment {
  /** The provider's own id of the payment (Swedbank Pay: the payment order's id path; Swish: the request's id). */
  providerRef: string;
  /** Card: the provider's payment page to send the citizen to (Swedbank Pay's `redirect-checkout`). */
  redirectUrl?: string;
  /**
   * Swish on this device or as a QR code for another: the payment request's token. This device opens
   * `swish://paymentrequest?token=<token>&callbackurl=<complete>`; another scans it as a QR code (`D<token>`).
   */
  swishToken?: string;
}

export interface PaymentReading {
  state: PaymentState;
  /** What the provider says is paid (or reserved), in öre; 0 while pending. */
  amount: number;
  currency: string;
  paidAt?: Date;
  /** What the citizen paid with, as the provider names it ("CreditCard", "Swish"). */
  instrument?: string;
  /** The provider's reference for the money (Swish's `paymentReference`, Swedbank Pay's payment order number): on the receipt and for refunds. */
  paymentReference?: string;
  /** The provider's own error code, when it has one (Swish: TM01, RF07, BANKIDCL…). */
  errorCode?: string;
}

export interface RefundRequest {
  /** In öre; at most what was paid less what was refunded before. */
  amount: number;
  vatAmount: number;
  /** Ours, unique per refund (letters and digits, ≤ 30). */
  reference: string;
  description: string;
  /** Swish tells about a refund there. */
  callbackUrl: string;
}

export interface RefundReading {
  state: 'pending' | 'refunded' | 'failed';
  /** The provider's id of the refund. */
  providerRef: string;
  errorCode?: string;
}

export interface PaymentProvider {
  readonly id: 'swedbank-pay' | 'swish';
  /** Starts a payment at the provider for one attempt. Throws PaymentProviderError when the provider refuses. */
  start(order: PaymentOrder): Promise<StartedPayment>;
  /** The provider's own word on a payment: the only thing the payment service believes. */
  read(providerRef: string): Promise<PaymentReading>;
  /**
   * Takes money that is only reserved (Swedbank Pay's card payments: POST …/captures); Swish's PAID is taken
   * already, so there it does nothing. Asking twice with the same reference takes it once.
   */
  capture(providerRef: string, capture: { amount: number; vatAmount: number; reference: string; description: string }): Promise<void>;
  /** Gives back the whole or a part of a paid payment (Swedbank Pay reversal, Swish refund). */
  refund(providerRef: string, refund: RefundRequest): Promise<RefundReading>;
  /**
   * A refund the provider answered as on its way (`pending`), read again: Swish pays refunds after a while, and
   * Swedbank Pay lists some reversals only once done. `reference` is ours, `refundRef` what `refund` answered.
   */
  readRefund(providerRef: string, refund: { reference: string; refundRef: string }): Promise<RefundReading>;
  /** A started payment nobody will finish: the provider stops waiting for it (Swish cancels a CREATED request; Swedbank Pay aborts). */
  abort(providerRef: string): Promise<void>;
}

/** The provider refused or could not be reached; `code` is its own error code when it gave one. */
export class PaymentProviderError extends Error {
  constructor(message: string, readonly status?: number, readonly code?: string) {
    super(message);
    this.name = 'PaymentProviderError';
  }
}
