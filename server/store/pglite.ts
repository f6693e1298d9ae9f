import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.js';

/**
 * PGlite in a folder, or in memory (":memory:"). An in-memory database may start from `template`, a dump of another's
 * data folder (PGlite's dumpDataDir): loading one takes a second where creating a cluster takes three to five, which
 * is why the tests start each of theirs from one migrated once (test/support/pglite-template.ts).
 */
export async function openPglite(dataDir: string, template?: Blob): Promise<Database> {
  const inMemory = dataDir === ':memory:';
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  return pgliteDatabase(await PGlite.create(inMemory ? { dataDir: 'memory://', loadDataDir: template } : { dataDir }));
}

/** The one door to SQL (./database.ts) over a PGlite. */
export function pgliteDatabase(pg: PGlite): Database {
  // PGlite is one connection: transactions must not interleave with other queries. Each waits its turn, first come
  // first served, and its turn starts in a turn of the event loop of its own (setImmediate): PGlite runs a query in
  // this thread and settles it with promises only, so a queue of queries chained by promises alone would run as one
  // long task (100 queued cases: a few hundred ms) in which no connection is accepted and no request read —
  // requests that came in meanwhile waited seconds, one taken per such task (`npm run bench -- server`).
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(nextTurn).then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    engine: 'pglite',
    query: (sql, params) => serialize(() => pg.query(sql, params)) as never,
    exec: (sql) => serialize(async () => void (await pg.exec(sql))),
    transaction: (work) =>
      serialize(() => pg.transaction((tx) => work({ query: (sql, params) => tx.query(sql, params) as never }))),
    close: () => serialize(() => pg.close()),
  } satisfies Database;
}

/** Resolves in the event loop's next check phase, after the I/O that is waiting. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export type { Queryable };
