// `npm run bench -- data`: what requests and periodic jobs cost as the cases pile up. On PostgreSQL
// (TEST_DATABASE_URL, or a throwaway cluster of Debian's PostgreSQL), a fresh schema migrated with the
// server's own migrations is seeded with 10 000 and then 1 000 000 cases and what goes with them
// (bench/data/shape.ts says what); at each size every item runs several times and the median counts.
// The table has a line per item: the median at each size, largest ÷ smallest, and the rows its
// statements' scans read (EXPLAIN ANALYZE). Exits 1 when an item grows more than 2×, naming it.
//
// DATA_SIZES (10000,1000000) and DATA_RUNS (11) scale it: DATA_SIZES=10000,100000 takes a minute.
import { availableParallelism } from 'node:os';
import type { WebhookConfig } from '../server/config.js';
import { startTestBackend, type TestBackend } from '../test/support/backend.js';
import { testPostgres, type TestPostgres } from '../test/support/postgres.js';
import { webhookReceiver } from '../test/support/webhook-receiver.js';
import { ITEMS, type Context } from './data/items.js';
import { RolledBack } from './data/rolled-back.js';
import { seed } from './data/seed.js';
import { BUSY_CITIZEN, MUNICIPALITY } from './data/shape.js';
import { median, table, type Figure } from './data/table.js';

function numbers(name: string, fallback: number[]): number[] {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const values = raw.split(',').map(Number);
  if (values.some((value) => !Number.isInteger(value) || value < 1)) {
    console.error(`${name} must be whole numbers above 0, separated by commas, not "${raw}"`);
    process.exit(2);
  }
  return values;
}

const SIZES = numbers('DATA_SIZES', [10_000, 1_000_000]);
const [RUNS] = numbers('DATA_RUNS', [11]) as [number];

/** Runs each item once untimed (caches, plans), RUNS times timed, and once more to count the rows read. */
async function measure(context: Context, rolled: RolledBack): Promise<Map<string, Figure>> {
  const figures = new Map<string, Figure>();
  for (const item of ITEMS) {
    await rolled.run((db) => item.run(context, db));
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      await rolled.run((db) => item.run(context, db));
      times.push(performance.now() - started);
    }
    const { rowsRead, heaviest } = await rolled.run((db) => item.run(context, db), true);
    // Sending a case goes through the app's own pool: its statements are not on the counting connection.
    figures.set(item.name, { ms: median(times), rowsRead: item.usesPool ? undefined : rowsRead, heaviest });
    console.log(`  ${item.name}: ${median(times).toFixed(2)} ms`);
  }
  return figures;
}

async function atSize(url: string, cases: number, webhooks: WebhookConfig[]): Promise<Map<string, Figure>> {
  let backend: TestBackend | undefined;
  let rolled: RolledBack | undefined;
  try {
    backend = await startTestBackend({ config: { webhooks } });
    const { rows: [{ schema }] } = await backend.db.query<{ schema: string }>('SELECT current_schema() AS schema') as { rows: [{ schema: string }] };
    const now = new Date();
    console.log(`\n${cases.toLocaleString('en-US')} cases: seeding`);
    const started = performance.now();
    await seed(backend.db, cases, now, (step) => console.log(`  ${step}`));
    console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(0)} s; measuring`);
    const { rows } = await backend.db.query<{ id: string }>(
      'SELECT id FROM cases WHERE applicant_personal_number = $1 ORDER BY submitted_at DESC LIMIT 1', [BUSY_CITIZEN]);
    rolled = await RolledBack.open(url, schema);
    return await measure({ app: backend.app, webhooks, now, caseId: rows[0]!.id }, rolled);
  } finally {
    await rolled?.close();
    await backend?.close();
  }
}

console.log(`bench data — sizes ${SIZES.join(', ')}, median of ${RUNS} runs; Node ${process.version}, ${availableParallelism()} cores`);
let postgres: TestPostgres | undefined;
const receiver = await webhookReceiver();
let failed = false;
try {
  postgres = await testPostgres();
  // startTestBackend gives each size a schema of its own on this database.
  process.env.DATABASE_URL = postgres.url;
  const webhooks: WebhookConfig[] = [{ municipalityId: MUNICIPALITY, url: receiver.url, secret: 'bench-webhook-secret-0123456789abcdef' }];
  const bySize = new Map<string, Figure[]>();
  for (const cases of SIZES) {
    for (const [name, figure] of await atSize(postgres.url, cases, webhooks)) bySize.set(name, [...(bySize.get(name) ?? []), figure]);
  }
  const { lines, grown } = table(SIZES, ITEMS.map((item) => item.name), bySize);
  console.log(`\ndata (PostgreSQL): median ms of ${RUNS} runs; rows: what the statements' scans read (EXPLAIN ANALYZE)\n`);
  for (const line of lines) console.log(line);
  for (const line of grown) console.log(`grew more than 2×: ${line}`);
  failed = grown.length > 0;
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await receiver.close();
  await postgres?.stop();
}
process.exit(failed ? 1 : 0);
