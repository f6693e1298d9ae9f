import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { RECEIPT_TOKEN_HEADER, type SubmitCaseResponse } from '../../src/contract/cases.js';
import type { StartLoginResponse } from '../../src/contract/eid.js';
import type { SigningState, StartSigningResponse } from '../../src/contract/signing.js';
import { PUBLIC_CACHE_CONTROL } from '../../server/http/security.js';
import { newKey } from '../support/backend.js';
import { type Browser, PDF, person, startWorld, type World } from './support/browser.js';
import { caseBody, testService } from './support/definitions.js';

/**
 * Every answer that carries personal data or a token is `Cache-Control: no-store`: the test walks
 * every operation of the OpenAPI document (GET /api/openapi.json: server/openapi.ts, the cosigning
 * and officer documents) with a logged-in citizen, real ids and bodies that succeed where it can, and
 * reads the header on each answer, errors included. Public and cacheable (PUBLIC_CACHE_CONTROL) are
 * only the answers that are the same for everyone: the e-service definitions, the OpenAPI
 * document itself and the server's public keys for the e-ID broker — and only when they succeed.
 */

const PUBLIC = new Set(['GET /api/services', 'GET /api/services/{serviceId}', 'GET /api/openapi.json', 'GET /api/eid/oidc/jwks.json']);
/** Answers that hold a token or personal data: these must succeed in the walk, so their header is read on the real thing. */
const MUST_SUCCEED = [
  'POST /api/cases', 'GET /api/cases/{caseNumber}/receipt', 'POST /api/signatures', 'GET /api/signatures/{orderRef}',
  'POST /api/eid/login', 'GET /api/eid/orders/{orderRef}', 'GET /api/session', 'POST /api/session/refresh',
  'GET /api/services/{serviceId}/prefill', 'POST /api/attachments', 'POST /api/drafts', 'GET /api/drafts/{draftId}',
  'PUT /api/drafts/{draftId}', 'GET /api/my/cases', 'GET /api/my/cases/{caseId}', 'GET /api/my/cases/{caseId}/attachments/{attachmentId}',
  'GET /api/my/cases/{caseId}/messages', 'POST /api/my/cases/{caseId}/messages', 'GET /api/my/profile', 'PUT /api/my/profile',
  'GET /api/my/export', 'GET /api/officer/cases', 'GET /api/officer/cases/{caseId}', 'GET /api/officer/cases/{caseId}/attachments/{attachmentId}',
  'POST /api/officer/cases/{caseId}/messages', 'DELETE /api/session',
];

const ANNA = person('Anna');
const SERVICE = testService('cache-fri', { prefix: 'CAF' });
const SIGNED = testService('cache-signerad', { signing: 'sign', prefix: 'CAS' });
const OFFICER_TOKEN = 'officer-token-for-the-cache-test-0123456789';

describe('Cache-Control: no-store on every answer with personal data or a token', () => {
  let world: World;
  let anna: Browser;
  const ids: Record<string, string> = {};
  let receiptToken: string;
  let signingRef: string;
  let loginRef: string;

  before(async () => {
    world = await startWorld({ extraDefinitions: [SERVICE, SIGNED], config: { officerTokens: [{ municipalityId: 'exempelby', token: OFFICER_TOKEN }] } });
    anna = await world.loggedIn(ANNA);
    const uploaded = await anna.upload(`serviceId=${SERVICE.id}&fieldId=intyg`);
    const attachmentId = uploaded.json<{ id: string }>().id;
    const sent = await anna.submit(caseBody(SERVICE.id, { skola: 'Norrskolan', intyg: [attachmentId] }));
    assert.equal(sent.statusCode, 201, sent.body);
    const first = sent.json<SubmitCaseResponse>();
    receiptToken = first.receiptToken;
    const draft = await anna.createDraft({ serviceId: SERVICE.id, serviceVersion: 1, answers: {} });
    const spare = await anna.upload(`serviceId=${SERVICE.id}&fieldId=intyg`);
    // A signing BankID has completed: polling it answers the receipt and its token.
    const signing = await anna.send('POST', '/api/signatures', { ...caseBody(SIGNED.id), method: 'otherDevice' }, { 'idempotency-key': newKey() });
    signingRef = signing.json<StartSigningResponse>().orderRef;
    world.sim.act(signingRef, { action: 'approve', personalNumber: ANNA.personalNumber });
    world.clock.now += 2000;
    // A login in progress (bound to the browser that started it).
    loginRef = (await anna.send('POST', '/api/eid/login', { method: 'otherDevice' })).json<StartLoginResponse>().orderRef;
    Object.assign(ids, {
      serviceId: SERVICE.id, caseId: first.receipt.caseId, caseNumber: first.receipt.caseNumber, draftId: draft.id,
      attachmentId, id: spare.json<{ id: string }>().id, requestId: randomUUID(), paymentId: randomUUID(),
    });
  });
  after(() => world.close());

  const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_all, name: string) => {
    if (name === 'orderRef') return path.startsWith('/api/eid/') ? loginRef : signingRef;
    assert.ok(ids[name], `a value for {${name}}`);
    return ids[name]!;
  });

  const requestFor = (method: string, path: string): { url: string; body?: unknown; headers: Record<string, string> } => {
    const url = fill(path);
    const key = `${method} ${path}`;
    const officer: Record<string, string> = path.startsWith('/api/officer/') ? { authorization: `Bearer ${OFFICER_TOKEN}` } : {};
    const bodies: Record<string, unknown> = {
      'POST /api/cases': caseBody(SERVICE.id, { skola: 'Söderskolan' }),
      'POST /api/signatures': { ...caseBody(SIGNED.id, { skola: 'Söderskolan' }), method: 'otherDevice' },
      'POST /api/eid/login': { method: 'otherDevice' },
      'POST /api/drafts': { serviceId: SERVICE.id, serviceVersion: 1, answers: {} },
      'PUT /api/drafts/{draftId}': { serviceId: SERVICE.id, serviceVersion: 1, answers: { skola: 'Norr' }, version: 1 },
      'POST /api/my/cases/{caseId}/messages': { body: 'En fråga om ärendet.' },
      'PUT /api/my/profile': { email: 'anna@example.se', notifyBy: 'email' },
      'POST /api/cosigning/open': { token: 'a'.repeat(43) },
      'POST /api/cosigning/requests/{requestId}/signatures': { method: 'otherDevice' },
      'POST /api/my/cases/{caseId}/cosigning/{requestId}/invitation': { email: 'erik@example.se' },
      'POST /api/officer/cases/{caseId}/status': { status: 'inProgress' },
      'POST /api/officer/cases/{caseId}/messages': { body: 'Vi har tagit emot ditt ärende.' },
    };
    return {
      url,
      body: method === 'GET' || method === 'DELETE' ? undefined : bodies[key] ?? {},
      headers: {
        ...officer,
        ...(key === 'GET /api/cases/{caseNumber}/receipt' ? { [RECEIPT_TOKEN_HEADER]: receiptToken } : {}),
        ...(['POST /api/cases', 'POST /api/signatures', 'POST /api/cosigning/requests/{requestId}/signatures'].includes(key) ? { 'idempotency-key': newKey() } : {}),
      },
    };
  };

  it('walks every operation of the OpenAPI document', async () => {
    const doc = (await anna.send('GET', '/api/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
    const order = { get: 0, post: 1, put: 1, delete: 2 } as Record<string, number>;
    const operations = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method, path })))
      // Changes after reading, deleting last, and logging out at the very end.
      .sort((a, b) => (order[a.method]! - order[b.method]!) || Number(a.path === '/api/session') - Number(b.path === '/api/session'));
    assert.ok(operations.length >= 40, `${operations.length} operations`);

    const succeeded = new Set<string>();
    for (const { method, path } of operations) {
      const key = `${method.toUpperCase()} ${path}`;
      const { url, body, headers } = requestFor(method.toUpperCase(), path);
      const response = path === '/api/attachments' && method === 'post'
        ? await anna.upload(`serviceId=${SERVICE.id}&fieldId=intyg`, PDF)
        : await anna.send(method.toUpperCase() as 'GET', url, body, headers);
      if (response.statusCode < 300) succeeded.add(key);
      if (PUBLIC.has(key)) {
        assert.equal(response.statusCode, 200, `${key}: ${response.body}`);
        assert.equal(response.headers['cache-control'], PUBLIC_CACHE_CONTROL, key);
      } else {
        assert.equal(response.headers['cache-control'], 'no-store', `${key} (${response.statusCode}) has Cache-Control: no-store`);
      }
      if (key === 'GET /api/signatures/{orderRef}') {
        const state = response.json<SigningState>();
        assert.equal(state.status, 'complete');
        assert.ok(state.result?.receiptToken, 'the poll that completes carries the receipt token');
      }
    }
    assert.deepEqual(MUST_SUCCEED.filter((key) => !succeeded.has(key)), [], 'every answer with a token or personal data was read on a success');
  });

  it('errors are no-store too, on public routes as on the rest, and an address with no route', async () => {
    for (const url of ['/api/services/finns-inte', '/api/services/cache-fri?version=99', '/api/finns-inte', '/%61pi/session']) {
      const response = await world.browser().send('GET', url);
      assert.ok(response.statusCode >= 200, url);
      assert.equal(response.headers['cache-control'], 'no-store', `${url} (${response.statusCode})`);
    }
    const refused = await world.browser().send('POST', '/api/cases', caseBody(SERVICE.id), { origin: 'https://evil.example' });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.headers['cache-control'], 'no-store');
  });
});
