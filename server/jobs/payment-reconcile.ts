import type { PaymentService } from '../payments/service.js';
import type { JobLog } from './schedule.js';

export const PAYMENT_RECONCILE_INTERVAL_MS = 15_000;

/**
 * Asks the providers about every payment nobody has heard the end of — a callback that never came, a citizen
 * who closed the tab, a server that stopped between the payment and the case — and finishes what a paid one
 * still needs (capture, giving back a duplicate). Its first round, as the server starts, takes every such
 * payment at once, so a case paid while the server was down is sent when it comes back. It runs on every
 * instance: each round claims its payments (FOR UPDATE SKIP LOCKED), so no lease can keep a restarted
 * instance waiting for one held by the instance that stopped.
 */
export function startPaymentReconcile(payments: PaymentService, log: JobLog, options: { intervalMs?: number } = {}): { stop(): Promise<void> } {
  const intervalMs = options.intervalMs ?? PAYMENT_RECONCILE_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  const run = async (all: boolean) => {
    try {
      const settled = await payments.reconcile(50, { all });
      if (settled > 0) log.info({ settled }, 'payment-reconcile: settled');
    } catch (error) {
      const err = error as Error;
      log.error({ err: { type: err.name, message: err.message } }, 'payment-reconcile failed');
    }
    if (!stopped) {
      timer = setTimeout(() => (round = run(false)), intervalMs);
      timer.unref();
    }
  };
  round = run(true);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
