// `npm run bench` (browser): how fast <e-service-form> is with a 300-question e-service, in real Chromium.
// Builds a bench page with esbuild (Lit in production mode, minified, as citizens get it), serves it
// on 127.0.0.1, drives it with playwright-core and prints a table. No backend: the page's KitClient
// answers GET api/services/stress-300 from memory. Always does the same things in the same order.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { root } from './lib.mjs';

/** How many times each thing is measured (conditions: half show, half hide; warm-up keystrokes are not counted). */
const RUNS = { firstRender: 10, conditions: 60, errors: 30, warmUp: 4 };
/** The whole bench must end within this, whatever happens. */
const DEADLINE_MS = 110_000;

const started = Date.now();
const deadline = setTimeout(() => {
  console.error(`bench: gave up after ${DEADLINE_MS / 1000} s`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

const out = mkdtempSync(join(tmpdir(), 'esk-bench-'));
let server;
let browser;

try {
  // --- build: the definition (checked by the contract's schema) and the page -----------------------
  const common = { bundle: true, logLevel: 'warning', absWorkingDir: root, tsconfig: join(root, 'tsconfig.json') };
  await build({
    ...common,
    entryPoints: ['bench/write-stress-definition.ts'],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: join(out, 'node', 'stress.mjs'),
  });
  const stress = await import(pathToFileURL(join(out, 'node', 'stress.mjs')).href);
  const { questions } = stress.writeStressDefinition(join(out, 'www'));
  const definition = JSON.parse(readFileSync(join(out, 'www', `${stress.STRESS_SERVICE_ID}.json`), 'utf8'));
  const controlled = stress.stressControlled(definition);
  const targets = stress.stressErrorTargets(definition);

  await build({
    ...common,
    entryPoints: ['bench/bench-page.ts'],
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    outfile: join(out, 'www', 'bench-page.js'),
  });
  writeFileSync(
    join(out, 'www', 'index.html'),
    '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>e-service-kit bench</title><link rel="icon" href="data:,"></head>' +
      '<body><main></main><script type="module" src="/bench-page.js"></script></body></html>',
  );
  const pageBytes = statSync(join(out, 'www', 'bench-page.js')).size;

  // --- serve it ------------------------------------------------------------------------------------
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json' };
  server = createServer((request, response) => {
    const path = normalize(new URL(request.url, 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    const file = join(out, 'www', path === '/' ? 'index.html' : path);
    let body;
    try {
      body = readFileSync(file);
    } catch {
      return void response.writeHead(404).end();
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;

  // --- measure ---------------------------------------------------------------------------------------
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium: install Debian\'s chromium or set CHROME_PATH');
  browser = await chromium.launch({ executablePath, args: chromiumArgs });

  async function openPage(context) {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.goto(url);
    await page.evaluate(() => window.bench.ready);
    return { page, problems };
  }

  // 1. First render, each in a fresh context (own process, caches and storage): what a citizen's first visit costs.
  const firstRender = [];
  let shownQuestions = 0;
  let litElements = 0;
  for (let run = 0; run < RUNS.firstRender; run++) {
    const context = await browser.newContext();
    const { page, problems } = await openPage(context);
    const result = await page.evaluate(() => window.bench.firstRender());
    if (problems.length) throw new Error(`the page reported: ${problems.join('; ')}`);
    firstRender.push(result);
    shownQuestions = result.questions;
    litElements = result.elements;
    await context.close();
  }

  // The keystroke measurements share one page, as one citizen filling in the form.
  const context = await browser.newContext();
  const { page, problems } = await openPage(context);
  await page.evaluate(() => window.bench.firstRender());
  const input = (id) => page.locator(`#field-${id} input, #field-${id} textarea`).first();

  // 2. The controller: '3' shows its dependent questions, Backspace hides them again; alternating.
  const shown = [];
  const hidden = [];
  await input(stress.STRESS_CONTROLLER).focus();
  for (let run = 0; run < RUNS.warmUp + RUNS.conditions; run++) {
    const show = run % 2 === 0;
    await page.evaluate(([ids, expect]) => window.bench.armConditions(ids, expect), [controlled.shown, show ? 'shown' : 'hidden']);
    await page.keyboard.press(show ? '3' : 'Backspace');
    const result = await page.evaluate(() => window.bench.result());
    if (run >= RUNS.warmUp) (show ? shown : hidden).push(result);
  }

  // 3. Errors: every answer emptied, Continue (the summary lists every required question of the step),
  //    then one character into a question with an error; the questions with errors take turns.
  const cleared = [];
  const submit = page.locator('e-service-form [part=submit-button]');
  let errorsShown = 0;
  for (let run = 0; run < RUNS.warmUp + RUNS.errors; run++) {
    const target = targets[run % targets.length];
    const field = input(target.id);
    await page.evaluate(() => window.bench.clearAnswers());
    await submit.click();
    await page.waitForFunction((id) => window.bench.summaryLists(id), target.id);
    errorsShown = await page.evaluate(() => window.bench.summaryLength());
    await field.focus();
    await page.evaluate((id) => window.bench.armErrorCleared(id), target.id);
    await page.keyboard.type(target.type === 'number' ? '5' : 'a');
    const result = await page.evaluate(() => window.bench.result());
    if (run >= RUNS.warmUp) cleared.push(result);
  }
  if (problems.length) throw new Error(`the page reported: ${problems.join('; ')}`);
  const chromiumVersion = browser.version();
  await context.close();

  // --- report ----------------------------------------------------------------------------------------
  const stats = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length / 2;
    const median = sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
    return { median, p95, max: sorted.at(-1), runs: sorted.length };
  };
  const rows = [
    ['first render: create → step 1 rendered', firstRender.map((r) => r.dom)],
    ['  … → next frame painted', firstRender.map((r) => r.frame)],
    [`keystroke → error gone (summary + field)`, cleared.map((r) => r.dom)],
    ['  … → next frame painted', cleared.map((r) => r.frame)],
    [`keystroke in ${stress.STRESS_CONTROLLER} → ${controlled.shown.length} questions shown`, shown.map((r) => r.dom)],
    ['  … → next frame painted', shown.map((r) => r.frame)],
    [`keystroke in ${stress.STRESS_CONTROLLER} → ${controlled.shown.length} questions hidden`, hidden.map((r) => r.dom)],
    ['  … → next frame painted', hidden.map((r) => r.frame)],
  ];
  const ms = (value) => `${value.toFixed(1)} ms`;
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\ne-service-kit bench: ${questions} questions in ${definition.steps.length} steps (${definition.id}), first step ` +
    `${shownQuestions} questions shown of ${definition.steps[0].fields.length}, ${litElements} Lit elements; ` +
    `bench page ${(pageBytes / 1024).toFixed(0)} KB minified, Lit in production mode\n`);
  console.log(`${'measurement'.padEnd(width)}  ${'median'.padStart(9)}  ${'p95'.padStart(9)}  ${'max'.padStart(9)}  runs`);
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(9)}  ${'-'.repeat(9)}  ${'-'.repeat(9)}  ----`);
  for (const [label, values] of rows) {
    const s = stats(values);
    console.log(`${label.padEnd(width)}  ${ms(s.median).padStart(9)}  ${ms(s.p95).padStart(9)}  ${ms(s.max).padStart(9)}  ${String(s.runs).padStart(4)}`);
  }
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  console.log(`\nerror runs: ${targets.length} questions in turn (${targets.map((t) => t.id).join(', ')}), ${errorsShown} errors in the summary when typing; ` +
    `${RUNS.warmUp} warm-up keystrokes not counted`);
  console.log(`machine: node ${process.version}, Chromium ${chromiumVersion} (headless), ${availableParallelism()} CPUs (${cpu}), ` +
    `${(totalmem() / 2 ** 30).toFixed(1)} GB, ${platform()} ${release()}`);
  console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`bench failed: ${error instanceof Error ? error.stack ?? error.message : error}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  server?.close();
  rmSync(out, { recursive: true, force: true });
}
