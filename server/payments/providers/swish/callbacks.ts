import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isLoopbackHost } from './validation.js';

/**
 * Posts Swish's callbacks: after a status change, the payment request (or refund) object as JSON
 * to the callbackUrl it was created with, the callbackIdentifier echoed in a header of that name
 * (Swish API, "Callback"). Swish says to expect a callback more than once and to trust none of
 * them (read the request back instead): `callbackRepeats` lets tests exercise exactly that.
 *
 * The target may be down, slow or gone: a failed post is dropped, never thrown, so it cannot
 * take the simulator down with it. Swish itself retries a few times over minutes; the simulator
 * does not, which keeps tests fast and deterministic.
 */
export class CallbackSender {
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #inFlight = new Set<ClientRequest>();
  #closed = false;

  constructor(private readonly settings: { callbackDelayMs: number; callbackRepeats: number }, private readonly timeoutMs = 5_000) {}

  send(callbackUrl: string, body: unknown, callbackIdentifier: string | null): void {
    if (this.#closed) return;
    const payload = JSON.stringify(body);
    const repeats = Math.max(0, Math.floor(this.settings.callbackRepeats));
    const timer = setTimeout(async () => {
      this.#timers.delete(timer);
      // One after the other, so the receiver sees them in the order they were sent.
      for (let i = 0; i < repeats && !this.#closed; i++) await this.#post(callbackUrl, payload, callbackIdentifier);
    }, Math.max(0, this.settings.callbackDelayMs));
    timer.unref();
    this.#timers.add(timer);
  }

  /** Drops callbacks not yet sent and cuts those under way. */
  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const req of this.#inFlight) req.destroy();
    this.#inFlight.clear();
  }

  #post(callbackUrl: string, payload: string, callbackIdentifier: string | null): Promise<void> {
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(callbackUrl);
      } catch {
        return resolve();
      }
      const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
      if (callbackIdentifier) headers.callbackIdentifier = callbackIdentifier;
      const options = { method: 'POST', headers, timeout: this.timeoutMs };
      const done = () => {
        this.#inFlight.delete(req);
        resolve();
      };
      const req = url.protocol === 'https:'
        // A demo's own https server on this machine has a self-made certificate; anything else
        // must have one the system trusts, like Swish demands of merchants.
        ? httpsRequest(url, { ...options, rejectUnauthorized: !isLoopbackHost(url.hostname) }, (res) => res.resume().on('end', done).on('error', done))
        : httpRequest(url, options, (res) => res.resume().on('end', done).on('error', done));
      this.#inFlight.add(req);
      req.on('timeout', () => req.destroy());
      req.on('error', done);
      req.on('close', done);
      req.end(payload);
    });
  }
}
