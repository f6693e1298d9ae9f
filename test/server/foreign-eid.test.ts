import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { ServiceDefinition } from '../../src/contract/definition.js';
import type { StartBrokerLoginResponse } from '../../src/contract/eid.js';
import type { PrefillResponse } from '../../src/contract/prefill.js';
import type { SigningState, StartSigningResponse } from '../../src/contract/signing.js';
import { BrokerError, identityOf } from '../../server/eid/oidc/broker.js';
import { CLAIM_PERSONAL_NUMBER, CLAIM_PRID, EIDAS_SUBSTANTIAL, SCOPE_EIDAS_IDENTITY } from '../../server/eid/oidc/claims.js';
import { localRedirectUri } from '../../server/eid/oidc/config.js';
import { countCases, newKey, startTestBackend, type TestBackend } from '../support/backend.js';
import { CookieBrowser } from '../support/cookie-browser.js';
import { playTestProvider } from '../support/oidc-player.js';
import { SIGNED } from '../support/signed-service.js';

const PAGE = 'https://www.exempelby.se/tjanst.html';
const HANNAH = 'eidas:DE:a7f3c91e0b2d4e58';
const INGRID = 'eidas:NO:05068907693';
const ANNA = '198001012387';
const OFFICER = 'o'.repeat(24) + '-exempelby-foreign-eid-token';

const text = (sv: string, en: string) => ({ sv, en });

/** An e-service that takes a foreign e-ID without a Swedish number, with the name from the e-ID and a file. */
const OPEN_TO_FOREIGN = ServiceDefinition.parse({
  schemaVersion: 1,
  id: 'parkering-besok',
  version: 1,
  municipality: { id: 'exempelby', name: text('Exempelby kommun', 'Exempelby Municipality') },
  title: text('Parkeringstillstånd för besökare', 'Parking permit for visitors'),
  description: text('För besökare, också från andra länder.', 'For visitors, also from other countries.'),
  contact: { text: text('Ring oss.', 'Call us.') },
  login: 'required',
  withoutPersonalNumber: 'limitedProfile',
  caseNumberPrefix: 'BES',
  steps: [{
    id: 'uppgifter',
    title: text('Uppgifter', 'Details'),
    fields: [
      { id: 'namn', type: 'text', label: text('Namn', 'Name'), prefill: 'person.name' },
      { id: 'adress', type: 'address', label: text('Adress', 'Address'), prefill: 'person.address', required: false },
      { id: 'regnr', type: 'text', label: text('Registreringsnummer', 'Registration number') },
      { id: 'intyg', type: 'file', label: text('Intyg', 'Certificate'), required: false },
    ],
  }],
  receipt: { title: text('Tack', 'Thank you'), text: text('Vi har tagit emot din ansökan.', 'We have received your application.') },
  retention: { closedCaseDays: 365, draftDays: 30 },
});

/** The same, signed: a foreign e-ID signs through the broker, named by its prid. */
const SIGNED_OPEN_TO_FOREIGN = ServiceDefinition.parse({ ...SIGNED, id: 'signerad-besok', signing: 'sign', withoutPersonalNumber: 'limitedProfile' });

/** A small PDF in a multipart body, as the kit's upload sends it. */
function pdfUpload(): { payload: Buffer; contentType: string } {
  const boundary = 'foreign-eid-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="intyg.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * A foreign e-ID (eIDAS) whose holder has no Swedish personnummer or samordningsnummer: they log in with a limited
 * profile (named by the prid the Swedish eIDAS connector gives), and each e-service takes them or refuses them with a
 * clear message, as its definition says — and what they make is theirs alone, as anyone's is.
 */
describe('a foreign e-ID without a Swedish personnummer (a limited profile)', () => {
  let backend: TestBackend;
  let redirectUri: string;

  before(async () => {
    backend = await startTestBackend({
      extraDefinitions: [OPEN_TO_FOREIGN, SIGNED, SIGNED_OPEN_TO_FOREIGN],
      config: { officerTokens: [{ municipalityId: 'exempelby', token: OFFICER }] },
    });
    redirectUri = localRedirectUri(backend.config.port);
  });
  after(() => backend?.close());

  async function loggedIn(eid: string, person: string): Promise<CookieBrowser> {
    const browser = new CookieBrowser(backend);
    const started = await browser.startLogin(eid, PAGE);
    assert.equal(started.statusCode, 200, started.body);
    const back = await playTestProvider(started.json<StartBrokerLoginResponse>().authorizationUrl, { person }, redirectUri);
    const landed = await browser.callback(back);
    assert.equal(landed.headers.location, `${PAGE}?esk-login=done`);
    return browser;
  }

  const submit = (browser: CookieBrowser, serviceId: string, answers: Record<string, unknown>, serviceVersion = 1) =>
    browser.send('POST', '/api/cases', { serviceId, serviceVersion, lang: 'sv', answers }, { 'idempotency-key': newKey() });

  it('logs in through eIDAS with the prid: a session with a limited profile, the e-ID\'s name, and the eIDAS scope asked for', async () => {
    const browser = new CookieBrowser(backend);
    const started = await browser.startLogin('eidas', PAGE);
    const url = new URL(started.json<StartBrokerLoginResponse>().authorizationUrl);
    assert.ok(url.searchParams.get('scope')!.split(' ').includes(SCOPE_EIDAS_IDENTITY), 'the eIDAS identity (prid) asked for');
    let page = '';
    await browser.callback(await playTestProvider(url.href, { person: HANNAH }, redirectUri, (html) => (page = html)));
    assert.match(page, /Hannah Müller \(DE:a7f3c91e0b2d4e58\)/, 'the test provider offers foreign test persons for eIDAS');

    const session = await browser.session();
    assert.equal(session.authenticated, true);
    assert.equal(session.eid, 'eidas');
    assert.equal(session.limitedProfile, true);
    assert.equal(session.user?.name, 'Hannah Müller');
    const { rows } = await backend.db.query<{ personal_number: string; loa: string }>('SELECT personal_number, loa FROM sessions WHERE personal_number = $1', [HANNAH]);
    assert.deepEqual(rows.map((row) => row.loa), [EIDAS_SUBSTANTIAL]);

    // A Swedish login has the full profile.
    assert.equal((await (await loggedIn('freja', ANNA)).session()).limitedProfile, undefined);
  });

  it('refuses a prid from any e-ID but eIDAS, and a prid that is not one', () => {
    const claims = { [CLAIM_PRID]: 'DE:a7f3c91e0b2d4e58', given_name: 'Hannah', family_name: 'Müller' } as never;
    assert.throws(() => identityOf(claims, 'freja'), (error: unknown) => error instanceof BrokerError && error.code === 'noPersonalNumber');
    assert.throws(() => identityOf({ [CLAIM_PRID]: 'not a prid' } as never, 'eidas'), (error: unknown) => error instanceof BrokerError && error.code === 'noPersonalNumber');
    // A personnummer wins over a prid: a foreign e-ID bound to a Swedish number has the full profile.
    assert.equal(identityOf({ [CLAIM_PRID]: 'DE:a7f3c91e0b2d4e58', [CLAIM_PERSONAL_NUMBER]: ANNA } as never, 'eidas').personalNumber, ANNA);
    assert.deepEqual(
      [identityOf(claims, 'eidas').personalNumber, identityOf(claims, 'eidas').country, identityOf(claims, 'eidas').name],
      [HANNAH, 'DE', 'Hannah Müller'],
    );
  });

  it('uses an e-service that takes a limited profile: the e-ID\'s name prefilled, no register data, a draft, a file and a case of their own', async () => {
    const hannah = await loggedIn('eidas', HANNAH);
    const prefill = (await hannah.send('GET', '/api/services/parkering-besok/prefill')).json<PrefillResponse>();
    assert.deepEqual(prefill, { person: { personalNumber: HANNAH, name: 'Hannah Müller', givenName: 'Hannah', surname: 'Müller' }, protected: false, children: [] });

    const draft = await hannah.send('POST', '/api/drafts', { serviceId: 'parkering-besok', serviceVersion: 1, answers: { regnr: 'B-AB 123' } });
    assert.equal(draft.statusCode, 201, draft.body);
    const { payload, contentType } = pdfUpload();
    const file = await hannah.send('POST', '/api/attachments?serviceId=parkering-besok&fieldId=intyg', payload, { 'content-type': contentType });
    assert.equal(file.statusCode, 201, file.body);

    const sent = await submit(hannah, 'parkering-besok', {
      namn: 'Hannah Müller', adress: { street: 'Hauptstraße 5', postalCode: '10115', city: 'Berlin' }, regnr: 'B-AB 123', intyg: [file.json<{ id: string }>().id],
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const { caseId } = sent.json<{ receipt: { caseId: string } }>().receipt;

    // Mina sidor: Hannah's case and draft, and nobody else's view of them.
    const listedIds = async (browser: CookieBrowser) => (await browser.send('GET', '/api/my/cases')).json<{ items: { id: string }[] }>().items.map((item) => item.id);
    assert.ok((await listedIds(hannah)).includes(caseId));
    for (const other of [await loggedIn('eidas', INGRID), await loggedIn('freja', ANNA)]) {
      assert.equal((await other.send('GET', `/api/my/cases/${caseId}`)).statusCode, 404);
      assert.equal((await other.send('GET', `/api/drafts/${draft.json<{ id: string }>().id}`)).statusCode, 404);
      assert.ok(!(await listedIds(other)).includes(caseId));
    }

    // The officer API names the applicant by the prid, never as a personnummer.
    const officer = await backend.app.inject({ method: 'GET', url: `/api/officer/cases/${caseId}`, headers: { authorization: `Bearer ${OFFICER}` } });
    assert.deepEqual(officer.json<{ applicant: unknown }>().applicant, { foreignId: 'DE:a7f3c91e0b2d4e58', name: 'Hannah Müller', eid: 'eidas', loa: EIDAS_SUBSTANTIAL });
  });

  it('is told, in Swedish and English, that an e-service needing a personnummer cannot take them — and nothing is kept', async () => {
    const hannah = await loggedIn('eidas', HANNAH);
    const before = await countCases(backend.db);
    const refusals = [
      await hannah.send('GET', '/api/services/signerad/prefill'),
      await hannah.send('POST', '/api/drafts', { serviceId: 'signerad', serviceVersion: 1, answers: { skola: 'Norrskolan' } }),
      await hannah.send('POST', '/api/attachments?serviceId=signerad&fieldId=intyg', pdfUpload().payload, { 'content-type': pdfUpload().contentType }),
      await hannah.send('POST', '/api/signatures', { serviceId: 'signerad', serviceVersion: 1, lang: 'sv', answers: { skola: 'Norrskolan' }, method: 'broker', returnUrl: PAGE }, { 'idempotency-key': newKey() }),
      // The demo's tomtkö: one case per person, with the personnummer prefilled from the register.
      await submit(hannah, 'tomtko', { applicantName: 'Hannah Müller' }, 2),
    ];
    for (const refused of refusals) {
      assert.equal(refused.statusCode, 403, refused.body);
      const body = refused.json<{ type: string; title: string }>();
      assert.equal(body.type, '/problems/personal-number-required');
      assert.equal(body.title, 'E-tjänsten kräver svenskt personnummer eller samordningsnummer, och din e-legitimation har inget av dem');
    }
    const english = await hannah.send('GET', '/api/services/signerad/prefill', undefined, { 'accept-language': 'en' });
    assert.equal(english.json<{ title: string }>().title, 'This e-service needs a Swedish personal identity number or coordination number, and your e-ID has neither');
    assert.equal(await countCases(backend.db), before);
    const { rows } = await backend.db.query('SELECT 1 FROM drafts WHERE owner_personal_number = $1 AND service_id = $2', [HANNAH, 'signerad']);
    assert.equal(rows.length, 0);
  });

  it('signs through the broker named by the prid: only that person can sign, and the case keeps the signature', async () => {
    const hannah = await loggedIn('eidas', HANNAH);
    const start = () => hannah.send('POST', '/api/signatures',
      { serviceId: 'signerad-besok', serviceVersion: 1, lang: 'sv', answers: { skola: 'Berlin International School' }, method: 'broker', returnUrl: PAGE },
      { 'idempotency-key': newKey() });
    const first = await start();
    assert.equal(first.statusCode, 201, first.body);
    const { orderRef, authorizationUrl } = first.json<StartSigningResponse>();
    assert.deepEqual(JSON.parse(new URL(authorizationUrl!).searchParams.get('claims')!), {
      id_token: { [CLAIM_PRID]: { essential: true, value: 'DE:a7f3c91e0b2d4e58' } },
    });
    // Ingrid at Hannah's page: refused by the broker, no case.
    const before = await countCases(backend.db);
    await hannah.callback(await playTestProvider(authorizationUrl!, { person: INGRID }, redirectUri));
    assert.equal((await hannah.send('GET', `/api/signatures/${orderRef}`)).json<SigningState>().status, 'failed');
    assert.equal(await countCases(backend.db), before);

    const again = (await start()).json<StartSigningResponse>();
    let page = '';
    await hannah.callback(await playTestProvider(again.authorizationUrl!, { person: HANNAH }, redirectUri, (html) => (page = html)));
    assert.match(page, /Jag, Hannah Müller \(DE:a7f3c91e0b2d4e58\), skriver under/);
    const done = (await hannah.send('GET', `/api/signatures/${again.orderRef}`)).json<SigningState>();
    assert.equal(done.status, 'complete', JSON.stringify(done));
    const officer = await backend.app.inject({ method: 'GET', url: `/api/officer/cases/${done.result!.receipt.caseId}`, headers: { authorization: `Bearer ${OFFICER}` } });
    const [signature] = officer.json<{ signatures: { foreignId?: string; personalNumber?: string; name: string; idToken: string }[] }>().signatures;
    assert.deepEqual([signature!.foreignId, signature!.personalNumber, signature!.name], ['DE:a7f3c91e0b2d4e58', undefined, 'Hannah Müller']);
    assert.equal(decodeJwt(signature!.idToken)[CLAIM_PRID], 'DE:a7f3c91e0b2d4e58');
  });

  it('refuses a definition that takes a limited profile but asks what only the register answers', () => {
    const childQuestion = { id: 'barn', type: 'child', label: text('Barn', 'Child') };
    const result = ServiceDefinition.safeParse({
      ...OPEN_TO_FOREIGN, steps: [{ ...OPEN_TO_FOREIGN.steps[0]!, fields: [...OPEN_TO_FOREIGN.steps[0]!.fields, childQuestion] }],
    });
    assert.equal(result.success, false);
    assert.match(result.error!.issues.map((issue) => issue.message).join(' '), /limitedProfile" cannot go with child questions/);
  });
});
