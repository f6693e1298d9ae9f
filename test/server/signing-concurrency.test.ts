import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SubmitCaseResponse } from '../../src/contract/cases.js';
import type { SigningState, StartSigningResponse } from '../../src/contract/signing.js';
import { newKey } from '../support/backend.js';
import { type Browser, person, startWorld, type World } from './support/browser.js';
import { caseBody, testService } from './support/definitions.js';

/**
 * One Idempotency-Key, several requests at the same moment (a double click, a retry racing the
 * first request): one result. BankID cancels a person's order when a second one starts for them,
 * so two orders for one key would kill the signing; the key's row is claimed in the database, and
 * every request with the key waits for and returns the first one's order.
 */

const ANNA = person('Anna');
const ERIK = person('Erik');
const SIGNED = testService('samtidig-signering', { signing: 'sign', prefix: 'SAM' });
const PLAIN = testService('samtidigt-arende', { prefix: 'SAA' });
const AT_ONCE = 5;

describe('concurrent requests with one Idempotency-Key', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ extraDefinitions: [SIGNED, PLAIN] });
  });
  after(() => world.close());

  const casesOf = async (serviceId: string) =>
    Number((await world.backend.db.query<{ n: string }>('SELECT count(*) AS n FROM cases WHERE service_id = $1', [serviceId])).rows[0]!.n);

  const startAtOnce = (browser: Browser, key: string, method: 'sameDevice' | 'otherDevice' = 'otherDevice') =>
    Promise.all(Array.from({ length: AT_ONCE }, () =>
      browser.send('POST', '/api/signatures', { ...caseBody(SIGNED.id), method }, { 'idempotency-key': key })));

  for (let round = 1; round <= 5; round++) {
    it(`signing, round ${round}: ${AT_ONCE} starts at once get the same order, and the signing completes`, async () => {
      const anna = await world.loggedIn(ANNA);
      const before = await casesOf(SIGNED.id);
      const responses = await startAtOnce(anna, newKey(), round % 2 ? 'otherDevice' : 'sameDevice');
      for (const response of responses) assert.ok([200, 201].includes(response.statusCode), response.body);
      assert.equal(responses.filter((response) => response.statusCode === 201).length, 1, 'one of them started it');
      const refs = new Set(responses.map((response) => response.json<StartSigningResponse>().orderRef));
      assert.equal(refs.size, 1, `one orderRef: ${[...refs].join(', ')}`);
      const [orderRef] = refs;
      const started = await world.backend.db.query('SELECT order_ref FROM bankid_orders WHERE kind = $1 AND started_at = $2', ['sign', new Date(world.clock.now)]);
      assert.equal(started.rows.length, 1, 'one BankID order was started');

      world.sim.act(orderRef!, { action: 'approve', personalNumber: ANNA.personalNumber });
      world.clock.now += 2000;
      const polled = await anna.send('GET', `/api/signatures/${orderRef}`);
      const state = polled.json<SigningState>();
      assert.equal(state.status, 'complete', polled.body);
      assert.equal(await casesOf(SIGNED.id), before + 1);

      // The same key again, at once, once signed: the same case.
      const again = await startAtOnce(anna, (await keyOf(orderRef!)));
      for (const response of again) {
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json<StartSigningResponse>().result?.receipt.caseId, state.result!.receipt.caseId);
      }
      assert.equal(await casesOf(SIGNED.id), before + 1);
      world.clock.now += 60_000;
    });
  }

  const keyOf = async (orderRef: string) =>
    (await world.backend.db.query<{ idempotency_key: string }>('SELECT idempotency_key FROM signings WHERE order_ref = $1', [orderRef])).rows[0]!.idempotency_key;

  it('the same key from two people is two signings: a key is the person’s own', async () => {
    const [anna, erik] = await Promise.all([world.loggedIn(ANNA), world.loggedIn(ERIK)]);
    const key = newKey();
    const [a, e] = await Promise.all([
      anna.send('POST', '/api/signatures', { ...caseBody(SIGNED.id), method: 'otherDevice' }, { 'idempotency-key': key }),
      erik.send('POST', '/api/signatures', { ...caseBody(SIGNED.id), method: 'otherDevice' }, { 'idempotency-key': key }),
    ]);
    assert.equal(a.statusCode, 201, a.body);
    assert.equal(e.statusCode, 201, e.body);
    assert.notEqual(a.json<StartSigningResponse>().orderRef, e.json<StartSigningResponse>().orderRef);
    for (const [browser, response] of [[anna, a], [erik, e]] as const) {
      await browser.send('DELETE', `/api/signatures/${response.json<StartSigningResponse>().orderRef}`);
    }
  });

  it('another body with the key while the first is being started: one order, the other 422', async () => {
    const anna = await world.loggedIn(ANNA);
    const key = newKey();
    const responses = await Promise.all([
      anna.send('POST', '/api/signatures', { ...caseBody(SIGNED.id), method: 'otherDevice' }, { 'idempotency-key': key }),
      anna.send('POST', '/api/signatures', { ...caseBody(SIGNED.id, { skola: 'Annan skola' }), method: 'otherDevice' }, { 'idempotency-key': key }),
    ]);
    assert.deepEqual(responses.map((response) => response.statusCode).sort(), [201, 422], responses.map((r) => r.body).join('\n'));
    const made = responses.find((response) => response.statusCode === 201)!;
    await anna.send('DELETE', `/api/signatures/${made.json<StartSigningResponse>().orderRef}`);
  });

  it('cases: five submits at once with one key make one case, and all five get it', async () => {
    const anna = await world.loggedIn(ANNA);
    for (let round = 0; round < 5; round++) {
      const before = await casesOf(PLAIN.id);
      const key = newKey();
      const responses = await Promise.all(Array.from({ length: AT_ONCE }, () => anna.submit(caseBody(PLAIN.id), key)));
      for (const response of responses) assert.ok([200, 201].includes(response.statusCode), response.body);
      assert.equal(new Set(responses.map((response) => response.json<SubmitCaseResponse>().receipt.caseId)).size, 1);
      assert.equal(await casesOf(PLAIN.id), before + 1);
    }
  });
});
