import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SubmitCaseResponse } from '../../src/contract/cases.js';
import { ConfigError, readConfig, type WebhookConfig } from '../../server/config.js';
import { acquireLease } from '../../server/jobs/lease.js';
import { runWebhooks } from '../../server/webhooks/deliveries.js';
import { verifyWebhook } from '../../server/webhooks/signature.js';
import { KIT_HEADERS, newKey, startTestBackend, VALID_FAULT_REPORT, type TestBackend } from '../support/backend.js';
import { webhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const SECRET = 'a-webhook-secret-of-exempelby-0123456789';

let backend: TestBackend;
const receivers: WebhookReceiver[] = [];
before(async () => {
  backend = await startTestBackend();
});
after(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await backend.close();
});

async function newCase() {
  const response = await backend.app.inject({
    method: 'POST', url: '/api/cases', headers: { ...KIT_HEADERS, 'idempotency-key': newKey() }, payload: VALID_FAULT_REPORT,
  });
  return SubmitCaseResponse.parse(response.json()).receipt;
}

function silentLog() {
  const lines: { message: string; object: object }[] = [];
  const push = (object: object, message: string) => lines.push({ object, message });
  return { lines, log: { info: push, warn: push, error: push } };
}

async function deliveries() {
  const { rows } = await backend.db.query<{ case_id: string; attempts: number; delivered_at: Date | null; given_up_at: Date | null; last_status: number | null }>(
    'SELECT case_id, attempts, delivered_at, given_up_at, last_status FROM webhook_deliveries');
  return rows;
}

describe('webhooks', () => {
  it('tells the municipality about a submitted case, signed, retrying with backoff until a 2xx', async () => {
    const hook = await webhookReceiver([500, 503]);
    receivers.push(hook);
    const webhooks: WebhookConfig[] = [{ municipalityId: 'exempelby', url: hook.url, secret: SECRET }];
    const receipt = await newCase();
    let clock = new Date();
    const { log } = silentLog();
    const options = { webhooks, maxAttempts: 5, now: () => clock, log };

    assert.equal(await runWebhooks(backend.db, options), 0, 'the first try fails (500)');
    assert.equal(hook.received.length, 1);
    clock = new Date(clock.getTime() + 20_000);
    await runWebhooks(backend.db, options);
    assert.equal(hook.received.length, 1, 'not before 30 s');
    clock = new Date(clock.getTime() + 11_000);
    assert.equal(await runWebhooks(backend.db, options), 0, 'the second fails (503)');
    assert.equal(hook.received.length, 2);
    clock = new Date(clock.getTime() + 119_000);
    await runWebhooks(backend.db, options);
    assert.equal(hook.received.length, 2, 'the next waits 2 minutes');
    clock = new Date(clock.getTime() + 2_000);
    assert.equal(await runWebhooks(backend.db, options), 1, 'the third is accepted');
    assert.equal(hook.received.length, 3);
    const acceptedAt = clock;
    clock = new Date(clock.getTime() + 3_600_000);
    await runWebhooks(backend.db, options);
    assert.equal(hook.received.length, 3, 'nothing more once delivered');

    const [row] = (await deliveries()).filter((d) => d.case_id === receipt.caseId);
    assert.equal(row!.attempts, 3);
    assert.equal(row!.last_status, 204);
    assert.ok(row!.delivered_at);

    // As the receiver checks it: the HMAC of timestamp "." body with the shared secret.
    const last = hook.received[2]!;
    const timestamp = String(last.headers['x-esk-timestamp']);
    const signature = String(last.headers['x-esk-signature']);
    assert.match(signature, /^sha256=[0-9a-f]{64}$/);
    assert.ok(verifyWebhook(SECRET, timestamp, last.body, signature, acceptedAt));
    assert.ok(!verifyWebhook('another-secret-of-the-same-length-01234', timestamp, last.body, signature, acceptedAt));
    assert.ok(!verifyWebhook(SECRET, timestamp, last.body.replace('exempelby', 'grannby'), signature, acceptedAt));
    assert.ok(!verifyWebhook(SECRET, timestamp, last.body, signature, clock), 'a replay an hour later');
    assert.equal(last.headers['content-type'], 'application/json');
    assert.equal(last.headers['x-esk-event'], 'case.submitted');

    // Enough to fetch the case; no answers, no personal data.
    const body = JSON.parse(last.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['caseId', 'caseNumber', 'event', 'municipalityId', 'serviceId', 'submittedAt']);
    assert.deepEqual([body.event, body.caseId, body.caseNumber, body.serviceId, body.municipalityId, body.submittedAt],
      ['case.submitted', receipt.caseId, receipt.caseNumber, 'felanmalan', 'exempelby', receipt.submittedAt]);
    assert.ok(!last.body.includes('Storgatan') && !last.body.includes('anna.andersson'));
  });

  it('gives up after the last try and logs it without personal data; other municipalities and cosign cases get nothing', async () => {
    const hook = await webhookReceiver([], 500);
    receivers.push(hook);
    const receipt = await newCase();
    const cosign = await newCase();
    await backend.db.query(`UPDATE cases SET status = 'awaitingCosign' WHERE id = $1`, [cosign.caseId]);
    const grannby = await webhookReceiver([]);
    receivers.push(grannby);
    const webhooks: WebhookConfig[] = [
      { municipalityId: 'exempelby', url: hook.url, secret: SECRET },
      { municipalityId: 'grannby', url: grannby.url, secret: SECRET },
    ];
    let clock = new Date();
    const { log, lines } = silentLog();
    for (let i = 0; i < 5; i += 1) {
      await runWebhooks(backend.db, { webhooks, maxAttempts: 3, now: () => clock, log });
      clock = new Date(clock.getTime() + 7 * 3_600_000);
    }
    const sent = hook.caseIds();
    assert.equal(sent.filter((id) => id === receipt.caseId).length, 3, 'three tries, then no more');
    assert.ok(!sent.includes(cosign.caseId), 'a case awaiting a cosigner is not sent yet');
    assert.equal(grannby.received.length, 0, "grannby hears nothing of exempelby's cases");
    const row = (await deliveries()).find((d) => d.case_id === receipt.caseId)!;
    assert.ok(row.given_up_at);
    assert.equal(row.delivered_at, null);
    const gaveUp = lines.find((line) => line.message === 'webhook: given up' && JSON.stringify(line.object).includes(receipt.caseId));
    assert.ok(gaveUp, 'logged');
    assert.ok(!JSON.stringify(lines).includes('Storgatan') && !JSON.stringify(lines).includes(SECRET));
  });

  it('does nothing while another instance holds the lease', async () => {
    const now = new Date();
    assert.ok(await acquireLease(backend.db, 'webhook-delivery', 'instance-a', now, 60_000));
    assert.ok(!(await acquireLease(backend.db, 'webhook-delivery', 'instance-b', now, 60_000)));
    assert.ok(await acquireLease(backend.db, 'webhook-delivery', 'instance-b', new Date(now.getTime() + 60_000), 60_000));
  });

  it('reads WEBHOOKS and requires a secret for each, and https except to localhost', () => {
    const config = readConfig({ WEBHOOKS: 'exempelby=https://arende.exempelby.se/esk,norra-byn=http://localhost:9000/hook',
      WEBHOOK_SECRET_EXEMPELBY: SECRET, WEBHOOK_SECRET_NORRA_BYN: SECRET });
    assert.deepEqual(config.webhooks.map((w) => [w.municipalityId, w.url]),
      [['exempelby', 'https://arende.exempelby.se/esk'], ['norra-byn', 'http://localhost:9000/hook']]);
    assert.throws(() => readConfig({ WEBHOOKS: 'exempelby=https://arende.exempelby.se/esk' }), ConfigError);
    assert.throws(() => readConfig({ WEBHOOKS: 'exempelby=https://x.se', WEBHOOK_SECRET_EXEMPELBY: 'short' }), ConfigError);
    assert.throws(() => readConfig({ WEBHOOKS: 'exempelby=http://arende.exempelby.se/esk', WEBHOOK_SECRET_EXEMPELBY: SECRET }), ConfigError);
    assert.throws(() => readConfig({ WEBHOOKS: 'https://x.se', WEBHOOK_SECRET_EXEMPELBY: SECRET }), ConfigError);
  });
});
