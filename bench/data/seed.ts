import type { Queryable } from '../../server/store/database.js';
import { seedAround } from './seed-around.js';
import { seedCaseRows } from './seed-case-rows.js';
import { seedCaseFacts, seedCases } from './seed-cases.js';
import { seedOutbox } from './seed-outbox.js';

/**
 * Fills a freshly migrated database with `cases` cases and everything around them, set-based (a few
 * INSERT … SELECT over generate_series), then drops the work tables and lets PostgreSQL take stock
 * (VACUUM ANALYZE), as autovacuum would have on a database that grew over years.
 */
export async function seed(db: Queryable, cases: number, now: Date, log: (step: string) => void): Promise<void> {
  const steps: [string, () => Promise<void>][] = [
    ['case facts', () => seedCaseFacts(db, cases, now)],
    ['cases, history, keys, signatures', () => seedCases(db)],
    ['cosign requests, messages, files', () => seedCaseRows(db, cases, now)],
    ['notifications, webhook deliveries', () => seedOutbox(db, now)],
    ['profiles, drafts, sessions, BankID, uploads', () => seedAround(db, cases, now)],
    ['work tables dropped', async () => void (await db.query('DROP TABLE seed_cases, seed_services'))],
    ['VACUUM ANALYZE', async () => void (await db.query('VACUUM ANALYZE'))],
  ];
  for (const [name, step] of steps) {
    const started = performance.now();
    await step();
    log(`${name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}
