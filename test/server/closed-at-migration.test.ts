import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { loadDefinitions, readDemoDefinitions } from '../../server/services/definitions.js';
import { openDatabase } from '../../server/store/database.js';
import { migrate } from '../../server/store/migrate.js';

const MIGRATION = '012_cost_flat_as_data_grows.sql';

describe('migration 012 on a database with cases', () => {
  it('gives each closed case its latest closing as closed_at, and no other case one', async () => {
    const databaseUrl = process.env.DATABASE_URL;
    const schema = databaseUrl ? `test_closed_at_${randomBytes(6).toString('hex')}` : undefined;
    const db = await openDatabase({ databaseUrl, dataDir: ':memory:', schema });
    try {
      // Every migration before 012: marked as applied, 012 is passed over until the cases are in.
      await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      await db.query('INSERT INTO schema_migrations (version) VALUES ($1)', [MIGRATION]);
      await migrate(db);
      await loadDefinitions(db, await readDemoDefinitions());
      const reclosed = await storedCase(db, 'closed', [['closed', '2024-01-10T10:00:00Z'], ['inProgress', '2024-02-01T10:00:00Z'], ['closed', '2024-03-05T10:00:00Z']]);
      const closed = await storedCase(db, 'closed', [['closed', '2025-05-01T08:00:00Z']]);
      const open = await storedCase(db, 'inProgress', [['inProgress', '2025-06-01T08:00:00Z']]);

      await db.query('DELETE FROM schema_migrations WHERE version = $1', [MIGRATION]);
      assert.deepEqual(await migrate(db), [MIGRATION]);
      const { rows } = await db.query<{ id: string; closed_at: Date | string | null }>('SELECT id, closed_at FROM cases');
      const closedAt = new Map(rows.map((row) => [row.id, row.closed_at === null ? null : new Date(row.closed_at).toISOString()]));
      assert.equal(closedAt.get(reclosed), '2024-03-05T10:00:00.000Z');
      assert.equal(closedAt.get(closed), '2025-05-01T08:00:00.000Z');
      assert.equal(closedAt.get(open), null);
    } finally {
      if (schema) await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    }
  });
});

/** A fault report as a server before 012 stored it: the row, and its history after being sent. */
async function storedCase(db: Awaited<ReturnType<typeof openDatabase>>, status: string, history: [string, string][]): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO cases (id, case_number, service_id, service_version, municipality_id, status, lang, answers, receipt_token_hash, submitted_at, updated_at)
     VALUES ($1, $2, 'felanmalan', 1, 'exempelby', $3, 'sv', '{}', 'x', '2024-01-01T09:00:00Z', '2024-01-01T09:00:00Z')`,
    [id, `FEL-2024-${id.slice(0, 8)}`, status]);
  for (const [step, at] of [['submitted', '2024-01-01T09:00:00Z'], ...history]) {
    await db.query(`INSERT INTO case_status_history (case_id, status, at, changed_by) VALUES ($1, $2, $3, 'officer')`, [id, step, at]);
  }
  return id;
}
