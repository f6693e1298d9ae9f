import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { getLoginMethods, startBrokerLogin } from '../../client/broker.js';
import type { EidBackend } from '../../client/eid.js';
import { ProblemError } from '../../client/errors.js';
import type { BrokerEid } from '../../contract/eid.js';
import type { Language } from '../../contract/text.js';
import { t, type MessageKey } from '../../i18n/index.js';
import '../../i18n/messages.broker.js';

/**
 * The e-IDs of the municipality's e-ID broker in `<eid-login>`, beside BankID: Freja eID, Telia, a foreign eID
 * (eIDAS), as the backend offers them (GET /api/eid/methods). Choosing one sends the citizen to the broker's page,
 * which sends them back to this page with `esk-login=done|cancelled|failed|noPersonalNumber`; this says how it
 * went, and the page's session (src/client/session.ts) shows them logged in. Fetched only where someone may log in.
 */

/** The query parameter the backend adds on the way back from the broker. */
export const LOGIN_RESULT_PARAMETER = 'esk-login';

/** How the browser goes to the broker's page (tests replace it). */
export const brokerNavigation = { assign: (url: string) => location.assign(url) };

const NAMES: Record<BrokerEid, MessageKey> = { freja: 'broker.freja', telia: 'broker.telia', eidas: 'broker.eidas' };

const RESULTS: Record<string, MessageKey> = {
  done: 'broker.done',
  cancelled: 'broker.cancelled',
  failed: 'broker.failed',
  noPersonalNumber: 'broker.noPersonalNumber',
};

/** The methods each backend offers, asked once per page. */
const offered = new Map<string, Promise<BrokerEid[]>>();

export interface BrokerHost extends ReactiveControllerHost, HTMLElement {
  readonly lang_: Language;
}

export class BrokerChoice {
  /** The e-IDs offered; empty until known, and when the backend offers none (or does not say). */
  eids: BrokerEid[] = [];
  /** What the status says: how the last login through the broker went, or why one could not start. */
  note?: MessageKey | undefined;
  problem?: string | undefined;
  failure = false;
  private busy?: BrokerEid | undefined;

  constructor(private readonly host: BrokerHost, private readonly api: () => EidBackend) {
    this.takeResult();
    void this.load();
    // Back from the broker's page with the browser's Back button (the page kept as it was): the choice is open again.
    addEventListener('pageshow', (event) => {
      if (!event.persisted || !this.busy) return;
      this.busy = undefined;
      this.show(undefined, false);
    });
  }

  /** The heading: "Logga in med e-legitimation" once there is more than BankID to choose. */
  get title(): MessageKey | undefined {
    return this.eids.length ? 'broker.title' : undefined;
  }

  /** The broker's e-IDs, each a button, under BankID's two — not while BankID's steps are under way. */
  render(lang: Language, bankId?: string): TemplateResult | typeof nothing {
    if (!this.eids.length || (bankId && bankId !== 'choice')) return nothing;
    return html`<p class="broker-lead">${t(lang, 'broker.others')}</p>
      <div class="actions broker" role="group" aria-label=${t(lang, 'broker.others')}>
        ${this.eids.map((eid) => html`<button type="button" part="button broker-button" class="button button--secondary"
          aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => void this.start(eid)}>${t(lang, NAMES[eid])}</button>`)}
      </div>`;
  }

  /** The status's text from the broker: how the login went, or why it could not start. */
  statusText(lang: Language): string {
    return this.problem ?? (this.note ? t(lang, this.note) : '');
  }

  /** Whether the status shown is the broker's, telling of a failure. */
  failed(status: string, lang: Language): boolean {
    return this.failure && !!status && status === this.statusText(lang);
  }

  private async load(): Promise<void> {
    const api = this.api();
    const base = typeof api === 'string' ? api : api.baseUrl;
    let methods = offered.get(base);
    if (!methods) {
      // A backend that does not know the route (an older one) offers BankID only.
      // Only the e-IDs this kit knows, each once. Not kept when it could not be asked: the next widget asks again.
      methods = getLoginMethods(api, this.host.lang_).then((answer) => [...new Set(answer.broker)].filter((eid): eid is BrokerEid => eid in NAMES), () => {
        offered.delete(base);
        return [];
      });
      offered.set(base, methods);
    }
    this.eids = await methods;
    this.host.requestUpdate();
  }

  /** To the broker's page: this page is where it sends the citizen back. */
  private async start(eid: BrokerEid): Promise<void> {
    if (this.busy) return;
    this.busy = eid;
    this.show('broker.redirecting', false);
    try {
      const { authorizationUrl } = await startBrokerLogin(this.api(), eid, returnUrl(), this.host.lang_);
      // Only a web page: a `javascript:` address from a backend gone wrong would run here.
      if (!/^https?:\/\//i.test(authorizationUrl)) throw new Error('not a web page');
      brokerNavigation.assign(authorizationUrl);
    } catch (error) {
      this.busy = undefined;
      if (error instanceof ProblemError) {
        this.show(undefined, true);
        this.problem = error.problem.title;
      } else this.show('broker.unreachable', true);
    }
  }

  private show(note: MessageKey | undefined, failure: boolean): void {
    this.note = note;
    this.problem = undefined;
    this.failure = failure;
    this.host.requestUpdate();
  }

  /** Back from the broker: how it went is said, and the parameter leaves the address (a reload does not say it again). */
  private takeResult(): void {
    const url = new URL(location.href);
    const result = url.searchParams.get(LOGIN_RESULT_PARAMETER);
    if (result === null) return;
    url.searchParams.delete(LOGIN_RESULT_PARAMETER);
    history.replaceState(history.state, '', url);
    this.note = RESULTS[result] ?? 'broker.failed';
    this.failure = result !== 'done';
  }
}

/** This page, without a result of an earlier login and without its fragment. */
function returnUrl(): string {
  const url = new URL(location.href);
  url.searchParams.delete(LOGIN_RESULT_PARAMETER);
  url.hash = '';
  return url.href;
}
