import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { PaymentProviderError, type PaymentOrder } from '../../server/payments/provider.js';
import { payeeReferenceFor, SwedbankPayProvider } from '../../server/payments/providers/swedbank-pay/client.js';
import { startSwedbankPaySimulator, type SwedbankPaySimulator } from '../../server/payments/providers/swedbank-pay/simulator.js';

/** The municipality's side: the pages Swedbank Pay sends the payer back to, and the callback endpoint. */
interface Merchant {
  url: string;
  callbacks: Array<{ orderReference?: string; paymentOrder: { id: string; instrument: string; number: number } }>;
  visits: string[];
  callbacksFor(id: string): Merchant['callbacks'];
  close(): Promise<void>;
}

async function startMerchant(): Promise<Merchant> {
  const callbacks: Merchant['callbacks'] = [];
  const visits: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/callback') callbacks.push(JSON.parse(body));
      else visits.push(`${req.method} ${req.url}`);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    callbacks,
    visits,
    callbacksFor: (id) => callbacks.filter((callback) => callback.paymentOrder.id === id),
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

let references = 0;
function paymentOrder(merchant: Merchant, overrides: Partial<PaymentOrder> = {}): PaymentOrder {
  references += 1;
  return {
    reference: `KIT${Date.now().toString(36)}${references}`.toUpperCase(),
    amount: 15000,
    vatAmount: 0,
    currency: 'SEK',
    description: 'Bygglov, ansökningsavgift',
    orderReference: `BN-2026-${references}`,
    lang: 'sv',
    urls: {
      complete: `${merchant.url}/complete`,
      cancel: `${merchant.url}/cancel`,
      callback: `${merchant.url}/callback`,
      host: [`${merchant.url}/shop`],
    },
    ...overrides,
  };
}

/** The menu's form action and its buttons, read from the page the way a browser would see them. */
function formOf(html: string): { action: string; buttons: string[] } {
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
  assert.ok(action, 'the page has a form');
  const buttons = [...html.matchAll(/<button type="submit" name="action" value="(\w+)"/g)].map((match) => match[1]!);
  return { action: action.replace(/&#38;/g, '&'), buttons };
}

/** Clicks one of the menu's buttons: a form POST, redirects not followed so the 303 can be seen. */
async function click(menuUrl: string, action: string): Promise<{ status: number; location: string | null; html: string }> {
  const page = await (await fetch(menuUrl)).text();
  const form = formOf(page);
  assert.ok(form.buttons.includes(action), `the page has a ${action} button`);
  const response = await fetch(form.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action }).toString(),
    redirect: 'manual',
  });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

describe('Swedbank Pay: the client against the simulator', () => {
  let sim: SwedbankPaySimulator;
  let merchant: Merchant;
  let provider: SwedbankPayProvider;

  before(async () => {
    [sim, merchant] = await Promise.all([startSwedbankPaySimulator(), startMerchant()]);
    provider = new SwedbankPayProvider({ baseUrl: sim.url, token: sim.token, payeeId: sim.payeeId, payeeName: 'Exempelby kommun' });
  });
  after(async () => {
    await Promise.all([sim.close(), merchant.close()]);
  });

  it('starts a payment order whose redirect-checkout page offers card, decline, cancel and leaving', async () => {
    const started = await provider.start(paymentOrder(merchant));
    assert.match(started.providerRef, /^\/psp\/paymentorders\/[0-9a-f-]{36}$/);
    assert.ok(started.redirectUrl?.startsWith(`${sim.url}/payment/menu/`));
    const response = await fetch(started.redirectUrl!);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<html lang="sv">/);
    assert.match(html, /<legend>Betala med kort<\/legend>/);
    assert.match(html, /4925 0000 0000 0004/);
    assert.match(html, /Exempelby kommun/);
    assert.deepEqual(formOf(html).buttons, ['approve', 'decline', 'cancel']);
    assert.match(html, new RegExp(`<a href="${merchant.url}/shop">Lämna sidan utan att välja</a>`));
    assert.equal((await provider.read(started.providerRef)).state, 'pending');
  });

  it('speaks English to an English order, and escapes what it shows', async () => {
    const started = await provider.start(paymentOrder(merchant, { lang: 'en', description: `<b>"Tom & Jerry's"</b>` }));
    const html = await (await fetch(started.redirectUrl!)).text();
    assert.match(html, /<html lang="en">/);
    assert.match(html, /Pay by card/);
    assert.ok(!html.includes('<b>'), 'markup from the order is not markup on the page');
    assert.match(html, /&lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;\/b&gt;/);
  });

  it('approves on the page: 303 to completeUrl, paid reading, one callback with the payment order id', async () => {
    const order = paymentOrder(merchant);
    const started = await provider.start(order);
    const approved = await click(started.redirectUrl!, 'approve');
    assert.equal(approved.status, 303);
    assert.equal(approved.location, order.urls.complete);
    await fetch(approved.location!);
    assert.ok(merchant.visits.includes('GET /complete'));

    const reading = await provider.read(started.providerRef);
    assert.equal(reading.state, 'paid');
    assert.equal(reading.amount, 15000);
    assert.equal(reading.currency, 'SEK');
    assert.equal(reading.instrument, 'CreditCard');
    assert.match(reading.paymentReference ?? '', /^\d{11}$/);
    assert.ok(reading.paidAt instanceof Date && !Number.isNaN(reading.paidAt.getTime()));

    await sim.idle();
    const callbacks = merchant.callbacksFor(started.providerRef);
    assert.equal(callbacks.length, 1);
    assert.deepEqual(callbacks[0], {
      orderReference: order.orderReference,
      paymentOrder: { id: started.providerRef, instrument: 'CreditCard', number: Number(reading.paymentReference) },
    });
  });

  it('repeats each callback callbackRepeats times', async () => {
    sim.settings.callbackRepeats = 5;
    try {
      const started = await provider.start(paymentOrder(merchant));
      assert.equal(sim.pay(started.providerRef, 'approve'), 'paid');
      await sim.idle();
      assert.equal(merchant.callbacksFor(started.providerRef).length, 5);
    } finally {
      sim.settings.callbackRepeats = 1;
    }
  });

  it('takes nothing more when the payer pays twice, and says so', async () => {
    const started = await provider.start(paymentOrder(merchant));
    assert.equal((await click(started.redirectUrl!, 'approve')).status, 303);
    const page = await (await fetch(started.redirectUrl!)).text();
    assert.match(page, /Betalningen är genomförd/);
    // The payer's browser resubmits the form of the page it still had open.
    const again = await fetch(started.redirectUrl!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=approve', redirect: 'manual' });
    assert.equal(again.status, 200);
    assert.match(await again.text(), /Betalningen är redan genomförd\. Inget har dragits en gång till\./);
    await sim.idle();
    assert.equal(merchant.callbacksFor(started.providerRef).length, 1);
    assert.equal(sim.orders().find((view) => view.id === started.providerRef)?.status, 'Paid');
  });

  it('declines the card, lets the payer try again on the same order, then pays', async () => {
    const order = paymentOrder(merchant);
    const started = await provider.start(order);
    const declined = await click(started.redirectUrl!, 'decline');
    assert.equal(declined.status, 200);
    assert.match(declined.html, /role="alert">Kortet nekades/);
    assert.deepEqual(formOf(declined.html).buttons, ['approve', 'decline', 'cancel']);

    // A declined card is a failed attempt, not a failed order: the payer is still at the menu.
    const meanwhile = await provider.read(started.providerRef);
    assert.equal(meanwhile.state, 'pending');
    assert.equal(meanwhile.errorCode, 'carddeclined');
    await sim.idle();
    assert.equal(merchant.callbacksFor(started.providerRef).length, 1);

    const approved = await click(started.redirectUrl!, 'approve');
    assert.equal(approved.status, 303);
    assert.equal(approved.location, order.urls.complete);
    const reading = await provider.read(started.providerRef);
    assert.equal(reading.state, 'paid');
    assert.equal(reading.errorCode, undefined);
    await sim.idle();
    assert.equal(merchant.callbacksFor(started.providerRef).length, 2);
  });

  it('cancels on the page: 303 to cancelUrl, Aborted reads as cancelled', async () => {
    const order = paymentOrder(merchant);
    const started = await provider.start(order);
    const cancelled = await click(started.redirectUrl!, 'cancel');
    assert.equal(cancelled.status, 303);
    assert.equal(cancelled.location, order.urls.cancel);
    assert.equal((await provider.read(started.providerRef)).state, 'cancelled');
    assert.equal(sim.orders().find((view) => view.id === started.providerRef)?.status, 'Aborted');
    assert.match(await (await fetch(started.redirectUrl!)).text(), /Betalningen är avbruten/);
    await sim.idle();
    assert.equal(merchant.callbacksFor(started.providerRef).length, 1);
  });

  it('leaves an abandoned order pending; abort stops it, twice is fine, a paid one is not aborted', async () => {
    const started = await provider.start(paymentOrder(merchant));
    await fetch(started.redirectUrl!);
    assert.equal((await provider.read(started.providerRef)).state, 'pending');
    await provider.abort(started.providerRef);
    await provider.abort(started.providerRef);
    assert.equal((await provider.read(started.providerRef)).state, 'cancelled');
    assert.equal(sim.pay(started.providerRef, 'approve'), 'closed');

    const paid = await provider.start(paymentOrder(merchant));
    sim.pay(paid.providerRef, 'approve');
    await assert.rejects(provider.abort(paid.providerRef), PaymentProviderError);
    assert.equal((await provider.read(paid.providerRef)).state, 'paid');
  });

  it('captures once per reference, even when asked twice at the same time', async () => {
    const started = await provider.start(paymentOrder(merchant));
    sim.pay(started.providerRef, 'approve');
    const capture = { amount: 15000, vatAmount: 0, reference: `CAP${references}x${Date.now()}`, description: 'Bygglov' };
    await Promise.all([provider.capture(started.providerRef, capture), provider.capture(started.providerRef, capture)]);
    await provider.capture(started.providerRef, capture);
    assert.equal(sim.orders().find((view) => view.id === started.providerRef)?.captured, 15000);
    await assert.rejects(provider.capture(started.providerRef, { ...capture, reference: `${capture.reference}B` }), PaymentProviderError);
  });

  it('refuses to capture an order nobody paid', async () => {
    const started = await provider.start(paymentOrder(merchant));
    await assert.rejects(provider.capture(started.providerRef, { amount: 100, vatAmount: 0, reference: `CAPNONE${Date.now()}`, description: 'x' }), PaymentProviderError);
  });

  it('refunds in part and in full, once per reference, and refuses more than was captured', async () => {
    const started = await provider.start(paymentOrder(merchant));
    sim.pay(started.providerRef, 'approve');
    const stamp = Date.now();
    await provider.capture(started.providerRef, { amount: 15000, vatAmount: 0, reference: `CAP${stamp}`, description: 'Bygglov' });
    const refund = { amount: 5000, vatAmount: 0, reference: `REF${stamp}A`, description: 'Delvis återbetalning', callbackUrl: `${merchant.url}/callback` };

    const first = await provider.refund(started.providerRef, refund);
    assert.equal(first.state, 'refunded');
    assert.match(first.providerRef, new RegExp(`^${started.providerRef}/financialtransactions/[0-9a-f-]{36}$`));
    assert.deepEqual(await provider.refund(started.providerRef, refund), first);

    const tooMuch = await provider.refund(started.providerRef, { ...refund, amount: 10001, reference: `REF${stamp}B` }).catch((error: unknown) => error);
    assert.ok(tooMuch instanceof PaymentProviderError);
    assert.equal(tooMuch.status, 400);
    assert.equal(tooMuch.code, 'inputerror');
    assert.match(tooMuch.message, /Transaction\.Amount/);

    const rest = await provider.refund(started.providerRef, { ...refund, amount: 10000, reference: `REF${stamp}C` });
    assert.equal(rest.state, 'refunded');
    assert.notEqual(rest.providerRef, first.providerRef);
    assert.equal(sim.orders().find((view) => view.id === started.providerRef)?.status, 'Reversed');
    assert.equal((await provider.read(started.providerRef)).state, 'paid');
    await assert.rejects(provider.refund(started.providerRef, { ...refund, amount: 1, reference: `REF${stamp}D` }), PaymentProviderError);
  });

  it('answers a wrong token with 401', async () => {
    const stranger = new SwedbankPayProvider({ baseUrl: sim.url, token: 'not-the-token', payeeId: sim.payeeId });
    const error = await stranger.start(paymentOrder(merchant)).catch((caught: unknown) => caught);
    assert.ok(error instanceof PaymentProviderError);
    assert.equal(error.status, 401);
    assert.equal(error.code, 'unauthorized');
  });

  it('refuses malformed orders as Swedbank Pay does: amount 0, a reused payeeReference, VAT over the amount', async () => {
    const zero = await provider.start(paymentOrder(merchant, { amount: 0 })).catch((caught: unknown) => caught);
    assert.ok(zero instanceof PaymentProviderError);
    assert.equal(zero.status, 400);
    assert.match(zero.message, /PaymentOrder\.Amount/);

    const order = paymentOrder(merchant);
    await provider.start(order);
    const reused = await provider.start(order).catch((caught: unknown) => caught);
    assert.ok(reused instanceof PaymentProviderError);
    assert.match(reused.message, /PayeeReference: The given PayeeReference has already been used/);

    const vat = await provider.start(paymentOrder(merchant, { vatAmount: 20000 })).catch((caught: unknown) => caught);
    assert.ok(vat instanceof PaymentProviderError);
    assert.match(vat.message, /PaymentOrder\.VatAmount/);
  });

  it('checks the media type and answers problem+json', async () => {
    const body = JSON.stringify({ paymentorder: {} });
    const plain = await fetch(`${sim.url}/psp/paymentorders`, { method: 'POST', headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'text/plain' }, body });
    assert.equal(plain.status, 415);
    assert.match(plain.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const unversioned = await fetch(`${sim.url}/psp/paymentorders`, { method: 'POST', headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json' }, body });
    assert.equal(unversioned.status, 400);
    const problem = (await unversioned.json()) as { type: string; problems: Array<{ name: string }> };
    assert.equal(problem.type, 'https://api.payex.com/psp/errordetail/paymentorders/inputerror');
    assert.equal(problem.problems[0]?.name, 'Content-Type');
  });

  it('refuses a reused payeeReference on a capture over the wire, as the docs say; serves sub-resources', async () => {
    const started = await provider.start(paymentOrder(merchant));
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${sim.url}${path}`, { ...init, headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json;version=3.1', accept: 'application/json;version=3.1' } });
    const capture = (payeeReference: string, amount: number) =>
      api(`${started.providerRef}/captures`, { method: 'POST', body: JSON.stringify({ transaction: { description: 'Del', amount, vatAmount: 0, payeeReference } }) });

    assert.equal((await capture(`EARLY${Date.now()}`, 100)).status, 403, 'nothing to capture before the payer pays');
    sim.pay(started.providerRef, 'approve');
    const reference = `PART${Date.now()}`;
    assert.equal((await capture(reference, 5000)).status, 200);
    const again = await capture(reference, 5000);
    assert.equal(again.status, 400);
    const problem = (await again.json()) as { problems: Array<{ name: string; description: string }> };
    assert.equal(problem.problems[0]?.name, 'PayeeReference');
    assert.equal((await capture(`${reference}X`, 10001)).status, 400, 'more than is left to capture');
    assert.equal((await capture('C'.repeat(31), 100)).status, 400, 'a capture payeeReference is string(30)');
    const create = (payeeReference: string) =>
      api('/psp/paymentorders', {
        method: 'POST',
        body: JSON.stringify({
          paymentorder: {
            operation: 'Purchase', currency: 'SEK', amount: 100, vatAmount: 0, description: 'x', userAgent: 'Mozilla/5.0', language: 'sv-SE',
            urls: { hostUrls: [merchant.url], completeUrl: `${merchant.url}/complete`, cancelUrl: `${merchant.url}/cancel` },
            payeeInfo: { payeeId: sim.payeeId, payeeReference },
          },
        }),
      });
    assert.equal((await create(`L${Date.now()}`.padEnd(51, 'Z'))).status, 400, 'a payment order payeeReference is string(50)');
    assert.equal((await create(`L${Date.now()}`.padEnd(50, 'Z'))).status, 200);
    assert.equal((await create('BAD-REF')).status, 400, 'letters and digits only');

    const paid = (await (await api(`${started.providerRef}/paid`)).json()) as { paymentOrder: string; paid: Record<string, unknown> };
    assert.equal(paid.paymentOrder, started.providerRef);
    assert.equal(paid.paid.id, `${started.providerRef}/paid`);
    assert.equal(paid.paid.transactionType, 'Authorization');
    assert.equal(paid.paid.amount, 15000);
    assert.equal((await api(`${started.providerRef}/nosuchthing`)).status, 404);
  });

  it("takes the kit's 35-character references, which Swedbank Pay's 30 would refuse, the same way every time", async () => {
    const id = `${Date.now().toString(16)}${'0'.repeat(32)}`.slice(0, 32);
    const started = await provider.start(paymentOrder(merchant, { reference: `P${id}` }));
    sim.pay(started.providerRef, 'approve');
    const capture = { amount: 15000, vatAmount: 0, reference: `C${id}XY`, description: 'Capture' };
    await provider.capture(started.providerRef, capture);
    await provider.capture(started.providerRef, capture);
    const refund = { amount: 15000, vatAmount: 0, reference: `R${id}`, description: 'Refund', callbackUrl: '' };
    const first = await provider.refund(started.providerRef, refund);
    assert.deepEqual(await provider.refund(started.providerRef, refund), first);
    const view = sim.orders().find((order) => order.id === started.providerRef)!;
    assert.equal(view.captured, 15000);
    assert.equal(view.reversed, 15000);
    assert.equal(view.payeeReference, payeeReferenceFor(`P${id}`));
    assert.equal(payeeReferenceFor(`C${id}XY`).length, 30);
    assert.equal(payeeReferenceFor('SHORT1'), 'SHORT1');
  });

  it('turns a network failure and a malformed answer into PaymentProviderError', async () => {
    const nowhere = new SwedbankPayProvider({ baseUrl: 'http://127.0.0.1:9', token: 't', payeeId: sim.payeeId });
    await assert.rejects(nowhere.read('/psp/paymentorders/00000000-0000-0000-0000-000000000000'), PaymentProviderError);
    const odd = new SwedbankPayProvider({
      baseUrl: sim.url,
      token: sim.token,
      payeeId: sim.payeeId,
      fetch: async () => new Response(JSON.stringify({ paymentOrder: { id: 42 } }), { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    await assert.rejects(odd.start(paymentOrder(merchant)), (error: unknown) => error instanceof PaymentProviderError && /not a payment order/.test(error.message));
    await assert.rejects(provider.read('https://elsewhere.example/psp/paymentorders/x'), PaymentProviderError);
  });

  it('lists its orders on a text page for demos', async () => {
    const response = await fetch(`${sim.url}/sim/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await response.text();
    assert.match(text, /Swedbank Pay-simulatorn/);
    for (const view of sim.orders()) assert.ok(text.includes(view.id));
  });
});

describe('Swedbank Pay: expiry', () => {
  let sim: SwedbankPaySimulator;
  let merchant: Merchant;
  let provider: SwedbankPayProvider;
  let clock = Date.parse('2026-03-01T10:00:00Z');

  before(async () => {
    [sim, merchant] = await Promise.all([startSwedbankPaySimulator({ expireAfterMs: 20 * 60_000, now: () => clock }), startMerchant()]);
    provider = new SwedbankPayProvider({ baseUrl: sim.url, token: sim.token, payeeId: sim.payeeId });
  });
  after(async () => {
    await Promise.all([sim.close(), merchant.close()]);
  });

  it('reads an order nobody paid in time as timedOut, a declined one as declined, and closes its page', async () => {
    const untouched = await provider.start(paymentOrder(merchant));
    const declined = await provider.start(paymentOrder(merchant));
    assert.equal(sim.pay(declined.providerRef, 'decline'), 'declined');
    clock += 20 * 60_000;

    const late = await provider.read(untouched.providerRef);
    assert.equal(late.state, 'timedOut');
    assert.equal(late.errorCode, 'paymentorderexpired');
    const gaveUp = await provider.read(declined.providerRef);
    assert.equal(gaveUp.state, 'declined');
    assert.equal(gaveUp.errorCode, 'carddeclined');

    const page = await (await fetch(untouched.redirectUrl!)).text();
    assert.match(page, /tiden för den har gått ut/);
    assert.ok(!page.includes('value="approve"'));
    assert.equal(sim.pay(untouched.providerRef, 'approve'), 'closed');
    await provider.abort(untouched.providerRef);
    await sim.idle();
    // The expiry is told like any other change: decline + expiry for one, expiry for the other.
    assert.equal(merchant.callbacksFor(untouched.providerRef).length, 1);
    assert.equal(merchant.callbacksFor(declined.providerRef).length, 2);
  });
});
