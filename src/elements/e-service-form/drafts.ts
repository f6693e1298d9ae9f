import { html, nothing, type LitElement, type ReactiveController } from 'lit';
import { ProblemError } from '../../client/errors.js';
import { DraftCheck } from '../../client/checks/my-pages.js';
import type { KitClient } from '../../client/kit-client.js';
import { realClock, sessionFor, type Clock } from '../../client/session.js';
import type { ServiceDefinition } from '../../contract/definition.js';
import type { Draft, SaveDraftRequest } from '../../contract/my-pages.js';
import type { Language } from '../../contract/text.js';
import { t } from '../../i18n/index.js';
import '../../i18n/messages.drafts.js';
import '../../i18n/messages.js';

export { draftStyles } from './drafts.styles.js';

/** What the form gives and takes: the request's parts, and a draft's answers and step to show (none: an empty form). */
export interface DraftHost {
  client(): KitClient | undefined;
  lang(): Language;
  /** The `case` attribute: a draft to continue. */
  caseId(): string | undefined;
  body(): Omit<SaveDraftRequest, 'version'> | undefined;
  apply(draft?: Draft): void;
}

type State = '' | 'loading' | 'loadFailed' | 'gone' | 'saving' | 'saved' | 'failed' | 'offline' | 'refused' | 'conflict' | 'deleted' | 'deleteFailed';

/** POST/GET/PUT/DELETE api/drafts[/{id}] (the contract's src/contract/my-pages.ts). */
const call = (client: KitClient, lang: Language, id?: string, method?: string, body?: SaveDraftRequest) =>
  client.request<Draft>(`api/drafts${id ? `/${encodeURIComponent(id)}` : ''}`, method === 'DELETE' ? null : DraftCheck, { lang, method, body });

const status = (error: unknown) => (error instanceof ProblemError ? error.problem : undefined);
const refKey = (key: string) => `esk:draft:${key}`;
/** Set while a change waits for its save: a reload (or a closed tab restored) saves it at once. */
const pendingKey = (key: string) => `esk:draft-pending:${key}`;

function storage(action: (store: Storage) => unknown): unknown {
  try {
    return action(sessionStorage);
  } catch {
    // Storage blocked: only the save on the page itself.
    return undefined;
  }
}

/**
 * Drafts of a logged-in citizen's answers (login "required", or "optional" while logged in):
 * "Spara", autosave 3 s after the last change and at each step, retries with backoff (5 s, 15 s,
 * 45 s…) while the tab's sessionStorage copy keeps everything — without a connection, saved as
 * soon as the browser is online again —, a conflict with another tab shown
 * and never overwritten silently, continuing a draft (`case`), and deleting one. The draft's id
 * and version live in sessionStorage too, so a reload goes on saving the same draft.
 */
export class DraftController implements ReactiveController {
  /** Tests and stories replace it to move time by hand. */
  static clock: Clock = realClock;
  id?: string | undefined;
  state: State = '';
  private version?: number | undefined;
  private at = '';
  private reason = '';
  private current?: number | undefined;
  private confirming = false;
  private key?: string;
  private service = '';
  private started?: string | undefined;
  private on = false;
  /** The backend keeps no drafts (404 on POST). */
  private off = false;
  private run = 0;
  private tries = 0;
  /** Changes made so far: a save settles the pending mark only if none came while it was on its way. */
  private changes = 0;
  private busy = false;
  private again = false;
  private cancel?: (() => void) | undefined;
  private unsubscribe?: (() => void) | undefined;
  private focus?: string | undefined;

  constructor(private readonly host: LitElement, private readonly form: DraftHost) {
    host.addController(this);
  }

  get enabled(): boolean {
    return this.on && !this.off;
  }

  hostConnected(): void {
    addEventListener('online', this.online);
  }

  hostDisconnected(): void {
    removeEventListener('online', this.online);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Back online: a save that failed for want of a connection goes now, not at its next retry. */
  private readonly online = () => {
    if (this.state === 'offline') void this.save();
  };

  hostUpdated(): void {
    const selector = this.focus;
    this.focus = undefined;
    if (selector) this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** At each render: who may save, and (once logged in) the draft to continue. */
  sync(definition: ServiceDefinition, personReady: boolean): void {
    const client = this.form.client();
    if (!client) return;
    const key = `${client.baseUrl}:${definition.id}`;
    if (key !== this.key) {
      this.reset();
      this.key = key;
      this.service = definition.id;
    }
    if (definition.login === 'optional') this.unsubscribe ??= sessionFor(client).subscribe(() => this.host.requestUpdate());
    const on = definition.login === 'required' ? personReady : definition.login === 'optional' && sessionFor(client).state.status === 'authenticated';
    // Logged in again after a save failed for want of a session.
    if (on && !this.on && this.state === 'failed') void this.save();
    this.on = on;
    const caseId = this.form.caseId();
    const want = `${key} ${caseId}`;
    if (!on || this.started === want) return;
    this.started = want;
    let ref: { id: string; version: number } | undefined;
    try {
      ref = JSON.parse(sessionStorage.getItem(refKey(key)) ?? 'null') ?? undefined;
    } catch {
      // No storage: a new draft at the first save.
    }
    // The tab's copy already holds this draft (a reload): it may be newer than the saved one.
    if (caseId && ref?.id !== caseId) void this.load(caseId);
    else {
      if (ref) ({ id: this.id, version: this.version } = ref);
      // A change made just before the reload never reached the server: the tab's copy has it, save it now.
      if (storage((store) => store.getItem(pendingKey(key)))) void this.save();
    }
  }

  /** The answers changed (autosave in 3 s), or the page did (0: save now). */
  changed(delay = 3000): void {
    if (!this.enabled || this.state === 'conflict') return;
    this.changes++;
    storage((store) => store.setItem(pendingKey(this.key!), '1'));
    this.cancel?.();
    if (delay) this.cancel = DraftController.clock.after(delay, () => void this.save());
    else void this.save();
  }

  /** Sent, or deleted: the draft is no more. */
  forget(): void {
    this.run++;
    this.cancel?.();
    this.id = this.version = this.cancel = undefined;
    this.state = '';
    this.confirming = this.busy = this.again = false;
    this.tries = 0;
    this.remember();
    this.settled();
  }

  /** Logged out, or another e-service. */
  reset(): void {
    this.forget();
    this.started = undefined;
    this.off = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /**
   * A send refused because the draft it continues is gone (deleted in another tab): the case is
   * sent without it. True: send again.
   */
  lost(error: unknown): boolean {
    if (!this.id || status(error)?.status !== 404) return false;
    this.forget();
    return true;
  }

  private set(state: State): void {
    this.state = state;
    this.host.requestUpdate();
  }

  private remember(): void {
    try {
      if (this.id) sessionStorage.setItem(refKey(this.key!), JSON.stringify({ id: this.id, version: this.version }));
      else if (this.key) sessionStorage.removeItem(refKey(this.key));
    } catch {
      // Storage blocked: the next reload starts a new draft.
    }
  }

  /** Nothing waits to be saved (saved, sent, or deleted). */
  private settled(): void {
    if (this.key) storage((store) => store.removeItem(pendingKey(this.key!)));
  }

  private took(draft: Draft): void {
    this.id = draft.id;
    this.version = draft.version;
    this.at = draft.updatedAt;
    this.tries = 0;
    this.remember();
    this.set('saved');
  }

  async save(): Promise<void> {
    const client = this.form.client();
    const body = this.form.body();
    if (!client || !body || !this.enabled || this.state === 'conflict') return;
    this.cancel?.();
    if (this.busy) return void (this.again = true);
    const run = this.run;
    const changes = this.changes;
    const lang = this.form.lang();
    this.busy = true;
    // Retried while still offline: the note stays as it is rather than being read out again.
    if (this.state !== 'offline') this.set('saving');
    try {
      const draft = await call(client, lang, this.id, this.id ? 'PUT' : 'POST', { ...body, version: this.version });
      if (run !== this.run) return;
      this.took(draft);
      if (changes === this.changes) this.settled();
    } catch (error) {
      if (run !== this.run) return;
      const problem = status(error);
      const code = problem?.status;
      if (code === 409 && problem!.type.endsWith('draft-conflict')) {
        // Saved in another tab or on another device: stop, and let the citizen choose.
        this.current = (problem as { currentVersion?: number }).currentVersion;
        this.focus = '[part=draft-conflict]';
        this.set('conflict');
      } else if (code === 404) {
        // POST: this backend keeps no drafts; PUT: the draft is gone, the next save makes a new one.
        if (!this.id) this.off = true;
        this.forget();
        this.host.requestUpdate();
      } else if (code && code < 500 && code !== 401 && code !== 429) {
        this.reason = problem!.title;
        this.set('refused');
      } else {
        if (code === 401) void sessionFor(client).check().catch(() => undefined);
        this.cancel = DraftController.clock.after(Math.min(5000 * 3 ** this.tries++, 600_000), () => void this.save());
        // No connection at all (a tunnel, a lift): said so, and saved by `online` when it is back.
        this.set(code || navigator.onLine ? 'failed' : 'offline');
      }
    } finally {
      if (run === this.run) {
        this.busy = false;
        if (this.again) {
          this.again = false;
          void this.save();
        }
      }
    }
  }

  /** GET the draft: to continue it (`case`), or its latest version after a conflict. */
  private async load(id: string, latest = false): Promise<void> {
    const client = this.form.client()!;
    const run = this.run;
    if (!latest) this.set('loading');
    try {
      const draft = await call(client, this.form.lang(), id);
      if (run !== this.run) return;
      if (draft.serviceId !== this.service) throw new ProblemError({ type: '', title: '', status: 404 });
      this.form.apply(draft);
      if (latest) this.focus = '.page-title';
      this.took(draft);
    } catch (error) {
      if (run !== this.run) return;
      if (latest) return this.set('conflict');
      if (status(error)?.status !== 404) return this.set('loadFailed');
      // Sent, deleted, cleared away, or not theirs: say so, and start afresh.
      this.forget();
      this.form.apply();
      this.set('gone');
    }
  }

  /** "Behåll mina svar": save over the version stored now. */
  private async keep(): Promise<void> {
    const client = this.form.client()!;
    try {
      this.version = this.current ?? (await call(client, this.form.lang(), this.id)).version;
    } catch {
      return;
    }
    this.current = undefined;
    this.state = '';
    this.focus = '[part=draft-save]';
    await this.save();
  }

  private ask(confirming: boolean): void {
    this.confirming = confirming;
    this.focus = confirming ? '[part=draft-confirm]' : '[part=draft-delete]';
    this.host.requestUpdate();
  }

  private async remove(): Promise<void> {
    const run = this.run;
    try {
      await call(this.form.client()!, this.form.lang(), this.id, 'DELETE');
    } catch (error) {
      if (status(error)?.status !== 404) {
        this.focus = '[part=draft-delete]';
        this.confirming = false;
        return this.set('deleteFailed');
      }
    }
    if (run !== this.run) return;
    this.forget();
    this.form.apply();
    this.focus = '.page-title';
    this.set('deleted');
  }

  /** Instead of the questions: the draft being fetched, or why it could not be. */
  block(lang: Language) {
    const state = this.enabled && this.state;
    return state === 'loading'
      ? html`<div class="loading" part="loading" aria-busy="true"><span class="spinner" aria-hidden="true"></span><span>${t(lang, 'draft.loading')}</span></div>`
      : state === 'loadFailed'
        ? html`<div class="load-error" part="load-error" role="alert">
            <p>${t(lang, 'draft.loadFailed')}</p>
            <button type="button" class="button button--secondary" @click=${() => void this.load(this.form.caseId() ?? '')}>${t(lang, 'form.retry')}</button>
          </div>`
        : undefined;
  }

  /** Above the questions: the draft asked for is gone. */
  notice(lang: Language) {
    return this.enabled && this.state === 'gone' ? html`<p class="notice" part="draft-notice" role="alert">${t(lang, 'draft.gone')}</p>` : nothing;
  }

  /** Beside Continue and Back: "Spara", and "Ta bort utkastet" where `deletable` (step 1, the review). */
  buttons(lang: Language, deletable: boolean) {
    if (!this.enabled) return nothing;
    return html`<button type="button" class="button button--secondary" part="draft-save" @click=${() => void this.save()}>${t(lang, 'draft.save')}</button>
      ${deletable && this.id && !this.confirming
        ? html`<button type="button" class="link-button" part="draft-delete" @click=${() => this.ask(true)}>${t(lang, 'draft.delete')}</button>`
        : nothing}`;
  }

  /** Under the buttons: the save state (a polite live region), the conflict and the delete confirmation. */
  panel(lang: Language) {
    if (!this.enabled) return nothing;
    const s = this.state;
    return html`<p class="draft-status" part="draft-status" role="status" aria-live="polite" aria-atomic="true">${s === 'saved'
        ? t(lang, 'draft.saved', { time: new Date(this.at).toLocaleTimeString('sv-SE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' }) })
        : s === 'refused'
          ? t(lang, 'draft.refused', { reason: this.reason })
          : s === 'saving' || s === 'failed' || s === 'offline' || s === 'deleted' || s === 'deleteFailed'
            ? t(lang, `draft.${s}`)
            : ''}</p>
      ${s === 'conflict'
        ? html`<div class="draft-box" part="draft-conflict" tabindex="-1">
            <p role="alert">${t(lang, 'draft.conflict')}</p>
            <div class="actions">
              <button type="button" class="button" @click=${() => void this.load(this.id!, true)}>${t(lang, 'draft.latest')}</button>
              <button type="button" class="button button--secondary" @click=${() => void this.keep()}>${t(lang, 'draft.keep')}</button>
            </div>
          </div>`
        : nothing}
      ${this.confirming
        ? html`<div class="draft-box" part="draft-confirm" role="group" aria-labelledby="draft-confirm" tabindex="-1">
            <h3 id="draft-confirm">${t(lang, 'draft.confirmTitle')}</h3>
            <p>${t(lang, 'draft.confirmText')}</p>
            <div class="actions">
              <button type="button" class="button button--warning" @click=${() => void this.remove()}>${t(lang, 'draft.confirm')}</button>
              <button type="button" class="button button--secondary" @click=${() => this.ask(false)}>${t(lang, 'draft.cancel')}</button>
            </div>
          </div>`
        : nothing}`;
  }
}
