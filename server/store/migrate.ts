import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

/** The advisory lock every instance's migrations take, one at a time. */
const MIGRATION_LOCK = 726354;
const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies the numbered .sql files not yet applied, each in its own transaction.
 * An advisory lock keeps two server instances starting at once from racing.
 */
export async function migrate(db: Database): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((name) => /^\d{3}_[\w-]+\.sql$/.test(name)).sort();
  const applied: string[] = [];
  // Under the lock too: two instances creating the table at once make PostgreSQL refuse one of them
  // (IF NOT EXISTS does not cover a table another transaction is creating).
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  // Most starts find every migration applied: one query says so, rather than a locked transaction per file.
  const { rows: done } = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
  const known = new Set(done.map((row) => row.version));
  for (const file of files.filter((name) => !known.has(name))) {
    const sql = await readFile(MIGRATIONS_DIR + file, 'utf8');
    const didApply = await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      const { rows } = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [file]);
      if (rows.length > 0) return false;
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
      return true;
    });
    if (didApply) applied.push(file);
  }
  return applied;
}

/** Our migrations hold no semicolons inside strings or bodies, so splitting on ";" at a line end is exact. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}
