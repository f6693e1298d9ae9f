import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readOwnEndpoint } from '../own-endpoint.js';

/**
 * EID_BROKER: how this server speaks to the municipality's e-ID broker for the e-IDs of OIDC_EIDS — OpenID Connect
 * (the Swedish OIDC profile, server/eid/oidc/) or SAML 2.0 (the Swedish eID Framework, here). BankID is spoken to
 * directly either way.
 */
export const EID_BROKER_PROTOCOLS = ['oidc', 'saml'] as const;
export type EidBrokerProtocol = (typeof EID_BROKER_PROTOCOLS)[number];

/** A SAML entity's key (PKCS#8 or PKCS#1) and its certificate, PEM. */
export interface SamlKeyPair {
  key: string;
  cert: string;
}

/**
 * The SAML 2.0 broker (an IdP of the Swedish eID Framework) and this server as its service provider. Without
 * SAML_IDP_SSO_URL the bundled test IdP runs in-process (as the OIDC test provider does without OIDC_ISSUER).
 */
export interface SamlConfig {
  /**
   * SAML_IDP_SSO_URL (its SingleSignOnService for HTTP-Redirect), SAML_IDP_ENTITY_ID and SAML_IDP_CERT (the
   * certificate it signs with, read from the file named); unset: the test IdP.
   */
  idp?: { ssoUrl: string; entityId: string; cert: string } | undefined;
  /** SAML_SP_ENTITY_ID: this server as the IdP registered it (the audience of its assertions). */
  spEntityId: string;
  /**
   * SAML_SP_KEY and SAML_SP_CERT (read from the files named): this server's key, which signs its AuthnRequests and
   * decrypts the assertions encrypted to its certificate. Unset (the test IdP only): made at start.
   */
  sp?: SamlKeyPair | undefined;
  /**
   * SAML_ACS_URL: this server's /api/eid/saml/acs as browsers reach it, registered with the IdP. Unset:
   * http://localhost:<the port the server listens on> (the demo, the tests).
   */
  acsUrl?: string | undefined;
}

/** The config with its ACS URL known: the one set, or this server's own once it listens. */
export type ResolvedSamlConfig = SamlConfig & { acsUrl: string };

/** This server as the test IdP knows it. */
export const TEST_SP_ENTITY_ID = 'urn:e-service-kit:test-sp';

/** The ACS on this server as the demo reaches it: http://localhost:<port>/api/eid/saml/acs. */
export const localAcsUrl = (port: number) => `http://localhost:${port}/api/eid/saml/acs`;

const IDP_SETTINGS = ['SAML_IDP_SSO_URL', 'SAML_IDP_ENTITY_ID', 'SAML_IDP_CERT'] as const;
const SP_SETTINGS = ['SAML_SP_ENTITY_ID', 'SAML_SP_KEY', 'SAML_SP_CERT', 'SAML_ACS_URL'] as const;
/** What only an OIDC broker uses: set beside EID_BROKER=saml, it would not do what it says. */
const OIDC_ONLY_SETTINGS = [
  'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_CLIENT_PRIVATE_KEY', 'OIDC_CLIENT_KEY_ID', 'OIDC_REDIRECT_URI',
] as const;
const ACS_ENDPOINT = { variable: 'SAML_ACS_URL', path: '/api/eid/saml/acs', answerOf: "the IdP's" };

export function readEidBroker(env: NodeJS.ProcessEnv, fail: (message: string) => never): EidBrokerProtocol {
  const raw = env.EID_BROKER?.trim() || 'oidc';
  if (!(EID_BROKER_PROTOCOLS as readonly string[]).includes(raw)) fail(`EID_BROKER must be oidc or saml (how to speak to the e-ID broker), not "${env.EID_BROKER}"`);
  return raw as EidBrokerProtocol;
}

/**
 * The SAML settings, read whichever broker EID_BROKER names (the test IdP's defaults when it is oidc), and each
 * refused with the setting named when it cannot work: a SAML setting beside EID_BROKER=oidc, an OIDC one beside
 * saml, an IdP not on https://, a key that is not the certificate's, a file that cannot be read.
 */
export function readSamlConfig(env: NodeJS.ProcessEnv, broker: EidBrokerProtocol, fail: (message: string) => never): SamlConfig {
  const set = (name: string) => Boolean(env[name]?.trim());
  if (broker === 'oidc') {
    const stray = [...IDP_SETTINGS, ...SP_SETTINGS].filter(set);
    if (stray.length) fail(`${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but EID_BROKER is not saml: set EID_BROKER=saml to speak SAML 2.0 to the broker, or unset ${stray.length === 1 ? 'it' : 'them'}`);
    return { spEntityId: TEST_SP_ENTITY_ID };
  }
  const oidcOnly = OIDC_ONLY_SETTINGS.filter(set);
  if (oidcOnly.length) fail(`${oidcOnly.join(', ')} ${oidcOnly.length === 1 ? 'is' : 'are'} set but EID_BROKER=saml: the broker is spoken to with SAML 2.0 (the SAML_ settings), so unset ${oidcOnly.length === 1 ? 'it' : 'them'}`);
  // Signing through the broker is the OIDC profile's Signature Extension: a SAML broker here only logs in.
  if (env.OIDC_SIGN_EIDS?.trim()) fail('OIDC_SIGN_EIDS is set but EID_BROKER=saml: signing through a SAML broker is not offered, so unset OIDC_SIGN_EIDS (BankID still signs)');
  const acsUrl = set('SAML_ACS_URL') ? readOwnEndpoint(env.SAML_ACS_URL!.trim(), ACS_ENDPOINT, fail) : undefined;
  const sp = readSpKeys(env, fail);
  if (!set('SAML_IDP_SSO_URL')) {
    const stray = IDP_SETTINGS.filter(set);
    if (stray.length) fail(`${stray.join(' and ')} ${stray.length === 1 ? 'is' : 'are'} set but SAML_IDP_SSO_URL is not: set SAML_IDP_SSO_URL to the IdP's SingleSignOnService too, or unset ${stray.length === 1 ? 'it' : 'them'} to use the test IdP`);
    return { spEntityId: env.SAML_SP_ENTITY_ID?.trim() || TEST_SP_ENTITY_ID, sp, acsUrl };
  }
  const ssoUrl = readSsoUrl(env.SAML_IDP_SSO_URL!.trim(), fail);
  const missing = ['SAML_IDP_ENTITY_ID', 'SAML_IDP_CERT', 'SAML_SP_ENTITY_ID', 'SAML_SP_KEY', 'SAML_SP_CERT'].filter((name) => !set(name));
  if (missing.length) fail(`SAML_IDP_SSO_URL is set: set ${missing.join(', ')} too (the IdP as its metadata names it, and this server as the IdP registered it)`);
  // An IdP sends the citizen back only to the ACS registered with it: this server's, as browsers reach it.
  if (!acsUrl) fail('SAML_IDP_SSO_URL is set: set SAML_ACS_URL too, the AssertionConsumerService registered with the IdP (https://<this server>/api/eid/saml/acs)');
  const idpCert = readPem(env.SAML_IDP_CERT!.trim(), 'SAML_IDP_CERT', 'CERTIFICATE', fail);
  try {
    new X509Certificate(idpCert);
  } catch {
    fail(`SAML_IDP_CERT must name a PEM file of the IdP's signing certificate; "${env.SAML_IDP_CERT}" holds none that can be read`);
  }
  return { idp: { ssoUrl, entityId: env.SAML_IDP_ENTITY_ID!.trim(), cert: idpCert }, spEntityId: env.SAML_SP_ENTITY_ID!.trim(), sp, acsUrl };
}

/** SAML_SP_KEY and SAML_SP_CERT, both or neither, the key the certificate's. */
function readSpKeys(env: NodeJS.ProcessEnv, fail: (message: string) => never): SamlKeyPair | undefined {
  const keyPath = env.SAML_SP_KEY?.trim();
  const certPath = env.SAML_SP_CERT?.trim();
  if (!keyPath && !certPath) return undefined;
  if (!keyPath || !certPath) fail(`${keyPath ? 'SAML_SP_KEY' : 'SAML_SP_CERT'} is set: set ${keyPath ? 'SAML_SP_CERT' : 'SAML_SP_KEY'} too (this server's key and its certificate go together)`);
  const key = readPem(keyPath, 'SAML_SP_KEY', 'PRIVATE KEY', fail);
  const cert = readPem(certPath, 'SAML_SP_CERT', 'CERTIFICATE', fail);
  let matches = false;
  try {
    matches = new X509Certificate(cert).checkPrivateKey(createPrivateKey(key));
  } catch {
    fail(`SAML_SP_KEY and SAML_SP_CERT must name PEM files of an RSA key and its certificate ("${keyPath}", "${certPath}")`);
  }
  if (!matches) fail(`SAML_SP_KEY is not the key of SAML_SP_CERT: the IdP encrypts to the certificate, so this server must hold its key`);
  return { key, cert };
}

function readPem(path: string, setting: string, label: 'CERTIFICATE' | 'PRIVATE KEY', fail: (message: string) => never): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return fail(`${setting}: "${path}" cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  // PRIVATE KEY covers PKCS#8 ("BEGIN PRIVATE KEY") and PKCS#1 ("BEGIN RSA PRIVATE KEY").
  if (!new RegExp(`-----BEGIN [A-Z ]*${label}-----`).test(text)) fail(`${setting}: "${path}" is not a PEM file of a ${label === 'CERTIFICATE' ? 'certificate' : 'private key'}`);
  return text;
}

function readSsoUrl(raw: string, fail: (message: string) => never): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(`SAML_IDP_SSO_URL must be the IdP's SingleSignOnService (HTTP-Redirect), such as https://eid.example.se/idp/profile/SAML2/Redirect/SSO, not "${raw}"`);
  }
  if (url.protocol !== 'https:') fail(`SAML_IDP_SSO_URL must use https://, not "${raw}"`);
  return url.href;
}
