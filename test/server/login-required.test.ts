import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { BankIdClient } from '../../server/eid/bankid-client.js';
import { BankIdSimulator, TEST_PERSONS, type SimPerson } from '../../server/eid/simulator/index.js';
import type { SubmitCaseResponse } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import type { Problem } from '../../src/contract/problem.js';
import { countCases, newKey, startTestBackend, type TestBackend } from '../support/backend.js';

const ANNA = TEST_PERSONS[0]!;
const ERIK = TEST_PERSONS[1]!;
const text = (sv: string, en: string) => ({ sv, en });

const base = {
  schemaVersion: 1,
  version: 1,
  municipality: { id: 'exempelby', name: text('Exempelby kommun', 'Exempelby Municipality') },
  title: text('Anmälan', 'Notice'),
  description: text('En e-tjänst för tester av inloggning.', 'An e-service for testing login.'),
  contact: { text: text('Ring oss.', 'Call us.') },
  caseNumberPrefix: 'INL',
  steps: [{
    id: 'uppgifter',
    title: text('Uppgifter', 'Details'),
    fields: [
      { id: 'namn', type: 'text', label: text('Namn', 'Name') },
      { id: 'bilaga', type: 'file', label: text('Bilaga', 'Attachment'), required: false },
    ],
  }],
  receipt: { title: text('Tack', 'Thank you'), text: text('Vi har tagit emot din anmälan.', 'We have received your notice.') },
  retention: { closedCaseDays: 365, draftDays: 30 },
};
const REQUIRED = ServiceDefinition.parse({ ...base, id: 'inloggning-krav', login: 'required' });
const OPTIONAL = ServiceDefinition.parse({ ...base, id: 'inloggning-frivillig', login: 'optional' });

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

describe('e-services that need login, and who sent a case', () => {
  let clock = Date.parse('2026-11-24T09:00:00Z');
  let sim: BankIdSimulator;
  let client: BankIdClient;
  let backend: TestBackend;

  before(async () => {
    sim = await BankIdSimulator.start({ now: () => clock, adminPort: null });
    client = new BankIdClient(sim.clientOptions());
    backend = await startTestBackend({ app: { now: () => new Date(clock), bankId: client }, extraDefinitions: [REQUIRED, OPTIONAL] });
  });
  after(async () => {
    await backend.close();
    client.close();
    await sim.close();
  });

  class Browser {
    readonly cookies = new Map<string, string>();

    async send(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) {
      const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      const binary = Buffer.isBuffer(payload);
      const response = await backend.app.inject({
        method,
        url,
        headers: {
          ...(method === 'GET' ? {} : { 'x-requested-with': 'e-service-kit' }),
          ...(payload !== undefined && !binary ? { 'content-type': 'application/json' } : {}),
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
        ...(payload === undefined ? {} : { payload: binary ? payload : JSON.stringify(payload) }),
      });
      for (const set of response.cookies as { name: string; value: string; maxAge?: number }[]) {
        if (set.value === '' || set.maxAge === 0) this.cookies.delete(set.name);
        else this.cookies.set(set.name, set.value);
      }
      return response;
    }

    async logIn(person: SimPerson): Promise<this> {
      const { orderRef } = (await this.send('POST', '/api/eid/login', { method: 'otherDevice' })).json<{ orderRef: string }>();
      sim.act(orderRef, { action: 'approve', personalNumber: person.personalNumber });
      clock += 2000;
      assert.equal((await this.send('GET', `/api/eid/orders/${orderRef}`)).json<{ status: string }>().status, 'complete');
      return this;
    }

    submit(serviceId: string, answers: Record<string, unknown>, key = newKey(), headers: Record<string, string> = {}) {
      return this.send('POST', '/api/cases', { serviceId, serviceVersion: 1, lang: 'sv', answers }, { 'idempotency-key': key, ...headers });
    }

    upload(serviceId: string, headers: Record<string, string> = {}) {
      const boundary = `----esk${randomBytes(8).toString('hex')}`;
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bilaga.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        PDF,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return this.send('POST', `/api/attachments?serviceId=${serviceId}&fieldId=bilaga`, payload,
        { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers });
    }

    async uploadId(serviceId: string): Promise<string> {
      const response = await this.upload(serviceId);
      assert.equal(response.statusCode, 201, response.body);
      return response.json<{ id: string }>().id;
    }
  }

  const applicantOf = async (caseId: string) => {
    const { rows } = await backend.db.query<{ applicant_personal_number: string | null }>(
      'SELECT applicant_personal_number FROM cases WHERE id = $1', [caseId]);
    return rows[0]!.applicant_personal_number;
  };

  it('refuses cases and uploads without a session with 401 login-required, in Swedish or English', async () => {
    const anonymous = new Browser();
    const before = await countCases(backend.db);
    const refused = await anonymous.submit('inloggning-krav', { namn: 'Anna' });
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.deepEqual([refused.json<Problem>().type, refused.json<Problem>().title], ['/problems/login-required', 'Logga in för att använda e-tjänsten']);
    const english = await anonymous.send('POST', '/api/cases', { serviceId: 'inloggning-krav', serviceVersion: 1, lang: 'en', answers: { namn: 'Anna' } },
      { 'idempotency-key': newKey() });
    assert.equal(english.json<Problem>().title, 'Log in to use this e-service');

    const upload = await anonymous.upload('inloggning-krav');
    assert.equal(upload.statusCode, 401);
    assert.equal(upload.json<Problem>().type, '/problems/login-required');
    assert.equal((await anonymous.upload('inloggning-krav', { 'accept-language': 'en' })).json<Problem>().title, 'Log in to use this e-service');
    assert.equal(await countCases(backend.db), before);
  });

  it('takes the case and the upload once logged in, and stores the personnummer with both', async () => {
    const anna = await new Browser().logIn(ANNA);
    const attachmentId = await anna.uploadId('inloggning-krav');
    const { rows: [upload] } = await backend.db.query<{ owner_personal_number: string }>(
      'SELECT owner_personal_number FROM attachments WHERE id = $1', [attachmentId]);
    assert.equal(upload!.owner_personal_number, ANNA.personalNumber);

    const sent = await anna.submit('inloggning-krav', { namn: 'Anna Andersson', bilaga: [attachmentId] });
    assert.equal(sent.statusCode, 201, sent.body);
    const { receipt } = sent.json<SubmitCaseResponse>();
    assert.equal(await applicantOf(receipt.caseId), ANNA.personalNumber);
    const { rows: [claimed] } = await backend.db.query<{ case_id: string }>('SELECT case_id FROM attachments WHERE id = $1', [attachmentId]);
    assert.equal(claimed!.case_id, receipt.caseId);
  });

  it('records the person for an optional-login e-service too, and nobody for an anonymous case', async () => {
    const erik = await new Browser().logIn(ERIK);
    const loggedIn = await erik.submit('inloggning-frivillig', { namn: 'Erik' });
    assert.equal(loggedIn.statusCode, 201);
    assert.equal(await applicantOf(loggedIn.json<SubmitCaseResponse>().receipt.caseId), ERIK.personalNumber);
    const anonymous = await new Browser().submit('inloggning-frivillig', { namn: 'Någon' });
    assert.equal(anonymous.statusCode, 201);
    assert.equal(await applicantOf(anonymous.json<SubmitCaseResponse>().receipt.caseId), null);
  });

  it('gives each person a key space of their own: one Idempotency-Key, three people, three cases', async () => {
    const key = newKey();
    const anna = await new Browser().logIn(ANNA);
    const erik = await new Browser().logIn(ERIK);
    const first = await anna.submit('inloggning-frivillig', { namn: 'Anna' }, key);
    const second = await erik.submit('inloggning-frivillig', { namn: 'Erik' }, key);
    const third = await new Browser().submit('inloggning-frivillig', { namn: 'Anonym' }, key);
    assert.deepEqual([first.statusCode, second.statusCode, third.statusCode], [201, 201, 201]);
    const ids = [first, second, third].map((response) => response.json<SubmitCaseResponse>().receipt.caseId);
    assert.equal(new Set(ids).size, 3);
    // Within one person's space the key still works as before.
    const repeat = await anna.submit('inloggning-frivillig', { namn: 'Anna' }, key);
    assert.equal(repeat.statusCode, 200);
    assert.equal(repeat.json<SubmitCaseResponse>().receipt.caseId, ids[0]);
    assert.equal((await anna.submit('inloggning-frivillig', { namn: 'Annan' }, key)).statusCode, 422);
  });

  it('lets only the uploader’s own case claim a file: someone else’s upload counts as missing', async () => {
    const anna = await new Browser().logIn(ANNA);
    const erik = await new Browser().logIn(ERIK);
    const anonymous = new Browser();
    const annas = await anna.uploadId('inloggning-frivillig');
    const anonymousUpload = await anonymous.uploadId('inloggning-frivillig');

    const missing = (response: { statusCode: number; json: <T>() => T }) => {
      assert.equal(response.statusCode, 400);
      assert.deepEqual(response.json<Problem>().errors?.map((error) => [error.path, error.code]), [['bilaga', 'attachmentMissing']]);
    };
    missing(await erik.submit('inloggning-frivillig', { namn: 'Erik', bilaga: [annas] }));
    missing(await anonymous.submit('inloggning-frivillig', { namn: 'Någon', bilaga: [annas] }));
    missing(await anna.submit('inloggning-frivillig', { namn: 'Anna', bilaga: [anonymousUpload] }));

    // Nor can anyone else remove it.
    assert.equal((await erik.send('DELETE', `/api/attachments/${annas}`)).statusCode, 404);
    assert.equal((await anonymous.send('DELETE', `/api/attachments/${annas}`)).statusCode, 404);

    const annaCase = await anna.submit('inloggning-frivillig', { namn: 'Anna', bilaga: [annas] });
    assert.equal(annaCase.statusCode, 201, annaCase.body);
    const anonymousCase = await anonymous.submit('inloggning-frivillig', { namn: 'Någon', bilaga: [anonymousUpload] });
    assert.equal(anonymousCase.statusCode, 201, anonymousCase.body);

    const another = await anna.uploadId('inloggning-frivillig');
    assert.equal((await anna.send('DELETE', `/api/attachments/${another}`)).statusCode, 204);
  });
});
