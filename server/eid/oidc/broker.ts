import * as oidc from 'openid-client';
import {
  CLAIM_AUTHN_PROVIDER, CLAIM_COORDINATION_NUMBER, CLAIM_PERSONAL_NUMBER, EIDAS_HIGH, EIDAS_SUBSTANTIAL, LOA3, SCOPE_PERSON_INFO, SCOPE_PERSON_NUMBER,
} from './claims.js';
import type { OidcConfig, OidcEid, ResolvedOidcConfig } from './config.js';
import { startTestOidcProvider, type TestOidcProvider } from './test-provider/provider.js';

/** The person the broker vouches for, as a session records them. */
export interface BrokerIdentity {
  personalNumber: string;
  name: string;
  givenName: string;
  surname: string;
  /** The level of assurance (the ID token's acr). */
  loa?: string | undefined;
  /** The identity provider behind the broker, as it named it. */
  authnProvider?: string | undefined;
}

/** What the callback checks the broker's answer against, kept from the start of the login. */
export interface LoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The broker refused, or its answer did not hold (state, nonce, PKCE, the ID token's signature, issuer, audience, expiry). */
export class BrokerError extends Error {
  constructor(message: string, readonly code: 'cancelled' | 'failed' | 'noPersonalNumber') {
    super(message);
    this.name = 'BrokerError';
  }
}

export interface OidcBroker {
  /** The broker's page for a new login: code flow with PKCE (S256), `state`, `nonce`, and the e-ID asked for. */
  authorizationUrl(eid: OidcEid, checks: { state: string; nonce: string; codeChallenge: string }): Promise<URL>;
  /**
   * The broker's answer at the redirect URI (its whole URL, query and all): the code exchanged and the ID token
   * checked by openid-client — never read from the browser — and the person taken from the profile's claims.
   */
  finish(callbackUrl: URL, checks: LoginChecks, eid: OidcEid): Promise<BrokerIdentity>;
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
  return {
    async authorizationUrl(eid, checks) {
      const { configuration } = await connect();
      return oidc.buildAuthorizationUrl(configuration, {
        redirect_uri: config.redirectUri,
        scope: `openid ${SCOPE_PERSON_NUMBER} ${SCOPE_PERSON_INFO}`,
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
      });
    },
    async finish(callbackUrl, checks, eid) {
      const { configuration } = await connect().catch((cause: unknown) => {
        throw new BrokerError(`the broker could not be reached: ${(cause as Error).message}`, 'failed');
      });
      const error = callbackUrl.searchParams.get('error');
      if (error) throw new BrokerError(`the broker answered ${error}`, error === 'access_denied' ? 'cancelled' : 'failed');
      let claims: oidc.IDToken | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (cause) {
        throw new BrokerError(`the broker's answer did not hold: ${(cause as Error).message}`, 'failed');
      }
      if (!claims) throw new BrokerError('the broker gave no ID token', 'failed');
      if (typeof claims.acr !== 'string' || !acceptedLoa(eid).includes(claims.acr)) {
        throw new BrokerError(`the login's level of assurance (acr ${String(claims.acr)}) is not one asked for`, 'failed');
      }
      return identityOf(claims);
    },
    async close() {
      const connected = await connecting?.catch(() => undefined);
      await connected?.testProvider?.close();
    },
  };
}

/** The broker's metadata as discovered, and the test provider when it is the one. */
export interface Connected {
  configuration: oidc.Configuration;
  testProvider?: TestOidcProvider;
}

async function connectBroker(config: ResolvedOidcConfig): Promise<Connected> {
  if (config.issuer) {
    // client_secret_basic, as the broker registers this server (docs/eid-brokers.md).
    return { configuration: await oidc.discovery(new URL(config.issuer), config.clientId, config.clientSecret, oidc.ClientSecretBasic(config.clientSecret)) };
  }
  const testProvider = await startTestOidcProvider({ clientId: config.clientId, clientSecret: config.clientSecret, redirectUris: [config.redirectUri] });
  return { configuration: await discoverLocalIssuer(testProvider.issuer, config), testProvider };
}

/**
 * An issuer on plain http on this machine (the bundled test provider, or a test's): the one place openid-client is
 * told that http is fine. Everything else it checks as for any broker.
 */
export function discoverLocalIssuer(issuer: string, config: Pick<OidcConfig, 'clientId' | 'clientSecret'>): Promise<oidc.Configuration> {
  const url = new URL(issuer);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error(`${issuer} is not on this machine`);
  return oidc.discovery(url, config.clientId, config.clientSecret, oidc.ClientSecretBasic(config.clientSecret), { execute: [oidc.allowInsecureRequests] });
}

/** The levels of assurance a login with the e-ID is taken at: LoA3 for a Swedish e-ID, eIDAS substantial or high for a foreign one. */
export function acceptedLoa(eid: OidcEid): string[] {
  return eid === 'eidas' ? [EIDAS_SUBSTANTIAL, EIDAS_HIGH] : [LOA3];
}

/** The person in the Swedish profile's claims: a personnummer or a samordningsnummer, and the name. */
export function identityOf(claims: oidc.IDToken): BrokerIdentity {
  const number = claims[CLAIM_PERSONAL_NUMBER] ?? claims[CLAIM_COORDINATION_NUMBER];
  if (typeof number !== 'string' || !/^\d{12}$/.test(number)) {
    throw new BrokerError('the ID token names no Swedish personnummer or samordningsnummer', 'noPersonalNumber');
  }
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : '');
  const givenName = text('given_name');
  const surname = text('family_name');
  return {
    personalNumber: number,
    givenName,
    surname,
    name: text('name') || `${givenName} ${surname}`.trim(),
    loa: typeof claims.acr === 'string' ? claims.acr : undefined,
    authnProvider: text(CLAIM_AUTHN_PROVIDER) || undefined,
  };
}
