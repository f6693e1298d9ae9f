import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { testPostgres, type TestPostgres } from '../support/postgres.js';

const root = new URL('../..', import.meta.url).pathname;
const TOKEN = 'officer-token-of-exempelby-for-two-instances-0123';
const SECRET = 'a-webhook-secret-of-exempelby-0123456789';
const ANNA = '198001012387';
const KIT = { 'content-type': 'application/json', 'x-requested-with': 'e-service-kit' };

/** The cookies a response sets, as a Cookie header adds them to those given. */
function withCookies(cookies: Map<string, string>, response: Response): Map<string, string> {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = pair!.split('=');
    cookies.set(name!.trim(), value ?? '');
  }
  return cookies;
}
const cookieHeader = (cookies: Map<string, string>) => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');

/**
 * A county's set-up: two server instances on one PostgreSQL, one BankID simulator as a process of its
 * own (npm run bankid-simulator) that both talk to, as they would to BankID. Whatever a citizen starts on
 * one instance a load balancer may send to the other; the outbox's workers run on both.
 */
describe('two server instances on one PostgreSQL', () => {
  let database: TestPostgres;
  let simulator: ChildProcess;
  let simulatorDir: string;
  let admin: string;
  let hook: Server;
  const posted: string[] = [];
  let a: RunningServer;
  let b: RunningServer;
  let env: Record<string, string>;

  before(async () => {
    database = await testPostgres();
    simulatorDir = mkdtempSync(join(tmpdir(), 'esk-bankid-'));
    simulator = spawn(process.execPath, ['--import', 'tsx', 'server/eid/simulator/main.ts'], {
      cwd: root, env: { ...process.env, BANKID_SIMULATOR_DIR: simulatorDir }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    simulator.stdout!.on('data', (chunk) => (printed += chunk));
    simulator.stderr!.on('data', (chunk) => (printed += chunk));
    for (let waited = 0; !/Play the BankID app at/.test(printed); waited += 100) {
      if (waited > 30_000) throw new Error(`the simulator did not start:\n${printed}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const settings = Object.fromEntries([...printed.matchAll(/(BANKID_\w+)=(\S+)/g)].map((match) => [match[1]!, match[2]!]));
    admin = /Play the BankID app at (http:\/\/\S+?)\/sim\//.exec(printed)![1]!;

    hook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        posted.push((JSON.parse(body) as { caseId: string }).caseId);
        response.statusCode = 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    env = {
      DATABASE_URL: database.url, DATABASE_POOL_SIZE: '5', ...settings,
      // The citizens all come from this one address here.
      RATE_LIMIT_CASES_PER_MINUTE: '1000',
      OFFICER_TOKENS: `exempelby:${TOKEN}`,
      WEBHOOKS: `exempelby=http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, WEBHOOK_SECRET_EXEMPELBY: SECRET,
    };
    // Both start at once on the fresh database: their migrations meet.
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    simulator?.kill();
    hook?.close();
    await database?.stop();
    rmSync(simulatorDir, { recursive: true, force: true });
  });

  /** Sends a case with its key; the case's id. */
  async function sendCase(instance: RunningServer, key: string, body: object): Promise<string> {
    const response = await fetch(`${instance.url}/api/cases`, { method: 'POST', headers: { ...KIT, 'idempotency-key': key }, body: JSON.stringify(body) });
    const answer = await response.json() as { receipt?: { caseId: string } };
    assert.ok(answer.receipt, `${response.status}: ${JSON.stringify(answer)}`);
    return answer.receipt.caseId;
  }

  /** Waits for a webhook for each case and a receipt to each address, then checks that none came twice. */
  async function allToldOnce(caseIds: Set<string>, addresses: string[]): Promise<void> {
    const outboxes = async () => (await Promise.all([a, b].map(async (instance) => (await fetch(`${instance.url}/dev/outbox`)).text()))).join('\n');
    const done = async () => {
      const pages = await outboxes();
      return [...caseIds].every((id) => posted.includes(id)) && addresses.every((address) => pages.includes(`<dd>${address}</dd>`));
    };
    // A dead instance's claims run out after 30 s: what it held is sent by the others then.
    for (let waited = 0; !(await done()); waited += 250) {
      if (waited > 60_000) assert.fail(`not every webhook and receipt within 60 s (${[...caseIds].filter((id) => posted.includes(id)).length} of ${caseIds.size} webhooks)`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const id of caseIds) assert.equal(posted.filter((one) => one === id).length, 1, `one webhook for ${id}`);
    const pages = await outboxes();
    for (const address of addresses) assert.equal(pages.split(`<dd>${address}</dd>`).length - 1, 1, `one receipt to ${address}`);
  }

  it('completes on one instance a BankID login started on the other, and the session holds on both', async () => {
    const cookies = new Map<string, string>();
    const started = await fetch(`${a.url}/api/eid/login`, { method: 'POST', headers: KIT, body: JSON.stringify({ method: 'otherDevice' }) });
    assert.equal(started.status, 200);
    withCookies(cookies, started);
    const { orderRef } = await started.json() as { orderRef: string };
    const approved = await fetch(`${admin}/sim/orders/${orderRef}/approve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personalNumber: ANNA }) });
    assert.equal(approved.status, 200, await approved.text());
    const collected = await fetch(`${b.url}/api/eid/orders/${orderRef}`, { headers: { ...KIT, cookie: cookieHeader(cookies) } });
    assert.equal((await collected.clone().json() as { status: string }).status, 'complete');
    withCookies(cookies, collected);
    for (const instance of [a, b]) {
      const session = await (await fetch(`${instance.url}/api/session`, { headers: { ...KIT, cookie: cookieHeader(cookies) } })).json() as { user?: { name: string } };
      assert.equal(session.user?.name, 'Anna Andersson');
    }
  });

  it('makes exactly one case of each key sent to both, and sends each receipt and each webhook once', async () => {
    const count = 20;
    const bodies = Array.from({ length: count }, (_, i) => ({
      serviceId: 'felanmalan', serviceVersion: 1, lang: 'sv',
      answers: { category: 'belysning', place: `Storgatan ${i + 1}`, description: 'Gatlampan är släckt.', urgent: 'nej', email: `medborgare${i}@example.com` },
    }));
    const send = (instance: RunningServer, i: number) => sendCase(instance, `two-instances-key-${String(i).padStart(4, '0')}`, bodies[i]!);
    // Each key to one instance, and its retry to the other at the same moment.
    const answers = await Promise.all(bodies.flatMap((_, i) => [send(i % 2 ? a : b, i), send(i % 2 ? b : a, i)]));
    for (let i = 0; i < count; i++) assert.equal(answers[2 * i], answers[2 * i + 1], `key ${i}: one case`);
    const caseIds = new Set(answers);
    assert.equal(caseIds.size, count);

    const officer = await (await fetch(`${b.url}/api/officer/cases?limit=100`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as { items: unknown[] };
    assert.equal(officer.items.length, count, 'the municipality sees each case once, through either instance');

    await allToldOnce(caseIds, bodies.map((body) => body.answers.email));
  });

  it('loses and doubles nothing when an instance is killed while 20 citizens send: their retries reach another', async (t) => {
    const c = await startServer(env);
    const officerCount = async () => ((await (await fetch(`${a.url}/api/officer/cases?limit=100`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { items: unknown[] }).items.length;
    const casesBefore = await officerCount();
    const count = 20;
    const bodies = Array.from({ length: count }, (_, i) => ({
      serviceId: 'felanmalan', serviceVersion: 1, lang: 'sv',
      answers: { category: 'park', place: `Parkvägen ${i + 1}`, description: 'Gungan är trasig.', urgent: 'nej', email: `dodad${i}@example.com` },
    }));
    const key = (i: number) => `killed-instance-key-${String(i).padStart(4, '0')}`;
    // All 20 at once to a third instance, which is killed while they are under way.
    const first = bodies.map((body, i) => sendCase(c, key(i), body).catch(() => undefined));
    // Killed as soon as the first is answered: some cases are made, some under way, some not begun.
    await Promise.race(first);
    await c.kill();
    const before = await Promise.all(first);
    const madeByTheDead = (await officerCount()) - casesBefore;
    // The widget tries again with the same key, and the load balancer sends it to an instance that lives.
    const caseIds = new Set(await Promise.all(bodies.map((body, i) => sendCase(i % 2 ? a : b, key(i), body))));
    assert.equal(caseIds.size, count, 'one case per key');
    for (const [i, id] of before.entries()) if (id) assert.ok(caseIds.has(id), `key ${i}: the retry found the case the killed instance made`);
    const { items } = await (await fetch(`${a.url}/api/officer/cases?limit=100`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as { items: { id: string }[] };
    assert.equal(items.filter((item) => caseIds.has(item.id)).length, count, 'the municipality has each case once');
    await allToldOnce(caseIds, bodies.map((body) => body.answers.email));
    t.diagnostic(`killed instance: ${madeByTheDead} of ${count} cases made and ${before.filter(Boolean).length} answered before the kill; ${count} cases, 0 duplicated; ${count} receipts and ${count} webhooks, each once`);
  });
});
