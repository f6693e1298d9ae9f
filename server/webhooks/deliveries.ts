import type { WebhookConfig } from '../config.js';
import type { JobLog } from '../jobs/schedule.js';
import { NOT_SENT_SQL } from '../services/case-status.js';
import { drainBatches } from '../outbox/drain.js';
import type { Queryable } from '../store/database.js';
import { EVENT_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './signature.js';

export const CASE_SUBMITTED = 'case.submitted';

/** What a webhook receives: enough to fetch the case with the officer API, and nothing personal. */
export interface WebhookEvent {
  event: string;
  caseId: string;
  caseNumber: string;
  serviceId: string;
  municipalityId: string;
  submittedAt: string;
}

/** Waits after the 1st, 2nd, 3rd, 4th failed try, then the last one again until the tries run out. */
export const BACKOFF_MS = [30_000, 120_000, 600_000, 3_600_000, 6 * 3_600_000];
/** How far back the catch-up at a worker's start looks (so a webhook set up later gets the recent cases). */
export const LOOKBACK_MS = 24 * 3_600_000;
/** What one worker claims at a time, and posts side by side. */
export const WEBHOOK_BATCH = 20;
const TIMEOUT_MS = 10_000;
/**
 * How long a claimed delivery is this worker's: another instance takes it over after that, should
 * this one die mid-request. Three times a request's time limit, so a slow receiver is not posted twice.
 */
export const WEBHOOK_CLAIM_MS = 30_000;

export function backoffMs(attempts: number): number {
  return BACKOFF_MS[Math.min(Math.max(attempts, 1), BACKOFF_MS.length) - 1]!;
}

export interface DeliveryOptions {
  webhooks: WebhookConfig[];
  maxAttempts: number;
  now: () => Date;
  log: JobLog & { warn(object: object, message: string): void };
}

/**
 * Queues a delivery for each case sent lately (status past awaitingCosign; never one that expired or was
 * declined unsent) in a municipality with a webhook and none queued yet. Each sent case queues its own in
 * its own transaction (server/outbox/case-sent.ts); this catch-up runs once as a worker starts, for a
 * webhook set up since and for cases sent by a version of the server that did not. Safe on several
 * instances: the primary key keeps one row per event.
 */
export async function enqueueSubmittedCases(db: Queryable, webhooks: WebhookConfig[], now: Date): Promise<number> {
  if (webhooks.length === 0) return 0;
  const { rows } = await db.query(
    `INSERT INTO webhook_deliveries (case_id, event, municipality_id, next_attempt_at, created_at)
     SELECT c.id, $1, c.municipality_id, $2, $2 FROM cases c
      WHERE c.municipality_id = ANY($3) AND c.status NOT IN ${NOT_SENT_SQL} AND c.submitted_at > $4
        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries w WHERE w.case_id = c.id AND w.event = $1)
     ON CONFLICT DO NOTHING RETURNING case_id`,
    [CASE_SUBMITTED, now.toISOString(), webhooks.map((hook) => hook.municipalityId), new Date(now.getTime() - LOOKBACK_MS).toISOString()],
  );
  return rows.length;
}

interface DueRow {
  case_id: string;
  event: string;
  municipality_id: string;
  attempts: number;
  case_number: string;
  service_id: string;
  submitted_at: Date | string;
}

/** Everything due now, batch after batch; returns how many the receivers accepted. */
export async function deliverDue(db: Queryable, options: DeliveryOptions): Promise<number> {
  return drainBatches(WEBHOOK_BATCH, async () => {
    const { claimed, delivered } = await deliverDueBatch(db, options);
    return { claimed, done: delivered };
  });
}

/**
 * Claims what is due (up to WEBHOOK_BATCH deliveries no other worker holds: FOR UPDATE SKIP LOCKED)
 * and posts them side by side. A worker that finds on finishing that another has claimed a delivery
 * since (its attempts moved on) leaves it to that one.
 */
export async function deliverDueBatch(db: Queryable, options: DeliveryOptions): Promise<{ claimed: number; delivered: number }> {
  const now = options.now();
  const hooks = new Map(options.webhooks.map((hook) => [hook.municipalityId, hook]));
  // Claimed first (attempts counted, the next try pushed out), so no other run sends the same one meanwhile.
  const { rows } = await db.query<DueRow>(
    `WITH due AS (
       SELECT case_id, event FROM webhook_deliveries WHERE next_attempt_at <= $1
        ORDER BY next_attempt_at LIMIT ${WEBHOOK_BATCH} FOR UPDATE SKIP LOCKED)
     UPDATE webhook_deliveries w SET attempts = w.attempts + 1, next_attempt_at = $2
       FROM due, cases c
      WHERE w.case_id = due.case_id AND w.event = due.event AND c.id = w.case_id
     RETURNING w.case_id, w.event, w.municipality_id, w.attempts, c.case_number, c.service_id, c.submitted_at`,
    [now.toISOString(), new Date(now.getTime() + WEBHOOK_CLAIM_MS).toISOString()],
  );
  const results = await Promise.all(rows.map(async (row) => {
    const hook = hooks.get(row.municipality_id);
    const status = hook ? await post(hook, toEvent(row), now) : undefined;
    const ok = status !== undefined && status >= 200 && status < 300;
    if (ok) {
      await db.query(
        `UPDATE webhook_deliveries SET delivered_at = $3, next_attempt_at = NULL, last_status = $4
          WHERE case_id = $1 AND event = $2 AND attempts = $5`,
        [row.case_id, row.event, now.toISOString(), status, row.attempts],
      );
      return 1;
    }
    if (!hook || row.attempts >= options.maxAttempts) {
      await db.query(
        `UPDATE webhook_deliveries SET given_up_at = $3, next_attempt_at = NULL, last_status = $4
          WHERE case_id = $1 AND event = $2 AND attempts = $5`,
        [row.case_id, row.event, now.toISOString(), status ?? null, row.attempts],
      );
      options.log.warn({ caseId: row.case_id, event: row.event, municipalityId: row.municipality_id, attempts: row.attempts, status: status ?? null },
        hook ? 'webhook: given up' : 'webhook: no webhook configured any more: given up');
      return 0;
    }
    await db.query(
      `UPDATE webhook_deliveries SET next_attempt_at = $3, last_status = $4 WHERE case_id = $1 AND event = $2 AND attempts = $5`,
      [row.case_id, row.event, new Date(now.getTime() + backoffMs(row.attempts)).toISOString(), status ?? null, row.attempts],
    );
    options.log.info({ caseId: row.case_id, event: row.event, attempts: row.attempts, status: status ?? null }, 'webhook: failed, will retry');
    return 0;
  }));
  return { claimed: rows.length, delivered: results.reduce<number>((sum, n) => sum + n, 0) };
}

function toEvent(row: DueRow): WebhookEvent {
  return {
    event: row.event,
    caseId: row.case_id,
    caseNumber: row.case_number,
    serviceId: row.service_id,
    municipalityId: row.municipality_id,
    submittedAt: new Date(row.submitted_at).toISOString(),
  };
}

/** The receiver's HTTP status, or undefined when it could not be reached in time. Redirects are not followed. */
async function post(hook: WebhookConfig, event: WebhookEvent, now: Date): Promise<number | undefined> {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  try {
    const response = await fetch(hook.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'e-service-kit webhook',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(hook.secret, timestamp, body),
        [EVENT_HEADER]: event.event,
      },
      body,
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    return undefined;
  }
}

/** The catch-up, then whatever is due (tests run this; the worker runs them apart). */
export async function runWebhooks(db: Queryable, options: DeliveryOptions): Promise<number> {
  await enqueueSubmittedCases(db, options.webhooks, options.now());
  return deliverDue(db, options);
}
