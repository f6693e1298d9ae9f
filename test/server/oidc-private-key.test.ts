import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet, type JWK } from 'jose';
import * as oidc from 'openid-client';
import { readConfig } from '../../server/config.js';
import { discoverLocalIssuer, lazyBroker, type OidcBroker } from '../../server/eid/oidc/broker.js';
import { PARAM_SIGN_REQUEST } from '../../server/eid/oidc/claims.js';
import type { ClientKey } from '../../server/eid/oidc/client-key.js';
import { localRedirectUri, TEST_CLIENT } from '../../server/eid/oidc/config.js';
import { startTestOidcProvider } from '../../server/eid/oidc/test-provider/provider.js';
import type { StartBrokerLoginResponse } from '../../src/contract/eid.js';
import type { SigningState, StartSigningResponse } from '../../src/contract/signing.js';
import { newKey, startTestBackend, type TestBackend } from '../support/backend.js';
import { CookieBrowser } from '../support/cookie-browser.js';
import { playTestProvider } from '../support/oidc-player.js';
import { SIGNED } from '../support/signed-service.js';

const PAGE = 'https://www.exempelby.se/skolskjuts.html';
const ANNA = '198001012387';
/** What a JWK holds of a private key: none of it may leave this server. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

async function logIn(backend: TestBackend, redirectUri: string): Promise<{ browser: CookieBrowser; location: string | undefined }> {
  const browser = new CookieBrowser(backend);
  const started = await browser.startLogin('freja', PAGE);
  assert.equal(started.statusCode, 200, started.body);
  const back = await playTestProvider(started.json<StartBrokerLoginResponse>().authorizationUrl, { person: ANNA }, redirectUri);
  const landed = await browser.callback(back);
  assert.equal(landed.statusCode, 303, landed.body);
  return { browser, location: landed.headers.location };
}

/**
 * The client registered with its public key (private_key_jwt, as the Swedish OIDC profile recommends) in place of a
 * secret, set up as a municipality does: OIDC_CLIENT_PRIVATE_KEY names the PEM file, and the bundled test provider
 * registers the test client with the public half from it. The server logs in and signs with the key, and serves
 * the public key for the broker to register.
 */
describe('the broker client with a private key (private_key_jwt)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esk-oidc-client-key-'));
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let backend: TestBackend;
  let redirectUri: string;

  before(async () => {
    const keyFile = join(dir, 'client.pem');
    writeFileSync(keyFile, rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    backend = await startTestBackend({ extraDefinitions: [SIGNED], config: { oidc: readConfig({ OIDC_CLIENT_PRIVATE_KEY: keyFile }).oidc } });
    redirectUri = localRedirectUri(backend.config.port);
  });
  after(async () => {
    await backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const jwks = async (of: TestBackend) => {
    const response = await of.app.inject({ method: 'GET', url: '/api/eid/oidc/jwks.json' });
    assert.equal(response.statusCode, 200);
    return { jwks: response.json<{ keys: JWK[] }>(), cacheControl: response.headers['cache-control'] };
  };

  it('serves the public key at /api/eid/oidc/jwks.json, with kid, alg and use, and never its private parts', async () => {
    const { jwks: served, cacheControl } = await jwks(backend);
    assert.equal(served.keys.length, 1);
    const [key] = served.keys;
    const { n, e } = rsa.publicKey.export({ format: 'jwk' });
    assert.deepEqual(key, { kty: 'RSA', n, e, kid: await calculateJwkThumbprint({ kty: 'RSA', n, e }), alg: 'RS256', use: 'sig' });
    for (const member of PRIVATE_MEMBERS) assert.equal(member in key!, false, `the JWKS holds "${member}"`);
    // A key is public: a broker may keep it for a while.
    assert.match(String(cacheControl), /^public/);

    // With the secret (the demo's default) there is no key to serve.
    const withSecret = await startTestBackend();
    try {
      assert.deepEqual((await jwks(withSecret)).jwks, { keys: [] });
    } finally {
      await withSecret.close();
    }
  });

  it('logs in: the provider that registered the public key takes the client_assertion signed with the private one', async () => {
    const { browser, location } = await logIn(backend, redirectUri);
    assert.equal(location, `${PAGE}?esk-login=done`);
    assert.equal((await browser.session()).authenticated, true);
  });

  it('signs the signRequest with the key (RS256, its kid), verifiable with the public key it serves; the signature is made', async () => {
    const { browser } = await logIn(backend, redirectUri);
    const started = await browser.send('POST', '/api/signatures',
      { serviceId: 'signerad', serviceVersion: 1, lang: 'sv', answers: { skola: 'Norrskolan' }, method: 'broker', returnUrl: PAGE },
      { 'idempotency-key': newKey() });
    assert.equal(started.statusCode, 201, started.body);
    const { orderRef, authorizationUrl } = started.json<StartSigningResponse>();
    const url = new URL(authorizationUrl!);
    const signRequest = url.searchParams.get(PARAM_SIGN_REQUEST)!;

    const { jwks: served } = await jwks(backend);
    assert.deepEqual(decodeProtectedHeader(signRequest), { alg: 'RS256', kid: served.keys[0]!.kid, typ: 'JWT' });
    const { payload } = await jwtVerify(signRequest, createLocalJWKSet(served as JSONWebKeySet), { issuer: TEST_CLIENT.clientId, audience: url.origin });
    assert.equal(typeof payload.tbs_data, 'string');
    // Not with the secret any more: a broker that knows only the key is not asked to trust one.
    const secret = TEST_CLIENT.clientAuth.method === 'secret' ? TEST_CLIENT.clientAuth.clientSecret : '';
    await assert.rejects(jwtVerify(signRequest, new TextEncoder().encode(secret)));

    // The provider verified it with the registered key, showed it, and the case is made with the signature.
    await browser.callback(await playTestProvider(authorizationUrl!, { person: ANNA }, redirectUri));
    const done = (await browser.send('GET', `/api/signatures/${orderRef}`)).json<SigningState>();
    assert.equal(done.status, 'complete', JSON.stringify(done));
  });
});

/**
 * What goes to the token endpoint, seen on its way there (openid-client's customFetch): a client_assertion signed
 * with the key and no secret at all — taken by a provider that registered the key's public half, refused by one
 * that registered another key.
 */
describe('the token request of a client with a private key', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const clientAuth: ClientKey = { method: 'privateKeyJwt', privateKey: ec.privateKey, kid: 'exempelby-2025', alg: 'ES256' };
  const jwksOf = (key: typeof ec) => ({ keys: [{ ...key.publicKey.export({ format: 'jwk' }), kid: 'exempelby-2025', alg: 'ES256', use: 'sig' } as JWK] });

  interface TokenRequest { issuer: string; body: URLSearchParams; authorization: string | null; answer?: { error?: string } }

  /** The app with its broker at a test provider that registered `registered` as the client's keys; its token requests in `seen`. */
  async function backendAt(registered: { keys: JWK[] }, seen: TokenRequest[]): Promise<{ backend: TestBackend; broker: OidcBroker }> {
    const config = { ...readConfig({}).oidc, clientAuth };
    const broker = lazyBroker({ ...config, redirectUri: localRedirectUri(readConfig({}).port) }, async (resolved) => {
      const testProvider = await startTestOidcProvider({
        clientId: resolved.clientId, clientAuth: { method: 'privateKeyJwt', jwks: registered }, redirectUris: [resolved.redirectUri],
      });
      const configuration = await discoverLocalIssuer(testProvider.issuer, resolved);
      configuration[oidc.customFetch] = async (url, options) => {
        const response = await fetch(url, options as RequestInit);
        if (new URL(url).pathname === '/token') {
          seen.push({
            issuer: testProvider.issuer, body: new URLSearchParams(String(options.body)), authorization: new Headers(options.headers).get('authorization'),
            answer: await response.clone().json() as { error?: string },
          });
        }
        return response;
      };
      return { configuration, testProvider };
    });
    return { backend: await startTestBackend({ config: { oidc: config }, app: { broker } }), broker };
  }

  it('carries a client_assertion signed with the key (ES256, its kid) and no secret; the provider takes it', async () => {
    const seen: TokenRequest[] = [];
    const { backend, broker } = await backendAt(jwksOf(ec), seen);
    try {
      const { browser, location } = await logIn(backend, localRedirectUri(backend.config.port));
      assert.equal(location, `${PAGE}?esk-login=done`);
      assert.equal((await browser.session()).authenticated, true);

      assert.equal(seen.length, 1);
      const [{ issuer, body, authorization }] = seen as [TokenRequest];
      assert.equal(body.get('client_assertion_type'), 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      assert.equal(body.get('client_id'), TEST_CLIENT.clientId);
      assert.equal(body.get('client_secret'), null);
      assert.equal(authorization, null, 'no client_secret_basic beside it');
      const assertion = body.get('client_assertion')!;
      assert.deepEqual(decodeProtectedHeader(assertion), { alg: 'ES256', kid: 'exempelby-2025' });
      const { payload } = await jwtVerify(assertion, ec.publicKey, { issuer: TEST_CLIENT.clientId, subject: TEST_CLIENT.clientId, audience: issuer });
      assert.ok(payload.jti && payload.exp, 'used once, and briefly');
    } finally {
      await backend.close();
      await broker.close();
    }
  });

  it('is refused by a provider that registered another public key: no session, esk-login=failed', async () => {
    const seen: TokenRequest[] = [];
    const { backend, broker } = await backendAt(jwksOf(other), seen);
    try {
      const { browser, location } = await logIn(backend, localRedirectUri(backend.config.port));
      assert.equal(location, `${PAGE}?esk-login=failed`);
      assert.equal((await browser.session()).authenticated, false);
      // The code was offered with an assertion the provider could not verify: the client is not who it says.
      assert.equal(seen.length, 1);
      assert.equal(seen[0]!.answer?.error, 'invalid_client');
    } finally {
      await backend.close();
      await broker.close();
    }
  });
});
