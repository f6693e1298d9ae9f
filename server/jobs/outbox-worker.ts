import type { JobLog } from './schedule.js';

/**
 * A worker over one outbox table, run by every server instance side by side: each round claims a
 * batch no other worker holds (the rows' own claims, FOR UPDATE SKIP LOCKED) and sends it, so more
 * instances send more. A full batch means more may wait, so the next round starts at once;
 * otherwise the worker waits `idleMs`. `stop()` lets the round under way finish — what it claimed is
 * sent, or its claim runs out and another instance takes it — and starts no other.
 */
export interface OutboxWorker {
  stop(): Promise<void>;
}

export interface OutboxRound {
  claimed: number;
  done: number;
}

export function startOutboxWorker(
  name: string,
  round: () => Promise<OutboxRound>,
  options: { batch: number; idleMs: number; log: JobLog; done: string; first?: () => Promise<number> },
): OutboxWorker {
  let stopping = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  const loop = (async () => {
    if (options.first) {
      try {
        const queued = await options.first();
        if (queued > 0) options.log.info({ queued }, `${name}: caught up`);
      } catch (error) {
        report(options.log, name, error);
      }
    }
    while (!stopping) {
      let full = false;
      try {
        const { claimed, done } = await round();
        if (done > 0) options.log.info({ [options.done]: done }, `${name}: ${options.done}`);
        full = claimed >= options.batch;
      } catch (error) {
        report(options.log, name, error);
      }
      if (!full && !stopping) await pause(options.idleMs);
    }
  })();
  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}

function report(log: JobLog, name: string, error: unknown): void {
  const err = error as Error;
  log.error({ err: { type: err.name, message: err.message } }, `${name} failed`);
}
