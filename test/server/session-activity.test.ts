import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SESSION_COOKIE, SessionStore } from '../../server/sessions/index.js';
import type { SessionState } from '../../src/contract/eid.js';
import { KIT_HEADERS, startTestBackend, type TestBackend } from '../support/backend.js';

const MINUTE = 60_000;
const ANNA = { personalNumber: '198001012387', name: 'Anna Andersson', givenName: 'Anna', surname: 'Andersson' };

let clock = Date.parse('2026-03-02T09:00:00Z');
let backend: TestBackend;
/** Another instance of the server on the same database: it sees only what is written. */
let elsewhere: SessionStore;
before(async () => {
  backend = await startTestBackend({ app: { now: () => new Date(clock) } });
  elsewhere = new SessionStore(backend.db, { idleMinutes: 20, maxHours: 8, now: () => new Date(clock) });
});
after(() => backend.close());

async function storedRow(idSha256: string) {
  const { rows } = await backend.db.query<{ last_seen_at: Date | string; idle_expires_at: Date | string }>(
    'SELECT last_seen_at, idle_expires_at FROM sessions WHERE id_sha256 = $1', [idSha256]);
  return { lastSeenAt: new Date(rows[0]!.last_seen_at).getTime(), idleExpiresAt: new Date(rows[0]!.idle_expires_at).getTime() };
}

const refresh = (cookie: string) => backend.app.inject({
  method: 'POST', url: '/api/session/refresh', headers: { 'x-requested-with': KIT_HEADERS['x-requested-with'], cookie: `${SESSION_COOKIE}=${cookie}` },
});
const read = async (cookie: string) => (await backend.app.inject({
  method: 'GET', url: '/api/session', headers: { cookie: `${SESSION_COOKIE}=${cookie}` },
})).json<SessionState>();

describe('session activity', () => {
  it('is not written by each request, yet every request slides the idle expiry exactly, here and on other instances', async () => {
    const { id, session } = await elsewhere.create(ANNA);
    const created = await storedRow(session.idSha256);
    for (let i = 0; i < 20; i++) {
      clock += 1_000;
      assert.equal((await refresh(id)).statusCode, 200);
    }
    const last = clock;
    assert.deepEqual(await storedRow(session.idSha256), created, 'twenty requests, no write of their own');
    assert.equal((await read(id)).idleExpiresAt, new Date(last + 20 * MINUTE).toISOString(), 'this instance counts them at once');

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.deepEqual(await storedRow(session.idSha256), { lastSeenAt: last, idleExpiresAt: last + 20 * MINUTE }, 'written within a second, once');
    assert.equal((await elsewhere.find(id))?.idleExpiresAt.getTime(), last + 20 * MINUTE, 'another instance sees the slide');
  });

  it('still ends a session SESSION_IDLE_MINUTES after its last request, not a moment sooner or later', async () => {
    const { id } = await elsewhere.create(ANNA);
    clock += 5 * MINUTE;
    assert.equal((await refresh(id)).statusCode, 200);
    const last = clock;
    // Not yet written: this instance still knows of the slide.
    clock = last + 20 * MINUTE - 1;
    assert.equal((await read(id)).authenticated, true, 'alive a millisecond before');
    clock = last + 20 * MINUTE;
    assert.deepEqual(await read(id), { authenticated: false }, 'ended on the dot');
    assert.equal((await refresh(id)).statusCode, 401);
  });

  it('does not bring back a session that logged out before its activity was written', async () => {
    const { id, session } = await elsewhere.create(ANNA);
    clock += 1_000;
    assert.equal((await refresh(id)).statusCode, 200);
    const out = await backend.app.inject({ method: 'DELETE', url: '/api/session', headers: { 'x-requested-with': KIT_HEADERS['x-requested-with'], cookie: `${SESSION_COOKIE}=${id}` } });
    assert.equal(out.statusCode, 204);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const { rows } = await backend.db.query('SELECT 1 FROM sessions WHERE id_sha256 = $1', [session.idSha256]);
    assert.equal(rows.length, 0);
    assert.equal(await elsewhere.find(id), null);
  });
});
