import { readOwnEndpoint } from '../own-endpoint.js';
import { readClientKey, type ClientAuth, type ClientKey } from './client-key.js';

/** The e-IDs an e-ID broker offers beside BankID, as `<eid-login>` names them. */
export const OIDC_EIDS = ['freja', 'telia', 'eidas'] as const;
export type OidcEid = (typeof OIDC_EIDS)[number];

/**
 * The municipality's e-ID broker (legitimeringstjänst), spoken to with OpenID Connect as the Swedish OpenID Connect
 * Profile describes it (oidc.se). Without OIDC_ISSUER the bundled test provider runs in-process (as the BankID
 * simulator does without BANKID_URL), built on oidc-provider and configured like a Swedish broker.
 */
export interface OidcConfig {
  /** OIDC_ISSUER: the broker's issuer URL (its /.well-known/openid-configuration is read); unset: the test provider. */
  issuer?: string | undefined;
  /** OIDC_CLIENT_ID: this server's client, as the broker registered it. */
  clientId: string;
  /**
   * How the client proves itself (token requests, the signRequest JWT): OIDC_CLIENT_SECRET, or the private key in
   * OIDC_CLIENT_PRIVATE_KEY (with OIDC_CLIENT_KEY_ID as its kid) whose public half the broker has registered.
   */
  clientAuth: ClientAuth;
  /**
   * OIDC_REDIRECT_URI: where the broker sends the citizen back, registered with it — this server's
   * /api/eid/oidc/callback. Unset: http://localhost:<the port the server listens on> (the demo, the tests).
   */
  redirectUri?: string | undefined;
  /** OIDC_EIDS: the e-IDs the broker offers, in the order `<eid-login>` lists them; empty: none (BankID only). */
  eids: OidcEid[];
  /**
   * OIDC_SIGN_EIDS: those of them the broker can also sign with (the Signature Extension); by default all. A citizen
   * logged in with one that cannot is told so before they start an e-service that is signed.
   */
  signEids: OidcEid[];
}

export const TEST_CLIENT: Pick<OidcConfig, 'clientId' | 'clientAuth'> = {
  clientId: 'e-service-kit',
  clientAuth: { method: 'secret', clientSecret: 'e-service-kit-test-provider-secret-not-for-production' },
};

/** The config with its redirect URI known: the one set, or this server's own once it listens. */
export type ResolvedOidcConfig = OidcConfig & { redirectUri: string };

/** The redirect URI on this server as the demo reaches it: http://localhost:<port>/api/eid/oidc/callback. */
export const localRedirectUri = (port: number) => `http://localhost:${port}/api/eid/oidc/callback`;

const CALLBACK_ENDPOINT = { variable: 'OIDC_REDIRECT_URI', path: '/api/eid/oidc/callback', answerOf: "the broker's" };

export function readOidcConfig(env: NodeJS.ProcessEnv, fail: (message: string) => never): OidcConfig {
  const issuer = env.OIDC_ISSUER?.trim() || undefined;
  const eids = readEids(env.OIDC_EIDS, 'OIDC_EIDS', fail);
  const signEids = env.OIDC_SIGN_EIDS === undefined ? eids : readEids(env.OIDC_SIGN_EIDS, 'OIDC_SIGN_EIDS', fail);
  const unoffered = signEids.filter((eid) => !eids.includes(eid));
  if (unoffered.length) fail(`OIDC_SIGN_EIDS names ${unoffered.join(', ')}, which OIDC_EIDS does not offer: an e-ID signs only where it logs in`);
  const raw = env.OIDC_REDIRECT_URI?.trim();
  const redirectUri = raw ? readOwnEndpoint(raw, CALLBACK_ENDPOINT, fail) : undefined;
  const clientKey = readKeySettings(env, fail);
  if (!issuer) {
    const stray = (['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const).filter((name) => env[name]?.trim());
    if (stray.length) fail(`${stray.join(' and ')} ${stray.length === 1 ? 'is' : 'are'} set but OIDC_ISSUER is not: set OIDC_ISSUER to the broker's issuer URL too, or unset ${stray.length === 1 ? 'it' : 'them'} to use the test provider`);
    // A key without a broker: the test provider registers the test client with it, to try private_key_jwt first.
    return { clientId: TEST_CLIENT.clientId, clientAuth: clientKey ?? TEST_CLIENT.clientAuth, redirectUri, eids, signEids };
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return fail(`OIDC_ISSUER must be the broker's issuer URL, such as https://eid.example.se/oidc, not "${issuer}"`);
  }
  if (url.protocol !== 'https:') fail(`OIDC_ISSUER must use https://, not "${issuer}"`);
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  // The broker registered this server one way: two ways to prove it would leave one of them untried until it fails.
  if (clientSecret && clientKey) fail('OIDC_CLIENT_SECRET and OIDC_CLIENT_PRIVATE_KEY are both set: the broker registered this server with one of them (client_secret_basic or private_key_jwt), so unset the other');
  if (!clientId || !(clientSecret || clientKey)) {
    fail('OIDC_ISSUER is set: set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (client_secret_basic) or OIDC_CLIENT_PRIVATE_KEY (private_key_jwt) too, as the broker registered this server');
  }
  // A broker sends the citizen back only to the address registered with it: this server's, as browsers reach it.
  if (!redirectUri) fail('OIDC_ISSUER is set: set OIDC_REDIRECT_URI too, the redirect URI registered with the broker (https://<this server>/api/eid/oidc/callback)');
  const clientAuth: ClientAuth = clientKey ?? { method: 'secret', clientSecret: clientSecret! };
  return { issuer: url.href.replace(/\/$/, ''), clientId, clientAuth, redirectUri, eids, signEids };
}

/** OIDC_CLIENT_PRIVATE_KEY and OIDC_CLIENT_KEY_ID: this server's private key, read and checked, or none. */
function readKeySettings(env: NodeJS.ProcessEnv, fail: (message: string) => never): ClientKey | undefined {
  const path = env.OIDC_CLIENT_PRIVATE_KEY?.trim();
  const kid = env.OIDC_CLIENT_KEY_ID?.trim() || undefined;
  if (!path) {
    if (kid) fail('OIDC_CLIENT_KEY_ID is set but OIDC_CLIENT_PRIVATE_KEY is not: the key id names this server\'s private key, so set OIDC_CLIENT_PRIVATE_KEY too, or unset OIDC_CLIENT_KEY_ID');
    return undefined;
  }
  return readClientKey(path, kid, fail);
}

function readEids(raw: string | undefined, variable: string, fail: (message: string) => never): OidcEid[] {
  if (raw === undefined) return [...OIDC_EIDS];
  const names = raw.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(OIDC_EIDS as readonly string[]).includes(name));
  if (unknown.length) fail(`${variable} names ${unknown.map((name) => `"${name}"`).join(', ')}: the e-IDs are ${OIDC_EIDS.join(', ')} (comma-separated, in the order to offer them)`);
  return [...new Set(names)] as OidcEid[];
}
