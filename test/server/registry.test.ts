import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Answers } from '../../src/contract/cases.js';
import { ServiceDefinition, type Field } from '../../src/contract/definition.js';
import type { OrderState, StartLoginResponse } from '../../src/contract/eid.js';
import { PrefillResponse } from '../../src/contract/prefill.js';
import type { Problem } from '../../src/contract/problem.js';
import { parsePersonnummer } from '../../src/forms/swedish.js';
import { validateAnswers } from '../../src/forms/validate.js';
import { readConfig } from '../../server/config.js';
import { BankIdClient } from '../../server/eid/bankid-client.js';
import { BankIdSimulator, isValidPersonalNumber, TEST_PERSONS, TEST_MOBILE_POLICY, type SimPerson } from '../../server/eid/simulator/index.js';
import { ProblemError } from '../../server/problem.js';
import { FIXTURE_CHILDREN, FIXTURE_PERSONS, FixtureRegister } from '../../server/registry/fixture.js';
import { enforceRegister } from '../../server/registry/prefill.js';
import { RegisterUnavailableError } from '../../server/registry/register.js';
import { startTestBackend, type TestBackend } from '../support/backend.js';

const byName = (given: string): SimPerson => TEST_PERSONS.find((person) => person.givenName === given)!;
const ANNA = byName('Anna');
const ERIK = byName('Erik');
const FATIMA = byName('Fatima');
const JOHAN = byName('Johan');
const SARA = byName('Sara');

/** Two register persons the simulator does not have: they get a (pretend) BankID for these tests only. */
function simPerson(personalNumber: string, givenName: string, surname: string): SimPerson {
  return {
    personalNumber, givenName, surname, name: `${givenName} ${surname}`, bankIdIssueDate: '2024-05-05',
    certificatePolicy: TEST_MOBILE_POLICY, deviceIp: '192.0.2.40', uhi: `uhi-${personalNumber}`, note: 'registry test',
  };
}
const KARIN = simPerson('197004122482', 'Karin', 'Lund');
const TOMASZ = simPerson('199003657195', 'Tomasz', 'Nowak');

const MAJA = '201605120243'; // Anna and Erik's, at Centralskolan (Exempelby)
const OLLE = '201209034576'; // Anna and Erik's, at a school in Grannby
const AMINA = '201902073822'; // Fatima's, at Solrosens förskola (Exempelby)
const YUSUF = '201411216151'; // Fatima's, protected identity

const text = (sv: string, en = sv) => ({ sv, en });

function definition(id: string, fields: Field[]): ServiceDefinition {
  return ServiceDefinition.parse({
    schemaVersion: 1,
    id,
    version: 1,
    municipality: { id: 'exempelby', name: text('Exempelby kommun', 'Exempelby Municipality') },
    title: text(`Test ${id}`),
    description: text('Registertest'),
    contact: { text: text('Ring oss', 'Call us') },
    login: 'required',
    caseNumberPrefix: 'REG',
    steps: [{ id: 'steg', title: text('Steg'), fields }],
    receipt: { title: text('Tack'), text: text('Klart') },
    retention: { closedCaseDays: 365, draftDays: 30 },
  });
}

const PERSON_FIELDS: Field[] = [
  { id: 'namn', type: 'text', label: text('Namn', 'Name'), prefill: 'person.name' },
  { id: 'fornamn', type: 'text', label: text('Förnamn', 'Given name'), prefill: 'person.givenName' },
  { id: 'efternamn', type: 'text', label: text('Efternamn', 'Surname'), prefill: 'person.surname' },
  { id: 'pnr', type: 'personnummer', label: text('Personnummer', 'Personal identity number'), prefill: 'person.personalNumber' },
  { id: 'adress', type: 'address', label: text('Adress', 'Address'), prefill: 'person.address' },
];
/** Name, address and any of the children. */
const ALL_CHILDREN = definition('registertest-alla', [
  ...PERSON_FIELDS,
  { id: 'barn', type: 'child', label: text('Vilket barn gäller det?', 'Which child is it about?') },
]);
/** Only children at Exempelby's own preschools and schools. */
const OWN_SCHOOLS = definition('registertest-egna', [
  { id: 'namn', type: 'text', label: text('Namn', 'Name'), prefill: 'person.name' },
  { id: 'barn', type: 'child', label: text('Vilket barn gäller det?', 'Which child is it about?'), ownSchoolsOnly: true },
]);
/** Two child questions, one of them for own schools only: every child is sent, `ownSchool` says which the second lists. */
const MIXED = definition('registertest-blandat', [
  { id: 'barn', type: 'child', label: text('Barn', 'Child') },
  { id: 'skolbarn', type: 'child', label: text('Skolbarn', 'School child'), ownSchoolsOnly: true },
  {
    id: 'hushall', type: 'group', label: text('Hushåll', 'Household'), itemLabel: text('Person'),
    fields: [{ id: 'vem', type: 'text', label: text('Vem', 'Who'), prefill: 'person.name' }],
  },
]);
/** Name only: no address and no children are sent. */
const NAME_ONLY = definition('registertest-namn', [
  { id: 'namn', type: 'text', label: text('Namn', 'Name'), prefill: 'person.name' },
  { id: 'meddelande', type: 'textarea', label: text('Meddelande', 'Message') },
]);

describe('the population register: prefill and child questions', () => {
  let clock = Date.parse('2026-03-02T09:00:00Z');
  let sim: BankIdSimulator;
  let client: BankIdClient;
  let backend: TestBackend;
  let register: FixtureRegister;

  before(async () => {
    sim = await BankIdSimulator.start({ now: () => clock, adminPort: null, persons: [...TEST_PERSONS, KARIN, TOMASZ] });
    client = new BankIdClient(sim.clientOptions());
    backend = await startTestBackend({
      app: { now: () => new Date(clock), bankId: client },
      extraDefinitions: [ALL_CHILDREN, OWN_SCHOOLS, MIXED, NAME_ONLY],
    });
    register = backend.app.populationRegister as FixtureRegister;
    assert.ok(register instanceof FixtureRegister, 'the app uses the fixture by default');
  });
  after(async () => {
    await backend.close();
    client.close();
    await sim.close();
  });

  /** One browser that logs in with BankID and keeps its cookies. */
  class Browser {
    readonly cookies = new Map<string, string>();

    async send(method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) {
      const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await backend.app.inject({
        method,
        url,
        headers: {
          ...(method === 'GET' ? {} : { 'x-requested-with': 'e-service-kit', 'content-type': 'application/json' }),
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
        ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
      });
      for (const set of response.cookies as { name: string; value: string }[]) {
        if (set.value === '') this.cookies.delete(set.name);
        else this.cookies.set(set.name, set.value);
      }
      return response;
    }

    async logIn(person: SimPerson): Promise<this> {
      const started = await this.send('POST', '/api/eid/login', { method: 'otherDevice' });
      assert.equal(started.statusCode, 200, started.body);
      const { orderRef } = started.json<StartLoginResponse>();
      sim.act(orderRef, { action: 'approve', personalNumber: person.personalNumber });
      clock += 2000;
      const done = await this.send('GET', `/api/eid/orders/${orderRef}`);
      assert.equal(done.json<OrderState>().status, 'complete');
      return this;
    }

    async prefill(serviceId: string, headers: Record<string, string> = {}, query = '') {
      return this.send('GET', `/api/services/${serviceId}/prefill${query}`, undefined, headers);
    }

    async prefillOk(serviceId: string): Promise<PrefillResponse> {
      const response = await this.prefill(serviceId);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['cache-control'], 'no-store');
      return PrefillResponse.parse(response.json());
    }
  }

  const loggedIn = (person: SimPerson) => new Browser().logIn(person);

  describe('the fixture', () => {
    it('has a valid check digit on every number, and the simulator’s test persons with the same names', () => {
      for (const entry of [...FIXTURE_PERSONS, ...FIXTURE_CHILDREN]) {
        assert.ok(isValidPersonalNumber(entry.personalNumber), `${entry.name}: ${entry.personalNumber}`);
        assert.equal(parsePersonnummer(entry.personalNumber).ok, true, entry.name);
      }
      for (const simulated of TEST_PERSONS) {
        const registered = FIXTURE_PERSONS.find((person) => person.personalNumber === simulated.personalNumber);
        assert.equal(registered?.name, simulated.name, simulated.name);
      }
      const tomasz = FIXTURE_PERSONS.find((person) => person.personalNumber === TOMASZ.personalNumber)!;
      assert.equal(tomasz.samordningsnummer, true);
      const parsed = parsePersonnummer(tomasz.personalNumber);
      assert.ok(parsed.ok && parsed.samordningsnummer, 'day of birth + 60');
      assert.deepEqual(FIXTURE_PERSONS.filter((person) => person.samordningsnummer).map((person) => person.name), ['Tomasz Nowak']);
    });

    it('answers custody both ways', async () => {
      const fixture = new FixtureRegister();
      assert.deepEqual((await fixture.children(ANNA.personalNumber)).map((child) => child.personalNumber), [MAJA, OLLE]);
      assert.deepEqual((await fixture.children(ERIK.personalNumber)).map((child) => child.personalNumber), [MAJA, OLLE]);
      assert.deepEqual((await fixture.children(FATIMA.personalNumber)).map((child) => child.personalNumber), [AMINA, YUSUF]);
      assert.deepEqual(await fixture.children(JOHAN.personalNumber), []);
      assert.deepEqual((await fixture.guardians(OLLE)).map((person) => person.name), ['Anna Andersson', 'Erik Andersson']);
      assert.deepEqual((await fixture.guardians(AMINA)).map((person) => person.name), ['Fatima Hassan']);
      assert.equal(await fixture.person('190001019999'), undefined);
    });

    it('throws RegisterUnavailableError from every call while unavailable, settable at runtime and from REGISTER_UNAVAILABLE', async () => {
      const fixture = new FixtureRegister({ unavailable: readConfig({ REGISTER_UNAVAILABLE: '1' }).registerUnavailable });
      await assert.rejects(fixture.person(ANNA.personalNumber), RegisterUnavailableError);
      await assert.rejects(fixture.children(ANNA.personalNumber), RegisterUnavailableError);
      await assert.rejects(fixture.guardians(MAJA), RegisterUnavailableError);
      fixture.unavailable = false;
      assert.equal((await fixture.person(ANNA.personalNumber))?.name, 'Anna Andersson');
      assert.equal(readConfig({}).registerUnavailable, false);
    });

    it('hands out copies: a caller cannot change the register', async () => {
      const fixture = new FixtureRegister();
      const anna = (await fixture.person(ANNA.personalNumber))!;
      anna.address!.street = 'Fel väg 1';
      assert.equal((await fixture.person(ANNA.personalNumber))!.address!.street, 'Björkvägen 7');
    });
  });

  describe('GET /api/services/{serviceId}/prefill', () => {
    it('gives Anna her name, personnummer and address, and both her children for a service without ownSchoolsOnly', async () => {
      const anna = await loggedIn(ANNA);
      const prefill = await anna.prefillOk(ALL_CHILDREN.id);
      assert.deepEqual(prefill, {
        person: {
          personalNumber: ANNA.personalNumber, name: 'Anna Andersson', givenName: 'Anna', surname: 'Andersson',
          address: { street: 'Björkvägen 7', postalCode: '123 47', city: 'Exempelby' },
        },
        protected: false,
        children: [
          { personalNumber: MAJA, name: 'Maja Andersson', ownSchool: true },
          { personalNumber: OLLE, name: 'Olle Andersson', ownSchool: false },
        ],
      });
    });

    it('lists only the child at an own school when every child question has ownSchoolsOnly', async () => {
      const anna = await loggedIn(ANNA);
      const prefill = await anna.prefillOk(OWN_SCHOOLS.id);
      assert.deepEqual(prefill.children, [{ personalNumber: MAJA, name: 'Maja Andersson', ownSchool: true }]);
      assert.equal(prefill.person.address, undefined, 'the service prefills no address, so none is sent');
    });

    it('sends every child, with ownSchool, when only some child questions have ownSchoolsOnly', async () => {
      const erik = await loggedIn(ERIK);
      assert.deepEqual((await erik.prefillOk(MIXED.id)).children, [
        { personalNumber: MAJA, name: 'Maja Andersson', ownSchool: true },
        { personalNumber: OLLE, name: 'Olle Andersson', ownSchool: false },
      ]);
    });

    it('sends no children and no address to a service that asks for neither', async () => {
      const anna = await loggedIn(ANNA);
      const response = await anna.prefill(NAME_ONLY.id);
      const prefill = PrefillResponse.parse(response.json());
      assert.deepEqual(prefill.children, []);
      assert.equal(prefill.person.address, undefined);
      assert.ok(!response.body.includes('Björkvägen'));
    });

    it('never shows Fatima the child with protected identity', async () => {
      const fatima = await loggedIn(FATIMA);
      const response = await fatima.prefill(ALL_CHILDREN.id);
      assert.equal(response.statusCode, 200);
      assert.deepEqual(PrefillResponse.parse(response.json()).children, [{ personalNumber: AMINA, name: 'Amina Hassan', ownSchool: true }]);
      assert.ok(!response.body.includes(YUSUF) && !response.body.includes('Yusuf'), 'not his number, not his name');
      assert.ok(!(await fatima.prefill(OWN_SCHOOLS.id)).body.includes(YUSUF), 'though his school is an own school');
    });

    it('gives Sara (skyddad folkbokföring) her name but no address, and says her data is protected', async () => {
      const sara = await loggedIn(SARA);
      const response = await sara.prefill(ALL_CHILDREN.id);
      assert.equal(response.statusCode, 200);
      assert.deepEqual(PrefillResponse.parse(response.json()), {
        person: { personalNumber: SARA.personalNumber, name: 'Sara Öberg', givenName: 'Sara', surname: 'Öberg' },
        protected: true,
        children: [],
      });
      assert.ok(!response.body.includes('Hemliga') && !response.body.includes('123 99'), 'the register’s address never leaves');
    });

    it('gives Karin (sekretessmarkering) no address either', async () => {
      const karin = await loggedIn(KARIN);
      const response = await karin.prefill(ALL_CHILDREN.id);
      const prefill = PrefillResponse.parse(response.json());
      assert.equal(prefill.protected, true);
      assert.equal(prefill.person.name, 'Karin Lund');
      assert.equal(prefill.person.address, undefined);
      assert.ok(!response.body.includes('Tystnadens'));
    });

    it('works for Tomasz, who has only a samordningsnummer and no folkbokföringsadress', async () => {
      const tomasz = await loggedIn(TOMASZ);
      assert.deepEqual(await tomasz.prefillOk(ALL_CHILDREN.id), {
        person: { personalNumber: TOMASZ.personalNumber, name: 'Tomasz Nowak', givenName: 'Tomasz', surname: 'Nowak' },
        protected: false,
        children: [],
      });
    });

    it('gives Johan an empty list of children', async () => {
      const johan = await loggedIn(JOHAN);
      const prefill = await johan.prefillOk(ALL_CHILDREN.id);
      assert.deepEqual(prefill.children, []);
      assert.equal(prefill.person.address?.street, 'Kyrkogatan 14');
    });

    it('answers only about the logged-in person: Anna and Erik see their own data, nothing of anyone else', async () => {
      const anna = await loggedIn(ANNA);
      const erik = await loggedIn(ERIK);
      const others = FIXTURE_PERSONS.filter((person) => person.surname !== 'Andersson');
      for (const [browser, self, partner] of [[anna, ANNA, ERIK], [erik, ERIK, ANNA]] as const) {
        // A query string or header naming someone else changes nothing: the session decides who.
        const response = await browser.prefill(ALL_CHILDREN.id, { 'x-personal-number': FATIMA.personalNumber }, `?personalNumber=${FATIMA.personalNumber}`);
        assert.equal(response.statusCode, 200, response.body);
        const prefill = PrefillResponse.parse(response.json());
        assert.equal(prefill.person.personalNumber, self.personalNumber);
        assert.equal(prefill.person.name, self.name);
        assert.ok(!response.body.includes(partner.personalNumber), 'not even the other guardian');
        assert.ok(!response.body.includes(partner.givenName));
        for (const other of others) {
          assert.ok(!response.body.includes(other.personalNumber) && !response.body.includes(other.surname), other.name);
        }
        assert.ok(!response.body.includes(AMINA) && !response.body.includes(YUSUF));
      }
    });

    it('answers 401 problem+json without a session, in Swedish or English', async () => {
      const anonymous = new Browser();
      const sv = await anonymous.prefill(ALL_CHILDREN.id);
      assert.equal(sv.statusCode, 401);
      assert.match(String(sv.headers['content-type']), /^application\/problem\+json/);
      assert.deepEqual([sv.json<Problem>().type, sv.json<Problem>().title], ['/problems/not-logged-in', 'Du är inte inloggad']);
      const en = await anonymous.prefill(ALL_CHILDREN.id, { 'accept-language': 'en-GB,en;q=0.8' });
      assert.equal(en.json<Problem>().title, 'You are not logged in');
      // A cookie that is no session is no better.
      const forged = new Browser();
      forged.cookies.set('esk_session', 'A'.repeat(43));
      assert.equal((await forged.prefill(ALL_CHILDREN.id)).statusCode, 401);
    });

    it('answers 404 for an unknown service', async () => {
      const anna = await loggedIn(ANNA);
      const response = await anna.prefill('finns-inte');
      assert.equal(response.statusCode, 404);
      assert.equal(response.json<Problem>().type, '/problems/service-not-found');
    });

    it('answers with what the e-ID says while the register is down: no address, no children, registerUnavailable', async () => {
      const anna = await loggedIn(ANNA);
      register.unavailable = true;
      try {
        const down = await anna.prefill(ALL_CHILDREN.id);
        assert.equal(down.statusCode, 200);
        const body = down.json<PrefillResponse>();
        assert.equal(body.registerUnavailable, true);
        assert.equal(body.person.personalNumber, ANNA.personalNumber);
        assert.equal(body.person.name, 'Anna Andersson');
        assert.equal(body.person.address, undefined);
        assert.deepEqual(body.children, []);
      } finally {
        register.unavailable = false;
      }
      const back = (await anna.prefill(ALL_CHILDREN.id)).json<PrefillResponse>();
      assert.equal(back.registerUnavailable, undefined, 'and the register’s answer once it is back');
      assert.ok(back.children.length > 0);
    });

    it('starts with the register down when config says REGISTER_UNAVAILABLE', async () => {
      const down = await startTestBackend({ config: { registerUnavailable: true }, app: { now: () => new Date(clock), bankId: client } });
      try {
        assert.equal((down.app.populationRegister as FixtureRegister).unavailable, true);
      } finally {
        await down.close();
      }
    });
  });

  describe('enforceRegister, on receipt of a case', () => {
    const fixture = new FixtureRegister();
    const refusal = async (promise: Promise<unknown>): Promise<Problem> => {
      try {
        await promise;
      } catch (error) {
        assert.ok(error instanceof ProblemError, String(error));
        return error.body;
      }
      assert.fail('expected a refusal');
    };

    it('replaces tampered prefilled answers with the register’s, and the personnummer with the session’s', async () => {
      const sent: Answers = {
        namn: 'Fatima Hassan', fornamn: 'Fatima', efternamn: 'Hassan', pnr: '19750620-3020',
        adress: { street: 'Ängsgatan 3', postalCode: '123 52', city: 'Exempelby' }, barn: MAJA,
      };
      const answers = await enforceRegister(ALL_CHILDREN, sent, ANNA.personalNumber, fixture, 'sv');
      assert.deepEqual(answers, {
        namn: 'Anna Andersson', fornamn: 'Anna', efternamn: 'Andersson', pnr: '19800101-2387',
        adress: { street: 'Björkvägen 7', postalCode: '123 47', city: 'Exempelby' }, barn: MAJA,
      });
      assert.equal(sent.namn, 'Fatima Hassan', 'the argument is left as it was');
      assert.deepEqual(validateAnswers(ALL_CHILDREN, answers, { today: '2026-03-02' }).errors, [], 'and the result passes the form engine');
      // Left out by the browser: filled in all the same.
      const filled = await enforceRegister(ALL_CHILDREN, { barn: OLLE }, ERIK.personalNumber, fixture, 'sv');
      assert.equal(filled.namn, 'Erik Andersson');
      assert.equal(filled.pnr, '19820315-4599');
    });

    it('checks each child question on its own, and fills prefilled questions inside repeating groups', async () => {
      const answers = await enforceRegister(MIXED, { barn: OLLE, skolbarn: MAJA, hushall: [{ vem: 'Någon' }, { vem: '' }] }, ANNA.personalNumber, fixture, 'sv');
      assert.deepEqual(answers.hushall, [{ vem: 'Anna Andersson' }, { vem: 'Anna Andersson' }]);
      const refused = await refusal(enforceRegister(MIXED, { barn: OLLE, skolbarn: OLLE }, ANNA.personalNumber, fixture, 'sv'));
      assert.deepEqual(refused.errors?.map((error) => error.path), ['skolbarn']);
    });

    it('keeps the address a protected person typed, and never puts the register’s in its place', async () => {
      const own = { street: 'Box 123', postalCode: '123 00', city: 'Exempelby' };
      const answers = await enforceRegister(ALL_CHILDREN, { namn: 'X', adress: own }, SARA.personalNumber, fixture, 'sv');
      assert.deepEqual(answers.adress, own);
      assert.equal(answers.namn, 'Sara Öberg');
      const karin = await enforceRegister(ALL_CHILDREN, {}, KARIN.personalNumber, fixture, 'sv');
      assert.equal(karin.adress, undefined);
    });

    it('checks a child question that follows custody against custody too: someone else’s child is refused, not let through', async () => {
      const followsCustody = definition('registertest-vardnad', [
        { id: 'barn', type: 'child', label: text('Barn', 'Child') },
        { id: 'syskon', type: 'child', label: text('Syskon', 'Sibling'), required: false, visibleWhen: { field: 'barn', otherGuardians: true } },
      ]);
      const refused = await refusal(enforceRegister(followsCustody, { barn: MAJA, syskon: AMINA }, ANNA.personalNumber, fixture, 'sv'));
      assert.deepEqual(refused.errors?.map((error) => [error.path, error.code]), [['syskon', 'option']]);
      const own = await enforceRegister(followsCustody, { barn: MAJA, syskon: OLLE }, ANNA.personalNumber, fixture, 'sv');
      assert.equal(own.syskon, OLLE);
      // A child not in custody answers nothing about custody: the question it would open stays closed.
      const stranger = await refusal(enforceRegister(followsCustody, { barn: AMINA, syskon: AMINA }, ANNA.personalNumber, fixture, 'sv'));
      assert.deepEqual(stranger.errors?.map((error) => error.path), ['barn']);
    });

    it('refuses a child of someone else, a protected child, and a child at another municipality’s school where ownSchoolsOnly', async () => {
      const other = await refusal(enforceRegister(ALL_CHILDREN, { barn: AMINA }, ANNA.personalNumber, fixture, 'sv'));
      assert.equal(other.status, 400);
      assert.equal(other.type, '/problems/validation');
      assert.deepEqual(other.errors, [{ path: 'barn', code: 'option', message: 'Välj ett av barnen i listan för ”Vilket barn gäller det?”' }]);
      const english = await refusal(enforceRegister(ALL_CHILDREN, { barn: AMINA }, ANNA.personalNumber, fixture, 'en'));
      assert.deepEqual(english.errors, [{ path: 'barn', code: 'option', message: 'Choose one of the children listed for “Which child is it about?”' }]);

      const hidden = await refusal(enforceRegister(ALL_CHILDREN, { barn: YUSUF }, FATIMA.personalNumber, fixture, 'sv'));
      assert.equal(hidden.errors?.[0]?.code, 'option', 'custody, but protected identity: not choosable');
      const elsewhere = await refusal(enforceRegister(OWN_SCHOOLS, { barn: OLLE }, ANNA.personalNumber, fixture, 'sv'));
      assert.equal(elsewhere.errors?.[0]?.path, 'barn');
      const nobody = await refusal(enforceRegister(ALL_CHILDREN, { barn: MAJA }, JOHAN.personalNumber, fixture, 'sv'));
      assert.equal(nobody.errors?.[0]?.code, 'option');

      assert.equal((await enforceRegister(OWN_SCHOOLS, { barn: ` ${MAJA} ` }, ERIK.personalNumber, fixture, 'sv')).barn, MAJA);
      assert.equal((await enforceRegister(ALL_CHILDREN, { barn: OLLE }, ERIK.personalNumber, fixture, 'sv')).barn, OLLE);
    });

    it('throws RegisterUnavailableError while the register is down, but needs no register for the personnummer alone', async () => {
      const down = new FixtureRegister({ unavailable: true });
      await assert.rejects(enforceRegister(ALL_CHILDREN, { barn: MAJA }, ANNA.personalNumber, down, 'sv'), RegisterUnavailableError);
      await assert.rejects(enforceRegister(NAME_ONLY, {}, ANNA.personalNumber, down, 'sv'), RegisterUnavailableError);
      const numberOnly = definition('registertest-pnr', [
        { id: 'pnr', type: 'personnummer', label: text('Personnummer'), prefill: 'person.personalNumber' },
      ]);
      assert.deepEqual(await enforceRegister(numberOnly, { pnr: '19750620-3020' }, ANNA.personalNumber, down, 'sv'), { pnr: '19800101-2387' });
    });
  });

  describe('on receipt of a case (POST /api/cases)', () => {
    const send = (browser: Browser, serviceId: string, answers: Answers, key: string) =>
      browser.send('POST', '/api/cases', { serviceId, serviceVersion: 1, lang: 'sv', answers }, { 'idempotency-key': key });

    it('stores the register’s name, personnummer and address, whatever the browser sent', async () => {
      const anna = await loggedIn(ANNA);
      const tampered = {
        namn: 'Someone Else', fornamn: 'Some', efternamn: 'One', pnr: '19750620-3020',
        adress: { street: 'Fel gata 1', postalCode: '111 11', city: 'Någonstans' }, barn: MAJA,
      };
      const response = await send(anna, ALL_CHILDREN.id, tampered, 'register-on-receipt-0001');
      assert.equal(response.statusCode, 201, response.body);
      const { rows } = await backend.db.query<{ answers: Answers; applicant_personal_number: string }>(
        'SELECT answers, applicant_personal_number FROM cases WHERE id = $1', [response.json().receipt.caseId]);
      assert.equal(rows[0]!.applicant_personal_number, ANNA.personalNumber);
      assert.equal(rows[0]!.answers.namn, 'Anna Andersson');
      assert.equal(rows[0]!.answers.pnr, '19800101-2387');
      assert.deepEqual(rows[0]!.answers.adress, { street: 'Björkvägen 7', postalCode: '123 47', city: 'Exempelby' });
    });

    it('refuses another person’s child with a field error, and makes no case', async () => {
      const anna = await loggedIn(ANNA);
      const before = await backend.db.query('SELECT count(*)::int AS n FROM cases');
      const response = await send(anna, OWN_SCHOOLS.id, { namn: 'Anna Andersson', barn: AMINA }, 'register-on-receipt-0002');
      assert.equal(response.statusCode, 400);
      assert.deepEqual(response.json<Problem>().errors?.map((error) => [error.path, error.code]), [['barn', 'option']]);
      const after = await backend.db.query('SELECT count(*)::int AS n FROM cases');
      assert.deepEqual(after.rows, before.rows);
    });

    it('answers 503 in plain words while the register is down, and takes the same case once it is back', async () => {
      const anna = await loggedIn(ANNA);
      register.unavailable = true;
      try {
        const down = await send(anna, NAME_ONLY.id, { namn: 'Anna Andersson', meddelande: 'Hej' }, 'register-on-receipt-0003');
        assert.equal(down.statusCode, 503);
        assert.equal(down.json<Problem>().title, 'Folkbokföringen går inte att nå just nu. Försök igen om en stund.');
      } finally {
        register.unavailable = false;
      }
      const again = await send(anna, NAME_ONLY.id, { namn: 'Anna Andersson', meddelande: 'Hej' }, 'register-on-receipt-0003');
      assert.equal(again.statusCode, 201, again.body);
    });
  });
});
