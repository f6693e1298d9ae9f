import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deleteExpiredSessions } from '../../server/jobs/session-cleanup.js';
import { startTestBackend, type TestBackend } from '../support/backend.js';

let backend: TestBackend;
before(async () => {
  backend = await startTestBackend();
});
after(() => backend.close());

const NOW = new Date('2026-11-24T12:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

async function addSession(id: string, idleExpiresAt: string, absoluteExpiresAt: string) {
  await backend.db.query(
    `INSERT INTO sessions (id_sha256, personal_number, name, given_name, surname, created_at, last_seen_at, idle_expires_at, absolute_expires_at)
     VALUES ($1, '198001012387', 'Anna Andersson', 'Anna', 'Andersson', $2, $2, $3, $4)`,
    [id, at(-60), idleExpiresAt, absoluteExpiresAt],
  );
}

describe('the session cleanup', () => {
  it('deletes sessions past either expiry and login bindings past their use, and nothing else', async () => {
    await addSession('live', at(10), at(300));
    await addSession('idle-over', at(-1), at(300));
    await addSession('absolute-over', at(10), at(-1));
    for (const [ref, created] of [['recent', at(-5)], ['old', at(-61)]] as const) {
      await backend.db.query(`INSERT INTO eid_logins (order_ref, binding_sha256, method, created_at) VALUES ($1, 'x', 'otherDevice', $2)`, [ref, created]);
    }
    assert.equal(await deleteExpiredSessions(backend.db, NOW), 3);
    const sessions = await backend.db.query<{ id_sha256: string }>('SELECT id_sha256 FROM sessions ORDER BY id_sha256');
    assert.deepEqual(sessions.rows.map((row) => row.id_sha256), ['live']);
    const bindings = await backend.db.query<{ order_ref: string }>('SELECT order_ref FROM eid_logins');
    assert.deepEqual(bindings.rows.map((row) => row.order_ref), ['recent']);
    assert.equal(await deleteExpiredSessions(backend.db, NOW), 0, 'a second run finds nothing more');
  });

  it('deletes BankID orders and signings (answers waiting to be signed) an hour old, and not newer ones', async () => {
    for (const [ref, created] of [['order-recent', at(-5)], ['order-old', at(-61)]] as const) {
      await backend.db.query(
        `INSERT INTO bankid_orders (order_ref, kind, qr_start_token, qr_start_secret, started_at, status, created_at)
         VALUES ($1, 'sign', 't', 's', $2, 'complete', $2)`, [ref, created]);
      await backend.db.query(
        `INSERT INTO signings (order_ref, personal_number, service_id, service_version, lang, method, answers, user_visible_data,
                               auto_start_token, idempotency_key, request_hash, created_at)
         VALUES ($1, '198001012387', 'felanmalan', 1, 'sv', 'otherDevice', '{"place":"Storgatan"}', 'x', 'a', 'k', 'h', $2)`, [ref, created]);
    }
    assert.equal(await deleteExpiredSessions(backend.db, NOW), 2);
    for (const table of ['bankid_orders', 'signings']) {
      const { rows } = await backend.db.query<{ order_ref: string }>(`SELECT order_ref FROM ${table}`);
      assert.deepEqual(rows.map((row) => row.order_ref), ['order-recent'], table);
    }
  });

  it('deletes the rate limits’ counters of windows that have ended, with no request to sweep them', async () => {
    await backend.db.query('DELETE FROM rate_limits');
    await backend.db.query(`INSERT INTO rate_limits (key, hits, reset_at) VALUES ('ended', 3, $1), ('running', 2, $2)`, [at(-1), at(1)]);
    assert.equal(await deleteExpiredSessions(backend.db, NOW), 1);
    const { rows } = await backend.db.query<{ key: string }>('SELECT key FROM rate_limits');
    assert.deepEqual(rows.map((row) => row.key), ['running']);
  });
});
