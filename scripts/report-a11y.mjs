// `npm run report:a11y`: an accessibility report in Swedish, from what the accessibility checks ran — every
// story of every widget in Chromium (axe, reflow, text spacing, forced colours, contrast, the accessibility
// tree) and the focus walks through the demo's flows by keyboard and mouse. A municipality can base its
// tillgänglighetsredogörelse on it. `npm test` leaves the checks' records in .test-results/a11y.jsonl; this
// script uses them when they are there (`--run` runs the checks anew), and writes the report to stdout and
// to .test-results/tillganglighetsrapport.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, ensureInstall, root } from './lib.mjs';
import { CRITERIA, HUMAN_JUDGEMENT, KNOWN_LIMITS } from './report-a11y-texts.mjs';

const RESULTS = join(root, '.test-results');
const RECORDS = join(RESULTS, 'a11y.jsonl');
const REPORT = join(RESULTS, 'tillganglighetsrapport.md');

function runChecks() {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(RECORDS, '');
  const env = { ...process.env, A11Y_RESULTS: RECORDS };
  const quietly = (command, args) => new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => resolve({ code, out }));
  });
  return (async () => {
    process.stdout.write('… bygger Storybook och kitet\n');
    const storybook = await quietly(bin('storybook'), ['build', '--quiet', '--disable-telemetry', '-o', 'storybook-static']);
    if (storybook.code !== 0) throw new Error(`Storybook could not be built:\n${storybook.out}`);
    const kit = await quietly(process.execPath, ['scripts/build.mjs']);
    if (kit.code !== 0) throw new Error(`The kit could not be built:\n${kit.out}`);
    process.stdout.write('… kör kontrollerna i Chromium (några minuter)\n');
    const stories = readdirSync(join(root, 'test/storybook')).filter((name) => name.endsWith('.test.ts')).map((name) => `test/storybook/${name}`);
    const files = [...stories, 'test/e2e/focus.test.ts'].filter((file) => existsSync(join(root, file)));
    const checks = await quietly(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=tap', ...files]);
    if (checks.code !== 0) process.stdout.write(checks.out.split('\n').filter((line) => /not ok|Error/.test(line)).slice(0, 20).join('\n') + '\n');
  })();
}

/** The version of a package as installed, for "which tools". */
const version = (name) => {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'okänd';
  }
};

function chromiumVersion() {
  const path = process.env.CHROME_PATH ?? 'chromium';
  const result = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'Chromium (okänd version)';
}

function commit() {
  const result = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'okänd';
}

ensureInstall();
const fresh = existsSync(RECORDS) && statSync(RECORDS).size > 0 && !process.argv.includes('--run');
if (!fresh) await runChecks();
const records = readFileSync(RECORDS, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
if (records.length === 0) {
  console.error('Inga kontroller kördes: se till att Chromium finns (CHROME_PATH) och kör `npm run report:a11y -- --run`.');
  process.exit(1);
}

const states = new Set(records.map((r) => `${r.suite}\u0000${r.state}`));
const widgets = new Set(records.filter((r) => r.suite === 'storybook').map((r) => r.state.split(' › ')[0]));
const failed = records.filter((r) => !r.passed);
const byCheck = new Map();
for (const record of records) {
  const entry = byCheck.get(record.check) ?? { passed: 0, failed: 0, criteria: new Set() };
  entry[record.passed ? 'passed' : 'failed'] += 1;
  for (const criterion of record.criteria) entry.criteria.add(criterion);
  byCheck.set(record.check, entry);
}
const byCriterion = new Map();
for (const record of records) {
  for (const criterion of record.criteria) {
    const entry = byCriterion.get(criterion) ?? { passed: 0, failed: 0 };
    entry[record.passed ? 'passed' : 'failed'] += 1;
    byCriterion.set(criterion, entry);
  }
}
const order = (a, b) => a.split('.').map(Number).reduce((d, n, i) => d || n - Number(b.split('.')[i] ?? 0), 0);
const tested = [...byCriterion.keys()].sort(order);
const untested = Object.keys(CRITERIA).filter((criterion) => !byCriterion.has(criterion)).sort(order);
const when = new Date(statSync(RECORDS).mtime).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' });
const name = (criterion) => CRITERIA[criterion]?.name ?? '';
const level = (criterion) => CRITERIA[criterion]?.level ?? '';

const lines = [
  '# Tillgänglighetsrapport för e-service-kit',
  '',
  `Kontrollerna kördes ${when} på version ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version} (commit ${commit()}).`,
  '',
  '## Sammanfattning',
  '',
  `- ${states.size} tillstånd kontrollerade: varje berättelse (story) för ${widgets.size} komponenter i Storybook och varje steg i flödena på demosidan, med tangentbord och med mus.`,
  `- ${records.length} kontroller, ${records.length - failed.length} godkända och ${failed.length} underkända.`,
  `- ${tested.length} framgångskriterier i WCAG 2.1 (nivå A och AA) prövades automatiskt; ${untested.length} av kriterierna nedan kräver en människas bedömning eller prövas inte av kitets kontroller.`,
  '',
  '## Så testades det',
  '',
  `- Webbläsare: ${chromiumVersion()}, styrd av Playwright ${version('playwright-core')}.`,
  `- axe-core ${version('axe-core')} med reglerna för WCAG 2.0/2.1 A och AA samt bästa praxis, i det tillstånd varje berättelse lämnar.`,
  '- Omflytning: fönstret 320 × 640 CSS-pixlar, ingen vågrät rullning och inget som sticker ut till höger.',
  '- Textavstånd: radavstånd 1,5, teckenavstånd 0,12 em, ordavstånd 0,16 em och styckeavstånd 2 em, även inne i komponenternas shadow DOM; ingen text får klippas eller överlappa.',
  '- Tvingade färger (forced-colors: active, som Windows kontrastteman): fältens kanter, fokusmarkeringen, valda alternativ och knappar ska synas.',
  '- Kontrast för icke-text: fältkanter och fokusmarkering minst 3:1 mot bakgrunden, med kommunernas exempelteman.',
  '- Tillgänglighetsträdet som Chromium ger skärmläsare (CDP Accessibility.getFullAXTree): varje frågas namn är dess synliga etikett, obligatorisk och felaktig markeras, felet hör till fältet, stegets rubrik finns, BankID-status läses i ett live-område och QR-koden har en textbeskrivning.',
  '- Fokus: efter varje stegbyte, dialog, borttagning, inskickning, underskrift och inloggning står fokus på något meningsfullt och syns för den som använder tangentbord.',
  '',
  '## Resultat per kontroll',
  '',
  '| kontroll | godkända | underkända | kriterier |',
  '| --- | ---: | ---: | --- |',
  ...[...byCheck].map(([check, e]) => `| ${check} | ${e.passed} | ${e.failed} | ${[...e.criteria].sort(order).join(', ')} |`),
  '',
  '## Resultat per framgångskriterium',
  '',
  '| kriterium | nivå | namn | godkända | underkända |',
  '| --- | --- | --- | ---: | ---: |',
  ...tested.map((c) => `| ${c} | ${level(c)} | ${name(c)} | ${byCriterion.get(c).passed} | ${byCriterion.get(c).failed} |`),
  '',
  ...(failed.length
    ? ['## Underkända kontroller', '', ...failed.slice(0, 50).map((r) => `- ${r.state}: ${r.check}${r.detail ? ` – ${r.detail}` : ''}`), '']
    : []),
  '## Kriterier som kontrollerna inte prövar',
  '',
  ...untested.map((c) => `- ${c} ${name(c)} (${level(c)}): ${CRITERIA[c].why}`),
  '',
  '## Det som bara en människa kan bedöma',
  '',
  ...HUMAN_JUDGEMENT.map((text) => `- ${text}`),
  '',
  '## Kända begränsningar',
  '',
  ...KNOWN_LIMITS.map((text) => `- ${text}`),
  '',
  '## Till tillgänglighetsredogörelsen',
  '',
  'Lagen om tillgänglighet till digital offentlig service (DOS-lagen) kräver att kommunen publicerar en tillgänglighetsredogörelse för sin webbplats, efter Myndigheten för digital förvaltnings (Digg) mall. Rapporten beskriver e-tjänsternas komponenter som de levereras; kommunens egen sida, dess tema (färger och typsnitt) och texterna i e-tjänsterna behöver granskas på plats. Kör `npm run theme-check -- <tema>.css` för kommunens färger, och låt en person med skärmläsare pröva de viktigaste e-tjänsterna.',
  '',
];
const report = lines.join('\n');
mkdirSync(RESULTS, { recursive: true });
writeFileSync(REPORT, report);
console.log(report);
console.log(`(Rapporten finns också i ${REPORT.replace(root, '')}.${fresh ? ' Kontrollerna kommer från den senaste `npm test`; `npm run report:a11y -- --run` kör dem på nytt.' : ''})`);
process.exit(failed.length ? 1 : 0);
