import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { BankIdClient, type BankIdApi } from '../../server/eid/bankid-client.js';
import { BankIdOrders } from '../../server/eid/orders.js';
import { parseQrData, verifyQrAuthCode } from '../../server/eid/qr.js';
import { BankIdSimulator, TEST_PERSONS } from '../../server/eid/simulator/index.js';
import { openDatabase, type Database } from '../../server/store/database.js';
import { migrate } from '../../server/store/migrate.js';

const ANNA = TEST_PERSONS[0]!;

describe('BankID orders in the database', () => {
  let clock = Date.parse('2026-03-01T10:00:00Z');
  const now = () => clock;
  let sim: BankIdSimulator;
  let client: BankIdClient;
  let db: Database;
  let collects = 0;
  let counting: BankIdApi;

  before(async () => {
    const databaseUrl = process.env.DATABASE_URL;
    db = await openDatabase({ databaseUrl, dataDir: ':memory:', schema: databaseUrl ? `test_${randomBytes(6).toString('hex')}` : undefined });
    await migrate(db);
    sim = await BankIdSimulator.start({ now, adminPort: null });
    client = new BankIdClient(sim.clientOptions());
    counting = {
      auth: (request) => client.auth(request),
      sign: (request) => client.sign(request),
      collect: (orderRef) => {
        collects += 1;
        return client.collect(orderRef);
      },
      cancel: (orderRef) => client.cancel(orderRef),
    };
  });
  after(async () => {
    client.close();
    await sim.close();
    await db.close();
  });

  /** Two instances of the server: same database, each its own client wrapper. */
  const instances = () => [new BankIdOrders(db, counting, { now: () => new Date(clock) }), new BankIdOrders(db, counting, { now: () => new Date(clock) })] as const;

  it('asks BankID at most every 2 s per order, whichever instance is asked', async () => {
    const [one, two] = instances();
    const order = await one.startAuth({ endUserIp: '198.51.100.4' });
    collects = 0;
    assert.equal((await two.collect(order.orderRef))?.hintCode, 'outstandingTransaction');
    assert.equal(collects, 1);
    sim.act(order.orderRef, { action: 'scan', personalNumber: ANNA.personalNumber });
    clock += 1000;
    // Within two seconds both instances give the stored state.
    assert.equal((await one.collect(order.orderRef))?.hintCode, 'outstandingTransaction');
    assert.equal((await two.collect(order.orderRef))?.hintCode, 'outstandingTransaction');
    assert.equal(collects, 1);
    clock += 1000;
    assert.equal((await one.collect(order.orderRef))?.hintCode, 'userSign');
    assert.equal(collects, 2);
    // Many asking at once in the same instant: still one call.
    clock += 2000;
    sim.act(order.orderRef, { action: 'approve' });
    const states = await Promise.all([one.collect(order.orderRef), two.collect(order.orderRef), one.collect(order.orderRef)]);
    assert.equal(collects, 3);
    assert.ok(states.some((state) => state?.status === 'complete'));
    const done = await two.collect(order.orderRef);
    assert.equal(done?.status, 'complete');
    assert.equal(done?.completion?.user.personalNumber, ANNA.personalNumber);
    assert.ok(states.every((state) => state !== null));
    // A finished order is never collected again.
    clock += 10_000;
    assert.equal((await one.collect(order.orderRef))?.status, 'complete');
    assert.equal(collects, 3);
  });

  it('makes the QR string from the stored secret, new each second, and never hands out the secret', async () => {
    const [one, two] = instances();
    const started = await one.startAuth({ endUserIp: '198.51.100.4' });
    assert.equal(parseQrData(started.qrData)?.time, 0);
    const { rows } = await db.query<{ qr_start_secret: string }>('SELECT qr_start_secret FROM bankid_orders WHERE order_ref = $1', [started.orderRef]);
    const secret = rows[0]!.qr_start_secret;
    const seen: string[] = [];
    for (let second = 0; second < 4; second++) {
      const data = (await two.qrData(started.orderRef))!;
      const parsed = parseQrData(data)!;
      assert.equal(parsed.time, second);
      assert.ok(verifyQrAuthCode(secret, parsed.time, parsed.qrAuthCode));
      seen.push(data);
      clock += 1000;
    }
    assert.equal(new Set(seen).size, 4);
    // The simulator's app accepts the current code.
    sim.scanQr((await one.qrData(started.orderRef))!, ANNA.personalNumber);
    const state = await one.get(started.orderRef);
    assert.ok(!JSON.stringify(state).includes(secret));
    assert.ok(!JSON.stringify(started).includes(secret));
    await one.cancel(started.orderRef);
    assert.equal(await one.qrData(started.orderRef), null, 'no QR code once the order is over');
  });

  it('cancel marks the order cancelled and cancels it at BankID; collect then keeps the stored state', async () => {
    const [one, two] = instances();
    const order = await one.startSign({ endUserIp: '198.51.100.4', userVisibleData: 'Ansökan om bygglov' });
    assert.equal(await two.cancel(order.orderRef), true);
    assert.equal(await two.cancel(order.orderRef), false);
    assert.equal(sim.order(order.orderRef), null);
    collects = 0;
    assert.equal((await one.collect(order.orderRef))?.status, 'cancelled');
    assert.equal(collects, 0);
    assert.equal(await one.collect('no-such-order'), null);
  });

  it('stores failures with their hint code', async () => {
    const [one] = instances();
    const order = await one.startAuth({ endUserIp: '198.51.100.4' });
    clock += 2000;
    sim.act(order.orderRef, { action: 'userCancel' });
    const state = await one.collect(order.orderRef);
    assert.deepEqual([state?.status, state?.hintCode, state?.completion], ['failed', 'userCancel', null]);
  });
});
