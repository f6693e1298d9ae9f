import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Draft } from '../../../src/contract/my-pages.js';
import type { OrderState, StartLoginResponse } from '../../../src/contract/eid.js';
import { BankIdClient } from '../../../server/eid/bankid-client.js';
import { BankIdSimulator, TEST_PERSONS, type SimPerson } from '../../../server/eid/simulator/index.js';
import { newKey, startTestBackend, type TestBackend, type TestBackendOptions } from '../../support/backend.js';

export const person = (given: string): SimPerson => TEST_PERSONS.find((candidate) => candidate.givenName === given)!;

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** A real backend with the in-process BankID simulator on a clock the test moves. */
export interface World {
  backend: TestBackend;
  sim: BankIdSimulator;
  clock: { now: number };
  /** A fresh browser (no cookies). */
  browser(): Browser;
  /** A fresh browser logged in as the person. */
  loggedIn(person: SimPerson): Promise<Browser>;
  close(): Promise<void>;
}

export async function startWorld(options: Omit<TestBackendOptions, 'app'> = {}, start = '2026-03-02T09:00:00Z'): Promise<World> {
  const clock = { now: Date.parse(start) };
  const sim = await BankIdSimulator.start({ now: () => clock.now, adminPort: null });
  const client = new BankIdClient(sim.clientOptions());
  const backend = await startTestBackend({ ...options, app: { now: () => new Date(clock.now), bankId: client } });
  const world: World = {
    backend, sim, clock,
    browser: () => new Browser(world),
    loggedIn: (who) => new Browser(world).logIn(who),
    async close() {
      await backend.close();
      client.close();
      await sim.close();
    },
  };
  return world;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One browser that logs in with BankID, keeps its cookies and sends the kit's header on changes. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly world: World) {}

  async send(method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const json = payload !== undefined && !Buffer.isBuffer(payload);
    const response = await this.world.backend.app.inject({
      method,
      url,
      headers: {
        ...(method === 'GET' ? {} : { 'x-requested-with': 'e-service-kit' }),
        ...(json ? { 'content-type': 'application/json' } : {}),
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

  async logIn(who: SimPerson): Promise<this> {
    const started = await this.send('POST', '/api/eid/login', { method: 'otherDevice' });
    assert.equal(started.statusCode, 200, started.body);
    const { orderRef } = started.json<StartLoginResponse>();
    this.world.sim.act(orderRef, { action: 'approve', personalNumber: who.personalNumber });
    this.world.clock.now += 2000;
    const done = await this.send('GET', `/api/eid/orders/${orderRef}`);
    assert.equal(done.json<OrderState>().status, 'complete');
    return this;
  }

  async createDraft(body: Record<string, unknown>): Promise<Draft> {
    const response = await this.send('POST', '/api/drafts', body);
    assert.equal(response.statusCode, 201, response.body);
    return response.json<Draft>();
  }

  submit(body: Record<string, unknown>, key = newKey()) {
    return this.send('POST', '/api/cases', body, { 'idempotency-key': key });
  }

  /** POST /api/attachments with one file; `query` e.g. `serviceId=x&fieldId=y` or `messageFor=<caseId>`. */
  upload(query: string, content: Buffer = PDF, fileName = 'intyg.pdf') {
    const boundary = `----esk${randomBytes(8).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.send('POST', `/api/attachments?${query}`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }
}
