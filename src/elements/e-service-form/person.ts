import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getSession } from '../../client/eid.js';
import { ProblemError } from '../../client/errors.js';
import type { KitClient } from '../../client/kit-client.js';
import type { PrefillResponse } from '../../contract/prefill.js';
import type { Language } from '../../contract/text.js';

/**
 * checking: asking the backend whether the citizen is logged in; out: not logged in (the form
 * shows <eid-login>); loading: getting the person's details from the population register;
 * ready: logged in, with `prefill`; unavailable: the register could not be reached.
 */
export type PersonStatus = 'checking' | 'out' | 'loading' | 'ready' | 'unavailable';

/**
 * Who fills in an e-service that needs e-ID: follows logins and logouts anywhere on the page
 * and, once logged in, fetches what the population register says about the person.
 */
export class PersonController implements ReactiveController {
  status: PersonStatus = 'checking';
  prefill?: PrefillResponse | undefined;
  /** The session ended (a timeout, or a 401 while sending): the form asks to log in again. */
  loggedOutMidway = false;
  private run = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => KitClient | undefined,
    private readonly serviceId: () => string,
    private readonly lang: () => Language,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('eid-login-success', this.onLogin);
    window.addEventListener('eid-logout', this.onLogout);
  }

  hostDisconnected(): void {
    window.removeEventListener('eid-login-success', this.onLogin);
    window.removeEventListener('eid-logout', this.onLogout);
  }

  private set(status: PersonStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }

  private readonly onLogin = () => void this.load();

  private readonly onLogout = () => {
    this.run++;
    this.prefill = undefined;
    this.loggedOutMidway = false;
    this.set('out');
  };

  /** The session is gone though the citizen did not log out: their answers stay for the next login. */
  sessionEnded(): void {
    this.run++;
    this.prefill = undefined;
    this.loggedOutMidway = true;
    this.set('out');
  }

  async check(): Promise<void> {
    const run = ++this.run;
    const client = this.client();
    this.set('checking');
    try {
      const session = client ? await getSession(client, this.lang()) : undefined;
      if (run !== this.run) return;
      if (session?.authenticated) return this.load();
    } catch {
      // No session could be read: the citizen can still log in.
    }
    if (run === this.run) this.set('out');
  }

  async load(): Promise<void> {
    const run = ++this.run;
    const client = this.client();
    if (!client) return;
    this.set('loading');
    try {
      const prefill = await client.getPrefill(this.serviceId(), this.lang());
      if (run !== this.run) return;
      this.prefill = prefill;
      this.loggedOutMidway = false;
      this.set('ready');
    } catch (error) {
      if (run !== this.run) return;
      if (error instanceof ProblemError && error.problem.status === 401) this.set('out');
      else this.set('unavailable');
    }
  }
}
