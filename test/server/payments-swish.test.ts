import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { PaymentProviderError, type PaymentOrder } from '../../server/payments/provider.js';
import { oreToSwishAmount, swishAmountToOre } from '../../server/payments/providers/swish/amount.js';
import { instructionUuid, swishAppLink, swishQrData, SwishProvider } from '../../server/payments/providers/swish/client.js';
import { startSwishSimulator, type SwishSimulator } from '../../server/payments/providers/swish/simulator.js';

/** A tiny receiver for Swish's callbacks: plain HTTP on 127.0.0.1, which the simulator allows. */
class CallbackReceiver {
  readonly received: Array<{ body: Record<string, unknown>; headers: IncomingHttpHeaders }> = [];
  readonly #waiters: Array<() => void> = [];
  readonly server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      this.received.push({ body: JSON.parse(text) as Record<string, unknown>, headers: req.headers });
      res.end('ok');
      for (const wake of this.#waiters.splice(0)) wake();
    });
  });
  url = '';

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/swish/callback`;
  }

  /** The callbacks about `id`, once there are at least `count` of them (fails after 2 s). */
  async about(id: string, count = 1): Promise<Array<Record<string, unknown>>> {
    const deadline = Date.now() + 2_000;
    for (;;) {
      const found = this.received.filter((callback) => callback.body.id === id).map((callback) => callback.body);
      if (found.length >= count) return found;
      if (Date.now() > deadline) assert.fail(`expected ${count} callback(s) about ${id}, got ${found.length}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50).unref();
      });
    }
  }
}

let sim: SwishSimulator;
let swish: SwishProvider;
const callbacks = new CallbackReceiver();
let counter = 0;

/** An order as the payment service makes one; every call gets a fresh reference and payer number. */
function order(overrides: Partial<PaymentOrder> = {}): PaymentOrder {
  counter += 1;
  return {
    reference: `ATTEMPT${Date.now()}X${counter}`,
    amount: 20050,
    vatAmount: 0,
    currency: 'SEK',
    description: 'Avgift för bygglov, ärende 2026:41',
    orderReference: 'BYGG-2026-41',
    lang: 'sv',
    urls: { complete: 'https://kommun.example/betalt', cancel: 'https://kommun.example/avbrutet', callback: callbacks.url, host: ['https://kommun.example'] },
    ...overrides,
  };
}
const payer = () => `4670${String(1_000_000 + counter).padStart(7, '0')}`;

/** A raw call over mutual TLS, to see statuses and bodies exactly as the simulator sends them. */
function raw(method: string, path: string, body: unknown, options: { contentType?: string; withCertificate?: boolean } = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: unknown }>((resolve, reject) => {
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    const req = httpsRequest(`${sim.url}${path}`, {
      method,
      ca: sim.merchant.ca,
      ...(options.withCertificate === false ? {} : { pfx: sim.merchant.pfx, passphrase: sim.merchant.passphrase }),
      headers: { 'content-type': options.contentType ?? 'application/json' },
    }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** What the payer's browser does: a form post to the payer page, then the page it is sent to. */
async function answerOnPayerPage(id: string, action: string, query = '') {
  const posted = await fetch(new URL(`requests/${id}${query}`, sim.payerUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action }),
    redirect: 'manual',
  });
  assert.equal(posted.status, 303);
  const page = await fetch(new URL(posted.headers.get('location')!, sim.payerUrl));
  assert.equal(page.status, 200);
  return page.text();
}

async function refusal(promise: Promise<unknown>): Promise<PaymentProviderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PaymentProviderError, String(error));
    return error;
  }
  return assert.fail('expected Swish to refuse');
}

const validBody = (overrides: Record<string, unknown> = {}) => ({
  payeePaymentReference: 'REF1',
  callbackUrl: callbacks.url,
  payeeAlias: sim.merchant.payeeAlias,
  currency: 'SEK',
  amount: '100.00',
  message: 'Test',
  ...overrides,
});

describe('Swish provider against the Swish simulator, over mutual TLS', () => {
  before(async () => {
    await callbacks.listen();
    sim = await startSwishSimulator({ callbackDelayMs: 0 });
    swish = new SwishProvider({ baseUrl: sim.url, payeeAlias: sim.merchant.payeeAlias, pfx: sim.merchant.pfx, passphrase: sim.merchant.passphrase, ca: sim.merchant.ca });
  });
  after(async () => {
    swish.close();
    await sim.close();
    await new Promise<void>((resolve) => {
      callbacks.server.close(() => resolve());
      callbacks.server.closeAllConnections();
    });
  });
  beforeEach(() => {
    Object.assign(sim.settings, { callbackDelayMs: 0, callbackRepeats: 1, answerAfterMs: 180_000, refundAfterMs: 0 });
  });

  it('refuses a client without the merchant certificate at the TLS handshake', async () => {
    const failure = await raw('GET', '/swish-cpcapi/api/v1/paymentrequests/0123456789ABCDEF0123456789ABCDEF', '', { withCertificate: false }).then(
      (answer) => assert.fail(`expected no HTTP answer, got ${answer.status}`),
      (error: NodeJS.ErrnoException) => error,
    );
    assert.match(`${failure.code} ${failure.message}`, /certificate|ECONNRESET|EPIPE|handshake/i);
  });

  it('starts an m-commerce request: a token for the app link and the QR code', async () => {
    const started = await swish.start(order());
    assert.match(started.providerRef, /^[0-9A-F]{32}$/);
    assert.ok(started.swishToken);
    assert.equal(sim.requests().find((request) => request.id === started.providerRef)?.token, started.swishToken);
    assert.equal(
      swishAppLink(started.swishToken, 'https://kommun.example/betalt?a=1&b=2'),
      `swish://paymentrequest?token=${started.swishToken}&callbackurl=https%3A%2F%2Fkommun.example%2Fbetalt%3Fa%3D1%26b%3D2`,
    );
    assert.equal(swishQrData(started.swishToken), `D${started.swishToken}`);
    assert.deepEqual(await swish.read(started.providerRef), { state: 'pending', amount: 0, currency: 'SEK', instrument: 'Swish' });
  });

  it('starts an e-commerce request, the payer approves on the payer page, and it reads as paid', async () => {
    const number = payer();
    const started = await swish.start(order({ payerAlias: number, description: 'Avgift "bygglov" (2026)' }));
    assert.equal(started.swishToken, undefined);

    const listing = await (await fetch(`${sim.payerUrl}?payer=${number}`)).text();
    assert.match(listing, /<html lang="sv">/);
    assert.match(listing, /Avgift &quot;bygglov&quot; \(2026\)/);
    assert.match(listing, /200,50 kr/);
    assert.match(listing, /<label for="payer">/);
    assert.doesNotMatch(listing, /<script/i);

    const page = await answerOnPayerPage(started.providerRef, 'approve', `?payer=${number}`);
    assert.match(page, /Betalningen är godkänd/);
    const paid = await swish.read(started.providerRef);
    assert.equal(paid.state, 'paid');
    assert.equal(paid.amount, 20050);
    assert.equal(paid.instrument, 'Swish');
    assert.match(paid.paymentReference!, /^[0-9A-F]{32}$/);
    assert.ok(paid.paidAt instanceof Date && !Number.isNaN(paid.paidAt.getTime()));

    const [callback] = await callbacks.about(started.providerRef);
    assert.equal(callback!.status, 'PAID');
    assert.equal(callback!.paymentReference, paid.paymentReference);
    assert.equal(callback!.amount, 200.5);
    assert.equal(callback!.payerAlias, number);

    // Paying twice changes nothing, and the page says so.
    const again = await answerOnPayerPage(started.providerRef, 'approve', '?lang=en');
    assert.match(again, /Already paid – nothing changed/);
    assert.equal((await swish.read(started.providerRef)).paymentReference, paid.paymentReference);
  });

  it('posts each callback as many times as asked', async () => {
    sim.settings.callbackRepeats = 5;
    const started = await swish.start(order());
    sim.act(started.providerRef, 'approve');
    const received = await callbacks.about(started.providerRef, 5);
    assert.equal(received.length, 5);
    assert.ok(received.every((callback) => callback.status === 'PAID'));
  });

  it('reads a declined request as declined', async () => {
    const started = await swish.start(order({ payerAlias: payer() }));
    assert.equal(sim.act(started.providerRef, 'decline').kind, 'done');
    assert.equal((await swish.read(started.providerRef)).state, 'declined');
  });

  it('lets an unanswered request time out with TM01, by itself or on the payer page', async () => {
    sim.settings.answerAfterMs = 50;
    const started = await swish.start(order());
    await new Promise((resolve) => setTimeout(resolve, 80));
    const reading = await swish.read(started.providerRef);
    assert.equal(reading.state, 'timedOut');
    assert.equal(reading.errorCode, 'TM01');

    sim.settings.answerAfterMs = 180_000;
    const other = await swish.start(order());
    assert.match(await answerOnPayerPage(other.providerRef, 'timeout'), /Tiden gick ut/);
    assert.deepEqual([(await swish.read(other.providerRef)).state, (await swish.read(other.providerRef)).errorCode], ['timedOut', 'TM01']);
  });

  it('reads a BankID cancellation in the app, or a bank’s decline, as failed', async () => {
    const started = await swish.start(order());
    sim.act(started.providerRef, 'cancel');
    assert.deepEqual(await swish.read(started.providerRef), { state: 'failed', amount: 0, currency: 'SEK', instrument: 'Swish', errorCode: 'BANKIDCL' });
    // The Merchant Swish Simulator's trick: a message that is a result code makes the request end with it.
    const declinedByBank = await swish.start(order({ description: 'RF07' }));
    assert.deepEqual([(await swish.read(declinedByBank.providerRef)).state, (await swish.read(declinedByBank.providerRef)).errorCode], ['failed', 'RF07']);
  });

  it('aborts a CREATED request, again harmlessly, but never a paid one', async () => {
    const started = await swish.start(order());
    await swish.abort(started.providerRef);
    assert.equal((await swish.read(started.providerRef)).state, 'cancelled');
    await swish.abort(started.providerRef);

    const paid = await swish.start(order());
    sim.act(paid.providerRef, 'approve');
    const error = await refusal(swish.abort(paid.providerRef));
    assert.equal(error.status, 422);
    assert.equal(error.code, 'RP07');
  });

  it('refunds a part, then the rest, and refuses more than was paid', async () => {
    const started = await swish.start(order({ amount: 20000 }));
    sim.act(started.providerRef, 'approve');
    const refund = { vatAmount: 0, description: 'Återbetalning', callbackUrl: callbacks.url };
    const part = await swish.refund(started.providerRef, { ...refund, amount: 5000, reference: 'REFUND1' });
    assert.equal(part.state, 'refunded');
    assert.match(part.providerRef, /^[0-9A-F]{32}$/);
    const [refundCallback] = await callbacks.about(part.providerRef);
    assert.equal(refundCallback!.status, 'PAID');

    assert.equal((await swish.refund(started.providerRef, { ...refund, amount: 15000, reference: 'REFUND2' })).state, 'refunded');
    const over = await refusal(swish.refund(started.providerRef, { ...refund, amount: 1, reference: 'REFUND3' }));
    assert.equal(over.status, 422);
    assert.equal(over.code, 'RF08');
    assert.deepEqual(sim.refunds().map((made) => made.amount).sort((a, b) => a - b), [50, 150]);

    const unpaid = await swish.start(order());
    await refusal(swish.refund(unpaid.providerRef, { ...refund, amount: 100, reference: 'REFUND4' }));
  });

  it('refuses what Swish refuses, with Swish’s codes', async () => {
    const codeOf = async (overrides: Partial<PaymentOrder>) => {
      const error = await refusal(swish.start(order(overrides)));
      assert.equal(error.status, 422);
      return error.code;
    };
    assert.equal(await codeOf({ amount: 0 }), 'AM06');
    assert.equal(await codeOf({ description: 'x'.repeat(51) }), 'RP02');
    assert.equal(await codeOf({ description: 'Avgift <b>' }), 'RP02');
    assert.equal(await codeOf({ urls: { ...order().urls, callback: 'http://kommun.example/cb' } }), 'RP03');
    assert.equal(await codeOf({ payerAlias: '0701234567' }), 'BE18');
    assert.equal(await codeOf({ reference: 'has-hyphen' }), 'FF08');

    const put = (body: unknown, id = instructionUuid(`raw${++counter}`)) => raw('PUT', `/swish-cpcapi/api/v2/paymentrequests/${id}`, body);
    const codes = (answer: { body: unknown }) => (answer.body as Array<{ errorCode: string }>).map((error) => error.errorCode);
    assert.deepEqual(codes(await put(validBody({ amount: 100 }))), ['PA02']);
    assert.deepEqual(codes(await put(validBody({ amount: '1,00' }))), ['PA02']);
    assert.deepEqual(codes(await put(validBody({ amount: '1234567890123.00' }))), ['AM02']);
    assert.deepEqual(codes(await put(validBody({ currency: 'EUR', callbackUrl: 'ftp://x' }))), ['RP03', 'AM03']);
    assert.deepEqual(codes(await put(validBody({ payeeAlias: undefined }))), ['RP01']);
    assert.equal((await put(validBody({ payeeAlias: '1231111111' }))).status, 403);
    assert.equal((await put(validBody(), 'not-a-uuid')).status, 400);
    assert.equal((await raw('PUT', `/swish-cpcapi/api/v2/paymentrequests/${instructionUuid('text')}`, validBody(), { contentType: 'text/plain' })).status, 415);
    // The Merchant Swish Simulator's trick: a message that is an error code asks for it.
    assert.deepEqual(codes(await put(validBody({ message: 'ACMT03' }))), ['ACMT03']);
  });

  it('answers a repeated PUT of the same request the same, and refuses the id for another', async () => {
    const id = instructionUuid(`repeat${Date.now()}`);
    const path = `/swish-cpcapi/api/v2/paymentrequests/${id}`;
    const first = await raw('PUT', path, validBody());
    const second = await raw('PUT', path, validBody());
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(first.headers.location, `${sim.url}/swish-cpcapi/api/v1/paymentrequests/${id}`);
    assert.equal(second.headers.paymentrequesttoken, first.headers.paymentrequesttoken);
    assert.equal(sim.requests().filter((request) => request.id === id).length, 1);

    const other = await raw('PUT', path, validBody({ amount: '200.00' }));
    assert.equal(other.status, 422);
    assert.deepEqual((other.body as Array<{ errorCode: string }>).map((error) => error.errorCode), ['RP09']);

    // The provider names a request after the attempt's reference: starting it twice is one request.
    const attempt = order();
    assert.deepEqual(await swish.start(attempt), await swish.start(attempt));
  });

  it('refuses a second open request to the same payer (RP06)', async () => {
    const number = payer();
    await swish.start(order({ payerAlias: number }));
    assert.equal((await refusal(swish.start(order({ payerAlias: number })))).code, 'RP06');
  });
});

describe('Swish amounts', () => {
  it('turns öre into Swish’s string and Swish’s amounts into öre, exactly', () => {
    assert.equal(oreToSwishAmount(20050), '200.50');
    assert.equal(oreToSwishAmount(5), '0.05');
    assert.equal(oreToSwishAmount(99_999_999_999_999), '999999999999.99');
    assert.throws(() => oreToSwishAmount(1.5), RangeError);
    assert.equal(swishAmountToOre('200.50'), 20050);
    assert.equal(swishAmountToOre('200'), 20000);
    assert.equal(swishAmountToOre(200.5), 20050);
    assert.equal(swishAmountToOre(1.15), 115);
    assert.equal(swishAmountToOre(0.07), 7);
    assert.equal(swishAmountToOre('1,00'), null);
  });
});
