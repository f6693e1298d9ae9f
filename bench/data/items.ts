import type { FastifyInstance } from 'fastify';
import type { WebhookConfig } from '../../server/config.js';
import { runCosignDeadlines } from '../../server/cosigning/deadline.js';
import { deleteUnclaimedAttachments } from '../../server/jobs/attachment-cleanup.js';
import { runRetention } from '../../server/jobs/retention.js';
import { deleteExpiredSessions } from '../../server/jobs/session-cleanup.js';
import { queueReceipts, sendDueBatch } from '../../server/notify/notifications.js';
import { listCases } from '../../server/officer/cases.js';
import { DatabaseBlobStore } from '../../server/attachments/db-store.js';
import { MyCasesService } from '../../server/services/my-cases.js';
import type { Database } from '../../server/store/database.js';
import { deliverDueBatch, enqueueSubmittedCases } from '../../server/webhooks/deliveries.js';
import { KIT_HEADERS, newKey, VALID_FAULT_REPORT } from '../../test/support/backend.js';
import { BUSY_CITIZEN, MUNICIPALITY } from './shape.js';

export interface Context {
  app: FastifyInstance;
  webhooks: WebhookConfig[];
  now: Date;
  /** One of the busy citizen's cases, for the case view. */
  caseId: string;
}

/**
 * One line of the table: the server's own code for a request or a job's run, given the connection
 * whose transaction is rolled back afterwards (bench/data/rolled-back.ts), so each run has the same
 * work. Sending a case goes through the app and its pool, and stays.
 */
export interface Item {
  name: string;
  kind: 'request' | 'job';
  /** Runs on the app's pool, not on the connection given (its rows read are not counted). */
  usesPool?: boolean;
  run(context: Context, db: Database): Promise<unknown>;
}

const myCases = (db: Database, now: Date) => new MyCasesService(db, new DatabaseBlobStore(db), () => now);
const silent = { info() {}, warn() {}, error() {} };
const nowhere = { send: async () => {} };

export const ITEMS: Item[] = [
  {
    name: 'send a case (POST /api/cases)', kind: 'request', usesPool: true,
    async run({ app }) {
      const response = await app.inject({ method: 'POST', url: '/api/cases', headers: { ...KIT_HEADERS, 'idempotency-key': newKey() }, payload: VALID_FAULT_REPORT });
      if (response.statusCode !== 201) throw new Error(`POST /api/cases answered ${response.statusCode}: ${response.body}`);
    },
  },
  { name: 'Mina sidor: my cases, first page', kind: 'request', run: ({ now }, db) => myCases(db, now).list(BUSY_CITIZEN, {}, 'sv') },
  { name: 'Mina sidor: one case', kind: 'request', run: ({ now, caseId }, db) => myCases(db, now).details(BUSY_CITIZEN, caseId, 'sv') },
  { name: 'officer API: case list, first page', kind: 'request', run: (_, db) => listCases(db, MUNICIPALITY, { limit: 50 }) },
  { name: 'retention (hourly, at start)', kind: 'job', run: ({ now }, db) => runRetention(db, now) },
  { name: 'cosign deadline + unsent cleanup (10 min)', kind: 'job', run: ({ now }, db) => runCosignDeadlines(db, now, 'https://www.exempelby.se/medsignera') },
  { name: 'notify: receipt catch-up (worker start)', kind: 'job', run: ({ now }, db) => queueReceipts(db, now) },
  {
    name: 'notify: send round (every second idle)', kind: 'job',
    run: ({ now }, db) => sendDueBatch(db, { mailer: nowhere, sms: nowhere, maxAttempts: 8, now: () => now, log: silent }),
  },
  { name: 'webhook: catch-up (worker start)', kind: 'job', run: ({ now, webhooks }, db) => enqueueSubmittedCases(db, webhooks, now) },
  {
    name: 'webhook: delivery round (every second idle)', kind: 'job',
    run: ({ now, webhooks }, db) => deliverDueBatch(db, { webhooks, maxAttempts: 8, now: () => now, log: silent }),
  },
  { name: 'session cleanup (10 min)', kind: 'job', run: ({ now }, db) => deleteExpiredSessions(db, now) },
  {
    name: 'attachment cleanup (hourly)', kind: 'job',
    run: ({ now }, db) => deleteUnclaimedAttachments(db, new Date(now.getTime() - 24 * 3_600_000), undefined, now),
  },
];
