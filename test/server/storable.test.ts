import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SubmitCaseResponse } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import type { Draft } from '../../src/contract/my-pages.js';
import type { Problem } from '../../src/contract/problem.js';
import { newKey } from '../support/backend.js';
import { type Browser, person, startWorld, type World } from './support/browser.js';
import { caseBody, testService } from './support/definitions.js';

/**
 * Issue 14: what the database cannot hold — NUL, lone surrogates, `\u0000` in jsonb, years outside
 * 0001–9999, integers past an `integer` column — is refused with 400 naming the field, in Swedish and
 * English, and nothing is stored. Runs on PGlite and, with DATABASE_URL, on PostgreSQL.
 */

const ANNA = person('Anna');
const text = (sv: string, en = sv) => ({ sv, en });
const PLAIN = testService('lagringsbar');
const SIGNED = testService('lagringsbar-signerad', { signing: 'sign', prefix: 'LAS' });
const DATED = ServiceDefinition.parse({
  schemaVersion: 1, id: 'datum', version: 1,
  municipality: { id: 'exempelby', name: text('Exempelby kommun', 'Exempelby Municipality') },
  title: text('Datum'), description: text('Datum.'), contact: { text: text('Ring oss.') },
  login: 'optional', caseNumberPrefix: 'DAT',
  steps: [{
    id: 'ett', title: text('Ett'),
    fields: [
      { id: 'start', type: 'date', label: text('Startdatum', 'Start date') },
      { id: 'adress', type: 'address', label: text('Adress', 'Address'), required: false },
      {
        id: 'rader', type: 'group', label: text('Rader', 'Rows'), itemLabel: text('Rad', 'Row'), required: false,
        fields: [{ id: 'namn', type: 'text', label: text('Namn', 'Name') }],
      },
    ],
  }],
  receipt: { title: text('Tack'), text: text('Tack.') },
  retention: { closedCaseDays: 365, draftDays: 30 },
});

const NUL = 'före\u0000efter';
const HIGH_ALONE = 'halv \ud83d emoji';
const LOW_ALONE = 'halv \ude00 emoji';
const NASTY = [NUL, HIGH_ALONE, LOW_ALONE, '\u0000'];
const OFFICER = `${'o'.repeat(20)}-exempelby-token-storable`;

describe('bad input never reaches the database', () => {
  let world: World;
  let anna: Browser;
  let caseId: string;
  let draft: Draft;
  before(async () => {
    world = await startWorld({ extraDefinitions: [PLAIN, DATED, SIGNED], config: { officerTokens: [{ municipalityId: 'exempelby', token: OFFICER }] } });
    anna = await world.loggedIn(ANNA);
    caseId = (await anna.submit(caseBody('lagringsbar'))).json<SubmitCaseResponse>().receipt.caseId;
    draft = await anna.createDraft({ serviceId: 'lagringsbar', serviceVersion: 1, answers: { skola: 'Norr' } });
  });
  after(() => world.close());

  const TABLES = ['cases', 'drafts', 'case_messages', 'idempotency_keys', 'signings', 'profiles', 'attachments'];
  async function rows(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      counts[table] = Number((await world.backend.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n);
    }
    return counts;
  }

  /** Sends, expects 400 problem+json, and that no table gained or lost a row. */
  async function refused(send: () => ReturnType<Browser['send']>): Promise<Problem> {
    const before = await rows();
    const response = await send();
    assert.equal(response.statusCode, 400, response.body);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    assert.deepEqual(await rows(), before);
    return response.json<Problem>();
  }

  const errorsOf = (body: Problem) => body.errors?.map((error) => [error.path, error.code]);

  it('POST /api/cases: text with a NUL or half a surrogate pair is the form’s own field error, in Swedish and English', async () => {
    for (const bad of NASTY) {
      const body = await refused(() => anna.submit({ ...caseBody('lagringsbar', { skola: bad }) }));
      assert.equal(body.type, '/problems/validation');
      assert.deepEqual(body.errors, [{
        path: 'skola', code: 'characters',
        message: '”Skola” innehåller ett tecken som inte kan sparas, till exempel ett osynligt styrtecken eller en halv emoji – ta bort det eller skriv texten igen',
      }]);
    }
    const english = await refused(() => anna.submit(caseBody('lagringsbar', { skola: NUL }, { lang: 'en' })));
    assert.deepEqual(english.errors?.map((error) => error.message),
      ['“School” contains a character that cannot be saved, such as an invisible control character or half an emoji – remove it or type the text again']);
  });

  it('POST /api/signatures: an answer to a signed e-service with a NUL or half a surrogate pair is the form’s own field error too', async () => {
    const sign = (answers: Record<string, unknown>, lang = 'sv') => anna.send('POST', '/api/signatures',
      caseBody('lagringsbar-signerad', answers, { lang, method: 'otherDevice' }), { 'idempotency-key': newKey(), 'accept-language': lang });
    for (const bad of NASTY) {
      const body = await refused(() => sign({ skola: bad }));
      assert.equal(body.type, '/problems/validation');
      assert.deepEqual(body.errors, [{
        path: 'skola', code: 'characters',
        message: '”Skola” innehåller ett tecken som inte kan sparas, till exempel ett osynligt styrtecken eller en halv emoji – ta bort det eller skriv texten igen',
      }]);
    }
    const english = await refused(() => sign({ skola: NUL }, 'en'));
    assert.deepEqual(english.errors?.map((error) => error.message),
      ['“School” contains a character that cannot be saved, such as an invisible control character or half an emoji – remove it or type the text again']);
    // What is wrong besides the answers is still the body's, by its path.
    const method = await refused(() => anna.send('POST', '/api/signatures',
      { ...caseBody('lagringsbar-signerad', { skola: NUL }), method: 'carrierPigeon' }, { 'idempotency-key': newKey() }));
    assert.equal(method.type, '/problems/invalid-body');
  });

  it('POST /api/cases without a login: the anonymous e-service refuses it too, and in a key, an address part and a group', async () => {
    const anonymous = world.browser();
    const fault = { category: 'belysning', place: 'Storgatan 1', description: NUL, urgent: 'nej' };
    const body = await refused(() => anonymous.submit({ serviceId: 'felanmalan', serviceVersion: 1, lang: 'sv', answers: fault }));
    assert.deepEqual(errorsOf(body), [['description', 'characters']]);

    const inParts = await refused(() => anonymous.submit(caseBody('datum', {
      start: '2026-05-01', adress: { street: LOW_ALONE, postalCode: '123 45', city: 'By' }, rader: [{ namn: HIGH_ALONE }],
    })));
    assert.deepEqual(errorsOf(inParts), [['adress.street', 'characters'], ['rader.0.namn', 'characters']]);
    assert.match(inParts.errors![1]!.message, /^Rad 1: ”Namn” innehåller ett tecken/);

    const inKey = await refused(() => anonymous.submit(caseBody('datum', { start: '2026-05-01', [`x${NUL}`]: 'y' })));
    assert.deepEqual(errorsOf(inKey), [[`x${NUL}`, 'characters']]);
  });

  it('POST /api/cases: a version past an integer column, or a NUL in the e-service’s id, names the field', async () => {
    const version = await refused(() => anna.submit({ ...caseBody('lagringsbar'), serviceVersion: 2 ** 31 }));
    assert.deepEqual(errorsOf(version), [['serviceVersion', 'max']]);
    assert.equal(version.errors![0]!.message, '”serviceVersion” ska vara 2147483647 eller mindre');
    const id = await refused(() => anna.submit({ ...caseBody('lagringsbar'), serviceId: `lagringsbar${NUL}` }));
    assert.deepEqual(errorsOf(id), [['serviceId', 'characters']]);
  });

  it('a body that is not an object at all is refused as before (found by the fuzz test)', async () => {
    for (const payload of ['null', '[]', '"\\u0000"', '1e400']) {
      const body = await refused(() => anna.send('POST', '/api/cases', Buffer.from(payload), { 'content-type': 'application/json', 'idempotency-key': newKey() }));
      assert.equal(body.type, '/problems/invalid-body', payload);
      const draft = await refused(() => anna.send('POST', '/api/drafts', Buffer.from(payload), { 'content-type': 'application/json' }));
      assert.equal(draft.type, '/problems/invalid-body', payload);
    }
  });

  it('date answers run from 0001-01-01 to 9999-12-31', async () => {
    const anonymous = world.browser();
    for (const start of ['0000-01-01', '00000101']) {
      const body = await refused(() => anonymous.submit(caseBody('datum', { start })));
      assert.deepEqual(body.errors, [{ path: 'start', code: 'dateMin', message: '”Startdatum” får vara tidigast 0001-01-01' }]);
    }
    for (const start of ['+275760-09-13', '-000001-01-01', '10000-01-01']) {
      assert.deepEqual(errorsOf(await refused(() => anonymous.submit(caseBody('datum', { start })))), [['start', 'date']]);
    }
    for (const start of ['0001-01-01', '9999-12-31']) {
      const sent = await anonymous.submit(caseBody('datum', { start }));
      assert.equal(sent.statusCode, 201, sent.body);
    }
  });

  it('POST /api/drafts and PUT /api/drafts/{id}: the same field errors, and the stored draft stays as it was', async () => {
    for (const bad of NASTY) {
      const created = await refused(() => anna.send('POST', '/api/drafts', { serviceId: 'lagringsbar', serviceVersion: 1, answers: { ovrigt: bad } }));
      assert.deepEqual(errorsOf(created), [['ovrigt', 'characters']]);
      const saved = await refused(() => anna.send('PUT', `/api/drafts/${draft.id}`,
        { serviceId: 'lagringsbar', serviceVersion: 1, version: draft.version, answers: { skola: bad } }));
      assert.deepEqual(errorsOf(saved), [['skola', 'characters']]);
    }
    const step = await refused(() => anna.send('POST', '/api/drafts', { serviceId: 'lagringsbar', serviceVersion: 1, answers: {}, stepId: NUL }));
    assert.deepEqual(errorsOf(step), [['stepId', 'characters']]);
    const version = await refused(() => anna.send('PUT', `/api/drafts/${draft.id}`,
      { serviceId: 'lagringsbar', serviceVersion: 1, version: 2 ** 31, answers: {} }));
    assert.deepEqual(errorsOf(version), [['version', 'max']]);
    const serviceVersion = await refused(() => anna.send('POST', '/api/drafts', { serviceId: 'lagringsbar', serviceVersion: 99_999_999_999, answers: {} }));
    assert.deepEqual(errorsOf(serviceVersion), [['serviceVersion', 'max']]);
    const stored = (await anna.send('GET', `/api/drafts/${draft.id}`)).json<Draft>();
    assert.deepEqual([stored.version, stored.answers], [draft.version, { skola: 'Norr' }]);
  });

  it('messages to the case officer, and the officer’s, refuse a NUL or half a surrogate pair', async () => {
    for (const bad of NASTY) {
      const body = await refused(() => anna.send('POST', `/api/my/cases/${caseId}/messages`, { body: bad }));
      assert.deepEqual(errorsOf(body), [['body', 'characters']]);
    }
    const english = await refused(() => anna.send('POST', `/api/my/cases/${caseId}/messages`, { body: NUL }, { 'accept-language': 'en' }));
    assert.match(english.errors![0]!.message, /^“body” contains a character that cannot be saved/);
    const officer = { authorization: `Bearer ${OFFICER}`, 'content-type': 'application/json' };
    for (const [url, payload] of [['messages', { body: HIGH_ALONE }], ['status', { status: 'inProgress', note: NUL }]] as const) {
      await refused(() => world.backend.app.inject({ method: 'POST', url: `/api/officer/cases/${caseId}/${url}`, headers: officer, payload: JSON.stringify(payload) }));
    }
  });

  it('ids in the path and values in the query with a NUL are refused by name before any route reads them', async () => {
    for (const url of [
      '/api/services/lagringsbar%00', '/api/services/lagringsbar%00/prefill', '/api/drafts/%00', '/api/eid/orders/%00',
      '/api/signatures/%00', `/api/my/cases/${caseId}%00/messages`, '/api/cosigning/requests/x%00', '/api/cases/MIN-2026-00001%00/receipt',
    ]) {
      const body = await refused(() => anna.send('GET', url));
      assert.equal(body.type, '/problems/invalid-path', url);
      assert.equal(body.errors?.[0]?.code, 'characters', url);
    }
    const query = await refused(() => anna.send('GET', '/api/my/cases?cursor=%00'));
    assert.deepEqual([query.type, errorsOf(query)], ['/problems/invalid-query', [['cursor', 'characters']]]);
    const deleted = await refused(() => anna.send('DELETE', '/api/attachments/%00'));
    assert.deepEqual(errorsOf(deleted), [['id', 'characters']]);
  });

  it('times in cursors and the officer’s `since` must fall in the years 0001–9999', async () => {
    const cursor = (time: string) => Buffer.from(JSON.stringify([time, '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    for (const time of ['0000-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00.000Z']) {
      await refused(() => anna.send('GET', `/api/my/cases?cursor=${cursor(time)}`));
    }
    const last = await anna.send('GET', `/api/my/cases?cursor=${cursor('9999-12-31T23:59:59.999Z')}`);
    assert.equal(last.statusCode, 200, last.body);

    const officer = (query: string) => world.backend.app.inject({ method: 'GET', url: `/api/officer/cases?${query}`, headers: { authorization: `Bearer ${OFFICER}` } });
    for (const since of ['+275760-09-13', '-000001-01-01', '0000-01-01']) {
      const response = await officer(`since=${encodeURIComponent(since)}`);
      assert.equal(response.statusCode, 400, `${since}: ${response.body}`);
      assert.equal(response.json<Problem>().errors?.[0]?.path, 'since');
    }
    for (const at of ['0000-12-31T23:59:59.999Z', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00.000Z']) {
      const response = await officer(`cursor=${Buffer.from(`${at}|00000000-0000-4000-8000-000000000000`).toString('base64url')}`);
      assert.equal(response.statusCode, 400, `${at}: ${response.body}`);
    }
    assert.equal((await officer('since=0001-01-01T00:00:00Z')).statusCode, 200);
  });

  it('a signing refuses them too, and starts no BankID order', async () => {
    const before = world.sim ? (await world.backend.db.query<{ n: number }>('SELECT count(*)::int AS n FROM bankid_orders')).rows[0]!.n : 0;
    await refused(() => anna.send('POST', '/api/signatures', { ...caseBody('lagringsbar', { skola: NUL }), method: 'otherDevice' }, { 'idempotency-key': newKey() }));
    await refused(() => anna.send('POST', '/api/signatures',
      { ...caseBody('lagringsbar'), serviceVersion: 2 ** 31, method: 'otherDevice' }, { 'idempotency-key': newKey() }));
    assert.equal((await world.backend.db.query<{ n: number }>('SELECT count(*)::int AS n FROM bankid_orders')).rows[0]!.n, before);
  });

  it('a path that is not UTF-8 at all is a problem too', async () => {
    const body = await refused(() => anna.send('GET', '/api/services/fel%ED%A0%80anmalan'));
    assert.equal(body.type, '/problems/invalid-path');
  });
});
