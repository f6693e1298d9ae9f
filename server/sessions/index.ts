import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config.js';
import type { BankIdApi } from '../eid/bankid-client.js';
import { BankIdOrders } from '../eid/orders.js';
import { eidRoutes } from '../routes/eid.js';
import { lazyBroker, type OidcBroker } from '../eid/oidc/broker.js';
import { oidcRoutes, type StartBrokerLogin } from '../eid/oidc/routes.js';
import { localRedirectUri } from '../eid/oidc/config.js';
import { localAcsUrl } from '../eid/saml/config.js';
import { brokerSigner } from '../eid/oidc/signing.js';
import type { BrokerSigner } from '../services/signing.js';
import type { Database } from '../store/database.js';
import { lazyBankId } from './bankid.js';
import { registerSessions } from './plugin.js';
import { SessionStore } from './store.js';

export { connectBankId, lazyBankId, type BankIdConnection } from './bankid.js';
export { SESSION_COOKIE, registerSessions } from './plugin.js';
export { SessionStore, type Session, type SessionPerson } from './store.js';

export interface LoginOptions {
  config: ServerConfig;
  db: Database;
  now?: () => Date;
  /** The BankID to use; by default the one config.bankId names (the simulator when BANKID_URL is unset), connected on first use. */
  bankId?: BankIdApi;
  /** The e-ID broker to use; by default the one config.oidc names (the test provider when OIDC_ISSUER is unset), started on first use. */
  broker?: OidcBroker;
}

/**
 * Sessions (request.session, the esk_session cookie) and the e-ID login routes. Register after the security hook.
 * Gives the sessions, and the broker's signing for the signing service (a citizen signs with the e-ID they logged in with).
 */
export async function registerLogin(
  app: FastifyInstance, { config, db, now, bankId, broker }: LoginOptions,
): Promise<{ sessions: SessionStore; brokerSigning: BrokerSigner }> {
  const sessions = new SessionStore(db, { ...config.sessions, now });
  app.addHook('onClose', () => sessions.close());
  await registerSessions(app, sessions);
  let api = bankId;
  if (!api) {
    const lazy = lazyBankId(config.bankId);
    app.addHook('onClose', () => lazy.close());
    api = lazy;
  }
  const signEids: readonly string[] = config.oidc.signEids;
  eidRoutes(app, { db, orders: new BankIdOrders(db, api, { now }), sessions, now, eidSigns: (eid) => eid === 'bankid' || signEids.includes(eid) });
  // The redirect URI set, or this server's own: known once it listens (PORT=0 picks a port), asked at the first login.
  const redirectUri = () => config.oidc.redirectUri ?? localRedirectUri(listeningPort(app) ?? config.port);
  let oidc = broker;
  if (!oidc) {
    const lazy = lazyBroker({ ...config.oidc, get redirectUri() { return redirectUri(); } });
    app.addHook('onClose', () => lazy.close());
    oidc = lazy;
  }
  // EID_BROKER=saml: the broker's e-IDs are logged in with through its SAML IdP (the test IdP when SAML_IDP_SSO_URL is unset).
  let startLogin: StartBrokerLogin | undefined;
  if (config.eidBroker === 'saml') {
    // Loaded only for EID_BROKER=saml: node-saml and its XML signature libraries are most of a server's start otherwise.
    const [{ samlRoutes }, { lazySamlSp }] = await Promise.all([import('../eid/saml/routes.js'), import('../eid/saml/sp.js')]);
    const acsUrl = () => config.saml.acsUrl ?? localAcsUrl(listeningPort(app) ?? config.port);
    const sp = lazySamlSp({ ...config.saml, get acsUrl() { return acsUrl(); } });
    app.addHook('onClose', () => sp.close());
    startLogin = await samlRoutes(app, { db, sp, sessions, acsUrl, now });
  }
  oidcRoutes(app, {
    db, broker: oidc, sessions, eids: config.oidc.eids, signEids: config.oidc.signEids, redirectUri, allowedOrigins: config.allowedOrigins, startLogin, now,
  });
  return { sessions, brokerSigning: brokerSigner({ broker: oidc, signEids: config.oidc.signEids, now: now ?? (() => new Date()) }) };
}

/** The port the server listens on, once it does. */
function listeningPort(app: FastifyInstance): number | undefined {
  const address = app.server.address();
  return address && typeof address === 'object' ? address.port : undefined;
}
