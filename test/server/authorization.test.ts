import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SubmitCaseResponse } from '../../src/contract/cases.js';
import type { Draft, MessageList } from '../../src/contract/my-pages.js';
import { addOfficerMessage } from '../../server/services/messages.js';
import { newKey } from '../support/backend.js';
import { type Browser, PDF, person, startWorld, type World } from './support/browser.js';
import { caseBody, testService } from './support/definitions.js';

const ANNA = person('Anna');
const ERIK = person('Erik');
const SERVICE = testService('behorighet');
const SIGNED = testService('behorighet-signerad', { signing: 'sign', prefix: 'SIG' });
const MISSING = '00000000-0000-4000-8000-000000000000';

/** The body with what names the request taken out: what is left must not tell whether the id exists. */
function comparable(body: string): unknown {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  const { instance: _instance, ...rest } = parsed;
  return rest;
}

/**
 * Citizen B — and a request with no session — tries every Mina sidor endpoint on citizen A's
 * draft, case, file and message: each is refused exactly as for an id that does not exist (404),
 * or 401 without a session, and A's data is unchanged.
 */
describe('authorization on Mina sidor: nobody reaches another person’s draft, case, file or message', () => {
  let world: World;
  let anna: Browser;
  let erik: Browser;
  let nobody: Browser;
  let draft: Draft;
  let signedDraft: Draft;
  let caseId: string;
  let fileId: string;
  let messageFileId: string;

  before(async () => {
    world = await startWorld({ extraDefinitions: [SERVICE, SIGNED] });
    anna = await world.loggedIn(ANNA);
    erik = await world.loggedIn(ERIK);
    nobody = world.browser();
    fileId = (await anna.upload('serviceId=behorighet&fieldId=intyg')).json<{ id: string }>().id;
    const sent = await anna.submit(caseBody('behorighet', { skola: 'Norr', intyg: [fileId] }));
    caseId = sent.json<SubmitCaseResponse>().receipt.caseId;
    messageFileId = (await anna.upload(`messageFor=${caseId}`)).json<{ id: string }>().id;
    await anna.send('POST', `/api/my/cases/${caseId}/messages`, { body: 'Annas meddelande', attachmentIds: [messageFileId] });
    world.clock.now += 1000;
    await world.backend.db.transaction((tx) => addOfficerMessage(tx, caseId, 'Till Anna', new Date(world.clock.now)));
    draft = await anna.createDraft({ serviceId: 'behorighet', serviceVersion: 1, answers: { skola: 'Annas utkast' } });
    signedDraft = await anna.createDraft({ serviceId: 'behorighet-signerad', serviceVersion: 1, answers: {} });
  });
  after(() => world.close());

  type Attempt = { name: string; call: (browser: Browser, ids: { draft: string; signedDraft: string; case: string; file: string }) => ReturnType<Browser['send']> };
  const draftSave = (version: number) => ({ serviceId: 'behorighet', serviceVersion: 1, answers: { skola: 'Eriks' }, version });
  const attempts: Attempt[] = [
    { name: 'GET draft', call: (b, ids) => b.send('GET', `/api/drafts/${ids.draft}`) },
    { name: 'PUT draft', call: (b, ids) => b.send('PUT', `/api/drafts/${ids.draft}`, draftSave(1)) },
    { name: 'DELETE draft', call: (b, ids) => b.send('DELETE', `/api/drafts/${ids.draft}`) },
    { name: 'send the draft', call: (b, ids) => b.submit(caseBody('behorighet', { skola: 'Eriks' }, { draftId: ids.draft }), newKey()) },
    {
      name: 'sign the draft',
      call: (b, ids) => b.send('POST', '/api/signatures', { ...caseBody('behorighet-signerad', { skola: 'Eriks' }, { draftId: ids.signedDraft }), method: 'otherDevice' }, { 'idempotency-key': newKey() }),
    },
    { name: 'GET case', call: (b, ids) => b.send('GET', `/api/my/cases/${ids.case}`) },
    { name: 'download a file', call: (b, ids) => b.send('GET', `/api/my/cases/${ids.case}/attachments/${ids.file}`) },
    { name: 'GET messages', call: (b, ids) => b.send('GET', `/api/my/cases/${ids.case}/messages`) },
    { name: 'POST message', call: (b, ids) => b.send('POST', `/api/my/cases/${ids.case}/messages`, { body: 'Från Erik' }) },
    { name: 'mark read', call: (b, ids) => b.send('POST', `/api/my/cases/${ids.case}/messages/read`) },
    { name: 'upload for a message', call: (b, ids) => b.upload(`messageFor=${ids.case}`, PDF) },
  ];

  it('answers citizen B exactly as for ids that do not exist', async (t) => {
    const anna_ = { draft: draft.id, signedDraft: signedDraft.id, case: caseId, file: fileId };
    const none = { draft: MISSING, signedDraft: MISSING, case: MISSING, file: MISSING };
    for (const attempt of attempts) {
      const onAnnas = await attempt.call(erik, anna_);
      const onNothing = await attempt.call(erik, none);
      assert.equal(onAnnas.statusCode, 404, `${attempt.name}: ${onAnnas.body}`);
      assert.equal(onAnnas.statusCode, onNothing.statusCode, attempt.name);
      assert.deepEqual(comparable(onAnnas.body), comparable(onNothing.body), attempt.name);
      assert.equal(onAnnas.headers['content-type'], onNothing.headers['content-type'], attempt.name);
    }
    // Anna's file from a case that is Anna's, through Erik's own case: still 404.
    const own = (await erik.submit(caseBody('behorighet', { skola: 'Eriks' }))).json<SubmitCaseResponse>().receipt.caseId;
    const viaOwn = await erik.send('GET', `/api/my/cases/${own}/attachments/${fileId}`);
    const viaOwnNothing = await erik.send('GET', `/api/my/cases/${own}/attachments/${MISSING}`);
    assert.equal(viaOwn.statusCode, 404);
    assert.deepEqual(comparable(viaOwn.body), comparable(viaOwnNothing.body));
    // Anna's message file, named in Erik's message on his own case.
    const stolen = await erik.send('POST', `/api/my/cases/${own}/messages`, { body: 'Stöld', attachmentIds: [messageFileId] });
    const stolenNothing = await erik.send('POST', `/api/my/cases/${own}/messages`, { body: 'Stöld', attachmentIds: [MISSING] });
    assert.equal(stolen.statusCode, 400);
    assert.deepEqual(comparable(stolen.body), comparable(stolenNothing.body));
    // Anna's draft's id in Erik's list: nowhere.
    const eriksList = (await erik.send('GET', '/api/my/cases')).body;
    assert.ok(!eriksList.includes(draft.id) && !eriksList.includes(caseId));
    t.diagnostic(`authorization: ${attempts.length} actions on another citizen's draft, case, file and message, and 2 through one's own case, each beside the same for an id that does not exist: ${2 * attempts.length + 4} requests, the same answers, 0 leaks`);
  });

  it('answers a request without a session 401 before looking at any id', async (t) => {
    for (const attempt of attempts) {
      const onAnnas = await attempt.call(nobody, { draft: draft.id, signedDraft: signedDraft.id, case: caseId, file: fileId });
      const onNothing = await attempt.call(nobody, { draft: MISSING, signedDraft: MISSING, case: MISSING, file: MISSING });
      assert.equal(onAnnas.statusCode, 401, `${attempt.name}: ${onAnnas.body}`);
      assert.deepEqual(comparable(onAnnas.body), comparable(onNothing.body), attempt.name);
    }
    for (const url of ['/api/my/cases', '/api/my/profile', '/api/my/export']) {
      assert.equal((await nobody.send('GET', url)).statusCode, 401, url);
    }
    assert.equal((await nobody.send('PUT', '/api/my/profile', { notifyBy: 'none' })).statusCode, 401);
    assert.equal((await nobody.send('POST', '/api/drafts', { serviceId: 'behorighet', serviceVersion: 1, answers: {} })).statusCode, 401);
    t.diagnostic(`authorization: ${2 * attempts.length + 5} requests without a session, each 401 before any id was looked at`);
  });

  it('left everything of Anna’s as it was', async () => {
    const stored = await anna.send('GET', `/api/drafts/${draft.id}`);
    assert.equal(stored.statusCode, 200);
    assert.deepEqual(stored.json<Draft>(), draft);
    assert.deepEqual((await anna.send('GET', `/api/drafts/${signedDraft.id}`)).json<Draft>(), signedDraft);
    const messages = (await anna.send('GET', `/api/my/cases/${caseId}/messages`)).json<MessageList>().messages;
    assert.deepEqual(messages.map((m) => [m.from, m.body, m.readAt]), [['citizen', 'Annas meddelande', undefined], ['officer', 'Till Anna', undefined]]);
    assert.equal((await anna.send('GET', `/api/my/cases/${caseId}/attachments/${fileId}`)).statusCode, 200);
    const uploadsForHerCase = await world.backend.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM attachments WHERE message_for_case_id = $1', [caseId]);
    assert.equal(uploadsForHerCase.rows[0]!.n, 1, 'only her own upload');
  });
});
