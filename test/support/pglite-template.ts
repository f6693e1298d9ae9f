import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pgliteDatabase } from '../../server/store/pglite.js';
import { migrate } from '../../server/store/migrate.js';

/**
 * A migrated, empty PGlite data folder, dumped, for every test's in-memory database to start from: a new PGlite
 * cluster costs three to five seconds of CPU (initdb), loading a dump one — over the sixty-odd databases of the server
 * tests, minutes of a CI run. It is made once per set of migrations and PGlite version (the file's name is their hash)
 * and kept in node_modules/.cache, where every test process of a run, side by side, finds it; each test still gets a
 * database of its own. The migrations themselves are tried on an empty cluster by test/server/store.test.ts.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const MIGRATIONS = join(root, 'server/store/migrations');
const CACHE = join(root, 'node_modules/.cache/e-service-kit');

let template: Promise<Blob> | undefined;

export function migratedTemplate(): Promise<Blob> {
  template ??= loadOrMake();
  return template;
}

async function loadOrMake(): Promise<Blob> {
  const file = join(CACHE, `pglite-${await templateKey()}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const pg = await PGlite.create('memory://');
    await migrate(pgliteDatabase(pg));
    const dump = await pg.dumpDataDir('none');
    await pg.close();
    // Written beside and renamed, so that a process reading it meanwhile never sees half a file.
    await mkdir(CACHE, { recursive: true });
    const partial = `${file}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  }
}

async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.parse(await readFile(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')).version);
  for (const name of (await readdir(MIGRATIONS)).sort()) hash.update(name).update(await readFile(join(MIGRATIONS, name)));
  return hash.digest('hex').slice(0, 16);
}
