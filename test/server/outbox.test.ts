import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SubmitCaseResponse } from '../../src/contract/cases.js';
import type { WebhookConfig } from '../../server/config.js';
import { startNotifyDelivery } from '../../server/jobs/notify-delivery.js';
import type { Mail, Mailer } from '../../server/notify/channels.js';
import { DevOutbox } from '../../server/notify/channels.js';
import { NOTIFY_CLAIM_MS, sendDue, sendDueBatch } from '../../server/notify/notifications.js';
import { deliverDue } from '../../server/webhooks/deliveries.js';
import { KIT_HEADERS, newKey, startTestBackend, VALID_FAULT_REPORT, type TestBackend } from '../support/backend.js';
import { webhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const SECRET = 'a-webhook-secret-of-exempelby-0123456789';
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** A mailer that keeps what it sent, taking `ms` for each. */
function slowMailer(ms: number): Mailer & { sent: Mail[]; started: number } {
  const mailer = {
    sent: [] as Mail[],
    started: 0,
    async send(mail: Mail) {
      mailer.started += 1;
      await new Promise((resolve) => setTimeout(resolve, ms));
      mailer.sent.push(mail);
    },
  };
  return mailer;
}

const until = async (done: () => Promise<boolean> | boolean, what: string) => {
  for (let tries = 0; tries < 300; tries++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`waited 15 s for ${what}`);
};

/**
 * The transactional outbox (server/outbox/): a sent case's receipt and webhook delivery are written
 * in the case's own transaction, and workers on every instance send them, each row once.
 */
describe('the outbox', () => {
  let backend: TestBackend;
  let hook: WebhookReceiver;
  let webhooks: WebhookConfig[];

  before(async () => {
    hook = await webhookReceiver();
    webhooks = [{ municipalityId: 'exempelby', url: hook.url, secret: SECRET }];
    backend = await startTestBackend({ config: { webhooks } });
  });
  after(async () => {
    await backend.close();
    await hook.close();
  });

  async function newCase(email: string) {
    const response = await backend.app.inject({
      method: 'POST', url: '/api/cases', headers: { ...KIT_HEADERS, 'idempotency-key': newKey() },
      payload: { ...VALID_FAULT_REPORT, answers: { ...VALID_FAULT_REPORT.answers, email } },
    });
    assert.equal(response.statusCode, 201, response.body);
    return SubmitCaseResponse.parse(response.json()).receipt;
  }

  /** Nothing left due from earlier tests. */
  const clear = () => Promise.all([
    backend.db.query('UPDATE notifications SET next_attempt_at = NULL'),
    backend.db.query('UPDATE webhook_deliveries SET next_attempt_at = NULL'),
  ]);

  it('writes the receipt and the webhook delivery with the case, before any job runs', async () => {
    const receipt = await newCase('anna@example.com');
    const { rows: notices } = await backend.db.query<{ kind: string; recipient: string }>(
      'SELECT kind, recipient FROM notifications WHERE case_id = $1', [receipt.caseId]);
    assert.deepEqual(notices, [{ kind: 'receipt', recipient: 'anna@example.com' }]);
    const { rows: deliveries } = await backend.db.query('SELECT municipality_id FROM webhook_deliveries WHERE case_id = $1', [receipt.caseId]);
    assert.deepEqual(deliveries, [{ municipality_id: 'exempelby' }]);
  });

  it('queues nothing for a case that is refused', async () => {
    const before = (await backend.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications')).rows[0]!.n;
    const refused = await backend.app.inject({
      method: 'POST', url: '/api/cases', headers: { ...KIT_HEADERS, 'idempotency-key': newKey() },
      payload: { ...VALID_FAULT_REPORT, answers: { ...VALID_FAULT_REPORT.answers, place: '' } },
    });
    assert.equal(refused.statusCode, 400);
    assert.equal((await backend.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications')).rows[0]!.n, before);
  });

  it('still sends the receipt and the webhook of a case sent a day before the workers run', async () => {
    await clear();
    const receipt = await newCase('late@example.com');
    const later = new Date(Date.now() + 25 * 3_600_000);
    const mailer = slowMailer(0);
    assert.equal(await sendDue(backend.db, { mailer, sms: new DevOutbox(), maxAttempts: 3, now: () => later, log: quiet }), 1);
    assert.deepEqual(mailer.sent.map((mail) => mail.to), ['late@example.com']);
    hook.received.length = 0;
    assert.equal(await deliverDue(backend.db, { webhooks, maxAttempts: 3, now: () => later, log: quiet }), 1);
    assert.deepEqual(hook.caseIds(), [receipt.caseId]);
  });

  it('has workers on two instances send each receipt once, side by side', async () => {
    await clear();
    const addresses = Array.from({ length: 30 }, (_, i) => `citizen${i}@example.com`);
    for (const address of addresses) await newCase(address);
    const one = slowMailer(20);
    const two = slowMailer(20);
    const workers = [one, two].map((mailer) => startNotifyDelivery(backend.db, quiet, { mailer, sms: new DevOutbox(), maxAttempts: 3, idleMs: 50 }));
    await until(() => one.sent.length + two.sent.length >= addresses.length, 'the receipts');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await Promise.all(workers.map((worker) => worker.stop()));
    const sent = [...one.sent, ...two.sent].map((mail) => mail.to).sort();
    assert.deepEqual(sent, [...addresses].sort(), 'each once');
    assert.ok(one.sent.length > 0 && two.sent.length > 0, `both instances sent (${one.sent.length} and ${two.sent.length})`);
  });

  it('lets a stopping worker finish the sends it has claimed, and leaves nothing claimed behind', async () => {
    await clear();
    for (let i = 0; i < 5; i++) await newCase(`stop${i}@example.com`);
    const mailer = slowMailer(300);
    const worker = startNotifyDelivery(backend.db, quiet, { mailer, sms: new DevOutbox(), maxAttempts: 3, idleMs: 50 });
    await until(() => mailer.started > 0, 'the first send');
    await worker.stop();
    assert.equal(mailer.sent.length, mailer.started, 'every send begun was finished');
    const { rows } = await backend.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE recipient LIKE 'stop%' AND sent_at IS NULL AND attempts > 0`);
    assert.equal(rows[0]!.n, 0, 'no notification is left claimed and unsent');
  });

  it('has another instance take over what a dead worker claimed, once its claim has run out', async () => {
    await clear();
    for (let i = 0; i < 3; i++) await newCase(`dead${i}@example.com`);
    const start = new Date(Date.now() + 1_000);
    // The first instance claims the receipts and dies mid-send: its sends never complete.
    let die!: (error: Error) => void;
    const dying = new Promise<void>((_, reject) => (die = reject));
    const dead: Mailer = { send: () => dying };
    const claimedByTheDead = sendDueBatch(backend.db, { mailer: dead, sms: new DevOutbox(), maxAttempts: 3, now: () => start, log: quiet });
    await until(async () => (await backend.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE recipient LIKE 'dead%' AND attempts = 1`)).rows[0]!.n === 3, 'the claim');
    const other = slowMailer(0);
    const options = { mailer: other, sms: new DevOutbox(), maxAttempts: 3, log: quiet };
    assert.equal(await sendDue(backend.db, { ...options, now: () => new Date(start.getTime() + NOTIFY_CLAIM_MS - 1_000) }), 0, 'not while the claim holds');
    assert.equal(await sendDue(backend.db, { ...options, now: () => new Date(start.getTime() + NOTIFY_CLAIM_MS + 1_000) }), 3, 'taken over after it');
    die(new Error('the instance was killed'));
    await claimedByTheDead;
    const { rows } = await backend.db.query<{ sent: boolean; attempts: number }>(
      `SELECT sent_at IS NOT NULL AS sent, attempts FROM notifications WHERE recipient LIKE 'dead%'`);
    assert.deepEqual(rows.map((row) => [row.sent, row.attempts]), [[true, 2], [true, 2], [true, 2]], 'the dead worker’s late failure changes nothing');
  });
});
