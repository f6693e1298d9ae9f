import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { SubmitCaseResponse } from '../../src/contract/cases.js';
import type { StartLoginResponse } from '../../src/contract/eid.js';
import type { StartSigningResponse } from '../../src/contract/signing.js';
import { countCases, KIT_HEADERS, newKey, startTestBackend, VALID_FAULT_REPORT, type TestBackend } from '../support/backend.js';
import { type Browser, PDF, person, startWorld, type World } from './support/browser.js';
import { caseBody, testService } from './support/definitions.js';
import { fingerprint, wire } from './support/wire.js';

/**
 * The Origin / X-Requested-With guard, the session and the rate limits act on the route fastify
 * matched, not on how the request spelled its path. Every state-changing operation of the OpenAPI
 * document is sent from a foreign page (foreign Origin, no X-Requested-With, the citizen's cookie)
 * in every spelling fastify's router takes to the route, and in some it does not, as JSON, as
 * text/plain, as a urlencoded form and as multipart (what a cross-site <form> can send): each is
 * refused or not found, and the database is the same row for row afterwards.
 *
 * What fastify 5's router (find-my-way, default options) matches, found by sending them: percent-
 * encoded characters anywhere in the path (`/%61pi/cases`, `/api/%63ases`), an absolute-form target
 * (`http://any.host/api/cases`, the scheme in any case) and a fragment (`/api/cases#x`). It does not
 * match `//api/…`, `/api//…`, `/api/./…`, `/api/../…`, `/API/…` (case-sensitive), a trailing slash,
 * `;x=1` on a static segment, an encoded slash (`/api%2Fcases`) or a double encoding (`/%2561pi/…`);
 * after a path parameter, `;x=1` is part of the parameter's value and reaches the route.
 */

const ANNA = person('Anna');
const SERVICE = testService('sakra-vagar', { prefix: 'SAK' });
const SIGNED = testService('sakra-signerad', { signing: 'sign', prefix: 'SSG' });
const FOREIGN = 'https://evil.example';

const hex = (char: string) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** Spellings the router takes to the route: the guard must refuse them. */
function matchedSpellings(path: string, query: string, port: number): string[] {
  return [
    `${path}${query}`,
    `/%61pi${path.slice(4)}${query}`,
    `${path.replace(/[a-z]/g, (char) => hex(char).toUpperCase())}${query}`,
    `http://evil.example${path}${query}`,
    `HTTPS://127.0.0.1:${port}/%61p%69${path.slice(4)}${query}`,
    `${path}${query}#fragment`,
  ];
}

/** Spellings it does not (404), or — `;x=1` after a parameter — takes to the same route: refused either way, never reached. */
function otherSpellings(path: string, query: string): string[] {
  const rest = path.slice('/api/'.length);
  return [
    `/${path}${query}`,
    `/api//${rest}${query}`,
    `/api/./${rest}${query}`,
    `/api/x/../${rest}${query}`,
    `/API/${rest}${query}`,
    `/Api/${rest}${query}`,
    `${path}/${query}`,
    `${path};x=1${query}`,
    `/api%2F${rest}${query}`,
    `/api%2f${rest}${query}`,
    `/%2561pi/${rest}${query}`,
    `/%2e/api/${rest}${query}`,
  ];
}

interface Operation {
  method: string;
  path: string;
}

describe('one routing truth: the cross-site guard on every spelling of every state-changing route', () => {
  let world: World;
  let anna: Browser;
  let port: number;
  let operations: Operation[];
  const params: Record<string, string> = {};
  let signingRef: string;
  let loginRef: string;

  before(async () => {
    world = await startWorld({ extraDefinitions: [SERVICE, SIGNED] });
    await world.backend.app.listen({ port: 0, host: '127.0.0.1' });
    port = (world.backend.app.server.address() as AddressInfo).port;
    const doc = (await world.backend.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).filter((method) => method !== 'get').map((method) => ({ method: method.toUpperCase(), path })));

    // Something of Anna's for every id a path takes, so that a request that got through would change it.
    anna = await world.loggedIn(ANNA);
    const draft = await anna.createDraft({ serviceId: SERVICE.id, serviceVersion: 1, answers: {} });
    const sent = await anna.submit(caseBody(SERVICE.id));
    assert.equal(sent.statusCode, 201, sent.body);
    const { receipt } = sent.json<SubmitCaseResponse>();
    const uploaded = await anna.upload(`serviceId=${SERVICE.id}&fieldId=intyg`);
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const signing = await anna.send('POST', '/api/signatures', { ...caseBody(SIGNED.id), method: 'otherDevice' }, { 'idempotency-key': newKey() });
    assert.equal(signing.statusCode, 201, signing.body);
    signingRef = signing.json<StartSigningResponse>().orderRef;
    const login = await anna.send('POST', '/api/eid/login', { method: 'otherDevice' });
    loginRef = login.json<StartLoginResponse>().orderRef;
    Object.assign(params, {
      serviceId: SERVICE.id, caseNumber: receipt.caseNumber, caseId: receipt.caseId, draftId: draft.id,
      id: uploaded.json<{ id: string }>().id, attachmentId: randomUUID(), requestId: randomUUID(), paymentId: randomUUID(),
    });
  });
  after(() => world.close());

  const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_all, name: string) => {
    if (name === 'orderRef') return path.startsWith('/api/eid/') ? loginRef : signingRef;
    assert.ok(params[name], `a value for {${name}}`);
    return encodeURIComponent(params[name]!);
  });

  /** A body that would do something if it got through. */
  const bodyFor = (op: Operation): Record<string, unknown> => ({
    'POST /api/cases': caseBody(SERVICE.id, { skola: 'Från en annan webbplats' }),
    'POST /api/signatures': { ...caseBody(SIGNED.id, { skola: 'Från en annan webbplats' }), method: 'otherDevice' },
    'POST /api/eid/login': { method: 'otherDevice' },
    'POST /api/drafts': { serviceId: SERVICE.id, serviceVersion: 1, answers: { skola: 'Från en annan webbplats' } },
    'PUT /api/drafts/{draftId}': { serviceId: SERVICE.id, serviceVersion: 1, answers: { skola: 'Från en annan webbplats' }, version: 1 },
    'POST /api/my/cases/{caseId}/messages': { body: 'Från en annan webbplats' },
    'PUT /api/my/profile': { email: 'evil@example.com', notifyBy: 'email' },
    'POST /api/cosigning/open': { token: 'a'.repeat(43) },
    'POST /api/cosigning/requests/{requestId}/signatures': { method: 'otherDevice' },
    'POST /api/my/cases/{caseId}/cosigning/{requestId}/invitation': { email: 'evil@example.com' },
    'POST /api/officer/cases/{caseId}/status': { status: 'closed' },
    'POST /api/officer/cases/{caseId}/messages': { body: 'Från en annan webbplats' },
  } as Record<string, Record<string, unknown>>)[`${op.method} ${op.path}`] ?? {};

  /** What a cross-site page can send: JSON by fetch (no-cors turns it into text/plain), or a <form>'s three encodings. */
  const encodings = (body: Record<string, unknown>) => {
    const json = JSON.stringify(body);
    const boundary = '----evil';
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="json"\r\n\r\n${json}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="intyg.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return [
      { type: 'application/json', payload: Buffer.from(json) },
      { type: 'text/plain', payload: Buffer.from(json) },
      { type: 'application/x-www-form-urlencoded', payload: Buffer.from(new URLSearchParams({ json }).toString()) },
      { type: `multipart/form-data; boundary=${boundary}`, payload: multipart },
    ];
  };

  it('covers the state-changing operations of the OpenAPI document', () => {
    const listed = operations.map((op) => `${op.method} ${op.path}`);
    for (const expected of ['POST /api/cases', 'POST /api/attachments', 'POST /api/eid/login', 'POST /api/signatures',
      'DELETE /api/session', 'PUT /api/my/profile', 'POST /api/cosigning/open', 'POST /api/officer/cases/{caseId}/status']) {
      assert.ok(listed.includes(expected), `${expected} is in the OpenAPI document`);
    }
    assert.ok(operations.length >= 20, listed.join('\n'));
  });

  it('refuses them from a foreign page in every spelling and encoding, and stores nothing', async () => {
    const cookie = [...anna.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const start = await fingerprint(world.backend.db);
    for (const op of operations) {
      const path = fill(op.path);
      const query = op.path === '/api/attachments' ? `?serviceId=${SERVICE.id}&fieldId=intyg` : '';
      // The officer API takes a bearer token instead (none here): 401 wherever its route is reached. A payment
      // provider's callback has no guard — it changes only what the provider says when asked (test/server/payments.test.ts) —
      // so here, for a payment that does not exist, it finds nothing (or, sent as a form, is not read: 415).
      const callback = op.path === '/api/payments/{paymentId}/callback';
      const refused = op.path.startsWith('/api/officer/') ? 401 : callback ? 404 : 403;
      for (const { type, payload } of encodings(bodyFor(op))) {
        const headers = { Origin: FOREIGN, Cookie: cookie, 'Content-Type': type, 'Idempotency-Key': newKey() };
        for (const target of matchedSpellings(path, query, port)) {
          const response = await wire(port, op.method, target, headers, payload);
          if (callback && response.status === 415) continue;
          assert.equal(response.status, refused, `${op.method} ${target} (${type}): ${response.body}`);
        }
        for (const target of otherSpellings(path, query)) {
          const response = await wire(port, op.method, target, headers, payload);
          assert.ok([refused, 404].includes(response.status), `${op.method} ${target} (${type}): ${response.status} ${response.body}`);
        }
      }
      assert.deepEqual(await fingerprint(world.backend.db), start, `nothing stored, changed or deleted by ${op.method} ${op.path}`);
    }
    // The same without an Origin (a form posted from a page that hides it): X-Requested-With is still missing.
    for (const target of matchedSpellings('/api/cases', '', port)) {
      const response = await wire(port, 'POST', target, { Cookie: cookie, 'Content-Type': 'text/plain', 'Idempotency-Key': newKey() },
        JSON.stringify(caseBody(SERVICE.id)));
      assert.equal(response.status, 403, `${target}: ${response.body}`);
      assert.equal(JSON.parse(response.body).type, '/problems/client-header-missing');
    }
    assert.deepEqual(await fingerprint(world.backend.db), start);
  });

  it('the same spellings from the kit reach their routes: they are real ways to the route, not 404s', async () => {
    const cookie = [...anna.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    for (const target of matchedSpellings('/api/cases', '', port)) {
      const response = await wire(port, 'POST', target,
        { Origin: 'https://www.exempelby.se', Cookie: cookie, ...KIT_HEADERS, 'Idempotency-Key': newKey() },
        JSON.stringify(caseBody(SERVICE.id)));
      assert.equal(response.status, 201, `${target}: ${response.body}`);
    }
    // And the session hook saw the citizen on each spelling: an encoded path reads the session too.
    const mine = await wire(port, 'GET', '/%61pi/my/cases', { Cookie: cookie });
    assert.equal(mine.status, 200, mine.body);
    assert.ok(JSON.parse(mine.body).items.length >= matchedSpellings('/api/cases', '', port).length);
  });
});

describe('a refused cross-site request does not use up the address’s quota', () => {
  let backend: TestBackend;
  before(async () => {
    backend = await startTestBackend({ config: { rateLimits: { casesPerMinute: 3, uploadsPerMinute: 2 } } });
  });
  after(() => backend.close());

  const address = '203.0.113.50';
  const post = (url: string, headers: Record<string, string>, payload: string) =>
    backend.app.inject({ method: 'POST', url, remoteAddress: address, headers, payload });

  it('cases, uploads and logins: the foreign page is refused every time, the citizen still has the whole quota', async () => {
    const before = await countCases(backend.db);
    for (const url of ['/api/cases', '/%61pi/cases', '/api/%63ases']) {
      for (let i = 0; i < 5; i++) {
        const refused = await post(url, { origin: FOREIGN, 'content-type': 'text/plain', 'idempotency-key': newKey() }, JSON.stringify(VALID_FAULT_REPORT));
        assert.equal(refused.statusCode, 403, refused.body);
      }
    }
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await post('/api/cases', { ...KIT_HEADERS, 'idempotency-key': newKey() }, JSON.stringify(VALID_FAULT_REPORT))).statusCode);
    }
    assert.deepEqual(statuses, [201, 201, 201, 429]);
    assert.equal(await countCases(backend.db), before + 3);

    for (let i = 0; i < 5; i++) {
      const refused = await post('/%61pi/attachments?serviceId=felanmalan&fieldId=place',
        { origin: FOREIGN, 'content-type': 'multipart/form-data; boundary=x' }, '--x--\r\n');
      assert.equal(refused.statusCode, 403);
    }
    const upload = () => post('/api/attachments?serviceId=felanmalan&fieldId=place',
      { 'x-requested-with': 'e-service-kit', 'content-type': 'multipart/form-data; boundary=x' }, '--x--\r\n');
    assert.notEqual((await upload()).statusCode, 429, 'the first upload is not counted against the refused ones');

    for (let i = 0; i < 25; i++) {
      const refused = await post('/%61pi/eid/login', { origin: FOREIGN, 'content-type': 'text/plain' }, JSON.stringify({ method: 'otherDevice' }));
      assert.equal(refused.statusCode, 403);
    }
    const login = await post('/api/eid/login', KIT_HEADERS, JSON.stringify({ method: 'otherDevice' }));
    assert.equal(login.statusCode, 200, login.body);
  });
});
