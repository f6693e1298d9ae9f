import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SessionState } from '../../src/contract/eid.js';
import { sessionState } from '../../server/routes/eid.js';
import type { Session } from '../../server/sessions/store.js';

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);

function session(lastSeen: string, idleExpires: string, absoluteExpires = '2026-03-02T17:00:00Z'): Session {
  return {
    idSha256: 'x', personalNumber: '198001012387', name: 'Anna Andersson', givenName: 'Anna', surname: 'Andersson',
    createdAt: at('2026-03-02T09:00:00Z'), lastSeenAt: at(lastSeen), idleExpiresAt: at(idleExpires), absoluteExpiresAt: at(absoluteExpires),
  };
}

describe('the session state the browser gets', () => {
  it('is only "not logged in" without a session', () => {
    assert.deepEqual(sessionState(null), { authenticated: false });
  });

  it('counts the seconds left on the server clock, rounded up, and the idle period granted', () => {
    const state = sessionState(session('2026-03-02T09:00:00Z', '2026-03-02T09:20:00Z'), new Date(Date.parse('2026-03-02T09:05:00Z') + 400));
    assert.equal(state.idleSecondsLeft, 15 * 60, '14 min 59.6 s rounds up: the browser never warns late');
    assert.equal(state.idleTimeoutSeconds, 20 * 60);
    assert.equal(state.idleExpiresAt, '2026-03-02T09:20:00.000Z');
    assert.equal(state.absoluteExpiresAt, '2026-03-02T17:00:00.000Z');
    assert.ok(SessionState.safeParse(state).success, 'the contract allows it');
  });

  it('never gives negative seconds, and near the absolute limit grants only what is left', () => {
    const late = session('2026-03-02T16:50:00Z', '2026-03-02T17:00:00Z');
    assert.equal(sessionState(late, new Date(Date.parse('2026-03-02T17:00:00Z') + MINUTE)).idleSecondsLeft, 0);
    assert.equal(sessionState(late, at('2026-03-02T16:50:00Z')).idleTimeoutSeconds, 10 * 60);
  });
});
