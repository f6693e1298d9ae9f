import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getPrefill } from '../../client/services.js';
import { ProblemError } from '../../client/errors.js';
import type { KitClient } from '../../client/kit-client.js';
import { sessionFor, type SessionSnapshot, type SessionStore } from '../../client/session.js';
import type { PrefillResponse } from '../../contract/prefill.js';
import type { Language } from '../../contract/text.js';
export * as eidParts from './eid-parts.js';

/**
 * checking: asking the backend whether the citizen is logged in; out: not logged in (the form
 * shows <eid-login>); loading: getting the person's details from the population register;
 * ready: logged in, with `prefill`; unavailable: the register could not be reached; refused: a
 * foreign e-ID without a Swedish number, which this e-service does not take (src/contract/person-key.ts).
 */
export type PersonStatus = 'checking' | 'out' | 'loading' | 'ready' | 'unavailable' | 'refused';

/**
 * Who fills in an e-service that needs e-ID: follows the page's session (logins and logouts in
 * any widget or tab, the idle timeout) and, once logged in, fetches what the population register
 * says about the person.
 */
export class PersonController implements ReactiveController {
  status: PersonStatus = 'checking';
  prefill?: PrefillResponse | undefined;
  /** The session ended without a logout (a timeout, or a 401 while sending): the form asks to log in again. */
  loggedOutMidway = false;
  private run = 0;
  private store?: SessionStore | undefined;
  private unsubscribe?: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly client: () => KitClient | undefined,
    private readonly serviceId: () => string,
    private readonly lang: () => Language,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.store = undefined;
  }

  private set(status: PersonStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }

  /** Follows the page's session at the form's backend (shared with every <eid-login> and tab). */
  check(): void {
    const client = this.client();
    if (!client) return;
    const store = sessionFor(client);
    if (store !== this.store) {
      this.unsubscribe?.();
      this.store = store;
      this.status = 'checking';
      this.unsubscribe = store.subscribe(this.onSession, this.host);
    } else {
      // The same session, perhaps another e-service: fetch its details again.
      this.onSession(store.state);
    }
    if (store.state.status === 'unknown') void store.check().catch(() => this.set('out'));
  }

  private readonly onSession = (state: SessionSnapshot) => {
    if (state.status === 'authenticated') {
      // The timeout warning the store puts on the page: fetched once someone is logged in.
      void import('../../components/session-timeout.js');
      if (this.status !== 'ready' && this.status !== 'loading') void this.load();
    } else if (state.status === 'anonymous' || state.status === 'expired') {
      this.run++;
      this.prefill = undefined;
      this.loggedOutMidway = state.status === 'expired';
      this.set('out');
    }
  };

  /** Logged out on purpose (here, in another widget or tab): a login from scratch. */
  loggedOut(): void {
    this.run++;
    this.prefill = undefined;
    this.loggedOutMidway = false;
    this.set('out');
  }

  /** The backend said the session is gone though the page thought otherwise: the answers stay for the next login. */
  sessionEnded(): void {
    this.run++;
    this.prefill = undefined;
    this.loggedOutMidway = true;
    this.set('out');
    void this.store?.check().catch(() => undefined);
  }

  /** Asks the register again while the citizen goes on filling in (it was unreachable): nothing on the page blinks. */
  async refresh(): Promise<void> {
    const run = this.run;
    const client = this.client();
    if (!client || this.status !== 'ready') return;
    try {
      const prefill = await getPrefill(client, this.serviceId(), this.lang());
      if (run !== this.run) return;
      this.prefill = prefill;
      this.host.requestUpdate();
    } catch (error) {
      if (run === this.run && error instanceof ProblemError && error.problem.status === 401) this.sessionEnded();
    }
  }

  async load(): Promise<void> {
    const run = ++this.run;
    const client = this.client();
    if (!client) return;
    this.set('loading');
    try {
      const prefill = await getPrefill(client, this.serviceId(), this.lang());
      if (run !== this.run) return;
      this.prefill = prefill;
      this.loggedOutMidway = false;
      this.set('ready');
    } catch (error) {
      if (run !== this.run) return;
      if (error instanceof ProblemError && error.problem.status === 401) this.sessionEnded();
      else this.set(error instanceof ProblemError && error.problem.type.endsWith('/personal-number-required') ? 'refused' : 'unavailable');
    }
  }
}
