import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { SessionState, StartBrokerLoginResponse } from '../../src/contract/eid.js';
import { BrokerError, discoverLocalIssuer, lazyBroker, newChecks, type OidcBroker } from '../../server/eid/oidc/broker.js';
import { EIDAS_SUBSTANTIAL, LOA3 } from '../../server/eid/oidc/claims.js';
import { localRedirectUri } from '../../server/eid/oidc/config.js';
import { KIT_HEADERS, newKey, startTestBackend, VALID_FAULT_REPORT, type TestBackend } from '../support/backend.js';
import { playTestProvider } from '../support/oidc-player.js';
import { CookieBrowser } from '../support/cookie-browser.js';

const RETURN_URL = 'https://www.exempelby.se/mina-sidor.html';
const ANNA = '198001012387';
const TOMASZ = '199003657195';
const OFFICER = 'o'.repeat(24) + '-exempelby-oidc-login-token';

/**
 * Logging in through the e-ID broker (OpenID Connect) against the bundled test provider, built on oidc-provider:
 * the citizen chooses Freja eID, Telia or eIDAS, approves at the provider, and comes back logged in — and every
 * answer that is not the one this browser asked for (cancelled, another state, the same code twice, another
 * browser) makes no session.
 */
describe('logging in through the e-ID broker (OIDC)', () => {
  let backend: TestBackend;
  let redirectUri: string;

  before(async () => {
    backend = await startTestBackend({ config: { officerTokens: [{ municipalityId: 'exempelby', token: OFFICER }] } });
    // Not listening: the server's own callback on its configured port, as `npm start` serves it.
    redirectUri = localRedirectUri(backend.config.port);
  });
  after(() => backend?.close());

  class Browser extends CookieBrowser {
    constructor() {
      super(backend);
    }
    override startLogin(eid: string, returnUrl = RETURN_URL) {
      return super.startLogin(eid, returnUrl);
    }
  }

  async function logIn(browser: Browser, eid: string, person = ANNA) {
    const started = await browser.startLogin(eid);
    assert.equal(started.statusCode, 200, started.body);
    const { authorizationUrl } = started.json<StartBrokerLoginResponse>();
    return playTestProvider(authorizationUrl, { person }, redirectUri);
  }

  const sessionRow = async (personalNumber: string) =>
    (await backend.db.query<{ eid: string; loa: string | null }>(
      'SELECT eid, loa FROM sessions WHERE personal_number = $1 ORDER BY created_at DESC LIMIT 1', [personalNumber])).rows[0];

  it('logs in with Freja eID: the broker\'s page, back to the page, a session with the e-ID and its level of assurance', async () => {
    const browser = new Browser();
    const started = await browser.startLogin('freja');
    const { authorizationUrl } = started.json<StartBrokerLoginResponse>();
    const url = new URL(authorizationUrl);
    // Code flow with PKCE, state and nonce, the Swedish profile's scopes, and the e-ID asked for.
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(url.searchParams.get('state') && url.searchParams.get('nonce') && url.searchParams.get('code_challenge'));
    assert.match(url.searchParams.get('scope')!, /https:\/\/id\.oidc\.se\/scope\/naturalPersonNumber/);
    assert.equal(url.searchParams.get('eid'), 'freja');
    assert.equal(url.searchParams.get('redirect_uri'), redirectUri);
    // LoA3 asked for, and a login of its own each time (no reuse of the broker's session on a shared computer).
    assert.equal(url.searchParams.get('acr_values'), LOA3);
    assert.equal(url.searchParams.get('prompt'), 'login');

    const back = await playTestProvider(authorizationUrl, { person: ANNA }, redirectUri);
    const landed = await browser.callback(back);
    assert.equal(landed.statusCode, 303, landed.body);
    assert.equal(landed.headers.location, `${RETURN_URL}?esk-login=done`);
    const session = await browser.session();
    assert.equal(session.authenticated, true);
    assert.equal(session.user?.name, 'Anna Andersson');
    assert.deepEqual(await sessionRow(ANNA), { eid: 'freja', loa: LOA3 });
  });

  it('logs in with Telia, and with a foreign eID through eIDAS (its own level of assurance), a samordningsnummer too', async () => {
    const telia = new Browser();
    assert.equal((await telia.callback(await logIn(telia, 'telia'))).statusCode, 303);
    assert.equal((await telia.session()).authenticated, true);
    assert.deepEqual(await sessionRow(ANNA), { eid: 'telia', loa: LOA3 });

    const eidas = new Browser();
    assert.equal((await eidas.callback(await logIn(eidas, 'eidas', TOMASZ))).statusCode, 303);
    assert.equal((await eidas.session()).user?.name, 'Tomasz Nowak');
    assert.deepEqual(await sessionRow(TOMASZ), { eid: 'eidas', loa: EIDAS_SUBSTANTIAL });
  });

  it('stores the e-ID with the case the citizen sends: Mina sidor and the officer API say it', async () => {
    const browser = new Browser();
    await browser.callback(await logIn(browser, 'freja', TOMASZ));
    const sent = await backend.app.inject({
      method: 'POST', url: '/api/cases', payload: VALID_FAULT_REPORT,
      headers: { ...KIT_HEADERS, origin: 'https://www.exempelby.se', cookie: browser.cookie, 'idempotency-key': newKey() },
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const { caseId } = sent.json<{ receipt: { caseId: string } }>().receipt;
    const mine = await backend.app.inject({ method: 'GET', url: `/api/my/cases/${caseId}`, headers: { cookie: browser.cookie } });
    assert.equal(mine.json<{ eid?: string }>().eid, 'freja');
    const officer = await backend.app.inject({ method: 'GET', url: `/api/officer/cases/${caseId}`, headers: { authorization: `Bearer ${OFFICER}` } });
    assert.deepEqual(officer.json<{ applicant: unknown }>().applicant, { personalNumber: TOMASZ, eid: 'freja', loa: LOA3 });
  });

  it('makes no session when the citizen cancels at the broker, and says so on the way back', async () => {
    const browser = new Browser();
    const { authorizationUrl } = (await browser.startLogin('freja')).json<StartBrokerLoginResponse>();
    const back = await playTestProvider(authorizationUrl, 'cancel', redirectUri);
    assert.equal(back.searchParams.get('error'), 'access_denied');
    const landed = await browser.callback(back);
    assert.equal(landed.statusCode, 303);
    assert.equal(landed.headers.location, `${RETURN_URL}?esk-login=cancelled`);
    assert.equal((await browser.session()).authenticated, false);
  });

  it('refuses an answer with another state, the same code twice, and an answer in another browser', async () => {
    const browser = new Browser();
    const back = await logIn(browser, 'freja');

    const forged = new URL(back);
    forged.searchParams.set('state', 'a-state-this-browser-never-had');
    assert.equal((await browser.callback(forged)).statusCode, 400);
    assert.equal((await browser.session()).authenticated, false);

    // Someone else with the code and state (a leaked URL): not their login.
    const other = new Browser();
    const stolen = await other.callback(back);
    assert.equal(stolen.statusCode, 400);
    assert.match(stolen.body, /Inloggningen kunde inte slutföras/);
    assert.equal((await other.session()).authenticated, false);

    assert.equal((await browser.callback(back)).statusCode, 303);
    assert.equal((await browser.session()).authenticated, true);
    // The same answer again (a replayed code): used once, nothing more is made.
    const sessions = Number((await backend.db.query<{ n: string }>('SELECT count(*) AS n FROM sessions')).rows[0]!.n);
    const again = await new Browser().callback(back);
    assert.equal(again.statusCode, 400);
    const replay = new Browser();
    replay.cookies.set('esk_eid', browser.cookies.get('esk_eid')!);
    assert.equal((await replay.callback(back)).statusCode, 400);
    assert.equal(Number((await backend.db.query<{ n: string }>('SELECT count(*) AS n FROM sessions')).rows[0]!.n), sessions);
  });

  it('refuses an e-ID the deployment does not offer and a page to come back to that is not the municipality\'s', async () => {
    const browser = new Browser();
    const unknown = await browser.startLogin('bankid');
    assert.equal(unknown.statusCode, 400);
    const elsewhere = await browser.startLogin('freja', 'https://evil.example/steal');
    assert.equal(elsewhere.statusCode, 400);
    assert.equal(elsewhere.json<{ type: string }>().type.endsWith('return-url-not-allowed'), true);
  });

  it('tells the widgets which e-IDs to offer, and which of them sign', async () => {
    const methods = await backend.app.inject({ method: 'GET', url: '/api/eid/methods' });
    assert.deepEqual(methods.json(), { bankId: true, broker: ['freja', 'telia', 'eidas'], signing: ['freja', 'telia', 'eidas'] });
  });
});

/**
 * A broker whose answers do not hold: a local issuer whose token endpoint answers with ID tokens made wrong on
 * purpose — signed with a key that is not its own, for another client, from another issuer, expired, or with
 * another nonce. Each is refused by the checks openid-client makes; the one made right is taken (so that the
 * refusals are the faults', not the fake's).
 */
describe('an ID token that does not hold', () => {
  const CLIENT = { clientId: 'e-service-kit', clientAuth: { method: 'secret', clientSecret: 'secret-of-the-test' } } as const;
  const REDIRECT = 'http://localhost:8080/api/eid/oidc/callback';
  const ownKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let server: Server;
  let issuer: string;
  let nextToken: (nonce: string) => string = () => '';
  let broker: OidcBroker;

  const jwt = (claims: Record<string, unknown>, key = ownKey.privateKey) => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${part({ alg: 'RS256', kid: 'own', typ: 'JWT' })}.${part(claims)}`;
    return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
  };
  const claims = (nonce: string, over: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: issuer, aud: CLIENT.clientId, sub: 'anna', iat: now, exp: now + 300, nonce, acr: LOA3,
      'https://id.oidc.se/claim/personalIdentityNumber': ANNA, name: 'Anna Andersson', given_name: 'Anna', family_name: 'Andersson', ...over,
    };
  };

  before(async () => {
    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const json = (value: unknown) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (path === '/.well-known/openid-configuration') {
        return json({
          issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'], token_endpoint_auth_methods_supported: ['client_secret_basic'],
        });
      }
      if (path === '/jwks') return json({ keys: [{ ...ownKey.publicKey.export({ format: 'jwk' }), kid: 'own', use: 'sig', alg: 'RS256' }] });
      if (path === '/token') {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => json({ access_token: 'at', token_type: 'Bearer', expires_in: 60, id_token: nextToken(new URLSearchParams(body).get('code') ?? '') }));
        return undefined;
      }
      return response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    broker = lazyBroker({ ...CLIENT, redirectUri: REDIRECT, eids: ['freja'], signEids: ['freja'] }, async (config) => ({ configuration: await discoverLocalIssuer(issuer, config) }));
  });
  after(async () => {
    await broker.close();
    await new Promise((resolve) => server.close(resolve));
  });

  /** The broker's answer at the redirect URI for a login started with `checks`, its ID token made by `make`. */
  async function answer(make: (nonce: string) => string): Promise<unknown> {
    const checks = await newChecks();
    nextToken = () => make(checks.nonce);
    const url = new URL(REDIRECT);
    url.search = new URLSearchParams({ code: 'a-code', state: checks.state }).toString();
    return broker.finish(url, checks, 'freja').catch((error: unknown) => error);
  }

  it('takes one made right', async () => {
    const person = await answer((nonce) => jwt(claims(nonce)));
    assert.deepEqual(person, { personalNumber: ANNA, name: 'Anna Andersson', givenName: 'Anna', surname: 'Andersson', loa: LOA3, authnProvider: undefined });
  });

  for (const [fault, make] of [
    ['a signature by another key', (nonce: string) => jwt(claims(nonce), otherKey.privateKey)],
    ['another audience (a token made for another client)', (nonce: string) => jwt(claims(nonce, { aud: 'another-client' }))],
    ['another issuer', (nonce: string) => jwt(claims(nonce, { iss: 'https://evil.example' }))],
    ['an expired token', (nonce: string) => jwt(claims(nonce, { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }))],
    ['another nonce (a token of another login)', () => jwt(claims('a-nonce-of-another-login'))],
    ['a level of assurance below what was asked for (LoA2)', (nonce: string) => jwt(claims(nonce, { acr: 'http://id.elegnamnden.se/loa/1.0/loa2' }))],
    ['no level of assurance at all', (nonce: string) => jwt(claims(nonce, { acr: undefined }))],
    ['a signature taken off (alg none)', (nonce: string) => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims(nonce))).toString('base64url')}.`],
  ] as const) {
    it(`refuses ${fault}`, async () => {
      const refused = await answer(make);
      assert.ok(refused instanceof BrokerError, `taken: ${JSON.stringify(refused)}`);
      assert.equal(refused.code, 'failed');
    });
  }

  it('refuses a token without a Swedish personnummer, as for a foreign eID with none', async () => {
    const refused = await answer((nonce) => jwt(claims(nonce, { 'https://id.oidc.se/claim/personalIdentityNumber': undefined })));
    assert.ok(refused instanceof BrokerError);
    assert.equal(refused.code, 'noPersonalNumber');
  });
});
