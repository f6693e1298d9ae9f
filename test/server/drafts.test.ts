import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SubmitCaseResponse } from '../../src/contract/cases.js';
import { Draft } from '../../src/contract/my-pages.js';
import type { Problem } from '../../src/contract/problem.js';
import type { SigningState, StartSigningResponse } from '../../src/contract/signing.js';
import type { PrefillResponse } from '../../src/contract/prefill.js';
import { countCases, newKey } from '../support/backend.js';
import { type Browser, person, startWorld, type World } from './support/browser.js';
import { caseBody, testService } from './support/definitions.js';

const ANNA = person('Anna');
const ERIK = person('Erik');

const PLAIN = testService('utkast');
const OTHER = testService('utkast-annan', { login: 'optional', prefix: 'ANN' });
const SIGNED = testService('utkast-signerad', { signing: 'sign', prefix: 'SIG' });
const ONCE = testService('engang', { onePerPerson: true, prefix: 'ENG' });
const ONCE_SIGNED = testService('engang-signerad', { onePerPerson: true, signing: 'sign', prefix: 'ENS' });

const draftBody = (serviceId: string, answers: Record<string, unknown> = { skola: 'Norr' }, extra: Record<string, unknown> = {}) =>
  ({ serviceId, serviceVersion: 1, answers, ...extra });

describe('drafts', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ extraDefinitions: [PLAIN, OTHER, SIGNED, ONCE, ONCE_SIGNED] });
  });
  after(() => world.close());

  const draftsInDb = async (id: string) =>
    Number((await world.backend.db.query<{ n: number }>('SELECT count(*)::int AS n FROM drafts WHERE id = $1', [id])).rows[0]!.n);

  /** Signs on "another device" as the citizen would, and polls until the case is made. */
  async function sign(browser: Browser, body: Record<string, unknown>, who = ANNA): Promise<SubmitCaseResponse> {
    const started = await browser.send('POST', '/api/signatures', { ...body, method: 'otherDevice' }, { 'idempotency-key': newKey() });
    assert.equal(started.statusCode, 201, started.body);
    const { orderRef } = started.json<StartSigningResponse>();
    world.sim.act(orderRef, { action: 'approve', personalNumber: who.personalNumber });
    world.clock.now += 2000;
    const state = (await browser.send('GET', `/api/signatures/${orderRef}`)).json<SigningState>();
    assert.equal(state.status, 'complete', JSON.stringify(state));
    return state.result!;
  }

  it('creates a draft only with a session, for an e-service with login, naming only its questions; unfinished answers are fine', async () => {
    const anonymous = await world.browser().send('POST', '/api/drafts', draftBody('utkast'));
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.json<Problem>().type, '/problems/not-logged-in');

    const anna = await world.loggedIn(ANNA);
    // "skola" is required: an empty draft is still a draft.
    const created = await anna.send('POST', '/api/drafts', draftBody('utkast', {}, { stepId: 'forsta' }));
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.headers['cache-control'], 'no-store');
    const draft = Draft.parse(created.json());
    assert.equal(draft.version, 1);
    assert.equal(draft.stepId, 'forsta');
    assert.deepEqual(draft.answers, {});
    assert.equal(draft.createdAt, new Date(world.clock.now).toISOString());
    assert.equal(Date.parse(draft.expiresAt) - Date.parse(draft.updatedAt), 30 * 86_400_000, 'retention.draftDays');

    const optional = await anna.send('POST', '/api/drafts', draftBody('utkast-annan'));
    assert.equal(optional.statusCode, 201, 'login "optional" takes drafts too');

    const noLogin = await anna.send('POST', '/api/drafts', { serviceId: 'felanmalan', serviceVersion: 1, answers: {} });
    assert.equal(noLogin.statusCode, 409);
    assert.equal(noLogin.json<Problem>().type, '/problems/drafts-not-used');

    const unknown = await anna.send('POST', '/api/drafts', draftBody('utkast', { skola: 'Norr', hacker: 'x' }));
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json<Problem>().errors?.map((e) => [e.path, e.code]), [['hacker', 'unknownField']]);
    const badStep = await anna.send('POST', '/api/drafts', draftBody('utkast', {}, { stepId: 'nope' }));
    assert.equal(badStep.statusCode, 400);
    const notAnswers = await anna.send('POST', '/api/drafts', draftBody('utkast', { skola: { deep: { deeper: 1 } } }));
    assert.equal(notAnswers.statusCode, 400);
    assert.equal(notAnswers.json<Problem>().type, '/problems/invalid-body');
    const missing = await anna.send('POST', '/api/drafts', { ...draftBody('finns-inte') });
    assert.equal(missing.statusCode, 404);
  });

  it('saves on top of the stored version; a second tab saving the same version gets 409 with currentVersion and overwrites nothing', async () => {
    const anna = await world.loggedIn(ANNA);
    const draft = await anna.createDraft(draftBody('utkast', { skola: 'Första' }));
    const tab1 = (await anna.send('GET', `/api/drafts/${draft.id}`)).json<Draft>();
    const tab2 = (await anna.send('GET', `/api/drafts/${draft.id}`)).json<Draft>();
    assert.equal(tab1.version, 1);

    world.clock.now += 60_000;
    const saved = await anna.send('PUT', `/api/drafts/${draft.id}`, draftBody('utkast', { skola: 'Flik ett' }, { version: tab1.version, stepId: 'andra' }));
    assert.equal(saved.statusCode, 200, saved.body);
    const afterFirst = saved.json<Draft>();
    assert.equal(afterFirst.version, 2);
    assert.equal(afterFirst.updatedAt, new Date(world.clock.now).toISOString());
    assert.equal(afterFirst.createdAt, draft.createdAt);
    assert.equal(Date.parse(afterFirst.expiresAt), world.clock.now + 30 * 86_400_000, 'the expiry moves with each save');

    const conflict = await anna.send('PUT', `/api/drafts/${draft.id}`, draftBody('utkast', { skola: 'Flik två' }, { version: tab2.version }));
    assert.equal(conflict.statusCode, 409);
    assert.equal(conflict.headers['content-type'], 'application/problem+json; charset=utf-8');
    const problem = conflict.json<Problem & { currentVersion: number }>();
    assert.equal(problem.type, '/problems/draft-conflict');
    assert.equal(problem.title, 'Ärendet har ändrats på annat håll, till exempel i en annan flik.');
    assert.equal(problem.currentVersion, 2);
    const english = await anna.send('PUT', `/api/drafts/${draft.id}`, draftBody('utkast', { skola: 'Flik två' }, { version: 1 }), { 'accept-language': 'en' });
    assert.equal(english.json<Problem>().title, 'The application has been changed elsewhere, for example in another tab.');

    const stored = (await anna.send('GET', `/api/drafts/${draft.id}`)).json<Draft>();
    assert.deepEqual(stored.answers, { skola: 'Flik ett' }, 'tab two overwrote nothing');
    assert.equal(stored.version, 2);
    assert.equal(stored.stepId, 'andra');

    // Tab two reloads and saves on top of version 2.
    const again = await anna.send('PUT', `/api/drafts/${draft.id}`, draftBody('utkast', { skola: 'Flik två' }, { version: problem.currentVersion }));
    assert.equal(again.json<Draft>().version, 3);

    const noVersion = await anna.send('PUT', `/api/drafts/${draft.id}`, draftBody('utkast', { skola: 'X' }));
    assert.equal(noVersion.statusCode, 400);
    const otherService = await anna.send('PUT', `/api/drafts/${draft.id}`, draftBody('utkast-annan', {}, { version: 3 }));
    assert.equal(otherService.statusCode, 400);
    assert.equal((await anna.send('GET', `/api/drafts/${draft.id}`)).json<Draft>().version, 3);
  });

  it('deletes a draft (204), after which it is 404 in every method; an expired draft is gone too', async () => {
    const anna = await world.loggedIn(ANNA);
    const draft = await anna.createDraft(draftBody('utkast'));
    const deleted = await anna.send('DELETE', `/api/drafts/${draft.id}`);
    assert.equal(deleted.statusCode, 204);
    assert.equal(await draftsInDb(draft.id), 0);
    for (const [method, body] of [['GET'], ['PUT', draftBody('utkast', {}, { version: 1 })], ['DELETE']] as const) {
      const response = await anna.send(method, `/api/drafts/${draft.id}`, body);
      assert.equal(response.statusCode, 404, method);
      assert.equal(response.json<Problem>().type, '/problems/draft-not-found');
    }

    const old = await anna.createDraft(draftBody('utkast'));
    world.clock.now += 31 * 86_400_000;
    assert.equal((await anna.logIn(ANNA).then(() => anna.send('GET', `/api/drafts/${old.id}`))).statusCode, 404, 'past expiresAt');
  });

  it('sends a draft: the case is made and the draft deleted in one transaction, its uploads claimed', async () => {
    const anna = await world.loggedIn(ANNA);
    const upload = await anna.upload('serviceId=utkast&fieldId=intyg');
    assert.equal(upload.statusCode, 201, upload.body);
    const fileId = upload.json<{ id: string }>().id;
    const draft = await anna.createDraft(draftBody('utkast', { skola: 'Norr', intyg: [fileId] }));

    const before = await countCases(world.backend.db);
    const sent = await anna.submit(caseBody('utkast', { skola: 'Norr', intyg: [fileId] }, { draftId: draft.id }));
    assert.equal(sent.statusCode, 201, sent.body);
    const { caseId } = sent.json<SubmitCaseResponse>().receipt;
    assert.equal(await countCases(world.backend.db), before + 1);
    assert.equal(await draftsInDb(draft.id), 0, 'the draft became the case');
    assert.equal((await anna.send('GET', `/api/drafts/${draft.id}`)).statusCode, 404);
    const claimed = await world.backend.db.query<{ case_id: string }>('SELECT case_id FROM attachments WHERE id = $1', [fileId]);
    assert.equal(claimed.rows[0]!.case_id, caseId);
    const history = await world.backend.db.query<{ status: string; changed_by: string }>(
      'SELECT status, changed_by FROM case_status_history WHERE case_id = $1', [caseId]);
    assert.deepEqual(history.rows, [{ status: 'submitted', changed_by: 'citizen' }]);
  });

  it('keeps the draft when the case fails inside its transaction, and refuses a draft that is not the person’s own or of another e-service', async () => {
    const anna = await world.loggedIn(ANNA);
    const fileId = (await anna.upload('serviceId=utkast&fieldId=intyg')).json<{ id: string }>().id;
    assert.equal((await anna.submit(caseBody('utkast', { skola: 'A', intyg: [fileId] }))).statusCode, 201);
    // The draft names a file another case has claimed since: the claim fails after the draft was taken.
    const draft = await anna.createDraft(draftBody('utkast', { skola: 'B', intyg: [fileId] }));
    const before = await countCases(world.backend.db);
    const refused = await anna.submit(caseBody('utkast', { skola: 'B', intyg: [fileId] }, { draftId: draft.id }));
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(await countCases(world.backend.db), before);
    assert.equal(await draftsInDb(draft.id), 1, 'rolled back with the case');

    const invalid = await anna.submit(caseBody('utkast', { skola: '' }, { draftId: draft.id }));
    assert.equal(invalid.statusCode, 400);
    assert.equal(await draftsInDb(draft.id), 1);

    const wrongService = await anna.submit(caseBody('utkast-annan', { skola: 'B' }, { draftId: draft.id }));
    assert.equal(wrongService.statusCode, 404);
    assert.equal(wrongService.json<Problem>().type, '/problems/draft-not-found');

    const erik = await world.loggedIn(ERIK);
    const stolen = await erik.submit(caseBody('utkast', { skola: 'B' }, { draftId: draft.id }));
    assert.equal(stolen.statusCode, 404);
    assert.equal(stolen.json<Problem>().type, '/problems/draft-not-found');
    assert.equal(await countCases(world.backend.db), before);
    assert.equal(await draftsInDb(draft.id), 1);
  });

  it('sends a draft by signing: checked at the start, deleted when the signature completes', async () => {
    const anna = await world.loggedIn(ANNA);
    const draft = await anna.createDraft(draftBody('utkast-signerad', { skola: 'Syd' }));
    const erik = await world.loggedIn(ERIK);
    const notHis = await erik.send('POST', '/api/signatures', { ...caseBody('utkast-signerad', { skola: 'Syd' }, { draftId: draft.id }), method: 'otherDevice' },
      { 'idempotency-key': newKey() });
    assert.equal(notHis.statusCode, 404);
    assert.equal(notHis.json<Problem>().type, '/problems/draft-not-found');

    const started = await anna.send('POST', '/api/signatures', { ...caseBody('utkast-signerad', { skola: 'Syd' }, { draftId: draft.id }), method: 'otherDevice' },
      { 'idempotency-key': newKey() });
    assert.equal(started.statusCode, 201, started.body);
    assert.equal(await draftsInDb(draft.id), 1, 'still there while signing');
    const { orderRef } = started.json<StartSigningResponse>();
    world.sim.act(orderRef, { action: 'approve', personalNumber: ANNA.personalNumber });
    world.clock.now += 2000;
    const state = (await anna.send('GET', `/api/signatures/${orderRef}`)).json<SigningState>();
    assert.equal(state.status, 'complete');
    assert.equal(await draftsInDb(draft.id), 0);
  });

  it('allows one case per person: a second submit, signing or draft answers 409 already-used with the first case', async () => {
    const anna = await world.loggedIn(ANNA);
    const early = await anna.createDraft(draftBody('engang'));
    const first = await anna.submit(caseBody('engang', { skola: 'Ett' }, { draftId: early.id }));
    assert.equal(first.statusCode, 201, first.body);
    const caseId = first.json<SubmitCaseResponse>().receipt.caseId;

    const second = await anna.submit(caseBody('engang', { skola: 'Två' }));
    assert.equal(second.statusCode, 409);
    const problem = second.json<Problem & { caseId: string }>();
    assert.equal(problem.type, '/problems/already-used');
    assert.equal(problem.title, 'Du har redan använt tjänsten');
    assert.equal(problem.caseId, caseId);
    const english = await anna.submit(caseBody('engang', { skola: 'Två' }), newKey());
    assert.equal(english.statusCode, 409);
    const en = await anna.send('POST', '/api/cases', { ...caseBody('engang', { skola: 'Två' }), lang: 'en' }, { 'idempotency-key': newKey() });
    assert.equal(en.json<Problem>().title, 'You have already used this e-service');

    const draft = await anna.send('POST', '/api/drafts', draftBody('engang'));
    assert.equal(draft.statusCode, 409);
    assert.equal(draft.json<Problem & { caseId: string }>().caseId, caseId);

    // Told when the form opens, before anything is filled in: the case and where it is on Mina sidor.
    const opened = (await anna.send('GET', '/api/services/engang/prefill')).json<PrefillResponse>();
    assert.deepEqual(opened.alreadyUsed, { caseId, url: `${world.backend.config.myPagesUrl}?case=${caseId}` });
    assert.match(world.backend.config.myPagesUrl, /\/mina-sidor\.html$/);
    assert.equal((await anna.send('GET', '/api/services/utkast/prefill')).json<PrefillResponse>().alreadyUsed, undefined);

    // Someone else may still use it.
    const erik = await world.loggedIn(ERIK);
    assert.equal((await erik.submit(caseBody('engang', { skola: 'Erik' }))).statusCode, 201);

    // Signing: the second start is refused before BankID is asked.
    const signed = await sign(anna, caseBody('engang-signerad', { skola: 'Ett' }));
    const again = await anna.send('POST', '/api/signatures', { ...caseBody('engang-signerad', { skola: 'Två' }), method: 'otherDevice' },
      { 'idempotency-key': newKey() });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json<Problem & { caseId: string }>().caseId, signed.receipt.caseId);
    const count = await world.backend.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM cases WHERE service_id IN ('engang', 'engang-signerad') AND applicant_personal_number = $1", [ANNA.personalNumber]);
    assert.equal(count.rows[0]!.n, 2);
  });

  it('makes one case per person when two submissions arrive at once', async () => {
    const erik = await world.loggedIn(ERIK);
    const answers = await Promise.all(['Ett', 'Två', 'Tre'].map((skola) => erik.submit(caseBody('engang', { skola }, { lang: 'sv' }))));
    // Erik already has a case of 'engang' from the test above: make a fresh person's race instead.
    assert.ok(answers.every((response) => response.statusCode === 409));
    const johan = await world.loggedIn(person('Johan'));
    const race = await Promise.all(['Ett', 'Två', 'Tre'].map((skola) => johan.submit(caseBody('engang', { skola }))));
    assert.deepEqual(race.map((response) => response.statusCode).sort(), [201, 409, 409]);
    const count = await world.backend.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM cases WHERE service_id = 'engang' AND applicant_personal_number = $1", [person('Johan').personalNumber]);
    assert.equal(count.rows[0]!.n, 1);
  });
});
