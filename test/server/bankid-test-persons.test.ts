import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OrderState, SessionState, StartLoginResponse } from '../../src/contract/eid.js';
import { PrefillResponse } from '../../src/contract/prefill.js';
import { parsePersonnummer } from '../../src/forms/swedish.js';
import { BankIdClient } from '../../server/eid/bankid-client.js';
import { BankIdSimulator, TEST_PERSONS, type SimPerson } from '../../server/eid/simulator/index.js';
import { FIXTURE_PERSONS } from '../../server/registry/fixture.js';
import { startTestBackend, type TestBackend } from '../support/backend.js';

/**
 * The demo's test persons as a tester meets them: the simulator's test app (its control API, which
 * the page at /sim/ calls) lists them and approves a login as one of them; the reference backend
 * then knows the person from the population-register fixture.
 */
describe('the BankID test persons on the demo', () => {
  let clock = Date.parse('2026-03-02T09:00:00Z');
  let sim: BankIdSimulator;
  let client: BankIdClient;
  let backend: TestBackend;
  let admin: string;

  before(async () => {
    // As npm start runs it: the default test persons, with the test app's control API.
    sim = await BankIdSimulator.start({ now: () => clock, adminPort: 0 });
    admin = sim.adminUrl!;
    client = new BankIdClient(sim.clientOptions());
    backend = await startTestBackend({ app: { now: () => new Date(clock), bankId: client } });
  });
  after(async () => {
    await backend.close();
    client.close();
    await sim.close();
  });

  /** What the test app page does when the tester presses "Godkänn som …". */
  async function testApp(orderRef: string, action: 'scan' | 'approve', personalNumber: string) {
    const response = await fetch(`${admin}/sim/orders/${orderRef}/${action}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personalNumber }),
    });
    assert.equal(response.status, 200, await response.clone().text());
  }

  it('include someone with a samordningsnummer: Tomasz Nowak, as in the register', async () => {
    const listed = (await (await fetch(`${admin}/sim/persons`)).json()) as SimPerson[];
    const coordination = listed.filter((person) => {
      const parsed = parsePersonnummer(person.personalNumber);
      return parsed.ok && parsed.samordningsnummer;
    });
    assert.deepEqual(coordination.map((person) => [person.name, person.personalNumber]), [['Tomasz Nowak', '199003657195']]);
    const registered = FIXTURE_PERSONS.find((person) => person.personalNumber === '199003657195');
    assert.equal(registered?.name, 'Tomasz Nowak');
    assert.equal(registered?.samordningsnummer, true);
    assert.equal(registered?.address, undefined, 'not folkbokförd: no address');
    // Every test person is someone the register knows, so each can log in and be prefilled.
    for (const person of TEST_PERSONS) assert.ok(FIXTURE_PERSONS.some((known) => known.personalNumber === person.personalNumber), person.name);
  });

  it('lets Tomasz log in through the test app, and gives him his register details with no address', async () => {
    const cookies = new Map<string, string>();
    const send = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const response = await backend.app.inject({
        method, url,
        headers: {
          ...(method === 'POST' ? { 'x-requested-with': 'e-service-kit', 'content-type': 'application/json' } : {}),
          cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        },
        ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
      });
      for (const set of response.cookies as { name: string; value: string }[]) cookies.set(set.name, set.value);
      return response;
    };

    const started = await send('POST', '/api/eid/login', { method: 'otherDevice' });
    assert.equal(started.statusCode, 200, started.body);
    const { orderRef } = started.json<StartLoginResponse>();
    await testApp(orderRef, 'scan', '199003657195');
    await testApp(orderRef, 'approve', '199003657195');
    clock += 2000;
    const done = (await send('GET', `/api/eid/orders/${orderRef}`)).json<OrderState>();
    assert.equal(done.status, 'complete');
    assert.deepEqual(done.user, { name: 'Tomasz Nowak', givenName: 'Tomasz', surname: 'Nowak' });

    const session = (await send('GET', '/api/session')).json<SessionState>();
    assert.equal(session.authenticated, true);
    assert.equal(session.user?.name, 'Tomasz Nowak');

    // Bostadsanpassning prefills name, personnummer and address: Tomasz gets the first two.
    const response = await send('GET', '/api/services/bostadsanpassning/prefill');
    assert.equal(response.statusCode, 200, response.body);
    const prefill = PrefillResponse.parse(response.json());
    assert.deepEqual(prefill.person, { personalNumber: '199003657195', name: 'Tomasz Nowak', givenName: 'Tomasz', surname: 'Nowak' });
    assert.equal(prefill.protected, false);
    assert.deepEqual(prefill.children, []);
  });
});
