import { SAML, SamlStatusError, ValidateInResponseTo, type CacheProvider } from '@node-saml/node-saml';
import { acceptedLoa, BrokerError, type BrokerIdentity } from '../oidc/broker.js';
import type { OidcEid } from '../oidc/config.js';
import { NAMEID_TRANSIENT } from './attributes.js';
import type { ResolvedSamlConfig, SamlKeyPair } from './config.js';
import { identityOf, readResponseEnvelope, refusal } from './response.js';
import type { TestSamlIdp } from './test-idp/idp.js';

/** How long a started login may be answered: as long as its login row lives (the routes' LOGIN_MINUTES). */
const ANSWER_WITHIN_MS = 10 * 60_000;
/** Two servers' clocks differ a little: the Swedish eID Framework's deployment profile (6.3.5) allows 3 to 5 minutes. */
const CLOCK_SKEW_MS = 3 * 60_000;

/**
 * This server as a SAML 2.0 service provider of the municipality's e-ID broker (an IdP of the Swedish eID Framework),
 * built on node-saml. `requests` is node-saml's record of the AuthnRequests made, kept with the login each belongs to
 * (login-requests.ts): a response is taken only InResponseTo the request of its own login, once.
 */
export interface SamlServiceProvider {
  /**
   * The IdP's page for a new login: an AuthnRequest signed with RSA-SHA256 on the HTTP-Redirect binding, with
   * ForceAuthn, the levels of assurance of the e-ID (RequestedAuthnContext, exact), and the RelayState.
   */
  loginUrl(eid: OidcEid, relayState: string, requests: CacheProvider): Promise<URL>;
  /**
   * The IdP's answer posted to the ACS (the SAMLResponse, base64): checked by node-saml — the signatures of the
   * response and of the assertion by the IdP's certificate, the assertion decrypted with this server's key,
   * InResponseTo, its time and audience — and beyond it the envelope and the assertion (response.ts); then the
   * person in it. `login` is the login answered: the e-ID asked for, and when its request was made. A refusal by
   * the IdP, or anything that does not hold, is a BrokerError.
   */
  finish(samlResponse: string, login: { eid: OidcEid; startedAt: Date }, requests: CacheProvider): Promise<BrokerIdentity>;
  close(): Promise<void>;
}

/** The IdP as this server reaches it, and the keys of both sides: the configured IdP, or the test IdP started here. */
export interface ConnectedIdp {
  ssoUrl: string;
  entityId: string;
  /** The certificate the IdP signs with. */
  idpCert: string;
  sp: SamlKeyPair;
  testIdp?: TestSamlIdp;
}

/**
 * The IdP the config names (SAML_IDP_SSO_URL), or — without one — the bundled test IdP, started on first use (an
 * app that never logs anyone in through the broker never starts it), with keys made for both sides unless
 * SAML_SP_KEY and SAML_SP_CERT are set.
 */
export function lazySamlSp(config: ResolvedSamlConfig, connectTo: (config: ResolvedSamlConfig) => Promise<ConnectedIdp> = connectIdp): SamlServiceProvider {
  let connecting: Promise<ConnectedIdp> | undefined;
  const connect = () => (connecting ??= connectTo(config).catch((error: unknown) => {
    // Not started (a port taken, say): tried again at the next login.
    connecting = undefined;
    throw error;
  }));
  /** node-saml for one login: the e-ID decides the levels of assurance asked for, the login the request record. */
  const samlFor = (idp: ConnectedIdp, eid: OidcEid, requests: CacheProvider) => new SAML({
    entryPoint: idp.ssoUrl,
    issuer: config.spEntityId,
    callbackUrl: config.acsUrl,
    audience: config.spEntityId,
    idpCert: idp.idpCert,
    privateKey: idp.sp.key,
    signatureAlgorithm: 'sha256',
    decryptionPvk: idp.sp.key,
    wantAuthnResponseSigned: true,
    wantAssertionsSigned: true,
    // A login of its own each time: on a shared computer the IdP's session must not log the next person in.
    forceAuthn: true,
    authnContext: acceptedLoa(eid),
    racComparison: 'exact',
    identifierFormat: NAMEID_TRANSIENT,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: ANSWER_WITHIN_MS,
    cacheProvider: requests,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    // The e-ID the citizen chose, beside the signed request: a broker that takes the hint goes straight to it, one
    // that does not shows its own choice (as the OIDC adapter's `eid` parameter).
    additionalAuthorizeParams: { eid },
  });
  return {
    async loginUrl(eid, relayState, requests) {
      const idp = await connect();
      return new URL(await samlFor(idp, eid, requests).getAuthorizeUrlAsync(relayState, undefined, {}));
    },
    async finish(samlResponse, { eid, startedAt }, requests) {
      const idp = await connect().catch((cause: unknown) => {
        throw new BrokerError(`the IdP could not be reached: ${(cause as Error).message}`, 'failed');
      });
      const envelope = await readResponseEnvelope(Buffer.from(samlResponse, 'base64').toString('utf8'), { acsUrl: config.acsUrl, idpEntityId: idp.entityId });
      let validated: Awaited<ReturnType<SAML['validatePostResponseAsync']>>;
      try {
        validated = await samlFor(idp, eid, requests).validatePostResponseAsync({ SAMLResponse: samlResponse });
      } catch (cause) {
        if (cause instanceof SamlStatusError) throw refusal(envelope);
        throw new BrokerError(`the IdP's answer did not hold: ${(cause as Error).message}`, 'failed');
      }
      const { profile } = validated;
      if (!profile) throw new BrokerError('the IdP\'s answer holds no login', 'failed');
      if (profile.issuer !== idp.entityId) throw new BrokerError(`the assertion is issued by ${String(profile.issuer)}, not the IdP`, 'failed');
      return identityOf(profile, { eid, acsUrl: config.acsUrl, authenticatedAfter: new Date(startedAt.getTime() - CLOCK_SKEW_MS) });
    },
    async close() {
      const connected = await connecting?.catch(() => undefined);
      await connected?.testIdp?.close();
    },
  };
}

async function connectIdp(config: ResolvedSamlConfig): Promise<ConnectedIdp> {
  if (config.idp) {
    // readSamlConfig requires SAML_SP_KEY and SAML_SP_CERT beside SAML_IDP_SSO_URL.
    if (!config.sp) throw new Error('SAML_SP_KEY and SAML_SP_CERT are needed with SAML_IDP_SSO_URL');
    return { ssoUrl: config.idp.ssoUrl, entityId: config.idp.entityId, idpCert: config.idp.cert, sp: config.sp };
  }
  // Loaded only here, as the OIDC test provider is (../oidc/broker.ts): a server with a real IdP never needs them.
  const [{ selfSignedCertificate }, { startTestSamlIdp }] = await Promise.all([import('./test-idp/certificate.js'), import('./test-idp/idp.js')]);
  const sp = config.sp ?? selfSignedCertificate('e-service-kit test SP');
  const testIdp = await startTestSamlIdp({ spEntityId: config.spEntityId, spCert: sp.cert, acsUrl: config.acsUrl });
  return { ssoUrl: testIdp.ssoUrl, entityId: testIdp.entityId, idpCert: testIdp.cert, sp, testIdp };
}
