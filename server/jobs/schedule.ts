export interface JobLog {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

/**
 * Runs a housekeeping job once at start and then every interval, never two runs at once in
 * this process (each job's SQL is safe when several instances run it). The timers are unref'd,
 * so they never keep the process alive; `stop()` ends them.
 */
export function scheduleJob(
  name: string, intervalMs: number, work: () => Promise<number>, log: JobLog, done = 'deleted',
): { stop(): void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const count = await work();
      if (count > 0) log.info({ [done]: count }, `${name}: ${done}`);
    } catch (error) {
      const err = error as Error;
      log.error({ err: { type: err.name, message: err.message } }, `${name} failed`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, 0);
  first.unref();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
