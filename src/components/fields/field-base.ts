import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { AnswerValue } from '../../contract/cases.js';
import type { Field, GroupItemField } from '../../contract/definition.js';
import type { Language } from '../../contract/text.js';
import { isAnswered } from '../../forms/conditions.js';
import { t } from '../../i18n/index.js';
import { baseStyles } from '../../styles/shared.js';
import { fieldStyles } from '../field.styles.js';
import '../../i18n/messages.js';

export type AnyField = Field | GroupItemField;

/** What a question tells the form when the citizen changes its answer. */
export interface FieldChangeDetail {
  path: string;
  value: AnswerValue | undefined;
}

export const FIELD_CHANGE = 'esk-field-change';

/**
 * Fired by a question that starts sending a file, its detail settling when the upload has
 * ended (however it ended): the form waits for them before it goes on or sends, so a file
 * still on its way is neither reported missing nor lost with a step that is left.
 */
export const UPLOAD_STARTED = 'esk-upload-started';

/**
 * The shared base of every question: a form-associated custom element whose label,
 * hint, error and input live in one shadow root. The form decides validity with the
 * shared engine and hands each question its error; the question reports it to the
 * browser's form (ElementInternals) and as custom states, for styling from outside.
 */
export abstract class EskField<F extends AnyField = AnyField> extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [baseStyles, fieldStyles];
  // Declared here rather than by decorators: the questions are in the form's first load, which is held to a budget,
  // and decorators bring their own code (docs/architecture.md, Budgets).
  static override properties: PropertyDeclarations = {
    field: { attribute: false },
    value: { attribute: false },
    errors: { attribute: false },
    language: { attribute: false },
    required: { type: Boolean },
    disabled: { type: Boolean, reflect: true },
    path: {},
    formDisabled: { state: true },
  };

  field!: F;
  value: AnswerValue | undefined;
  /** Errors to show, by path relative to this question ('' for the question itself, 'street' for a part). */
  errors: Record<string, string> = {};
  language: Language = 'sv';
  /**
   * Said on the controls as `aria-required` (true or false): "(frivillig)" shows the optional ones, and a screen
   * reader says "required" on the others. Not the `required` attribute, which would make an empty control
   * :invalid, and announced as invalid, before the citizen has done anything.
   */
  required = true;
  disabled = false;
  /** Where the question sits in the answers: its id, or `group.0.id` inside a repeating group. */
  path = '';

  /** Set by the browser when a surrounding fieldset or form is disabled; kept apart from `disabled` so re-enabling it works. */
  private formDisabled = false;

  protected readonly internals: ElementInternals;

  /** Whether the controls are disabled, by the question's own `disabled` or by a disabled fieldset around it. */
  protected get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  /** The inner id of the main control, for labels and focus. */
  protected get controlId(): string {
    return 'control';
  }

  protected get error(): string {
    return this.errors[''] ?? '';
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const value = this.value;
    // A form-associated element's value reaches the form (FormData) under its name attribute.
    if (changed.has('path')) this.setAttribute('name', this.path);
    this.internals.setFormValue(value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value));
    const message = Object.values(this.errors)[0];
    const anchor = this.renderRoot.querySelector<HTMLElement>(`#${this.controlId}`) ?? undefined;
    if (message) this.internals.setValidity({ customError: true }, message, anchor);
    else if (this.required && !isAnswered(value)) this.internals.setValidity({ valueMissing: true }, ' ', anchor);
    else this.internals.setValidity({});
    this.setState('invalid', !!message);
    this.setState('filled', isAnswered(value));
    this.setState('disabled', this.isDisabled);
  }

  private setState(name: string, on: boolean): void {
    try {
      if (on) this.internals.states.add(name);
      else this.internals.states.delete(name);
    } catch {
      // Browsers without custom states only lose the styling hook.
    }
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  /** Moves focus to the control an error path points at ('' for the question itself). */
  focusPath(relative = ''): void {
    const target = this.renderRoot.querySelector<HTMLElement>(relative ? `#${CSS.escape(relative)}` : `#${this.controlId}`);
    const label = this.renderRoot.querySelector<HTMLElement>('legend, label');
    label?.scrollIntoView?.({ block: 'start' });
    (target ?? this).focus({ preventScroll: true });
  }

  /**
   * Enter in a one-line input sends the form, as in a plain HTML form. The input lives in this
   * shadow root and the form in the widget's, so the browser's implicit submission can't reach it.
   */
  protected readonly submitOnEnter = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    this.form?.requestSubmit();
  };

  protected change(value: AnswerValue | undefined): void {
    this.value = value;
    this.dispatchEvent(new CustomEvent<FieldChangeDetail>(FIELD_CHANGE, { detail: { path: this.path, value }, bubbles: true }));
  }

  protected renderLabelText(): TemplateResult {
    const label = this.field.label?.[this.language] ?? '';
    // The space goes with the label's text: Chromium leaves a space that stands alone between two of Lit's parts
    // out of the accessible name ("Din e-postadress(frivillig)").
    return this.required ? html`${label}` : html`${`${label} `}<span class="optional">${t(this.language, 'form.optional')}</span>`;
  }

  protected renderHint(): TemplateResult | typeof nothing {
    const hint = 'hint' in this.field ? this.field.hint : undefined;
    return hint ? html`<div id="hint" class="hint" part="hint">${hint[this.language]}</div>` : nothing;
  }

  protected renderError(key = '', id = 'error'): TemplateResult | typeof nothing {
    const message = this.errors[key];
    return message
      ? html`<p id=${id} class="error-message" part="error-message">
          <span class="visually-hidden">${t(this.language, 'form.errorPrefix')}</span> ${message}
        </p>`
      : nothing;
  }

  /** The ids aria-describedby lists: the hint, then the error (GOV.UK's order). */
  protected describedBy(...extra: (string | false | undefined)[]): string | typeof nothing {
    const hint = 'hint' in this.field && this.field.hint ? 'hint' : undefined;
    const ids = [hint, this.error ? 'error' : undefined, ...extra].filter(Boolean);
    return ids.length ? ids.join(' ') : nothing;
  }

  /** A question with one control: label, hint, error, control — in GOV.UK's order. */
  protected renderSingle(control: TemplateResult, after: TemplateResult | typeof nothing = nothing): TemplateResult {
    return html`<div class="field ${this.error ? 'field--error' : ''}" part="field">
      <label for=${this.controlId} class="label" part="label">${this.renderLabelText()}</label>
      ${this.renderHint()} ${this.renderError()} ${control} ${after}
    </div>`;
  }

  /**
   * A question of several controls in a fieldset, its legend the question. For `radios`, the fieldset is their
   * radio group, which is where ARIA puts the question's required state (a radio button has none). Its error
   * marks the fieldset invalid, as the one it describes.
   */
  protected renderFieldset(controls: TemplateResult, radios = false): TemplateResult {
    return html`<div class="field ${this.error ? 'field--error' : ''}" part="field">
      <fieldset class="fieldset" role=${radios ? 'radiogroup' : nothing} aria-required=${radios ? this.required : nothing}
        aria-describedby=${this.describedBy()} aria-invalid=${!!this.error} ?disabled=${this.isDisabled}>
        <legend class="label" part="label">${this.renderLabelText()}</legend>
        ${this.renderHint()} ${this.renderError()} ${controls}
      </fieldset>
    </div>`;
  }
}

export function stringOf(value: AnswerValue | undefined): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
