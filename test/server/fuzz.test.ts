import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuzzBackend } from './support/fuzz.js';

/**
 * Issue 14: every operation of the OpenAPI document, fed nasty path parameters, query strings, headers
 * and bodies, logged in and not. No answer is a 5xx, and a refused request stores nothing.
 * `FUZZ_RUNS=100000` for a long run, `FUZZ_SEED=<n>` to repeat one.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

describe('fuzzing the HTTP API', () => {
  it(`${RUNS} requests over every operation: no 5xx, and nothing stored from a refused request`, { timeout: Math.max(120_000, RUNS * 30) }, async () => {
    const report = await fuzzBackend({ runs: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) });
    console.log(`fuzz (${report.database}, seed ${report.seed}): ${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s, `
      + `${report.operationsCalled} of ${report.operations} operations; statuses ${JSON.stringify(report.statuses)}`);
    assert.equal(report.failure, undefined, report.failure);
    assert.equal(report.requests, RUNS);
    assert.equal(report.operationsCalled, report.operations, 'every operation was called');
    assert.ok(Object.keys(report.statuses).every((status) => Number(status) < 500));
  });
});
