import type { SessionState } from '../../src/contract/eid.js';
import { KIT_HEADERS, type TestBackend } from './backend.js';

/** The page the widgets are on in these tests: a municipality's page, of ALLOWED_ORIGINS. */
export const PAGE_ORIGIN = 'https://www.exempelby.se';

/**
 * A browser's cookie jar against the test backend, as far as the server's answers go: what the e-ID broker's round
 * trips (a login, a signature) need to be played with app.inject — the binding cookies and the session.
 */
export class CookieBrowser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly backend: TestBackend) {}

  take(headers: Record<string, unknown>): void {
    const set = headers['set-cookie'];
    for (const line of Array.isArray(set) ? set : set ? [String(set)] : []) {
      const [pair] = String(line).split(';');
      const at = pair!.indexOf('=');
      const value = pair!.slice(at + 1);
      if (value) this.cookies.set(pair!.slice(0, at), value);
      else this.cookies.delete(pair!.slice(0, at));
    }
  }

  get cookie(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** A call of the kit's, from the municipality's page, with this browser's cookies. */
  async send(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) {
    const { 'content-type': json, ...kit } = KIT_HEADERS;
    const response = await this.backend.app.inject({
      method, url, headers: { ...kit, ...(payload === undefined ? {} : { 'content-type': json }), origin: PAGE_ORIGIN, cookie: this.cookie, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    this.take(response.headers);
    return response;
  }

  async startLogin(eid: string, returnUrl: string) {
    return this.send('POST', '/api/eid/oidc/login', { eid, returnUrl });
  }

  /** The broker sends the browser back to the server's callback: it goes, with its cookies. */
  async callback(url: URL) {
    const response = await this.backend.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { cookie: this.cookie } });
    this.take(response.headers);
    return response;
  }

  async session(): Promise<SessionState> {
    return (await this.send('GET', '/api/session')).json<SessionState>();
  }
}
