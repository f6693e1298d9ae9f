/**
 * The one door to SQL. Two engines sit behind it with the same SQL and the same
 * migrations: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs several statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction: all of it is stored, or none. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — use a PostgreSQL server. */
  databaseUrl?: string;
  /** A folder for PGlite's files, or ":memory:" for a database that lives as long as the process. */
  dataDir?: string;
  /** PostgreSQL only: work inside this schema (tests give each run its own). */
  schema?: string;
  /** PGlite in memory only: start from this dump of a data folder (PGlite's dumpDataDir), not an empty cluster. */
  pgliteTemplate?: Blob;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(options.databaseUrl, options.schema);
  }
  const { openPglite } = await import('./pglite.js');
  return openPglite(options.dataDir ?? './data', options.pgliteTemplate);
}
