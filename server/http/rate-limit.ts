import { createHash } from 'node:crypto';
import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { problem, ProblemError } from '../problem.js';
import type { Queryable } from '../store/database.js';
import { requestLanguage } from './language.js';

/**
 * Anonymous e-services can be used by anyone, so sending cases and uploading files are
 * limited per address: enough for a household behind one router, too little to flood the
 * municipality's inbox or fill the storage before the cleanup runs.
 */
export interface RateLimits {
  casesPerMinute: number;
  uploadsPerMinute: number;
}

/** How often an instance deletes the rows of windows that have ended. */
const SWEEP_MS = 60_000;

/**
 * The counters live in the database (table rate_limits), so a limit holds across every instance
 * behind the load balancer: twenty a minute means twenty, not twenty per instance. One upsert per
 * limited request, on routes that write to the database anyway. The window is the database's
 * clock, the one clock all instances share.
 */
export function databaseRateLimitStore(db: Queryable) {
  let lastSweep = 0;
  const sweep = async () => {
    if (Date.now() - lastSweep < SWEEP_MS) return;
    lastSweep = Date.now();
    await db.query('DELETE FROM rate_limits WHERE reset_at < now()');
  };

  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    /** The route (method and URL pattern) this store counts for: its limit is its own. */
    private readonly route: string;

    constructor(options: { routeInfo?: { method?: unknown; url?: unknown } } = {}) {
      this.route = `${String(options.routeInfo?.method ?? '')} ${String(options.routeInfo?.url ?? '')}`;
    }

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow?: number): void {
      const hashed = createHash('sha256').update(`${this.route}\n${key}`).digest('hex');
      const windowMs = Math.max(1, Math.trunc(timeWindow ?? 60_000));
      db.query<{ hits: number; ttl: number }>(
        `INSERT INTO rate_limits (key, hits, reset_at) VALUES ($1, 1, now() + $2::integer * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_limits.reset_at <= now() THEN 1 ELSE rate_limits.hits + 1 END,
           reset_at = CASE WHEN rate_limits.reset_at <= now() THEN EXCLUDED.reset_at ELSE rate_limits.reset_at END
         RETURNING hits, GREATEST(0, ceil(extract(epoch FROM reset_at - now()) * 1000))::integer AS ttl`,
        [hashed, windowMs],
      ).then(async ({ rows }) => {
        // Only housekeeping: a failed sweep is tried again a minute later, and fails no request.
        await sweep().catch(() => undefined);
        callback(null, { current: Number(rows[0]!.hits), ttl: Number(rows[0]!.ttl) });
      }, (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    }

    child(routeOptions: object): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(routeOptions as { routeInfo?: { method?: unknown; url?: unknown } });
    }
  };
}

export async function registerRateLimit(app: FastifyInstance, db: Queryable): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(db),
    errorResponseBuilder: (request, context) => {
      const lang = requestLanguage(request);
      const seconds = Math.ceil(context.ttl / 1000);
      // Thrown by the plugin, and turned into problem+json by the app's error handler.
      return Object.assign(
        new ProblemError(problem(429, 'too-many-requests',
          lang === 'en' ? 'Too many requests – wait a moment and try again' : 'För många försök – vänta en stund och försök igen',
          lang === 'en' ? `Try again in ${seconds} seconds.` : `Försök igen om ${seconds} sekunder.`)),
        { statusCode: 429 },
      );
    },
  });
}

export const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: 60_000 } });
