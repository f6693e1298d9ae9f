import type { AttachmentBlobStore } from '../attachments/store.js';
import type { Database } from '../store/database.js';
import { lease } from './lease.js';
import { scheduleJob, type JobLog } from './schedule.js';

/** Sent notifications (with their addresses) are kept this long, for questions about delivery. */
export const NOTIFICATION_DAYS = 30;
const BATCH = 500;

/**
 * Gallring: deletes what the e-services' retention says may go, and nothing earlier —
 * drafts past their expires_at, and closed cases once `retention.closedCaseDays` (of the
 * definition version the case was filled against) have passed since the case was closed, and cases
 * never paid once its `draftDays` have passed since they were last touched. A
 * case's attachments and their bytes, messages, signatures, status history, idempotency key,
 * webhook deliveries and notifications go with it (ON DELETE CASCADE). Also old sent
 * notifications. Each part reads through an index only what is due (migration 012), so an hourly
 * run costs the same with a thousand cases as with millions. Returns how many drafts and cases went.
 */
export async function runRetention(db: Database, now: Date, blobs?: AttachmentBlobStore): Promise<number> {
  const drafts = await db.query('DELETE FROM drafts WHERE expires_at <= $1 RETURNING 1', [now.toISOString()]);
  // Per e-service version, through the index cases_closed: the exact test (calendar days in the session's
  // time zone, as ever) and a looser one the index can answer — a day later covers any daylight-saving
  // shift — so that only the closed cases due or nearly so are read, not every closed case.
  const { rows: expired } = await db.query<{ id: string }>(
    `SELECT c.id FROM service_definitions d
       CROSS JOIN LATERAL make_interval(days => (d.definition->'retention'->>'closedCaseDays')::int) AS kept(days)
       CROSS JOIN LATERAL (
         SELECT c.id FROM cases c
          WHERE c.service_id = d.service_id AND c.service_version = d.version AND c.status = 'closed'
            AND c.closed_at + kept.days <= $1
            AND c.closed_at <= $1::timestamptz - kept.days + interval '1 day'
          LIMIT ${BATCH}) c
      LIMIT ${BATCH}`,
    [now.toISOString()],
  );
  // Never paid: kept as long as a draft (the e-service's draftDays since it was last touched), while no attempt is open.
  const { rows: unpaid } = await db.query<{ id: string }>(
    `SELECT c.id FROM service_definitions d
       CROSS JOIN LATERAL make_interval(days => (d.definition->'retention'->>'draftDays')::int) AS kept(days)
       CROSS JOIN LATERAL (
         SELECT c.id FROM cases c
          WHERE c.service_id = d.service_id AND c.service_version = d.version AND c.status = 'awaitingPayment'
            AND c.updated_at + kept.days <= $1
            AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.case_id = c.id AND p.state IN ('starting', 'pending'))
          LIMIT ${BATCH}) c
      LIMIT ${BATCH}`,
    [now.toISOString()],
  );
  const ids = [...expired, ...unpaid].map((row) => row.id);
  let attachmentIds: string[] = [];
  if (ids.length > 0) {
    attachmentIds = await db.transaction(async (tx) => {
      const files = await tx.query<{ id: string }>('DELETE FROM attachments WHERE case_id = ANY($1) OR message_for_case_id = ANY($1) RETURNING id', [ids]);
      await tx.query('DELETE FROM cases WHERE id = ANY($1)', [ids]);
      return files.rows.map((row) => row.id);
    });
  }
  // Bytes in another store than the database are told about once their rows are gone.
  if (blobs) for (const id of attachmentIds) await blobs.delete(id);
  await db.query('DELETE FROM notifications WHERE next_attempt_at IS NULL AND created_at <= $1',
    [new Date(now.getTime() - NOTIFICATION_DAYS * 86_400_000).toISOString()]);
  return drafts.rows.length + ids.length;
}

/**
 * Runs the retention job at start and then every interval, on one server instance at a time:
 * the lease `retention` is held as long as the holder keeps running it, and free for another
 * instance once it has expired.
 */
export function startRetention(
  db: Database, log: JobLog,
  options: { intervalMinutes: number; now?: () => Date; holder?: string; blobs?: AttachmentBlobStore },
): { stop(): Promise<void> } {
  const now = options.now ?? (() => new Date());
  const intervalMs = options.intervalMinutes * 60_000;
  const held = lease(db, 'retention', { holder: options.holder, ttlMs: intervalMs + 10 * 60_000, now });
  const job = scheduleJob('retention', intervalMs, () => held.run(() => runRetention(db, now(), options.blobs)), log);
  return {
    async stop() {
      job.stop();
      await held.release().catch(() => {});
    },
  };
}
