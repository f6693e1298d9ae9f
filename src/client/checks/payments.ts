import * as v from 'valibot';
import type { CasePayment, PaymentStatus } from '../../contract/payments.js';
import { check } from './check.js';
import { LocalizedText } from './text.js';

/**
 * Paying for a case (src/contract/payments.ts): an attempt as the browser follows it, and the payment part
 * of a receipt. The receipt's own check (cases.ts) passes `payment` on unread, so that the e-services that
 * charge nothing do not carry this; the payment step checks it here before it reads it.
 */
const ore = v.pipe(v.number(), v.integer());
const method = v.picklist(['card', 'swish']);

const FeeDue = v.looseObject({
  lines: v.array(v.looseObject({ text: LocalizedText, count: ore, unitAmount: ore, amount: ore })),
  amount: ore,
  vatAmount: ore,
  vatPercent: v.number(),
  currency: v.literal('SEK'),
});

export const CasePaymentCheck = check<CasePayment>(v.looseObject({
  state: v.picklist(['due', 'afterCosigning', 'paid']),
  fee: FeeDue,
  methods: v.array(method),
  paidAt: v.optional(v.string()),
  paymentReference: v.optional(v.string()),
  instrument: v.optional(v.string()),
  refunded: v.optional(ore),
}));

export const PaymentStatusCheck = check<PaymentStatus>(v.looseObject({
  paymentId: v.string(),
  caseId: v.string(),
  method,
  state: v.picklist(['pending', 'paid', 'declined', 'timedOut', 'cancelled', 'failed']),
  amount: ore,
  redirectUrl: v.optional(v.string()),
  swishToken: v.optional(v.string()),
  errorCode: v.optional(v.string()),
}));
