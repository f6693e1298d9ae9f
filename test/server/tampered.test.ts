import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SubmitCaseResponse } from '../../src/contract/cases.js';
import { readDemoDefinitions } from '../../server/services/definitions.js';
import { countCases, KIT_HEADERS, newKey, startTestBackend, type TestBackend } from '../support/backend.js';

/** Cases sent by something other than the kit: the server recomputes everything itself. */
let backend: TestBackend;
before(async () => {
  backend = await startTestBackend({ extraDefinitions: await readDemoDefinitions('test/fixtures/services') });
});
after(() => backend.close());

const VALID = {
  namn: 'Exempelby IF', medlemmar: '120', ungdom: true, ungaMedlemmar: '45', typ: 'drift',
  kontaktnamn: 'Anna Andersson', epost: 'anna@example.com', intygar: true,
};

async function send(answers: Record<string, unknown>) {
  const response = await backend.app.inject({
    method: 'POST', url: '/api/cases', headers: { ...KIT_HEADERS, 'idempotency-key': newKey() },
    payload: JSON.stringify({ serviceId: 'villkor', serviceVersion: 1, lang: 'sv', answers }),
  });
  return response;
}

async function stored(response: { json(): unknown }) {
  const { receipt } = SubmitCaseResponse.parse(response.json());
  const { rows } = await backend.db.query<{ answers: Record<string, unknown> }>('SELECT answers FROM cases WHERE id = $1', [receipt.caseId]);
  return rows[0]!.answers;
}

async function refused(answers: Record<string, unknown>): Promise<[string, string][]> {
  const before = await countCases(backend.db);
  const response = await send(answers);
  assert.equal(response.statusCode, 400, response.body);
  assert.match(String(response.headers['content-type']), /problem\+json/);
  assert.equal(await countCases(backend.db), before, 'nothing is stored');
  return (response.json().errors as { path: string; code: string }[]).map((e) => [e.path, e.code]);
}

describe('a tampered case', () => {
  it('is stored normalised when it is valid', async () => {
    const response = await send(VALID);
    assert.equal(response.statusCode, 201);
    assert.deepEqual(await stored(response), { ...VALID, medlemmar: 120, ungaMedlemmar: 45 });
  });

  it('loses its answers to hidden questions and hidden steps', async () => {
    const response = await send({ ...VALID, ungdom: false, ungaMedlemmar: '45', projektnamn: 'Smyg', kostnad: '1000', telefon: '070-123 45 67' });
    assert.equal(response.statusCode, 201);
    const answers = await stored(response);
    for (const hidden of ['ungaMedlemmar', 'projektnamn', 'kostnad', 'telefon']) assert.equal(hidden in answers, false, hidden);
  });

  it('is refused when a question its own answers make required is missing', async () => {
    const { ungaMedlemmar: _u, ...withoutYouthCount } = VALID;
    assert.deepEqual(await refused(withoutYouthCount), [['ungaMedlemmar', 'required']]);
    assert.deepEqual(await refused({ ...VALID, typ: 'projekt', projektnamn: 'Läger', kostnad: '60000' }), [['budget', 'required']]);
    assert.deepEqual(await refused({ ...VALID, typ: 'projekt' }), [['projektnamn', 'required'], ['kostnad', 'required']]);
  });

  it('is refused when answers have the wrong type, naming each', async () => {
    assert.deepEqual(await refused({ ...VALID, ungdom: 'ja', intygar: 'true', medlemmar: { many: '1' }, typ: ['drift'] }), [
      ['medlemmar', 'number'], ['ungdom', 'type'], ['typ', 'type'], ['intygar', 'type'],
    ]);
  });

  it('is refused when a required box is not ticked or a choice is not offered', async () => {
    assert.deepEqual(await refused({ ...VALID, intygar: false, typ: 'fest' }), [['typ', 'option'], ['intygar', 'required']]);
  });

  it('is refused when it answers questions the e-service does not ask', async () => {
    assert.deepEqual(await refused({ ...VALID, isAdmin: true }), [['isAdmin', 'unknownField']]);
  });
});
