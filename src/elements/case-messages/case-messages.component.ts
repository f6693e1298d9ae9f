import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, html, nothing, type PropertyDeclarations } from 'lit';
import { live } from 'lit/directives/live.js';
import { widgetClient, type KitClient } from '../../client/kit-client.js';
import { NetworkError, ProblemError } from '../../client/errors.js';
import { attachmentUrl, listMessages, markMessagesRead, sendMessage } from '../../client/my-pages.js';
import { deleteAttachment, uploadAttachment } from '../../client/uploads.js';
import type { Attachment } from '../../contract/attachments.js';
import { DEFAULT_FILE_KINDS, DEFAULT_MAX_FILE_MB, FILE_KINDS } from '../../contract/files.js';
import type { Message } from '../../contract/my-pages.js';
import { isStorableText } from '../../contract/limits.js';
import type { Language } from '../../contract/text.js';
import { renderErrorSummary } from '../../components/error-summary.js';
import { fieldStyles, moreFieldStyles } from '../../components/field.styles.js';
import { statusTagStyles } from '../../components/status-tag.js';
import { kitConfigContext, type KitConfig } from '../../config/context.js';
import { LanguageController } from '../../config/language-controller.js';
import { attachContextRoot } from '../../config/resolve.js';
import { formatDateTime, t } from '../../i18n/index.js';
import { baseStyles, hostStyles } from '../../styles/shared.js';
import { formStyles } from '../e-service-form/e-service-form.styles.js';
import { myPagesStyles } from '../my-cases/my-cases.styles.js';
import { CitizenController, isSessionEnd, renderLoadError, renderLoading } from '../my-cases/my-pages.js';
import { readEvent, sentEvent } from './case-messages.events.js';
import { caseMessagesStyles } from './case-messages.styles.js';
// This widget's Swedish texts come with it, not with every page.
import '../../i18n/messages.files.js';
import '../../i18n/messages.my-pages.js';
import '../../i18n/messages.js';
import '../../i18n/messages.validation.js';

/** The longest message the contract takes (SendMessageRequest). */
export const MAX_MESSAGE_LENGTH = 5000;
/** The most files one message takes (SendMessageRequest); PDF, JPG or PNG, 10 MB each. */
export const MAX_MESSAGE_FILES = 5;
const MIME_TYPES = DEFAULT_FILE_KINDS.map((kind) => FILE_KINDS[kind].mime);
const TYPES = DEFAULT_FILE_KINDS.join(', ').toUpperCase();

interface Upload {
  fileName: string;
  percent: number;
  controller: AbortController;
}

const oldestFirst = (messages: Message[]) => [...messages].sort((a, b) => a.sentAt.localeCompare(b.sentAt));

/**
 * @tagname case-messages
 * @summary The messages of one of the citizen's cases with the case officer, oldest first, and a
 * form to write one. The officer's unread messages are marked "Nytt" and marked as read on the
 * server once shown. While the page is visible it looks for new messages every 30 seconds (and
 * when the page becomes visible again), and says "Nytt meddelande från handläggaren" to screen
 * readers when one arrives. Up to 5 files (PDF, JPG or PNG, 10 MB each) can be attached: each is
 * uploaded when chosen (`POST /api/attachments?messageFor={caseId}`), with its progress, and can be
 * cancelled or removed before sending. A message that could not be sent stays in the text box,
 * with its files. Without a login it shows an `<eid-login>`.
 *
 * @fires {CaseMessagesReadDetail} case-messages-read - The officer's new messages were shown and marked as read; `detail.caseId`.
 * @fires {CaseMessagesSentDetail} case-messages-sent - The citizen's message was sent; `detail` holds `caseId` and `message`.
 *
 * @csspart base - The widget as a whole.
 * @csspart title - The heading "Meddelanden".
 * @csspart list - The list of messages.
 * @csspart message - One message.
 * @csspart new-tag - "Nytt" on a message the citizen had not read.
 * @csspart empty - What the widget says when there are no messages.
 * @csspart error-summary - The problem with the message, above the form.
 * @csspart input - The text box.
 * @csspart character-count - "Du har 4 980 tecken kvar".
 * @csspart file-input - The file input "Bifoga filer".
 * @csspart file-list - The files attached to the message being written, and those uploading.
 * @csspart file - One of them, with Remove (or Cancel and its progress).
 * @csspart file-error - Why a file could not be attached.
 * @csspart send-button - Send.
 * @csspart send-error - Why the message could not be sent.
 * @csspart loading - The loading message.
 * @csspart load-error - The message when the messages could not be loaded, with Try again.
 * @csspart login-notice - Why to log in.
 * @csspart login - The `<eid-login>` shown when nobody is logged in.
 *
 * @cssprop --esk-font-family - Font of all text.
 * @cssprop --esk-color-primary - Background of the Send button and of "Nytt".
 * @cssprop --esk-color-link - Colour of links and the edge of the citizen's own messages.
 * @cssprop --esk-color-error - Colour of errors.
 * @cssprop --esk-color-focus - Colour of the focus highlight.
 */
export class CaseMessages extends LitElement {
  static override styles = [hostStyles, baseStyles, fieldStyles, moreFieldStyles, formStyles, statusTagStyles, myPagesStyles, caseMessagesStyles];
  // Internal state with `attribute: false` too, written out: the manifest's analyzer reads no `state`, and reads
  // only an object literal here (a shared constant for it would list each as an attribute).
  static override properties: PropertyDeclarations = {
    caseId: { attribute: 'case', reflect: true },
    backend: { reflect: true },
    client: { attribute: false },
    headingLevel: { attribute: 'heading-level', type: Number },
    pollSeconds: { attribute: 'poll-seconds', type: Number },
    messages: { state: true, attribute: false },
    text: { state: true, attribute: false },
    invalid: { state: true, attribute: false },
    files: { state: true, attribute: false },
    uploads: { state: true, attribute: false },
    fileError: { state: true, attribute: false },
    sending: { state: true, attribute: false },
    sendFailed: { state: true, attribute: false },
    status: { state: true, attribute: false },
  };

  /** The case's id (from `<my-cases>` or the backend). */
  caseId = '';

  /** The backend's base URL; by default the one set by `<e-service-config>`, else the server the kit was loaded from. */
  backend?: string;

  /** The client to use instead of one for `backend`: lets a page, a story or a test supply its own. */
  client?: KitClient;

  /** The level of the heading "Meddelanden" (3 inside `<my-cases>`'s details). */
  headingLevel = 2;

  /** How often to look for new messages while the page is visible, in seconds. */
  pollSeconds = 30;

  /** What `<e-service-config>` sets for the page (the backend, the language), followed as it changes. */
  private readonly configContext = new ContextConsumer(this, { context: kitConfigContext, subscribe: true });
  private get config(): KitConfig | undefined {
    return this.configContext.value;
  }

  private messages: Message[] = [];
  private text = '';
  private invalid?: 'messages.required' | 'messages.tooLong' | 'validation.characters' | 'messages.waitForUploads' | undefined;
  /** The files uploaded for the message being written, and those on their way. */
  private files: Attachment[] = [];
  private uploads: Upload[] = [];
  private fileError = '';
  private sending = false;
  private sendFailed = false;
  /** The polite live region's text: rendered from the start, only its text changes. */
  private status = '';

  /** The officer's messages that were unread when they arrived: they keep "Nytt" while shown. */
  private readonly fresh = new Set<string>();
  private focusAfterRender?: string | undefined;
  private timer?: ReturnType<typeof setInterval> | undefined;
  private lastRefresh = 0;
  private readonly language = new LanguageController(this, () => this.config);
  private readonly citizen = new CitizenController(this, () => this.activeClient());

  private readonly list = new Task(this, {
    task: async ([client, caseId, loggedIn], { signal }) => {
      if (!client || !loggedIn || !caseId) return initialState;
      try {
        const { messages } = await listMessages(client, caseId, this.lang_, signal);
        this.fresh.clear();
        this.show(messages, false);
        return messages;
      } catch (error) {
        if (isSessionEnd(error)) this.citizen.sessionEnded();
        throw error;
      }
    },
    args: () => [this.activeClient(), this.caseId, this.citizen.status === 'in'] as const,
  });

  constructor() {
    super();
    attachContextRoot();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisible);
    window.addEventListener('focus', this.onVisible);
    this.schedule();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('pollSeconds') && this.isConnected) this.schedule();
  }

  private schedule(): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.refresh(), Math.max(1, this.pollSeconds) * 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisible);
    window.removeEventListener('focus', this.onVisible);
    clearInterval(this.timer);
  }

  /**
   * The language in use: `lang` on the element, `<e-service-config>`, the page, or Swedish.
   * @internal
   */
  get lang_(): Language {
    return this.language.value;
  }

  private activeClient(): KitClient | undefined {
    return widgetClient(this.client, this.backend, this.config);
  }

  private readonly onVisible = () => {
    // Back to the page: whatever came meanwhile is shown (and marked read) now.
    if (document.visibilityState !== 'visible' || Date.now() - this.lastRefresh < 2000) return;
    this.lastRefresh = Date.now();
    void this.refresh();
  };

  /** Takes a list from the server: the officer's unread ones get "Nytt", and are marked read if the page is visible. */
  private show(messages: Message[], announce: boolean): void {
    const known = new Set(this.messages.map((message) => message.id));
    const arrived = messages.filter((message) => message.from === 'officer' && !known.has(message.id));
    for (const message of messages) if (message.from === 'officer' && !message.readAt) this.fresh.add(message.id);
    this.messages = oldestFirst(messages);
    if (announce && arrived.length) this.announce(t(this.lang_, 'messages.newFromOfficer'));
    void this.markRead();
  }

  private announce(text: string): void {
    // The same words twice in a row must be spoken twice: empty the region first.
    this.status = '';
    void this.updateComplete.then(() => (this.status = text));
  }

  private async markRead(): Promise<void> {
    const client = this.activeClient();
    const unread = this.messages.filter((message) => message.from === 'officer' && !message.readAt);
    if (!client || !unread.length || document.visibilityState !== 'visible') return;
    const caseId = this.caseId;
    try {
      await markMessagesRead(client, caseId, this.lang_);
      const now = new Date().toISOString();
      this.messages = this.messages.map((message) => (message.from === 'officer' && !message.readAt ? { ...message, readAt: now } : message));
      this.dispatchEvent(readEvent({ caseId }));
    } catch (error) {
      // They stay unread on the server and are marked the next time they are shown.
      if (isSessionEnd(error)) this.citizen.sessionEnded();
    }
  }

  /** Looks for new messages without showing a loading state (the poll, and a return to the page). */
  async refresh(): Promise<void> {
    const client = this.activeClient();
    if (!client || !this.caseId || this.citizen.status !== 'in' || this.list.status !== TaskStatus.COMPLETE) return;
    if (document.visibilityState !== 'visible') return;
    try {
      const { messages } = await listMessages(client, this.caseId, this.lang_);
      this.show(messages, true);
    } catch (error) {
      // Tried again at the next poll.
      if (isSessionEnd(error)) this.citizen.sessionEnded();
    }
  }

  private async send(event: Event): Promise<void> {
    event.preventDefault();
    const client = this.activeClient();
    if (!client || this.sending) return;
    const lang = this.lang_;
    const body = this.text.trim();
    this.invalid = !body
      ? 'messages.required'
      : body.length > MAX_MESSAGE_LENGTH
        ? 'messages.tooLong'
        : !isStorableText(body)
          ? 'validation.characters'
          : this.uploads.length
          ? 'messages.waitForUploads'
          : undefined;
    this.sendFailed = false;
    if (this.invalid) {
      this.focusAfterRender = '.error-summary';
      return;
    }
    this.sending = true;
    this.status = t(lang, 'messages.sending');
    const attachmentIds = this.files.map((file) => file.id);
    try {
      const message = await sendMessage(client, this.caseId, attachmentIds.length ? { body, attachmentIds } : { body }, lang);
      this.messages = oldestFirst([...this.messages.filter((other) => other.id !== message.id), message]);
      this.text = '';
      this.files = [];
      this.fileError = '';
      this.status = t(lang, 'messages.sent');
      // The message as it now stands in the list: the citizen sees it sent, and goes on from there.
      this.focusAfterRender = `#message-${message.id}`;
      this.dispatchEvent(sentEvent({ caseId: this.caseId, message }));
    } catch (error) {
      if (isSessionEnd(error)) this.citizen.sessionEnded();
      // The text stays in the box, and the files with it.
      this.sendFailed = true;
      this.status = '';
    } finally {
      this.sending = false;
    }
  }

  private async pick(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    // One after the other, as the file question does: each is announced in turn.
    for (const file of files) await this.upload(file);
  }

  private async upload(file: File): Promise<void> {
    const lang = this.lang_;
    const fail = (reason: string) => {
      this.fileError = t(lang, 'file.failed', { name: file.name, reason });
      this.announce(this.fileError);
    };
    // Said at once; the server checks the same limits again, and the type from the file's bytes.
    if (this.files.length + this.uploads.length >= MAX_MESSAGE_FILES) return fail(t(lang, 'file.tooMany', { count: MAX_MESSAGE_FILES }));
    if (file.size > DEFAULT_MAX_FILE_MB * 1024 * 1024) return fail(t(lang, 'file.tooLarge', { size: DEFAULT_MAX_FILE_MB }));
    if (file.type && !MIME_TYPES.includes(file.type)) return fail(t(lang, 'file.wrongType', { types: TYPES }));
    const upload: Upload = { fileName: file.name, percent: 0, controller: new AbortController() };
    this.uploads = [...this.uploads, upload];
    this.fileError = '';
    this.announce(t(lang, 'messages.uploadStarted', { name: file.name }));
    try {
      // The form is only shown once the messages came from the client.
      const client = this.activeClient()!;
      const attachment = await uploadAttachment(client.baseUrl, {
        messageFor: this.caseId,
        file,
        lang,
        signal: upload.controller.signal,
        fetch: client.fetch,
        onProgress: (loaded, total) => {
          upload.percent = total ? Math.round((loaded / total) * 100) : 0;
          this.requestUpdate();
        },
      });
      this.files = [...this.files, attachment];
      this.announce(t(lang, 'file.uploaded', { name: attachment.fileName }));
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      if (isSessionEnd(error)) this.citizen.sessionEnded();
      fail(error instanceof ProblemError ? error.problem.title : error instanceof NetworkError ? t(lang, 'file.failedOffline') : (error as Error).message);
    } finally {
      this.uploads = this.uploads.filter((other) => other !== upload);
    }
  }

  /** Cancels an upload or removes an uploaded file; focus goes back to the file input. */
  private drop(item: Upload | Attachment): void {
    const lang = this.lang_;
    this.focusAfterRender = '#files';
    if ('controller' in item) {
      item.controller.abort();
      this.uploads = this.uploads.filter((other) => other !== item);
      return;
    }
    this.files = this.files.filter((other) => other !== item);
    this.announce(t(lang, 'file.removed', { name: item.fileName }));
    const client = this.activeClient();
    // Left behind, the server deletes it with the other unclaimed uploads.
    if (client) void deleteAttachment(client.baseUrl, item.id, lang, client.fetch).catch(() => undefined);
  }

  protected override updated(): void {
    const selector = this.focusAfterRender;
    if (!selector) return;
    this.focusAfterRender = undefined;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  // --- rendering ----------------------------------------------------------------------

  protected override render() {
    const lang = this.lang_;
    const citizen = this.citizen.status;
    return html`<section class="base" part="base" aria-labelledby="messages-title">
      <div id="messages-title" class="title" part="title" role="heading" aria-level=${this.headingLevel}>${t(lang, 'messages.title')}</div>
      ${!this.caseId
        ? html`<p class="error" part="load-error">${t(lang, 'messages.noCase')}</p>`
        : citizen === 'out'
          ? this.citizen.renderLogin(lang, 'messages.loginRequired')
          : citizen === 'checking'
            ? renderLoading(t(lang, 'messages.loading'))
            : this.list.render({
                initial: () => renderLoading(t(lang, 'messages.loading')),
                pending: () => renderLoading(t(lang, 'messages.loading')),
                error: (error) => renderLoadError(t(lang, 'messages.loadFailed'), lang, error, () => void this.list.run()),
                complete: () => this.renderReady(lang),
              })}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.status}</div>
    </section>`;
  }

  private renderReady(lang: Language) {
    const client = this.activeClient();
    return html`${this.messages.length
        ? html`<ol class="messages" part="list">${this.messages.map((message) => {
            const isNew = this.fresh.has(message.id);
            return html`<li id=${`message-${message.id}`} class="message message--${message.from} ${isNew ? 'message--new' : ''}" part="message" tabindex="-1">
              <p class="message__meta">
                <strong>${t(lang, message.from === 'officer' ? 'messages.fromOfficer' : 'messages.fromYou')}</strong>
                <time class="muted" datetime=${message.sentAt}>${formatDateTime(message.sentAt, lang)}</time>
                ${isNew ? html`<strong class="tag tag--new" part="new-tag">${t(lang, 'messages.new')}</strong>` : nothing}
              </p>
              <p class="message__body">${message.body}</p>
              ${message.attachments.length && client
                ? html`<ul class="plain-list">${message.attachments.map(
                    (file) => html`<li><a href=${attachmentUrl(client, this.caseId, file.id)} download=${file.fileName}>${file.fileName}</a></li>`,
                  )}</ul>`
                : nothing}
            </li>`;
          })}</ol>`
        : html`<p class="notice" part="empty">${t(lang, 'messages.empty')}</p>`}
      ${this.renderForm(lang)}`;
  }

  private renderForm(lang: Language) {
    const remaining = MAX_MESSAGE_LENGTH - this.text.length;
    // "Wait for the uploads" goes away by itself once the last one is done.
    const waiting = this.invalid === 'messages.waitForUploads' && this.uploads.length > 0;
    const error = this.invalid && this.invalid !== 'messages.waitForUploads' ? t(lang, this.invalid, { max: MAX_MESSAGE_LENGTH, label: t(lang, 'messages.write') }) : '';
    const fileError = waiting ? t(lang, 'messages.waitForUploads') : this.fileError;
    const summary = error || (waiting ? fileError : '');
    const target = error ? 'message' : 'files';
    const errorText = (id: string, part: string, text: string) =>
      html`<p id=${id} class="error-message" part=${part}><span class="visually-hidden">${t(lang, 'form.errorPrefix')}</span> ${text}</p>`;
    return html`<form class="write" novalidate @submit=${(event: Event) => void this.send(event)}>
      ${renderErrorSummary(summary ? [{ targetId: target, path: target, message: summary }] : [], lang, () =>
        this.renderRoot.querySelector<HTMLElement>(`#${target}`)?.focus(),
      )}
      <div class="field ${error ? 'field--error' : ''}" part="field">
        <label class="label" part="label" for="message">${t(lang, 'messages.write')}</label>
        ${error ? errorText('message-error', 'error-message', error) : nothing}
        <textarea id="message" class="input textarea" part="input" name="message" rows="5"
          aria-describedby=${error ? 'message-error message-count' : 'message-count'} aria-invalid=${error ? 'true' : 'false'}
          .value=${live(this.text)} @input=${(event: Event) => (this.text = (event.target as HTMLTextAreaElement).value)}></textarea>
        <div id="message-count" class="count ${remaining < 0 ? 'count--over' : ''}" part="character-count">
          ${remaining >= 0 ? t(lang, 'form.charactersLeft', { count: remaining }) : t(lang, 'form.charactersTooMany', { count: -remaining })}
        </div>
      </div>
      <div class="field ${fileError ? 'field--error' : ''}">
        <label class="label" for="files">${t(lang, 'messages.attach')}</label>
        <div id="files-hint" class="hint">${t(lang, 'file.limits', { types: TYPES, size: DEFAULT_MAX_FILE_MB, count: MAX_MESSAGE_FILES })}</div>
        ${this.files.length || this.uploads.length
          ? html`<ul class="file-list" part="file-list">${[...this.files, ...this.uploads].map((item) => {
              const uploading = 'controller' in item;
              const name = { name: item.fileName, percent: uploading ? item.percent : 0 };
              return html`<li class="file" part="file">
                <span>${item.fileName}</span>
                ${uploading ? html`<progress max="100" .value=${item.percent} aria-label=${t(lang, 'file.uploading', name)}></progress>` : nothing}
                <button type="button" class="link-button" @click=${() => this.drop(item)}>${t(lang, uploading ? 'file.cancel' : 'file.remove', name)}</button>
              </li>`;
            })}</ul>`
          : nothing}
        ${fileError ? errorText('files-error', 'file-error', fileError) : nothing}
        <input id="files" class="file-input" part="file-input" type="file" multiple accept=${MIME_TYPES.join()}
          aria-describedby=${fileError ? 'files-hint files-error' : 'files-hint'} aria-invalid=${fileError ? 'true' : 'false'}
          @change=${(event: Event) => void this.pick(event)} />
      </div>
      ${this.sendFailed ? html`<p class="error" part="send-error" role="alert">${t(lang, 'messages.sendFailed')}</p>` : nothing}
      <button type="submit" class="button" part="send-button" aria-disabled=${this.sending ? 'true' : 'false'}>
        ${t(lang, this.sending ? 'messages.sending' : 'messages.send')}
      </button>
    </form>`;
  }
}
