import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SubmitCaseResponse } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import type { OnePerPerson } from '../../src/contract/once-per-person.js';
import type { PrefillResponse } from '../../src/contract/prefill.js';
import type { Problem } from '../../src/contract/problem.js';
import type { SigningState, StartSigningResponse } from '../../src/contract/signing.js';
import type { SimPerson } from '../../server/eid/simulator/index.js';
import { newKey } from '../support/backend.js';
import { type Browser, person, startWorld, type World } from './support/browser.js';
import { caseBody, testService } from './support/definitions.js';

/**
 * onePerPerson with a limit: one case a month, a year, within a round, or per child — each refused
 * with words that say which limit, and a link to the case already sent; `true` as it always was.
 */

const ANNA = person('Anna');
const ERIK = person('Erik');
const MAJA = '201605120243';
const OLLE = '201209034576';

/** A test e-service whose first question is "Which child?", one case per child. */
function perChildService(id: string, prefix: string, signing?: 'sign'): ServiceDefinition {
  const plain = testService(id, { prefix, ...(signing ? { signing } : {}) });
  const [first, ...rest] = plain.steps;
  return ServiceDefinition.parse({
    ...plain,
    onePerPerson: { perChild: 'barn' } satisfies OnePerPerson,
    steps: [{ ...first!, fields: [{ id: 'barn', type: 'child', label: { sv: 'Barn', en: 'Child' } }, ...first!.fields] }, ...rest],
  });
}

const MONTHLY = testService('manadsbidrag', { onePerPerson: { per: 'month' }, prefix: 'MAN' });
const YEARLY = testService('arsbidrag', { onePerPerson: { per: 'year' }, prefix: 'ARS' });
const ROUND = testService('ansokningsomgang', { onePerPerson: { from: '2027-01-01', to: '2027-03-31' }, prefix: 'OMG' });
const PER_CHILD = perChildService('per-barn', 'BRN');
const PER_CHILD_SIGNED = perChildService('per-barn-signerad', 'BRS', 'sign');
const ONCE = testService('en-gang', { onePerPerson: true, prefix: 'ENG' });

describe('one case per person with a limit', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ extraDefinitions: [MONTHLY, YEARLY, ROUND, PER_CHILD, PER_CHILD_SIGNED, ONCE] });
  });
  after(() => world.close());

  /** A person logged in so that the server's clock then reads `iso` (a login takes the test's 2 s). */
  const loggedInAt = (who: SimPerson, iso: string) => {
    world.clock.now = Date.parse(iso) - 2000;
    return world.loggedIn(who);
  };
  const setClock = (iso: string) => { world.clock.now = Date.parse(iso); };
  const created = async (browser: Browser, serviceId: string, answers?: Record<string, unknown>) => {
    const response = await browser.submit(caseBody(serviceId, answers));
    assert.equal(response.statusCode, 201, response.body);
    return response.json<SubmitCaseResponse>().receipt.caseId;
  };
  const refused = async (browser: Browser, serviceId: string, answers?: Record<string, unknown>, lang = 'sv') => {
    const response = await browser.submit(caseBody(serviceId, answers, { lang }));
    assert.equal(response.statusCode, 409, response.body);
    const problem = response.json<Problem & { caseId: string }>();
    assert.equal(problem.type, '/problems/already-used');
    return problem;
  };
  const usedWhenOpened = async (browser: Browser, serviceId: string) =>
    (await browser.send('GET', `/api/services/${serviceId}/prefill`)).json<PrefillResponse>().alreadyUsed?.caseId;

  it('per month: a second case in the same Swedish calendar month is refused, the next month takes one — 23:30 on 31 January is January', async () => {
    // 22:30 UTC is 23:30 in Stockholm (CET, UTC+1): still January.
    const anna = await loggedInAt(ANNA, '2027-01-31T22:30:00Z');
    const january = await created(anna, 'manadsbidrag');

    setClock('2027-01-31T22:45:00Z');
    const problem = await refused(anna, 'manadsbidrag');
    assert.equal(problem.caseId, january, 'the link goes to the case already sent');
    assert.equal(problem.title, 'Du har redan skickat en ansökan i den här e-tjänsten den här månaden');
    assert.equal(problem.detail, 'Du kan skicka en ansökan i månaden. Du hittar den under Mina sidor.');
    const english = await refused(anna, 'manadsbidrag', undefined, 'en');
    assert.equal(english.title, 'You have already sent an application with this e-service this month');
    assert.equal(await usedWhenOpened(anna, 'manadsbidrag'), january, 'the form is told when it opens');
    // … in the words that name the limit, for the form to say in place of its own "only one application".
    const opened = (await anna.send('GET', '/api/services/manadsbidrag/prefill')).json<PrefillResponse>().alreadyUsed!;
    assert.deepEqual([opened.title, opened.detail], [problem.title, problem.detail]);
    assert.equal((await anna.send('POST', '/api/drafts', { serviceId: 'manadsbidrag', serviceVersion: 1, answers: {} })).statusCode, 409);

    // Someone else's month is their own.
    const erik = await loggedInAt(ERIK, '2027-01-31T22:59:30Z');
    await created(erik, 'manadsbidrag');

    // 23:00:30 UTC is 00:00:30 on 1 February in Stockholm: a new month.
    const february = await loggedInAt(ANNA, '2027-01-31T23:00:30Z');
    assert.equal(await usedWhenOpened(february, 'manadsbidrag'), undefined);
    const next = await created(february, 'manadsbidrag');
    assert.notEqual(next, january);
    const late = await loggedInAt(ANNA, '2027-02-28T12:00:00Z');
    assert.equal((await refused(late, 'manadsbidrag')).caseId, next);
  });

  it('per month: two submissions at the same moment make one case', async () => {
    const anna = await loggedInAt(ANNA, '2027-05-10T10:00:00Z');
    const answers = await Promise.all(['Ett', 'Två', 'Tre'].map((skola) => anna.submit(caseBody('manadsbidrag', { skola }))));
    assert.deepEqual(answers.map((response) => response.statusCode).sort(), [201, 409, 409]);
  });

  it('per year: a second case in the same Swedish calendar year is refused; New Year in Stockholm starts a new one', async () => {
    // 23:30 on New Year's Eve in Stockholm.
    const anna = await loggedInAt(ANNA, '2027-12-31T22:30:00Z');
    const first = await created(anna, 'arsbidrag');
    const problem = await refused(anna, 'arsbidrag');
    assert.equal(problem.caseId, first);
    assert.equal(problem.title, 'Du har redan skickat en ansökan i den här e-tjänsten i år');
    assert.equal((await refused(anna, 'arsbidrag', undefined, 'en')).title, 'You have already sent an application with this e-service this year');

    const newYear = await loggedInAt(ANNA, '2027-12-31T23:00:30Z');
    assert.equal(await usedWhenOpened(newYear, 'arsbidrag'), undefined);
    const second = await created(newYear, 'arsbidrag');
    const november = await loggedInAt(ANNA, '2028-11-30T12:00:00Z');
    assert.equal((await refused(november, 'arsbidrag')).caseId, second);
  });

  it('a round: refused inside it once a case was sent within it; before and after it the e-service is not limited', async () => {
    // The day before the round (Stockholm): as many cases as the person likes, and none counts in the round.
    const before = await loggedInAt(ANNA, '2026-12-31T12:00:00Z');
    await created(before, 'ansokningsomgang');
    await created(before, 'ansokningsomgang');

    // 23:30 on 31 December UTC is already 1 January in Stockholm: inside.
    const inside = await loggedInAt(ANNA, '2026-12-31T23:30:00Z');
    assert.equal(await usedWhenOpened(inside, 'ansokningsomgang'), undefined, 'cases before the round do not count in it');
    const first = await created(inside, 'ansokningsomgang');
    const problem = await refused(inside, 'ansokningsomgang');
    assert.equal(problem.caseId, first);
    assert.equal(problem.title, 'Du har redan skickat en ansökan i den här e-tjänsten under den här ansökningsperioden (2027-01-01–2027-03-31)');
    assert.equal(problem.detail, 'Du kan skicka en ansökan under varje ansökningsperiod. Du hittar den under Mina sidor.');
    assert.equal((await refused(inside, 'ansokningsomgang', undefined, 'en')).title,
      'You have already sent an application with this e-service in this application period (2027-01-01–2027-03-31)');

    // The last day, late in the evening (CEST, UTC+2): still the round.
    const lastDay = await loggedInAt(ANNA, '2027-03-31T21:30:00Z');
    assert.equal(await usedWhenOpened(lastDay, 'ansokningsomgang'), first);
    assert.equal((await refused(lastDay, 'ansokningsomgang')).caseId, first);

    // 00:30 on 1 April in Stockholm: after the round, not limited by it.
    const afterRound = await loggedInAt(ANNA, '2027-03-31T22:30:00Z');
    assert.equal(await usedWhenOpened(afterRound, 'ansokningsomgang'), undefined);
    await created(afterRound, 'ansokningsomgang');
    await created(afterRound, 'ansokningsomgang');
  });

  it('per child: the same child twice is refused, another child is taken, and the other guardian has their own', async () => {
    const anna = await loggedInAt(ANNA, '2027-06-01T10:00:00Z');
    const maja = await created(anna, 'per-barn', { barn: MAJA, skola: 'Centralskolan' });
    const problem = await refused(anna, 'per-barn', { barn: MAJA, skola: 'Centralskolan' });
    assert.equal(problem.caseId, maja);
    assert.equal(problem.title, 'Du har redan skickat en ansökan i den här e-tjänsten för det här barnet');
    assert.equal(problem.detail, 'Du kan skicka en ansökan för varje barn. Du hittar den under Mina sidor.');
    assert.equal((await refused(anna, 'per-barn', { barn: MAJA, skola: 'X' }, 'en')).title,
      'You have already sent an application with this e-service for this child');
    await created(anna, 'per-barn', { barn: OLLE, skola: 'Grannby skola' });
    assert.equal((await refused(anna, 'per-barn', { barn: OLLE, skola: 'Y' })).status, 409);

    // The form can't know the child when it opens, nor a draft which child it ends up with.
    assert.equal(await usedWhenOpened(anna, 'per-barn'), undefined);
    assert.equal((await anna.send('POST', '/api/drafts', { serviceId: 'per-barn', serviceVersion: 1, answers: { barn: MAJA } })).statusCode, 201);

    const erik = await loggedInAt(ERIK, '2027-06-01T10:05:00Z');
    await created(erik, 'per-barn', { barn: MAJA, skola: 'Centralskolan' });
  });

  it('per child with signing: the same child is refused before BankID is asked, another child is signed', async () => {
    const anna = await loggedInAt(ANNA, '2027-06-02T10:00:00Z');
    const start = (child: string) => anna.send('POST', '/api/signatures',
      { ...caseBody('per-barn-signerad', { barn: child, skola: 'Skolan' }), method: 'otherDevice' }, { 'idempotency-key': newKey() });
    const sign = async (child: string) => {
      const started = await start(child);
      assert.equal(started.statusCode, 201, started.body);
      const { orderRef } = started.json<StartSigningResponse>();
      world.sim.act(orderRef, { action: 'approve', personalNumber: ANNA.personalNumber });
      world.clock.now += 2000;
      const state = (await anna.send('GET', `/api/signatures/${orderRef}`)).json<SigningState>();
      assert.equal(state.status, 'complete', JSON.stringify(state));
      return state.result!.receipt.caseId;
    };
    const maja = await sign(MAJA);
    const again = await start(MAJA);
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json<Problem & { caseId: string }>().caseId, maja);
    assert.equal(again.json<Problem>().title, 'Du har redan skickat en ansökan i den här e-tjänsten för det här barnet');
    await sign(OLLE);
  });

  it('true: one case ever, with the words it always had, across months and years', async () => {
    const anna = await loggedInAt(ANNA, '2027-01-15T10:00:00Z');
    const first = await created(anna, 'en-gang');
    const later = await loggedInAt(ANNA, '2029-07-01T10:00:00Z');
    const problem = await refused(later, 'en-gang');
    assert.equal(problem.caseId, first);
    assert.equal(problem.title, 'Du har redan använt tjänsten');
    assert.equal(problem.detail, 'Du kan bara skicka en ansökan. Du hittar den under Mina sidor.');
    assert.equal(await usedWhenOpened(later, 'en-gang'), first);
    const { rows } = await world.backend.db.query<{ scope: string }>('SELECT scope FROM one_per_person_cases WHERE case_id = $1', [first]);
    assert.deepEqual(rows, [{ scope: '' }], 'the same claim as before limits came');
  });
});
