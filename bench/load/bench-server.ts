import { TEST_PERSONS } from '../../server/eid/simulator/persons.js';

/**
 * The reference backend as the server benches run it (`npm run bench:load`, `npm run bench -- server`):
 * behind a load balancer (TRUST_PROXY: each citizen's own address counts), with the per-address limits on
 * cases and uploads lifted — a virtual citizen sends in 30 s what a real one sends in a year, and a 429
 * would measure the limit, not the server. The login limit stays as it is. No kit or demo page: the API alone.
 */
export const BENCH_SERVER_ENV = {
  TRUST_PROXY: 'true',
  RATE_LIMIT_CASES_PER_MINUTE: '1000000',
  RATE_LIMIT_UPLOADS_PER_MINUTE: '1000000',
  KIT_DIR: '',
  DEMO_DIR: '',
};

/** Lars Lindqvist's BankID is made to fail; everyone else logs in. Several citizens may share a person, each in a session of their own. */
export const LOGIN_PERSONS = TEST_PERSONS.filter((person) => person.givenName !== 'Lars');

/**
 * Whatever happens, a bench ends: after `limitMs` every cleanup in the returned set (servers, clusters)
 * runs and the process exits 1.
 */
export function giveUpAfter(bench: string, limitMs: number): Set<() => Promise<void>> {
  const cleanups = new Set<() => Promise<void>>();
  setTimeout(() => {
    console.error(`${bench} gave up after ${limitMs / 1000} s`);
    void Promise.allSettled([...cleanups].map((cleanup) => cleanup())).finally(() => process.exit(1));
  }, limitMs).unref();
  return cleanups;
}
