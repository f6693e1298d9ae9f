import { cosignerRecipient, queueNotification } from '../notify/notifications.js';
import { cosignEndText } from '../notify/texts.js';
import { changeStatus } from '../services/case-status.js';
import type { Database } from '../store/database.js';
import { queueInvitation } from './invitations.js';

const BATCH = 100;
const REMINDER_DAYS = 7;

/**
 * One run of the cosigning deadline job: a reminder to each cosigner who has not signed a week
 * before the deadline (once: reminded_at), and each case whose deadline has passed with someone
 * still to sign becomes cosignExpired — the applicant and every cosigner are told. Each case is
 * changed in its own transaction with the case row locked, so a signature that arrives at the
 * same moment either wins (the case is sent) or finds the case expired. Returns how many went.
 */
export async function runCosignDeadlines(db: Database, now: Date, cosignUrl: string): Promise<number> {
  const at = now.toISOString();
  const { rows: due } = await db.query<{ id: string; case_id: string; applicant_name: string; deadline: Date | string; invite_channel: 'email' | 'sms' | null; invite_to: string | null }>(
    `SELECT r.id, r.case_id, r.applicant_name, r.deadline, r.invite_channel, r.invite_to
       FROM cosign_requests r JOIN cases c ON c.id = r.case_id
      WHERE r.status = 'pending' AND r.reminded_at IS NULL AND c.status = 'awaitingCosign'
        AND r.deadline > $1 AND r.deadline - interval '${REMINDER_DAYS} days' <= $1
        AND r.created_at < r.deadline - interval '${REMINDER_DAYS} days'
      ORDER BY r.deadline LIMIT ${BATCH}`, [at]);
  for (const request of due) {
    await db.transaction(async (tx) => {
      const { rows } = await tx.query('UPDATE cosign_requests SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL RETURNING id', [request.id, at]);
      if (rows.length === 0) return;
      const recipient = request.invite_channel && request.invite_to ? { channel: request.invite_channel, to: request.invite_to } : undefined;
      await queueInvitation(tx, {
        caseId: request.case_id, requestId: request.id, recipient, askedBy: request.applicant_name,
        // No token: the reminder leads to the page, where the person logs in and finds the request.
        link: cosignUrl, deadline: new Date(request.deadline), reminder: true, eventKey: `cosignReminder:${request.id}`,
      }, now);
    });
  }

  // Without a parallel plan: the planner cannot know that pending requests all have deadlines to come, expects a
  // thousand due at a million cases, and started a worker (70 ms of every run, bench -- data) to find none.
  const { rows: expired } = await db.transaction(async (tx) => {
    await tx.query('SET LOCAL max_parallel_workers_per_gather = 0');
    return tx.query<{ case_id: string }>(
      `SELECT DISTINCT r.case_id FROM cosign_requests r JOIN cases c ON c.id = r.case_id
        WHERE r.status = 'pending' AND r.deadline <= $1 AND c.status = 'awaitingCosign' LIMIT ${BATCH}`, [at]);
  });
  let count = due.length;
  for (const { case_id: caseId } of expired) {
    const done = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ status: string }>('SELECT status FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
      if (rows[0]?.status !== 'awaitingCosign') return false;
      await changeStatus(tx, caseId, 'cosignExpired', 'system', now);
      await tx.query(`UPDATE cosign_requests SET status = 'expired' WHERE case_id = $1 AND status = 'pending'`, [caseId]);
      await queueNotification(tx, caseId, 'cosignExpired', `cosignExpired:${caseId}`, now, {
        text: (definition, lang) => cosignEndText('cosignExpired', definition, true, lang),
      });
      const { rows: requests } = await tx.query<{ id: string; personal_number: string; invite_channel: 'email' | 'sms' | null; invite_to: string | null }>(
        'SELECT id, personal_number, invite_channel, invite_to FROM cosign_requests WHERE case_id = $1', [caseId]);
      for (const request of requests) {
        const recipient = await cosignerRecipient(tx, request.personal_number, { channel: request.invite_channel, to: request.invite_to });
        await queueNotification(tx, caseId, 'cosignExpired', `cosignExpired:${caseId}:${request.id}`, now, {
          recipient, text: (definition, lang) => cosignEndText('cosignExpired', definition, false, lang),
        });
      }
      return true;
    });
    if (done) count += 1;
  }
  return count + await deleteUnsent(db, now);
}

/**
 * Gallring of cases that were never sent (cosignExpired, cosignDeclined): kept for the applicant to
 * copy as long as a draft of the e-service is (`retention.draftDays` after the case ended), then
 * deleted with everything of theirs (ON DELETE CASCADE: requests, signatures, files, notifications).
 */
async function deleteUnsent(db: Database, now: Date): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT c.id FROM cases c
       JOIN service_definitions d ON d.service_id = c.service_id AND d.version = c.service_version
      WHERE c.status IN ('cosignExpired', 'cosignDeclined')
        AND c.updated_at + make_interval(days => (d.definition->'retention'->>'draftDays')::int) <= $1
      LIMIT ${BATCH}`, [now.toISOString()]);
  if (rows.length === 0) return 0;
  const ids = rows.map((row) => row.id);
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM attachments WHERE case_id = ANY($1) OR message_for_case_id = ANY($1)', [ids]);
    await tx.query('DELETE FROM cases WHERE id = ANY($1)', [ids]);
  });
  return ids.length;
}
