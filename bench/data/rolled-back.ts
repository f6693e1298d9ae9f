import pg from 'pg';
import type { Database, Queryable } from '../../server/store/database.js';

/**
 * One connection on which a periodic job runs inside a transaction that is then rolled back: every run
 * finds the database as seeded (what the first run deleted is there for the next), so the median of
 * several runs is of the same work. The job's own transactions become savepoints. With `explain`, each
 * statement is first run under EXPLAIN ANALYZE (and that rolled back) to count the rows its scans read.
 */
export class RolledBack {
  private constructor(private readonly client: pg.Client) {}

  static async open(url: string, schema: string): Promise<RolledBack> {
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    return new RolledBack(client);
  }

  /**
   * Runs `work` and rolls back all it did; returns its result and, with `explain`, the rows its statements'
   * scans read and the statement that read the most.
   */
  async run<T>(work: (db: Database) => Promise<T>, explain = false): Promise<{ result: T; rowsRead: number; heaviest?: Heaviest }> {
    let rowsRead = 0;
    let heaviest: Heaviest | undefined;
    let savepoints = 0;
    // One statement at a time, as a connection takes them: a job may send several at once (Promise.all).
    let queue: Promise<unknown> = Promise.resolve();
    const query: Queryable['query'] = (sql, params = []) => {
      const next = queue.then(async () => {
        if (explain) {
          const rows = await this.rowsRead(sql, params);
          rowsRead += rows;
          if (rows > (heaviest?.rows ?? -1)) heaviest = { rows, sql: sql.replace(/\s+/g, ' ').trim() };
        }
        return this.client.query(sql, params);
      });
      queue = next.catch(() => undefined);
      return next as never;
    };
    const db: Database = {
      engine: 'postgres',
      query,
      exec: async (sql) => void (await this.client.query(sql)),
      transaction: async (inner) => {
        const name = `job_${++savepoints}`;
        await this.client.query(`SAVEPOINT ${name}`);
        try {
          const result = await inner({ query });
          await this.client.query(`RELEASE SAVEPOINT ${name}`);
          return result;
        } catch (error) {
          await this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
          throw error;
        }
      },
      close: async () => {},
    };
    await this.client.query('BEGIN');
    try {
      const result = await work(db);
      return { result, rowsRead, ...(heaviest ? { heaviest } : {}) };
    } finally {
      await this.client.query('ROLLBACK');
    }
  }

  private async rowsRead(sql: string, params: unknown[]): Promise<number> {
    // A setting (SET LOCAL …) reads nothing, and cannot be explained.
    if (!/^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i.test(sql)) return 0;
    await this.client.query('SAVEPOINT explain');
    try {
      const { rows } = await this.client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
      return scanned(rows[0]!['QUERY PLAN'][0].Plan);
    } finally {
      await this.client.query('ROLLBACK TO SAVEPOINT explain');
    }
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** The statement of a run whose scans read the most rows. */
export interface Heaviest {
  rows: number;
  sql: string;
}

interface PlanNode {
  'Node Type': string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Rows a plan read from tables and indexes: each scan's rows kept and removed, times its loops (a bitmap's index part is counted by its heap part). */
export function scanned(node: PlanNode): number {
  const own = /Scan$/.test(node['Node Type']) && !/^(Bitmap Index|Function|CTE|Subquery|Values|WorkTable) Scan$/.test(node['Node Type'])
    ? ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * (node['Actual Loops'] ?? 1)
    : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + scanned(child), 0);
}
