/**
 * Requests that reach a backend, told to the page's session store there (src/client/session.ts) so that
 * its idle time starts again. Apart from the store, so that the API client does not bring the store
 * along: a page whose e-service needs no login never loads it, and then nobody listens.
 */
const listeners = new Map<string, () => void>();

/** The session store of the backend at `baseUrl` (a normalised href) hears of every request from now on. */
export function onActivity(baseUrl: string, listener: () => void): void {
  listeners.set(baseUrl, listener);
}

/** A request reached the backend: if the page follows a session there, its idle time starts again. */
export function noteActivity(baseUrl: string): void {
  listeners.get(new URL(baseUrl).href)?.();
}
