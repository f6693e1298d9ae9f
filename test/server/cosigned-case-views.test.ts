import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Attachment } from '../../src/contract/attachments.js';
import type { CosignRequestView, StartCosignResponse } from '../../src/contract/cosign.js';
import type { CaseDetails, MyCases } from '../../src/contract/my-pages.js';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../../src/contract/problem.js';
import type { SigningState, StartSigningResponse } from '../../src/contract/signing.js';
import { DatabaseBlobStore } from '../../server/attachments/db-store.js';
import type { SimPerson } from '../../server/eid/simulator/index.js';
import { RegisterUnavailableError, type PopulationRegister } from '../../server/registry/register.js';
import { MyCasesService } from '../../server/services/my-cases.js';
import { newKey } from '../support/backend.js';
import { cosignedService } from './support/definitions.js';
import { type Browser, person, startWorld, type World } from './support/browser.js';

/**
 * What the applicant and the cosigner see of a cosigned case: the child by name, the files by name,
 * no "sent" date before the municipality has it, and no messages to a municipality that cannot see it.
 */

const ANNA = person('Anna');
const ERIK = person('Erik');
const FATIMA = person('Fatima');
const JOHAN = person('Johan');
const MAJA = '201605120243';
const AMINA = '201902073822';
const text = (sv: string, en: string) => ({ sv, en });

/** Both guardians sign a special diet with a certificate. */
const DIET = cosignedService('kost-medsign', 'KMS', text('Specialkost', 'Special diet'), [
  { id: 'certificate', type: 'file', label: text('Intyg', 'Certificate'), required: false },
]);

describe('a cosigned case as the applicant and the cosigner see it', () => {
  let world: World;
  let anna: Browser;
  let erik: Browser;
  let fatima: Browser;
  let johan: Browser;

  before(async () => {
    world = await startWorld({ extraDefinitions: [DIET] }, '2026-11-24T09:00:00Z');
    anna = await world.loggedIn(ANNA);
    erik = await world.loggedIn(ERIK);
    fatima = await world.loggedIn(FATIMA);
    johan = await world.loggedIn(JOHAN);
  });
  after(() => world.close());

  const db = () => world.backend.db;

  /** The applicant uploads a certificate and signs; the case's id. */
  async function applicantSigns(browser: Browser, who: SimPerson, child: string): Promise<{ caseId: string; file: Attachment }> {
    const upload = await browser.upload(`serviceId=${DIET.id}&fieldId=certificate`, undefined, 'intyg.pdf');
    assert.equal(upload.statusCode, 201, upload.body);
    const file = upload.json<Attachment>();
    const started = await browser.send('POST', '/api/signatures', {
      serviceId: DIET.id, serviceVersion: 1, lang: 'sv', method: 'otherDevice',
      answers: { child, certificate: [file.id], otherEmail: 'erik@example.se' },
    }, { 'idempotency-key': newKey() });
    assert.equal(started.statusCode, 201, started.body);
    const { orderRef } = started.json<StartSigningResponse>();
    world.sim.act(orderRef, { action: 'approve', personalNumber: who.personalNumber });
    world.clock.now += 2000;
    const state = (await browser.send('GET', `/api/signatures/${orderRef}`)).json<SigningState>();
    assert.equal(state.status, 'complete', JSON.stringify(state));
    return { caseId: state.result!.receipt.caseId, file };
  }

  async function eriksRequest(caseId: string): Promise<string> {
    const { rows } = await db().query<{ id: string }>('SELECT id FROM cosign_requests WHERE case_id = $1', [caseId]);
    return rows[0]!.id;
  }

  async function erikSigns(requestId: string): Promise<void> {
    const started = await erik.send('POST', `/api/cosigning/requests/${requestId}/signatures`, { method: 'otherDevice' }, { 'idempotency-key': newKey() });
    assert.equal(started.statusCode, 201, started.body);
    const { orderRef } = started.json<StartCosignResponse>();
    world.sim.act(orderRef, { action: 'approve', personalNumber: ERIK.personalNumber });
    world.clock.now += 2000;
    assert.equal((await erik.send('GET', `/api/cosigning/signatures/${orderRef}`)).statusCode, 200);
  }

  it('shows the cosigner the child by name and the certificate by its file name; nobody else sees them', async () => {
    const { caseId, file } = await applicantSigns(anna, ANNA, MAJA);
    const requestId = await eriksRequest(caseId);
    const response = await erik.send('GET', `/api/cosigning/requests/${requestId}`);
    assert.equal(response.statusCode, 200, response.body);
    const view = response.json<CosignRequestView>();
    assert.equal(view.answers.child, MAJA);
    assert.deepEqual(view.children, [{ personalNumber: MAJA, name: 'Maja Andersson' }]);
    assert.deepEqual(view.attachments.map((a) => [a.id, a.fileName, a.kind, a.fieldId]), [[file.id, 'intyg.pdf', 'pdf', 'certificate']]);
    // A message's file on the same case is not one of the answers: never in the cosigner's view.
    await erikSigns(requestId);
    const message = await anna.upload(`messageFor=${caseId}`, undefined, 'till-handlaggaren.pdf');
    assert.equal(message.statusCode, 201, message.body);
    assert.equal((await anna.send('POST', `/api/my/cases/${caseId}/messages`, { body: 'Här är mer.', attachmentIds: [message.json<Attachment>().id] })).statusCode, 201);
    const after = (await erik.send('GET', `/api/cosigning/requests/${requestId}`)).json<CosignRequestView>();
    assert.deepEqual(after.attachments.map((a) => a.fileName), ['intyg.pdf']);

    // Anyone else: the same 404 as for a request that does not exist, and no name or file in it.
    for (const browser of [johan, fatima, anna]) {
      const other = await browser.send('GET', `/api/cosigning/requests/${requestId}`);
      assert.equal(other.statusCode, 404);
      for (const secret of ['Maja', 'intyg', MAJA]) assert.ok(!other.body.includes(secret), secret);
    }
  });

  it('shows the applicant the child and the files by name, and no "sent" date until everyone has signed', async () => {
    const { caseId, file } = await applicantSigns(anna, ANNA, MAJA);
    const waiting = (await anna.send('GET', `/api/my/cases/${caseId}`)).json<CaseDetails>();
    assert.equal(waiting.status, 'awaitingCosign');
    assert.deepEqual(waiting.children, [{ personalNumber: MAJA, name: 'Maja Andersson' }]);
    assert.deepEqual(waiting.attachments.map((a) => [a.id, a.fileName]), [[file.id, 'intyg.pdf']]);
    assert.equal(waiting.submittedAt, undefined, 'not sent to the municipality');
    assert.equal(waiting.createdAt, new Date(world.clock.now).toISOString(), 'when Anna signed');
    const row = () => anna.send('GET', '/api/my/cases?limit=100').then((r) => r.json<MyCases>().items.find((item) => item.id === caseId)!);
    assert.equal((await row()).submittedAt, undefined);
    const erikRow = (await erik.send('GET', '/api/my/cases?limit=100')).json<MyCases>().items.find((item) => item.kind === 'cosignRequest' && item.caseNumber === waiting.caseNumber)!;
    assert.equal(erikRow.submittedAt, undefined);

    world.clock.now += 60_000;
    await erikSigns(await eriksRequest(caseId));
    const sent = (await anna.send('GET', `/api/my/cases/${caseId}`)).json<CaseDetails>();
    assert.equal(sent.status, 'submitted');
    assert.equal(sent.submittedAt, new Date(world.clock.now).toISOString(), 'when the last one signed');
    assert.equal((await row()).submittedAt, sent.submittedAt);
    assert.deepEqual(sent.children, [{ personalNumber: MAJA, name: 'Maja Andersson' }]);
  });

  it('names the child of a case nobody else signs from the register, and still shows the case when the register is down', async () => {
    // Fatima is Amina's sole guardian: the case is sent at once, with no request to anyone.
    const { caseId } = await applicantSigns(fatima, FATIMA, AMINA);
    const details = (await fatima.send('GET', `/api/my/cases/${caseId}`)).json<CaseDetails>();
    assert.equal(details.status, 'submitted');
    assert.ok(details.submittedAt);
    assert.deepEqual(details.children, [{ personalNumber: AMINA, name: 'Amina Hassan' }]);

    const down: PopulationRegister = {
      person: () => Promise.reject(new RegisterUnavailableError()),
      children: () => Promise.reject(new RegisterUnavailableError()),
      guardians: () => Promise.reject(new RegisterUnavailableError()),
    } as unknown as PopulationRegister;
    const service = new MyCasesService(db(), new DatabaseBlobStore(db()), () => new Date(world.clock.now), down);
    const unnamed = await service.details(FATIMA.personalNumber, caseId, 'sv');
    assert.equal(unnamed.answers.child, AMINA);
    assert.equal(unnamed.children, undefined);
  });

  it('refuses a message, and a file for one, on a case the municipality cannot see yet, with a problem+json', async () => {
    const { caseId } = await applicantSigns(anna, ANNA, MAJA);
    const refused = await anna.send('POST', `/api/my/cases/${caseId}/messages`, { body: 'Hej!' });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.ok(String(refused.headers['content-type']).startsWith(PROBLEM_CONTENT_TYPE), String(refused.headers['content-type']));
    const problem = refused.json<Problem>();
    assert.equal(problem.type, '/problems/case-not-sent');
    assert.equal(problem.title, 'Ärendet är inte inskickat till kommunen');
    assert.match(problem.detail ?? '', /först när alla har skrivit under/);
    const english = await anna.send('POST', `/api/my/cases/${caseId}/messages`, { body: 'Hello!' }, { 'accept-language': 'en' });
    assert.equal(english.json<Problem>().title, 'The case has not been sent to the municipality');
    const file = await anna.upload(`messageFor=${caseId}`);
    assert.equal(file.statusCode, 409, file.body);
    assert.equal(file.json<Problem>().type, '/problems/case-not-sent');
    assert.equal((await db().query('SELECT 1 FROM case_messages WHERE case_id = $1', [caseId])).rows.length, 0);
    // Someone else's case is still the same 404 as none at all.
    assert.equal((await erik.send('POST', `/api/my/cases/${caseId}/messages`, { body: 'Hej!' })).statusCode, 404);

    // Declined: never sent, so still none.
    const requestId = await eriksRequest(caseId);
    assert.equal((await erik.send('POST', `/api/cosigning/requests/${requestId}/decline`)).statusCode, 200);
    assert.equal((await anna.send('POST', `/api/my/cases/${caseId}/messages`, { body: 'Hej!' })).statusCode, 409);
    const declined = (await anna.send('GET', `/api/my/cases/${caseId}`)).json<CaseDetails>();
    assert.equal(declined.status, 'cosignDeclined');
    assert.equal(declined.submittedAt, undefined);

    // Once sent, messages go as usual.
    const { caseId: sentCase } = await applicantSigns(anna, ANNA, MAJA);
    await erikSigns(await eriksRequest(sentCase));
    assert.equal((await anna.send('POST', `/api/my/cases/${sentCase}/messages`, { body: 'Hej!' })).statusCode, 201);
  });
});
