import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SubmitCaseResponse } from '../../src/contract/cases.js';
import { Problem } from '../../src/contract/problem.js';
import { countCases, KIT_HEADERS, newKey, startTestBackend, VALID_FAULT_REPORT, type TestBackend } from '../support/backend.js';

let backend: TestBackend;
before(async () => {
  backend = await startTestBackend();
});
after(() => backend.close());

function submit(body: unknown, headers: Record<string, string> = {}) {
  return backend.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { ...KIT_HEADERS, 'idempotency-key': newKey(), ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function problemOf(response: { headers: Record<string, unknown>; json(): unknown }) {
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  return Problem.parse(response.json());
}

describe('POST /api/cases', () => {
  it('stores a valid fault report and answers with a receipt and a case number', async () => {
    const before = await countCases(backend.db);
    const response = await submit(VALID_FAULT_REPORT);
    assert.equal(response.statusCode, 201);
    const { receipt, receiptToken } = SubmitCaseResponse.parse(response.json());
    assert.match(receipt.caseNumber, /^FEL-\d{4}-\d{5}$/);
    assert.equal(receipt.title.sv, 'Tack för din anmälan');
    assert.ok(receiptToken.length >= 40);
    assert.equal(await countCases(backend.db), before + 1);
    const { rows } = await backend.db.query<{ answers: Record<string, string>; status: string }>(
      'SELECT answers, status FROM cases WHERE case_number = $1', [receipt.caseNumber]);
    assert.equal(rows[0]!.status, 'submitted');
    assert.equal(rows[0]!.answers.place, 'Storgatan 12');
  });

  it('numbers cases one after another', async () => {
    const first = SubmitCaseResponse.parse((await submit(VALID_FAULT_REPORT)).json()).receipt.caseNumber;
    const second = SubmitCaseResponse.parse((await submit(VALID_FAULT_REPORT)).json()).receipt.caseNumber;
    assert.equal(Number(second.split('-')[2]), Number(first.split('-')[2]) + 1);
  });

  it('trims answers and leaves out an unanswered optional question', async () => {
    const { email: _email, ...answers } = VALID_FAULT_REPORT.answers;
    const response = await submit({ ...VALID_FAULT_REPORT, answers: { ...answers, place: '  Torget  ', email: '   ' } });
    assert.equal(response.statusCode, 201);
    const caseNumber = SubmitCaseResponse.parse(response.json()).receipt.caseNumber;
    const { rows } = await backend.db.query<{ answers: Record<string, string> }>('SELECT answers FROM cases WHERE case_number = $1', [caseNumber]);
    assert.deepEqual(rows[0]!.answers, { ...answers, place: 'Torget' });
  });

  it('refuses wrong answers with 400, names every field in Swedish, and stores nothing', async () => {
    const before = await countCases(backend.db);
    const response = await submit({
      ...VALID_FAULT_REPORT,
      answers: { category: 'ufo', place: '', description: 'x'.repeat(1001), urgent: 'kanske', email: 'anna@' },
    });
    assert.equal(response.statusCode, 400);
    const problem = problemOf(response);
    assert.equal(problem.status, 400);
    const byPath = Object.fromEntries(problem.errors!.map((error) => [error.path, error]));
    assert.deepEqual(Object.keys(byPath).sort(), ['category', 'description', 'email', 'place', 'urgent']);
    assert.equal(byPath.category!.code, 'option');
    assert.equal(byPath.place!.message, 'Skriv var felet är');
    assert.equal(byPath.description!.code, 'maxLength');
    assert.match(byPath.description!.message, /högst 1000 tecken – du har skrivit 1001/);
    assert.equal(byPath.email!.message, 'Skriv en e-postadress i rätt format, till exempel namn@exempel.se');
    assert.equal(await countCases(backend.db), before);
  });

  it('words the field errors in English when the citizen reads English', async () => {
    const response = await submit({ ...VALID_FAULT_REPORT, lang: 'en', answers: { ...VALID_FAULT_REPORT.answers, place: '' } });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(problemOf(response).errors, [{ path: 'place', code: 'required', message: 'Enter where the fault is' }]);
  });

  it('refuses answers to questions the e-service does not ask', async () => {
    const before = await countCases(backend.db);
    const response = await submit({ ...VALID_FAULT_REPORT, answers: { ...VALID_FAULT_REPORT.answers, personnummer: '19900101-1234' } });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(problemOf(response).errors?.map((e) => [e.path, e.code]), [['personnummer', 'unknownField']]);
    assert.equal(await countCases(backend.db), before);
  });

  it('refuses a body that does not follow the contract, naming the fields', async () => {
    const before = await countCases(backend.db);
    const response = await submit({ serviceId: 'felanmalan', serviceVersion: 'one', lang: 'fi', answers: { place: { nested: true } } });
    assert.equal(response.statusCode, 400);
    const paths = problemOf(response).errors!.map((error) => error.path).sort();
    assert.deepEqual(paths, ['answers.place', 'lang', 'serviceVersion']);
    assert.equal(await countCases(backend.db), before);
  });

  it('refuses a body that is not JSON, or empty, or too large', async () => {
    const before = await countCases(backend.db);
    const notJson = await submit('{"serviceId": ');
    assert.equal(notJson.statusCode, 400);
    assert.equal(problemOf(notJson).type, '/problems/invalid-json');

    const tooLarge = await submit({ ...VALID_FAULT_REPORT, answers: { ...VALID_FAULT_REPORT.answers, description: 'x'.repeat(300_000) } });
    assert.equal(tooLarge.statusCode, 413);
    assert.equal(problemOf(tooLarge).type, '/problems/body-too-large');

    const form = await backend.app.inject({
      method: 'POST', url: '/api/cases', payload: 'place=Torget',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-requested-with': 'e-service-kit', 'idempotency-key': newKey() },
    });
    assert.equal(form.statusCode, 415);
    assert.equal(await countCases(backend.db), before);
  });

  it('answers 404 for an e-service or version that does not exist', async () => {
    const unknown = await submit({ ...VALID_FAULT_REPORT, serviceId: 'finns-inte' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(problemOf(unknown).type, '/problems/service-not-found');
    const newer = await submit({ ...VALID_FAULT_REPORT, serviceVersion: 99 });
    assert.equal(newer.statusCode, 404);
  });
});

describe('Idempotency-Key', () => {
  it('returns the first case for a repeated key and never makes a second', async () => {
    const key = newKey();
    const before = await countCases(backend.db);
    const first = await submit(VALID_FAULT_REPORT, { 'idempotency-key': key });
    const again = await submit(VALID_FAULT_REPORT, { 'idempotency-key': key });
    assert.equal(first.statusCode, 201);
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), first.json());
    assert.equal(await countCases(backend.db), before + 1);
  });

  it('makes one case when the same request arrives several times at once', async () => {
    const key = newKey();
    const before = await countCases(backend.db);
    const responses = await Promise.all(Array.from({ length: 5 }, () => submit(VALID_FAULT_REPORT, { 'idempotency-key': key })));
    const numbers = new Set(responses.map((response) => SubmitCaseResponse.parse(response.json()).receipt.caseNumber));
    assert.equal(numbers.size, 1);
    assert.deepEqual(responses.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 201]);
    assert.equal(await countCases(backend.db), before + 1);
  });

  it('refuses the same key with other answers', async () => {
    const key = newKey();
    await submit(VALID_FAULT_REPORT, { 'idempotency-key': key });
    const other = await submit({ ...VALID_FAULT_REPORT, answers: { ...VALID_FAULT_REPORT.answers, place: 'Torget' } }, { 'idempotency-key': key });
    assert.equal(other.statusCode, 422);
    assert.equal(problemOf(other).type, '/problems/idempotency-key-reused');
  });

  it('is required, so that a retry can never make a second case', async () => {
    const before = await countCases(backend.db);
    const response = await backend.app.inject({ method: 'POST', url: '/api/cases', headers: KIT_HEADERS, payload: JSON.stringify(VALID_FAULT_REPORT) });
    assert.equal(response.statusCode, 400);
    assert.equal(problemOf(response).type, '/problems/idempotency-key-missing');
    assert.equal(await countCases(backend.db), before);
  });
});

describe('GET /api/cases/:caseNumber/receipt', () => {
  it('gives the receipt to the holder of its token and to no one else', async () => {
    const { receipt, receiptToken } = SubmitCaseResponse.parse((await submit(VALID_FAULT_REPORT)).json());
    const url = `/api/cases/${receipt.caseNumber}/receipt`;
    const own = await backend.app.inject({ method: 'GET', url, headers: { 'x-receipt-token': receiptToken } });
    assert.equal(own.statusCode, 200);
    assert.deepEqual(own.json(), receipt);

    const wrongToken = await backend.app.inject({ method: 'GET', url, headers: { 'x-receipt-token': 'A'.repeat(43) } });
    const noToken = await backend.app.inject({ method: 'GET', url });
    const noCase = await backend.app.inject({ method: 'GET', url: '/api/cases/FEL-2026-99999/receipt', headers: { 'x-receipt-token': receiptToken } });
    for (const refused of [wrongToken, noToken, noCase]) {
      assert.equal(refused.statusCode, 404);
      // The same answer whether or not the case exists: nothing to learn by guessing numbers.
      assert.deepEqual(problemOf(refused), problemOf(noCase));
    }
  });
});

describe('logging', () => {
  it('logs no answers, e-mail addresses, tokens or query strings', async () => {
    const marker = 'Hemliga gatan 7';
    const response = await submit({ ...VALID_FAULT_REPORT, answers: { ...VALID_FAULT_REPORT.answers, place: marker } });
    const { receiptToken, receipt } = SubmitCaseResponse.parse(response.json());
    await backend.app.inject({ method: 'GET', url: `/api/cases/${receipt.caseNumber}/receipt?who=anna@example.com`, headers: { 'x-receipt-token': receiptToken } });
    const log = backend.logs.join('\n');
    assert.ok(backend.logs.some((line) => line.includes('case submitted')), 'submissions are logged');
    for (const secret of [marker, 'anna.andersson@example.com', 'anna@example.com', receiptToken, '127.0.0.1']) {
      assert.ok(!log.includes(secret), `the log must not contain ${secret}`);
    }
  });
});
