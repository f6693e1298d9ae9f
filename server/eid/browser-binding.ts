import type { FastifyReply, FastifyRequest } from 'fastify';
import { setShortCookie } from '../sessions/plugin.js';
import { newSecret } from '../sessions/store.js';

/** A binding as newSecret makes it (32 random bytes, base64url): anything else in the cookie is not one of ours. */
const BINDING = /^[A-Za-z0-9_-]{43}$/;

/** The cookie that binds a round trip to the broker to the browser that started it. */
export interface BindingCookie {
  name: string;
  /** The routes it goes to: the one that starts the trip and the one the answer comes back to. */
  path: string;
  /** As long as an answer may come back. */
  maxAgeSeconds: number;
}

/** The binding this browser holds in the cookie, if it is one. */
export function heldBinding(request: FastifyRequest, name: string): string | undefined {
  const held = request.cookies[name];
  return held && BINDING.test(held) ? held : undefined;
}

/**
 * The browser's binding: the one it holds — kept, so that a second start (another tab, a retry) does not leave the
 * first one's answer unheard — or a new one, set (again) for as long as an answer may come back. Only its SHA-256 is
 * stored with the trip.
 */
export function browserBinding(request: FastifyRequest, reply: FastifyReply, cookie: BindingCookie): string {
  const binding = heldBinding(request, cookie.name) ?? newSecret();
  setShortCookie(request, reply, cookie.name, binding, cookie.path, cookie.maxAgeSeconds);
  return binding;
}
