import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { CasePayment, FeeDue } from '../../src/contract/payments.js';

/**
 * A case's paid attempt, as one JSON column of a query over `cases` aliased `alias` (null when unpaid):
 * read with the case in the same statement by the receipt, Mina sidor and the officer API.
 */
export function paidPaymentSql(alias: string): string {
  return `(SELECT json_build_object('paidAt', p.paid_at, 'paymentReference', p.payment_reference, 'instrument', p.instrument,
            'refunded', (SELECT COALESCE(sum(r.amount), 0) FROM payment_refunds r WHERE r.payment_id = p.id AND r.state = 'refunded'))
     FROM payments p WHERE p.case_id = ${alias}.id AND p.state = 'paid')`;
}

export interface PaidPayment {
  paidAt: string;
  paymentReference: string | null;
  instrument: string | null;
  refunded: number | string;
}

/** The payment part of a receipt or a case view: due while unpaid, paid with when and how; none for a free case. */
export function casePayment(
  definition: Pick<ServiceDefinition, 'fee'>, fee: FeeDue | null, paid: PaidPayment | null, status: string,
): CasePayment | undefined {
  if (!fee) return undefined;
  const methods = definition.fee?.methods ?? ['card', 'swish'];
  // Unpaid, it is due only while the case waits for it (or, after the others sign, will): one never sent — not
  // signed in time, declined, closed unpaid — has nothing to pay.
  if (!paid) {
    if (status === 'awaitingPayment') return { state: 'due', fee, methods };
    return status === 'awaitingCosign' ? { state: 'afterCosigning', fee, methods } : undefined;
  }
  const refunded = Number(paid.refunded);
  return {
    state: 'paid', fee, methods, paidAt: new Date(paid.paidAt).toISOString(),
    ...(paid.paymentReference ? { paymentReference: paid.paymentReference } : {}),
    ...(paid.instrument ? { instrument: paid.instrument } : {}),
    ...(refunded > 0 ? { refunded } : {}),
  };
}
