import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LOGIN_BINDING_COOKIE } from '../../routes/eid.js';
import { setSessionCookie } from '../../sessions/plugin.js';
import { newSecret, sha256, type SessionStore } from '../../sessions/store.js';
import type { Queryable } from '../../store/database.js';
import { heldBinding } from '../browser-binding.js';
import { BrokerError, type BrokerIdentity } from '../oidc/broker.js';
import type { OidcEid } from '../oidc/config.js';
import {
  backTo, brokerUnavailable, LOGIN_MINUTES, loginBinding, notThisLogin, type LoginResult, type StartBrokerLogin,
} from '../oidc/routes.js';
import { loginRequests } from './login-requests.js';
import type { SamlServiceProvider } from './sp.js';

/** A RelayState as this server makes it (newSecret: 32 random bytes, base64url). */
const SECRET = /^[A-Za-z0-9_-]{43}$/;
/** A SAMLResponse with its encrypted assertion and two signatures is some kilobytes; far more is not one. */
const MAX_RESPONSE_CHARS = 200_000;

export interface SamlRouteOptions {
  db: Queryable;
  sp: SamlServiceProvider;
  sessions: SessionStore;
  /** SAML_ACS_URL: the ACS as browsers reach it (the finish is beside it). */
  acsUrl: () => string;
  now?: () => Date;
}

interface SamlAnswerRow {
  eid: OidcEid;
  return_url: string;
  outcome: LoginResult;
  personal_number: string | null;
  name: string | null;
  given_name: string | null;
  surname: string | null;
  loa: string | null;
}

/**
 * Logging in through a SAML 2.0 e-ID broker (the Swedish eID Framework; EID_BROKER=saml), in three steps:
 *
 * 1. The login start (the same POST /api/eid/oidc/login the widgets call, or /api/eid/broker/login) makes a login
 *    row bound to the browser (esk_eid) and found by a new RelayState, and gives the IdP's page with the signed
 *    AuthnRequest.
 * 2. The IdP's page posts the answer to POST /api/eid/saml/acs — cross-site, so without the SameSite=Lax esk_eid
 *    cookie. The login the RelayState names takes the answer (once, within its time), node-saml and sp.ts check it,
 *    and what it says waits on the row; the browser goes on to GET /api/eid/saml/finish?relay=….
 * 3. There, a top-level GET, the cookie comes along: the row is taken once, only by the browser that started the
 *    login, and the session is made as the OIDC callback makes it — then back to the page with `esk-login`.
 *
 * Returns the login start, for the broker's login route.
 */
export async function samlRoutes(app: FastifyInstance, options: SamlRouteOptions): Promise<StartBrokerLogin> {
  const { db, sp, sessions, acsUrl, now = () => new Date() } = options;
  const oldest = () => new Date(now().getTime() - LOGIN_MINUTES * 60_000).toISOString();

  const startLogin: StartBrokerLogin = async (request, reply, login) => {
    const relayState = newSecret();
    const relaySha256 = sha256(relayState);
    const binding = loginBinding(request, reply);
    // The row first: node-saml records the AuthnRequest's ID on it as it makes the request (login-requests.ts).
    await db.query(
      'INSERT INTO saml_logins (relay_sha256, binding_sha256, eid, return_url, created_at) VALUES ($1, $2, $3, $4, $5)',
      [relaySha256, sha256(binding), login.eid, login.returnUrl, now().toISOString()]);
    return sp.loginUrl(login.eid, relayState, loginRequests(db, relaySha256, now)).catch(brokerUnavailable(request));
  };

  // The IdP's form posts application/x-www-form-urlencoded, which the API takes nowhere else: parsed here only.
  await app.register(async (acs) => {
    acs.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    // 'provider': a provider's answer the browser brings cross-site, so no Origin or X-Requested-With to check; what
    // vouches for it is the IdP's signature and the login its RelayState names.
    acs.post('/api/eid/saml/acs', { config: { auth: 'provider' } }, async (request, reply) => {
      const form = (request.body ?? {}) as Record<string, unknown>;
      const relayState = typeof form.RelayState === 'string' && SECRET.test(form.RelayState) ? form.RelayState : undefined;
      const samlResponse = typeof form.SAMLResponse === 'string' && form.SAMLResponse.length <= MAX_RESPONSE_CHARS ? form.SAMLResponse : undefined;
      const relaySha256 = relayState ? sha256(relayState) : undefined;
      // A login waiting for its answer, within its time: an answer for anything else is not looked at.
      const { rows } = relaySha256 && samlResponse
        ? await db.query<{ eid: OidcEid; created_at: Date | string }>(
          `SELECT eid, created_at FROM saml_logins
            WHERE relay_sha256 = $1 AND request_id IS NOT NULL AND answered_at IS NULL AND outcome IS NULL AND created_at > $2`,
          [relaySha256, oldest()])
        : { rows: [] };
      const login = rows[0];
      if (!relayState || !relaySha256 || !samlResponse || !login) {
        request.log.warn({ hasRelayState: Boolean(relayState), hasResponse: Boolean(samlResponse) }, 'e-ID broker (SAML): an answer for no login waiting');
        return notThisLogin(request, reply);
      }
      let outcome: LoginResult = 'done';
      let person: BrokerIdentity | undefined;
      try {
        person = await sp.finish(samlResponse, { eid: login.eid, startedAt: new Date(login.created_at) }, loginRequests(db, relaySha256, now));
      } catch (error) {
        // Whatever went wrong, the citizen is on their way back: the finish tells the page the login was not made.
        outcome = error instanceof BrokerError ? error.code : 'failed';
        if (error instanceof BrokerError) request.log.warn({ eid: login.eid, code: outcome, err: error.message }, 'e-ID broker (SAML): login not made');
        else request.log.error({ eid: login.eid, err: (error as Error).message }, 'e-ID broker (SAML): login failed here');
      }
      // The first answer only: the same response posted twice at once is heard once.
      const recorded = await db.query(
        `UPDATE saml_logins SET answered_at = COALESCE(answered_at, $2), outcome = $3, personal_number = $4, name = $5, given_name = $6, surname = $7, loa = $8
          WHERE relay_sha256 = $1 AND outcome IS NULL RETURNING relay_sha256`,
        [relaySha256, now().toISOString(), outcome, person?.personalNumber ?? null, person?.name ?? null, person?.givenName ?? null,
          person?.surname ?? null, person?.loa ?? null]);
      if (!recorded.rows.length) {
        request.log.warn({ eid: login.eid }, 'e-ID broker (SAML): an answer for a login already answered');
        return notThisLogin(request, reply);
      }
      // Beside the ACS as the browser reaches it: /api/eid/saml/finish.
      const onward = new URL('finish', acsUrl());
      onward.searchParams.set('relay', relayState);
      return reply.code(303).header('Location', onward.href).send();
    });
  });

  app.get('/api/eid/saml/finish', finish);

  async function finish(request: FastifyRequest, reply: FastifyReply) {
    const relay = new URLSearchParams(request.url.split('?')[1] ?? '').get('relay');
    const binding = heldBinding(request, LOGIN_BINDING_COOKIE);
    // Taken once, by the browser that started the login, within its time.
    const { rows } = relay && SECRET.test(relay) && binding
      ? await db.query<SamlAnswerRow>(
        // The person's details leave the row as it is taken (they go into the session): RETURNING gives them as they were.
        `UPDATE saml_logins s SET consumed_at = $3, personal_number = NULL, name = NULL, given_name = NULL, surname = NULL
           FROM (SELECT relay_sha256, eid, return_url, outcome, personal_number, name, given_name, surname, loa FROM saml_logins
                  WHERE relay_sha256 = $1 AND binding_sha256 = $2 AND outcome IS NOT NULL AND consumed_at IS NULL AND created_at > $4
                  FOR UPDATE) taken
          WHERE s.relay_sha256 = taken.relay_sha256 AND s.consumed_at IS NULL
          RETURNING taken.eid, taken.return_url, taken.outcome, taken.personal_number, taken.name, taken.given_name, taken.surname, taken.loa`,
        [sha256(relay), sha256(binding), now().toISOString(), oldest()])
      : { rows: [] };
    const login = rows[0];
    if (!login) {
      request.log.warn({ hasRelay: Boolean(relay), hasBinding: Boolean(binding) }, 'e-ID broker (SAML): a finish for no login of this browser');
      return notThisLogin(request, reply);
    }
    if (login.outcome !== 'done' || !login.personal_number) return backTo(reply, login.return_url, login.outcome === 'done' ? 'failed' : login.outcome);
    // A new id at login (no session fixation): the browser's previous session, if any, ends.
    if (request.session) await sessions.delete(request.session);
    const { id } = await sessions.create({
      personalNumber: login.personal_number, name: login.name ?? '', givenName: login.given_name ?? '', surname: login.surname ?? '',
      eid: login.eid, loa: login.loa ?? undefined,
    });
    setSessionCookie(request, reply, id);
    request.log.info({ eid: login.eid, loa: login.loa }, 'logged in through the e-ID broker (SAML)');
    return backTo(reply, login.return_url, 'done');
  }

  return startLogin;
}
