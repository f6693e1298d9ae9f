import type { WebhookConfig } from '../config.js';
import type { Queryable } from '../store/database.js';
import { deliverDueBatch, enqueueSubmittedCases, WEBHOOK_BATCH } from '../webhooks/deliveries.js';
import { startOutboxWorker, type OutboxWorker } from './outbox-worker.js';
import type { JobLog } from './schedule.js';

/** How long a worker with nothing to post waits before it looks again. */
export const WEBHOOK_IDLE_MS = 1_000;

/**
 * Tells each municipality's webhook about its sent cases, retrying with backoff, on this instance
 * beside every other instance's worker: each delivery is posted by the one that claims it. Nothing
 * runs without webhooks.
 */
export function startWebhookDelivery(
  db: Queryable, log: JobLog & { warn(object: object, message: string): void },
  options: { webhooks: WebhookConfig[]; maxAttempts: number; now?: () => Date; idleMs?: number },
): OutboxWorker {
  if (options.webhooks.length === 0) return { stop: async () => {} };
  const now = options.now ?? (() => new Date());
  return startOutboxWorker('webhook-delivery', async () => {
    const { claimed, delivered } = await deliverDueBatch(db, { webhooks: options.webhooks, maxAttempts: options.maxAttempts, now, log });
    return { claimed, done: delivered };
  }, { batch: WEBHOOK_BATCH, idleMs: options.idleMs ?? WEBHOOK_IDLE_MS, log, done: 'delivered', first: () => enqueueSubmittedCases(db, options.webhooks, now()) });
}
