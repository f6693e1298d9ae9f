// `npm test`: installs what is missing, runs every suite, and ends with one line: "N passed, N failed".
// `npm test -- unit server` runs only the named suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bin, ensureInstall, root, run } from './lib.mjs';

const RESULTS = join(root, '.test-results');

function testFiles(dir) {
  const found = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.test\.ts$/.test(entry.name)) found.push(relative(root, path));
    }
  };
  if (existsSync(join(root, dir))) walk(join(root, dir));
  return found.sort();
}

/** Runs files with Node's test runner, printing its report and reading the counts from a TAP copy. */
async function nodeTests(name, dir, env = {}) {
  const files = testFiles(dir);
  if (files.length === 0) return { passed: 0, failed: 1, note: `no tests in ${dir}` };
  const tap = join(RESULTS, `${name}.tap`);
  const code = await run(process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], { env: { ...process.env, ...env } });
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (label) => Number(text.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  // A crash before any test reported still has to count as a failure.
  return { passed, failed: failed || (code !== 0 ? 1 : 0) };
}

/** A step that is one check: it passes when the command exits 0. */
async function step(command, args, env = {}) {
  const code = await run(command, args, { env: { ...process.env, ...env } });
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

function ensureChromium() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH);
  if (spawnSync('sh', ['-c', 'command -v chromium']).status === 0) return true;
  if (process.getuid?.() === 0) {
    console.log("Installing Debian's chromium for the browser tests…");
    const install = spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'inherit' });
    if (install.status === 0) return true;
  }
  console.error(
    'The browser tests need Chromium. Install it (on Debian: apt-get install chromium) ' +
      'or set CHROME_PATH to a Chromium or Chrome executable.',
  );
  return false;
}

async function browserTests() {
  if (!ensureChromium()) return { passed: 0, failed: 1, note: 'Chromium not found: set CHROME_PATH' };
  const countFile = join(RESULTS, 'browser.json');
  const code = await run(bin('wtr'), ['--config', 'web-test-runner.config.mjs', '--static-logging'], {
    env: { ...process.env, ESK_COUNT_FILE: countFile },
  });
  const counts = existsSync(countFile) ? JSON.parse(readFileSync(countFile, 'utf8')) : { passed: 0, failed: 0 };
  return { passed: counts.passed, failed: counts.failed || (code !== 0 ? 1 : 0) };
}

const suites = {
  typecheck: () => step(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']),
  unit: () => nodeTests('unit', 'test/unit'),
  server: () => nodeTests('server', 'test/server'),
  'server-postgres': () =>
    process.env.TEST_DATABASE_URL
      ? nodeTests('server-postgres', 'test/server', { DATABASE_URL: process.env.TEST_DATABASE_URL })
      : null,
  build: async () => {
    const built = await step(process.execPath, ['scripts/build.mjs']);
    if (built.failed) return built;
    // The Sitevision WebApp's test opens the module's output in Chromium.
    if (!ensureChromium()) return { passed: built.passed, failed: 1, note: 'Chromium not found: set CHROME_PATH' };
    const checks = await nodeTests('build', 'test/build');
    return { passed: checks.passed + 1, failed: checks.failed };
  },
  browser: browserTests,
  e2e: () => (ensureChromium() ? nodeTests('e2e', 'test/e2e') : { passed: 0, failed: 1 }),
  storybook: async () => {
    const built = await step(bin('storybook'), ['build', '--quiet', '--disable-telemetry', '-o', 'storybook-static']);
    if (built.failed || !ensureChromium()) return { passed: built.passed, failed: 1 };
    const stories = await nodeTests('storybook', 'test/storybook');
    return { passed: stories.passed + 1, failed: stories.failed };
  },
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in suites));
if (unknown.length) {
  console.error(`Unknown suite: ${unknown.join(', ')}. Suites: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}

ensureInstall();
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

const started = Date.now();
const results = [];
for (const [name, suite] of Object.entries(suites)) {
  if (wanted.length && !wanted.includes(name)) continue;
  if (name === 'e2e' && wanted.length && !wanted.includes('build') && !existsSync(join(root, 'dist', 'e-service-kit.js'))) {
    await step(process.execPath, ['scripts/build.mjs']);
  }
  console.log(`\n━━ ${name} ━━`);
  const suiteStart = Date.now();
  const result = await suite();
  if (result) results.push({ name, ...result, seconds: (Date.now() - suiteStart) / 1000 });
}

console.log('\n━━ summary ━━');
for (const { name, passed, failed, seconds, note } of results) {
  console.log(`${failed ? '✗' : '✓'} ${name.padEnd(16)} ${String(passed).padStart(4)} passed ${String(failed).padStart(3)} failed  ${seconds.toFixed(1)} s${note ? `  (${note})` : ''}`);
}
console.log(`total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
