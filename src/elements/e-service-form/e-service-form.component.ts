import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContractError, NetworkError, ProblemError } from '../../client/errors.js';
import { clientFor, type KitClient } from '../../client/kit-client.js';
import type { Answers, CaseReceipt } from '../../contract/cases.js';
import type { Field, ServiceDefinition } from '../../contract/definition.js';
import type { Language } from '../../contract/text.js';
import { renderErrorSummary } from '../../components/error-summary.js';
import { fieldDomId, renderField } from '../../components/fields.js';
import { fieldStyles } from '../../components/field.styles.js';
import { kitConfigContext, type KitConfig } from '../../config/context.js';
import { attachContextRoot, resolveBackend, resolveLanguage } from '../../config/resolve.js';
import { allFields, errorMessage, validateAnswers, type FieldError } from '../../forms/validate.js';
import { formatDateTime, t } from '../../i18n/index.js';
import { hostStyles } from '../../styles/shared.js';
import { submittedEvent } from './e-service-form.events.js';
import { formStyles } from './e-service-form.styles.js';

type SubmitState = 'idle' | 'submitting' | 'failed';

/** An error to show: recomputed in the reader's language when the form's own check found it. */
interface ShownError {
  path: string;
  error?: FieldError;
  message: string;
}

/**
 * @tagname e-service-form
 * @summary An e-service: loads its definition from the backend, asks its questions,
 * checks the answers, sends the case and shows the receipt.
 *
 * @fires e-service-submitted - The case was sent; `detail` holds `serviceId`, `caseId` and `caseNumber`.
 *
 * @csspart field - One question: label, hint, error and input.
 * @csspart label - A question's label or legend.
 * @csspart hint - A question's hint text.
 * @csspart error-message - The error shown beside a question.
 * @csspart input - A text box, text area or dropdown.
 * @csspart radio - One radio option.
 * @csspart character-count - The characters-left text below a text area.
 * @csspart error-summary - The list of problems shown above the form.
 * @csspart submit-button - The Send button.
 * @csspart receipt - The receipt shown after sending.
 *
 * @cssprop --esk-font-family - Font of all text.
 * @cssprop --esk-font-size - Base font size (default: the reader's browser setting, whatever the page sets on html).
 * @cssprop --esk-color-primary - Background of the main button.
 * @cssprop --esk-color-primary-hover - Background of the main button on hover.
 * @cssprop --esk-color-link - Colour of links.
 * @cssprop --esk-color-text - Colour of text.
 * @cssprop --esk-color-hint - Colour of hint texts.
 * @cssprop --esk-color-error - Colour of error marks and messages.
 * @cssprop --esk-color-focus - Colour of the focus highlight.
 * @cssprop --esk-radius - Corner radius of inputs and buttons.
 */
export class EServiceForm extends LitElement {
  static override styles = [hostStyles, fieldStyles, formStyles];

  /** The e-service's id, e.g. `felanmalan`. */
  @property({ reflect: true }) service = '';

  /** The backend's base URL; by default the one set by `<e-service-config>`, else the server the kit was loaded from. */
  @property({ reflect: true }) backend?: string;

  /** The client to use instead of one for `backend`: lets a page or a story supply its own. */
  @property({ attribute: false }) client?: KitClient;

  @consume({ context: kitConfigContext, subscribe: true })
  @state()
  private config?: KitConfig;

  @state() private answers: Answers = {};
  @state() private errors: ShownError[] = [];
  @state() private submitState: SubmitState = 'idle';
  @state() private submitError = '';
  @state() private receipt?: CaseReceipt;
  @state() private status = '';
  @state() private langTick = 0;

  /** Kept while the answers stay the same, so a retried send can never make a second case. */
  private idempotencyKey?: string;
  private focusAfterRender?: 'summary' | 'receipt' | 'submit-error';
  private readonly langObserver = new MutationObserver(() => this.langTick++);

  private readonly definition = new Task(this, {
    task: async ([serviceId, client], { signal }) => {
      const lang = this.lang_;
      if (!serviceId) throw new Error(t(lang, 'config.missingService'));
      if (!client) throw new Error(this.backendErrorText(lang));
      return client.getService(serviceId, lang, signal);
    },
    args: () => [this.service, this.activeClient()] as const,
  });

  constructor() {
    super();
    attachContextRoot();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A page may switch language by changing lang on <html> or on the element.
    this.langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.langObserver.observe(this, { attributes: true, attributeFilter: ['lang'] });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.langObserver.disconnect();
  }

  /** The language in use: `lang` on the element, `<e-service-config>`, the page, or Swedish. */
  get lang_(): Language {
    void this.langTick;
    return resolveLanguage(this, this.config);
  }

  private activeClient(): KitClient | undefined {
    if (this.client) return this.client;
    const backend = resolveBackend(this.backend, this.config);
    return backend.ok ? clientFor(backend.url) : undefined;
  }

  private backendErrorText(lang: Language): string {
    const backend = resolveBackend(this.backend, this.config);
    return backend.ok ? '' : t(lang, 'config.badBackend', { value: backend.value });
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('service')) {
      this.answers = {};
      this.errors = [];
      this.receipt = undefined;
      this.submitState = 'idle';
      this.idempotencyKey = undefined;
    }
  }

  protected override updated(): void {
    const target = this.focusAfterRender;
    this.focusAfterRender = undefined;
    if (target === 'summary') this.focusInShadow('.error-summary');
    if (target === 'receipt') this.focusInShadow('.receipt__title');
    if (target === 'submit-error') this.focusInShadow('.submit-error');
  }

  private focusInShadow(selector: string): void {
    const element = this.renderRoot.querySelector<HTMLElement>(selector);
    element?.focus();
    element?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }

  protected override render() {
    const lang = this.lang_;
    if (this.receipt) return this.renderReceipt(this.receipt, lang);
    return html`
      ${this.definition.render({
        initial: () => this.renderLoading(lang),
        pending: () => this.renderLoading(lang),
        complete: (definition) => this.renderForm(definition, lang),
        error: (error) => this.renderLoadError(error, lang),
      })}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.status}</div>
    `;
  }

  private renderLoading(lang: Language) {
    return html`<div class="loading" part="loading" aria-busy="true">
      <span class="spinner" aria-hidden="true"></span><span>${t(lang, 'form.loading')}</span>
    </div>`;
  }

  private renderLoadError(error: unknown, lang: Language) {
    const notFound = error instanceof ProblemError && error.problem.status === 404;
    const message =
      error instanceof ProblemError || error instanceof NetworkError || error instanceof ContractError
        ? notFound
          ? t(lang, 'form.loadFailedNotFound', { service: this.service })
          : t(lang, 'form.loadFailed')
        : error instanceof Error && error.message
          ? error.message
          : t(lang, 'form.loadFailed');
    return html`<div class="load-error" part="load-error" role="alert">
      <p>${message}</p>
      ${notFound || this.definition.status !== TaskStatus.ERROR || !(error instanceof NetworkError || error instanceof ProblemError || error instanceof ContractError)
        ? nothing
        : html`<button type="button" class="button button--secondary" @click=${() => this.definition.run()}>
            ${t(lang, 'form.retry')}
          </button>`}
    </div>`;
  }

  private renderForm(definition: ServiceDefinition, lang: Language) {
    const fields = new Map(allFields(definition).map((field) => [field.id, field]));
    const messageOf = (shown: ShownError) =>
      shown.error ? errorMessage(shown.error, fields.get(shown.path), lang) : shown.message;
    const errorFor = new Map(this.errors.map((shown) => [shown.path, messageOf(shown)]));
    const summaryItems = this.errors
      .filter((shown) => fields.has(shown.path))
      .map((shown) => ({ targetId: fieldDomId(shown.path), message: messageOf(shown) }));
    const busy = this.submitState === 'submitting';
    const showStepTitles = definition.steps.length > 1;
    return html`
      <section class="form" part="base" aria-labelledby="form-title">
        <h2 id="form-title" class="title" part="title">${definition.title[lang]}</h2>
        <p class="description" part="description">${definition.description[lang]}</p>
        ${renderErrorSummary(summaryItems, lang, (id) => this.focusField(id))}
        <form novalidate @submit=${(event: Event) => this.onSubmit(event, definition)}>
          ${definition.steps.map(
            (step) => html`
              ${showStepTitles ? html`<h3 class="step-title">${step.title[lang]}</h3>` : nothing}
              ${step.fields.map((field) =>
                renderField({
                  field,
                  value: stringValue(this.answers[field.id]),
                  error: errorFor.get(field.id),
                  lang,
                  onInput: (id, value) => this.onInput(id, value),
                }),
              )}
            `,
          )}
          <p class="submit-error" part="submit-error" tabindex="-1">${this.submitError}</p>
          <div class="actions">
            <button
              type="submit"
              class="button"
              part="submit-button"
              aria-disabled=${busy ? 'true' : 'false'}
            >
              ${busy ? t(lang, 'form.submitting') : t(lang, 'form.submit')}
            </button>
          </div>
        </form>
        ${definition.privacyNotice ? html`<p class="privacy">${definition.privacyNotice[lang]}</p>` : nothing}
        <p class="contact" part="contact">${definition.contact.text[lang]}</p>
      </section>
    `;
  }

  private renderReceipt(receipt: CaseReceipt, lang: Language) {
    return html`
      <section class="receipt" part="receipt" aria-labelledby="receipt-title">
        <div class="receipt__panel">
          <h2 id="receipt-title" class="receipt__title" tabindex="-1">${receipt.title[lang]}</h2>
          <p class="receipt__label">
            ${t(lang, 'receipt.caseNumber')}
            <strong class="receipt__number" data-case-number>${receipt.caseNumber}</strong>
          </p>
        </div>
        <p>${receipt.text[lang]}</p>
        <p>${receipt.serviceTitle[lang]} · ${receipt.municipality[lang]}</p>
        <p>${t(lang, 'receipt.submittedAt', { date: formatDateTime(receipt.submittedAt, lang) })}</p>
      </section>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.status}</div>
    `;
  }

  private onInput(fieldId: string, value: string): void {
    this.answers = { ...this.answers, [fieldId]: value };
    // Other answers are another submission: it gets a key of its own.
    this.idempotencyKey = undefined;
  }

  private focusField(domId: string): void {
    const input = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(domId)}`);
    if (!input) return;
    const label =
      input.closest('fieldset')?.querySelector('legend') ??
      this.renderRoot.querySelector<HTMLElement>(`label[for="${CSS.escape(domId)}"]`);
    (label ?? input).scrollIntoView?.({ block: 'start' });
    input.focus({ preventScroll: true });
  }

  private async onSubmit(event: Event, definition: ServiceDefinition): Promise<void> {
    event.preventDefault();
    if (this.submitState === 'submitting') return;
    const lang = this.lang_;
    const fields = new Map(allFields(definition).map((field) => [field.id, field]));
    const { errors } = validateAnswers(definition, this.answers);
    this.submitError = '';
    if (errors.length > 0) {
      this.showErrors(errors.map((error) => toShown(error, fields, lang)));
      return;
    }
    this.errors = [];
    this.submitState = 'submitting';
    this.status = t(lang, 'form.submitting');
    this.idempotencyKey ??= crypto.randomUUID();
    const client = this.activeClient();
    try {
      if (!client) throw new Error(this.backendErrorText(lang));
      const { receipt } = await client.submitCase(
        { serviceId: definition.id, serviceVersion: definition.version, lang, answers: this.answers },
        this.idempotencyKey,
      );
      this.receipt = receipt;
      this.answers = {};
      this.idempotencyKey = undefined;
      this.submitState = 'idle';
      this.status = '';
      this.focusAfterRender = 'receipt';
      this.dispatchEvent(submittedEvent({ serviceId: receipt.serviceId, caseId: receipt.caseId, caseNumber: receipt.caseNumber }));
    } catch (error) {
      this.submitState = 'failed';
      this.status = '';
      // The server checks with the same rules; its field errors show exactly like the form's own.
      const fieldIds = new Set(allFields(definition).map((field) => field.id));
      const fieldErrors = error instanceof ProblemError ? (error.problem.errors ?? []).filter((e) => fieldIds.has(e.path)) : [];
      if (fieldErrors.length > 0) {
        this.showErrors(fieldErrors.map(({ path, message }) => ({ path, message })));
        return;
      }
      this.submitError =
        error instanceof NetworkError ? t(lang, 'form.submitFailedOffline') : t(lang, 'form.submitFailed');
      this.focusAfterRender = 'submit-error';
    }
  }

  private showErrors(errors: ShownError[]): void {
    this.errors = errors;
    this.focusAfterRender = 'summary';
    this.requestUpdate();
  }

  /** Shows a set of answers as if typed (used by stories and by restoring a page). */
  setAnswers(answers: Answers): void {
    this.answers = { ...answers };
  }

  /** Checks the answers as the Send button does, showing the error summary if any are wrong. */
  async validate(): Promise<boolean> {
    const definition = this.definition.value;
    if (!definition) return false;
    const fields = new Map(allFields(definition).map((field) => [field.id, field]));
    const { errors } = validateAnswers(definition, this.answers);
    if (errors.length) this.showErrors(errors.map((error) => toShown(error, fields, this.lang_)));
    else this.errors = [];
    await this.updateComplete;
    return errors.length === 0;
  }
}

function toShown(error: FieldError, fields: Map<string, Field>, lang: Language): ShownError {
  return { path: error.path, error, message: errorMessage(error, fields.get(error.path), lang) };
}

function stringValue(value: Answers[string] | undefined): string {
  return typeof value === 'string' ? value : '';
}
