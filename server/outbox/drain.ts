/**
 * Runs one outbox batch after another until a batch claims fewer rows than it may: what was due is
 * then handled (or held by another instance's worker). Returns how many rows the batches got done.
 */
export async function drainBatches(batchSize: number, batch: () => Promise<{ claimed: number; done: number }>): Promise<number> {
  let done = 0;
  for (;;) {
    const result = await batch();
    done += result.done;
    if (result.claimed < batchSize) return done;
  }
}
