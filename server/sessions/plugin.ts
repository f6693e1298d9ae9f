import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Session, SessionStore } from './store.js';

export const SESSION_COOKIE = 'esk_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The citizen's live login session, from the esk_session cookie; null when there is none. */
    session: Session | null;
  }
  interface FastifyContextConfig {
    /** false: this route reads the session without counting as activity (GET /api/session). */
    sessionActivity?: boolean;
  }
}

/**
 * Registers @fastify/cookie and resolves `request.session` for every request routed to /api/ that
 * carries the cookie — after the Origin/X-Requested-With check, so a refused request does
 * not count as activity. An expired session is deleted and its cookie cleared; activity on
 * an authenticated request slides the idle expiry (never past the absolute limit).
 */
export async function registerSessions(app: FastifyInstance, store: SessionStore): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('session', null);
  app.addHook('preHandler', async (request, reply) => {
    // The matched route, not the raw URL (which may spell /api/ as /%61pi/ or http://host/api/).
    if (!request.routeOptions.url?.startsWith('/api/') || request.routeOptions.config.auth === 'bearer') return;
    const id = request.cookies[SESSION_COOKIE];
    if (!id) return;
    const session = await store.find(id);
    if (!session) {
      clearSessionCookie(request, reply);
      return;
    }
    request.session = request.routeOptions.config.sessionActivity === false ? session : await store.touch(session);
  });
}

/**
 * The cookie is HttpOnly, SameSite=Lax, Path=/api and Secure — except on plain
 * http://localhost (the demo, `npm start`), where a Secure cookie would never be sent back.
 * It has no Max-Age: closing the browser drops it, and the server ends it anyway.
 */
function cookieOptions(request: FastifyRequest) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/api', secure: !isPlainLocalhost(request) };
}

export function isPlainLocalhost(request: FastifyRequest): boolean {
  const host = request.hostname.replace(/^\[|\]$/g, '');
  return request.protocol === 'http' && (host === 'localhost' || host === '127.0.0.1' || host === '::1');
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, id: string): void {
  reply.setCookie(SESSION_COOKIE, id, cookieOptions(request));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

/** Another short-lived HttpOnly cookie, with the same rules (used to bind a login order to its browser). */
export function setShortCookie(request: FastifyRequest, reply: FastifyReply, name: string, value: string, path: string, maxAgeSeconds: number): void {
  reply.setCookie(name, value, { ...cookieOptions(request), path, maxAge: maxAgeSeconds });
}
