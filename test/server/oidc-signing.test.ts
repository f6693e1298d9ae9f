import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { CLAIM_PERSONAL_NUMBER, CLAIM_USER_SIGNATURE, PARAM_SIGN_REQUEST, SCOPE_SIGN } from '../../server/eid/oidc/claims.js';
import { localRedirectUri } from '../../server/eid/oidc/config.js';
import { recordBrokerAnswer } from '../../server/services/signing.js';
import { canonicalJson } from '../../server/services/idempotency.js';
import type { StartBrokerLoginResponse } from '../../src/contract/eid.js';
import type { SigningState, StartSigningResponse } from '../../src/contract/signing.js';
import { countCases, newKey, startTestBackend, type TestBackend } from '../support/backend.js';
import { CookieBrowser } from '../support/cookie-browser.js';
import { playTestProvider } from '../support/oidc-player.js';
import { SIGNED } from '../support/signed-service.js';

const PAGE = 'https://www.exempelby.se/skolskjuts.html';
const ANNA = '198001012387';
const ERIK = '198203154599';
const OFFICER = 'o'.repeat(24) + '-exempelby-oidc-signing-token';
const body = (answers: Record<string, unknown> = { skola: 'Norrskolan' }, method = 'broker') =>
  ({ serviceId: 'signerad', serviceVersion: 1, lang: 'sv', answers, method, returnUrl: PAGE });

/**
 * Signing a case through the e-ID broker with the Signature Extension of the Swedish OpenID Connect profile, against
 * the bundled test provider: the citizen logged in with Freja eID (or Telia) signs at the broker's page, comes back,
 * and the case is made with the signature their e-ID made — and nobody else can sign, poll or answer for it.
 */
describe('signing through the e-ID broker (OIDC Signature Extension)', () => {
  let backend: TestBackend;
  let redirectUri: string;

  before(async () => {
    backend = await startTestBackend({
      extraDefinitions: [SIGNED],
      config: { officerTokens: [{ municipalityId: 'exempelby', token: OFFICER }] },
    });
    redirectUri = localRedirectUri(backend.config.port);
  });
  after(() => backend?.close());

  async function loggedIn(eid: string, person = ANNA): Promise<CookieBrowser> {
    const browser = new CookieBrowser(backend);
    const started = await browser.startLogin(eid, PAGE);
    assert.equal(started.statusCode, 200, started.body);
    const back = await playTestProvider(started.json<StartBrokerLoginResponse>().authorizationUrl, { person }, redirectUri);
    assert.equal((await browser.callback(back)).statusCode, 303);
    return browser;
  }

  async function startSigning(browser: CookieBrowser, answers?: Record<string, unknown>) {
    const started = await browser.send('POST', '/api/signatures', body(answers), { 'idempotency-key': newKey() });
    assert.equal(started.statusCode, 201, started.body);
    return started.json<StartSigningResponse>();
  }

  const state = async (browser: CookieBrowser, orderRef: string) => (await browser.send('GET', `/api/signatures/${orderRef}`)).json<SigningState>();

  it('signs with Freja eID: the text and digest shown at the broker, back to the page, the case made with the signature', async () => {
    const anna = await loggedIn('freja');
    assert.deepEqual([(await anna.session()).eid, (await anna.session()).eidSigns], ['freja', true]);
    const { orderRef, authorizationUrl } = await startSigning(anna);
    assert.ok(authorizationUrl, 'the broker\'s page');

    // A signature request as the profile has it: the sign scope, a new login with consent, the signRequest signed
    // with the client's key, and Anna's personnummer as the essential claim (nobody else may sign).
    const url = new URL(authorizationUrl);
    assert.ok(url.searchParams.get('scope')!.split(' ').includes(SCOPE_SIGN));
    assert.equal(url.searchParams.get('prompt'), 'login consent');
    const signRequest = url.searchParams.get(PARAM_SIGN_REQUEST)!;
    assert.equal(decodeProtectedHeader(signRequest).alg, 'HS256');
    const requested = decodeJwt(signRequest) as { tbs_data: string; sign_message: { message: { sv: string } } };
    const tbs = Buffer.from(requested.tbs_data, 'base64').toString('utf8');
    const digest = createHash('sha256').update(canonicalJson({ skola: 'Norrskolan' })).digest('hex');
    assert.equal(tbs, `e-service-kit;signerad;v1;answers-sha256=${digest}`);
    assert.deepEqual(JSON.parse(url.searchParams.get('claims')!), { id_token: { [CLAIM_PERSONAL_NUMBER]: { essential: true, value: ANNA } } });

    assert.equal((await state(anna, orderRef)).status, 'pending', 'pending while the citizen is at the broker');
    let page = '';
    const back = await playTestProvider(authorizationUrl, { person: ANNA }, redirectUri, (html) => (page = html));
    assert.match(page, /Skriv under med Freja eID/);
    assert.match(page, /Jag, Anna Andersson \(19800101-2387\), skriver under och skickar in mina svar den/);
    assert.match(page, new RegExp(createHash('sha256').update(tbs).digest('hex')));

    const landed = await anna.callback(back);
    assert.equal(landed.statusCode, 303, landed.body);
    assert.equal(landed.headers.location, `${PAGE}?esk-signing=${orderRef}`);
    const done = await state(anna, orderRef);
    assert.equal(done.status, 'complete', JSON.stringify(done));
    const caseId = done.result!.receipt.caseId;
    assert.match(done.result!.receipt.caseNumber ?? '', /^SIG-/);

    // The officer API: the signature the e-ID made (a JWS over exactly the data sent), and the ID token that carried it.
    const officer = await backend.app.inject({ method: 'GET', url: `/api/officer/cases/${caseId}`, headers: { authorization: `Bearer ${OFFICER}` } });
    const { applicant, signatures } = officer.json<{ applicant: { eid: string }; signatures: { eid: string; personalNumber: string; signature: string; idToken?: string }[] }>();
    assert.equal(applicant.eid, 'freja');
    assert.equal(signatures.length, 1);
    assert.equal(signatures[0]!.eid, 'freja');
    assert.equal(signatures[0]!.personalNumber, ANNA);
    const jws = Buffer.from(signatures[0]!.signature, 'base64').toString('utf8');
    assert.equal(JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')).tbs_data, tbs);
    const idToken = decodeJwt(signatures[0]!.idToken!);
    assert.equal(idToken[CLAIM_USER_SIGNATURE], signatures[0]!.signature);
    assert.equal(idToken[CLAIM_PERSONAL_NUMBER], ANNA);

    // Mina sidor: who signed, with which e-ID.
    const mine = await anna.send('GET', `/api/my/cases/${caseId}`);
    assert.deepEqual(mine.json<{ signatures: { name: string; eid?: string }[] }>().signatures.map((s) => [s.name, s.eid]), [['Anna Andersson', 'freja']]);
  });

  it('signs with Telia the same way', async () => {
    const anna = await loggedIn('telia');
    const { orderRef, authorizationUrl } = await startSigning(anna, { skola: 'Telia-skolan' });
    await anna.callback(await playTestProvider(authorizationUrl!, { person: ANNA }, redirectUri));
    const done = await state(anna, orderRef);
    assert.equal(done.status, 'complete');
    const { rows } = await backend.db.query<{ eid: string }>('SELECT eid FROM case_signatures WHERE case_id = $1', [done.result!.receipt.caseId]);
    assert.deepEqual(rows, [{ eid: 'telia' }]);
  });

  it('makes no case when the citizen cancels at the broker, and a new signing can follow', async () => {
    const anna = await loggedIn('freja');
    const before = await countCases(backend.db);
    const first = await startSigning(anna);
    await anna.callback(await playTestProvider(first.authorizationUrl!, 'cancel', redirectUri));
    assert.deepEqual(await state(anna, first.orderRef), { status: 'failed', hintCode: 'userCancel' });
    assert.equal(await countCases(backend.db), before);

    const again = await startSigning(anna);
    await anna.callback(await playTestProvider(again.authorizationUrl!, { person: ANNA }, redirectUri));
    assert.equal((await state(anna, again.orderRef)).status, 'complete');
    assert.equal(await countCases(backend.db), before + 1);
  });

  it('lets nobody else sign: the broker refuses another person, and a signature for another is refused here too', async () => {
    const anna = await loggedIn('freja');
    const before = await countCases(backend.db);
    const signing = await startSigning(anna);
    // Erik at Anna's broker page: the essential claim stops him there.
    await anna.callback(await playTestProvider(signing.authorizationUrl!, { person: ERIK }, redirectUri));
    assert.deepEqual(await state(anna, signing.orderRef), { status: 'failed', hintCode: 'brokerFailed' });

    // Belt and braces: were a broker to vouch for someone else, no case is made from it.
    const other = await startSigning(anna);
    await recordBrokerAnswer(backend.db, other.orderRef, 'signed', {
      personalNumber: ERIK, name: 'Erik Andersson', givenName: 'Erik', surname: 'Andersson', userSignature: 'x', idToken: 'y', signedAt: new Date().toISOString(),
    });
    assert.deepEqual(await state(anna, other.orderRef), { status: 'failed', hintCode: 'personMismatch' });
    assert.equal(await countCases(backend.db), before);
  });

  it('hears the broker once, and only in the browser that started the signing; only the signer may ask about it', async () => {
    const anna = await loggedIn('freja');
    const signing = await startSigning(anna);
    const back = await playTestProvider(signing.authorizationUrl!, { person: ANNA }, redirectUri);
    // Another browser (no esk_sign cookie of this signing) brings the answer: not heard.
    const stranger = await loggedIn('freja', ERIK);
    assert.equal((await stranger.callback(back)).statusCode, 400);
    assert.equal((await state(anna, signing.orderRef)).status, 'pending');
    assert.equal((await stranger.send('GET', `/api/signatures/${signing.orderRef}`)).statusCode, 404);
    assert.equal((await stranger.send('DELETE', `/api/signatures/${signing.orderRef}`)).statusCode, 404);

    assert.equal((await anna.callback(back)).statusCode, 303);
    const done = await state(anna, signing.orderRef);
    assert.equal(done.status, 'complete');
    // The same answer again (a replayed code, a reload): nothing more.
    assert.equal((await anna.callback(back)).statusCode, 400);
    assert.deepEqual(await state(anna, signing.orderRef), done);
  });

  it('signs with the e-ID of the login, and says so before starting when that e-ID cannot sign here', async () => {
    const anna = await loggedIn('freja');
    const bankId = await anna.send('POST', '/api/signatures', body(undefined, 'otherDevice'), { 'idempotency-key': newKey() });
    assert.equal(bankId.statusCode, 409);
    assert.match(bankId.json<{ title: string }>().title, /Skriv under med den e-legitimation du loggade in med/);
    const noPage = await anna.send('POST', '/api/signatures', { ...body(), returnUrl: undefined }, { 'idempotency-key': newKey() });
    assert.equal(noPage.statusCode, 409);
    const elsewhere = await anna.send('POST', '/api/signatures', { ...body(), returnUrl: 'https://evil.example/' }, { 'idempotency-key': newKey() });
    assert.equal(elsewhere.statusCode, 400);

    const limited = await startTestBackend({ extraDefinitions: [SIGNED], config: { oidc: { ...backend.config.oidc, signEids: ['freja'] } } });
    try {
      const tomasz = new CookieBrowser(limited);
      const started = await tomasz.startLogin('eidas', PAGE);
      const back = await playTestProvider(started.json<StartBrokerLoginResponse>().authorizationUrl, { person: '199003657195' }, localRedirectUri(limited.config.port));
      await tomasz.callback(back);
      assert.deepEqual([(await tomasz.session()).eid, (await tomasz.session()).eidSigns], ['eidas', false]);
      const refused = await tomasz.send('POST', '/api/signatures', body(), { 'idempotency-key': newKey() });
      assert.equal(refused.statusCode, 409);
    } finally {
      await limited.close();
    }
  });

  it('starts one trip for one Idempotency-Key: a repeat, also at the same moment, gets the same page and signing', async () => {
    const anna = await loggedIn('freja');
    const key = newKey();
    const [first, second] = await Promise.all([0, 1].map(() => anna.send('POST', '/api/signatures', body({ skola: 'En nyckel' }), { 'idempotency-key': key })));
    const started = [first!, second!].map((response) => response.json<StartSigningResponse>());
    assert.deepEqual(started[0], started[1], JSON.stringify(started));
    const again = await anna.send('POST', '/api/signatures', body({ skola: 'En nyckel' }), { 'idempotency-key': key });
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json<StartSigningResponse>(), started[0]);
    // Other answers with the key: refused, as for BankID.
    assert.equal((await anna.send('POST', '/api/signatures', body({ skola: 'Andra svar' }), { 'idempotency-key': key })).statusCode, 422);
    const { rows } = await backend.db.query('SELECT 1 FROM signings WHERE idempotency_key = $1', [key]);
    assert.equal(rows.length, 1);
  });

  it('hears the first trip too when the same browser starts a second one (another tab)', async () => {
    const anna = await loggedIn('freja');
    const first = await startSigning(anna, { skola: 'Första fliken' });
    const second = await startSigning(anna, { skola: 'Andra fliken' });
    await anna.callback(await playTestProvider(first.authorizationUrl!, { person: ANNA }, redirectUri));
    await anna.callback(await playTestProvider(second.authorizationUrl!, { person: ANNA }, redirectUri));
    assert.equal((await state(anna, first.orderRef)).status, 'complete');
    assert.equal((await state(anna, second.orderRef)).status, 'complete');
  });

  it('lets a citizen with a samordningsnummer sign: the broker is asked for that number', async () => {
    const tomasz = await loggedIn('freja', '199003657195');
    const signing = await startSigning(tomasz, { skola: 'Samordningsnummer' });
    const claims = JSON.parse(new URL(signing.authorizationUrl!).searchParams.get('claims')!) as { id_token: Record<string, { value: string }> };
    assert.deepEqual(Object.keys(claims.id_token), ['https://id.oidc.se/claim/coordinationNumber']);
    await tomasz.callback(await playTestProvider(signing.authorizationUrl!, { person: '199003657195' }, redirectUri));
    assert.equal((await state(tomasz, signing.orderRef)).status, 'complete');
  });

  it('fails a signing whose answer never comes, once its time is out; a late answer changes nothing', async () => {
    let now = Date.now();
    const timed = await startTestBackend({ extraDefinitions: [SIGNED], app: { now: () => new Date(now) } });
    try {
      const anna = new CookieBrowser(timed);
      const started = await anna.startLogin('freja', PAGE);
      await anna.callback(await playTestProvider(started.json<StartBrokerLoginResponse>().authorizationUrl, { person: ANNA }, localRedirectUri(timed.config.port)));
      const signing = await anna.send('POST', '/api/signatures', body(), { 'idempotency-key': newKey() });
      const { orderRef, authorizationUrl } = signing.json<StartSigningResponse>();
      const back = await playTestProvider(authorizationUrl!, { person: ANNA }, localRedirectUri(timed.config.port));
      now += 12 * 60_000;
      assert.deepEqual((await anna.send('GET', `/api/signatures/${orderRef}`)).json(), { status: 'failed', hintCode: 'brokerFailed' });
      assert.equal((await anna.callback(back)).statusCode, 400, 'too late to be heard');
      assert.deepEqual((await anna.send('GET', `/api/signatures/${orderRef}`)).json(), { status: 'failed', hintCode: 'brokerFailed' });
      assert.equal(await countCases(timed.db), 0);
    } finally {
      await timed.close();
    }
  });
});
