import { queueNotification } from '../notify/notifications.js';
import type { Queryable } from '../store/database.js';
import { CASE_SUBMITTED } from '../webhooks/deliveries.js';

/**
 * The transactional outbox: what the citizen and the municipality are told when a case is sent
 * is written in the same transaction as the case's new status — the receipt and the webhook
 * delivery are stored with the case or not at all, and no job has to find new cases afterwards.
 * The workers (server/jobs/outbox-worker.ts) send the rows on every instance.
 */
export interface CaseSentOutbox {
  /** The municipalities with a webhook (WEBHOOKS): a delivery is queued for their cases only. */
  readonly webhookMunicipalities: ReadonlySet<string>;
}

export const NO_WEBHOOKS: CaseSentOutbox = { webhookMunicipalities: new Set() };

export function caseSentOutbox(webhooks: readonly { municipalityId: string }[]): CaseSentOutbox {
  return { webhookMunicipalities: new Set(webhooks.map((hook) => hook.municipalityId)) };
}

/** In the transaction that makes the case sent: its receipt, and its webhook delivery where there is a webhook. */
export async function queueCaseSent(tx: Queryable, caseId: string, now: Date, outbox: CaseSentOutbox): Promise<void> {
  await queueNotification(tx, caseId, 'receipt', `receipt:${caseId}`, now);
  if (outbox.webhookMunicipalities.size === 0) return;
  await tx.query(
    `INSERT INTO webhook_deliveries (case_id, event, municipality_id, next_attempt_at, created_at)
     SELECT id, $2, municipality_id, $3, $3 FROM cases WHERE id = $1 AND municipality_id = ANY($4)
     ON CONFLICT DO NOTHING`,
    [caseId, CASE_SUBMITTED, now.toISOString(), [...outbox.webhookMunicipalities]],
  );
}
