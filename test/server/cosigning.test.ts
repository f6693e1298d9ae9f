import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CosignOverview, CosignRequestView, CosignSigningState, StartCosignResponse } from '../../src/contract/cosign.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import type { CaseDetails, Draft, MyCases } from '../../src/contract/my-pages.js';
import type { Problem } from '../../src/contract/problem.js';
import type { SigningState, StartSigningResponse } from '../../src/contract/signing.js';
import { ConfigError, readConfig } from '../../server/config.js';
import { runCosignDeadlines } from '../../server/cosigning/deadline.js';
import type { SimPerson } from '../../server/eid/simulator/index.js';
import { queueReceipts } from '../../server/notify/notifications.js';
import { listCases } from '../../server/officer/cases.js';
import { enqueueSubmittedCases } from '../../server/webhooks/deliveries.js';
import { newKey } from '../support/backend.js';
import { cosignedService } from './support/definitions.js';
import { type Browser, person, startWorld, type World } from './support/browser.js';

const ANNA = person('Anna');
const ERIK = person('Erik');
const FATIMA = person('Fatima');
const JOHAN = person('Johan');
const SARA = person('Sara');
const MAJA = '201605120243';
const AMINA = '201902073822';
const COSIGN_URL = 'https://www.exempelby.se/medsignera.html';
const DAY = 86_400_000;
const text = (sv: string, en: string) => ({ sv, en });

/** Both guardians sign: the applicant picks the child, and the other guardian gets a link at the address given. */
const COSIGNED = cosignedService('medsign', 'BYT', text('Byte av skola', 'Change of school'), [
  { id: 'school', type: 'text', label: text('Ny skola', 'New school') },
]);

/** A named person signs too: the applicant answers their personnummer. */
const NAMED = ServiceDefinition.parse({
  ...COSIGNED,
  id: 'namngiven',
  caseNumberPrefix: 'NAM',
  cosigning: { who: 'namedPerson', personField: 'partner', inviteField: 'partnerPhone' },
  steps: [{
    id: 'uppgifter',
    title: text('Uppgifter', 'Details'),
    fields: [
      { id: 'partner', type: 'personnummer', label: text('Medsökandes personnummer', "Co-applicant's personal identity number") },
      { id: 'partnerPhone', type: 'phone', label: text('Medsökandes mobilnummer', "Co-applicant's mobile number") },
    ],
  }],
});

/** A named person signs too, and the applicant gives their own contact details. */
const NAMED_CONTACT = ServiceDefinition.parse({
  ...NAMED,
  id: 'namngiven-kontakt',
  caseNumberPrefix: 'NAK',
  steps: [{
    ...NAMED.steps[0]!,
    fields: [
      ...NAMED.steps[0]!.fields,
      { id: 'myPhone', type: 'phone', label: text('Ditt telefonnummer', 'Your phone number') },
      { id: 'myAddress', type: 'address', label: text('Din adress', 'Your address') },
      { id: 'reason', type: 'text', label: text('Skäl', 'Reason') },
    ],
  }],
});

const WEBHOOKS = [{ municipalityId: 'exempelby', url: 'https://example.invalid/hook', secret: 'x'.repeat(32) }];

describe('flerpartssignering: two guardians sign', () => {
  let world: World;
  let anna: Browser;
  let erik: Browser;
  let johan: Browser;
  let fatima: Browser;

  // Logged in once each (logins are rate limited); the deadline test, which moves the clock weeks, logs in again.
  before(async () => {
    world = await startWorld({ extraDefinitions: [COSIGNED, NAMED, NAMED_CONTACT], config: { cosignUrl: COSIGN_URL } }, '2026-11-24T09:00:00Z');
    anna = await world.loggedIn(ANNA);
    erik = await world.loggedIn(ERIK);
    johan = await world.loggedIn(JOHAN);
    fatima = await world.loggedIn(FATIMA);
  });
  after(() => world.close());

  const db = () => world.backend.db;
  const now = () => new Date(world.clock.now);

  /** Signs the applicant's answers with BankID; returns what the last poll said. */
  async function applicantSigns(browser: Browser, who: SimPerson, answers: Record<string, unknown>, serviceId = 'medsign'): Promise<SigningState> {
    const started = await browser.send('POST', '/api/signatures',
      { serviceId, serviceVersion: 1, lang: 'sv', answers, method: 'otherDevice' }, { 'idempotency-key': newKey() });
    assert.equal(started.statusCode, 201, started.body);
    const { orderRef } = started.json<StartSigningResponse>();
    world.sim.act(orderRef, { action: 'approve', personalNumber: who.personalNumber });
    world.clock.now += 2000;
    const state = (await browser.send('GET', `/api/signatures/${orderRef}`)).json<SigningState>();
    assert.equal(state.status, 'complete', JSON.stringify(state));
    return state;
  }

  /** Anna signs a case about Maja; returns its id and the invitation's token. */
  async function majaCase(email = 'erik@example.se'): Promise<{ caseId: string; token: string; state: SigningState }> {
    const state = await applicantSigns(anna, ANNA, { child: MAJA, school: 'Norrskolan', otherEmail: email });
    const caseId = state.result!.receipt.caseId;
    return { caseId, token: await latestToken(caseId), state };
  }

  async function latestToken(caseId: string): Promise<string> {
    const { rows } = await db().query<{ body: string }>(
      `SELECT body FROM notifications WHERE case_id = $1 AND kind = 'cosignInvitation' ORDER BY created_at DESC, body DESC`, [caseId]);
    const match = /invitation=([A-Za-z0-9_-]+)/.exec(rows[0]?.body ?? '');
    assert.ok(match, 'an invitation with a link is queued');
    return match[1]!;
  }

  async function caseStatus(caseId: string): Promise<string> {
    return (await db().query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [caseId])).rows[0]!.status;
  }

  async function open(browser: Browser, token: string) {
    return browser.send('POST', '/api/cosigning/open', { token });
  }

  /** Starts a cosigner's sign order; the order's ref. */
  async function startCosign(browser: Browser, requestId: string, key = newKey()) {
    return browser.send('POST', `/api/cosigning/requests/${requestId}/signatures`, { method: 'otherDevice' }, { 'idempotency-key': key });
  }

  async function cosign(browser: Browser, who: SimPerson, requestId: string): Promise<CosignSigningState> {
    const started = await startCosign(browser, requestId);
    assert.equal(started.statusCode, 201, started.body);
    const { orderRef } = started.json<StartCosignResponse>();
    world.sim.act(orderRef, { action: 'approve', personalNumber: who.personalNumber });
    world.clock.now += 2000;
    return (await browser.send('GET', `/api/cosigning/signatures/${orderRef}`)).json<CosignSigningState>();
  }

  it('makes the case wait for the other guardian: one request, an invitation, nothing sent to the municipality', async () => {
    const { caseId, token, state } = await majaCase();
    assert.equal(await caseStatus(caseId), 'awaitingCosign');
    assert.equal(state.result!.receipt.title.sv, 'Väntar på underskrift från den andra vårdnadshavaren');
    assert.match(state.result!.receipt.text.sv, /Väntar på underskrift från den andra vårdnadshavaren/);
    // Fetched again by its token (a reload of the receipt page): the same waiting receipt.
    const again = await world.backend.app.inject({
      method: 'GET', url: `/api/cases/${state.result!.receipt.caseNumber}/receipt`, headers: { 'x-receipt-token': state.result!.receiptToken },
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json<{ title: { sv: string } }>().title.sv, 'Väntar på underskrift från den andra vårdnadshavaren');

    const { rows: requests } = await db().query<{ personal_number: string; token_sha256: string }>(
      'SELECT personal_number, token_sha256 FROM cosign_requests WHERE case_id = $1', [caseId]);
    assert.deepEqual(requests.map((r) => r.personal_number), [ERIK.personalNumber]);
    assert.notEqual(requests[0]!.token_sha256, token, 'only the hash is stored');
    assert.equal(requests[0]!.token_sha256.length, 64);

    const { rows: invitations } = await db().query<{ channel: string; recipient: string; body: string }>(
      `SELECT channel, recipient, body FROM notifications WHERE case_id = $1 AND kind = 'cosignInvitation'`, [caseId]);
    assert.equal(invitations.length, 1);
    assert.equal(invitations[0]!.channel, 'email');
    assert.equal(invitations[0]!.recipient, 'erik@example.se');
    assert.ok(invitations[0]!.body.includes(`${COSIGN_URL}?invitation=${token}`));
    assert.ok(!invitations[0]!.body.includes('Maja'), 'the invitation never names the child');

    // Not the officer's, no webhook, no receipt.
    const officer = await listCases(db(), 'exempelby', { limit: 200 });
    assert.ok(!officer.items.some((item) => item.id === caseId));
    assert.equal(await enqueueSubmittedCases(db(), WEBHOOKS, now()), 0);
    await queueReceipts(db(), now());
    const { rows: receipts } = await db().query(`SELECT 1 FROM notifications WHERE case_id = $1 AND kind = 'receipt'`, [caseId]);
    assert.equal(receipts.length, 0);

    // The applicant's replayed poll says the same.
    const mine = (await anna.send('GET', `/api/my/cases/${caseId}`)).json<CaseDetails>();
    assert.equal(mine.status, 'awaitingCosign');
  });

  it('sends a sole guardian’s case at once, without asking for another guardian', async () => {
    const state = await applicantSigns(fatima, FATIMA, { child: AMINA, school: 'Norrskolan' });
    const caseId = state.result!.receipt.caseId;
    assert.equal(await caseStatus(caseId), 'submitted');
    assert.equal(state.result!.receipt.title.sv, 'Tack');
    // An address sent anyway answers a question the register says is not asked: it is not kept.
    const again = await applicantSigns(fatima, FATIMA, { child: AMINA, school: 'Västerskolan', otherEmail: 'ingen@example.se' });
    const { rows } = await db().query<{ answers: Record<string, unknown> }>('SELECT answers FROM cases WHERE id = $1', [again.result!.receipt.caseId]);
    assert.equal(rows[0]!.answers.otherEmail, undefined);
  });

  it('asks a guardian who shares custody for the other guardian’s address, as the register says', async () => {
    const started = await anna.send('POST', '/api/signatures',
      { serviceId: 'medsign', serviceVersion: 1, lang: 'sv', answers: { child: MAJA, school: 'Norrskolan' }, method: 'otherDevice' },
      { 'idempotency-key': newKey() });
    assert.equal(started.statusCode, 400, started.body);
    const refusal = started.json<Problem>();
    assert.deepEqual(refusal.errors?.map((error) => [error.path, error.code]), [['otherEmail', 'required']]);
  });

  it('tells the browser which of the citizen’s children someone else has custody of', async () => {
    const annas = (await anna.send('GET', '/api/services/medsign/prefill')).json<{ children: { personalNumber: string; otherGuardians?: boolean }[] }>();
    assert.equal(annas.children.find((child) => child.personalNumber === MAJA)?.otherGuardians, true);
    const fatimas = (await fatima.send('GET', '/api/services/medsign/prefill')).json<{ children: { personalNumber: string; otherGuardians?: boolean }[] }>();
    assert.deepEqual(fatimas.children.map((child) => [child.personalNumber, child.otherGuardians]), [[AMINA, false]]);
  });

  it('grants nothing for the link alone: a login, the right person, once', async () => {
    const { token } = await majaCase();
    const anonymous = await open(world.browser(), token);
    assert.equal(anonymous.statusCode, 401);

    const byJohan = await open(johan, token);
    assert.equal(byJohan.statusCode, 403);
    assert.equal(byJohan.json<Problem>().type.endsWith('not-for-you'), true, byJohan.body);
    for (const secret of ['Maja', 'Norrskolan', 'Anna', MAJA]) assert.ok(!byJohan.body.includes(secret), `nothing about the case: ${secret}`);

    // The guardian of another child (Fatima: Amina only) opening a Maja case.
    const byFatima = await open(fatima, token);
    assert.equal(byFatima.statusCode, 403);
    assert.ok(byFatima.json<Problem>().type.endsWith('not-for-you'));
    assert.ok(!byFatima.body.includes('Norrskolan'));

    const opened = await open(erik, token);
    assert.equal(opened.statusCode, 200, opened.body);
    const view = opened.json<CosignRequestView>();
    assert.equal(view.askedBy, 'Anna Andersson');
    assert.equal(view.status, 'pending');
    assert.equal(view.answers.school, 'Norrskolan');
    assert.ok(Date.parse(view.deadline) > world.clock.now + 27 * DAY);

    // Again by Erik: fine. By anyone else now: used.
    assert.equal((await open(erik, token)).statusCode, 200);
    const later = await open(johan, token);
    assert.equal(later.statusCode, 409);
    assert.ok(later.json<Problem>().type.endsWith('invitation-used'));
    assert.ok(!later.body.includes('Norrskolan'));

    const unknown = await open(erik, 'x'.repeat(43));
    assert.equal(unknown.statusCode, 404);
  });

  it('sends the case when the other guardian signs: BankID names the e-service, the child, the applicant and the signer', async () => {
    const { caseId, token } = await majaCase();
    const { requestId } = (await open(erik, token)).json<CosignRequestView>();
    const started = await startCosign(erik, requestId);
    assert.equal(started.statusCode, 201, started.body);
    const { orderRef } = started.json<StartCosignResponse>();
    const { rows: [order] } = await db().query<{ user_visible_data: string }>('SELECT user_visible_data FROM cosign_signings WHERE order_ref = $1', [orderRef]);
    assert.match(order!.user_visible_data, /^# Byte av skola/);
    assert.match(order!.user_visible_data, /Erik Andersson \(19820315-4599\)/);
    assert.match(order!.user_visible_data, /Anna Andersson/);
    assert.match(order!.user_visible_data, /Maja Andersson/);

    // Two polls at once: one signature, one transition.
    world.sim.act(orderRef, { action: 'approve', personalNumber: ERIK.personalNumber });
    world.clock.now += 2000;
    const [first, second] = await Promise.all([
      erik.send('GET', `/api/cosigning/signatures/${orderRef}`),
      erik.send('GET', `/api/cosigning/signatures/${orderRef}`),
    ]);
    // One asks BankID; the other may still see the order pending, or the signature made.
    for (const poll of [first, second]) {
      assert.equal(poll.statusCode, 200, poll.body);
      assert.notEqual(poll.json<CosignSigningState>().status, 'failed');
    }
    const [third, fourth] = await Promise.all([
      erik.send('GET', `/api/cosigning/signatures/${orderRef}`),
      erik.send('GET', `/api/cosigning/signatures/${orderRef}`),
    ]);
    assert.equal(third.json<CosignSigningState>().status, 'complete');
    assert.equal(fourth.json<CosignSigningState>().status, 'complete');
    assert.equal(third.json<CosignSigningState>().request!.status, 'signed');
    assert.equal(third.json<CosignSigningState>().caseSubmitted, true, 'the last signature sent the case, and says so');
    assert.equal(await caseStatus(caseId), 'submitted');
    const { rows: history } = await db().query<{ status: string }>(
      `SELECT status FROM case_status_history WHERE case_id = $1 ORDER BY at, id`, [caseId]);
    assert.deepEqual(history.map((h) => h.status), ['awaitingCosign', 'submitted'], 'exactly one transition');
    const { rows: signatures } = await db().query<{ personal_number: string }>(
      'SELECT personal_number FROM case_signatures WHERE case_id = $1 ORDER BY signed_at', [caseId]);
    assert.deepEqual(signatures.map((s) => s.personal_number), [ANNA.personalNumber, ERIK.personalNumber]);

    // Receipts to both; the officer API and the webhook now see it.
    const { rows: receipts } = await db().query<{ recipient: string | null; event_key: string }>(
      `SELECT recipient, event_key FROM notifications WHERE case_id = $1 AND kind = 'receipt' ORDER BY event_key`, [caseId]);
    assert.equal(receipts.length, 2);
    assert.ok(receipts.some((r) => r.recipient === 'erik@example.se'));
    const officer = await listCases(db(), 'exempelby', { limit: 200 });
    assert.ok(officer.items.some((item) => item.id === caseId));
    assert.ok(await enqueueSubmittedCases(db(), WEBHOOKS, now()) >= 1);

    // Signing again: already signed, never a second signature.
    const again = await startCosign(erik, requestId);
    assert.equal(again.statusCode, 409);
    assert.ok(again.json<Problem>().type.endsWith('already-signed'));
    const details = (await anna.send('GET', `/api/my/cases/${caseId}`)).json<CaseDetails>();
    assert.deepEqual(details.signatures.map((s) => s.name), ['Anna Andersson', 'Erik Andersson']);
  });

  it('answers a retried start with the same order, and the signed order once done', async () => {
    const { token } = await majaCase();
    const { requestId } = (await open(erik, token)).json<CosignRequestView>();
    const key = newKey();
    const first = await startCosign(erik, requestId, key);
    assert.equal(first.statusCode, 201);
    const retry = await startCosign(erik, requestId, key);
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.json<StartCosignResponse>().orderRef, first.json<StartCosignResponse>().orderRef);
    const { orderRef } = first.json<StartCosignResponse>();
    world.sim.act(orderRef, { action: 'approve', personalNumber: ERIK.personalNumber });
    world.clock.now += 4000;
    assert.equal((await erik.send('GET', `/api/cosigning/signatures/${orderRef}`)).json<CosignSigningState>().status, 'complete');
    const done = await startCosign(erik, requestId, key);
    assert.equal(done.statusCode, 200);
    assert.equal(done.json<StartCosignResponse>().orderRef, orderRef);
  });

  it('gives five starts at once with one key the same order, and the signing completes', async () => {
    const { caseId, token } = await majaCase();
    const { requestId } = (await open(erik, token)).json<CosignRequestView>();
    const key = newKey();
    const starts = await Promise.all(Array.from({ length: 5 }, () => startCosign(erik, requestId, key)));
    for (const response of starts) assert.ok([200, 201].includes(response.statusCode), response.body);
    assert.equal(starts.filter((response) => response.statusCode === 201).length, 1);
    const refs = new Set(starts.map((response) => response.json<StartCosignResponse>().orderRef));
    assert.equal(refs.size, 1, [...refs].join(', '));
    const [orderRef] = refs;
    world.sim.act(orderRef!, { action: 'approve', personalNumber: ERIK.personalNumber });
    world.clock.now += 4000;
    assert.equal((await erik.send('GET', `/api/cosigning/signatures/${orderRef}`)).json<CosignSigningState>().status, 'complete');
    assert.equal(await caseStatus(caseId), 'submitted');
  });

  it('sends the case exactly once when two cosigners sign at the same moment', async () => {
    const { caseId, token } = await majaCase();
    const { requestId: erikRequest } = (await open(erik, token)).json<CosignRequestView>();
    // A second person the case requires (the fixture has no child with three guardians): a request made as begin() makes it.
    const { rows: [fatimaRequest] } = await db().query<{ id: string }>(
      `INSERT INTO cosign_requests (id, case_id, personal_number, applicant_name, token_sha256, invited_at, deadline, created_at)
       SELECT gen_random_uuid(), case_id, $2, applicant_name, md5(random()::text), invited_at, deadline, created_at
         FROM cosign_requests WHERE id = $1 RETURNING id`, [erikRequest, FATIMA.personalNumber]);
    const orders: string[] = [];
    for (const [browser, who, id] of [[erik, ERIK, erikRequest], [fatima, FATIMA, fatimaRequest!.id]] as const) {
      const started = await startCosign(browser, id);
      assert.equal(started.statusCode, 201, started.body);
      const { orderRef } = started.json<StartCosignResponse>();
      world.sim.act(orderRef, { action: 'approve', personalNumber: who.personalNumber });
      orders.push(orderRef);
    }
    world.clock.now += 2000;
    const polls = await Promise.all([
      erik.send('GET', `/api/cosigning/signatures/${orders[0]}`), fatima.send('GET', `/api/cosigning/signatures/${orders[1]}`),
      erik.send('GET', `/api/cosigning/signatures/${orders[0]}`), fatima.send('GET', `/api/cosigning/signatures/${orders[1]}`),
    ]);
    for (const poll of polls) assert.equal(poll.statusCode, 200, poll.body);
    world.clock.now += 2000;
    assert.equal((await erik.send('GET', `/api/cosigning/signatures/${orders[0]}`)).json<CosignSigningState>().status, 'complete');
    assert.equal((await fatima.send('GET', `/api/cosigning/signatures/${orders[1]}`)).json<CosignSigningState>().status, 'complete');
    assert.equal(await caseStatus(caseId), 'submitted');
    const { rows: history } = await db().query<{ status: string }>('SELECT status FROM case_status_history WHERE case_id = $1 ORDER BY at, id', [caseId]);
    assert.deepEqual(history.map((h) => h.status), ['awaitingCosign', 'submitted']);
    assert.equal((await db().query('SELECT 1 FROM case_signatures WHERE case_id = $1', [caseId])).rows.length, 3);
    assert.equal((await db().query(`SELECT 1 FROM notifications WHERE case_id = $1 AND kind = 'receipt'`, [caseId])).rows.length, 3);
  });

  it('lets the cosigner find the request in Mina sidor without the link', async () => {
    const { caseId } = await majaCase();
    const list = (await erik.send('GET', '/api/my/cases?limit=100')).json<MyCases>();
    const item = list.items.find((candidate) => candidate.kind === 'cosignRequest' && candidate.status === 'awaitingCosign');
    assert.ok(item, 'a cosignRequest row');
    const view = await erik.send('GET', `/api/cosigning/requests/${item.id}`);
    assert.equal(view.statusCode, 200);
    assert.equal(view.json<CosignRequestView>().caseId, caseId);
    // Nobody else: 404, as for an id that does not exist.
    const other = await johan.send('GET', `/api/cosigning/requests/${item.id}`);
    const missing = await erik.send('GET', '/api/cosigning/requests/00000000-0000-4000-8000-000000000000');
    assert.equal(other.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    assert.equal(other.body, missing.body);
    assert.equal((await anna.send('GET', `/api/cosigning/requests/${item.id}`)).statusCode, 404, 'not even the applicant');
  });

  it('tells the applicant when the other guardian declines; the applicant starts again from a copy', async () => {
    const { caseId, token } = await majaCase();
    const { requestId } = (await open(erik, token)).json<CosignRequestView>();
    // As if the e-service took one case per person: the unsent case must not use it up.
    await db().query('INSERT INTO one_per_person_cases (service_id, personal_number, case_id) VALUES ($1, $2, $3)', ['medsign', ANNA.personalNumber, caseId]);
    const declined = await erik.send('POST', `/api/cosigning/requests/${requestId}/decline`);
    assert.equal(declined.statusCode, 200, declined.body);
    assert.equal(declined.json<CosignRequestView>().status, 'declined');
    assert.equal(await caseStatus(caseId), 'cosignDeclined');
    assert.equal((await db().query('SELECT 1 FROM one_per_person_cases WHERE case_id = $1', [caseId])).rows.length, 0, 'a case never sent frees its e-service');
    const { rows } = await db().query(`SELECT 1 FROM notifications WHERE case_id = $1 AND kind = 'cosignDeclined'`, [caseId]);
    assert.equal(rows.length, 1);
    assert.equal((await erik.send('POST', `/api/cosigning/requests/${requestId}/decline`)).statusCode, 409);
    // Never sent: not the officer's, no webhook, no receipt.
    assert.ok(!(await listCases(db(), 'exempelby', { limit: 200 })).items.some((item) => item.id === caseId));
    assert.equal((await db().query('SELECT 1 FROM webhook_deliveries WHERE case_id = $1', [caseId])).rows.length, 0);
    await enqueueSubmittedCases(db(), WEBHOOKS, now());
    await queueReceipts(db(), now());
    assert.equal((await db().query('SELECT 1 FROM webhook_deliveries WHERE case_id = $1', [caseId])).rows.length, 0);
    assert.equal((await db().query(`SELECT 1 FROM notifications WHERE case_id = $1 AND kind = 'receipt'`, [caseId])).rows.length, 0);
    assert.equal((await startCosign(erik, requestId)).statusCode, 409);

    // The copy: the owner only.
    assert.equal((await erik.send('POST', `/api/my/cases/${caseId}/copy`)).statusCode, 404);
    const copy = await anna.send('POST', `/api/my/cases/${caseId}/copy`);
    assert.equal(copy.statusCode, 201, copy.body);
    const draft = copy.json<Draft>();
    assert.equal(draft.serviceId, 'medsign');
    assert.equal(draft.answers.school, 'Norrskolan');
    assert.equal(draft.answers.child, MAJA);
  });

  it('refuses a copy of a case that is still waiting or was sent', async () => {
    const { caseId } = await majaCase();
    const copy = await anna.send('POST', `/api/my/cases/${caseId}/copy`);
    assert.equal(copy.statusCode, 409);
  });

  it('reminds a week before the deadline (once), then expires the case and tells both; the link then answers 410', async () => {
    const { caseId, token } = await majaCase();
    const reminders = async () => (await db().query(`SELECT 1 FROM notifications WHERE case_id = $1 AND kind = 'cosignReminder'`, [caseId])).rows.length;
    world.clock.now += 20 * DAY;
    await runCosignDeadlines(db(), now(), COSIGN_URL);
    assert.equal(await reminders(), 0, 'not yet');
    world.clock.now += 2 * DAY;
    await runCosignDeadlines(db(), now(), COSIGN_URL);
    await runCosignDeadlines(db(), now(), COSIGN_URL);
    assert.equal(await reminders(), 1, 'once');
    assert.equal(await caseStatus(caseId), 'awaitingCosign');

    world.clock.now += 7 * DAY;
    // Past the deadline before the job ran: the link is expired already.
    anna = await world.loggedIn(ANNA);
    erik = await world.loggedIn(ERIK);
    assert.equal((await open(erik, token)).statusCode, 410);
    await runCosignDeadlines(db(), now(), COSIGN_URL);
    assert.equal(await caseStatus(caseId), 'cosignExpired');
    const { rows } = await db().query<{ event_key: string }>(
      `SELECT event_key FROM notifications WHERE case_id = $1 AND kind = 'cosignExpired'`, [caseId]);
    assert.equal(rows.length, 2, 'the applicant and the other guardian');
    const expired = await open(erik, token);
    assert.equal(expired.statusCode, 410);
    assert.ok(expired.json<Problem>().type.endsWith('invitation-expired'));
    const overview = (await anna.send('GET', `/api/my/cases/${caseId}/cosigning`)).json<CosignOverview>();
    assert.equal(overview.status, 'cosignExpired');
    assert.equal(overview.cosigners[0]!.status, 'expired');
    assert.equal((await anna.send('POST', `/api/my/cases/${caseId}/copy`)).statusCode, 201);
    // Not sent, ever.
    assert.equal(await enqueueSubmittedCases(db(), WEBHOOKS, now()), 0);

    // Kept as long as a draft would be (draftDays), then deleted with its requests.
    world.clock.now += 29 * DAY;
    await runCosignDeadlines(db(), now(), COSIGN_URL);
    assert.equal((await db().query('SELECT 1 FROM cases WHERE id = $1', [caseId])).rows.length, 1);
    world.clock.now += 2 * DAY;
    await runCosignDeadlines(db(), now(), COSIGN_URL);
    assert.equal((await db().query('SELECT 1 FROM cases WHERE id = $1', [caseId])).rows.length, 0);
    assert.equal((await db().query('SELECT 1 FROM cosign_requests WHERE case_id = $1', [caseId])).rows.length, 0);
    anna = await world.loggedIn(ANNA);
    erik = await world.loggedIn(ERIK);
    johan = await world.loggedIn(JOHAN);
  });

  it('shows the applicant who has signed, and sends a new link to a corrected address (the old one stops working)', async () => {
    const { caseId, token } = await majaCase('fel@example.se');
    const overview = await anna.send('GET', `/api/my/cases/${caseId}/cosigning`);
    assert.equal(overview.statusCode, 200, overview.body);
    const body = overview.json<CosignOverview>();
    assert.equal(body.status, 'awaitingCosign');
    assert.equal(body.cosigners.length, 1);
    assert.equal(body.cosigners[0]!.name, 'Erik Andersson');
    assert.equal(body.cosigners[0]!.sentTo, 'f***@example.se');
    assert.equal(body.cosigners[0]!.status, 'pending');

    const requestId = body.cosigners[0]!.requestId;
    // Others: 404, as for a case that does not exist.
    assert.equal((await erik.send('GET', `/api/my/cases/${caseId}/cosigning`)).statusCode, 404);
    assert.equal((await erik.send('POST', `/api/my/cases/${caseId}/cosigning/${requestId}/invitation`, { email: 'erik@example.se' })).statusCode, 404);

    world.clock.now += 1000;
    const reinvited = await anna.send('POST', `/api/my/cases/${caseId}/cosigning/${requestId}/invitation`, { email: 'erik@example.se' });
    assert.equal(reinvited.statusCode, 200, reinvited.body);
    assert.equal(reinvited.json<CosignOverview>().cosigners[0]!.sentTo, 'e***@example.se');
    const fresh = await latestToken(caseId);
    assert.notEqual(fresh, token);
    assert.equal((await open(erik, token)).statusCode, 404, 'the old link no longer works');
    assert.equal((await open(erik, fresh)).statusCode, 200);
    const { rows } = await db().query<{ recipient: string }>(
      `SELECT recipient FROM notifications WHERE case_id = $1 AND kind = 'cosignInvitation' ORDER BY recipient`, [caseId]);
    assert.deepEqual(rows.map((r) => r.recipient), ['erik@example.se', 'fel@example.se']);

    const signed = await cosign(erik, ERIK, requestId);
    assert.equal(signed.status, 'complete');
    const done = (await anna.send('GET', `/api/my/cases/${caseId}/cosigning`)).json<CosignOverview>();
    assert.equal(done.status, 'submitted');
    assert.equal(done.cosigners[0]!.status, 'signed');
    assert.ok(done.cosigners[0]!.signedAt);
    // Nothing more to invite.
    const late = await anna.send('POST', `/api/my/cases/${caseId}/cosigning/${requestId}/invitation`, {});
    assert.equal(late.statusCode, 409);
  });

  it('reads COSIGN_URL, by default the public origin\'s /medsignera.html', () => {
    assert.equal(readConfig({ ALLOWED_ORIGINS: 'https://www.kommun.se' }).cosignUrl, 'https://www.kommun.se/medsignera.html');
    assert.equal(readConfig({ PORT: '8080' }).cosignUrl, 'http://localhost:8080/medsignera.html');
    assert.equal(readConfig({ COSIGN_URL: 'https://www.kommun.se/medsignera' }).cosignUrl, 'https://www.kommun.se/medsignera');
    assert.throws(() => readConfig({ COSIGN_URL: 'javascript:alert(1)' }), ConfigError);
  });

  it('refuses every cosigning endpoint without a login', async () => {
    const guest = world.browser();
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [method, url] of [
      ['GET', `/api/my/cases/${id}/cosigning`], ['POST', `/api/my/cases/${id}/copy`], ['POST', `/api/my/cases/${id}/cosigning/${id}/invitation`],
      ['GET', `/api/cosigning/requests/${id}`], ['POST', `/api/cosigning/requests/${id}/signatures`], ['POST', `/api/cosigning/requests/${id}/decline`],
    ] as const) {
      const response = await guest.send(method, url, method === 'POST' ? {} : undefined, { 'idempotency-key': newKey() });
      assert.equal(response.statusCode, 401, `${method} ${url}`);
    }
    assert.equal((await guest.send('GET', '/api/cosigning/signatures/abc')).statusCode, 404);
  });

  it('keeps a cosigner’s sign order to that cosigner', async () => {
    const { token } = await majaCase();
    const { requestId } = (await open(erik, token)).json<CosignRequestView>();
    const { orderRef } = (await startCosign(erik, requestId)).json<StartCosignResponse>();
    assert.equal((await anna.send('GET', `/api/cosigning/signatures/${orderRef}`)).statusCode, 404);
    assert.equal((await anna.send('DELETE', `/api/cosigning/signatures/${orderRef}`)).statusCode, 404);
    assert.equal((await anna.send('POST', `/api/cosigning/requests/${requestId}/signatures`, { method: 'otherDevice' }, { 'idempotency-key': newKey() })).statusCode, 404);
    assert.equal((await anna.send('POST', `/api/cosigning/requests/${requestId}/decline`)).statusCode, 404);
    assert.equal((await erik.send('DELETE', `/api/cosigning/signatures/${orderRef}`)).statusCode, 204);
  });

  it('asks a named person by personnummer, with the invitation by SMS', async () => {
    const state = await applicantSigns(anna, ANNA, { partner: JOHAN.personalNumber, partnerPhone: '070-123 45 67' }, 'namngiven');
    const caseId = state.result!.receipt.caseId;
    assert.equal(await caseStatus(caseId), 'awaitingCosign');
    assert.equal(state.result!.receipt.title.sv, 'Väntar på underskrift från den andra personen');
    const { rows } = await db().query<{ channel: string; body: string }>(
      `SELECT channel, body FROM notifications WHERE case_id = $1 AND kind = 'cosignInvitation'`, [caseId]);
    assert.equal(rows[0]!.channel, 'sms');
    const token = /invitation=([A-Za-z0-9_-]+)/.exec(rows[0]!.body)![1]!;
    assert.equal((await open(erik, token)).statusCode, 403);
    const opened = await open(johan, token);
    assert.equal(opened.statusCode, 200, opened.body);
    const view = opened.json<CosignRequestView>();
    const signed = await cosign(johan, JOHAN, view.requestId);
    assert.equal(signed.status, 'complete');
    assert.equal(await caseStatus(caseId), 'submitted');
  });

  it('never shows the other signer where an applicant with skyddad folkbokföring is reached', async () => {
    const sara = await world.loggedIn(SARA);
    const answers = {
      partner: JOHAN.personalNumber, partnerPhone: '070-123 45 67', myPhone: '070-999 88 77',
      myAddress: { street: 'Box 123', postalCode: '123 21', city: 'Exempelby' }, reason: 'Vi flyttar ihop',
    };
    const state = await applicantSigns(sara, SARA, answers, 'namngiven-kontakt');
    const token = await latestToken(state.result!.receipt.caseId);
    const opened = await open(johan, token);
    assert.equal(opened.statusCode, 200, opened.body);
    const view = opened.json<CosignRequestView>();
    assert.equal(view.contactWithheld, true);
    assert.deepEqual(Object.keys(view.answers).sort(), ['partner', 'partnerPhone', 'reason']);
    assert.ok(!opened.body.includes('070-999 88 77') && !opened.body.includes('Box 123'));
    // Anna has no protection: her contact answers are for the other signer to read.
    const annas = await applicantSigns(anna, ANNA, { ...answers, partner: JOHAN.personalNumber, myAddress: { street: 'Björkvägen 7', postalCode: '123 47', city: 'Exempelby' } }, 'namngiven-kontakt');
    const plain = (await open(johan, await latestToken(annas.result!.receipt.caseId))).json<CosignRequestView>();
    assert.equal(plain.contactWithheld, undefined);
    assert.equal(plain.answers.myPhone, '0709998877');
  });
});
