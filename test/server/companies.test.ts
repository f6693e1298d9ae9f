import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MyCompanies } from '../../src/contract/companies.js';
import type { CosignRequestView, CosignSigningState, StartCosignResponse } from '../../src/contract/cosign.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import type { CaseDetails, Draft, MyCases } from '../../src/contract/my-pages.js';
import type { Problem } from '../../src/contract/problem.js';
import type { SigningState, StartSigningResponse } from '../../src/contract/signing.js';
import { luhnValid } from '../../src/forms/swedish.js';
import { FIXTURE_COMPANIES, FixtureCompanyRegister } from '../../server/companies/providers/fixture.js';
import { FIXTURE_PERSONS } from '../../server/registry/fixture.js';
import type { SimPerson } from '../../server/eid/simulator/index.js';
import { newKey } from '../support/backend.js';
import { type Browser, PDF, person, startWorld, type World } from './support/browser.js';
import { inspectPdf } from './support/pdf-structure.js';

const ANNA = person('Anna');
const ERIK = person('Erik');
const JOHAN = person('Johan');
const SARA = person('Sara');
const FATIMA = person('Fatima');
const KAFFEKOPPEN = '5590123450';
const TORGCAFEET = '5568112345';
const OFFICER = 'o'.repeat(40);
const text = (sv: string, en: string) => ({ sv, en });

const base = {
  schemaVersion: 1, version: 1,
  municipality: { id: 'exempelby', name: text('Exempelby kommun', 'Exempelby Municipality') },
  description: text('För företag.', 'For companies.'),
  contact: { text: text('Ring oss.', 'Call us.') },
  login: 'required',
  steps: [{ id: 'uppgifter', title: text('Uppgifter', 'Details'), fields: [{ id: 'what', type: 'text', label: text('Vad', 'What') }] }],
  receipt: { title: text('Tack', 'Thank you'), text: text('Vi har tagit emot ansökan.', 'We have received the application.') },
  retention: { closedCaseDays: 365, draftDays: 30 },
};

/** Signed by the company's signatory — by two together where the register says so. */
const SIGNED = ServiceDefinition.parse({
  ...base, id: 'foretagstillstand', caseNumberPrefix: 'FTT', title: text('Tillstånd för företag', 'Permit for companies'),
  applicants: 'companies', signing: 'sign', cosigning: { who: 'companySignatories' },
});
/** Sent without signing, by a company or a private person. */
const BOTH = ServiceDefinition.parse({
  ...base, id: 'foretag-eller-person', caseNumberPrefix: 'FEP', title: text('Anmälan', 'Notice'), applicants: 'both',
});
/** One case per company. */
const ONCE = ServiceDefinition.parse({
  ...base, id: 'en-per-foretag', caseNumberPrefix: 'EPF', title: text('En gång per företag', 'Once per company'), applicants: 'both', onePerPerson: true,
});
/** Sent without signing, by companies only. */
const COMPANIES = ServiceDefinition.parse({
  ...base, id: 'bara-foretag', caseNumberPrefix: 'BAF', title: text('Anmälan för företag', 'Notice for companies'), applicants: 'companies',
});

const problemOf = (response: { statusCode: number; json: <T>() => T }, status: number, type: string): Problem => {
  assert.equal(response.statusCode, status, JSON.stringify(response.json()));
  const body = response.json<Problem>();
  assert.equal(body.type, `/problems/${type}`);
  return body;
};

describe('the company register fixture', () => {
  it('has made-up organisationsnummer with valid check digits, whose signatories are the test persons', () => {
    const persons = new Map(FIXTURE_PERSONS.map((p) => [p.personalNumber, p.name]));
    for (const company of FIXTURE_COMPANIES) {
      assert.match(company.organisationNumber, /^\d{10}$/);
      assert.ok(luhnValid(company.organisationNumber), `${company.name}: ${company.organisationNumber} has a valid check digit`);
      if (company.legalForm === 'EF') {
        // A sole trader's number is the owner's personnummer.
        assert.equal(company.signatories.length, 1);
        assert.equal(company.organisationNumber, company.signatories[0]!.personalNumber.slice(2));
      } else {
        assert.ok(Number(company.organisationNumber[2]) >= 2, 'a legal person\'s number has a third digit of 2 or more');
      }
      for (const signatory of company.signatories) assert.equal(persons.get(signatory.personalNumber), signatory.name);
    }
    const signs = (pn: string) => FIXTURE_COMPANIES.flatMap((c) => c.signatories.filter((s) => s.personalNumber === pn).map((s) => s.signs));
    assert.ok(signs(JOHAN.personalNumber).includes('alone') && signs(ANNA.personalNumber).includes('jointly'));
    assert.deepEqual(signs(SARA.personalNumber), []);
  });

  it('never answers while it cannot be reached', async () => {
    const register = new FixtureCompanyRegister({ unavailable: true });
    await assert.rejects(register.companiesOf(JOHAN.personalNumber), { name: 'CompanyRegisterUnavailableError' });
  });
});

describe('an e-service definition for companies', () => {
  const parse = (overrides: Record<string, unknown>) => ServiceDefinition.safeParse({ ...base, id: 'x-y', caseNumberPrefix: 'XY', title: text('X', 'X'), ...overrides });
  const paths = (result: ReturnType<typeof parse>) => (result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));

  it('needs login "required", a personnummer, and companies for companySignatories — each refused at its own path', () => {
    assert.ok(parse({ applicants: 'both' }).success);
    const optional = paths(parse({ applicants: 'companies', login: 'optional' }));
    assert.ok(optional.some((issue) => issue.path === 'applicants' && /login "required"/.test(issue.message)), JSON.stringify(optional));
    const limited = paths(parse({ applicants: 'both', withoutPersonalNumber: 'limitedProfile' }));
    assert.ok(limited.some((issue) => issue.path === 'withoutPersonalNumber' && /company register/.test(issue.message)), JSON.stringify(limited));
    const persons = paths(parse({ signing: 'sign', cosigning: { who: 'companySignatories' } }));
    assert.ok(persons.some((issue) => issue.path === 'cosigning.who' && /applicants "companies" or "both"/.test(issue.message)), JSON.stringify(persons));
    const withQuestion = paths(parse({ applicants: 'companies', signing: 'sign', cosigning: { who: 'companySignatories', inviteField: 'what' } }));
    assert.ok(withQuestion.some((issue) => issue.path === 'cosigning'), JSON.stringify(withQuestion));
  });
});

describe('companies as applicants', () => {
  let world: World;
  let anna: Browser;
  let erik: Browser;
  let johan: Browser;
  let sara: Browser;
  let fatima: Browser;

  before(async () => {
    world = await startWorld({
      extraDefinitions: [SIGNED, BOTH, COMPANIES, ONCE],
      config: { cosignUrl: 'https://www.exempelby.se/medsignera.html', officerTokens: [{ municipalityId: 'exempelby', token: OFFICER }] },
    }, '2026-12-07T09:00:00Z');
    anna = await world.loggedIn(ANNA);
    erik = await world.loggedIn(ERIK);
    johan = await world.loggedIn(JOHAN);
    sara = await world.loggedIn(SARA);
    fatima = await world.loggedIn(FATIMA);
  });
  after(() => world.close());

  const register = () => world.backend.app.companies as FixtureCompanyRegister;
  const officer = (url: string) => world.backend.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${OFFICER}` } });

  async function signs(browser: Browser, who: SimPerson, body: Record<string, unknown>): Promise<SigningState> {
    const started = await browser.send('POST', '/api/signatures',
      { serviceId: SIGNED.id, serviceVersion: 1, lang: 'sv', answers: { what: 'Uteservering' }, method: 'otherDevice', ...body },
      { 'idempotency-key': newKey() });
    assert.equal(started.statusCode, 201, started.body);
    const { orderRef } = started.json<StartSigningResponse>();
    world.sim.act(orderRef, { action: 'approve', personalNumber: who.personalNumber });
    world.clock.now += 2000;
    return (await browser.send('GET', `/api/signatures/${orderRef}`)).json<SigningState>();
  }

  const submit = (browser: Browser, serviceId: string, company?: unknown) => browser.send('POST', '/api/cases',
    { serviceId, serviceVersion: 1, lang: 'sv', answers: { what: 'Skylt' }, ...(company ? { company } : {}) }, { 'idempotency-key': newKey() });

  it('lists the companies a person may sign for: how they sign, and who signs with them by name and id, never a personnummer', async () => {
    problemOf(await world.browser().send('GET', '/api/my/companies'), 401, 'not-logged-in');
    const response = await johan.send('GET', '/api/my/companies');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    const { companies } = response.json<MyCompanies>();
    assert.deepEqual(companies.map((c) => [c.name, c.legalForm, c.signs, c.cosignatories.map((o) => o.name)]), [
      ['Kaffekoppen i Exempelby AB', 'AB', 'alone', []],
      ['Torgcaféet i Exempelby AB', 'AB', 'jointly', ['Anna Andersson', 'Erik Andersson']],
    ]);
    for (const pn of [ANNA.personalNumber, ERIK.personalNumber, JOHAN.personalNumber]) assert.ok(!response.body.includes(pn.slice(2)));
    assert.deepEqual((await sara.send('GET', '/api/my/companies')).json<MyCompanies>(), { companies: [] });
    const sole = (await fatima.send('GET', '/api/my/companies')).json<MyCompanies>().companies;
    assert.deepEqual(sole.map((c) => [c.organisationNumber, c.legalForm, c.signs]), [[FATIMA.personalNumber.slice(2), 'EF', 'alone']]);
  });

  it('says plainly when the company register cannot be reached', async () => {
    register().unavailable = true;
    try {
      const body = problemOf(await johan.send('GET', '/api/my/companies', undefined, { 'accept-language': 'en' }), 503, 'company-register-unavailable');
      assert.match(body.title, /company register cannot be reached/);
      // Nor is a case accepted unchecked.
      problemOf(await submit(johan, COMPANIES.id, { organisationNumber: KAFFEKOPPEN }), 503, 'company-register-unavailable');
    } finally {
      register().unavailable = false;
    }
  });

  it('makes a company\'s case carry the organisation; refuses a company the person may not sign for, and one missing or out of place', async () => {
    const made = await submit(johan, COMPANIES.id, { organisationNumber: KAFFEKOPPEN });
    assert.equal(made.statusCode, 201, made.body);
    const caseId = made.json<{ receipt: { caseId: string } }>().receipt.caseId;
    const details = (await officer(`/api/officer/cases/${caseId}`)).json<{ organisation?: unknown; applicant: { personalNumber?: string } }>();
    assert.deepEqual(details.organisation, { organisationNumber: KAFFEKOPPEN, name: 'Kaffekoppen i Exempelby AB' });
    assert.equal(details.applicant.personalNumber, JOHAN.personalNumber);
    // The case's PDF, as the municipality files it, names the company with its number.
    const pdf = await officer(`/api/officer/cases/${caseId}/pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.match(inspectPdf(pdf.rawPayload).text.replace(/\s+/g, ' '), /Företag Kaffekoppen i Exempelby AB, 559012-3450/);

    const notAllowed = problemOf(await submit(sara, COMPANIES.id, { organisationNumber: KAFFEKOPPEN }), 403, 'company-not-allowed');
    assert.deepEqual(notAllowed.errors?.map((error) => error.path), ['company.organisationNumber']);
    assert.match(notAllowed.title, /559012-3450/);
    problemOf(await submit(johan, COMPANIES.id, { organisationNumber: '5566778899' }), 403, 'company-not-allowed');
    const missing = problemOf(await submit(johan, COMPANIES.id), 400, 'company-required');
    assert.equal(missing.title, 'Välj vilket företag som ansöker');
    problemOf(await submit(johan, 'felanmalan', { organisationNumber: KAFFEKOPPEN }), 400, 'company-not-used');
    const malformed = await submit(johan, COMPANIES.id, { organisationNumber: '559012-3450' });
    assert.equal(malformed.statusCode, 400);
    assert.ok(malformed.json<Problem>().errors?.some((error) => error.path.startsWith('company')), malformed.body);

    // "both": a private person's case has no organisation.
    const own = await submit(johan, BOTH.id);
    assert.equal(own.statusCode, 201, own.body);
    const ownDetails = (await officer(`/api/officer/cases/${own.json<{ receipt: { caseId: string } }>().receipt.caseId}`)).json<Record<string, unknown>>();
    assert.equal(ownDetails.organisation, undefined);
  });

  it('sends a company\'s case signed by a signatory who signs alone at once, with the company in the signed text', async () => {
    const state = await signs(johan, JOHAN, { company: { organisationNumber: KAFFEKOPPEN } });
    assert.equal(state.status, 'complete', JSON.stringify(state));
    const caseId = state.result!.receipt.caseId;
    const { rows } = await world.backend.db.query<{ status: string; user_visible_data: string }>(
      'SELECT c.status, s.user_visible_data FROM cases c JOIN case_signatures s ON s.case_id = c.id WHERE c.id = $1', [caseId]);
    assert.equal(rows[0]!.status, 'submitted');
    assert.match(rows[0]!.user_visible_data, /skriver under för Kaffekoppen i Exempelby AB \(559012-3450\)/);
    const list = (await officer('/api/officer/cases')).json<{ items: { id: string; organisation?: { name: string } }[] }>();
    assert.equal(list.items.find((item) => item.id === caseId)?.organisation?.name, 'Kaffekoppen i Exempelby AB');
  });

  it('signs jointly: the applicant names the other signatory, who is invited, must log in as that signatory, and sends the case by signing', async () => {
    const companies = (await anna.send('GET', '/api/my/companies')).json<MyCompanies>().companies;
    const torget = companies.find((company) => company.organisationNumber === TORGCAFEET)!;
    assert.equal(torget.signs, 'jointly');
    const erikId = torget.cosignatories.find((other) => other.name === 'Erik Andersson')!.id;

    const started = (body: unknown) => anna.send('POST', '/api/signatures',
      { serviceId: SIGNED.id, serviceVersion: 1, lang: 'sv', answers: { what: 'Uteservering' }, method: 'otherDevice', company: body },
      { 'idempotency-key': newKey() });
    const noOther = problemOf(await started({ organisationNumber: TORGCAFEET }), 400, 'company-cosigner-required');
    assert.match(noOther.title, /Torgcaféet i Exempelby AB tecknas av två i förening/);
    problemOf(await started({ organisationNumber: TORGCAFEET, cosigner: { id: 'k7q2m', email: 'erik@example.se' } }), 403, 'company-cosigner-not-allowed');
    problemOf(await started({ organisationNumber: '9697123454', cosigner: { id: erikId, email: 'erik@example.se' } }), 400, 'company-cosigner-not-used');

    const state = await signs(anna, ANNA, { company: { organisationNumber: TORGCAFEET, cosigner: { id: erikId, email: 'erik@example.se' } } });
    assert.equal(state.status, 'complete', JSON.stringify(state));
    assert.equal(state.result!.receipt.title.sv, 'Väntar på underskrift från den andra firmatecknaren');
    const caseId = state.result!.receipt.caseId;
    const { rows } = await world.backend.db.query<{ body: string; recipient: string }>(
      `SELECT body, recipient FROM notifications WHERE case_id = $1 AND kind = 'cosignInvitation'`, [caseId]);
    assert.equal(rows.length, 1);
    assert.match(JSON.stringify(rows[0]), /erik@example\.se/);
    const token = /invitation=([A-Za-z0-9_-]+)/.exec(rows[0]!.body)![1]!;
    // Not at the municipality's while it waits.
    assert.equal((await officer(`/api/officer/cases/${caseId}`)).statusCode, 404);

    // Johan signs for Torgcaféet too, but was not the one asked.
    problemOf(await johan.send('POST', '/api/cosigning/open', { token }), 403, 'not-for-you');
    const opened = await erik.send('POST', '/api/cosigning/open', { token });
    assert.equal(opened.statusCode, 200, opened.body);
    const view = opened.json<CosignRequestView>();
    assert.deepEqual(view.organisation, { organisationNumber: TORGCAFEET, name: 'Torgcaféet i Exempelby AB' });

    const cosign = await erik.send('POST', `/api/cosigning/requests/${view.requestId}/signatures`, { method: 'otherDevice' }, { 'idempotency-key': newKey() });
    assert.equal(cosign.statusCode, 201, cosign.body);
    const { orderRef } = cosign.json<StartCosignResponse>();
    world.sim.act(orderRef, { action: 'approve', personalNumber: ERIK.personalNumber });
    world.clock.now += 2000;
    const done = (await erik.send('GET', `/api/cosigning/signatures/${orderRef}`)).json<CosignSigningState>();
    assert.equal(done.status, 'complete', JSON.stringify(done));
    assert.equal(done.caseSubmitted, true);
    const { rows: signed } = await world.backend.db.query<{ user_visible_data: string }>(
      'SELECT user_visible_data FROM cosign_signings WHERE order_ref = $1', [orderRef]);
    assert.match(signed[0]!.user_visible_data, /Torgcaféet i Exempelby AB \(556811-2345\)/);

    const details = (await officer(`/api/officer/cases/${caseId}`)).json<{ organisation?: { name: string }; signatures: { name: string }[] }>();
    assert.equal(details.organisation?.name, 'Torgcaféet i Exempelby AB');
    assert.deepEqual(details.signatures.map((s) => s.name).sort(), ['Anna Andersson', 'Erik Andersson']);
  });

  it('shows a company\'s sent cases on Mina sidor to everyone who may act for it, and to no one else', async () => {
    const state = await signs(johan, JOHAN, { company: { organisationNumber: KAFFEKOPPEN } });
    const kaffe = state.result!.receipt.caseId;
    const made = await submit(anna, BOTH.id, { organisationNumber: '9697123454' });
    const tradgard = made.json<{ receipt: { caseId: string } }>().receipt.caseId;
    const cafe = (await world.backend.db.query<{ id: string }>(
      `SELECT id FROM cases WHERE organisation_number = $1 AND status = 'submitted' ORDER BY submitted_at DESC LIMIT 1`, [TORGCAFEET])).rows[0]!.id;

    // Johan signs for Torgcaféet too: Anna's and Erik's case is his company's.
    const johans = (await johan.send('GET', '/api/my/cases?limit=100')).json<MyCases>().items;
    const row = johans.find((item) => item.id === cafe);
    assert.deepEqual(row?.organisation, { organisationNumber: TORGCAFEET, name: 'Torgcaféet i Exempelby AB' });
    assert.equal(johans.find((item) => item.id === kaffe)?.organisation?.name, 'Kaffekoppen i Exempelby AB');
    assert.ok(!johans.some((item) => item.id === tradgard));
    const shown = await johan.send('GET', `/api/my/cases/${cafe}`);
    assert.equal(shown.statusCode, 200, shown.body);
    assert.equal(shown.json<CaseDetails>().organisation?.name, 'Torgcaféet i Exempelby AB');
    assert.equal((await johan.send('GET', `/api/my/cases/${cafe}/messages`)).statusCode, 200);
    // He writes to the case officer about it, with a file.
    const file = await johan.upload(`messageFor=${cafe}`, PDF, 'ritning.pdf');
    assert.equal(file.statusCode, 201, file.body);
    const message = await johan.send('POST', `/api/my/cases/${cafe}/messages`, { body: 'Här är den nya ritningen.', attachmentIds: [file.json<{ id: string }>().id] });
    assert.equal(message.statusCode, 201, message.body);
    const officerSees = (await officer(`/api/officer/cases/${cafe}`)).json<{ messages: { body: string; attachments: { fileName: string }[] }[] }>();
    assert.deepEqual(officerSees.messages.map((m) => [m.body, m.attachments.map((a) => a.fileName)]), [['Här är den nya ritningen.', ['ritning.pdf']]]);

    // Sara signs for no company; Fatima for another; Erik not for Kaffekoppen: the same 404 as a case that is not there.
    for (const [browser, caseId] of [[sara, cafe], [fatima, cafe], [erik, kaffe], [sara, kaffe]] as const) {
      const details = await browser.send('GET', `/api/my/cases/${caseId}`);
      problemOf(details, 404, 'case-not-found');
      problemOf(await browser.send('GET', `/api/my/cases/${caseId}/messages`), 404, 'case-not-found');
      problemOf(await browser.send('POST', `/api/my/cases/${caseId}/messages`, { body: 'Hej' }), 404, 'case-not-found');
      problemOf(await browser.send('GET', `/api/my/cases/${caseId}/attachments/00000000-0000-4000-8000-000000000000`), 404, 'case-not-found');
      problemOf(await browser.upload(`messageFor=${caseId}`, PDF), 404, 'case-not-found');
      assert.ok(!(await browser.send('GET', '/api/my/cases?limit=100')).json<MyCases>().items.some((item) => item.id === caseId));
    }

    // The register down: their own cases still show, the company's others' wait for it.
    register().unavailable = true;
    try {
      const listed = await johan.send('GET', '/api/my/cases?limit=100');
      assert.equal(listed.statusCode, 200);
      const ids = listed.json<MyCases>().items.map((item) => item.id);
      assert.ok(ids.includes(kaffe) && !ids.includes(cafe));
      problemOf(await johan.send('GET', `/api/my/cases/${cafe}`), 404, 'case-not-found');
    } finally {
      register().unavailable = false;
    }
  });

  it('starts again from a copy with the company, when the other signatory declines', async () => {
    const state = await signs(anna, ANNA, { company: { organisationNumber: TORGCAFEET, cosigner: { id: 't8c4e', email: 'erik@example.se' } } });
    const caseId = state.result!.receipt.caseId;
    const { rows } = await world.backend.db.query<{ body: string }>(
      `SELECT body FROM notifications WHERE case_id = $1 AND kind = 'cosignInvitation'`, [caseId]);
    const token = /invitation=([A-Za-z0-9_-]+)/.exec(rows[0]!.body)![1]!;
    const view = (await erik.send('POST', '/api/cosigning/open', { token })).json<CosignRequestView>();
    assert.equal((await erik.send('POST', `/api/cosigning/requests/${view.requestId}/decline`)).statusCode, 200);
    const copy = await anna.send('POST', `/api/my/cases/${caseId}/copy`);
    assert.equal(copy.statusCode, 201, copy.body);
    assert.deepEqual(copy.json<Draft>().company, { organisationNumber: TORGCAFEET });
    // Johan signs for Torgcaféet too, but a case never sent is not the company's to show.
    problemOf(await johan.send('GET', `/api/my/cases/${caseId}`), 404, 'case-not-found');
  });

  it('counts one case per company where the e-service takes one per person, whichever signatory sends it', async () => {
    assert.equal((await submit(johan, ONCE.id, { organisationNumber: KAFFEKOPPEN })).statusCode, 201);
    const again = problemOf(await submit(johan, ONCE.id, { organisationNumber: KAFFEKOPPEN }), 409, 'already-used');
    assert.ok((again as Problem & { caseId?: string }).caseId);
    const cafe = await submit(johan, ONCE.id, { organisationNumber: TORGCAFEET });
    assert.equal(cafe.statusCode, 201, cafe.body);
    problemOf(await submit(anna, ONCE.id, { organisationNumber: TORGCAFEET }), 409, 'already-used');
    // Anna's own, as a private person, and her other company's are still hers to send.
    assert.equal((await submit(anna, ONCE.id)).statusCode, 201);
    assert.equal((await submit(anna, ONCE.id, { organisationNumber: '9697123454' })).statusCode, 201);
  });

  it('keeps the company chosen in a draft, and refuses one on an e-service not for companies', async () => {
    const company = { organisationNumber: TORGCAFEET, cosigner: { id: 't8c4e', email: 'erik@example.se' } };
    const saved = await anna.send('POST', '/api/drafts', { serviceId: SIGNED.id, serviceVersion: 1, answers: { what: 'Ute' }, company });
    assert.equal(saved.statusCode, 201, saved.body);
    const draft = saved.json<Draft>();
    assert.deepEqual(draft.company, company);
    const again = await anna.send('PUT', `/api/drafts/${draft.id}`, { serviceId: SIGNED.id, serviceVersion: 1, answers: { what: 'Ute' }, version: 1 });
    assert.equal(again.json<Draft>().company, undefined, 'a save without a company clears it');
    const { version } = (await anna.send('GET', '/api/services/skolskjuts')).json<{ version: number }>();
    problemOf(await anna.send('POST', '/api/drafts', { serviceId: 'skolskjuts', serviceVersion: version, answers: {}, company }), 400, 'company-not-used');
  });
});
