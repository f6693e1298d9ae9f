import assert from 'node:assert/strict';
import { request } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { BankIdClientV6 } from 'bankid';
import { BankIdClient, BankIdError, CompletionData } from '../../server/eid/bankid-client.js';
import { qrDataAt } from '../../server/eid/qr.js';
import { BankIdSimulator, createPki, isValidPersonalNumber, SimulatorError, TEST_PERSONS } from '../../server/eid/simulator/index.js';

const pki = createPki(); // made once: key generation is the slow part
const ANNA = TEST_PERSONS[0]!;
const ERIK = TEST_PERSONS[1]!;

class FakeClock {
  constructor(public ms = Date.parse('2026-03-01T10:00:00Z')) {}
  now = () => this.ms;
  advance(ms: number) {
    this.ms += ms;
  }
}

/** A raw HTTPS POST, to see statuses and bodies exactly as they come over the wire. */
function rawPost(sim: BankIdSimulator, path: string, body: string, options: { contentType?: string; method?: string; withCert?: boolean } = {}) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = request(sim.baseUrl + path, {
      method: options.method ?? 'POST',
      ca: pki.caCert,
      ...(options.withCert === false ? {} : { pfx: pki.clientPfx, passphrase: pki.passphrase }),
      headers: { 'content-type': options.contentType ?? 'application/json' },
    }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the BankID simulator', () => {
  it('has test persons with valid personnummer, two of them sharing a surname as a couple', () => {
    assert.ok(TEST_PERSONS.length >= 4);
    for (const person of TEST_PERSONS) assert.ok(isValidPersonalNumber(person.personalNumber), person.personalNumber);
    assert.equal(new Set(TEST_PERSONS.map((person) => person.personalNumber)).size, TEST_PERSONS.length);
    assert.equal(ANNA.surname, ERIK.surname);
  });

  describe('with the third-party npm client "bankid"', () => {
    let sim: BankIdSimulator;
    before(async () => {
      sim = await BankIdSimulator.start({ pki });
    });
    after(() => sim.close());

    it('completes auth and collect', async () => {
      const client = new BankIdClientV6({ production: false, pfx: pki.clientPfx, passphrase: pki.passphrase, ca: Buffer.from(pki.caCert), qrEnabled: false, refreshInterval: 20 });
      // The library only knows BankID's own hosts; point its axios instance at the simulator.
      client.axios.defaults.baseURL = `${sim.baseUrl}/rp/v6.0/`;
      const order = await client.authenticate({ endUserIp: '203.0.113.7' });
      assert.match(order.orderRef, /^[0-9a-f-]{36}$/);
      assert.ok(order.autoStartToken && order.qrStartToken && order.qrStartSecret);

      const pending = await client.collect({ orderRef: order.orderRef });
      assert.equal(pending.status, 'pending');
      assert.equal(pending.hintCode, 'outstandingTransaction');

      sim.act(order.orderRef, { action: 'scan', personalNumber: ANNA.personalNumber });
      assert.equal((await client.collect({ orderRef: order.orderRef })).hintCode, 'userSign');
      sim.act(order.orderRef, { action: 'approve' });
      const done = await client.awaitPendingCollect(order.orderRef);
      assert.equal(done.status, 'complete');
      assert.equal(done.completionData?.user.personalNumber, ANNA.personalNumber);
      assert.equal(done.completionData?.user.name, 'Anna Andersson');
      assert.ok(done.completionData?.signature && done.completionData.ocspResponse);
    });

    it('signs, and surfaces alreadyInProgress as its own BankIdError', async () => {
      const client = new BankIdClientV6({ production: false, pfx: pki.clientPfx, passphrase: pki.passphrase, ca: Buffer.from(pki.caCert), qrEnabled: false });
      client.axios.defaults.baseURL = `${sim.baseUrl}/rp/v6.0/`;
      const order = await client.sign({ endUserIp: '203.0.113.7', userVisibleData: 'Jag ansöker om **förskoleplats**', userVisibleDataFormat: 'simpleMarkdownV1' });
      assert.equal(sim.order(order.orderRef)?.userVisibleText, 'Jag ansöker om **förskoleplats**');
      await client.authenticate({ endUserIp: '203.0.113.7', requirement: { personalNumber: ERIK.personalNumber, pinCode: false, mrtd: false } });
      await assert.rejects(
        client.authenticate({ endUserIp: '203.0.113.7', requirement: { personalNumber: ERIK.personalNumber, pinCode: false, mrtd: false } }),
        (error: Error & { code?: string }) => error.code === 'alreadyInProgress',
      );
    });
  });

  describe('with our client', () => {
    const clock = new FakeClock();
    let sim: BankIdSimulator;
    let client: BankIdClient;
    before(async () => {
      sim = await BankIdSimulator.start({ pki, now: clock.now });
      client = new BankIdClient(sim.clientOptions());
    });
    after(async () => {
      client.close();
      await sim.close();
    });

    it('auth → outstandingTransaction → scan → userSign → approve → complete', async () => {
      const order = await client.auth({ endUserIp: '198.51.100.4', requirement: { pinCode: true }, returnUrl: 'https://www.exempelby.se/e-tjanst#bankid' });
      assert.deepEqual(await client.collect(order.orderRef), { orderRef: order.orderRef, status: 'pending', hintCode: 'outstandingTransaction' });
      clock.advance(3000);
      // The app scans the QR code the relying party shows: the simulator checks its HMAC and time.
      sim.scanQr(qrDataAt({ ...order, startedAt: clock.ms - 3000 }, clock.ms), ANNA.personalNumber);
      assert.deepEqual(await client.collect(order.orderRef), { orderRef: order.orderRef, status: 'pending', hintCode: 'userSign' });
      sim.act(order.orderRef, { action: 'approve' });
      const done = await client.collect(order.orderRef);
      assert.equal(done.status, 'complete');
      assert.ok(done.status === 'complete');
      CompletionData.parse(done.completionData);
      assert.deepEqual(done.completionData.user, { personalNumber: ANNA.personalNumber, name: 'Anna Andersson', givenName: 'Anna', surname: 'Andersson' });
      assert.equal(done.completionData.bankIdIssueDate, ANNA.bankIdIssueDate);
      const xml = Buffer.from(done.completionData.signature, 'base64').toString('utf8');
      assert.match(xml, /^<\?xml[^>]*\?><Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">/);
      assert.match(xml, /<funcId>Identification<\/funcId>/);
      assert.match(xml, /<uauth>pin<\/uauth>/);
      const ocsp = Buffer.from(done.completionData.ocspResponse, 'base64');
      assert.equal(ocsp[0], 0x30, 'DER SEQUENCE');
      assert.ok(ocsp.includes(Buffer.from([0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01])), 'id-pkix-ocsp-basic');
      // A completed order can be collected again for a while, then it is gone.
      assert.equal((await client.collect(order.orderRef)).status, 'complete');
      clock.advance(181_000);
      await assert.rejects(client.collect(order.orderRef), (error: BankIdError) => error.errorCode === 'invalidParameters' && error.httpStatus === 400);
    });

    it('signs with the text base64-encoded as simpleMarkdownV1', async () => {
      const order = await client.sign({ endUserIp: '198.51.100.4', userVisibleData: '# Ansökan\nFörskoleplats för *Liv*' });
      assert.equal(sim.order(order.orderRef)?.userVisibleText, '# Ansökan\nFörskoleplats för *Liv*');
      sim.act(order.orderRef, { action: 'approve', personalNumber: ERIK.personalNumber });
      const done = await client.collect(order.orderRef);
      assert.ok(done.status === 'complete');
      assert.match(Buffer.from(done.completionData.signature, 'base64').toString('utf8'), /<funcId>Signing<\/funcId><\/?/);
    });

    it('cancel: the order is gone, and cannot be cancelled twice', async () => {
      const order = await client.auth({ endUserIp: '198.51.100.4' });
      await client.cancel(order.orderRef);
      await assert.rejects(client.collect(order.orderRef), (error: BankIdError) => error.errorCode === 'invalidParameters');
      await assert.rejects(client.cancel(order.orderRef), (error: BankIdError) => error.errorCode === 'invalidParameters');
    });

    it('userCancel, certificateErr and scripted startFailed fail the order with that hint', async () => {
      for (const action of ['userCancel', 'certificateErr', 'startFailed'] as const) {
        const order = await client.auth({ endUserIp: '198.51.100.4' });
        sim.act(order.orderRef, { action: 'scan', personalNumber: TEST_PERSONS[4]!.personalNumber });
        sim.act(order.orderRef, { action });
        assert.deepEqual(await client.collect(order.orderRef), { orderRef: order.orderRef, status: 'failed', hintCode: action });
        assert.throws(() => sim.act(order.orderRef, { action: 'approve' }), SimulatorError);
      }
    });

    it('an order nobody scans fails with startFailed after 30 s; a scanned one expires after 3 minutes', async () => {
      const unscanned = await client.auth({ endUserIp: '198.51.100.4' });
      const scanned = await client.auth({ endUserIp: '198.51.100.4' });
      sim.act(scanned.orderRef, { action: 'scan', personalNumber: TEST_PERSONS[2]!.personalNumber });
      clock.advance(29_000);
      assert.equal((await client.collect(unscanned.orderRef)).status, 'pending');
      clock.advance(1_000);
      assert.deepEqual(await client.collect(unscanned.orderRef), { orderRef: unscanned.orderRef, status: 'failed', hintCode: 'startFailed' });
      assert.equal((await client.collect(scanned.orderRef)).status, 'pending');
      clock.advance(150_000);
      assert.deepEqual(await client.collect(scanned.orderRef), { orderRef: scanned.orderRef, status: 'failed', hintCode: 'expiredTransaction' });
      const expired = await client.auth({ endUserIp: '198.51.100.4' });
      sim.act(expired.orderRef, { action: 'expire' });
      assert.equal((await client.collect(expired.orderRef)).status === 'failed' && 'expiredTransaction', 'expiredTransaction');
      clock.advance(301_000);
      await assert.rejects(client.collect(scanned.orderRef), (error: BankIdError) => error.errorCode === 'invalidParameters');
    });

    it('alreadyInProgress: a second order for the same personnummer aborts the first and makes none', async () => {
      const first = await client.auth({ endUserIp: '198.51.100.4', requirement: { personalNumber: ANNA.personalNumber } });
      await assert.rejects(
        client.auth({ endUserIp: '198.51.100.9', requirement: { personalNumber: ANNA.personalNumber } }),
        (error: BankIdError) => error instanceof BankIdError && error.errorCode === 'alreadyInProgress' && error.httpStatus === 400 && error.details.length > 0,
      );
      assert.deepEqual(await client.collect(first.orderRef), { orderRef: first.orderRef, status: 'failed', hintCode: 'cancelled' });
      // Only that person may pick up an order that names them.
      const forAnna = await client.auth({ endUserIp: '198.51.100.4', requirement: { personalNumber: ANNA.personalNumber } });
      assert.throws(() => sim.act(forAnna.orderRef, { action: 'scan', personalNumber: ERIK.personalNumber }), /only/);
      await client.cancel(forAnna.orderRef);
    });

    it('a person who picks up a second order cancels their first', async () => {
      const first = await client.auth({ endUserIp: '198.51.100.4' });
      const second = await client.auth({ endUserIp: '198.51.100.4' });
      sim.act(first.orderRef, { action: 'scan', personalNumber: ERIK.personalNumber });
      sim.act(second.orderRef, { action: 'scan', personalNumber: ERIK.personalNumber });
      assert.deepEqual(await client.collect(first.orderRef), { orderRef: first.orderRef, status: 'failed', hintCode: 'cancelled' });
      assert.equal((await client.collect(second.orderRef)).status, 'pending');
      await client.cancel(second.orderRef);
    });

    it('refuses a QR code with a wrong HMAC or from the wrong second', async () => {
      const order = await client.auth({ endUserIp: '198.51.100.4' });
      const forged = qrDataAt({ qrStartToken: order.qrStartToken, qrStartSecret: 'not-the-secret', startedAt: clock.ms }, clock.ms);
      assert.throws(() => sim.scanQr(forged, ANNA.personalNumber), /not signed/);
      const stale = qrDataAt({ ...order, startedAt: clock.ms }, clock.ms);
      clock.advance(10_000);
      assert.throws(() => sim.scanQr(stale, ANNA.personalNumber), /second 0/);
      await client.cancel(order.orderRef);
    });

    it('answers invalidParameters, like BankID, to bad input', async () => {
      await assert.rejects(client.auth({ endUserIp: 'not-an-ip' }), (error: BankIdError) => error.errorCode === 'invalidParameters' && /endUserIp/.test(error.details));
      await assert.rejects(client.auth({ endUserIp: '198.51.100.4', requirement: { personalNumber: '1980' } }), (error: BankIdError) => error.errorCode === 'invalidParameters');
      await assert.rejects(client.collect('no-such-order'), (error: BankIdError) => error.errorCode === 'invalidParameters');
      const noText = await rawPost(sim, '/rp/v6.0/sign', JSON.stringify({ endUserIp: '198.51.100.4' }));
      assert.deepEqual(noText, { status: 400, body: { errorCode: 'invalidParameters', details: 'Invalid userVisibleData' } });
    });

    it('speaks the wire protocol: 401 without a client certificate, 404, 405, 415 with a charset', async () => {
      const body = JSON.stringify({ endUserIp: '198.51.100.4' });
      assert.equal((await rawPost(sim, '/rp/v6.0/auth', body, { withCert: false })).status, 401);
      assert.deepEqual((await rawPost(sim, '/rp/v6.0/auth', body, { withCert: false })).body, { errorCode: 'unauthorized', details: 'RP does not have access to the service: no valid client certificate' });
      assert.equal(((await rawPost(sim, '/rp/v5.1/auth', body)).body as { errorCode: string }).errorCode, 'notFound');
      assert.deepEqual((await rawPost(sim, '/rp/v6.0/auth', '', { method: 'GET' })).status, 405);
      const charset = await rawPost(sim, '/rp/v6.0/auth', body, { contentType: 'application/json; charset=utf-8' });
      assert.equal(charset.status, 415);
      assert.equal((charset.body as { errorCode: string }).errorCode, 'unsupportedMediaType');
      assert.equal((await rawPost(sim, '/rp/v6.0/auth', '{oops')).status, 400);
    });

    it('does not trust a server certificate from another CA', async () => {
      const other = new BankIdClient({ ...sim.clientOptions(), ca: createPki().caCert });
      await assert.rejects(other.auth({ endUserIp: '198.51.100.4' }), { name: 'BankIdConnectionError' });
      other.close();
    });

    it('is driven over its admin HTTP API too', async () => {
      const order = await client.auth({ endUserIp: '198.51.100.4' });
      const admin = sim.adminUrl!;
      const persons = (await (await fetch(`${admin}/sim/persons`)).json()) as Array<{ personalNumber: string }>;
      assert.equal(persons.length, TEST_PERSONS.length);
      const pending = (await (await fetch(`${admin}/sim/orders`)).json()) as Array<{ orderRef: string; hintCode: string }>;
      assert.ok(pending.some((item) => item.orderRef === order.orderRef && item.hintCode === 'outstandingTransaction'));
      const post = (path: string, body: unknown) => fetch(admin + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal((await post(`/sim/orders/${order.orderRef}/scan`, {})).status, 409, 'a person is needed');
      assert.equal((await post(`/sim/orders/${order.orderRef}/scan`, { personalNumber: ERIK.personalNumber })).status, 200);
      const approved = await post(`/sim/orders/${order.orderRef}/approve`, {});
      assert.equal(((await approved.json()) as { status: string }).status, 'complete');
      assert.equal((await post('/sim/orders/nope/approve', {})).status, 404);
      assert.equal((await fetch(`${admin}/sim/orders/${order.orderRef}/approve`, { method: 'POST', body: '{}' })).status, 415);
      const done = await client.collect(order.orderRef);
      assert.ok(done.status === 'complete' && done.completionData.user.personalNumber === ERIK.personalNumber);
    });
  });
});
