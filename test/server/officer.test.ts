import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SubmitCaseResponse } from '../../src/contract/cases.js';
import { Message } from '../../src/contract/my-pages.js';
import { Problem } from '../../src/contract/problem.js';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { forgetDemoTokens, makeDemoTokens, tokenHash } from '../../server/officer/auth.js';
import { OfficerCaseDetails } from '../../server/officer/schemas.js';
import { readConfig, ConfigError, type OfficerToken } from '../../server/config.js';
import { KIT_HEADERS, newKey, startTestBackend, VALID_FAULT_REPORT, type TestBackend } from '../support/backend.js';

const EXEMPELBY = 'e'.repeat(20) + '-exempelby-token-0123456789';
const GRANNBY = 'g'.repeat(20) + '-grannby-token-0123456789';
const OTHER = 'x'.repeat(20) + '-another-instance-token-0123';
const ANNA = '198001012387';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let backend: TestBackend;
before(async () => {
  backend = await startTestBackend({ config: { officerTokens: [{ municipalityId: 'exempelby', token: EXEMPELBY }, { municipalityId: 'grannby', token: GRANNBY }] } });
});
after(() => backend.close());

/** Another server instance on the same database, with OFFICER_TOKENS of its own. */
async function secondApp(officerTokens: OfficerToken[]): Promise<FastifyInstance> {
  const app = await buildApp({
    config: { ...backend.config, officerTokens }, db: backend.db, logStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
  });
  await app.ready();
  return app;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function newCase(answers: Record<string, unknown> = {}): Promise<{ caseId: string; caseNumber: string }> {
  const response = await backend.app.inject({
    method: 'POST', url: '/api/cases', headers: { ...KIT_HEADERS, 'idempotency-key': newKey() },
    payload: { ...VALID_FAULT_REPORT, answers: { ...VALID_FAULT_REPORT.answers, ...answers } },
  });
  assert.equal(response.statusCode, 201, response.body);
  const { receipt } = SubmitCaseResponse.parse(response.json());
  return { caseId: receipt.caseId, caseNumber: receipt.caseNumber };
}

function get(url: string, token?: string) {
  return backend.app.inject({ method: 'GET', url, headers: token ? auth(token) : {} });
}

function post(url: string, body: unknown, token?: string, headers: Record<string, string> = {}) {
  return backend.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...(token ? auth(token) : {}), ...headers }, payload: JSON.stringify(body) });
}

function problemOf(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, type: string) {
  assert.equal(response.statusCode, status);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const body = Problem.parse(response.json());
  assert.equal(body.type, `/problems/${type}`);
  return body;
}

describe('the officer API: tokens', () => {
  it('answers 401 without a token, with a wrong one, and with another scheme, on every route', async () => {
    const { caseId } = await newCase();
    const routes: [string, string][] = [
      ['GET', '/api/officer/cases'], ['GET', `/api/officer/cases/${caseId}`],
      ['GET', `/api/officer/cases/${caseId}/attachments/${randomUUID()}`],
      ['POST', `/api/officer/cases/${caseId}/status`], ['POST', `/api/officer/cases/${caseId}/messages`],
    ];
    for (const [method, url] of routes) {
      for (const authorization of [undefined, 'Bearer not-a-token-of-anyone-at-all', `Basic ${EXEMPELBY}`, `Bearer ${EXEMPELBY}x`]) {
        const response = await backend.app.inject({
          method: method as 'GET' | 'POST', url, headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          ...(method === 'POST' ? { payload: JSON.stringify({ status: 'closed', body: 'x' }) } : {}),
        });
        problemOf(response, 401, 'officer-unauthorized');
        assert.match(String(response.headers['www-authenticate']), /^Bearer/);
      }
    }
    const { rows } = await backend.db.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [caseId]);
    assert.equal(rows[0]!.status, 'submitted', 'nothing changed');
  });

  it('accepts exactly the tokens its own OFFICER_TOKENS lists, stores none of them, and never a demo token', async () => {
    assert.equal((await get('/api/officer/cases', EXEMPELBY)).statusCode, 200);
    assert.equal((await get('/api/officer/cases', GRANNBY)).statusCode, 200);
    const { rows } = await backend.db.query<{ token_sha256: string; label: string }>('SELECT token_sha256, label FROM officer_credentials');
    assert.ok(!rows.some((row) => [tokenHash(EXEMPELBY), tokenHash(GRANNBY)].includes(row.token_sha256) || row.label === 'OFFICER_TOKENS'));
    // A demo token in the database (from a start without OFFICER_TOKENS) opens nothing here.
    const demo = await makeDemoTokens(backend.db, ['exempelby']);
    problemOf(await get('/api/officer/cases', demo[0]!.token), 401, 'officer-unauthorized');
    await forgetDemoTokens(backend.db);
  });

  it('without OFFICER_TOKENS: the demo tokens, stored as SHA-256; a start replaces the last start\'s, and one with OFFICER_TOKENS forgets them', async () => {
    const demoApp = await secondApp([]);
    try {
      const demo = await makeDemoTokens(backend.db, ['exempelby']);
      const { rows } = await backend.db.query<{ token_sha256: string }>('SELECT token_sha256 FROM officer_credentials');
      assert.deepEqual(rows.map((row) => row.token_sha256), [tokenHash(demo[0]!.token)]);
      assert.equal((await demoApp.inject({ method: 'GET', url: '/api/officer/cases', headers: auth(demo[0]!.token) })).statusCode, 200);
      problemOf(await demoApp.inject({ method: 'GET', url: '/api/officer/cases', headers: auth(EXEMPELBY) }), 401, 'officer-unauthorized');
      const again = await makeDemoTokens(backend.db, ['exempelby']);
      problemOf(await demoApp.inject({ method: 'GET', url: '/api/officer/cases', headers: auth(demo[0]!.token) }), 401, 'officer-unauthorized');
      assert.equal((await demoApp.inject({ method: 'GET', url: '/api/officer/cases', headers: auth(again[0]!.token) })).statusCode, 200);
      // What an instance with OFFICER_TOKENS does at start (server/main.ts).
      await forgetDemoTokens(backend.db);
      problemOf(await demoApp.inject({ method: 'GET', url: '/api/officer/cases', headers: auth(again[0]!.token) }), 401, 'officer-unauthorized');
    } finally {
      await demoApp.close();
    }
  });

  it('two instances on one database: each accepts its own tokens, a start of one revokes nothing of the other\'s', async () => {
    const { caseId } = await newCase();
    // Started with other OFFICER_TOKENS (a misconfigured or half-rolled-out instance), the way server/main.ts starts one.
    const other = await secondApp([{ municipalityId: 'exempelby', token: OTHER }]);
    await forgetDemoTokens(backend.db);
    try {
      const read = (app: FastifyInstance, token: string) =>
        app.inject({ method: 'GET', url: `/api/officer/cases/${caseId}`, headers: auth(token) });
      assert.equal((await read(backend.app, EXEMPELBY)).statusCode, 200, 'the first instance still accepts its token');
      assert.equal((await read(backend.app, GRANNBY)).statusCode, 404, "grannby's token still works (and sees no exempelby case)");
      assert.equal((await read(other, OTHER)).statusCode, 200, 'the second accepts its own');
      problemOf(await read(backend.app, OTHER), 401, 'officer-unauthorized');
      problemOf(await read(other, EXEMPELBY), 401, 'officer-unauthorized');
      const neither = `${'n'.repeat(20)}-listed-by-neither-instance`;
      problemOf(await read(backend.app, neither), 401, 'officer-unauthorized');
      problemOf(await read(other, neither), 401, 'officer-unauthorized');
      const { rows } = await backend.db.query<{ token_sha256: string }>('SELECT token_sha256 FROM officer_credentials');
      const hashes = [EXEMPELBY, GRANNBY, OTHER].map(tokenHash);
      assert.ok(!rows.some((row) => hashes.includes(row.token_sha256)), 'no OFFICER_TOKENS hash is stored');
    } finally {
      await other.close();
    }
  });

  it('reads OFFICER_TOKENS as municipality:token pairs and refuses short tokens', () => {
    assert.deepEqual(readConfig({ OFFICER_TOKENS: `exempelby:${EXEMPELBY}, grannby:${GRANNBY}` }).officerTokens,
      [{ municipalityId: 'exempelby', token: EXEMPELBY }, { municipalityId: 'grannby', token: GRANNBY }]);
    assert.throws(() => readConfig({ OFFICER_TOKENS: 'exempelby:short' }), ConfigError);
    assert.throws(() => readConfig({ OFFICER_TOKENS: EXEMPELBY }), ConfigError);
  });
});

describe('the officer API: cases', () => {
  it('lists the municipality\'s sent cases newest first, never another\'s or one awaiting a cosigner', async () => {
    const older = await newCase();
    const newer = await newCase();
    const cosign = await newCase();
    await backend.db.query(`UPDATE cases SET status = 'awaitingCosign' WHERE id = $1`, [cosign.caseId]);
    await backend.db.query(`UPDATE cases SET submitted_at = submitted_at - interval '1 hour' WHERE id = $1`, [older.caseId]);
    const response = await get('/api/officer/cases?limit=200', EXEMPELBY);
    assert.equal(response.statusCode, 200);
    const ids = (response.json() as { items: { id: string }[] }).items.map((item) => item.id);
    assert.ok(ids.indexOf(newer.caseId) < ids.indexOf(older.caseId) && ids.includes(older.caseId));
    assert.ok(!ids.includes(cosign.caseId));
    // grannby has no cases at all: none of exempelby's shows.
    assert.deepEqual((await get('/api/officer/cases', GRANNBY)).json(), { items: [] });
  });

  it('filters by status and since, pages with a cursor, and refuses a bad query with 400', async () => {
    const { caseId } = await newCase();
    await backend.db.query(`UPDATE cases SET status = 'inProgress' WHERE id = $1`, [caseId]);
    const inProgress = (await get('/api/officer/cases?status=inProgress', EXEMPELBY)).json() as { items: { id: string; status: string }[] };
    assert.ok(inProgress.items.length >= 1 && inProgress.items.every((item) => item.status === 'inProgress'));
    const future = (await get(`/api/officer/cases?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, EXEMPELBY)).json();
    assert.deepEqual(future, { items: [] });
    const first = (await get('/api/officer/cases?limit=1', EXEMPELBY)).json() as { items: { id: string }[]; nextCursor: string };
    assert.equal(first.items.length, 1);
    const second = (await get(`/api/officer/cases?limit=1&cursor=${first.nextCursor}`, EXEMPELBY)).json() as { items: { id: string }[] };
    assert.notEqual(second.items[0]!.id, first.items[0]!.id);
    for (const query of ['status=draft', 'status=awaitingCosign', 'since=yesterday', 'limit=0', 'limit=201', 'cursor=nonsense']) {
      problemOf(await get(`/api/officer/cases?${query}`, EXEMPELBY), 400, 'invalid-body');
    }
  });

  it('gives the case with answers, applicant, attachments, signature, history and messages', async () => {
    const { caseId, caseNumber } = await newCase();
    await backend.db.query('UPDATE cases SET applicant_personal_number = $2 WHERE id = $1', [caseId, ANNA]);
    await backend.db.query(
      `INSERT INTO case_signatures (case_id, order_ref, personal_number, name, signature, ocsp_response, completion, user_visible_data, signed_at)
       VALUES ($1, $2, $3, 'Anna Andersson', 'PHNpZz4=', 'b2NzcA==', '{}', 'eA==', now())`, [caseId, randomUUID(), ANNA]);
    const attachmentId = randomUUID();
    await backend.db.query(
      `INSERT INTO attachments (id, service_id, field_id, file_name, kind, size_bytes, sha256, case_id, claimed_at)
       VALUES ($1, 'felanmalan', 'photos', 'lampan på Storgatan.pdf', 'pdf', $2, 'x', $3, now())`, [attachmentId, PDF.length, caseId]);
    await backend.db.query('INSERT INTO attachment_blobs (id, bytes) VALUES ($1, $2)', [attachmentId, PDF]);

    const response = await get(`/api/officer/cases/${caseId}`, EXEMPELBY);
    assert.equal(response.statusCode, 200);
    const details = OfficerCaseDetails.parse(response.json());
    assert.equal(details.caseNumber, caseNumber);
    assert.equal(details.answers.place, 'Storgatan 12');
    assert.deepEqual(details.applicant, { personalNumber: ANNA, name: 'Anna Andersson' });
    assert.deepEqual(details.attachments.map((a) => [a.id, a.fileName, a.kind, a.fieldId]), [[attachmentId, 'lampan på Storgatan.pdf', 'pdf', 'photos']]);
    assert.equal(details.signatures[0]!.signature, 'PHNpZz4=');
    assert.deepEqual(details.history.map((h) => [h.status, h.by]), [['submitted', 'citizen']]);
    assert.deepEqual(details.messages, []);

    const file = await get(`/api/officer/cases/${caseId}/attachments/${attachmentId}`, EXEMPELBY);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.match(String(file.headers['content-disposition']), /^attachment; filename\*=UTF-8''lampan%20p%C3%A5%20Storgatan\.pdf$/);
    assert.deepEqual(file.rawPayload, PDF);

    // Another municipality: exactly the answer for a case that does not exist.
    const missing = await get(`/api/officer/cases/${randomUUID()}`, EXEMPELBY);
    const other = await get(`/api/officer/cases/${caseId}`, GRANNBY);
    assert.deepEqual(problemOf(other, 404, 'case-not-found'), problemOf(missing, 404, 'case-not-found'));
    problemOf(await get(`/api/officer/cases/not-a-uuid`, EXEMPELBY), 404, 'case-not-found');
    problemOf(await get(`/api/officer/cases/${caseId}/attachments/${attachmentId}`, GRANNBY), 404, 'attachment-not-found');
    problemOf(await get(`/api/officer/cases/${caseId}/attachments/${randomUUID()}`, EXEMPELBY), 404, 'attachment-not-found');
    const cosign = await newCase();
    await backend.db.query(`UPDATE cases SET status = 'awaitingCosign' WHERE id = $1`, [cosign.caseId]);
    problemOf(await get(`/api/officer/cases/${cosign.caseId}`, EXEMPELBY), 404, 'case-not-found');
  });

  it('changes the status without Origin or X-Requested-With, records it, and refuses any change after closed with 409', async () => {
    const { caseId } = await newCase();
    const moved = await post(`/api/officer/cases/${caseId}/status`, { status: 'inProgress' }, EXEMPELBY, { origin: 'https://elsewhere.example' });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(OfficerCaseDetails.parse(moved.json()).status, 'inProgress');
    const closed = await post(`/api/officer/cases/${caseId}/status`, { status: 'closed', note: 'Lampan är lagad.' }, EXEMPELBY);
    const details = OfficerCaseDetails.parse(closed.json());
    assert.deepEqual(details.history.map((h) => [h.status, h.by]), [['submitted', 'citizen'], ['inProgress', 'officer'], ['closed', 'officer']]);
    assert.deepEqual(details.messages.map((m) => [m.from, m.body]), [['officer', 'Lampan är lagad.']]);
    problemOf(await post(`/api/officer/cases/${caseId}/status`, { status: 'inProgress' }, EXEMPELBY), 409, 'case-closed');
    problemOf(await post(`/api/officer/cases/${caseId}/status`, { status: 'submitted' }, EXEMPELBY), 400, 'invalid-body');
    problemOf(await post(`/api/officer/cases/${caseId}/status`, { status: 'draft' }, EXEMPELBY), 400, 'invalid-body');

    const other = await newCase();
    problemOf(await post(`/api/officer/cases/${other.caseId}/status`, { status: 'closed' }, GRANNBY), 404, 'case-not-found');
    problemOf(await post(`/api/officer/cases/${randomUUID()}/status`, { status: 'closed' }, EXEMPELBY), 404, 'case-not-found');
    const { rows } = await backend.db.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [other.caseId]);
    assert.equal(rows[0]!.status, 'submitted', 'another municipality changed nothing');
  });

  it('still checks Origin and X-Requested-With on the citizen\'s API', async () => {
    const response = await backend.app.inject({
      method: 'POST', url: '/api/cases', headers: { 'content-type': 'application/json', 'idempotency-key': newKey(), ...auth(EXEMPELBY) },
      payload: JSON.stringify(VALID_FAULT_REPORT),
    });
    problemOf(response, 403, 'client-header-missing');
  });

  it('sends a message to the citizen and queues a notice in the same transaction; another municipality\'s case is 404', async () => {
    const { caseId } = await newCase();
    await backend.db.query('UPDATE cases SET applicant_personal_number = $2 WHERE id = $1', [caseId, ANNA]);
    const sent = await post(`/api/officer/cases/${caseId}/messages`, { body: 'Vilken lyktstolpe gäller det, nummer 14 eller 16?' }, EXEMPELBY);
    assert.equal(sent.statusCode, 201, sent.body);
    const message = Message.parse(sent.json());
    assert.equal(message.from, 'officer');
    const details = OfficerCaseDetails.parse((await get(`/api/officer/cases/${caseId}`, EXEMPELBY)).json());
    assert.deepEqual(details.messages.map((m) => m.id), [message.id]);
    const { rows } = await backend.db.query<{ kind: string; channel: string; body: string }>(
      `SELECT kind, channel, body FROM notifications WHERE event_key = $1`, [`message:${message.id}`]);
    assert.equal(rows[0]!.kind, 'message');
    assert.ok(!rows[0]!.body.includes('lyktstolpe'));

    problemOf(await post(`/api/officer/cases/${caseId}/messages`, { body: 'Hej' }, GRANNBY), 404, 'case-not-found');
    problemOf(await post(`/api/officer/cases/${caseId}/messages`, { body: '' }, EXEMPELBY), 400, 'invalid-body');
    const after = OfficerCaseDetails.parse((await get(`/api/officer/cases/${caseId}`, EXEMPELBY)).json());
    assert.equal(after.messages.length, 1, 'the refused messages were not stored');
  });

  it('logs case ids, never a personnummer, a message or a token', () => {
    const log = backend.logs.join('\n');
    assert.match(log, /officer sent a message/);
    for (const secret of [ANNA, '19800101-2387', 'lyktstolpe', 'Lampan är lagad', EXEMPELBY, GRANNBY, 'Storgatan']) {
      assert.ok(!log.includes(secret), `the log holds ${secret}`);
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const path of ['/api/officer/cases', '/api/officer/cases/{caseId}', '/api/officer/cases/{caseId}/attachments/{attachmentId}',
      '/api/officer/cases/{caseId}/status', '/api/officer/cases/{caseId}/messages']) {
      assert.ok(doc.paths[path], path);
    }
  });
});
