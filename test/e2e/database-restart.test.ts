import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { testPostgres, type TestPostgres } from '../support/postgres.js';

const KIT = { 'content-type': 'application/json', 'x-requested-with': 'e-service-kit' };
const TOKEN = 'officer-token-of-exempelby-for-the-restart-0123';

/**
 * PostgreSQL restarted while citizens send: the server neither crashes nor answers 500 — it says
 * 503 (problem+json, Retry-After) while the database is away and takes cases again when it is back,
 * without a restart of its own; every case it confirmed is in the database.
 */
describe('PostgreSQL restarted under load', () => {
  let database: TestPostgres;
  let server: RunningServer;

  before(async () => {
    database = await testPostgres({ own: true });
    server = await startServer({ DATABASE_URL: database.url, OFFICER_TOKENS: `exempelby:${TOKEN}`, RATE_LIMIT_CASES_PER_MINUTE: '100000' });
  });
  after(async () => {
    await server?.stop();
    await database?.stop();
  });

  it('answers 503 while the database is away, and takes cases again once it is back', async (t) => {
    const statuses = new Map<number, number>();
    const confirmed = new Set<string>();
    let problemsWithoutJson = 0;
    let sending = true;
    let sent = 0;
    const citizen = async (who: number) => {
      while (sending) {
        const key = `restart-citizen-${who}-${String(sent++).padStart(6, '0')}`;
        const response = await fetch(`${server.url}/api/cases`, {
          method: 'POST', headers: { ...KIT, 'idempotency-key': key },
          body: JSON.stringify({ serviceId: 'felanmalan', serviceVersion: 1, lang: 'sv', answers: { category: 'park', place: `Plats ${key}`, description: 'x', urgent: 'nej' } }),
        }).catch(() => undefined);
        if (!response) continue;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const body = await response.json().catch(() => undefined) as { receipt?: { caseId: string }; type?: string } | undefined;
        if (response.status === 201 && body?.receipt) confirmed.add(body.receipt.caseId);
        if (response.status >= 500 && !(response.headers.get('content-type') ?? '').startsWith('application/problem+json')) problemsWithoutJson += 1;
        if (response.status === 503) {
          assert.equal(body?.type, '/problems/database-unavailable');
          assert.equal(response.headers.get('retry-after'), '5');
        }
      }
    };
    const load = Promise.all([1, 2, 3, 4].map(citizen));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await database.restart!(3_000);
    // Back: the pool reconnects on its own.
    let back = false;
    for (let waited = 0; !back && waited < 20_000; waited += 250) {
      const response = await fetch(`${server.url}/api/health`).catch((error) => assert.fail(`the server is gone: ${error}\n${server.output().slice(-3000)}`));
      back = response.status === 200;
      if (!back) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    sending = false;
    await load;

    assert.ok(back, 'the server answers again without a restart of its own');
    assert.equal(statuses.get(500) ?? 0, 0, `no 500: ${JSON.stringify([...statuses])}`);
    assert.ok((statuses.get(503) ?? 0) > 0, 'the downtime was answered 503');
    assert.equal(problemsWithoutJson, 0);
    const { items } = await (await fetch(`${server.url}/api/officer/cases?limit=100`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as { items: { id: string }[] };
    let stored = items.length;
    let cursor: string | undefined = (await (await fetch(`${server.url}/api/officer/cases?limit=100`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as { nextCursor?: string }).nextCursor;
    while (cursor) {
      const page = await (await fetch(`${server.url}/api/officer/cases?limit=100&cursor=${encodeURIComponent(cursor)}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as { items: unknown[]; nextCursor?: string };
      stored += page.items.length;
      cursor = page.nextCursor;
    }
    assert.ok(stored >= confirmed.size, `every confirmed case is stored (${stored} stored, ${confirmed.size} confirmed)`);
    t.diagnostic(`PostgreSQL restart: ${[...statuses].map(([status, n]) => `${n} × ${status}`).join(', ')}; ${confirmed.size} cases confirmed, ${stored} stored`);
  });
});
