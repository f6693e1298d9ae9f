// `npm run bench:load`: a deadline day on the reference backend, first on PGlite (a folder on disk, as
// `npm start` keeps it), then on PostgreSQL (TEST_DATABASE_URL, or a throwaway cluster of Debian's
// PostgreSQL). A pool of citizens, each logged in with BankID (the simulator) in a session of its own,
// reads e-services, saves drafts, uploads files and sends cases for a bounded number of requests; the
// bench prints throughput and p50/p99 per kind of request, then counts the cases in the database:
// every case answered 201 must be there exactly once, and no other. Exits 1 on any error or mismatch.
//
// LOAD_CITIZENS (20), LOAD_REQUESTS (1000 per database), LOAD_SECONDS (30 per database, whichever
// comes first), LOAD_SEED (1) scale it. Each database's summary is one line starting `load (`, which
// `npm run report:robustness` picks up.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseOptions } from '../server/store/database.js';
import { testAppUrl } from '../test/e2e/bankid-app.js';
import { testPostgres, type TestPostgres } from '../test/support/postgres.js';
import { startServer, type RunningServer } from '../test/support/start-server.mjs';
import { BENCH_SERVER_ENV, giveUpAfter, LOGIN_PERSONS } from './load/bench-server.js';
import { Citizen } from './load/citizen.js';
import { casesByOfficerApi, countStored, mismatches } from './load/count.js';
import { runMix } from './load/mix.js';
import { figures, table } from './load/table.js';

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a whole number above 0, not "${raw}"`);
    process.exit(2);
  }
  return value;
}

const CITIZENS = setting('LOAD_CITIZENS', 20);
const REQUESTS = setting('LOAD_REQUESTS', 1000);
const SECONDS = setting('LOAD_SECONDS', 30);
const SEED = setting('LOAD_SEED', 1);
const OFFICER_TOKEN = 'officer-token-of-exempelby-for-the-load-bench-0123';

/** With the officer API open to the bench, to count the cases as a municipality sees them. */
const SERVER_ENV = { ...BENCH_SERVER_ENV, OFFICER_TOKENS: `exempelby:${OFFICER_TOKEN}` };

/** Documentation addresses (TEST-NET-2), then private ones for pools larger than 250. */
const address = (i: number) => (i < 250 ? `198.51.100.${i + 1}` : `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}`);

const cleanups = giveUpAfter('bench:load', (SECONDS * 2 + 240) * 1000);

/** `ready`: awaited once the citizens are logged in, before the first request is timed. */
async function run(label: string, env: Record<string, string>, database: DatabaseOptions, where: string, ready?: Promise<unknown>): Promise<boolean> {
  const marker = `${label.toLowerCase()}-${Date.now().toString(36)}`;
  let server: RunningServer | undefined;
  const stop = async () => {
    await server?.stop();
    server = undefined;
  };
  cleanups.add(stop);
  try {
    server = await startServer({ ...env, ...SERVER_ENV });
    const testApp = await testAppUrl(server);
    const citizens = Array.from({ length: CITIZENS }, (_, i) => new Citizen(server!.url, address(i), LOGIN_PERSONS[i % LOGIN_PERSONS.length]!));
    const loginStarted = performance.now();
    // One at a time: the simulator, like BankID, cancels a person's other pending order when one is picked up.
    for (const citizen of citizens) await citizen.logIn(testApp);
    console.log(`\n${label} (${where}): ${CITIZENS} citizens logged in with BankID (the simulator) in ${((performance.now() - loginStarted) / 1000).toFixed(1)} s`);
    await ready;

    const tally = await runMix(citizens, { requests: REQUESTS, seconds: SECONDS, marker, seed: SEED });
    const seconds = (tally.endedAt - tally.startedAt) / 1000;
    for (const line of table(tally)) console.log(line);
    console.log(`  ended: ${tally.stoppedBy === 'requests' ? `${REQUESTS} requests made` : `${SECONDS} s passed`} after ${seconds.toFixed(1)} s`);
    for (const error of tally.errors) console.log(`  error: ${error}`);
    if (tally.errorCount > tally.errors.length) console.log(`  … and ${tally.errorCount - tally.errors.length} more errors`);

    const officer = await casesByOfficerApi(server.url, OFFICER_TOKEN);
    const output = server.output();
    await stop();
    const stored = await countStored(database, marker);
    const found = mismatches(tally, stored, officer);
    console.log(`  counted: ${stored.caseIds.length} cases in the database (SQL), ${officer.length} through the officer API, ` +
      `${stored.submissionsTwice} submissions stored twice; ${stored.attachments} files stored, ${tally.uploaded.size} uploads confirmed`);
    for (const mismatch of found) console.log(`  mismatch: ${mismatch}`);
    if (tally.errorCount > 0 && /error|Error/.test(output)) console.log(`  the server said:\n${output.split('\n').filter((line) => /error/i.test(line)).slice(-10).join('\n')}`);

    const all = figures(tally.samples, seconds);
    const cases = stored.caseIds.filter((id) => tally.created.has(id)).length;
    console.log(
      `load (${label}): ${all.count} requests by ${CITIZENS} citizens in ${seconds.toFixed(1)} s, ${all.perSecond.toFixed(0)} req/s, ` +
      `p50 ${all.p50.toFixed(0)} ms, p99 ${all.p99.toFixed(0)} ms; ${tally.created.size} cases sent, ${cases} counted` +
      `${found.length ? `, ${found.length} mismatches` : ''}, ${tally.errorCount} errors`,
    );
    return tally.errorCount === 0 && found.length === 0;
  } catch (error) {
    console.log(`load (${label}): failed — ${error instanceof Error ? error.message : String(error)}`);
    if (server) console.log(server.output().slice(-3000));
    return false;
  } finally {
    await stop();
    cleanups.delete(stop);
  }
}

console.log(`bench:load — ${CITIZENS} citizens, at most ${REQUESTS} requests or ${SECONDS} s per database; Node ${process.version}, ${availableParallelism()} cores`);
console.log('Each citizen sends its next request as soon as the last is answered (no time to think): the server is kept busy, and p50 is about citizens ÷ throughput.');
let ok = true;

// PostgreSQL (a new cluster takes seconds to make) starts while PGlite's server does, and is ready before
// the PGlite run times its first request: neither start-up is measured, and none overlaps the other's figures.
const postgresStarting: Promise<TestPostgres | Error> = testPostgres().then(
  (database) => {
    cleanups.add(database.stop);
    return database;
  },
  (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
);

const dataDir = mkdtempSync(join(tmpdir(), 'esk-load-'));
try {
  ok = (await run('PGlite', { DATA_DIR: dataDir }, { dataDir }, 'a folder on disk, as npm start keeps it', postgresStarting)) && ok;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const postgres = await postgresStarting;
if (postgres instanceof Error) {
  console.log(`\nload (PostgreSQL): not run — no PostgreSQL to be had (${postgres.message.split('\n')[0]})`);
} else {
  try {
    const where = process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : "a throwaway cluster of Debian's PostgreSQL";
    ok = (await run('PostgreSQL', { DATABASE_URL: postgres.url }, { databaseUrl: postgres.url }, where)) && ok;
  } finally {
    cleanups.delete(postgres.stop);
    await postgres.stop();
  }
}

process.exit(ok ? 0 : 1);
