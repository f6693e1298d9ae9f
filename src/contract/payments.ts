import * as z from 'zod/mini';
import { SWISH_MOBILE } from './patterns.js';
import { LocalizedText } from './text.js';

/**
 * Paying for a case (e-services with a `fee`). The case is made first, status awaitingPayment, and sent
 * to the municipality only once the provider says it is paid. The browser starts a payment
 * (POST /api/cases/{caseId}/payments), sends the citizen to the provider's card page or to Swish, and
 * follows the payment (GET /api/payments/{paymentId}) until it is paid or ends otherwise; each
 * failed attempt may be followed by another. Amounts are whole öre (20000 = 200,00 kr).
 */
export const PAYMENT_METHODS = ['card', 'swish'] as const;
export const PaymentMethod = z.enum(PAYMENT_METHODS);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** An attempt's state: see server/payments/provider.ts for what each provider's own states become. */
export const PAYMENT_STATES = ['pending', 'paid', 'declined', 'timedOut', 'cancelled', 'failed'] as const;
export const PaymentState = z.enum(PAYMENT_STATES);
export type PaymentState = z.infer<typeof PaymentState>;

const ore = z.int().check(z.gte(0));

export const ChargedLine = z.object({ text: LocalizedText, count: z.int().check(z.gte(1)), unitAmount: ore, amount: ore });

/** What the case costs, line by line, as the server worked it out from the answers. */
export const FeeDue = z.object({
  lines: z.array(ChargedLine),
  amount: ore,
  vatAmount: ore,
  vatPercent: z.number(),
  currency: z.literal('SEK'),
});
export type FeeDue = z.infer<typeof FeeDue>;

/** A case's payment as its receipt and Mina sidor show it. */
export const CasePayment = z.object({
  /**
   * `due`: not paid yet (the case is not sent); `afterCosigning`: due once everyone has signed (flerpartssignering:
   * the others sign first, so that nobody pays for a case that is never sent); `paid`: the case went to the municipality.
   */
  state: z.enum(['due', 'afterCosigning', 'paid']),
  fee: FeeDue,
  methods: z.array(PaymentMethod),
  paidAt: z.optional(z.string()),
  /** The provider's reference for the money (on the receipt, for questions to the municipality). */
  paymentReference: z.optional(z.string()),
  /** What it was paid with, as the provider names it ("Visa", "Swish"). */
  instrument: z.optional(z.string()),
  /** Given back by the municipality, öre. */
  refunded: z.optional(ore),
});
export type CasePayment = z.infer<typeof CasePayment>;

/** Swedish mobile numbers as Swish takes them; in patterns.ts, so that the browser checks them without zod. */
export { SWISH_MOBILE };

export const StartPaymentRequest = z.object({
  method: PaymentMethod,
  /** The page to come back to from the provider's card page (an allowed origin's). */
  returnUrl: z.url({ protocol: /^https?$/ }),
  /** Swish on another device: the payer's mobile number; without it, this device's app or a QR code. */
  payerMobile: z.optional(z.string().check(z.regex(SWISH_MOBILE))),
});
export type StartPaymentRequest = z.infer<typeof StartPaymentRequest>;

/** An attempt as the browser follows it. */
export const PaymentStatus = z.object({
  paymentId: z.string(),
  caseId: z.string(),
  method: PaymentMethod,
  state: PaymentState,
  amount: ore,
  /** Card: the provider's page to go to while pending. */
  redirectUrl: z.optional(z.string()),
  /** Swish on this device or another: the token to open the app with or to show as a QR code. */
  swishToken: z.optional(z.string()),
  /** The provider's code for why it did not go through (Swish TM01, RF07, …). */
  errorCode: z.optional(z.string()),
});
export type PaymentStatus = z.infer<typeof PaymentStatus>;
