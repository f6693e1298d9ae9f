import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { StartBrokerLoginRequest, type LoginMethods, type StartBrokerLoginResponse } from '../../../src/contract/eid.js';
import { parseBody } from '../../http/body.js';
import { escapeHtml } from '../../http/html.js';
import { requestLanguage } from '../../http/language.js';
import { perMinute } from '../../http/rate-limit.js';
import { checkReturnUrl } from '../../http/security.js';
import { problem, ProblemError } from '../../problem.js';
import { LOGIN_BINDING_COOKIE } from '../../routes/eid.js';
import { setSessionCookie } from '../../sessions/plugin.js';
import { sha256, type SessionStore } from '../../sessions/store.js';
import type { Queryable } from '../../store/database.js';
import { browserBinding, heldBinding, type BindingCookie } from '../browser-binding.js';
import { BrokerError, newChecks, type OidcBroker } from './broker.js';
import type { OidcEid } from './config.js';
import { recordBrokerAnswer } from '../../services/signing.js';
import { SIGNING_BINDING_COOKIE, SIGNING_RESULT_PARAMETER, signatureRecord } from './signing.js';

/** How long a started login may come back: the broker's own session is shorter. */
export const LOGIN_MINUTES = 10;
/** A login's binding (esk_eid), sent to the login routes and the callback. */
const LOGIN_BINDING: BindingCookie = { name: LOGIN_BINDING_COOKIE, path: '/api/eid', maxAgeSeconds: LOGIN_MINUTES * 60 };
/**
 * A signing's binding (esk_sign): its round trip comes back through the same callback within the same time. Path
 * /api: sent to the callback, and to the next start of a signing (which keeps it).
 */
const SIGNING_BINDING: BindingCookie = { name: SIGNING_BINDING_COOKIE, path: '/api', maxAgeSeconds: LOGIN_MINUTES * 60 };
const LOGINS_PER_MINUTE = 20;

/** How the citizen comes back to the page: `esk-login` says what became of the login. */
export const LOGIN_RESULT_PARAMETER = 'esk-login';
export type LoginResult = 'done' | 'cancelled' | 'failed' | 'noPersonalNumber';

/**
 * How a login through the broker starts, whichever protocol speaks to it (EID_BROKER): the e-ID chosen and the
 * page to come back to are checked already; the adapter binds the login to this browser (esk_eid) and gives the
 * broker's page to send the citizen to.
 */
export type StartBrokerLogin = (request: FastifyRequest, reply: FastifyReply, login: { eid: OidcEid; returnUrl: string }) => Promise<URL>;

export interface OidcRouteOptions {
  db: Queryable;
  broker: OidcBroker;
  sessions: SessionStore;
  /** OIDC_EIDS: what the broker offers; an e-ID not named is refused. */
  eids: readonly OidcEid[];
  /** OIDC_SIGN_EIDS: those that sign too. */
  signEids: readonly OidcEid[];
  /** OIDC_REDIRECT_URI: the callback as the broker knows it (the code is exchanged for exactly this). */
  redirectUri: () => string;
  allowedOrigins: readonly string[];
  /** The login start of the broker's protocol when it is not OpenID Connect (EID_BROKER=saml); by default the OIDC one. */
  startLogin?: StartBrokerLogin | undefined;
  now?: () => Date;
}

interface OidcLoginRow {
  nonce: string;
  code_verifier: string;
  eid: OidcEid;
  return_url: string;
  created_at: Date | string;
  /** Set for a signing's round trip: the signing it answers. */
  signing_order_ref: string | null;
}

/**
 * Logging in through the e-ID broker (OpenID Connect, authorization code flow with PKCE): the browser asks for
 * the broker's page (POST /api/eid/oidc/login), goes there, and comes back through GET /api/eid/oidc/callback,
 * which makes the session and sends it on to the page it came from. The login is bound to the browser that
 * started it (the esk_eid cookie, as a BankID order is) and used once: a state that is not this browser's, or
 * one already used, makes no session.
 */
export function oidcRoutes(app: FastifyInstance, options: OidcRouteOptions): void {
  const { db, broker, sessions, eids, signEids, redirectUri, now = () => new Date() } = options;
  const allowed = new Set(options.allowedOrigins);

  app.get('/api/eid/methods', async (): Promise<LoginMethods> => ({ bankId: true, broker: [...eids], signing: [...signEids] }));

  // This server's public key (private_key_jwt), where a broker that fetches its clients' keys finds it; public, as a key is.
  app.get('/api/eid/oidc/jwks.json', { config: { cache: 'public' } }, async () => broker.jwks());

  const startOidcLogin: StartBrokerLogin = async (request, reply, login) => {
    const checks = await newChecks();
    const authorizationUrl = await broker.authorizationUrl(login.eid, checks).catch(brokerUnavailable(request));
    const binding = loginBinding(request, reply);
    await db.query(
      `INSERT INTO oidc_logins (state_sha256, binding_sha256, nonce, code_verifier, eid, return_url, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [sha256(checks.state), sha256(binding), checks.nonce, checks.codeVerifier, login.eid, login.returnUrl, now().toISOString()]);
    return authorizationUrl;
  };
  const startLogin = options.startLogin ?? startOidcLogin;

  // The widgets call /api/eid/oidc/login whichever protocol speaks to the broker; /api/eid/broker/login names no protocol.
  const loginRoute = { config: perMinute(LOGINS_PER_MINUTE) };
  const startHandler = async (request: FastifyRequest, reply: FastifyReply): Promise<StartBrokerLoginResponse> => {
    const lang = requestLanguage(request);
    const body = parseBody(StartBrokerLoginRequest, request.body, lang);
    if (!eids.includes(body.eid)) {
      throw new ProblemError(problem(400, 'eid-not-offered', lang === 'en' ? 'That e-ID cannot be used here' : 'Den e-legitimationen går inte att använda här',
        `The broker offers ${eids.join(', ') || 'no e-ID'} (OIDC_EIDS).`));
    }
    checkReturnUrl(request, body.returnUrl, allowed, lang);
    const authorizationUrl = await startLogin(request, reply, { eid: body.eid, returnUrl: body.returnUrl });
    return { authorizationUrl: authorizationUrl.href };
  };
  app.post('/api/eid/oidc/login', loginRoute, startHandler);
  app.post('/api/eid/broker/login', loginRoute, startHandler);

  app.get('/api/eid/oidc/callback', async (request, reply) => {
    const query = new URLSearchParams(request.url.split('?')[1] ?? '');
    const state = query.get('state');
    // A login is bound by esk_eid, a signing by esk_sign: either binds the answer to this browser.
    const bindings = [heldBinding(request, LOGIN_BINDING_COOKIE), heldBinding(request, SIGNING_BINDING_COOKIE)]
      .filter((binding): binding is string => binding !== undefined);
    // Taken once, by the browser that started it, within its time: whatever the broker says after that is not heard.
    const { rows } = state && bindings.length && state.length <= 200
      ? await db.query<OidcLoginRow>(
        `UPDATE oidc_logins SET consumed_at = $3
          WHERE state_sha256 = $1 AND binding_sha256 = ANY($2) AND consumed_at IS NULL AND created_at > $4
          RETURNING nonce, code_verifier, eid, return_url, created_at, signing_order_ref`,
        [sha256(state), bindings.map(sha256), now().toISOString(), new Date(now().getTime() - LOGIN_MINUTES * 60_000).toISOString()])
      : { rows: [] };
    const login = rows[0];
    if (!login) {
      request.log.warn({ hasState: Boolean(state), hasBinding: bindings.length > 0 }, 'e-ID broker: an answer for no login of this browser');
      return notThisLogin(request, reply);
    }
    // The URL as the broker sent it: the redirect URI it knows, with the query it added.
    const callbackUrl = new URL(redirectUri());
    callbackUrl.search = query.toString();
    const checks = { state: state!, nonce: login.nonce, codeVerifier: login.code_verifier };
    if (login.signing_order_ref) {
      // A signature: kept on its signing (the page that asks for it makes the case), the citizen sent back to it.
      const orderRef = login.signing_order_ref;
      try {
        const signature = await broker.finishSigning(callbackUrl, checks, login.eid);
        await recordBrokerAnswer(db, orderRef, 'signed', signatureRecord(signature));
        request.log.info({ eid: login.eid, orderRef }, 'signed through the e-ID broker');
      } catch (error) {
        const cancelled = error instanceof BrokerError && error.code === 'cancelled';
        request.log.warn({ eid: login.eid, orderRef, err: (error as Error).message }, 'e-ID broker: not signed');
        await recordBrokerAnswer(db, orderRef, cancelled ? 'cancelled' : 'failed');
      }
      const back = new URL(login.return_url);
      back.searchParams.set(SIGNING_RESULT_PARAMETER, orderRef);
      return reply.code(303).header('Location', back.href).send();
    }
    try {
      const person = await broker.finish(callbackUrl, checks, login.eid);
      // A new id at login (no session fixation): the browser's previous session, if any, ends.
      if (request.session) await sessions.delete(request.session);
      const { id } = await sessions.create({ ...person, eid: login.eid, loa: person.loa });
      setSessionCookie(request, reply, id);
      request.log.info({ eid: login.eid, loa: person.loa }, 'logged in through the e-ID broker');
      return backTo(reply, login.return_url, 'done');
    } catch (error) {
      // Whatever went wrong, the citizen is on a page of their own: back to it, told that the login was not made.
      const code = error instanceof BrokerError ? error.code : 'failed';
      if (error instanceof BrokerError) request.log.warn({ eid: login.eid, code, err: error.message }, 'e-ID broker: login not made');
      else request.log.error({ eid: login.eid, err: (error as Error).message }, 'e-ID broker: login failed here');
      return backTo(reply, login.return_url, code);
    }
  });
}

/** The browser's binding for a login through the broker (esk_eid), whichever protocol speaks to it. */
export const loginBinding = (request: FastifyRequest, reply: FastifyReply): string => browserBinding(request, reply, LOGIN_BINDING);

/** The browser's binding for a signing at the broker (esk_sign): for POST /api/signatures with method "broker". */
export const signingBinding = (request: FastifyRequest, reply: FastifyReply): string => browserBinding(request, reply, SIGNING_BINDING);

/** The broker's page could not be had (the broker, or the test one, not reached): 503, and the reason in the log. */
export function brokerUnavailable(request: FastifyRequest): (error: unknown) => never {
  return (error) => {
    request.log.error({ err: (error as Error).message }, 'e-ID broker: could not be reached');
    throw new ProblemError(problem(503, 'eid-broker-unavailable', requestLanguage(request) === 'en'
      ? 'Logging in with that e-ID does not work right now. Try again in a while.'
      : 'Det går inte att logga in med den e-legitimationen just nu. Försök igen om en stund.'));
  };
}

/** Back to the page the login started on, saying how it went. */
export function backTo(reply: FastifyReply, returnUrl: string, result: LoginResult) {
  const url = new URL(returnUrl);
  url.searchParams.set(LOGIN_RESULT_PARAMETER, result);
  return reply.code(303).header('Location', url.href).send();
}

/** An answer for a login this browser did not start, or one already used: nothing to go back to, nothing made. */
export function notThisLogin(request: FastifyRequest, reply: FastifyReply) {
  const en = requestLanguage(request) === 'en';
  const text = en
    ? 'The login could not be completed: it was started in another browser, has already been used, or took too long. Go back to the page and log in again.'
    : 'Inloggningen kunde inte slutföras: den startades i en annan webbläsare, har redan använts eller tog för lång tid. Gå tillbaka till sidan och logga in igen.';
  return reply.code(400).header('Content-Type', 'text/html; charset=utf-8').send(`<!doctype html>
<html lang="${en ? 'en' : 'sv'}"><head><meta charset="utf-8"><title>${en ? 'Login not completed' : 'Inloggningen slutfördes inte'}</title></head>
<body><main><h1>${en ? 'Login not completed' : 'Inloggningen slutfördes inte'}</h1><p>${escapeHtml(text)}</p></main></body></html>`);
}
