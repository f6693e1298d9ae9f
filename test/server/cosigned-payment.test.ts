import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CaseReceipt } from '../../src/contract/cases.js';
import type { CosignRequestView, CosignSigningState, StartCosignResponse } from '../../src/contract/cosign.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import type { CaseDetails } from '../../src/contract/my-pages.js';
import type { PaymentStatus } from '../../src/contract/payments.js';
import type { SigningState, StartSigningResponse } from '../../src/contract/signing.js';
import { listCases } from '../../server/officer/cases.js';
import { newKey } from '../support/backend.js';
import { cosignedService } from './support/definitions.js';
import { type Browser, person, startWorld, type World } from './support/browser.js';

const ANNA = person('Anna');
const ERIK = person('Erik');
const FATIMA = person('Fatima');
const AMINA = '201902073822';
const MAJA = '201605120243';
const RETURN_URL = 'https://www.exempelby.se/byte-av-skola.html';
const text = (sv: string, en: string) => ({ sv, en });

/** Both guardians sign, and the change of school costs 150 kr: paid once both have signed. */
const CHARGED = ServiceDefinition.parse({
  ...cosignedService('medsign-avgift', 'BYA', text('Byte av skola med avgift', 'Change of school with a fee'), [
    { id: 'school', type: 'text', label: text('Ny skola', 'New school') },
  ]),
  fee: { lines: [{ text: text('Handläggning', 'Handling'), amount: 150 }], vatPercent: 0, description: text('Byte av skola', 'Change of school') },
});

/**
 * Flerpartssignering with a fee: the others sign first, then the applicant pays — so that nobody pays for a case
 * that is never sent — and the municipality gets the case only once it is both signed by everyone and paid.
 */
describe('a cosigned case of an e-service with a fee', () => {
  let world: World;
  let anna: Browser;
  let erik: Browser;
  let fatima: Browser;

  before(async () => {
    world = await startWorld({ extraDefinitions: [CHARGED] }, '2026-11-24T09:00:00Z');
    anna = await world.loggedIn(ANNA);
    erik = await world.loggedIn(ERIK);
    fatima = await world.loggedIn(FATIMA);
  });
  after(() => world.close());

  const db = () => world.backend.db;
  const caseStatus = async (caseId: string) =>
    (await db().query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [caseId])).rows[0]!.status;
  const notices = async (caseId: string) =>
    (await db().query<{ kind: string; recipient: string | null; body: string }>(
      'SELECT kind, recipient, body FROM notifications WHERE case_id = $1 ORDER BY created_at, kind, recipient', [caseId])).rows;

  async function annaSigns(): Promise<CaseReceipt> {
    const started = await anna.send('POST', '/api/signatures',
      { serviceId: CHARGED.id, serviceVersion: 1, lang: 'sv', answers: { child: MAJA, school: 'Norrskolan', otherEmail: 'erik@example.se' }, method: 'otherDevice' },
      { 'idempotency-key': newKey() });
    assert.equal(started.statusCode, 201, started.body);
    const { orderRef } = started.json<StartSigningResponse>();
    world.sim.act(orderRef, { action: 'approve', personalNumber: ANNA.personalNumber });
    world.clock.now += 2000;
    const state = (await anna.send('GET', `/api/signatures/${orderRef}`)).json<SigningState>();
    assert.equal(state.status, 'complete', JSON.stringify(state));
    return state.result!.receipt;
  }

  async function erikSigns(caseId: string): Promise<CosignSigningState> {
    const { rows } = await db().query<{ body: string }>(`SELECT body FROM notifications WHERE case_id = $1 AND kind = 'cosignInvitation'`, [caseId]);
    const token = /invitation=([A-Za-z0-9_-]+)/.exec(rows[0]!.body)![1]!;
    const { requestId } = (await erik.send('POST', '/api/cosigning/open', { token })).json<CosignRequestView>();
    const started = await erik.send('POST', `/api/cosigning/requests/${requestId}/signatures`, { method: 'otherDevice' }, { 'idempotency-key': newKey() });
    assert.equal(started.statusCode, 201, started.body);
    const { orderRef } = started.json<StartCosignResponse>();
    world.sim.act(orderRef, { action: 'approve', personalNumber: ERIK.personalNumber });
    world.clock.now += 2000;
    return (await erik.send('GET', `/api/cosigning/signatures/${orderRef}`)).json<CosignSigningState>();
  }

  it('waits for the other guardian, then for the payment; sent once paid, with the receipt to both', async () => {
    const receipt = await annaSigns();
    const caseId = receipt.caseId;
    // Signed by Anna: the fee is known, and paid once Erik has signed too.
    assert.equal(receipt.payment?.state, 'afterCosigning');
    assert.equal(receipt.payment?.fee.amount, 15_000);
    assert.match(receipt.text.sv, /betalar du avgiften på Mina sidor/);
    assert.equal(await caseStatus(caseId), 'awaitingCosign');
    const early = await anna.send('POST', `/api/cases/${caseId}/payments`, { method: 'card', returnUrl: RETURN_URL });
    assert.equal(early.statusCode, 409, 'nothing is paid before everyone has signed');
    const waiting = (await anna.send('GET', `/api/my/cases/${caseId}`)).json<CaseDetails>();
    assert.equal(waiting.payment?.state, 'afterCosigning');

    // Erik signs: not sent yet — Anna is told to pay, nobody gets a receipt, the municipality sees nothing.
    const signed = await erikSigns(caseId);
    assert.equal(signed.status, 'complete');
    assert.equal(signed.caseSubmitted, false);
    assert.equal(signed.awaitingPayment, true);
    assert.equal(await caseStatus(caseId), 'awaitingPayment');
    const told = (await notices(caseId)).filter((notice) => notice.kind !== 'cosignInvitation');
    assert.deepEqual(told.map((notice) => notice.kind), ['paymentDue']);
    assert.match(told[0]!.body, /Alla har skrivit under din ansökan ”Byte av skola med avgift”.*Betala avgiften på Mina sidor/s);
    assert.ok(!(await listCases(db(), 'exempelby', { limit: 200 })).items.some((item) => item.id === caseId));
    const due = (await anna.send('GET', `/api/my/cases/${caseId}`)).json<CaseDetails>();
    assert.equal(due.status, 'awaitingPayment');
    assert.equal(due.payment?.state, 'due');
    assert.deepEqual(due.signatures.map((signature) => signature.name), ['Anna Andersson', 'Erik Andersson']);
    // Only Anna pays it: it is her case, not Erik's.
    assert.equal((await erik.send('POST', `/api/cases/${caseId}/payments`, { method: 'card', returnUrl: RETURN_URL })).statusCode, 404);

    // Anna pays from Mina sidor by card: then it is sent, and both get the receipt.
    const opened = (await anna.send('GET', `/api/my/cases/${caseId}/receipt`)).json<CaseReceipt>();
    assert.equal(opened.payment?.state, 'due');
    const started = await anna.send('POST', `/api/cases/${caseId}/payments`, { method: 'card', returnUrl: RETURN_URL });
    assert.equal(started.statusCode, 201, started.body);
    const attempt = started.json<PaymentStatus>();
    assert.equal(attempt.amount, 15_000);
    const approved = await fetch(attempt.redirectUrl!, { method: 'POST', body: new URLSearchParams({ action: 'approve' }), redirect: 'manual' });
    assert.ok(approved.status < 400, `the card page answered ${approved.status}`);
    const paid = (await anna.send('GET', `/api/payments/${attempt.paymentId}`)).json<PaymentStatus>();
    assert.equal(paid.state, 'paid');
    assert.equal(await caseStatus(caseId), 'submitted');
    const receipts = (await notices(caseId)).filter((notice) => notice.kind === 'receipt');
    assert.equal(receipts.length, 2);
    assert.ok(receipts.some((notice) => notice.recipient === 'erik@example.se'));
    assert.ok((await listCases(db(), 'exempelby', { limit: 200 })).items.some((item) => item.id === caseId));
    const history = await db().query<{ status: string }>('SELECT status FROM case_status_history WHERE case_id = $1 ORDER BY at, id', [caseId]);
    assert.deepEqual(history.rows.map((row) => row.status), ['awaitingCosign', 'awaitingPayment', 'submitted']);
  });

  it('is paid at once when nobody else has to sign: a sole guardian signs, and the payment step follows', async () => {
    const started = await fatima.send('POST', '/api/signatures',
      { serviceId: CHARGED.id, serviceVersion: 1, lang: 'sv', answers: { child: AMINA, school: 'Norrskolan' }, method: 'otherDevice' },
      { 'idempotency-key': newKey() });
    assert.equal(started.statusCode, 201, started.body);
    const { orderRef } = started.json<StartSigningResponse>();
    world.sim.act(orderRef, { action: 'approve', personalNumber: FATIMA.personalNumber });
    world.clock.now += 2000;
    const state = (await fatima.send('GET', `/api/signatures/${orderRef}`)).json<SigningState>();
    const receipt = state.result!.receipt;
    assert.equal(receipt.payment?.state, 'due');
    assert.equal(await caseStatus(receipt.caseId), 'awaitingPayment');
    assert.deepEqual((await notices(receipt.caseId)).map((notice) => notice.kind), [], 'nobody to invite, no receipt before it is paid');
    const pay = await fatima.send('POST', `/api/cases/${receipt.caseId}/payments`, { method: 'card', returnUrl: RETURN_URL }, { 'x-receipt-token': state.result!.receiptToken });
    assert.equal(pay.statusCode, 201, pay.body);
    assert.equal(pay.json<PaymentStatus>().amount, 15_000);
  });

  it('asks nothing of a case the other guardian declined: never sent, so nothing to pay', async () => {
    const receipt = await annaSigns();
    const { rows } = await db().query<{ body: string }>(`SELECT body FROM notifications WHERE case_id = $1 AND kind = 'cosignInvitation'`, [receipt.caseId]);
    const token = /invitation=([A-Za-z0-9_-]+)/.exec(rows[0]!.body)![1]!;
    const { requestId } = (await erik.send('POST', '/api/cosigning/open', { token })).json<CosignRequestView>();
    const declined = await erik.send('POST', `/api/cosigning/requests/${requestId}/decline`, {});
    assert.ok(declined.statusCode < 300, declined.body);
    assert.equal(await caseStatus(receipt.caseId), 'cosignDeclined');
    const details = (await anna.send('GET', `/api/my/cases/${receipt.caseId}`)).json<CaseDetails>();
    assert.equal(details.payment, undefined);
    assert.equal((await anna.send('POST', `/api/cases/${receipt.caseId}/payments`, { method: 'card', returnUrl: RETURN_URL })).statusCode, 409);
  });
});
