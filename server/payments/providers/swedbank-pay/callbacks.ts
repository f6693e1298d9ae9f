import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * The simulator's callbacks: an HTTP POST of JSON to the payment order's `callbackUrl`. Swedbank Pay
 * documents them as late, possibly repeated and not to be believed (the merchant must GET the payment
 * order), and retries until it gets a 2xx. To let a merchant's handler be tested against exactly that,
 * the simulator sends each one after `callbackDelayMs` and `callbackRepeats` times, whatever the answer;
 * a target that is down or slow is ignored: nothing is logged, nothing crashes.
 */

export interface CallbackSettings {
  /** Wait this long before the first POST (default 0). Read when the event happens. */
  callbackDelayMs: number;
  /** POST each callback this many times (default 1). */
  callbackRepeats: number;
}

const CALLBACK_TIMEOUT_MS = 5_000;

export class CallbackSender {
  readonly settings: CallbackSettings;
  /** Callbacks waiting for their delay, with what settles their delivery if the simulator closes first. */
  readonly #timers = new Map<NodeJS.Timeout, () => void>();
  readonly #deliveries = new Set<Promise<void>>();
  readonly #aborts = new Set<AbortController>();
  #closed = false;

  constructor(settings: CallbackSettings) {
    this.settings = settings;
  }

  send(url: string, body: unknown): void {
    if (this.#closed) return;
    const { callbackDelayMs, callbackRepeats } = this.settings;
    const payload = JSON.stringify(body);
    let delivered!: () => void;
    const delivery = new Promise<void>((resolve) => (delivered = resolve));
    this.#deliveries.add(delivery);
    const settle = () => {
      this.#deliveries.delete(delivery);
      delivered();
    };
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#deliver(url, payload, callbackRepeats).finally(settle);
    }, Math.max(0, callbackDelayMs));
    this.#timers.set(timer, settle);
  }

  /** Resolves when every callback due so far has been sent (or given up on). */
  async idle(): Promise<void> {
    while (this.#deliveries.size > 0) await Promise.all([...this.#deliveries]);
  }

  close(): void {
    this.#closed = true;
    for (const [timer, settle] of this.#timers) {
      clearTimeout(timer);
      settle();
    }
    this.#timers.clear();
    for (const abort of this.#aborts) abort.abort();
  }

  async #deliver(url: string, payload: string, repeats: number): Promise<void> {
    for (let i = 0; i < repeats && !this.#closed; i++) {
      const abort = new AbortController();
      this.#aborts.add(abort);
      try {
        await postJson(url, payload, abort.signal);
      } catch {
        // A callback nobody receives is the merchant's loss, as with Swedbank Pay.
      } finally {
        this.#aborts.delete(abort);
      }
    }
  }
}

/** One POST without keep-alive, so a closed simulator leaves no sockets behind. */
function postJson(url: string, payload: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const send = new URL(url).protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        agent: false,
        signal,
        timeout: CALLBACK_TIMEOUT_MS,
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), 'user-agent': 'SwedbankPay-Simulator' },
      },
      (res) => {
        res.resume();
        res.on('end', resolve);
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('callback timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}
