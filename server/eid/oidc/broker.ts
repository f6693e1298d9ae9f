import { importPKCS8 } from 'jose';
import * as oidc from 'openid-client';
import {
  CLAIM_USER_SIGNATURE, EIDAS_HIGH, EIDAS_SUBSTANTIAL, LOA3, PARAM_SIGN_REQUEST, SCOPE_EIDAS_IDENTITY, SCOPE_PERSON_INFO, SCOPE_PERSON_NUMBER, SCOPE_SIGN,
} from './claims.js';
import { signRequestJwt, type SignRequestInput } from './sign-request.js';
import { clientJwks, type ClientAuth, type PublicJwk } from './client-key.js';
import { BrokerError, identityOf, numberClaim, type BrokerIdentity } from './identity.js';
import type { OidcConfig, OidcEid, ResolvedOidcConfig } from './config.js';
import type { TestClientAuth, TestOidcProvider } from './test-provider/provider.js';

/** A signature made through the broker: who signed, the signature their e-ID made, and the ID token that vouches for both. */
export interface BrokerSignature extends BrokerIdentity {
  /** The claim userSignature as the broker gave it (Base64 of the e-ID's signature). */
  userSignature: string;
  /** The ID token itself (a JWS the broker signed): the evidence kept with the case. */
  idToken: string;
  /** When the citizen signed (the ID token's auth_time). */
  signedAt: Date;
}

/** What the callback checks the broker's answer against, kept from the start of the login. */
export interface LoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface OidcBroker {
  /** The broker's page for a new login: code flow with PKCE (S256), `state`, `nonce`, and the e-ID asked for. */
  authorizationUrl(eid: OidcEid, checks: { state: string; nonce: string; codeChallenge: string }): Promise<URL>;
  /**
   * The broker's answer at the redirect URI (its whole URL, query and all): the code exchanged and the ID token
   * checked by openid-client — never read from the browser — and the person taken from the profile's claims.
   */
  finish(callbackUrl: URL, checks: LoginChecks, eid: OidcEid): Promise<BrokerIdentity>;
  /**
   * The broker's page for a signature (the Signature Extension): a login with the sign scope, `prompt=login consent`,
   * the signRequest, and the signer's personnummer as an essential claim, so that only they can sign.
   */
  signingUrl(eid: OidcEid, checks: { state: string; nonce: string; codeChallenge: string }, request: SignRequestInput & { personalNumber: string }): Promise<URL>;
  /** The broker's answer to a signature, checked as a login's is, with the signature the e-ID made. */
  finishSigning(callbackUrl: URL, checks: LoginChecks, eid: OidcEid): Promise<BrokerSignature>;
  /**
   * This server's public key as a client (private_key_jwt), for the broker to register or fetch
   * (GET /api/eid/oidc/jwks.json); no keys when it proves itself with a secret.
   */
  jwks(): { keys: PublicJwk[] };
  close(): Promise<void>;
}

export const newChecks = async (): Promise<LoginChecks & { codeChallenge: string }> => {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier, codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier) };
};

/**
 * The broker the config names (OIDC_ISSUER), or — without one — the bundled test provider, started on first use
 * (an app that never logs anyone in through a broker never starts it). Discovery is read once, then kept.
 */
export function lazyBroker(config: ResolvedOidcConfig, connectTo: (config: ResolvedOidcConfig) => Promise<Connected> = connectBroker): OidcBroker {
  let connecting: Promise<Connected> | undefined;
  const connect = () => (connecting ??= connectTo(config).then((connected) => {
    // The ID token's signature is checked against the broker's keys (jwks_uri) too, not only trusted for coming over
    // TLS from its token endpoint: a token from anyone but the broker is refused, and a kept one proves the login.
    oidc.enableNonRepudiationChecks(connected.configuration);
    return connected;
  }, (error: unknown) => {
    // Not reached (a broker down as the server started): asked again at the next login.
    connecting = undefined;
    throw error;
  }));
  /** The code exchanged and the ID token checked (signature, issuer, audience, expiry, nonce, state, PKCE, acr). */
  const exchange = async (callbackUrl: URL, checks: LoginChecks, eid: OidcEid): Promise<{ claims: oidc.IDToken; idToken: string }> => {
    const { configuration } = await connect().catch((cause: unknown) => {
      throw new BrokerError(`the broker could not be reached: ${(cause as Error).message}`, 'failed');
    });
    const error = callbackUrl.searchParams.get('error');
    if (error) throw new BrokerError(`the broker answered ${error}`, error === 'access_denied' ? 'cancelled' : 'failed');
    let claims: oidc.IDToken | undefined;
    let idToken: string | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
      idToken = tokens.id_token;
    } catch (cause) {
      throw new BrokerError(`the broker's answer did not hold: ${(cause as Error).message}`, 'failed');
    }
    if (!claims || !idToken) throw new BrokerError('the broker gave no ID token', 'failed');
    if (typeof claims.acr !== 'string' || !acceptedLoa(eid).includes(claims.acr)) {
      throw new BrokerError(`the login's level of assurance (acr ${String(claims.acr)}) is not one asked for`, 'failed');
    }
    return { claims, idToken };
  };
  return {
    async authorizationUrl(eid, checks) {
      const { configuration } = await connect();
      return oidc.buildAuthorizationUrl(configuration, authorizationParameters(config, eid, checks, `openid ${identityScopes(eid)}`));
    },
    async signingUrl(eid, checks, request) {
      const { configuration } = await connect();
      const issuer = configuration.serverMetadata().issuer;
      return oidc.buildAuthorizationUrl(configuration, {
        ...authorizationParameters(config, eid, checks, `openid ${SCOPE_SIGN} ${identityScopes(eid)}`),
        // A signature is never made on an earlier login, and the citizen consents to this one (section 4.1).
        prompt: 'login consent',
        [PARAM_SIGN_REQUEST]: await signRequestJwt(request, config, issuer),
        // Only the logged-in citizen may sign their case: the broker shows nothing to anyone else (section 4.1.1).
        // A samordningsnummer (day of birth + 60) is its own claim in the profile.
        claims: JSON.stringify({ id_token: signerClaim(request.personalNumber) }),
      });
    },
    async finish(callbackUrl, checks, eid) {
      return identityOf((await exchange(callbackUrl, checks, eid)).claims, eid);
    },
    async finishSigning(callbackUrl, checks, eid) {
      const { claims, idToken } = await exchange(callbackUrl, checks, eid);
      const userSignature = claims[CLAIM_USER_SIGNATURE];
      if (typeof userSignature !== 'string' || !userSignature) throw new BrokerError('the broker\'s answer to a signature holds no userSignature', 'failed');
      if (typeof claims.auth_time !== 'number') throw new BrokerError('the broker\'s answer to a signature holds no auth_time', 'failed');
      return { ...identityOf(claims, eid), userSignature, idToken, signedAt: new Date(claims.auth_time * 1000) };
    },
    jwks: () => clientJwks(config.clientAuth),
    async close() {
      const connected = await connecting?.catch(() => undefined);
      await connected?.testProvider?.close();
    },
  };
}

/** The scopes that ask for the person: their number and name, and for a foreign e-ID its eIDAS identity (the prid). */
function identityScopes(eid: OidcEid): string {
  return [SCOPE_PERSON_NUMBER, SCOPE_PERSON_INFO, ...(eid === 'eidas' ? [SCOPE_EIDAS_IDENTITY] : [])].join(' ');
}

/** The one person who may sign, as an essential claim with its value (section 4.1.1 of the Signature Extension). */
function signerClaim(key: string): Record<string, { essential: true; value: string }> {
  const { claim, value } = numberClaim(key);
  return { [claim]: { essential: true, value } };
}

/** What every request to the broker's authorization endpoint carries. */
function authorizationParameters(
  config: ResolvedOidcConfig, eid: OidcEid, checks: { state: string; nonce: string; codeChallenge: string }, scope: string,
): Record<string, string> {
  return {
    redirect_uri: config.redirectUri,
    scope,
    response_type: 'code',
    state: checks.state,
    nonce: checks.nonce,
    code_challenge: checks.codeChallenge,
    code_challenge_method: 'S256',
    // The level of assurance a citizen's case needs (the ID token's acr is checked against it), and a login of
    // its own each time: on a shared computer the broker's session must not log the next person in.
    acr_values: acceptedLoa(eid).join(' '),
    prompt: 'login',
    // The e-ID the citizen chose: a broker that offers a choice of its own shows it, one that takes the hint skips it.
    eid,
    ui_locales: 'sv en',
  };
}

/** The broker's metadata as discovered, and the test provider when it is the one. */
export interface Connected {
  configuration: oidc.Configuration;
  testProvider?: TestOidcProvider;
}

async function connectBroker(config: ResolvedOidcConfig): Promise<Connected> {
  if (config.issuer) {
    // client_secret_basic or private_key_jwt, as the broker registered this server (docs/eid-brokers.md).
    const { metadata, method } = await clientAuthentication(config.clientAuth);
    return { configuration: await oidc.discovery(new URL(config.issuer), config.clientId, metadata, method) };
  }
  // Loaded only here: the test provider (oidc-provider, some 250 modules) is not part of a server with a real broker.
  const { startTestOidcProvider } = await import('./test-provider/provider.js');
  const testProvider = await startTestOidcProvider({ clientId: config.clientId, clientAuth: testRegistration(config.clientAuth), redirectUris: [config.redirectUri] });
  return { configuration: await discoverLocalIssuer(testProvider.issuer, config), testProvider };
}

/** The client as the test provider registers it: with the secret, or with the public half of the key (never the key). */
export const testRegistration = (auth: ClientAuth): TestClientAuth =>
  auth.method === 'secret' ? auth : { method: 'privateKeyJwt', jwks: clientJwks(auth) };

/**
 * How openid-client proves this server to the broker's token endpoint: the secret in the Authorization header
 * (client_secret_basic), or a client_assertion JWT signed with the private key (private_key_jwt).
 */
async function clientAuthentication(auth: ClientAuth): Promise<{ metadata: string | Partial<oidc.ClientMetadata>; method: oidc.ClientAuth }> {
  if (auth.method === 'secret') return { metadata: auth.clientSecret, method: oidc.ClientSecretBasic(auth.clientSecret) };
  // openid-client signs with WebCrypto: the same key, as a CryptoKey for its algorithm (not extractable).
  const key = await importPKCS8(auth.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), auth.alg);
  return { metadata: { token_endpoint_auth_method: 'private_key_jwt' }, method: oidc.PrivateKeyJwt({ key, kid: auth.kid }) };
}

/**
 * An issuer on plain http on this machine (the bundled test provider, or a test's): the one place openid-client is
 * told that http is fine. Everything else it checks as for any broker.
 */
export async function discoverLocalIssuer(issuer: string, config: Pick<OidcConfig, 'clientId' | 'clientAuth'>): Promise<oidc.Configuration> {
  const url = new URL(issuer);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error(`${issuer} is not on this machine`);
  const { metadata, method } = await clientAuthentication(config.clientAuth);
  return oidc.discovery(url, config.clientId, metadata, method, { execute: [oidc.allowInsecureRequests] });
}

/** The levels of assurance a login with the e-ID is taken at: LoA3 for a Swedish e-ID, eIDAS substantial or high for a foreign one. */
export function acceptedLoa(eid: OidcEid): string[] {
  return eid === 'eidas' ? [EIDAS_SUBSTANTIAL, EIDAS_HIGH] : [LOA3];
}

export { BrokerError, identityOf, numberClaim, type BrokerIdentity };
