// `npm test`: installs what is missing, runs every suite, and ends with one line: "N passed, N failed".
// `npm test -- unit server` runs only the named suites.
// The suites run in two lanes side by side (TEST_LANES=1 runs them one after another): most of them wait
// on a browser, a database or a child server as much as they compute, so two lanes use both cores of a
// small CI machine. One lane prints as it goes; the other's output is kept in .test-results/<suite>.log
// and printed whole when that suite ends, so no two suites' lines are mixed.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bin, ensureDebianCommands, ensureInstall, root, run } from './lib.mjs';

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

/**
 * The files in `groups` processes rather than one each: an entry file per group imports its share. Node's test runner
 * starts a process per file, and for a server test that start — Node, tsx, the server's modules, PGlite's WebAssembly —
 * costs 3–5 s of CPU before a test runs, over fifty files minutes of a run (Node 22's --experimental-test-isolation=none
 * does the same). Each file still builds its own backend on its own database; what the files share is the process.
 */
function grouped(name, files, groups) {
  const folder = join(RESULTS, `${name}-groups`);
  mkdirSync(folder, { recursive: true });
  return Array.from({ length: Math.min(groups, files.length) }, (_, index) => {
    const entry = join(folder, `group-${index + 1}.test.mjs`);
    const share = files.filter((_, at) => at % groups === index);
    writeFileSync(entry, share.map((file) => `import ${JSON.stringify(join(root, file))};\n`).join(''));
    return relative(root, entry);
  });
}

/** Runs files with Node's test runner, printing its report and reading the counts from a TAP copy. */
async function nodeTests(io, name, dir, env = {}, { groups } = {}) {
  const found = testFiles(dir);
  if (found.length === 0) return { passed: 0, failed: 1, note: `no tests in ${dir}` };
  const files = groups ? grouped(name, found, groups) : found;
  const tap = join(RESULTS, `${name}.tap`);
  const code = await run(process.execPath, [
    // Each test file is a process of its own that opens PGlite (WebAssembly) for a few seconds: there, V8's second,
    // optimising compiler costs more CPU than it wins back — a third of the time of a database's start and first queries.
    '--liftoff-only',
    '--import', 'tsx', '--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], { ...io, env: { ...process.env, ...env } });
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (label) => Number(text.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  // A crash before any test reported still has to count as a failure.
  return { passed, failed: failed || (code !== 0 ? 1 : 0), failures: tapFailures(text) };
}

/**
 * The failed tests in a TAP report, each named with the suites around it. A suite that failed only
 * because a test in it failed is left out: the test names it.
 */
function tapFailures(text) {
  const failures = [];
  const open = [];
  const lines = text.split('\n');
  let reasonFor = null;
  lines.forEach((line, index) => {
    const subtest = line.match(/^( *)# Subtest: (.*)$/);
    if (subtest) {
      const depth = subtest[1].length / 4;
      open.length = depth;
      open[depth] = subtest[2];
      reasonFor = null;
      return;
    }
    const result = line.match(/^( *)not ok \d+ - (.*?)(?: # .*)?$/);
    if (result) {
      const depth = result[1].length / 4;
      const name = [...open.slice(0, depth), result[2]].join(' › ');
      // A parent reported after its children: left out when a child of it is already listed.
      reasonFor = failures.some((failure) => failure.name.startsWith(`${name} › `)) ? null : { name, reason: '' };
      if (reasonFor) failures.push(reasonFor);
      return;
    }
    // The YAML block after "not ok" says why: "error: 'message'" or "error: |-" and the message below.
    const error = reasonFor && !reasonFor.reason && line.match(/^ *error: (.*)$/);
    if (error) {
      const inline = error[1].replace(/^['"]|['"]$/g, '');
      reasonFor.reason = (/^[|>]-?$/.test(inline) ? lines[index + 1] ?? '' : inline).trim().slice(0, 200);
    }
  });
  return failures.map(({ name, reason }) => (reason ? `${name}: ${reason}` : name));
}

/** A step that is one check: it passes when the command exits 0. */
async function step(io, command, args, env = {}) {
  const code = await run(command, args, { ...io, env: { ...process.env, ...env } });
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

async function browserTests(io) {
  if (!chromiumFound) return { passed: 0, failed: 1, note: 'Chromium not found: set CHROME_PATH' };
  const countFile = join(RESULTS, 'browser.json');
  const code = await run(bin('wtr'), ['--config', 'web-test-runner.config.mjs', '--static-logging'], {
    ...io,
    env: { ...process.env, ESK_COUNT_FILE: countFile },
  });
  const counts = existsSync(countFile) ? JSON.parse(readFileSync(countFile, 'utf8')) : { passed: 0, failed: 0 };
  return { passed: counts.passed, failed: counts.failed || (code !== 0 ? 1 : 0), failures: counts.failures ?? [] };
}

/** How many processes the server tests share (see grouped()). */
const SERVER_GROUPS = 6;

const NO_CHROMIUM = { passed: 0, failed: 1, note: 'Chromium not found: set CHROME_PATH' };

/** Each suite gets `io`, the spawn options that send its commands' output to the terminal or to its log. */
const suites = {
  typecheck: (io) => step(io, bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']),
  unit: (io) => nodeTests(io, 'unit', 'test/unit'),
  server: (io) => nodeTests(io, 'server', 'test/server', {}, { groups: SERVER_GROUPS }),
  'server-postgres': (io) =>
    process.env.TEST_DATABASE_URL
      ? nodeTests(io, 'server-postgres', 'test/server', { DATABASE_URL: process.env.TEST_DATABASE_URL }, { groups: SERVER_GROUPS })
      : null,
  build: async (io) => {
    const built = await step(io, process.execPath, ['scripts/build.mjs']);
    if (built.failed) return built;
    // The Sitevision WebApp's test opens the module's output in Chromium.
    if (!chromiumFound) return { ...NO_CHROMIUM, passed: built.passed };
    const checks = await nodeTests(io, 'build', 'test/build');
    return { ...checks, passed: checks.passed + 1 };
  },
  browser: browserTests,
  e2e: (io) => (chromiumFound ? nodeTests(io, 'e2e', 'test/e2e') : NO_CHROMIUM),
  storybook: async (io) => {
    const built = await step(io, bin('storybook'), ['build', '--quiet', '--disable-telemetry', '-o', 'storybook-static']);
    if (built.failed || !chromiumFound) return { passed: built.passed, failed: 1 };
    const stories = await nodeTests(io, 'storybook', 'test/storybook');
    return { ...stories, passed: stories.passed + 1 };
  },
};

/**
 * Two lanes of about the same length (seconds in CI, 2 cores, the lanes side by side, at 64459fa: typecheck 40,
 * unit 34, server 581, server-postgres 260, build 155, browser 255, e2e 922, storybook 310; the server suites have
 * since shared six processes: 195 and 122 s on a quiet machine). e2e needs build's dist/, so both are in one lane,
 * build first, and they are the longest: everything else is the other lane. The two that drive the most browsers
 * (e2e, storybook) are in different lanes.
 */
const LANES = [
  ['build', 'e2e'],
  ['typecheck', 'unit', 'server', 'server-postgres', 'storybook', 'browser'],
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in suites));
if (unknown.length) {
  console.error(`Unknown suite: ${unknown.join(', ')}. Suites: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}

ensureInstall();
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
// The accessibility checks write what they tried here, for `npm run report:a11y`.
process.env.A11Y_RESULTS ??= join(RESULTS, 'a11y.jsonl');

const chosen = (name) => !wanted.length || wanted.includes(name);
const needsChromium = ['build', 'browser', 'e2e', 'storybook'].some(chosen);
// Found (or installed) once, before the lanes start, so that two lanes never run apt-get together.
const chromiumFound = needsChromium && ensureChromium();
// The server tests read the case PDFs they fetch with qpdf and pdftotext (test/server/support/pdf-structure.ts).
if (['server', 'server-postgres'].some(chosen)) ensureDebianCommands({ qpdf: 'qpdf', pdftotext: 'poppler-utils' }, 'the PDF checks of the server tests');

if (chosen('e2e') && !chosen('build') && !existsSync(join(root, 'dist', 'e-service-kit.js'))) {
  await run(process.execPath, ['scripts/build.mjs']);
}

const lanes = process.env.TEST_LANES === '1' ? [LANES.flat()] : LANES;
const started = Date.now();
const results = [];

async function runLane(names, live) {
  for (const name of names.filter(chosen)) {
    const suiteStart = Date.now();
    const log = join(RESULTS, `${name}.log`);
    const fd = live ? undefined : openSync(log, 'w');
    console.log(live ? `\n━━ ${name} ━━` : `\n━━ ${name} runs beside the others; its output follows when it ends ━━`);
    const result = await suites[name](live ? {} : { stdio: ['ignore', fd, fd] });
    if (!live) {
      closeSync(fd);
      console.log(`\n━━ ${name} ━━\n${readFileSync(log, 'utf8').trimEnd()}\n━━ end of ${name} ━━`);
    }
    if (result) results.push({ name, ...result, seconds: (Date.now() - suiteStart) / 1000 });
  }
}

await Promise.all(lanes.map((names, index) => runLane(names, index === 0)));

const order = Object.keys(suites);
results.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
console.log('\n━━ summary ━━');
for (const { name, passed, failed, seconds, note, failures = [] } of results) {
  console.log(`${failed ? '✗' : '✓'} ${name.padEnd(16)} ${String(passed).padStart(4)} passed ${String(failed).padStart(3)} failed  ${seconds.toFixed(1)} s${note ? `  (${note})` : ''}`);
  // Named here too, so that the last lines of a long log say what failed without a search through it.
  for (const failure of failures.slice(0, 10)) console.log(`    ✗ ${failure}`);
  if (failures.length > 10) console.log(`    … and ${failures.length - 10} more (see the suite's output above)`);
}
console.log(`total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
