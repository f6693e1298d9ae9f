import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../server/app.js';
import { readConfig, type ServerConfig } from '../../server/config.js';
import { loadDefinitions, readDemoDefinitions } from '../../server/services/definitions.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import { openDatabase, type Database } from '../../server/store/database.js';
import { migrate } from '../../server/store/migrate.js';
import { migratedTemplate } from './pglite-template.js';

/**
 * A real backend for a test: the real app on a real database — in-memory PGlite,
 * or, when DATABASE_URL is set, a schema of its own on that PostgreSQL server.
 */
export interface TestBackend {
  app: FastifyInstance;
  db: Database;
  config: ServerConfig;
  /** Everything the server logged, one JSON line each. */
  logs: string[];
  close(): Promise<void>;
}

export interface TestBackendOptions {
  config?: Partial<ServerConfig>;
  extraDefinitions?: ServiceDefinition[];
  /** A PGlite folder; the test then uses PGlite even where DATABASE_URL is set. */
  dataDir?: string;
  /** The clock, the BankID (e.g. a simulator with an injected clock), the e-ID broker and the payment providers the app uses. */
  app?: Pick<AppOptions, 'now' | 'bankId' | 'broker' | 'payments'>;
}

export async function startTestBackend(options: TestBackendOptions = {}): Promise<TestBackend> {
  const databaseUrl = options.dataDir ? undefined : process.env.DATABASE_URL;
  const schema = databaseUrl ? `test_${randomBytes(6).toString('hex')}` : undefined;
  const inMemory = !databaseUrl && !options.dataDir;
  const db = await openDatabase({
    databaseUrl, dataDir: options.dataDir ?? ':memory:', schema, pgliteTemplate: inMemory ? await migratedTemplate() : undefined,
  });
  // Also on a database from the template: a no-op there, but the migrations the server runs at start.
  await migrate(db);
  await loadDefinitions(db, [...(await readDemoDefinitions()), ...(options.extraDefinitions ?? [])]);
  const logs: string[] = [];
  const config: ServerConfig = {
    ...readConfig({}),
    kitDir: undefined,
    demoDir: undefined,
    allowedOrigins: ['https://www.exempelby.se'],
    // Tests send many cases from one address; the limit itself has a test of its own.
    rateLimits: { casesPerMinute: 10_000, uploadsPerMinute: 10_000 },
    ...options.config,
  };
  const app = await buildApp({
    ...options.app,
    config,
    db,
    logStream: new Writable({
      write(chunk, _encoding, done) {
        logs.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    }),
  });
  await app.ready();
  return {
    app,
    db,
    config,
    logs,
    async close() {
      await app.close();
      if (schema) await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}

export const KIT_HEADERS = { 'content-type': 'application/json', 'x-requested-with': 'e-service-kit' };

export function newKey(): string {
  return `test-${randomBytes(12).toString('hex')}`;
}

export const VALID_FAULT_REPORT = {
  serviceId: 'felanmalan',
  serviceVersion: 1,
  lang: 'sv',
  answers: {
    category: 'belysning',
    place: 'Storgatan 12',
    description: 'Lampan vid övergångsstället är släckt sedan i måndags.',
    urgent: 'nej',
    email: 'anna.andersson@example.com',
  },
} as const;

export async function countCases(db: Database): Promise<number> {
  const { rows } = await db.query<{ count: string | number }>('SELECT count(*) AS count FROM cases');
  return Number(rows[0]!.count);
}
