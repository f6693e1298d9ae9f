import { html, nothing, type PropertyDeclarations } from 'lit';
import { NetworkError, ProblemError } from '../../client/errors.js';
import { deleteAttachment, uploadAttachment } from '../../client/uploads.js';
import { DEFAULT_FILE_KINDS, DEFAULT_MAX_FILE_MB, FILE_KINDS } from '../../contract/files.js';
import type { Field } from '../../contract/definition.js';
import type { FileKind } from '../../contract/fields.js';
import { DEFAULT_MAX_FILES } from '../../forms/field-limits.js';
import { t } from '../../i18n/index.js';
import { moreFieldStyles } from '../field.styles.js';
import { EskField, UPLOAD_STARTED } from './field-base.js';
import { attachmentName as nameOf, rememberAttachmentName as rememberName } from './attachment-names.js';
import type { UploadContext } from './render.js';
import '../../i18n/messages.files.js';
import '../../i18n/messages.js';

type FileField = Extract<Field, { type: 'file' }>;

interface Upload {
  key: number;
  name: string;
  percent: number;
  controller: AbortController;
  file: File;
  /** The backend could not be reached: the file stays listed, and goes again by itself once online, or with Try again. */
  failed?: string;
}

/** Internal state that renders anew when it changes (`attribute: false` too, for the manifest's analyzer, which reads no `state`). */
const INTERNAL = { state: true, attribute: false } as const;

/**
 * @summary Attach files while filling in: each upload shows its progress and can be cancelled;
 * each attached file can be removed. Limits on count, size and type come from the definition,
 * and the server checks each file's real type from its bytes. A file that could not be sent for
 * want of a connection is kept, and sent again when the browser is back online (as a case is).
 */
export class EskFileField extends EskField<FileField> {
  static override styles = [...EskField.styles, moreFieldStyles];
  static override properties: PropertyDeclarations = {
    upload: { attribute: false },
    uploads: INTERNAL,
    failure: INTERNAL,
    announcement: INTERNAL,
  };

  upload?: UploadContext;
  private uploads: Upload[] = [];
  private failure = '';
  private announcement = '';
  private nextKey = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this.online);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.online);
  }

  private readonly online = () => {
    for (const upload of this.uploads) if (upload.failed) void this.retry(upload);
  };

  private get ids(): string[] {
    return Array.isArray(this.value) ? (this.value as string[]) : [];
  }

  private get kinds(): FileKind[] {
    return this.field.accept ?? DEFAULT_FILE_KINDS;
  }

  private typesText(): string {
    return this.kinds.map((kind) => kind.toUpperCase()).join(', ');
  }

  private async onPick(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    for (const file of files) await this.send(file);
  }

  private async send(file: File): Promise<void> {
    const lang = this.language;
    const maxMb = this.field.maxSizeMb ?? DEFAULT_MAX_FILE_MB;
    const maxFiles = this.field.maxFiles ?? DEFAULT_MAX_FILES;
    const fail = (reason: string) => {
      this.failure = t(lang, 'file.failed', { name: file.name, reason });
      this.announcement = this.failure;
    };
    // Said at once in the browser; the server checks the same limits again, and the real type.
    if (this.ids.length + this.uploads.length >= maxFiles) return fail(t(lang, 'file.tooMany', { count: maxFiles }));
    if (file.size > maxMb * 1024 * 1024) return fail(t(lang, 'file.tooLarge', { size: maxMb }));
    if (!this.upload) return fail(t(lang, 'file.failedOffline'));

    const upload: Upload = { key: this.nextKey++, name: file.name, percent: 0, controller: new AbortController(), file };
    this.uploads = [...this.uploads, upload];
    this.failure = '';
    let ended!: () => void;
    this.dispatchEvent(new CustomEvent<Promise<void>>(UPLOAD_STARTED, { detail: new Promise((resolve) => (ended = resolve)), bubbles: true, composed: true }));
    try {
      const attachment = await uploadAttachment(this.upload.backend, {
        serviceId: this.upload.serviceId,
        fieldId: this.field.id,
        file,
        lang,
        signal: upload.controller.signal,
        onProgress: (loaded, total) => {
          upload.percent = total ? Math.round((loaded / total) * 100) : 0;
          this.requestUpdate();
        },
      });
      rememberName(attachment.id, attachment.fileName);
      this.change([...this.ids, attachment.id]);
      this.announcement = t(lang, 'file.uploaded', { name: attachment.fileName });
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      if (error instanceof NetworkError) upload.failed = t(lang, 'file.failed', { name: file.name, reason: t(lang, navigator.onLine ? 'file.failedOffline' : 'file.offline') });
      else fail(error instanceof ProblemError ? error.problem.title : String((error as Error).message));
    } finally {
      this.uploads = this.uploads.filter((u) => u !== upload || u.failed);
      ended();
    }
  }

  /** Sends a kept file again; `focus` (Try again pressed): onto its Cancel, where the pressed button was. */
  private async retry(upload: Upload, focus?: boolean): Promise<void> {
    this.uploads = this.uploads.filter((u) => u !== upload);
    void this.send(upload.file);
    await this.updateComplete;
    if (focus) this.renderRoot.querySelector<HTMLElement>('.file:last-child button')?.focus();
  }

  private async cancel(upload: Upload): Promise<void> {
    upload.controller.abort();
    this.uploads = this.uploads.filter((u) => u !== upload);
    // Once rendered: a question that was full had its input disabled.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#control')?.focus();
  }

  private async removeFile(id: string): Promise<void> {
    const name = nameOf(id);
    const ids = this.ids.filter((existing) => existing !== id);
    this.change(ids.length ? ids : undefined);
    this.announcement = t(this.language, 'file.removed', { name });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#control')?.focus();
    if (this.upload) await deleteAttachment(this.upload.backend, id, this.language).catch(() => undefined);
  }

  protected override render() {
    const lang = this.language;
    const maxFiles = this.field.maxFiles ?? DEFAULT_MAX_FILES;
    const accept = this.kinds.flatMap((kind) => [FILE_KINDS[kind].mime, ...FILE_KINDS[kind].extensions]).join(',');
    const limits = t(lang, 'file.limits', { types: this.typesText(), size: this.field.maxSizeMb ?? DEFAULT_MAX_FILE_MB, count: maxFiles });
    const full = this.ids.length + this.uploads.length >= maxFiles;
    return this.renderSingle(
      html`
        <div id="limits" class="hint">${limits}</div>
        ${this.ids.length || this.uploads.length
          ? html`<ul class="file-list" part="file-list">
              ${this.ids.map(
                (id) => html`<li class="file" part="file">
                  <span>${nameOf(id)}</span>
                  <button type="button" class="link-button" ?disabled=${this.isDisabled} @click=${() => this.removeFile(id)}>
                    ${t(lang, 'file.remove', { name: nameOf(id) })}
                  </button>
                </li>`,
              )}
              ${this.uploads.map(
                (upload) => html`<li class="file" part="file">
                  <span>${upload.name}</span>
                  ${upload.failed
                    ? html`<p class="error-message" role="alert">${upload.failed}</p>
                        <button type="button" class="link-button" ?disabled=${this.isDisabled} @click=${() => this.retry(upload, true)}>
                          ${t(lang, 'form.retry')}<span class="visually-hidden"> ${upload.name}</span>
                        </button>`
                    : html`<progress max="100" .value=${upload.percent} aria-label=${t(lang, 'file.uploading', { name: upload.name, percent: upload.percent })}></progress>`}
                  <button type="button" class="link-button" ?disabled=${this.isDisabled} @click=${() => this.cancel(upload)}>
                    ${t(lang, 'file.cancel', { name: upload.name })}
                  </button>
                </li>`,
              )}
            </ul>`
          : nothing}
        ${this.failure ? html`<p id="failure" class="error-message" role="alert">${this.failure}</p>` : nothing}
        <input
          id="control"
          class="file-input"
          part="input"
          type="file"
          accept=${accept}
          ?multiple=${maxFiles > 1}
          ?disabled=${this.isDisabled || full}
          aria-describedby=${this.describedBy('limits', !!this.failure && 'failure')}
          aria-invalid=${this.error || this.failure ? 'true' : 'false'}
          @change=${(event: Event) => this.onPick(event)}
        />
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      `,
    );
  }
}
