import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OrderState, SessionState, StartLoginResponse } from '../../src/contract/eid.js';
import { BankIdClient, type BankIdApi } from '../../server/eid/bankid-client.js';
import { parseQrData } from '../../server/eid/qr.js';
import { BankIdSimulator, TEST_PERSONS, type SimPerson } from '../../server/eid/simulator/index.js';
import { ConfigError, readConfig } from '../../server/config.js';
import { connectBankId } from '../../server/sessions/index.js';
import { KIT_HEADERS, startTestBackend, type TestBackend } from '../support/backend.js';

const ANNA = TEST_PERSONS[0]!;
const ERIK = TEST_PERSONS[1]!;
const MINUTE = 60_000;

interface InjectedCookie {
  name: string;
  value: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: string;
  path?: string;
  maxAge?: number;
  expires?: Date;
}

describe('logging in with BankID and the session', () => {
  let clock = Date.parse('2026-03-02T09:00:00Z');
  let sim: BankIdSimulator;
  let client: BankIdClient;
  let backend: TestBackend;
  /** When set, every auth order requires this person (so BankID can say alreadyInProgress). */
  let pinnedPerson: string | undefined;

  before(async () => {
    sim = await BankIdSimulator.start({ now: () => clock, adminPort: null });
    client = new BankIdClient(sim.clientOptions());
    const bankId: BankIdApi = {
      auth: (request) => client.auth(pinnedPerson ? { ...request, requirement: { personalNumber: pinnedPerson } } : request),
      sign: (request) => client.sign(request),
      collect: (orderRef) => client.collect(orderRef),
      cancel: (orderRef) => client.cancel(orderRef),
    };
    backend = await startTestBackend({
      app: { now: () => new Date(clock), bankId },
      config: { sessions: { idleMinutes: 20, maxHours: 8 } },
    });
  });
  after(async () => {
    await backend.close();
    client.close();
    await sim.close();
  });

  /** One browser: keeps its cookies, sends the kit's header on state-changing requests. */
  class Browser {
    readonly cookies = new Map<string, string>();
    lastSetCookies: InjectedCookie[] = [];

    async send(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) {
      const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await backend.app.inject({
        method,
        url,
        headers: {
          ...(method === 'GET' ? {} : { 'x-requested-with': 'e-service-kit' }),
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
        ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
      });
      this.lastSetCookies = response.cookies as InjectedCookie[];
      for (const set of this.lastSetCookies) {
        const gone = set.value === '' || set.maxAge === 0 || (set.expires !== undefined && set.expires.getTime() <= Date.now());
        if (gone) this.cookies.delete(set.name);
        else this.cookies.set(set.name, set.value);
      }
      return response;
    }

    async start(method: 'sameDevice' | 'otherDevice' = 'otherDevice'): Promise<StartLoginResponse> {
      const response = await this.send('POST', '/api/eid/login', { method });
      assert.equal(response.statusCode, 200, response.body);
      return response.json<StartLoginResponse>();
    }

    async poll(orderRef: string): Promise<OrderState> {
      const response = await this.send('GET', `/api/eid/orders/${orderRef}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<OrderState>();
    }

    async session(): Promise<SessionState> {
      const response = await this.send('GET', '/api/session');
      assert.equal(response.statusCode, 200);
      return response.json<SessionState>();
    }

    async logIn(person: SimPerson): Promise<void> {
      const { orderRef } = await this.start();
      sim.act(orderRef, { action: 'approve', personalNumber: person.personalNumber });
      clock += 2000;
      assert.equal((await this.poll(orderRef)).status, 'complete');
    }
  }

  const sessionRows = async () => {
    const { rows } = await backend.db.query<{ count: string | number }>('SELECT count(*) AS count FROM sessions');
    return Number(rows[0]!.count);
  };

  it('logs in on another device: a QR code new each second, then approve, the cookie and the session', async () => {
    const browser = new Browser();
    const started = await browser.start('otherDevice');
    assert.equal(started.autoStartToken, undefined);
    const binding = browser.lastSetCookies.find((cookie) => cookie.name === 'esk_eid');
    assert.ok(binding?.httpOnly, 'the order is bound to this browser by an HttpOnly cookie');

    const seen: string[] = [];
    for (let second = 0; second < 3; second++) {
      const state = await browser.poll(started.orderRef);
      assert.equal(state.status, 'pending');
      assert.equal(state.hintCode, 'outstandingTransaction');
      assert.equal(parseQrData(state.qrData!)?.time, second);
      seen.push(state.qrData!);
      clock += 1000;
    }
    assert.equal(new Set(seen).size, 3);
    // The BankID app scans the current code (the simulator checks its HMAC and time).
    sim.scanQr((await browser.poll(started.orderRef)).qrData!, ANNA.personalNumber);
    clock += 2000;
    assert.equal((await browser.poll(started.orderRef)).hintCode, 'userSign');

    sim.act(started.orderRef, { action: 'approve' });
    clock += 2000;
    const response = await browser.send('GET', `/api/eid/orders/${started.orderRef}`);
    const done = response.json<OrderState>();
    assert.deepEqual(done, { status: 'complete', user: { name: ANNA.name, givenName: ANNA.givenName, surname: ANNA.surname } });
    assert.ok(!response.body.includes(ANNA.personalNumber), 'the personnummer is not sent to the browser');
    const raw = String(response.headers['set-cookie']);
    assert.match(raw, /^esk_session=[A-Za-z0-9_-]{43};/);
    assert.match(raw, /HttpOnly/);
    assert.match(raw, /SameSite=Lax/);
    assert.match(raw, /Path=\/api/);
    assert.doesNotMatch(raw, /Secure/, 'plain http://localhost (the demo) gets no Secure flag');

    const session = await browser.session();
    assert.equal(session.authenticated, true);
    assert.equal(session.user?.name, ANNA.name);
    assert.equal(session.idleExpiresAt, new Date(clock + 20 * MINUTE).toISOString());
    assert.equal(session.absoluteExpiresAt, new Date(clock + 8 * 60 * MINUTE).toISOString());

    // Polling the finished order again reports it but makes no second session.
    const before = await sessionRows();
    assert.equal((await browser.poll(started.orderRef)).status, 'complete');
    assert.equal(browser.lastSetCookies.length, 0);
    assert.equal(await sessionRows(), before);
  });

  it('logs in on this device with the autostart token, and sets Secure cookies off localhost', async () => {
    const browser = new Browser();
    const response = await browser.send('POST', '/api/eid/login', { method: 'sameDevice' }, { host: 'e-tjanster.exempelby.se' });
    assert.equal(response.statusCode, 200);
    const started = response.json<StartLoginResponse>();
    assert.ok(started.autoStartToken);
    assert.equal(browser.lastSetCookies.find((cookie) => cookie.name === 'esk_eid')?.secure, true);
    const pending = await browser.poll(started.orderRef);
    assert.equal(pending.status, 'pending');
    assert.equal(pending.qrData, undefined, 'no QR code on this device');
    sim.openWithAutoStartToken(started.autoStartToken, ERIK.personalNumber);
    sim.act(started.orderRef, { action: 'approve' });
    clock += 2000;
    const done = await browser.send('GET', `/api/eid/orders/${started.orderRef}`, undefined, { host: 'e-tjanster.exempelby.se' });
    assert.equal(done.json<OrderState>().user?.name, ERIK.name);
    const cookie = browser.lastSetCookies.find((set) => set.name === 'esk_session');
    assert.deepEqual([cookie?.httpOnly, cookie?.secure, cookie?.sameSite, cookie?.path], [true, true, 'Lax', '/api']);
  });

  it('logs out: the session row is gone and the old cookie is refused', async () => {
    const browser = new Browser();
    await browser.logIn(ANNA);
    const stolen = browser.cookies.get('esk_session')!;
    const rows = await sessionRows();
    const response = await browser.send('DELETE', '/api/session');
    assert.equal(response.statusCode, 204);
    assert.equal(browser.cookies.has('esk_session'), false, 'the cookie is cleared');
    assert.equal(await sessionRows(), rows - 1);
    assert.deepEqual(await browser.session(), { authenticated: false });

    const other = new Browser();
    other.cookies.set('esk_session', stolen);
    assert.deepEqual(await other.session(), { authenticated: false });
    assert.equal((await other.send('POST', '/api/session/refresh')).statusCode, 401);
  });

  it('ends a session after 20 idle minutes; reading it does not count as activity', async () => {
    const browser = new Browser();
    await browser.logIn(ERIK);
    const first = await browser.session();
    clock += 19 * MINUTE;
    const later = await browser.session();
    assert.equal(later.authenticated, true);
    assert.equal(later.idleExpiresAt, first.idleExpiresAt);
    const rows = await sessionRows();
    clock += MINUTE;
    assert.deepEqual(await browser.session(), { authenticated: false });
    assert.equal(await sessionRows(), rows - 1, 'the expired session is deleted');
    assert.equal(browser.cookies.has('esk_session'), false);
  });

  it('refresh slides the idle expiry, never past the absolute limit of 8 hours', async () => {
    const browser = new Browser();
    await browser.logIn(ANNA);
    const start = clock;
    clock += 15 * MINUTE;
    const refreshed = await browser.send('POST', '/api/session/refresh');
    assert.equal(refreshed.statusCode, 200);
    assert.equal(refreshed.json<SessionState>().idleExpiresAt, new Date(start + 35 * MINUTE).toISOString());
    clock += 19 * MINUTE;
    assert.equal((await browser.session()).authenticated, true, 'alive 34 minutes after login');
    assert.equal((await browser.send('POST', '/api/session/refresh')).statusCode, 200);

    // Keep active until close to the absolute limit.
    while (clock + 15 * MINUTE < start + 8 * 60 * MINUTE) {
      clock += 15 * MINUTE;
      assert.equal((await browser.send('POST', '/api/session/refresh')).statusCode, 200);
    }
    const last = (await browser.send('POST', '/api/session/refresh')).json<SessionState>();
    assert.equal(last.idleExpiresAt, new Date(start + 8 * 60 * MINUTE).toISOString());
    assert.equal(last.absoluteExpiresAt, last.idleExpiresAt);
    clock = start + 8 * 60 * MINUTE;
    assert.deepEqual(await browser.session(), { authenticated: false });
    assert.equal((await browser.send('POST', '/api/session/refresh')).statusCode, 401);
  });

  it('refuses another browser that polls or cancels someone else’s order (404)', async () => {
    const alice = new Browser();
    const { orderRef } = await alice.start();
    const mallory = new Browser();
    assert.equal((await mallory.send('GET', `/api/eid/orders/${orderRef}`)).statusCode, 404);
    await mallory.start();
    assert.ok(mallory.cookies.has('esk_eid'));
    const stolen = await mallory.send('GET', `/api/eid/orders/${orderRef}`);
    assert.equal(stolen.statusCode, 404);
    assert.match(String(stolen.headers['content-type']), /^application\/problem\+json/);
    assert.equal((await mallory.send('DELETE', `/api/eid/orders/${orderRef}`)).statusCode, 404);
    // Approved by Anna: still only Alice's browser gets the session.
    sim.act(orderRef, { action: 'approve', personalNumber: ANNA.personalNumber });
    clock += 2000;
    assert.equal((await mallory.send('GET', `/api/eid/orders/${orderRef}`)).statusCode, 404);
    assert.equal((await mallory.session()).authenticated, false);
    assert.equal((await alice.poll(orderRef)).status, 'complete');
    assert.equal((await alice.session()).user?.name, ANNA.name);
  });

  it('cancels an order', async () => {
    const browser = new Browser();
    const { orderRef } = await browser.start();
    assert.equal((await browser.send('DELETE', `/api/eid/orders/${orderRef}`)).statusCode, 204);
    assert.equal(sim.order(orderRef), null, 'cancelled at BankID too');
    assert.deepEqual(await browser.poll(orderRef), { status: 'failed', hintCode: 'cancelled' });
    assert.equal((await browser.send('DELETE', `/api/eid/orders/${orderRef}`)).statusCode, 204, 'cancelling twice does no harm');
  });

  it('reports userCancel as failed with its hint code', async () => {
    const browser = new Browser();
    const { orderRef } = await browser.start();
    sim.act(orderRef, { action: 'userCancel' });
    clock += 2000;
    assert.deepEqual(await browser.poll(orderRef), { status: 'failed', hintCode: 'userCancel' });
    assert.equal((await browser.session()).authenticated, false);
  });

  it('answers alreadyInProgress with 409 and BankID’s errorCode', async () => {
    const browser = new Browser();
    pinnedPerson = ANNA.personalNumber;
    try {
      const first = await browser.start();
      const response = await browser.send('POST', '/api/eid/login', { method: 'otherDevice' });
      assert.equal(response.statusCode, 409);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      const body = response.json<{ status: number; errorCode: string; detail: string }>();
      assert.equal(body.errorCode, 'alreadyInProgress');
      assert.equal(body.status, 409);
      // As BankID does: the order already in progress is cancelled.
      clock += 2000;
      assert.deepEqual(await browser.poll(first.orderRef), { status: 'failed', hintCode: 'cancelled' });
    } finally {
      pinnedPerson = undefined;
    }
  });

  it('refuses the session cookie on a state-changing request without X-Requested-With or from another origin', async () => {
    const browser = new Browser();
    await browser.logIn(ERIK);
    const cookie = `esk_session=${browser.cookies.get('esk_session')}`;
    const noHeader = await backend.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
    assert.equal(noHeader.statusCode, 403);
    assert.equal(noHeader.json<{ type: string }>().type, '/problems/client-header-missing');
    const refresh = await backend.app.inject({ method: 'POST', url: '/api/session/refresh', headers: { cookie } });
    assert.equal(refresh.statusCode, 403);
    const otherSite = await backend.app.inject({
      method: 'DELETE', url: '/api/session', headers: { cookie, 'x-requested-with': 'e-service-kit', origin: 'https://evil.example' },
    });
    assert.equal(otherSite.statusCode, 403);
    assert.equal((await browser.session()).authenticated, true, 'still logged in');
  });

  it('writes no personnummer to the log', () => {
    const log = backend.logs.join('\n');
    assert.ok(log.includes('logged in with BankID'), 'logins are logged');
    for (const person of TEST_PERSONS) {
      assert.ok(!log.includes(person.personalNumber), `${person.name}'s personnummer is in the log`);
      assert.ok(!log.includes(person.personalNumber.slice(2)), `${person.name}'s personnummer (10 digits) is in the log`);
    }
  });
});

describe('BankID and session settings', () => {
  it('uses the simulator by default, started on first use, and 20 minutes idle / 8 hours at most', async () => {
    const config = readConfig({});
    assert.deepEqual(config.bankId, {});
    assert.deepEqual(config.sessions, { idleMinutes: 20, maxHours: 8 });
    const backend = await startTestBackend();
    try {
      const response = await backend.app.inject({
        method: 'POST', url: '/api/eid/login', payload: JSON.stringify({ method: 'sameDevice' }), headers: KIT_HEADERS,
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.ok(response.json<StartLoginResponse>().autoStartToken);
    } finally {
      await backend.close();
    }
  });

  it('reads BANKID_* and SESSION_* and names what is wrong', () => {
    const config = readConfig({
      BANKID_URL: 'https://appapi2.test.bankid.com/', BANKID_PFX_PATH: '/etc/esk/rp.p12', BANKID_PASSPHRASE: 'qwerty123', BANKID_CA_PATH: '/etc/esk/ca.pem',
      SESSION_IDLE_MINUTES: '15', SESSION_MAX_HOURS: '4',
    });
    assert.deepEqual(config.bankId, { url: 'https://appapi2.test.bankid.com', pfxPath: '/etc/esk/rp.p12', passphrase: 'qwerty123', caPath: '/etc/esk/ca.pem' });
    assert.deepEqual(config.sessions, { idleMinutes: 15, maxHours: 4 });
    assert.throws(() => readConfig({ BANKID_URL: 'http://appapi2.test.bankid.com', BANKID_PFX_PATH: 'a', BANKID_CA_PATH: 'b' }), /BANKID_URL must use https/);
    assert.throws(() => readConfig({ BANKID_URL: 'appapi2.test.bankid.com' }), /BANKID_URL must be a URL/);
    assert.throws(() => readConfig({ BANKID_URL: 'https://appapi2.test.bankid.com', BANKID_CA_PATH: 'b' }), /BANKID_PFX_PATH must name/);
    assert.throws(() => readConfig({ BANKID_URL: 'https://appapi2.test.bankid.com', BANKID_PFX_PATH: 'a' }), /BANKID_CA_PATH must name/);
    assert.throws(() => readConfig({ BANKID_PFX_PATH: 'a' }), (error: Error) => error instanceof ConfigError && /BANKID_URL is not/.test(error.message));
    assert.throws(() => readConfig({ SESSION_IDLE_MINUTES: 'tjugo' }), /SESSION_IDLE_MINUTES must be a whole number of at least 1, not "tjugo"/);
    assert.throws(() => readConfig({ SESSION_MAX_HOURS: '0' }), /SESSION_MAX_HOURS/);
    assert.throws(() => readConfig({ SESSION_IDLE_MINUTES: '600', SESSION_MAX_HOURS: '8' }), /must not be longer than SESSION_MAX_HOURS/);
  });

  it('says which BankID certificate file it cannot read', async () => {
    const config = readConfig({ BANKID_URL: 'https://appapi2.test.bankid.com', BANKID_PFX_PATH: '/no/such/rp.p12', BANKID_CA_PATH: '/no/such/ca.pem' });
    await assert.rejects(connectBankId(config.bankId), (error: Error) => error instanceof ConfigError && /BANKID_PFX_PATH: cannot read "\/no\/such\/rp.p12" \(ENOENT\)/.test(error.message));
  });
});
