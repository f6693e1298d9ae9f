import { NOTIFICATION_COLUMNS, notificationRow, queueNotification, type HeldCase } from '../notify/notifications.js';
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

/** Adds a value to the parameters of the statement being built and returns its placeholder ($n). */
export type Bind = (value: unknown) => string;

/**
 * queueCaseSent's rows for a case being made, as parts (`name AS (…)`) of the statement that numbers it: written
 * from the case the server holds, not read back, so they cost the case no round trip of their own. `numbered`
 * names the statement's query of the case's id and case_number; the texts are made with `held.caseNumber`, a
 * stand-in that the statement replaces with the number.
 */
export async function caseSentParts(
  db: Queryable, held: HeldCase, now: Date, outbox: CaseSentOutbox, bind: Bind, numbered: string,
): Promise<string[]> {
  const [id, , eventKey, kind, channel, recipient, subject, body, nextAttemptAt, createdAt] =
    await notificationRow(db, held, 'receipt', `receipt:${held.id}`, now);
  const standIn = bind(held.caseNumber);
  const parts = [`receipt AS (
     INSERT INTO notifications (${NOTIFICATION_COLUMNS})
     SELECT ${bind(id)}::uuid, id, ${bind(eventKey)}, ${bind(kind)}, ${bind(channel)}, ${bind(recipient)},
            replace(${bind(subject)}, ${standIn}, case_number), replace(${bind(body)}, ${standIn}, case_number),
            ${bind(nextAttemptAt)}::timestamptz, ${bind(createdAt)}::timestamptz
       FROM ${numbered}
     ON CONFLICT (event_key) DO NOTHING)`];
  const municipality = held.definition.municipality.id;
  if (outbox.webhookMunicipalities.has(municipality)) {
    const at = bind(now.toISOString());
    parts.push(`webhook AS (
     INSERT INTO webhook_deliveries (case_id, event, municipality_id, next_attempt_at, created_at)
     SELECT id, ${bind(CASE_SUBMITTED)}, ${bind(municipality)}, ${at}::timestamptz, ${at}::timestamptz FROM ${numbered}
     ON CONFLICT DO NOTHING)`);
  }
  return parts;
}
