import type { PersonController } from './person.js';

/** What the form asks of the logged-in citizen (person.ts). */
export type FormPerson = Pick<PersonController, 'status' | 'prefill' | 'loggedOutMidway' | 'check' | 'loggedOut' | 'sessionEnded' | 'refresh' | 'load'>;

/**
 * The citizen of an e-service that needs no e-ID: nobody is asked for. The PersonController (and with it the
 * page's session store and the calls of the login) is fetched with the definition of an e-service that needs
 * e-ID, so that the others do not load it.
 */
export const NO_PERSON: FormPerson = {
  status: 'checking',
  prefill: undefined,
  loggedOutMidway: false,
  check: () => undefined,
  loggedOut: () => undefined,
  sessionEnded: () => undefined,
  refresh: async () => undefined,
  load: async () => undefined,
};
