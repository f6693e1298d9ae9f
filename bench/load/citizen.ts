import type { OrderState, StartLoginResponse } from '../../src/contract/eid.js';
import type { SimPerson } from '../../server/eid/simulator/persons.js';
import { KIT_HEADERS } from '../../test/support/backend.js';

/** What one request gave: its status (0: no answer at all), its parsed body, and how long it took to the last byte. */
export interface Answer {
  status: number;
  body: unknown;
  ms: number;
  /** Set when no HTTP answer came (connection refused or reset, a timeout). */
  networkError?: string;
}

export interface RequestOptions {
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
}

/** A request gets this long; a server that stops answering then shows up as an error, not as a bench that hangs. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * One citizen's browser as the server sees it: its own cookies (the BankID order binding, then the
 * session), the kit's header on changes, and an address of its own. The server runs with TRUST_PROXY,
 * as it does behind a load balancer, so X-Forwarded-For is that address: the per-address limits (such
 * as logins per minute) count each citizen apart, as they would on the real deadline day.
 */
export class Citizen {
  readonly cookies = new Map<string, string>();

  constructor(readonly server: string, readonly address: string, readonly person: SimPerson) {}

  async request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: RequestOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.address, ...options.headers };
    if (method !== 'GET') Object.assign(headers, options.json === undefined ? { 'x-requested-with': KIT_HEADERS['x-requested-with'] } : KIT_HEADERS);
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const started = performance.now();
    try {
      const response = await fetch(`${this.server}${path}`, {
        method, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : options.form ? { body: options.form } : {}),
      });
      const text = await response.text();
      const ms = performance.now() - started;
      this.keepCookies(response);
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON: kept as text for the error message.
      }
      return { status: response.status, body, ms };
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return { status: 0, body: undefined, ms: performance.now() - started, networkError: cause?.code ?? cause?.message ?? String(error) };
    }
  }

  private keepCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const equals = pair!.indexOf('=');
      const name = pair!.slice(0, equals).trim();
      const value = pair!.slice(equals + 1).trim();
      const gone = value === '' || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /**
   * Logs in with BankID on another device, as the widget does: the server starts an order, the
   * simulator's test app (`testApp`, …/sim/) approves it as this citizen's person, and the next poll
   * makes the session.
   */
  async logIn(testApp: string): Promise<void> {
    const started = await this.request('POST', '/api/eid/login', { json: { method: 'otherDevice' } });
    if (started.status !== 200) throw new Error(`login of ${this.person.name} not started: ${started.status} ${describe(started)}`);
    const { orderRef } = started.body as StartLoginResponse;
    const approved = await fetch(new URL(`orders/${orderRef}/approve`, testApp), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personalNumber: this.person.personalNumber }),
    });
    if (approved.status !== 200) throw new Error(`the simulator did not approve ${this.person.name}: ${approved.status} ${await approved.text()}`);
    const done = await this.request('GET', `/api/eid/orders/${orderRef}`);
    if ((done.body as OrderState | undefined)?.status !== 'complete' || !this.cookies.has('esk_session')) {
      throw new Error(`login of ${this.person.name} not completed: ${done.status} ${describe(done)}`);
    }
  }
}

/** A short description of an answer for an error line: the network error, or the problem's type and title. */
export function describe(answer: Answer): string {
  if (answer.networkError) return answer.networkError;
  const body = answer.body as { type?: string; title?: string; detail?: string } | string | undefined;
  if (typeof body === 'string') return body.slice(0, 160);
  return [body?.type, body?.title, body?.detail].filter(Boolean).join(' — ').slice(0, 200);
}
