import type { Queryable } from '../store/database.js';
import { scheduleJob, type JobLog } from './schedule.js';

/** A login binding is of use for the 15 minutes a BankID order can live; an hour leaves a margin. */
const LOGIN_BINDING_HOURS = 1;

/**
 * Deletes sessions past their idle or absolute expiry and login bindings that no one can use
 * any more, so that who logged in when is not kept longer than needed. Returns how many rows went.
 */
export async function deleteExpiredSessions(db: Queryable, now: Date): Promise<number> {
  const sessions = await db.query('DELETE FROM sessions WHERE idle_expires_at <= $1 OR absolute_expires_at <= $1 RETURNING 1', [now.toISOString()]);
  const bindings = await db.query('DELETE FROM eid_logins WHERE created_at <= $1 RETURNING 1', [
    new Date(now.getTime() - LOGIN_BINDING_HOURS * 3_600_000).toISOString(),
  ]);
  return sessions.rows.length + bindings.rows.length;
}

export function startSessionCleanup(db: Queryable, log: JobLog, now: () => Date = () => new Date()): { stop(): void } {
  return scheduleJob('session-cleanup', 10 * 60_000, () => deleteExpiredSessions(db, now()), log);
}
