import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

/**
 * A PostgreSQL for a test that needs one server shared by several processes: CI's (TEST_DATABASE_URL,
 * which .ci/run starts from Debian's packages), else a throwaway cluster of Debian's PostgreSQL in a
 * temporary folder. Either way the test gets a fresh database of its own, dropped at the end.
 */
export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
  /** Only for a cluster of the test's own: stops the server (fast shutdown: connections cut) and starts it again after `downMs`. */
  restart?(downMs: number): Promise<void>;
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort((a, b) => Number(a) - Number(b)).pop() : undefined;
  if (!version) throw new Error("This test needs PostgreSQL: set TEST_DATABASE_URL, or install Debian's postgresql (apt-get install postgresql)");
  return join(root, version, 'bin');
}

async function throwawayCluster(): Promise<{ url: string; stop: () => void; restart: (downMs: number) => Promise<void> }> {
  const bin = postgresBin();
  const home = mkdtempSync('/tmp/esk-postgres-');
  const asPostgres = process.getuid?.() === 0;
  if (asPostgres) chownSync(home, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), 0);
  const run = (command: string) => {
    const result = asPostgres ? spawnSync('su', ['postgres', '-c', command], { encoding: 'utf8' }) : spawnSync('sh', ['-c', command], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command}: ${result.stderr}`);
  };
  const port = await freePort();
  run(`'${bin}/initdb' -D '${home}/data' -A trust -U postgres -E UTF8 >/dev/null`);
  const start = () => run(`'${bin}/pg_ctl' -D '${home}/data' -l '${home}/log' -w -o "-p ${port} -k '${home}' -c listen_addresses=127.0.0.1" start >/dev/null`);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart(downMs: number) {
      run(`'${bin}/pg_ctl' -D '${home}/data' -m fast -w stop >/dev/null`);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      start();
    },
    stop: () => {
      try {
        run(`'${bin}/pg_ctl' -D '${home}/data' -m immediate stop >/dev/null`);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    },
  };
}

/** `own`: always a cluster of the test's own, which it may restart (never CI's shared one). */
export async function testPostgres(options: { own?: boolean } = {}): Promise<TestPostgres> {
  const cluster: { url: string; stop: () => void; restart?: (downMs: number) => Promise<void> } =
    process.env.TEST_DATABASE_URL && !options.own ? { url: process.env.TEST_DATABASE_URL, stop: () => {} } : await throwawayCluster();
  const name = `esk_test_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    ...(cluster.restart ? { restart: cluster.restart } : {}),
    async stop() {
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      cluster.stop();
    },
  };
}
