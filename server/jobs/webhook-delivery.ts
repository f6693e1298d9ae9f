import type { WebhookConfig } from '../config.js';
import type { Queryable } from '../store/database.js';
import { runWebhooks } from '../webhooks/deliveries.js';
import { lease } from './lease.js';
import { scheduleJob, type JobLog } from './schedule.js';

export const WEBHOOK_INTERVAL_MS = 10_000;

/**
 * Tells each municipality's webhook about its submitted cases, retrying with backoff, on one
 * server instance at a time (the lease `webhook-delivery`). Nothing runs without webhooks.
 */
export function startWebhookDelivery(
  db: Queryable, log: JobLog & { warn(object: object, message: string): void }, options: { webhooks: WebhookConfig[]; maxAttempts: number; now?: () => Date; holder?: string },
): { stop(): Promise<void> } {
  if (options.webhooks.length === 0) return { stop: async () => {} };
  const now = options.now ?? (() => new Date());
  const held = lease(db, 'webhook-delivery', { holder: options.holder, ttlMs: 2 * 60_000, now });
  const job = scheduleJob('webhook-delivery', WEBHOOK_INTERVAL_MS,
    () => held.run(() => runWebhooks(db, { webhooks: options.webhooks, maxAttempts: options.maxAttempts, now, log })), log, 'delivered');
  return {
    async stop() {
      job.stop();
      await held.release().catch(() => {});
    },
  };
}
