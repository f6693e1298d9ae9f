import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isForeignPersonKey } from '../../src/contract/person-key.js';
import type { OrderState, SessionState, StartLoginResponse } from '../../src/contract/eid.js';
import { StartLoginRequest } from '../../src/contract/eid.js';
import { bankId } from '../http/bankid-problems.js';
import type { BankIdOrders } from '../eid/orders.js';
import { parseBody } from '../http/body.js';
import { requestLanguage } from '../http/language.js';
import { problem, ProblemError } from '../problem.js';
import { clearSessionCookie, setSessionCookie, setShortCookie, SESSION_COOKIE } from '../sessions/plugin.js';
import { newSecret, sha256, type Session, type SessionStore } from '../sessions/store.js';
import type { Queryable } from '../store/database.js';
import { perMinute } from '../http/rate-limit.js';

/** Logins one client address may start a minute. */
const LOGINS_PER_MINUTE = 20;

/** Binds a login order to the browser that started it. */
export const LOGIN_BINDING_COOKIE = 'esk_eid';
const BINDING_PATH = '/api/eid';
/** Longer than any BankID order lives (3 minutes after pick-up, 30 s before). */
const BINDING_MAX_AGE_SECONDS = 15 * 60;
const BINDING = /^[A-Za-z0-9_-]{43}$/;

export interface EidRouteOptions {
  db: Queryable;
  orders: BankIdOrders;
  sessions: SessionStore;
  now?: () => Date;
  /** Whether a session's e-ID can sign (BankID always; the broker's as OIDC_SIGN_EIDS says). */
  eidSigns?: (eid: string) => boolean;
}

interface LoginRow {
  method: 'sameDevice' | 'otherDevice';
}

/**
 * Log in with BankID and the session it leads to (see src/contract/eid.ts). An order can
 * be polled or cancelled only by the browser that started it: it holds the esk_eid cookie
 * whose hash is stored with the order; any other browser gets 404, as for no such order.
 */
export function eidRoutes(
  app: FastifyInstance, { db, orders, sessions, now = () => new Date(), eidSigns = (eid) => eid === 'bankid' }: EidRouteOptions,
): void {
  // Each login starts a BankID order: a loop of them from one address is refused before BankID sees it.
  app.post('/api/eid/login', { config: perMinute(LOGINS_PER_MINUTE) }, async (request, reply): Promise<StartLoginResponse> => {
    const { method } = parseBody(StartLoginRequest, request.body, requestLanguage(request));
    const started = await bankId(request, () => orders.startAuth({ endUserIp: request.ip }));
    const existing = request.cookies[LOGIN_BINDING_COOKIE];
    const binding = existing && BINDING.test(existing) ? existing : newSecret();
    await db.query('INSERT INTO eid_logins (order_ref, binding_sha256, method, created_at) VALUES ($1, $2, $3, $4)', [
      started.orderRef, sha256(binding), method, now(),
    ]);
    setShortCookie(request, reply, LOGIN_BINDING_COOKIE, binding, BINDING_PATH, BINDING_MAX_AGE_SECONDS);
    return method === 'sameDevice' ? { orderRef: started.orderRef, autoStartToken: started.autoStartToken } : { orderRef: started.orderRef };
  });

  app.get<{ Params: { orderRef: string } }>('/api/eid/orders/:orderRef', async (request, reply): Promise<OrderState> => {
    const { orderRef } = request.params;
    const login = await boundLogin(db, request, orderRef);
    const state = await bankId(request, () => orders.collect(orderRef));
    if (!state) throw notFound();
    switch (state.status) {
      case 'pending': {
        const qrData = login.method === 'otherDevice' ? await orders.qrData(orderRef) : null;
        return { status: 'pending', hintCode: state.hintCode ?? 'outstandingTransaction', ...(qrData ? { qrData } : {}) };
      }
      case 'failed':
        return { status: 'failed', hintCode: state.hintCode ?? 'unknown' };
      case 'cancelled':
        return { status: 'failed', hintCode: 'cancelled' };
      case 'complete': {
        const user = state.completion!.user;
        // The first poll that sees the completion makes the session; a second one (two tabs polling) only reports it.
        const { rows } = await db.query('UPDATE eid_logins SET consumed_at = $2 WHERE order_ref = $1 AND consumed_at IS NULL RETURNING order_ref', [orderRef, now()]);
        if (rows.length > 0) {
          // A new id at login (no session fixation): the browser's previous session, if any, ends.
          if (request.session) await sessions.delete(request.session);
          const { id } = await sessions.create({ personalNumber: user.personalNumber, name: user.name, givenName: user.givenName, surname: user.surname });
          setSessionCookie(request, reply, id);
          request.log.info({ orderRef }, 'logged in with BankID');
        }
        return { status: 'complete', user: { name: user.name, givenName: user.givenName, surname: user.surname } };
      }
    }
  });

  app.delete<{ Params: { orderRef: string } }>('/api/eid/orders/:orderRef', async (request, reply) => {
    const { orderRef } = request.params;
    await boundLogin(db, request, orderRef);
    await bankId(request, () => orders.cancel(orderRef));
    return reply.code(204).send();
  });

  app.get('/api/session', { config: { sessionActivity: false } }, async (request): Promise<SessionState> => sessionState(request.session, now(), eidSigns));

  app.post('/api/session/refresh', async (request): Promise<SessionState> => {
    // The session hook has already counted this request as activity.
    if (!request.session) {
      throw new ProblemError(problem(401, 'not-logged-in', requestLanguage(request) === 'en' ? 'You are not logged in' : 'Du är inte inloggad'));
    }
    return sessionState(request.session, now(), eidSigns);
  });

  app.delete('/api/session', async (request, reply) => {
    if (request.session) await sessions.delete(request.session);
    if (request.session || request.cookies[SESSION_COOKIE]) clearSessionCookie(request, reply);
    return reply.code(204).send();
  });
}

/** The session as the browser sees it; the seconds left are counted on this server's clock (`now`). */
export function sessionState(session: Session | null, now = new Date(), eidSigns: (eid: string) => boolean = (eid) => eid === 'bankid'): SessionState {
  if (!session) return { authenticated: false };
  const idle = session.idleExpiresAt.getTime();
  return {
    authenticated: true,
    user: { name: session.name, givenName: session.givenName, surname: session.surname },
    eid: session.eid ?? 'bankid',
    eidSigns: eidSigns(session.eid ?? 'bankid'),
    ...(isForeignPersonKey(session.personalNumber) ? { limitedProfile: true } : {}),
    idleExpiresAt: session.idleExpiresAt.toISOString(),
    absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
    idleSecondsLeft: Math.max(0, Math.ceil((idle - now.getTime()) / 1000)),
    idleTimeoutSeconds: Math.round((idle - session.lastSeenAt.getTime()) / 1000),
  };
}

async function boundLogin(db: Queryable, request: FastifyRequest, orderRef: string): Promise<LoginRow> {
  const binding = request.cookies[LOGIN_BINDING_COOKIE];
  if (!binding || !BINDING.test(binding) || orderRef.length > 100) throw notFound();
  const { rows } = await db.query<LoginRow>('SELECT method FROM eid_logins WHERE order_ref = $1 AND binding_sha256 = $2', [orderRef, sha256(binding)]);
  if (!rows[0]) throw notFound();
  return rows[0];
}

function notFound(): ProblemError {
  return new ProblemError(problem(404, 'order-not-found', 'No such login order'));
}
