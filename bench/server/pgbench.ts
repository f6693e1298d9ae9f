import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Figures } from './cannon.js';

/** Debian's pgbench, of the newest PostgreSQL installed; undefined when there is none. */
export function pgbenchPath(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const version = readdirSync(root).sort((a, b) => Number(a) - Number(b)).pop();
  const path = version && join(root, version, 'bin', 'pgbench');
  return path && existsSync(path) ? path : undefined;
}

/**
 * The yardstick: one single-row INSERT per transaction, each committed (and so flushed to the WAL) as a case
 * is. A table of its own, so the server's tables are not touched.
 */
const TABLE = `CREATE TABLE IF NOT EXISTS pgbench_single_row (
  id bigserial PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL DEFAULT now())`;
const SCRIPT = `INSERT INTO pgbench_single_row (payload) VALUES (md5(random()::text));\n`;

export async function prepareSingleRowInsert(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(TABLE);
  } finally {
    await client.end();
  }
}

/** pgbench -c `clients` -j 2 for `seconds`, latencies from its per-transaction log (microseconds, third column). */
export async function runPgbench(binary: string, url: string, clients: number, seconds: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'esk-pgbench-'));
  try {
    writeFileSync(join(dir, 'insert.sql'), SCRIPT);
    const args = ['-n', '-f', join(dir, 'insert.sql'), '-c', String(clients), '-j', '2', '-T', String(seconds),
      '-l', `--log-prefix=${join(dir, 'log')}`, url];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (chunk) => (text += chunk));
      child.stderr.on('data', (chunk) => (text += chunk));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`pgbench exited with ${code}: ${text.slice(-500)}`))));
    });
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1]);
    const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
    const latencies = readdirSync(dir)
      .filter((name) => name.startsWith('log.'))
      .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
      .filter(Boolean)
      .map((line) => Number(line.split(' ')[2]) / 1000)
      .sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.max(0, Math.ceil((p / 100) * latencies.length) - 1)] ?? Number.NaN;
    return { perSecond: tps, p50: at(50), p99: at(99), max: latencies.at(-1) ?? Number.NaN, errors: failed, ok: latencies.length, others: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
