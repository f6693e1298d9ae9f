import type { Mailer, SmsSender } from '../notify/channels.js';
import { runNotifications } from '../notify/notifications.js';
import type { Queryable } from '../store/database.js';
import { lease } from './lease.js';
import { scheduleJob, type JobLog } from './schedule.js';

export const NOTIFY_INTERVAL_MS = 5_000;

/** Queues receipts for new cases and sends the outbox's e-mail and SMS, on one instance at a time (lease `notify-delivery`). */
export function startNotifyDelivery(
  db: Queryable, log: JobLog & { warn(object: object, message: string): void },
  options: { mailer: Mailer; sms: SmsSender; maxAttempts: number; now?: () => Date; holder?: string },
): { stop(): Promise<void> } {
  const now = options.now ?? (() => new Date());
  const held = lease(db, 'notify-delivery', { holder: options.holder, ttlMs: 2 * 60_000, now });
  const job = scheduleJob('notify-delivery', NOTIFY_INTERVAL_MS,
    () => held.run(() => runNotifications(db, { ...options, now, log })), log, 'sent');
  return {
    async stop() {
      job.stop();
      await held.release().catch(() => {});
    },
  };
}
