import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SubmitCaseResponse } from '../../src/contract/cases.js';
import { CaseDetails, MyCases, Profile } from '../../src/contract/my-pages.js';
import type { Problem } from '../../src/contract/problem.js';
import { changeStatus } from '../../server/services/case-status.js';
import { addOfficerMessage } from '../../server/services/messages.js';
import { newKey } from '../support/backend.js';
import { type Browser, PDF, person, startWorld, type World } from './support/browser.js';
import { caseBody, testService } from './support/definitions.js';

const ANNA = person('Anna');
const ERIK = person('Erik');
const JOHAN = person('Johan');
const FATIMA = person('Fatima');

const HERE = testService('mina-har');
const THERE = testService('mina-dar', { municipality: { id: 'grannby', sv: 'Grannby kommun', en: 'Grannby Municipality' }, prefix: 'GRA' });
const SIGNED = testService('mina-signerad', { signing: 'sign', prefix: 'SIG' });

describe('Mina sidor: the citizen’s cases, details, files, profile and export', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ extraDefinitions: [HERE, THERE, SIGNED] });
  });
  after(() => world.close());

  const send = async (browser: Browser, serviceId: string, answers: Record<string, unknown> = { skola: 'Norr' }) => {
    const response = await browser.submit(caseBody(serviceId, answers));
    assert.equal(response.statusCode, 201, response.body);
    return response.json<SubmitCaseResponse>().receipt;
  };
  const list = async (browser: Browser, query = '') => {
    const response = await browser.send('GET', `/api/my/cases${query}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    return MyCases.parse(response.json());
  };

  it('lists the person’s drafts and cases in every municipality, newest change first, with unread messages counted', async () => {
    const anna = await world.loggedIn(ANNA);
    const here = await send(anna, 'mina-har');
    world.clock.now += 1000;
    const there = await send(anna, 'mina-dar');
    world.clock.now += 1000;
    const draft = await anna.createDraft({ serviceId: 'mina-har', serviceVersion: 1, answers: {} });
    const erik = await world.loggedIn(ERIK);
    await send(erik, 'mina-har');
    world.clock.now += 1000;
    await world.backend.db.transaction((tx) => addOfficerMessage(tx, here.caseId, 'Vi behöver ett intyg.', new Date(world.clock.now)));

    const { items, nextCursor } = await list(anna);
    assert.equal(nextCursor, undefined);
    assert.deepEqual(items.map((item) => item.id), [here.caseId, draft.id, there.caseId], 'a message moves the case up; Erik’s case is not here');
    const [first, second, third] = items;
    assert.equal(first!.kind, 'case');
    assert.equal(first!.caseNumber, here.caseNumber);
    assert.equal(first!.status, 'submitted');
    assert.equal(first!.unreadMessages, 1);
    assert.equal(first!.submittedAt, here.submittedAt);
    assert.deepEqual(first!.serviceTitle, { sv: 'Ansökan mina-har', en: 'Application mina-har' });
    assert.deepEqual(second, {
      id: draft.id, kind: 'draft', serviceId: 'mina-har', serviceTitle: { sv: 'Ansökan mina-har', en: 'Application mina-har' },
      municipality: { sv: 'Exempelby kommun', en: 'Exempelby Municipality' }, status: 'draft',
      createdAt: draft.createdAt, updatedAt: draft.updatedAt, unreadMessages: 0,
    });
    assert.deepEqual(third!.municipality, { sv: 'Grannby kommun', en: 'Grannby Municipality' });

    const anonymous = await world.browser().send('GET', '/api/my/cases');
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.json<Problem>().type, '/problems/not-logged-in');
  });

  it('pages through 25 rows by cursor with no duplicates or omissions, ties broken by id; refuses a malformed cursor or limit', async () => {
    const johan = await world.loggedIn(JOHAN);
    const made: string[] = [];
    for (let i = 0; i < 25; i++) {
      // Three rows share each millisecond: the id decides their order.
      if (i % 3 === 0) world.clock.now += 1;
      if (i % 5 === 0) made.push((await johan.createDraft({ serviceId: 'mina-dar', serviceVersion: 1, answers: {} })).id);
      else made.push((await send(johan, i % 2 ? 'mina-har' : 'mina-dar')).caseId);
    }
    const all = await list(johan, '?limit=100');
    assert.equal(all.items.length, 25);
    assert.deepEqual(new Set(all.items.map((item) => item.id)), new Set(made));
    const sorted = [...all.items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0));
    assert.deepEqual(all.items.map((item) => item.id), sorted.map((item) => item.id));

    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await list(johan, `?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      sizes.push(page.items.length);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(sizes, [10, 10, 5]);
    assert.deepEqual(seen, all.items.map((item) => item.id));

    const byDefault = await list(johan);
    assert.equal(byDefault.items.length, 20);
    assert.ok(byDefault.nextCursor);

    for (const query of ['?cursor=nonsense', '?cursor=W10', `?cursor=${Buffer.from('["x","y"]').toString('base64url')}`, '?limit=0', '?limit=101', '?limit=abc']) {
      const response = await johan.send('GET', `/api/my/cases${query}`);
      assert.equal(response.statusCode, 400, query);
      assert.equal(response.json<Problem>().type, '/problems/invalid-query');
    }
  });

  it('shows a case’s details: answers, attachments with their question, signatures and every status', async () => {
    const anna = await world.loggedIn(ANNA);
    const fileId = (await anna.upload('serviceId=mina-har&fieldId=intyg')).json<{ id: string }>().id;
    const receipt = await send(anna, 'mina-har', { skola: 'Norr', intyg: [fileId] });
    world.clock.now += 60_000;
    const at = new Date(world.clock.now);
    await world.backend.db.transaction((tx) => changeStatus(tx, receipt.caseId, 'inProgress', 'officer', at));

    const response = await anna.send('GET', `/api/my/cases/${receipt.caseId}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    const details = CaseDetails.parse(response.json());
    assert.equal(details.status, 'inProgress');
    assert.equal(details.updatedAt, at.toISOString());
    assert.deepEqual(details.answers, { skola: 'Norr', intyg: [fileId] });
    assert.equal(details.serviceVersion, 1);
    assert.deepEqual(details.attachments.map((a) => [a.id, a.fieldId, a.kind, a.sizeBytes]), [[fileId, 'intyg', 'pdf', PDF.length]]);
    assert.deepEqual(details.signatures, []);
    assert.deepEqual(details.history, [
      { status: 'submitted', at: receipt.submittedAt },
      { status: 'inProgress', at: at.toISOString() },
    ]);

    // Closed is the end.
    await world.backend.db.transaction((tx) => changeStatus(tx, receipt.caseId, 'closed', 'officer', at));
    await assert.rejects(world.backend.db.transaction((tx) => changeStatus(tx, receipt.caseId, 'inProgress', 'officer', at)),
      (error: { body?: Problem }) => error.body?.type === '/problems/case-closed' && error.body.status === 409);

    // A signed case lists its signature.
    const started = await anna.send('POST', '/api/signatures', { ...caseBody('mina-signerad'), method: 'otherDevice' }, { 'idempotency-key': newKey() });
    const { orderRef } = started.json<{ orderRef: string }>();
    world.sim.act(orderRef, { action: 'approve', personalNumber: ANNA.personalNumber });
    world.clock.now += 2000;
    const signed = (await anna.send('GET', `/api/signatures/${orderRef}`)).json<{ result: SubmitCaseResponse }>().result;
    const signedDetails = (await anna.send('GET', `/api/my/cases/${signed.receipt.caseId}`)).json<CaseDetails>();
    assert.deepEqual(signedDetails.signatures, [{ name: 'Anna Andersson', signedAt: signed.receipt.submittedAt, eid: 'bankid' }]);
  });

  it('sends a file of the case with its type, a safe download name, no caching and no sniffing', async () => {
    const anna = await world.loggedIn(ANNA);
    const upload = await anna.upload('serviceId=mina-har&fieldId=intyg', PDF, "Läkarintyg Maja's (2026).pdf");
    const fileId = upload.json<{ id: string }>().id;
    const receipt = await send(anna, 'mina-har', { skola: 'Norr', intyg: [fileId] });
    const response = await anna.send('GET', `/api/my/cases/${receipt.caseId}/attachments/${fileId}`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.equal(response.headers['content-disposition'], "attachment; filename*=UTF-8''L%C3%A4karintyg%20Maja%27s%20%282026%29.pdf");
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(response.rawPayload, PDF);

    const unclaimed = (await anna.upload('serviceId=mina-har&fieldId=intyg')).json<{ id: string }>().id;
    const notOfTheCase = await anna.send('GET', `/api/my/cases/${receipt.caseId}/attachments/${unclaimed}`);
    assert.equal(notOfTheCase.statusCode, 404);
    assert.equal(notOfTheCase.json<Problem>().type, '/problems/attachment-not-found');
  });

  it('keeps a profile: defaults, validation with field errors in Swedish and English, then what was saved', async () => {
    const fatima = await world.loggedIn(FATIMA);
    assert.deepEqual((await fatima.send('GET', '/api/my/profile')).json(), { notifyBy: 'none' });

    const bad = await fatima.send('PUT', '/api/my/profile', { email: 'inte-en-adress', phone: '07x', notifyBy: 'email' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json<Problem>().errors, [
      { path: 'email', code: 'email', message: 'Skriv en e-postadress i rätt format, till exempel namn@exempel.se' },
      { path: 'phone', code: 'phone', message: 'Skriv ett telefonnummer, till exempel 070-123 45 67 eller 08-123 456 78' },
    ]);
    const english = await fatima.send('PUT', '/api/my/profile', { email: 'nope', notifyBy: 'email' }, { 'accept-language': 'en' });
    assert.equal(english.json<Problem>().errors?.[0]?.message, 'Enter an email address in the correct format, like name@example.com');
    const smsWithoutPhone = await fatima.send('PUT', '/api/my/profile', { email: 'fatima@example.com', notifyBy: 'sms' });
    assert.equal(smsWithoutPhone.statusCode, 400);
    assert.deepEqual(smsWithoutPhone.json<Problem>().errors?.map((e) => [e.path, e.code]), [['phone', 'required']]);
    const badChoice = await fatima.send('PUT', '/api/my/profile', { notifyBy: 'brevduva' });
    assert.deepEqual(badChoice.json<Problem>().errors?.map((e) => e.path), ['notifyBy']);

    const saved = await fatima.send('PUT', '/api/my/profile', { email: 'fatima@example.com', phone: '070-123 45 67', notifyBy: 'email' });
    assert.equal(saved.statusCode, 200, saved.body);
    const profile = Profile.parse((await fatima.send('GET', '/api/my/profile')).json());
    assert.deepEqual(profile, { email: 'fatima@example.com', phone: '070-123 45 67', notifyBy: 'email' });
    assert.deepEqual((await (await world.loggedIn(ERIK)).send('GET', '/api/my/profile')).json(), { notifyBy: 'none' }, 'only hers');
  });

  it('exports everything stored about the person as a download, and nothing of anyone else', async () => {
    const erik = await world.loggedIn(ERIK);
    await erik.send('PUT', '/api/my/profile', { email: 'erik@example.com', notifyBy: 'email' });
    const fileId = (await erik.upload('serviceId=mina-har&fieldId=intyg')).json<{ id: string }>().id;
    const receipt = await send(erik, 'mina-har', { skola: 'Eriks skola', intyg: [fileId] });
    await world.backend.db.transaction((tx) => addOfficerMessage(tx, receipt.caseId, 'Tack, vi läser.', new Date(world.clock.now)));
    const draft = await erik.createDraft({ serviceId: 'mina-dar', serviceVersion: 1, answers: { skola: 'Utkastskolan' } });

    const response = await erik.send('GET', '/api/my/export');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-disposition'], 'attachment; filename="registerutdrag.json"');
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const data = response.json<{
      person: { personalNumber: string; name: string }; profile: Profile; drafts: { id: string; answers: unknown }[];
      cases: (CaseDetails & { messages: { body: string }[] })[];
    }>();
    assert.deepEqual(data.person, { personalNumber: ERIK.personalNumber, name: 'Erik Andersson' });
    assert.deepEqual(data.profile, { email: 'erik@example.com', notifyBy: 'email' });
    assert.deepEqual(data.drafts.map((d) => [d.id, d.answers]), [[draft.id, { skola: 'Utkastskolan' }]]);
    const exported = data.cases.find((c) => c.id === receipt.caseId)!;
    assert.deepEqual(exported.answers, { skola: 'Eriks skola', intyg: [fileId] });
    assert.deepEqual(exported.history.map((h) => h.status), ['submitted']);
    assert.deepEqual(exported.messages.map((m) => m.body), ['Tack, vi läser.']);
    assert.equal(exported.attachments[0]!.id, fileId);
    assert.ok(!response.body.includes(PDF.toString('base64')) && !response.body.includes('%PDF'), 'metadata, not bytes');
    assert.ok(!response.body.includes(ANNA.personalNumber), 'nothing of Anna’s');
    assert.ok(data.cases.every((c) => c.kind === 'case'));
  });
});
