import type { Mailer, SmsSender } from '../notify/channels.js';
import { NOTIFY_BATCH, queueReceipts, sendDueBatch } from '../notify/notifications.js';
import type { Queryable } from '../store/database.js';
import { startOutboxWorker, type OutboxWorker } from './outbox-worker.js';
import type { JobLog } from './schedule.js';

/** How long a worker with nothing to send waits before it looks again. */
export const NOTIFY_IDLE_MS = 1_000;

/**
 * Sends the outbox's e-mail and SMS (receipts, notices, invitations) on this instance, beside every
 * other instance's worker: each notification goes once, whichever claims it.
 */
export function startNotifyDelivery(
  db: Queryable, log: JobLog & { warn(object: object, message: string): void },
  options: { mailer: Mailer; sms: SmsSender; maxAttempts: number; now?: () => Date; idleMs?: number },
): OutboxWorker {
  const now = options.now ?? (() => new Date());
  return startOutboxWorker('notify-delivery', async () => {
    const { claimed, sent } = await sendDueBatch(db, { ...options, now, log });
    return { claimed, done: sent };
  }, { batch: NOTIFY_BATCH, idleMs: options.idleMs ?? NOTIFY_IDLE_MS, log, done: 'sent', first: () => queueReceipts(db, now()) });
}
