// `npm run bench -- server`: how many cases and draft saves per second the reference backend answers, on PGlite
// (a folder on disk, as `npm start` keeps it) and on PostgreSQL (TEST_DATABASE_URL, or a throwaway cluster of
// Debian's PostgreSQL), at 10 and 100 connections on loopback (autocannon), beside what pgbench makes of the same
// PostgreSQL with single-row inserts, run between ours. After the runs the cases are counted in the database:
// each case answered 2xx must be there exactly once. Prints one table; exits 1 when a count is off.
//
// SERVER_BENCH_SECONDS (10 per run) and SERVER_BENCH_CONNECTIONS (10,100) scale it: 10 runs of that length in all.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseOptions } from '../server/store/database.js';
import { testAppUrl } from '../test/e2e/bankid-app.js';
import { testPostgres, type TestPostgres } from '../test/support/postgres.js';
import { startServer, type RunningServer } from '../test/support/start-server.mjs';
import { BENCH_SERVER_ENV, giveUpAfter, LOGIN_PERSONS } from './load/bench-server.js';
import { Citizen, describe } from './load/citizen.js';
import { type BenchDraft, DRAFT_SERVICE, saveDrafts, sendCases } from './server/cannon.js';
import { countCases, verdict } from './server/count.js';
import { pgbenchPath, prepareSingleRowInsert, runPgbench } from './server/pgbench.js';
import { type Row, table } from './server/table.js';

function seconds(): number {
  const raw = process.env.SERVER_BENCH_SECONDS ?? '10';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`SERVER_BENCH_SECONDS must be a whole number above 0, not "${raw}"`);
    process.exit(2);
  }
  return value;
}

function connections(): number[] {
  const raw = process.env.SERVER_BENCH_CONNECTIONS ?? '10,100';
  const values = raw.split(',').map(Number);
  if (values.some((value) => !Number.isInteger(value) || value < 1)) {
    console.error(`SERVER_BENCH_CONNECTIONS must be whole numbers above 0 with commas between, not "${raw}"`);
    process.exit(2);
  }
  return values;
}

const SECONDS = seconds();
const CONNECTIONS = connections();
/** Citizens logged in for the draft saves: each connection saves drafts of one of them. */
const SESSIONS = 10;
/** Not timed: the server's code is compiled and its pool filled before the first figure. */
const WARM_UP_SECONDS = 2;

const cleanups = giveUpAfter('bench -- server', (SECONDS * 12 + 300) * 1000);

/** Logs citizens in with BankID (the simulator) and starts two drafts per connection, spread over their sessions. */
async function startDrafts(server: RunningServer, count: number): Promise<BenchDraft[]> {
  const testApp = await testAppUrl(server);
  const citizens = Array.from({ length: SESSIONS }, (_, i) => new Citizen(server.url, `198.51.100.${i + 10}`, LOGIN_PERSONS[i % LOGIN_PERSONS.length]!));
  // One at a time: the simulator, like BankID, cancels a person's other pending order when one is picked up.
  for (const citizen of citizens) await citizen.logIn(testApp);
  const drafts: BenchDraft[] = [];
  for (let i = 0; i < count; i++) {
    const citizen = citizens[i % citizens.length]!;
    const made = await citizen.request('POST', '/api/drafts', {
      json: { ...DRAFT_SERVICE, stepId: 'barnet', answers: { school: 'centralskolan', grade: '3' } },
    });
    if (made.status !== 201) throw new Error(`draft not started: ${made.status} ${describe(made)}`);
    drafts.push({ id: (made.body as { id: string }).id, version: 1, cookie: `esk_session=${citizen.cookies.get('esk_session')}` });
  }
  return drafts;
}

interface Yardstick {
  binary: string;
  url: string;
}

/** One database: the server started on it, then at each number of connections pgbench (if given), cases and draft saves. */
async function bench(database: string, env: Record<string, string>, options: DatabaseOptions, yardstick?: Yardstick): Promise<Row[]> {
  const rows: Row[] = [];
  const markers = new Map<Row, string>();
  let server: RunningServer | undefined;
  const stop = async () => {
    await server?.stop();
    server = undefined;
  };
  cleanups.add(stop);
  try {
    server = await startServer({ ...env, ...BENCH_SERVER_ENV });
    const drafts = await startDrafts(server, Math.max(...CONNECTIONS) * 2);
    await sendCases(server.url, Math.min(...CONNECTIONS), WARM_UP_SECONDS, `warm-${Date.now().toString(36)}`);
    for (const connections of CONNECTIONS) {
      const pgbench = yardstick && (await runPgbench(yardstick.binary, yardstick.url, connections, SECONDS));
      if (pgbench) rows.push({ database, connections, what: 'pgbench insert', figures: pgbench });
      const marker = `${database.toLowerCase()}-${connections}-${Date.now().toString(36)}`;
      const cases = await sendCases(server.url, connections, SECONDS, marker);
      const row: Row = { database, connections, what: 'cases', figures: cases, ...(pgbench ? { ofPgbench: cases.perSecond / pgbench.perSecond } : {}) };
      rows.push(row);
      markers.set(row, marker);
      rows.push({ database, connections, what: 'draft saves', figures: await saveDrafts(server.url, connections, SECONDS, drafts) });
      console.log(`  ${database}, ${connections} connections: done`);
    }
  } finally {
    await stop();
    cleanups.delete(stop);
  }
  const counted = await countCases(options, [...markers.values()]);
  for (const [row, marker] of markers) {
    const { text, ok } = verdict(row.figures.caseIds ?? new Set(), counted.get(marker)!, row.connections);
    row.counted = text;
    if (!ok) miscounted = true;
  }
  return rows;
}

/**
 * A cluster of the bench's own gets room for pgbench's 100 clients beside the server's pool (the default, 100 in
 * all, would refuse some). TEST_DATABASE_URL's is used as it is.
 */
async function makeRoom(database: TestPostgres): Promise<void> {
  if (!database.restart) return;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(`ALTER SYSTEM SET max_connections = ${Math.max(...CONNECTIONS) + 100}`);
  await client.end();
  await database.restart(0);
}

console.log(`bench -- server: ${SECONDS} s per run at ${CONNECTIONS.join(' and ')} connections; Node ${process.version}, ${availableParallelism()} cores`);
const rows: Row[] = [];
let failed = false;
/** Set when a run's cases in the database differ from its 2xx answers. */
let miscounted = false;

// PostgreSQL (a new cluster takes seconds to make) starts while the PGlite runs.
const postgresStarting: Promise<TestPostgres | Error> = testPostgres({ own: !process.env.TEST_DATABASE_URL }).then(
  async (database) => {
    cleanups.add(database.stop);
    await makeRoom(database);
    await prepareSingleRowInsert(database.url);
    return database;
  },
  (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
);

const dataDir = mkdtempSync(join(tmpdir(), 'esk-bench-server-'));
try {
  rows.push(...(await bench('PGlite', { DATA_DIR: dataDir }, { dataDir })));
} catch (error) {
  failed = true;
  console.log(`PGlite: failed — ${error instanceof Error ? error.message : String(error)}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const postgres = await postgresStarting;
if (postgres instanceof Error) {
  console.log(`PostgreSQL: not run — no PostgreSQL to be had (${postgres.message.split('\n')[0]})`);
} else {
  try {
    const binary = pgbenchPath();
    if (!binary) console.log("PostgreSQL: no pgbench (Debian's postgresql package has it): our figures alone");
    rows.push(...(await bench('PostgreSQL', { DATABASE_URL: postgres.url }, { databaseUrl: postgres.url }, binary ? { binary, url: postgres.url } : undefined)));
  } catch (error) {
    failed = true;
    console.log(`PostgreSQL: failed — ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    cleanups.delete(postgres.stop);
    await postgres.stop();
  }
}

console.log('');
for (const line of table(rows)) console.log(line);
for (const row of rows.filter((each) => each.figures.others.length > 0)) {
  console.log(`  ${row.database}, ${row.connections} connections, ${row.what}: ${row.figures.others.join(', ')}`);
}
console.log('  per s: answered 2xx per second (pgbench: transactions per second); errors: not 2xx, timeouts, connection errors;');
console.log('  counted: the run\'s cases in the database, each answered 2xx found once (+ those still unanswered when time was up);');
console.log('  of pgbench: cases per second over pgbench\'s inserts per second at as many connections');
process.exit(failed || miscounted ? 1 : 0);
