import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { SubmitCaseResponse, type CaseReceipt } from '../../src/contract/cases.js';
import { PaymentStatus } from '../../src/contract/payments.js';
import { buildApp } from '../../server/app.js';
import { startPaymentReconcile } from '../../server/jobs/payment-reconcile.js';
import type { PaymentProviders } from '../../server/payments/providers.js';
import { SwedbankPayProvider } from '../../server/payments/providers/swedbank-pay/client.js';
import { startSwedbankPaySimulator, type SwedbankPaySimulator } from '../../server/payments/providers/swedbank-pay/simulator.js';
import { SwishProvider } from '../../server/payments/providers/swish/client.js';
import { startSwishSimulator, type SwishSimulator } from '../../server/payments/providers/swish/simulator.js';
import { KIT_HEADERS, newKey, startTestBackend, type TestBackend } from '../support/backend.js';

/**
 * Paying for a case, against the simulators of Swedbank Pay's Payment Order API and of Swish for merchants,
 * over real HTTP (the server listens, so the providers' callbacks reach it): the amount is the server's own,
 * a case is sent once it is paid and only then, by the callback alone, however often it comes, and a payment
 * nobody heard the end of is found by the reconciliation job — also by a server that starts after one stopped.
 */
const OFFICER = 'o'.repeat(24) + '-exempelby-payments-token';
const RETURN_URL = 'https://www.exempelby.se/parkering?esk-payment';
const PARKING = { serviceId: 'parkeringstillstand', serviceVersion: 1, lang: 'sv' as const };
const ANSWERS = { name: 'Anna Andersson', email: 'anna@example.se', registration: 'ABC 123', disabledPermit: false };

let backend: TestBackend;
let base: string;
let swedbank: SwedbankPaySimulator;
let swish: SwishSimulator;
let providers: PaymentProviders;

before(async () => {
  swedbank = await startSwedbankPaySimulator();
  swish = await startSwishSimulator();
  const card = new SwedbankPayProvider({ baseUrl: swedbank.url, token: swedbank.token, payeeId: swedbank.payeeId, payeeName: 'Exempelby kommun' });
  const swishProvider = new SwishProvider({ baseUrl: swish.url, ...swish.merchant });
  providers = {
    for: (_municipality, method) => (method === 'card' ? card : swishProvider),
    byId: (id) => (id === 'swedbank-pay' ? card : swishProvider),
    simulatorPages: async () => ({}),
    close: async () => swishProvider.close(),
  };
  backend = await startTestBackend({ app: { payments: providers }, config: { officerTokens: [{ municipalityId: 'exempelby', token: OFFICER }] } });
  await backend.app.listen({ port: 0, host: '127.0.0.1' });
  const address = backend.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
after(async () => {
  await backend?.close();
  await providers?.close();
  await swedbank?.close();
  await swish?.close();
});

interface SentCase {
  caseId: string;
  caseNumber: string;
  receiptToken: string;
  receipt: CaseReceipt;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method, headers: { ...KIT_HEADERS, ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: () => JSON.parse(text) as unknown, text };
}

async function sendParkingCase(answers: Record<string, unknown> = ANSWERS): Promise<SentCase> {
  const response = await call('POST', '/api/cases', { ...PARKING, answers }, { 'idempotency-key': newKey() });
  assert.equal(response.status, 201, response.text);
  const { receipt, receiptToken } = SubmitCaseResponse.parse(response.json());
  return { caseId: receipt.caseId, caseNumber: receipt.caseNumber, receiptToken, receipt };
}

async function startPayment(sent: SentCase, body: Record<string, unknown>, token = sent.receiptToken) {
  return call('POST', `/api/cases/${sent.caseId}/payments`, { returnUrl: RETURN_URL, ...body }, { 'x-receipt-token': token });
}

async function started(sent: SentCase, body: Record<string, unknown>): Promise<PaymentStatus & { providerRef: string }> {
  const response = await startPayment(sent, body);
  assert.equal(response.status, 201, response.text);
  const status = PaymentStatus.parse(response.json());
  const { rows } = await backend.db.query<{ provider_ref: string }>('SELECT provider_ref FROM payments WHERE id = $1', [status.paymentId]);
  return { ...status, providerRef: rows[0]!.provider_ref };
}

async function paymentStatus(sent: SentCase, paymentId: string): Promise<PaymentStatus> {
  const response = await call('GET', `/api/payments/${paymentId}`, undefined, { 'x-receipt-token': sent.receiptToken });
  assert.equal(response.status, 200, response.text);
  return PaymentStatus.parse(response.json());
}

async function caseStatus(caseId: string): Promise<string> {
  const { rows } = await backend.db.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [caseId]);
  return rows[0]!.status;
}

async function eventually(what: string, holds: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await holds())) {
    if (Date.now() > until) assert.fail(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const receiptsQueued = async (caseId: string) =>
  Number((await backend.db.query<{ n: string }>(`SELECT count(*) AS n FROM notifications WHERE case_id = $1 AND kind = 'receipt'`, [caseId])).rows[0]!.n);

const officer = (path: string, method = 'GET', body?: unknown) =>
  call(method, path, body, { authorization: `Bearer ${OFFICER}` });

describe('the amount', () => {
  it('is the server\'s, from the stored answers: 200 kr, or nothing for a holder of a disabled parking permit', async () => {
    const charged = await sendParkingCase();
    assert.equal(charged.receipt.payment?.state, 'due');
    assert.equal(charged.receipt.payment?.fee.amount, 20_000);
    assert.deepEqual(charged.receipt.payment?.methods, ['card', 'swish']);
    assert.equal(await caseStatus(charged.caseId), 'awaitingPayment');
    // Not the municipality's yet: no receipt, invisible to the officer API.
    assert.equal(await receiptsQueued(charged.caseId), 0);
    assert.equal((await officer(`/api/officer/cases/${charged.caseId}`)).status, 404);

    const free = await sendParkingCase({ ...ANSWERS, disabledPermit: true, permitNumber: 'RH-1234' });
    assert.equal(free.receipt.payment, undefined);
    assert.equal(await caseStatus(free.caseId), 'submitted');
  });

  it('cannot be set by the browser: an amount in the request is not the amount charged', async () => {
    const sent = await sendParkingCase();
    const payment = await started(sent, { method: 'card', amount: 1, vatAmount: 0, fee: { amount: 1 } });
    assert.equal(payment.amount, 20_000);
    const order = swedbank.orders().find((candidate) => candidate.id === payment.providerRef)!;
    assert.equal(order.amount, 20_000);
    // Nor can an answer that no question asks add a fee of its own.
    const tampered = await call('POST', '/api/cases', { ...PARKING, answers: { ...ANSWERS, amount: 1 } }, { 'idempotency-key': newKey() });
    assert.equal(tampered.status, 400);
  });
});

describe('paying by card (Swedbank Pay)', () => {
  it('sends the case once it is paid, by the provider\'s callback alone, however often it comes', async () => {
    swedbank.settings.callbackRepeats = 5;
    try {
      const sent = await sendParkingCase();
      const payment = await started(sent, { method: 'card' });
      assert.equal(payment.state, 'pending');
      assert.match(payment.redirectUrl!, /^http:\/\/127\.0\.0\.1:\d+\//);
      // The citizen pays and closes the tab: the browser never comes back to ask.
      assert.equal(swedbank.pay(payment.providerRef, 'approve'), 'paid');
      await eventually('the case is sent', async () => (await caseStatus(sent.caseId)) === 'submitted');
      await swedbank.idle();
      await eventually('the payment is captured', async () =>
        (await backend.db.query('SELECT 1 FROM payments WHERE id = $1 AND captured_at IS NOT NULL', [payment.paymentId])).rows.length === 1);

      const { rows } = await backend.db.query<{ state: string }>('SELECT state FROM payments WHERE case_id = $1', [sent.caseId]);
      assert.deepEqual(rows.map((row) => row.state), ['paid']);
      assert.equal(await receiptsQueued(sent.caseId), 1);
      const history = await backend.db.query<{ status: string }>('SELECT status FROM case_status_history WHERE case_id = $1 ORDER BY at, id', [sent.caseId]);
      assert.deepEqual(history.rows.map((row) => row.status), ['awaitingPayment', 'submitted']);
      assert.equal(swedbank.orders().find((order) => order.id === payment.providerRef)!.status, 'Paid');

      // The receipt says it is paid, and with what.
      const receipt = await call('GET', `/api/cases/${sent.caseNumber}/receipt`, undefined, { 'x-receipt-token': sent.receiptToken });
      const paid = (receipt.json() as CaseReceipt).payment!;
      assert.equal(paid.state, 'paid');
      assert.ok(paid.paidAt && paid.paymentReference, JSON.stringify(paid));
      // The browser asking afterwards hears the same.
      assert.equal((await paymentStatus(sent, payment.paymentId)).state, 'paid');

      // A callback replayed later changes nothing.
      const replay = await call('POST', `/api/payments/${payment.paymentId}/callback`, { paymentOrder: { id: payment.providerRef } }, {});
      assert.equal(replay.status, 200);
      assert.equal(await receiptsQueued(sent.caseId), 1);
      const again = await backend.db.query('SELECT 1 FROM case_status_history WHERE case_id = $1', [sent.caseId]);
      assert.equal(again.rows.length, 2);
    } finally {
      swedbank.settings.callbackRepeats = 1;
    }
  });

  it('after a payment that was cancelled, takes a new attempt; the case waits meanwhile', async () => {
    const sent = await sendParkingCase();
    const first = await started(sent, { method: 'card' });
    assert.equal(swedbank.pay(first.providerRef, 'decline'), 'declined');
    // Declined on the card page: the citizen may try another card there, so the attempt is still open.
    const declined = await paymentStatus(sent, first.paymentId);
    assert.equal(declined.state, 'pending');
    assert.equal(declined.errorCode, 'carddeclined');
    swedbank.pay(first.providerRef, 'cancel');
    assert.equal((await paymentStatus(sent, first.paymentId)).state, 'cancelled');
    assert.equal(await caseStatus(sent.caseId), 'awaitingPayment');

    const second = await started(sent, { method: 'card' });
    swedbank.pay(second.providerRef, 'approve');
    assert.equal((await paymentStatus(sent, second.paymentId)).state, 'paid');
    assert.equal(await caseStatus(sent.caseId), 'submitted');
    // Paid: no third attempt.
    const third = await startPayment(sent, { method: 'card' });
    assert.equal(third.status, 409);
    assert.match(third.text, /case-paid/);
  });

  it('gives back a second payment of a case already paid, in full', async () => {
    const sent = await sendParkingCase();
    const one = await started(sent, { method: 'card' });
    const two = await started(sent, { method: 'card' });
    swedbank.pay(one.providerRef, 'approve');
    swedbank.pay(two.providerRef, 'approve');
    await paymentStatus(sent, one.paymentId);
    await paymentStatus(sent, two.paymentId);
    await eventually('the duplicate is given back', async () =>
      (await backend.db.query(`SELECT 1 FROM payment_refunds r JOIN payments p ON p.id = r.payment_id
        WHERE p.case_id = $1 AND r.state = 'refunded' AND r.requested_by = 'system'`, [sent.caseId])).rows.length === 1);
    const { rows } = await backend.db.query<{ state: string; provider_ref: string }>(
      'SELECT state, provider_ref FROM payments WHERE case_id = $1 ORDER BY state', [sent.caseId]);
    assert.deepEqual(rows.map((row) => row.state), ['duplicate', 'paid']);
    assert.equal(await receiptsQueued(sent.caseId), 1);
    // Whichever was heard of second (the providers' callbacks race the reads) is the one given back.
    assert.deepEqual(rows.map((row) => row.provider_ref).sort(), [one.providerRef, two.providerRef].sort());
    const order = (ref: string) => swedbank.orders().find((candidate) => candidate.id === ref)?.status;
    assert.equal(order(rows[0]!.provider_ref), 'Reversed');
    assert.equal(order(rows[1]!.provider_ref), 'Paid');
  });
});

describe('paying with Swish', () => {
  it('to another device: the request goes to the payer\'s number, and the case is sent when it is paid', async () => {
    const sent = await sendParkingCase();
    const payment = await started(sent, { method: 'swish', payerMobile: '070-123 45 67' });
    const request = swish.requests().find((candidate) => candidate.id === payment.providerRef)!;
    assert.equal(request.payerAlias, '46701234567');
    assert.equal(request.amount, 200);
    assert.equal(swish.act(payment.providerRef, 'approve').kind, 'done');
    assert.equal((await paymentStatus(sent, payment.paymentId)).state, 'paid');
    assert.equal(await caseStatus(sent.caseId), 'submitted');
  });

  it('on this device or by QR code: the browser gets the token to open the app with', async () => {
    const sent = await sendParkingCase();
    const payment = await started(sent, { method: 'swish' });
    assert.ok(payment.swishToken && payment.swishToken.length > 10);
  });

  it('not answered in time: timed out, the case still waits, and a new attempt can follow', async () => {
    const answerAfter = swish.settings.answerAfterMs;
    swish.settings.answerAfterMs = 50;
    try {
      const sent = await sendParkingCase();
      const payment = await started(sent, { method: 'swish', payerMobile: '0701234568' });
      await eventually('the attempt times out', async () => (await paymentStatus(sent, payment.paymentId)).state === 'timedOut');
      assert.equal((await paymentStatus(sent, payment.paymentId)).errorCode, 'TM01');
      assert.equal(await caseStatus(sent.caseId), 'awaitingPayment');
    } finally {
      swish.settings.answerAfterMs = answerAfter;
    }
    const retried = await sendParkingCase();
    assert.equal((await startPayment(retried, { method: 'swish', payerMobile: '0701234569' })).status, 201);
  });

  it('refuses a mobile number that is not one, with a field error', async () => {
    const sent = await sendParkingCase();
    const response = await startPayment(sent, { method: 'swish', payerMobile: '12345' });
    assert.equal(response.status, 400);
    assert.match(response.text, /payerMobile/);
  });
});

describe('who may pay', () => {
  it('only the browser that sent the case (its receipt token) or its logged-in applicant: others learn nothing', async () => {
    const sent = await sendParkingCase();
    const other = await sendParkingCase();
    assert.equal((await startPayment(sent, { method: 'card' }, other.receiptToken)).status, 404);
    assert.equal((await call('POST', `/api/cases/${sent.caseId}/payments`, { method: 'card', returnUrl: RETURN_URL })).status, 404);
    const payment = await started(sent, { method: 'card' });
    const peek = await call('GET', `/api/payments/${payment.paymentId}`, undefined, { 'x-receipt-token': other.receiptToken });
    assert.equal(peek.status, 404);
    // Back to a page of another site: refused, so the provider never sends the citizen there.
    const away = await startPayment(sent, { method: 'card', returnUrl: 'https://evil.example/steal' });
    assert.equal(away.status, 400);
    assert.match(away.text, /return-url-not-allowed/);
  });
});

describe('a payment nobody heard the end of', () => {
  it('is found by the reconciliation job when no callback comes', async () => {
    swedbank.settings.callbackRepeats = 0;
    try {
      const sent = await sendParkingCase();
      const payment = await started(sent, { method: 'card' });
      swedbank.pay(payment.providerRef, 'approve');
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(await caseStatus(sent.caseId), 'awaitingPayment');
      await backend.app.payments.reconcile(50, { all: true });
      assert.equal(await caseStatus(sent.caseId), 'submitted');
      assert.equal(await receiptsQueued(sent.caseId), 1);
    } finally {
      swedbank.settings.callbackRepeats = 1;
    }
  });

  it('is sent once by a server that starts after the one that took the payment stopped', async () => {
    swish.settings.callbackRepeats = 0;
    try {
      const sent = await sendParkingCase();
      const payment = await started(sent, { method: 'swish', payerMobile: '0701234570' });
      // The money is taken while nothing hears of it (the server that started the payment is gone).
      swish.act(payment.providerRef, 'approve');
      const restarted = await buildApp({
        config: backend.config, db: backend.db, payments: providers, logStream: new Writable({ write: (_c, _e, done) => done() }),
      });
      await restarted.ready();
      const job = startPaymentReconcile(restarted.payments, restarted.log);
      try {
        await eventually('the restarted server sends the case', async () => (await caseStatus(sent.caseId)) === 'submitted');
      } finally {
        await job.stop();
        await restarted.close();
      }
      const { rows } = await backend.db.query<{ state: string }>('SELECT state FROM payments WHERE case_id = $1', [sent.caseId]);
      assert.deepEqual(rows.map((row) => row.state), ['paid']);
      assert.equal(await receiptsQueued(sent.caseId), 1);
    } finally {
      swish.settings.callbackRepeats = 1;
    }
  });
});

describe('the officer API', () => {
  it('shows the payment and gives back a part, then the rest, and never more than was paid', async () => {
    const sent = await sendParkingCase();
    const payment = await started(sent, { method: 'card' });
    swedbank.pay(payment.providerRef, 'approve');
    assert.equal((await paymentStatus(sent, payment.paymentId)).state, 'paid');

    const details = (await officer(`/api/officer/cases/${sent.caseId}`)).json() as { payment: { fee: { amount: number }; payments: { amount: number; state: string }[] } };
    assert.equal(details.payment.fee.amount, 20_000);
    assert.deepEqual(details.payment.payments.map((paid) => [paid.state, paid.amount]), [['paid', 20_000]]);

    const part = await officer(`/api/officer/cases/${sent.caseId}/refunds`, 'POST', { amount: 5_000, reason: 'Tillståndet gällde bara nio månader' });
    assert.equal(part.status, 201, part.text);
    assert.equal((part.json() as { state: string }).state, 'refunded');
    const tooMuch = await officer(`/api/officer/cases/${sent.caseId}/refunds`, 'POST', { amount: 20_000, reason: 'För mycket' });
    assert.equal(tooMuch.status, 409);
    assert.match(tooMuch.text, /At most 15000/);
    const rest = await officer(`/api/officer/cases/${sent.caseId}/refunds`, 'POST', { reason: 'Ansökan återkallad' });
    assert.equal((rest.json() as { amount: number }).amount, 15_000);

    const receipt = await call('GET', `/api/cases/${sent.caseNumber}/receipt`, undefined, { 'x-receipt-token': sent.receiptToken });
    assert.equal((receipt.json() as CaseReceipt).payment?.refunded, 20_000);
    assert.equal(swedbank.orders().find((order) => order.id === payment.providerRef)!.status, 'Reversed');
  });

  it('reads a Swish refund that was on its way again until Swish has paid it, and then says refunded', async () => {
    const sent = await sendParkingCase();
    const payment = await started(sent, { method: 'swish', payerMobile: '070-123 45 70' });
    swish.act(payment.providerRef, 'approve');
    assert.equal((await paymentStatus(sent, payment.paymentId)).state, 'paid');
    swish.settings.refundAfterMs = 150;
    try {
      const refund = await officer(`/api/officer/cases/${sent.caseId}/refunds`, 'POST', { reason: 'Ansökan återkallad' });
      assert.equal(refund.status, 201, refund.text);
      assert.equal((refund.json() as { state: string }).state, 'pending');
      const refunded = async () => ((await officer(`/api/officer/cases/${sent.caseId}`)).json() as {
        payment: { payments: { refunds: { state: string; amount: number }[] }[] };
      }).payment.payments[0]!.refunds;
      assert.deepEqual((await refunded()).map((made) => made.state), ['pending']);
      // Swish pays it back; the reconciliation job's next round reads it (here: a round as a server starts).
      await new Promise((resolve) => setTimeout(resolve, 300));
      await backend.app.payments.reconcile(50, { all: true });
      assert.deepEqual((await refunded()).map((made) => [made.state, made.amount]), [['refunded', 20_000]]);
      const receipt = await call('GET', `/api/cases/${sent.caseNumber}/receipt`, undefined, { 'x-receipt-token': sent.receiptToken });
      assert.equal((receipt.json() as CaseReceipt).payment?.refunded, 20_000);
    } finally {
      swish.settings.refundAfterMs = 0;
    }
  });

  it('refuses a refund of an unpaid case', async () => {
    const sent = await sendParkingCase();
    // Unpaid: the municipality does not see the case at all.
    assert.equal((await officer(`/api/officer/cases/${sent.caseId}/refunds`, 'POST', { reason: 'x' })).status, 404);
  });
});

describe('a case never paid', () => {
  it('is deleted by retention once its e-service\'s draftDays have passed, and a paid one is kept', async () => {
    const { runRetention } = await import('../../server/jobs/retention.js');
    const unpaid = await sendParkingCase();
    const paid = await sendParkingCase();
    const payment = await started(paid, { method: 'card' });
    swedbank.pay(payment.providerRef, 'approve');
    assert.equal((await paymentStatus(paid, payment.paymentId)).state, 'paid');
    const day = 86_400_000;
    await runRetention(backend.db, new Date(Date.now() + 29 * day));
    assert.equal(await caseStatus(unpaid.caseId), 'awaitingPayment');
    await runRetention(backend.db, new Date(Date.now() + 31 * day));
    const { rows } = await backend.db.query('SELECT 1 FROM cases WHERE id = $1', [unpaid.caseId]);
    assert.equal(rows.length, 0);
    assert.equal(await caseStatus(paid.caseId), 'submitted');
  });
});

describe('a logged-in citizen\'s case that waits for its payment', () => {
  it('shows in Mina sidor as Väntar på betalning with what is due, and only its applicant may pay it', async () => {
    const { startWorld, person } = await import('./support/browser.js');
    const world = await startWorld();
    try {
      const anna = await world.loggedIn(person('Anna'));
      const sent = await anna.send('POST', '/api/cases', { ...PARKING, answers: ANSWERS }, { 'idempotency-key': newKey() });
      assert.equal(sent.statusCode, 201, sent.body);
      const caseId = SubmitCaseResponse.parse(sent.json()).receipt.caseId;

      const list = (await anna.send('GET', '/api/my/cases')).json<{ items: { id: string; status: string }[] }>();
      assert.equal(list.items.find((item) => item.id === caseId)?.status, 'awaitingPayment');
      const details = (await anna.send('GET', `/api/my/cases/${caseId}`)).json<{ payment?: { state: string; fee: { amount: number } } }>();
      assert.equal(details.payment?.state, 'due');
      assert.equal(details.payment?.fee.amount, 20_000);
      const exported = (await anna.send('GET', '/api/my/export')).json<{ cases: { id: string; payment?: { state: string } }[] }>();
      assert.equal(exported.cases.find((item) => item.id === caseId)?.payment?.state, 'due');

      // Mina sidor's "Betala" opens the case by id, with her session and no receipt token: its receipt, the fee due.
      const receipt = await anna.send('GET', `/api/my/cases/${caseId}/receipt`);
      assert.equal(receipt.statusCode, 200, receipt.body);
      const opened = receipt.json<CaseReceipt>();
      assert.equal(opened.caseId, caseId);
      assert.equal(opened.payment?.state, 'due');
      assert.equal(opened.payment?.fee.amount, 20_000);

      // Her session is enough to pay her own case; someone else's is not.
      const mine = await anna.send('POST', `/api/cases/${caseId}/payments`, { method: 'swish', returnUrl: RETURN_URL });
      assert.equal(mine.statusCode, 201, mine.body);
      const erik = await world.loggedIn(person('Erik'));
      const theirs = await erik.send('POST', `/api/cases/${caseId}/payments`, { method: 'swish', returnUrl: RETURN_URL });
      assert.equal(theirs.statusCode, 404);
      const peek = await erik.send('GET', `/api/payments/${mine.json<{ paymentId: string }>().paymentId}`);
      assert.equal(peek.statusCode, 404);
      assert.equal((await erik.send('GET', `/api/my/cases/${caseId}`)).statusCode, 404);
      // Nor its receipt: to Erik, Anna's case and one that does not exist look the same; without a session, 401.
      const notHis = await erik.send('GET', `/api/my/cases/${caseId}/receipt`);
      assert.equal(notHis.statusCode, 404);
      assert.equal(notHis.json<{ type: string }>().type.endsWith('case-not-found'), true);
      assert.equal((await erik.send('GET', '/api/my/cases/00000000-0000-4000-8000-000000000000/receipt')).statusCode, 404);
      assert.equal((await erik.send('GET', '/api/my/cases/not-a-case/receipt')).statusCode, 404);
      assert.equal((await call('GET', `/api/my/cases/${caseId}/receipt`)).status, 401);
    } finally {
      await world.close();
    }
  });
  it('shows in the registerutdrag, once paid, the amount, its currency, the provider\'s reference and when it was paid', async () => {
    const { Browser, person } = await import('./support/browser.js');
    const { BankIdClient } = await import('../../server/eid/bankid-client.js');
    const { BankIdSimulator } = await import('../../server/eid/simulator/index.js');
    // A backend with BankID (its simulator on a clock the test moves) and this file's card and Swish simulators.
    const clock = { now: Date.parse('2026-03-02T09:00:00Z') };
    const sim = await BankIdSimulator.start({ now: () => clock.now, adminPort: null });
    const bankId = new BankIdClient(sim.clientOptions());
    const paying = await startTestBackend({ app: { now: () => new Date(clock.now), bankId, payments: providers } });
    const world = { backend: paying, sim, clock, browser: () => new Browser(world), loggedIn: (who: ReturnType<typeof person>) => new Browser(world).logIn(who), close: async () => {} };
    try {
      const anna = await world.loggedIn(person('Anna'));
      const sent = await anna.send('POST', '/api/cases', { ...PARKING, answers: ANSWERS }, { 'idempotency-key': newKey() });
      assert.equal(sent.statusCode, 201, sent.body);
      const caseId = SubmitCaseResponse.parse(sent.json()).receipt.caseId;
      const start = await anna.send('POST', `/api/cases/${caseId}/payments`, { method: 'card', returnUrl: RETURN_URL });
      assert.equal(start.statusCode, 201, start.body);
      const { paymentId } = PaymentStatus.parse(start.json());
      const { rows } = await paying.db.query<{ provider_ref: string }>('SELECT provider_ref FROM payments WHERE id = $1', [paymentId]);
      // She pays on the card page (the time paid is the provider's, on its clock), comes back, and the backend asks.
      const payingFrom = Date.now();
      assert.equal(swedbank.pay(rows[0]!.provider_ref, 'approve'), 'paid');
      const payingUntil = Date.now();
      const back = await anna.send('GET', `/api/payments/${paymentId}`);
      assert.equal(PaymentStatus.parse(back.json()).state, 'paid', back.body);

      const receipt = (await anna.send('GET', `/api/my/cases/${caseId}/receipt`)).json<CaseReceipt>().payment!;
      assert.ok(receipt.paymentReference, JSON.stringify(receipt));
      const exported = await anna.send('GET', '/api/my/export');
      assert.equal(exported.statusCode, 200, exported.body);
      const item = exported.json<{ cases: { id: string; status: string; payment?: CaseReceipt['payment'] }[] }>().cases.find((row) => row.id === caseId);
      assert.equal(item?.status, 'submitted');
      const payment = item!.payment!;
      assert.equal(payment.state, 'paid');
      assert.equal(payment.fee.amount, 20_000);
      assert.equal(payment.fee.currency, 'SEK');
      // The reference the receipt gives for questions to the municipality: the provider's, the same in the export.
      assert.equal(payment.paymentReference, receipt.paymentReference);
      assert.equal(payment.paidAt, receipt.paidAt);
      const paidAt = Date.parse(payment.paidAt!);
      assert.ok(paidAt >= payingFrom - 1000 && paidAt <= payingUntil + 1000, `paid at ${payment.paidAt}`);
    } finally {
      await paying.close();
      bankId.close();
      await sim.close();
    }
  });
});
