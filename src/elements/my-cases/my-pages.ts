import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { ContractError, NetworkError, ProblemError } from '../../client/errors.js';
import type { KitClient } from '../../client/kit-client.js';
import { sessionFor, type SessionSnapshot, type SessionStore } from '../../client/session.js';
import type { Language } from '../../contract/text.js';
import { t, type MessageKey } from '../../i18n/index.js';
import '../../i18n/messages.js';

/**
 * What <my-cases>, <case-messages> and <my-profile> share: they show the logged-in citizen's own
 * things, so each follows the page's one session at its backend (src/client/session.ts) and asks
 * for a login with an <eid-login> of its own when nobody is logged in.
 */

/** checking: asking the backend; out: nobody logged in (the widget shows <eid-login>); in: logged in. */
export type CitizenStatus = 'checking' | 'out' | 'in';

export class CitizenController implements ReactiveController {
  status: CitizenStatus = 'checking';
  private store?: SessionStore | undefined;
  private unsubscribe?: (() => void) | undefined;
  private login?: typeof import('../../components/page-login.js');

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly client: () => KitClient | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // After the first update, so that a client a page sets right after inserting the element counts.
    void this.host.updateComplete.then(() => this.follow());
  }

  hostUpdated(): void {
    // Another backend (or fetch) is another session.
    if (this.store) this.follow();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.store = undefined;
  }

  private set(status: CitizenStatus): void {
    // The login (or the way to the page's own): fetched when someone must log in.
    if (status === 'out') {
      void import('../../components/page-login.js').then((login) => {
        this.login = login;
        this.host.requestUpdate();
      });
    }
    if (this.status === status) return;
    this.status = status;
    this.host.requestUpdate();
  }

  private follow(): void {
    const client = this.client();
    if (!client || !this.host.isConnected) return;
    const store = sessionFor(client);
    if (store === this.store && this.unsubscribe) return;
    this.unsubscribe?.();
    this.store = store;
    this.status = 'checking';
    this.unsubscribe = store.subscribe(this.onSession, this.host);
    if (store.state.status === 'unknown') void store.check().catch(() => this.set('out'));
  }

  private readonly onSession = (state: SessionSnapshot) => {
    if (state.status === 'authenticated') {
      // The timeout warning the store puts on the page: fetched once someone is logged in.
      void import('../../components/session-timeout.js');
      this.set('in');
    } else if (state.status === 'anonymous' || state.status === 'expired') {
      this.set('out');
    }
  };

  /** The backend answered 401: the session is gone though the page thought otherwise. */
  sessionEnded(): void {
    this.set('out');
    void this.store?.check().catch(() => undefined);
  }

  /** Why to log in, and the login; a successful login anywhere on the page brings the widget back. */
  renderLogin(lang: Language, notice: MessageKey) {
    const client = this.client();
    return html`<p class="notice" part="login-notice">${t(lang, notice)}</p>${this.login?.renderLogin(lang, client)}`;
  }
}

/** A 401 ends the view's data: the controller shows the login. Returns whether it was one. */
export function isSessionEnd(error: unknown): boolean {
  return error instanceof ProblemError && error.problem.status === 401;
}

/** Whether an error came from talking to the backend (and trying again may help). */
export const fromBackend = (error: unknown) =>
  error instanceof ProblemError || error instanceof NetworkError || error instanceof ContractError;

const dates = new Map<Language, Intl.DateTimeFormat>();

/** A day as the reader writes it: "24 november 2026", "24 November 2026" (Swedish time). */
export function formatDate(iso: string, lang: Language): string {
  let format = dates.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' });
    dates.set(lang, format);
  }
  return format.format(new Date(iso));
}

export const renderLoading = (text: string) =>
  html`<div class="loading" part="loading" aria-busy="true"><span class="spinner" aria-hidden="true"></span><span>${text}</span></div>`;

/** "Couldn't load" with Try again (only when trying again may help). */
export const renderLoadError = (text: string, lang: Language, error: unknown, retry: () => void) =>
  html`<div class="load-error" part="load-error" role="alert">
    <p>${text}</p>
    ${fromBackend(error)
      ? html`<button type="button" class="button button--secondary" part="retry-button" @click=${retry}>${t(lang, 'form.retry')}</button>`
      : ''}
  </div>`;
