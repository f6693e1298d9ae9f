import type { Database, Queryable } from '../store/database.js';

/**
 * Runs `work` in one transaction that holds the Idempotency-Key's row in `signing_keys` (migration 009):
 * inserted, or — when another request has it — locked. A second request with the key, at the same moment
 * and on any instance, waits here until the first has committed, and then sees the order the first stored
 * (PostgreSQL: the unique key makes the second INSERT wait for the first transaction; PGlite: one connection,
 * its transactions run one after the other). `work` must use `tx` only, and should start at most one BankID order.
 *
 * The BankID call runs inside the transaction: on PostgreSQL it holds one pool connection and the key's row for
 * the call's length; on PGlite (one connection) every other query waits for it, as for any transaction there.
 */
export async function withSigningKey<T>(db: Database, scope: string, key: string, now: Date, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO signing_keys (scope, key, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (scope, key) DO UPDATE SET created_at = signing_keys.created_at`,
      [scope, key, now.toISOString()],
    );
    return work(tx);
  });
}
