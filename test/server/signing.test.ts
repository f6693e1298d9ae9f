import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { BankIdClient, type BankIdApi } from '../../server/eid/bankid-client.js';
import { BankIdOrders } from '../../server/eid/orders.js';
import { parseQrData } from '../../server/eid/qr.js';
import { BankIdSimulator, TEST_PERSONS, type SimPerson } from '../../server/eid/simulator/index.js';
import type { Problem } from '../../src/contract/problem.js';
import type { SigningState, StartSigningResponse } from '../../src/contract/signing.js';
import { countCases, newKey, startTestBackend, type TestBackend } from '../support/backend.js';
import { SIGNED } from '../support/signed-service.js';

const ANNA = TEST_PERSONS[0]!;
const ERIK = TEST_PERSONS[1]!;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

function signingBody(answers: Record<string, unknown> = { skola: 'Norrskolan' }, method: 'sameDevice' | 'otherDevice' = 'otherDevice', lang = 'sv') {
  return { serviceId: 'signerad', serviceVersion: 1, lang, answers, method };
}

describe('signing a case with BankID', () => {
  // 24 November 2026, 10:00 in Sweden.
  let clock = Date.parse('2026-11-24T09:00:00Z');
  let sim: BankIdSimulator;
  let client: BankIdClient;
  let backend: TestBackend;
  /** A second instance's view of the BankID orders. */
  let orders: BankIdOrders;
  /** When true, sign orders go to BankID without requirement.personalNumber (a BankID that would not enforce it). */
  let dropRequirement = false;
  const signRequests: Parameters<BankIdApi['sign']>[0][] = [];

  before(async () => {
    sim = await BankIdSimulator.start({ now: () => clock, adminPort: null });
    client = new BankIdClient(sim.clientOptions());
    const bankId: BankIdApi = {
      auth: (request) => client.auth(request),
      sign: (request) => {
        signRequests.push(request);
        const { requirement: _requirement, ...rest } = request;
        return client.sign(dropRequirement ? rest : request);
      },
      collect: (orderRef) => client.collect(orderRef),
      cancel: (orderRef) => client.cancel(orderRef),
    };
    backend = await startTestBackend({ app: { now: () => new Date(clock), bankId }, extraDefinitions: [SIGNED] });
    orders = new BankIdOrders(backend.db, bankId, { now: () => new Date(clock), collectIntervalMs: 0 });
  });
  after(async () => {
    await backend.close();
    client.close();
    await sim.close();
  });

  /** One browser: keeps its cookies, sends the kit's header on state-changing requests. */
  class Browser {
    readonly cookies = new Map<string, string>();

    async send(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) {
      const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await backend.app.inject({
        method,
        url,
        headers: {
          ...(method === 'GET' ? {} : { 'x-requested-with': 'e-service-kit' }),
          ...(typeof payload === 'object' && !Buffer.isBuffer(payload) ? { 'content-type': 'application/json' } : {}),
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
        ...(payload === undefined ? {} : { payload: Buffer.isBuffer(payload) ? payload : JSON.stringify(payload) }),
      });
      for (const set of response.cookies as { name: string; value: string; maxAge?: number }[]) {
        if (set.value === '' || set.maxAge === 0) this.cookies.delete(set.name);
        else this.cookies.set(set.name, set.value);
      }
      return response;
    }

    async logIn(person: SimPerson): Promise<this> {
      const started = await this.send('POST', '/api/eid/login', { method: 'otherDevice' });
      const { orderRef } = started.json<{ orderRef: string }>();
      sim.act(orderRef, { action: 'approve', personalNumber: person.personalNumber });
      clock += 2000;
      assert.equal((await this.send('GET', `/api/eid/orders/${orderRef}`)).json<{ status: string }>().status, 'complete');
      return this;
    }

    async startSigning(body: unknown, key = newKey()) {
      return this.send('POST', '/api/signatures', body, { 'idempotency-key': key });
    }

    async poll(orderRef: string): Promise<SigningState> {
      const response = await this.send('GET', `/api/signatures/${orderRef}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<SigningState>();
    }

    async upload(content: Buffer) {
      const boundary = `----esk${randomBytes(8).toString('hex')}`;
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="intyg.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return this.send('POST', '/api/attachments?serviceId=signerad&fieldId=intyg', payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    }
  }

  const signedCases = async (orderRef: string) => {
    const { rows } = await backend.db.query<{ count: string | number }>('SELECT count(*) AS count FROM case_signatures WHERE order_ref = $1', [orderRef]);
    return Number(rows[0]!.count);
  };

  /** Finishes the BankID part, as the citizen would in the app. */
  const approve = (orderRef: string, person: SimPerson = ANNA) => {
    sim.act(orderRef, { action: 'approve', personalNumber: person.personalNumber });
    clock += 2000;
  };

  it('refuses a plain POST /api/cases for an e-service that must be signed (409), and signing without login (401)', async () => {
    const anna = await new Browser().logIn(ANNA);
    const plain = await anna.send('POST', '/api/cases', { serviceId: 'signerad', serviceVersion: 1, lang: 'sv', answers: { skola: 'Norrskolan' } }, { 'idempotency-key': newKey() });
    assert.equal(plain.statusCode, 409, plain.body);
    assert.equal(plain.json<Problem>().type, '/problems/signing-required');

    const anonymous = new Browser();
    const noSession = await anonymous.startSigning(signingBody());
    assert.equal(noSession.statusCode, 401);
    assert.equal(noSession.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(noSession.json<Problem>().type, '/problems/login-required');
    assert.equal(noSession.json<Problem>().title, 'Logga in för att använda e-tjänsten');
  });

  it('checks the answers as a submission does before BankID is asked: 400 with field errors, 404 for an unknown e-service', async () => {
    const anna = await new Browser().logIn(ANNA);
    const before = signRequests.length;
    const invalid = await anna.startSigning(signingBody({ skola: '' }));
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(invalid.json<Problem>().errors?.map((error) => [error.path, error.code]), [['skola', 'required']]);
    const unknown = await anna.startSigning({ ...signingBody(), serviceId: 'finns-inte' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<Problem>().type, '/problems/service-not-found');
    const erik = await new Browser().logIn(ERIK);
    const eriksFile = (await erik.upload(PDF)).json<{ id: string }>().id;
    const notHers = await anna.startSigning(signingBody({ skola: 'Norrskolan', intyg: [eriksFile] }));
    assert.equal(notHers.statusCode, 400, 'someone else’s upload counts as missing, before anything is signed');
    assert.deepEqual(notHers.json<Problem>().errors?.map((error) => [error.path, error.code]), [['intyg', 'attachmentMissing']]);
    const notSigned = await anna.startSigning({ ...signingBody({ category: 'belysning' }), serviceId: 'felanmalan' });
    assert.equal(notSigned.statusCode, 409);
    assert.equal(signRequests.length, before, 'no BankID order was started');
  });

  it('signs on another device: a changing QR code, the signer must be the logged-in person, then one case with the signature', async () => {
    const anna = await new Browser().logIn(ANNA);
    const uploaded = await anna.upload(PDF);
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const attachmentId = uploaded.json<{ id: string }>().id;

    const started = await anna.startSigning(signingBody({ skola: 'Norrskolan', intyg: [attachmentId] }));
    assert.equal(started.statusCode, 201, started.body);
    const { orderRef, autoStartToken } = started.json<StartSigningResponse>();
    assert.equal(autoStartToken, undefined);

    // What BankID was asked: a sign order only Anna can complete, from the citizen's address.
    const request = signRequests.at(-1)!;
    assert.deepEqual(request.requirement, { personalNumber: ANNA.personalNumber });
    assert.equal(request.endUserIp, '127.0.0.1');
    const view = sim.order(orderRef)!;
    assert.equal(view.kind, 'sign');
    assert.equal(view.requiredPersonalNumber, ANNA.personalNumber);
    assert.equal(view.userVisibleText,
      '# Ansökan om skolskjuts\n\nExempelby kommun\n\nJag, Anna Andersson (19800101-2387), skriver under och skickar in mina svar den 24 november 2026.');

    const seen: string[] = [];
    for (let second = 0; second < 3; second++) {
      const state = await anna.poll(orderRef);
      assert.equal(state.status, 'pending');
      assert.equal(state.hintCode, 'outstandingTransaction');
      assert.equal(parseQrData(state.qrData!)?.time, second);
      seen.push(state.qrData!);
      clock += 1000;
    }
    assert.equal(new Set(seen).size, 3, 'a new QR code each second');

    // Erik scans Anna's code: BankID does not let him sign an order that is for her.
    const qrData = (await anna.poll(orderRef)).qrData!;
    assert.throws(() => sim.scanQr(qrData, ERIK.personalNumber), /only/);
    assert.equal((await anna.poll(orderRef)).status, 'pending');

    sim.scanQr(qrData, ANNA.personalNumber);
    clock += 2000;
    const signing = await anna.poll(orderRef);
    assert.deepEqual([signing.status, signing.hintCode], ['pending', 'userSign']);
    const casesBefore = await countCases(backend.db);
    approve(orderRef);

    const done = await anna.poll(orderRef);
    assert.equal(done.status, 'complete');
    const result = done.result!;
    assert.match(result.receipt.caseNumber, /^SIG-2026-\d{5}$/);
    assert.equal(await countCases(backend.db), casesBefore + 1);

    const receipt = await anna.send('GET', `/api/cases/${result.receipt.caseNumber}/receipt`, undefined, { 'x-receipt-token': result.receiptToken });
    assert.equal(receipt.statusCode, 200);
    assert.equal(receipt.json<{ caseId: string }>().caseId, result.receipt.caseId);

    const { rows: [stored] } = await backend.db.query<{ status: string; applicant_personal_number: string; answers: Record<string, unknown> }>(
      'SELECT status, applicant_personal_number, answers FROM cases WHERE id = $1', [result.receipt.caseId]);
    assert.deepEqual([stored!.status, stored!.applicant_personal_number], ['submitted', ANNA.personalNumber]);
    assert.deepEqual(stored!.answers, { skola: 'Norrskolan', intyg: [attachmentId] });

    const { rows: [signature] } = await backend.db.query<{
      order_ref: string; personal_number: string; signature: string; ocsp_response: string; user_visible_data: string;
      completion: { user: { personalNumber: string; name: string }; device: { ipAddress: string; uhi?: string }; bankIdIssueDate: string };
    }>('SELECT * FROM case_signatures WHERE case_id = $1', [result.receipt.caseId]);
    assert.equal(signature!.order_ref, orderRef);
    assert.equal(signature!.personal_number, ANNA.personalNumber);
    const xml = Buffer.from(signature!.signature, 'base64').toString('utf8');
    assert.match(xml, /<.*Signature/);
    assert.ok(xml.includes(Buffer.from(view.userVisibleText!, 'utf8').toString('base64')), 'the signature holds the text shown');
    assert.ok(Buffer.from(signature!.ocsp_response, 'base64').length > 100, 'the OCSP response is kept');
    assert.equal(signature!.completion.user.personalNumber, ANNA.personalNumber);
    assert.deepEqual(signature!.completion.device, { ipAddress: ANNA.deviceIp, uhi: ANNA.uhi });
    assert.equal(signature!.completion.bankIdIssueDate, ANNA.bankIdIssueDate);
    assert.equal(signature!.user_visible_data, view.userVisibleText);

    const { rows: [attachment] } = await backend.db.query<{ case_id: string }>('SELECT case_id FROM attachments WHERE id = $1', [attachmentId]);
    assert.equal(attachment!.case_id, result.receipt.caseId, 'the upload is claimed by the signed case');

    // Polling again reports the same case and makes no second one.
    assert.deepEqual((await anna.poll(orderRef)).result, result);
    assert.equal(await signedCases(orderRef), 1);
  });

  it('signs on this device with the autostart token, in English', async () => {
    const anna = await new Browser().logIn(ANNA);
    const started = await anna.startSigning(signingBody({ skola: 'Södra skolan' }, 'sameDevice', 'en'));
    assert.equal(started.statusCode, 201);
    const { orderRef, autoStartToken } = started.json<StartSigningResponse>();
    assert.ok(autoStartToken);
    assert.equal((await anna.poll(orderRef)).qrData, undefined, 'no QR code on this device');
    const view = sim.openWithAutoStartToken(autoStartToken, ANNA.personalNumber);
    assert.equal(view.userVisibleText,
      '# Application for school transport\n\nExempelby Municipality\n\nI, Anna Andersson (19800101-2387), sign and send in my answers on 24 November 2026.');
    approve(orderRef);
    const done = await anna.poll(orderRef);
    assert.equal(done.status, 'complete');
    assert.equal(done.result?.receipt.serviceId, 'signerad');
  });

  it('returns the same order for a repeated POST while pending, and the same case once signed; another body is 422', async () => {
    const anna = await new Browser().logIn(ANNA);
    const key = newKey();
    const first = await anna.startSigning(signingBody({ skola: 'Västerskolan' }), key);
    assert.equal(first.statusCode, 201);
    const { orderRef } = first.json<StartSigningResponse>();
    const orders = signRequests.length;

    const again = await anna.startSigning(signingBody({ skola: 'Västerskolan' }), key);
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), { orderRef });
    // Switching to this device: the same order, now with its autostart token.
    const sameDevice = await anna.startSigning(signingBody({ skola: 'Västerskolan' }, 'sameDevice'), key);
    assert.equal(sameDevice.json<StartSigningResponse>().orderRef, orderRef);
    assert.ok(sameDevice.json<StartSigningResponse>().autoStartToken);
    assert.equal(signRequests.length, orders, 'no second BankID order');
    assert.equal(sim.order(orderRef)?.status, 'pending', 'the first order still runs');

    const other = await anna.startSigning(signingBody({ skola: 'Östra skolan' }), key);
    assert.equal(other.statusCode, 422);
    assert.equal(other.json<Problem>().type, '/problems/idempotency-key-reused');

    approve(orderRef);
    const done = await anna.poll(orderRef);
    const after = await anna.startSigning(signingBody({ skola: 'Västerskolan' }), key);
    assert.equal(after.statusCode, 200);
    assert.deepEqual(after.json<StartSigningResponse>(), { orderRef, result: done.result });
    assert.equal(signRequests.length, orders);
  });

  it('makes exactly one case when several polls see the completion at once', async () => {
    const anna = await new Browser().logIn(ANNA);
    const { orderRef } = (await anna.startSigning(signingBody({ skola: 'Parallellskolan' }))).json<StartSigningResponse>();
    const casesBefore = await countCases(backend.db);
    approve(orderRef);
    // Another instance collected the completion and stored it: every poll now sees "complete" at once.
    assert.equal((await orders.collect(orderRef))?.status, 'complete');
    const states = await Promise.all(Array.from({ length: 6 }, () => anna.poll(orderRef)));
    assert.deepEqual(states.map((state) => state.status), Array(6).fill('complete'));
    assert.equal(new Set(states.map((state) => state.result!.receipt.caseId)).size, 1);
    assert.equal(await countCases(backend.db), casesBefore + 1);
    assert.equal(await signedCases(orderRef), 1);
  });

  it('answers 404 to anyone but the signer: another session, or none', async () => {
    const anna = await new Browser().logIn(ANNA);
    const { orderRef } = (await anna.startSigning(signingBody())).json<StartSigningResponse>();
    const erik = await new Browser().logIn(ERIK);
    for (const browser of [erik, new Browser()]) {
      const poll = await browser.send('GET', `/api/signatures/${orderRef}`);
      assert.equal(poll.statusCode, 404);
      assert.equal(poll.json<Problem>().type, '/problems/signing-not-found');
      assert.equal((await browser.send('DELETE', `/api/signatures/${orderRef}`)).statusCode, 404);
    }
    assert.equal((await anna.poll(orderRef)).status, 'pending', 'still Anna’s and still running');
    assert.equal((await anna.send('GET', '/api/signatures/no-such-order')).statusCode, 404);
    await anna.send('DELETE', `/api/signatures/${orderRef}`);
  });

  it('cancels: 204, BankID forgets the order, the poll says cancelled, no case', async () => {
    const anna = await new Browser().logIn(ANNA);
    const { orderRef } = (await anna.startSigning(signingBody())).json<StartSigningResponse>();
    const response = await anna.send('DELETE', `/api/signatures/${orderRef}`);
    assert.equal(response.statusCode, 204);
    assert.equal(sim.order(orderRef), null, 'cancelled at BankID too');
    assert.deepEqual(await anna.poll(orderRef), { status: 'failed', hintCode: 'cancelled' });
    assert.equal(await signedCases(orderRef), 0);
  });

  it('fails without a case when the citizen cancels in the app (userCancel) or the order expires; the same key then starts anew', async () => {
    const anna = await new Browser().logIn(ANNA);
    const key = newKey();
    const first = (await anna.startSigning(signingBody({ skola: 'Avbrutna skolan' }), key)).json<StartSigningResponse>();
    sim.act(first.orderRef, { action: 'scan', personalNumber: ANNA.personalNumber });
    sim.act(first.orderRef, { action: 'userCancel' });
    clock += 2000;
    assert.deepEqual(await anna.poll(first.orderRef), { status: 'failed', hintCode: 'userCancel' });

    // Trying again with the same answers and key: a new order.
    const second = await anna.startSigning(signingBody({ skola: 'Avbrutna skolan' }), key);
    assert.equal(second.statusCode, 201);
    const { orderRef } = second.json<StartSigningResponse>();
    assert.notEqual(orderRef, first.orderRef);
    sim.act(orderRef, { action: 'scan', personalNumber: ANNA.personalNumber });
    clock += 3 * 60_000;
    assert.deepEqual(await anna.poll(orderRef), { status: 'failed', hintCode: 'expiredTransaction' });

    const third = (await anna.startSigning(signingBody({ skola: 'Avbrutna skolan' }), key)).json<StartSigningResponse>();
    clock += 31_000;
    assert.deepEqual(await anna.poll(third.orderRef), { status: 'failed', hintCode: 'startFailed' });
    for (const ref of [first.orderRef, orderRef, third.orderRef]) assert.equal(await signedCases(ref), 0);
  });

  it('makes no case when someone other than the logged-in person signs (if BankID did not enforce the requirement)', async () => {
    const anna = await new Browser().logIn(ANNA);
    dropRequirement = true;
    try {
      const { orderRef } = (await anna.startSigning(signingBody({ skola: 'Fel person-skolan' }))).json<StartSigningResponse>();
      const casesBefore = await countCases(backend.db);
      approve(orderRef, ERIK);
      assert.deepEqual(await anna.poll(orderRef), { status: 'failed', hintCode: 'personMismatch' });
      assert.deepEqual(await anna.poll(orderRef), { status: 'failed', hintCode: 'personMismatch' });
      assert.equal(await countCases(backend.db), casesBefore);
      assert.equal(await signedCases(orderRef), 0);
      assert.ok(backend.logs.some((line) => line.includes('not the logged-in person')));
    } finally {
      dropRequirement = false;
    }
  });

  it('passes BankID’s alreadyInProgress on as 409 with its errorCode', async () => {
    const anna = await new Browser().logIn(ANNA);
    const first = await anna.startSigning(signingBody({ skola: 'Första' }));
    assert.equal(first.statusCode, 201);
    const second = await anna.startSigning(signingBody({ skola: 'Andra' }));
    assert.equal(second.statusCode, 409);
    assert.equal(second.json<Problem>().errorCode, 'alreadyInProgress');
    // As BankID does: the first order is aborted too.
    assert.deepEqual(await anna.poll(first.json<StartSigningResponse>().orderRef), { status: 'failed', hintCode: 'cancelled' });
  });

  it('lists the signing endpoints in the OpenAPI document', async () => {
    const document = (await backend.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } }>();
    assert.ok(document.paths['/api/signatures']?.post);
    assert.ok(document.paths['/api/signatures/{orderRef}']?.get);
    assert.ok(document.paths['/api/signatures/{orderRef}']?.delete);
    assert.ok(document.components.schemas.StartSigningRequest);
    assert.ok(document.components.schemas.SigningState);
  });
});
