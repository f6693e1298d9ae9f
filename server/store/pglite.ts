import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.js';

export async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir === ':memory:';
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  const pg = await PGlite.create(inMemory ? 'memory://' : dataDir);
  // PGlite is one connection: transactions must not interleave with other queries.
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
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

export type { Queryable };
