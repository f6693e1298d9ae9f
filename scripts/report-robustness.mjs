// `npm run report:robustness`: runs the robustness checks and prints their figures — fuzzed requests and
// their statuses, bad input refused, the cross-site guard, the authorization matrix, XSS payloads rendered
// in Chromium, instances killed and the database restarted, what was lost or doubled, and a deadline-day
// load on PGlite and PostgreSQL (`npm run bench:load`: throughput, p50/p99, every case counted).
// FUZZ_RUNS=100000 fuzzes longer; TEST_DATABASE_URL=postgres://… fuzzes PostgreSQL too (and the load runs
// on it); LOAD_REQUESTS, LOAD_CITIZENS and LOAD_SECONDS scale the load.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstall, root } from './lib.mjs';

const PARTS = [
  { name: 'fuzz (PGlite)', files: ['test/server/fuzz.test.ts'], env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '5000' } },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: 'fuzz (PostgreSQL)', files: ['test/server/fuzz.test.ts'], env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '5000', DATABASE_URL: process.env.TEST_DATABASE_URL } }]
    : []),
  { name: 'bad input never reaches SQL', files: ['test/server/storable.test.ts'] },
  { name: 'cross-site guard on every spelling, no-store', files: ['test/server/security-paths.test.ts', 'test/server/no-store.test.ts'] },
  { name: 'authorization matrix', files: ['test/server/authorization.test.ts', 'test/server/officer.test.ts'] },
  { name: 'idempotency under concurrency', files: ['test/server/signing-concurrency.test.ts'] },
  { name: 'XSS in Chromium', files: ['test/e2e/xss.test.ts'] },
  { name: 'outbox: once, handed over, taken over', files: ['test/server/outbox.test.ts', 'test/server/shutdown.test.ts'] },
  { name: 'two instances, one killed', files: ['test/e2e/two-instances.test.ts'] },
  { name: 'PostgreSQL restarted under load', files: ['test/e2e/database-restart.test.ts'] },
  { name: 'connection dropped during autosave and upload', files: ['test/e2e/network-drop.test.ts'] },
  // A script, not a test file: one check, passed when it exits 0 (no error, every case counted once).
  { name: 'deadline-day load', script: 'bench/load.ts' },
];

/** A figure line a check prints (console.log) or reports (t.diagnostic), not the runner's own counts. */
const FIGURE = /^(?:#\s+)?(fuzz \(|xss:|killed instance:|PostgreSQL restart:|network drop:|authorization:|load \()/;

function runPart(part) {
  return new Promise((resolve) => {
    const args = part.script ? [part.script] : ['--test', '--test-concurrency=1', '--test-reporter=tap', ...part.files];
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: root, env: { ...process.env, ...part.env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => {
      const count = (label) => Number(out.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
      const figures = out.split('\n').map((line) => line.trim()).filter((line) => FIGURE.test(line)).map((line) => line.replace(/^#\s+/, ''));
      if (part.script) resolve({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, figures, out });
      else resolve({ passed: count('pass'), failed: count('fail') + count('cancelled') || (code ? 1 : 0), figures, out });
    });
  });
}

ensureInstall();
if (!existsSync(join(root, 'dist', 'e-service-kit.js'))) {
  await new Promise((resolve) => spawn(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' }).on('exit', resolve));
}
const started = Date.now();
const results = [];
for (const part of PARTS) {
  process.stdout.write(`… ${part.name}\n`);
  const result = await runPart(part);
  results.push({ ...part, ...result });
  if (result.failed) process.stdout.write(result.out.split('\n').filter((line) => /not ok|error:|Error|mismatch:/.test(line)).slice(0, 20).join('\n') + '\n');
}

console.log('\nRobustness report');
console.log('=================');
for (const { name, passed, failed, figures } of results) {
  console.log(`\n${failed ? '✗' : '✓'} ${name}: ${passed} checks passed, ${failed} failed`);
  for (const figure of figures) console.log(`    ${figure}`);
}
const failed = results.reduce((sum, result) => sum + result.failed, 0);
console.log(`\n${results.reduce((sum, result) => sum + result.passed, 0)} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
