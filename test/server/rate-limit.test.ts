import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { countCases, KIT_HEADERS, newKey, startTestBackend, VALID_FAULT_REPORT, type TestBackend } from '../support/backend.js';

let backend: TestBackend;
before(async () => {
  backend = await startTestBackend({ config: { rateLimits: { casesPerMinute: 3, uploadsPerMinute: 2 } } });
});
after(() => backend.close());

const send = (address: string) =>
  backend.app.inject({
    method: 'POST', url: '/api/cases', remoteAddress: address, payload: JSON.stringify(VALID_FAULT_REPORT),
    headers: { ...KIT_HEADERS, 'idempotency-key': newKey(), 'accept-language': 'en' },
  });

describe('rate limits', () => {
  it('refuse a flood of cases from one address with 429 problem+json, and not its neighbours', async () => {
    const before = await countCases(backend.db);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await send('203.0.113.7')).statusCode);
    assert.deepEqual(statuses, [201, 201, 201, 429, 429]);
    const refused = await send('203.0.113.7');
    assert.match(String(refused.headers['content-type']), /problem\+json/);
    assert.equal(refused.json().type, '/problems/too-many-requests');
    assert.match(refused.json().title, /Too many requests/);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.equal(await countCases(backend.db), before + 3, 'nothing more is stored');
    assert.equal((await send('203.0.113.8')).statusCode, 201, 'another address is not affected');
  });

  it('limit uploads too', async () => {
    const upload = () =>
      backend.app.inject({
        method: 'POST', url: '/api/attachments?serviceId=felanmalan&fieldId=place', remoteAddress: '198.51.100.4',
        headers: { 'x-requested-with': 'e-service-kit', 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--\r\n',
      });
    const statuses = [(await upload()).statusCode, (await upload()).statusCode, (await upload()).statusCode];
    assert.notEqual(statuses[0], 429);
    assert.equal(statuses[2], 429);
  });

  it('limit how many BankID logins one address starts', async () => {
    const start = () =>
      backend.app.inject({
        method: 'POST', url: '/api/eid/login', remoteAddress: '192.0.2.99', payload: JSON.stringify({ method: 'otherDevice' }),
        headers: { 'content-type': 'application/json', 'x-requested-with': 'e-service-kit' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await start()).statusCode);
    assert.ok(statuses.slice(0, 20).every((status) => status !== 429), statuses.join(','));
    assert.equal(statuses[20], 429);
  });
});

describe('rate limits across instances', () => {
  it('hold across two server instances on one database, and store no address', async () => {
    // A second instance behind the same load balancer: same settings, same database.
    const other = await buildApp({ config: backend.config, db: backend.db, logStream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
    await other.ready();
    try {
      const address = '203.0.113.77';
      const sendTo = (app: FastifyInstance) => app.inject({
        method: 'POST', url: '/api/cases', remoteAddress: address, payload: JSON.stringify(VALID_FAULT_REPORT),
        headers: { ...KIT_HEADERS, 'idempotency-key': newKey() },
      });
      const statuses = [];
      for (const app of [backend.app, other, backend.app, other, backend.app]) statuses.push((await sendTo(app)).statusCode);
      assert.deepEqual(statuses, [201, 201, 201, 429, 429], 'three a minute in all, not three per instance');
      const { rows } = await backend.db.query('SELECT * FROM rate_limits');
      assert.ok(rows.length > 0);
      assert.ok(!JSON.stringify(rows).includes(address), 'only a hash of the address');
    } finally {
      await other.close();
    }
  });

  it('start a new window once the last has ended', async () => {
    const address = '203.0.113.78';
    for (let i = 0; i < 4; i++) await send(address);
    assert.equal((await send(address)).statusCode, 429);
    // The window ends (as it would a minute later): the next request starts a new one.
    await backend.db.query(`UPDATE rate_limits SET reset_at = now() - interval '1 second'`);
    assert.equal((await send(address)).statusCode, 201);
  });
});
