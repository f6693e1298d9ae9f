import { runCosignDeadlines } from '../cosigning/deadline.js';
import type { Database } from '../store/database.js';
import { lease } from './lease.js';
import { scheduleJob, type JobLog } from './schedule.js';

export const COSIGN_DEADLINE_INTERVAL_MS = 10 * 60_000;

/**
 * Reminders a week before a cosigning deadline, and cases past it made cosignExpired
 * (server/cosigning/deadline.ts), on one server instance at a time (lease `cosign-deadline`).
 */
export function startCosignDeadline(
  db: Database, log: JobLog,
  options: { cosignUrl: string; intervalMs?: number; now?: () => Date; holder?: string },
): { stop(): Promise<void> } {
  const now = options.now ?? (() => new Date());
  const intervalMs = options.intervalMs ?? COSIGN_DEADLINE_INTERVAL_MS;
  const held = lease(db, 'cosign-deadline', { holder: options.holder, ttlMs: intervalMs + 10 * 60_000, now });
  const job = scheduleJob('cosign-deadline', intervalMs, () => held.run(() => runCosignDeadlines(db, now(), options.cosignUrl)), log, 'changed');
  return {
    async stop() {
      job.stop();
      await held.release().catch(() => {});
    },
  };
}
