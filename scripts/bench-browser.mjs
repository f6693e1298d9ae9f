// `npm run bench` (browser): <e-service-form> beside SurveyJS on the same long e-services, in one
// real Chromium run. Each library gets its own page (bench/browser/*-page.ts, bundled by esbuild,
// minified, code split), served on 127.0.0.1 and driven with playwright-core; the two take turns
// run by run, so that whatever else the machine does falls on both alike. Prints, per e-service,
// median and p95 of first render, keystroke → error gone and keystroke → questions shown/hidden,
// the JS heap and the bytes each page loads (brotli), with the ratio SurveyJS ÷ kit; then the kit
// once more with the CPU slowed 4× (a cheap phone), and a weight table with Form.io.
// BENCH_RUNS scales the number of runs (default 1 = 10 first renders and 20 keystrokes of each kind).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { buildBench } from '../bench/browser/build.mjs';
import { root } from './lib.mjs';

const scale = Number(process.env.BENCH_RUNS ?? 1);
if (!(scale > 0)) {
  console.error(`BENCH_RUNS must be a number above 0, not "${process.env.BENCH_RUNS}"`);
  process.exit(2);
}
/** How many times each thing is measured per library and e-service . */
const RUNS = { firstRender: Math.ceil(10 * scale), keystrokes: Math.ceil(20 * scale), warmUp: 4 };
const LIBRARIES = [
  { id: 'kit', name: 'e-service-kit', page: 'kit.html', input: (id) => `e-service-form #field-${id} input, e-service-form #field-${id} textarea` },
  { id: 'surveyjs', name: 'SurveyJS', page: 'surveyjs.html', input: (id) => `[data-name="${id}"] input, [data-name="${id}"] textarea` },
];
const DEADLINE_MS = 900_000 * scale;

const started = Date.now();
const deadline = setTimeout(() => {
  console.error(`bench: gave up after ${DEADLINE_MS / 1000} s`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

/** The peers live in bench/peers with a package.json of their own, never among the kit's dependencies. */
function ensurePeers() {
  const dir = join(root, 'bench', 'peers');
  const installed = join(dir, 'node_modules', '.package-lock.json');
  const lock = join(dir, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing the libraries the bench compares with (bench/peers: npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm could not install bench/peers');
}

const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
  return { median, p95, runs: sorted.length };
}

const out = mkdtempSync(join(tmpdir(), 'esk-bench-'));
let server;
let browser;

try {
  ensurePeers();
  const { www, forms } = await buildBench(root, out);

  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css' };
  server = createServer((request, response) => {
    const path = normalize(new URL(request.url, 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    let body;
    try {
      body = readFileSync(join(www, path));
    } catch {
      return void response.writeHead(404).end();
    }
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;

  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium: install Debian\'s chromium or set CHROME_PATH');
  browser = await chromium.launch({ executablePath, args: chromiumArgs });

  /** A page of one library with one e-service, in a fresh context; counts the brotli bytes of the scripts and styles it loads. */
  async function openPage(library, form, { throttle = 1 } = {}) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = [];
    const loaded = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('response', (response) => {
      if (/\.(js|css)$/.test(new URL(response.url()).pathname)) loaded.push(response.body().then(brotli, () => 0));
    });
    const cdp = await context.newCDPSession(page);
    if (throttle !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto(`${origin}/${library.page}?form=${form.id}`);
    await page.evaluate(() => window.bench.ready);
    const check = () => {
      if (problems.length) throw new Error(`${library.name}, ${form.id}: the page reported: ${problems.join('; ')}`);
    };
    const bytes = async () => (await Promise.all(loaded)).reduce((sum, size) => sum + size, 0);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    return { page, context, check, bytes, heap };
  }

  /** Keystroke measurements on one open page: the controller shows questions and hides them again, then an error is cleared. */
  async function keystrokes(library, opened, form, run, results) {
    const { page } = opened;
    const input = (id) => page.locator(library.input(id)).first();
    const conditions = {};
    await input('q001').focus();
    for (const expect of ['shown', 'hidden']) {
      await page.evaluate(([ids, expected]) => window.bench.armConditions(ids, expected), [form.controlled, expect]);
      await page.keyboard.press(expect === 'shown' ? '3' : 'Backspace');
      conditions[expect] = await page.evaluate(() => window.bench.result());
    }

    const target = form.targets[run % form.targets.length];
    await page.evaluate(() => window.bench.clearAnswers());
    await page.evaluate(() => window.bench.showErrors());
    await page.waitForFunction((id) => window.bench.showsError(id), target.id, { timeout: 10_000 }).catch(async (error) => {
      const shown = await page.evaluate(() => `${window.bench.errorCount()}, page ${document.querySelector(".sd-page__title")?.textContent}`);
      throw new Error(`${library.name}, ${form.id}: Continue showed no error at ${target.id} (${shown} errors shown): ${error.message}`);
    });
    results.errorCount = await page.evaluate(() => window.bench.errorCount());
    // Some libraries move focus a moment after Continue: let that happen before the bench focuses the question.
    await page.waitForTimeout(100);
    await input(target.id).focus();
    if (!(await input(target.id).evaluate((element) => element.matches(':focus')))) throw new Error(`${library.name}: focus left ${target.id}`);
    await page.evaluate((id) => window.bench.armErrorCleared(id), target.id);
    await page.keyboard.type(target.type === 'number' ? '5' : 'a');
    const cleared = await page.evaluate(() => window.bench.result());
    if (run >= RUNS.warmUp) {
      results.shown.push(conditions.shown);
      results.hidden.push(conditions.hidden);
      results.cleared.push(cleared);
    }
  }

  const emptyResults = () => ({ first: [], shown: [], hidden: [], cleared: [], questions: 0, bytes: 0, heap: 0, errorCount: 0 });
  const table = [];
  for (const form of forms) {
    const results = Object.fromEntries(LIBRARIES.map((library) => [library.id, emptyResults()]));
    // First renders, each in a fresh context (own process, caches and storage): a citizen's first visit.
    for (let run = 0; run < RUNS.firstRender; run++) {
      const order = run % 2 ? [...LIBRARIES].reverse() : LIBRARIES;
      for (const library of order) {
        const opened = await openPage(library, form);
        const result = await opened.page.evaluate(() => window.bench.firstRender());
        opened.check();
        results[library.id].first.push(result);
        results[library.id].questions = result.questions;
        if (run === 0) {
          results[library.id].bytes = await opened.bytes();
          results[library.id].heap = await opened.heap();
        }
        await opened.context.close();
      }
    }
    // Keystrokes: one page per library, as one citizen filling in the form; the libraries take turns.
    const pages = {};
    for (const library of LIBRARIES) {
      pages[library.id] = await openPage(library, form);
      await pages[library.id].page.evaluate(() => window.bench.firstRender());
    }
    const keystrokeRuns = RUNS.warmUp + RUNS.keystrokes;
    for (let run = 0; run < keystrokeRuns; run++) {
      for (const library of run % 2 ? [...LIBRARIES].reverse() : LIBRARIES) {
        await keystrokes(library, pages[library.id], form, run, results[library.id]);
      }
    }
    for (const library of LIBRARIES) {
      pages[library.id].check();
      await pages[library.id].context.close();
    }
    table.push({ form, results });
  }

  // The kit on a cheap phone: the CPU slowed 4×, the one-step e-service.
  const slowForm = forms[0];
  const slow = emptyResults();
  for (let run = 0; run < Math.ceil(RUNS.firstRender / 2); run++) {
    const opened = await openPage(LIBRARIES[0], slowForm, { throttle: 4 });
    slow.first.push(await opened.page.evaluate(() => window.bench.firstRender()));
    opened.check();
    await opened.context.close();
  }
  const slowPage = await openPage(LIBRARIES[0], slowForm, { throttle: 4 });
  await slowPage.page.evaluate(() => window.bench.firstRender());
  for (let run = 0; run < RUNS.warmUp + Math.ceil(RUNS.keystrokes / 2); run++) await keystrokes(LIBRARIES[0], slowPage, slowForm, run, slow);
  slowPage.check();
  await slowPage.context.close();

  // --- report ----------------------------------------------------------------------------------------
  const ms = (value) => `${value.toFixed(1)} ms`;
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const pad = (cells, widths) => cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
  const print = (rows) => {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
    console.log(pad(rows[0], widths));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of rows.slice(1)) console.log(pad(row, widths));
  };
  const ratio = (ours, theirs) => (ours > 0 ? `${(theirs / ours).toFixed(1)}×` : '–');
  const timingRows = (label, kit, survey, pick) => {
    const ours = stats(kit.map(pick));
    const theirs = stats(survey.map(pick));
    return [label, ms(ours.median), ms(ours.p95), ms(theirs.median), ms(theirs.p95), ratio(ours.median, theirs.median), ours.runs];
  };

  console.log(`\ne-service-kit beside SurveyJS (survey-core + survey-js-ui ${peerVersion('survey-js-ui')}) in one Chromium run; median and p95 in ms, ratio = SurveyJS ÷ kit (median)\n`);
  for (const { form, results } of table) {
    const { kit, surveyjs } = results;
    console.log(`${form.id}: ${form.description}; first page shows ${kit.questions} questions (SurveyJS ${surveyjs.questions}); ` +
      `${kit.errorCount} errors listed (SurveyJS ${surveyjs.errorCount}) when typing`);
    print([
      ['measurement', 'kit median', 'kit p95', 'SurveyJS median', 'SurveyJS p95', 'ratio', 'runs'],
      timingRows('first render → questions in the DOM', kit.first, surveyjs.first, (r) => r.dom),
      timingRows('  … → first frame painted', kit.first, surveyjs.first, (r) => r.frame),
      timingRows('  … → every question of the page rendered', kit.first, surveyjs.first, (r) => r.all),
      timingRows('keystroke → error gone', kit.cleared, surveyjs.cleared, (r) => r.dom),
      timingRows('  … → next frame painted', kit.cleared, surveyjs.cleared, (r) => r.frame),
      timingRows(`keystroke in q001 → ${form.controlled.length} questions shown`, kit.shown, surveyjs.shown, (r) => r.dom),
      timingRows('  … → next frame painted', kit.shown, surveyjs.shown, (r) => r.frame),
      timingRows(`keystroke in q001 → ${form.controlled.length} questions hidden`, kit.hidden, surveyjs.hidden, (r) => r.dom),
      timingRows('  … → next frame painted', kit.hidden, surveyjs.hidden, (r) => r.frame),
      ['JS heap after first render (after GC)', kb(kit.heap), '', kb(surveyjs.heap), '', ratio(kit.heap, surveyjs.heap), 1],
      ['bytes the page loads (JS + CSS, brotli)', kb(kit.bytes), '', kb(surveyjs.bytes), '', ratio(kit.bytes, surveyjs.bytes), 1],
    ]);
    console.log('');
  }

  const s = (values, pick) => stats(values.map(pick));
  console.log(`e-service-kit with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate), ${slowForm.id}`);
  print([
    ['measurement', 'median', 'p95', 'runs'],
    ['first render → questions in the DOM', ms(s(slow.first, (r) => r.dom).median), ms(s(slow.first, (r) => r.dom).p95), slow.first.length],
    ['  … → first frame painted', ms(s(slow.first, (r) => r.frame).median), ms(s(slow.first, (r) => r.frame).p95), slow.first.length],
    ['  … → every question rendered', ms(s(slow.first, (r) => r.all).median), ms(s(slow.first, (r) => r.all).p95), slow.first.length],
    ['keystroke → error gone', ms(s(slow.cleared, (r) => r.dom).median), ms(s(slow.cleared, (r) => r.dom).p95), slow.cleared.length],
    ['  … → next frame painted', ms(s(slow.cleared, (r) => r.frame).median), ms(s(slow.cleared, (r) => r.frame).p95), slow.cleared.length],
  ]);

  const formio = ['formio.form.min.js', 'formio.form.min.css'].map((file) => join(root, 'bench', 'peers', 'node_modules', '@formio', 'js', 'dist', file));
  console.log('\nweight: what a page with one form loads at once (JS + CSS, brotli quality 11)');
  print([
    ['library', 'bytes', '÷ kit'],
    ['e-service-kit (<e-service-form>, as loaded above)', kb(table[0].results.kit.bytes), '1.0×'],
    [`SurveyJS ${peerVersion('survey-js-ui')} (survey-core + survey-js-ui + its CSS, as loaded above)`, kb(table[0].results.surveyjs.bytes), ratio(table[0].results.kit.bytes, table[0].results.surveyjs.bytes)],
    [`Form.io ${peerVersion('@formio/js')} (dist/formio.form.min.js + .css)`, kb(formio.reduce((sum, file) => sum + brotli(readFileSync(file)), 0)),
      ratio(table[0].results.kit.bytes, formio.reduce((sum, file) => sum + brotli(readFileSync(file)), 0))],
  ]);

  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  console.log(`\n${RUNS.warmUp} warm-up keystrokes per library not counted; first renders each in a fresh browser context`);
  console.log(`machine: node ${process.version}, Chromium ${browser.version()} (headless), ${availableParallelism()} CPUs (${cpu}), ` +
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

function peerVersion(name) {
  return JSON.parse(readFileSync(join(root, 'bench', 'peers', 'node_modules', name, 'package.json'), 'utf8')).version;
}
