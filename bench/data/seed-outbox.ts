import type { Queryable } from '../../server/store/database.js';
import { MUNICIPALITY, PENDING } from './shape.js';

/**
 * The outbox as a running server leaves it: a sent receipt for each case sent in the last 30 days (older
 * ones retention deleted) and a notice for each closed one, a few e-mails due now; a delivered webhook
 * for each sent case of the municipality with a webhook, the newest few due now.
 */
export async function seedOutbox(db: Queryable, now: Date): Promise<void> {
  await db.query(`INSERT INTO notifications (id, case_id, event_key, kind, channel, recipient, subject, body, attempts, next_attempt_at, sent_at, created_at)
    SELECT md5('receipt' || g)::uuid, id, 'receipt:' || id, 'receipt', CASE WHEN g % 4 = 0 THEN 'none' ELSE 'email' END,
           CASE WHEN g % 4 <> 0 THEN 'person' || g || '@example.com' END, 'Vi har tagit emot ditt ärende', 'Ärendet har nummer ' || g || '.',
           1, NULL::timestamptz, submitted_at, submitted_at
      FROM seed_cases WHERE submitted_at > $1::timestamptz - interval '30 days' AND status NOT IN ('awaitingCosign', 'cosignExpired')
    UNION ALL
    SELECT md5('closed' || g)::uuid, id, 'status:' || id || ':closed', 'status', 'email', 'person' || g || '@example.com',
           'Ditt ärende har fått ny status', 'Logga in på Mina sidor.', 1, NULL, closed_at, closed_at
      FROM seed_cases WHERE closed_at > $1::timestamptz - interval '30 days'`, [now.toISOString()]);
  await db.query(`UPDATE notifications SET next_attempt_at = $1, sent_at = NULL, attempts = 0, channel = 'email', recipient = 'pending@example.com'
    WHERE event_key IN (SELECT 'receipt:' || id FROM seed_cases ORDER BY g LIMIT ${PENDING.notifications})`, [now.toISOString()]);
  await db.query(`INSERT INTO webhook_deliveries (case_id, event, municipality_id, attempts, next_attempt_at, delivered_at, last_status, created_at)
    SELECT id, 'case.submitted', municipality_id, CASE WHEN g <= ${PENDING.webhookDeliveries} THEN 0 ELSE 1 END,
           CASE WHEN g <= ${PENDING.webhookDeliveries} THEN $1::timestamptz END,
           CASE WHEN g > ${PENDING.webhookDeliveries} THEN submitted_at END, CASE WHEN g > ${PENDING.webhookDeliveries} THEN 204 END, submitted_at
      FROM seed_cases WHERE municipality_id = '${MUNICIPALITY}' AND status NOT IN ('awaitingCosign', 'cosignExpired')`, [now.toISOString()]);
}
