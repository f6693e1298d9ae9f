import type { Queryable } from '../store/database.js';
import { scheduleJob, type JobLog } from './schedule.js';

/** A BankID order lives at most a few minutes and a login binding 15; an hour leaves a margin. */
const LOGIN_BINDING_HOURS = 1;

/**
 * Deletes sessions past their idle or absolute expiry, and what BankID orders leave behind once
 * no one can use it any more — login bindings (a SAML broker's answer waits on its login's, naming the
 * person), the orders themselves (their completion names the
 * person), signings (their answers wait there until signed; a signed case keeps its own copy
 * and its signature) and the Idempotency-Keys of signing starts (they name the person) — so that
 * who logged in or signed when is not kept longer than needed. Also the rate limits' counters of
 * windows that have ended (they stand for an address), which requests sweep only while they come.
 * Returns how many rows went.
 */
export async function deleteExpiredSessions(db: Queryable, now: Date): Promise<number> {
  const sessions = await db.query('DELETE FROM sessions WHERE idle_expires_at <= $1 OR absolute_expires_at <= $1 RETURNING 1', [now.toISOString()]);
  const spent = new Date(now.getTime() - LOGIN_BINDING_HOURS * 3_600_000).toISOString();
  let deleted = sessions.rows.length;
  for (const table of ['eid_logins', 'oidc_logins', 'saml_logins', 'bankid_orders', 'signings', 'signing_keys']) {
    deleted += (await db.query(`DELETE FROM ${table} WHERE created_at <= $1 RETURNING 1`, [spent])).rows.length;
  }
  deleted += (await db.query('DELETE FROM rate_limits WHERE reset_at <= $1 RETURNING 1', [now.toISOString()])).rows.length;
  return deleted;
}

export function startSessionCleanup(db: Queryable, log: JobLog, now: () => Date = () => new Date()): { stop(): void } {
  return scheduleJob('session-cleanup', 10 * 60_000, () => deleteExpiredSessions(db, now()), log);
}
