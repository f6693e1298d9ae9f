import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import specialkost from '../../server/demo-services/specialkost.json' with { type: 'json' };
import { runCosignDeadlines } from '../../server/cosigning/deadline.js';
import { runRetention } from '../../server/jobs/retention.js';
import { openDatabase } from '../../server/store/database.js';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { testPostgres, type TestPostgres } from '../support/postgres.js';
import { webhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const root = new URL('../..', import.meta.url).pathname;
const TOKEN = 'officer-token-of-exempelby-for-two-instances-0123';
const SECRET = 'a-webhook-secret-of-exempelby-0123456789';
const ANNA = '198001012387';
const ERIK = '198203154599';
const MAJA = '201605120243';
const ANNA_EMAIL = 'anna.andersson@example.com';
const ERIK_EMAIL = 'erik.andersson@example.com';
const DAY = 86_400_000;
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

/** What the demo outbox page (GET /dev/outbox) lists: each message's addressee and subject. */
function outboxMessages(page: string): { to: string; subject: string; text: string }[] {
  return page.split('<article').slice(1).map((article) => ({
    subject: /<h2[^>]*>([^<]*)<\/h2>/.exec(article)?.[1] ?? '',
    to: /<dt>Till<\/dt><dd>([^<]*)<\/dd>/.exec(article)?.[1] ?? '',
    text: /<pre>([\s\S]*?)<\/pre>/.exec(article)?.[1] ?? '',
  }));
}

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
  let hook: WebhookReceiver;
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

    hook = await webhookReceiver();
    env = {
      DATABASE_URL: database.url, DATABASE_POOL_SIZE: '5', ...settings,
      // The citizens all come from this one address here.
      RATE_LIMIT_CASES_PER_MINUTE: '1000',
      OFFICER_TOKENS: `exempelby:${TOKEN}`,
      WEBHOOKS: `exempelby=${hook.url}`, WEBHOOK_SECRET_EXEMPELBY: SECRET,
    };
    // Both start at once on the fresh database: their migrations meet.
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    simulator?.kill();
    await hook?.close();
    await database?.stop();
    rmSync(simulatorDir, { recursive: true, force: true });
  });

  /** A citizen's BankID login, started on one instance and collected on the other; the session's cookies. */
  async function logIn(personalNumber: string, startOn: RunningServer, collectOn: RunningServer): Promise<Map<string, string>> {
    const cookies = new Map<string, string>();
    const started = await fetch(`${startOn.url}/api/eid/login`, { method: 'POST', headers: KIT, body: JSON.stringify({ method: 'otherDevice' }) });
    assert.equal(started.status, 200);
    withCookies(cookies, started);
    const { orderRef } = await started.json() as { orderRef: string };
    await approve(orderRef, personalNumber);
    const collected = await fetch(`${collectOn.url}/api/eid/orders/${orderRef}`, { headers: { ...KIT, cookie: cookieHeader(cookies) } });
    assert.equal((await collected.clone().json() as { status: string }).status, 'complete');
    return withCookies(cookies, collected);
  }

  /** The person approves the order in the BankID app (the simulator's). */
  async function approve(orderRef: string, personalNumber: string): Promise<void> {
    const approved = await fetch(`${admin}/sim/orders/${orderRef}/approve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personalNumber }) });
    assert.equal(approved.status, 200, await approved.text());
  }

  /** A request with a citizen's session; the answer's status and JSON body. */
  async function asCitizen<T>(cookies: Map<string, string>, instance: RunningServer, method: string, path: string, body?: object, key?: string): Promise<{ status: number; json: T }> {
    const response = await fetch(`${instance.url}${path}`, {
      method, headers: { ...KIT, cookie: cookieHeader(cookies), ...(key ? { 'idempotency-key': key } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, json: await response.json() as T };
  }

  /** Both instances' demo outboxes: what each of their workers sent. */
  const sentMail = async () => (await Promise.all([a, b].map(async (instance) => outboxMessages(await (await fetch(`${instance.url}/dev/outbox`)).text())))).flat();

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
      return [...caseIds].every((id) => hook.caseIds().includes(id)) && addresses.every((address) => pages.includes(`<dd>${address}</dd>`));
    };
    // A dead instance's claims run out after 30 s: what it held is sent by the others then.
    for (let waited = 0; !(await done()); waited += 250) {
      if (waited > 60_000) assert.fail(`not every webhook and receipt within 60 s (${[...caseIds].filter((id) => hook.caseIds().includes(id)).length} of ${caseIds.size} webhooks)`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const id of caseIds) assert.equal(hook.caseIds().filter((one) => one === id).length, 1, `one webhook for ${id}`);
    const pages = await outboxes();
    for (const address of addresses) assert.equal(pages.split(`<dd>${address}</dd>`).length - 1, 1, `one receipt to ${address}`);
  }

  it('completes on one instance a BankID login started on the other, and the session holds on both', async () => {
    const cookies = await logIn(ANNA, a, b);
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
  /** Polls (both instances at once) every two seconds until one says complete; fails on anything but pending. */
  async function pollUntilDone<T extends { status: number; json: { status: string } }>(poll: () => Promise<T[]>): Promise<T[]> {
    for (let waited = 0; ; waited += 2_000) {
      const answers = await poll();
      for (const answer of answers) assert.ok(['pending', 'complete'].includes(answer.json.status), JSON.stringify(answer.json));
      if (answers.some((answer) => answer.json.status === 'complete')) return answers;
      if (waited > 20_000) assert.fail(`still pending after 20 s: ${JSON.stringify(answers.map((answer) => answer.json))}`);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }

  /** Maja's special diet, for Anna to sign; Erik, who shares custody, is asked to sign too. */
  const specialDiet = (school: string) => ({
    serviceId: 'specialkost', serviceVersion: specialkost.version, lang: 'sv', method: 'otherDevice',
    answers: {
      child: MAJA, unit: school, startDate: new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10), dietReason: 'livsaskadning',
      allergies: [{ food: 'flask', severity: 'svar' }],
      guardianPhone: '070-123 45 67', guardianEmail: ANNA_EMAIL, otherGuardianEmail: ERIK_EMAIL, confirm: true,
    },
  });

  /** Anna signs on one instance (the same key sent to both at once starts one order); the case and Erik's invitation token. */
  async function annaSigns(anna: Map<string, string>, school: string): Promise<{ caseId: string; caseNumber: string; token: string }> {
    const key = `two-instances-sign-${school}`;
    type Started = { orderRef: string };
    const [onA, onB] = await Promise.all([a, b].map((instance) => asCitizen<Started>(anna, instance, 'POST', '/api/signatures', specialDiet(school), key)));
    // The first is started (201); the other, the same order again (200) — which is which is a race.
    assert.deepEqual([onA!.status, onB!.status].sort(), [200, 201], JSON.stringify([onA!.json, onB!.json]));
    assert.equal(onA!.json.orderRef, onB!.json.orderRef, 'one key, one BankID order, whichever instance is asked');
    await approve(onA!.json.orderRef, ANNA);
    type Signed = { status: string; result?: { receipt: { caseId: string; caseNumber: string } } };
    // Polled on both at once, as the widget does every two seconds (the servers ask BankID at most that often): one case.
    const polls = await pollUntilDone(() => Promise.all([b, a].map((instance) => asCitizen<Signed>(anna, instance, 'GET', `/api/signatures/${onA!.json.orderRef}`))));
    const done = polls.find((poll) => poll.json.status === 'complete')!;
    const { caseId, caseNumber } = done.json.result!.receipt;
    for (const poll of polls) if (poll.json.status === 'complete') assert.equal(poll.json.result!.receipt.caseId, caseId, 'one case, whichever instance saw it complete');
    // The invitation is e-mailed by whichever instance's worker takes it.
    for (let waited = 0; ; waited += 250) {
      const tokens = (await sentMail()).filter((mail) => mail.to === ERIK_EMAIL).map((mail) => /invitation=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1]);
      const token = tokens.find((one) => one && !usedTokens.includes(one));
      if (token) {
        usedTokens.push(token);
        return { caseId, caseNumber, token };
      }
      if (waited > 30_000) assert.fail('no invitation to Erik within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const usedTokens: string[] = [];

  it('signs on one instance and cosigns on the other: the case is sent once, each guardian gets one receipt, the municipality one webhook', async () => {
    const anna = await logIn(ANNA, a, b);
    const erik = await logIn(ERIK, b, a);
    const { caseId, caseNumber, token } = await annaSigns(anna, 'centralskolan');
    const waiting = await asCitizen<{ status: string }>(anna, a, 'GET', `/api/my/cases/${caseId}`);
    assert.equal(waiting.json.status, 'awaitingCosign');

    const opened = await asCitizen<{ requestId: string }>(erik, b, 'POST', '/api/cosigning/open', { token });
    assert.equal(opened.status, 200, JSON.stringify(opened.json));
    const key = 'two-instances-cosign-0001';
    const starts = await Promise.all([a, b].map((instance) => asCitizen<{ orderRef: string }>(erik, instance, 'POST', `/api/cosigning/requests/${opened.json.requestId}/signatures`, { method: 'otherDevice' }, key)));
    assert.deepEqual(starts.map((start) => start.status).sort(), [200, 201], JSON.stringify(starts.map((start) => start.json)));
    assert.equal(starts[0]!.json.orderRef, starts[1]!.json.orderRef, 'one cosigning order for one key on both instances');
    const { orderRef } = starts[0]!.json;
    await approve(orderRef, ERIK);
    type Cosigned = { status: string; caseSubmitted?: boolean };
    // Polled on both instances at the same moment: one signature, one transition.
    const polls = await pollUntilDone(() => Promise.all([a, b].map((instance) => asCitizen<Cosigned>(erik, instance, 'GET', `/api/cosigning/signatures/${orderRef}`))));
    const final = polls.find((poll) => poll.json.status === 'complete')!;
    assert.equal(final.json.caseSubmitted, true);

    const details = await asCitizen<{ status: string; signatures: { name: string }[] }>(anna, b, 'GET', `/api/my/cases/${caseId}`);
    assert.equal(details.json.status, 'submitted');
    assert.deepEqual(details.json.signatures.map((signature) => signature.name), ['Anna Andersson', 'Erik Andersson']);
    const { items } = await (await fetch(`${a.url}/api/officer/cases?limit=100`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as { items: { id: string }[] };
    assert.equal(items.filter((item) => item.id === caseId).length, 1, 'the municipality sees it once');

    // One webhook; one receipt to each guardian, from whichever instance sent it.
    const receipt = (mail: { subject: string }) => mail.subject.includes(caseNumber);
    for (let waited = 0; !(hook.caseIds().includes(caseId) && (await sentMail()).filter(receipt).length >= 2); waited += 250) {
      if (waited > 30_000) assert.fail(`no webhook or receipts within 30 s: ${JSON.stringify((await sentMail()).map((mail) => [mail.to, mail.subject]))}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    assert.equal(hook.caseIds().filter((id) => id === caseId).length, 1, 'one webhook');
    assert.deepEqual((await sentMail()).filter(receipt).map((mail) => mail.to).sort(), [ANNA_EMAIL, ERIK_EMAIL].sort(), 'one receipt each');
  });

  it('runs the deadline and retention jobs on both instances at the same moment: one reminder, one expiry, both told once', async () => {
    const anna = await logIn(ANNA, b, a);
    const { caseId } = await annaSigns(anna, 'norrby');
    // Two instances' database pools, their clocks three weeks on, then past the deadline.
    const pools = await Promise.all([openDatabase({ databaseUrl: database.url }), openDatabase({ databaseUrl: database.url })]);
    try {
      const inDays = (days: number) => new Date(Date.now() + days * DAY);
      const count = async (kind: string) => (await pools[0]!.query('SELECT 1 FROM notifications WHERE case_id = $1 AND kind = $2', [caseId, kind])).rows.length;
      await Promise.all(pools.map((pool) => runCosignDeadlines(pool, inDays(22), 'https://www.exempelby.se/medsignera.html')));
      assert.equal(await count('cosignReminder'), 1, 'one reminder');
      await Promise.all(pools.flatMap((pool) => [runCosignDeadlines(pool, inDays(31), 'https://www.exempelby.se/medsignera.html'), runRetention(pool, inDays(31))]));
      const { rows: history } = await pools[1]!.query<{ status: string }>('SELECT status FROM case_status_history WHERE case_id = $1 ORDER BY at, id', [caseId]);
      assert.deepEqual(history.map((row) => row.status), ['awaitingCosign', 'cosignExpired'], 'expired once');
      assert.equal(await count('cosignExpired'), 2, 'the applicant and the other guardian, each once');
      const mine = await asCitizen<{ status: string }>(anna, a, 'GET', `/api/my/cases/${caseId}`);
      assert.equal(mine.json.status, 'cosignExpired');
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
  });
});
