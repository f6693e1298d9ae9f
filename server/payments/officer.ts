import * as z from 'zod/mini';
import { FeeDue, PaymentMethod } from '../../src/contract/payments.js';
import { storableText } from '../../src/contract/storable.js';
import type { Queryable } from '../store/database.js';

/**
 * The payment of a case as the municipality's case system sees it (GET /api/officer/cases/{id}) and gives
 * money back (POST /api/officer/cases/{id}/refunds). Amounts in öre.
 */
export const OfficerRefund = z.object({
  id: z.string(),
  amount: z.int(),
  vatAmount: z.int(),
  state: z.enum(['pending', 'refunded', 'failed']),
  reason: z.nullable(z.string()),
  /** 'officer': asked for through this API; 'system': a second payment of a case already paid, given back in full. */
  requestedBy: z.enum(['officer', 'system']),
  at: z.string(),
});

export const OfficerPayment = z.object({
  /** What the case costs, as worked out from its answers. */
  fee: FeeDue,
  /** The attempts the provider took money for: the case's payment and any duplicate (given back). */
  payments: z.array(z.object({
    id: z.string(),
    provider: z.enum(['swedbank-pay', 'swish']),
    method: PaymentMethod,
    state: z.enum(['paid', 'duplicate']),
    amount: z.int(),
    vatAmount: z.int(),
    currency: z.string(),
    paidAt: z.string(),
    paymentReference: z.nullable(z.string()),
    instrument: z.nullable(z.string()),
    refunds: z.array(OfficerRefund),
  })),
});
export type OfficerPayment = z.infer<typeof OfficerPayment>;

export const OfficerRefundRequest = z.object({
  /** Öre; the whole amount left to give back when left out. */
  amount: z.optional(z.int().check(z.gte(1))),
  /** Why, for the municipality's books (not sent to the citizen). */
  reason: storableText().check(z.minLength(1), z.maxLength(500)),
});
export type OfficerRefundRequest = z.infer<typeof OfficerRefundRequest>;

/** The case's payment for the officer API; undefined for a case that costs nothing. */
export async function officerPayment(db: Queryable, caseId: string): Promise<OfficerPayment | undefined> {
  const { rows: cases } = await db.query<{ fee: z.infer<typeof FeeDue> | null }>('SELECT fee FROM cases WHERE id = $1', [caseId]);
  const fee = cases[0]?.fee;
  if (!fee) return undefined;
  const { rows } = await db.query<{
    id: string; provider: 'swedbank-pay' | 'swish'; method: 'card' | 'swish'; state: 'paid' | 'duplicate'; amount: number; vat_amount: number;
    currency: string; paid_at: Date | string; payment_reference: string | null; instrument: string | null;
  }>(`SELECT id, provider, method, state, amount, vat_amount, currency, paid_at, payment_reference, instrument
        FROM payments WHERE case_id = $1 AND state IN ('paid', 'duplicate') ORDER BY paid_at`, [caseId]);
  const { rows: refunds } = await db.query<{
    id: string; payment_id: string; amount: number; vat_amount: number; state: 'pending' | 'refunded' | 'failed'; reason: string | null;
    requested_by: 'officer' | 'system'; created_at: Date | string;
  }>(`SELECT r.id, r.payment_id, r.amount, r.vat_amount, r.state, r.reason, r.requested_by, r.created_at
        FROM payment_refunds r JOIN payments p ON p.id = r.payment_id WHERE p.case_id = $1 ORDER BY r.created_at`, [caseId]);
  return {
    fee,
    payments: rows.map((row) => ({
      id: row.id, provider: row.provider, method: row.method, state: row.state, amount: row.amount, vatAmount: row.vat_amount,
      currency: row.currency, paidAt: new Date(row.paid_at).toISOString(), paymentReference: row.payment_reference, instrument: row.instrument,
      refunds: refunds.filter((refund) => refund.payment_id === row.id).map((refund) => ({
        id: refund.id, amount: refund.amount, vatAmount: refund.vat_amount, state: refund.state, reason: refund.reason,
        requestedBy: refund.requested_by, at: new Date(refund.created_at).toISOString(),
      })),
    })),
  };
}
