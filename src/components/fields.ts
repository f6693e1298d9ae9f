import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { Field, Option } from '../contract/definition.js';
import type { Language } from '../contract/text.js';
import { characterCount, isRequired, maxLengthOf } from '../forms/validate.js';
import { t } from '../i18n/index.js';

/**
 * Renders one question: label, hint, error and input in one shadow root, so
 * `for` and `aria-describedby` reach what they name.
 */
export interface FieldView {
  field: Field;
  value: string;
  error?: string | undefined;
  lang: Language;
  onInput: (fieldId: string, value: string) => void;
}

export const fieldDomId = (fieldId: string) => `field-${fieldId}`;

export function renderField(view: FieldView): TemplateResult {
  switch (view.field.type) {
    case 'radio':
      return renderRadioGroup(view, view.field.options);
    case 'select':
      return renderWrapped(view, renderSelect(view, view.field.options));
    case 'textarea':
      return renderWrapped(view, renderTextarea(view, view.field.rows ?? 5), renderCharacterCount(view));
    case 'email':
      return renderWrapped(view, renderInput(view, 'email', view.field.autocomplete ?? 'email'));
    case 'text':
      return renderWrapped(view, renderInput(view, 'text', view.field.autocomplete));
  }
}

function ids(view: FieldView) {
  const id = fieldDomId(view.field.id);
  const hint = view.field.hint ? `${id}-hint` : undefined;
  const error = view.error ? `${id}-error` : undefined;
  const count = view.field.type === 'textarea' ? `${id}-count` : undefined;
  return { id, hint, error, count, describedBy: [hint, error, count].filter(Boolean).join(' ') || undefined };
}

function optionalMarker(view: FieldView) {
  return isRequired(view.field) ? nothing : html` <span class="optional">${t(view.lang, 'form.optional')}</span>`;
}

function renderHintAndError(view: FieldView) {
  const { hint, error } = ids(view);
  return html`
    ${view.field.hint ? html`<div id=${hint!} class="hint" part="hint">${view.field.hint[view.lang]}</div>` : nothing}
    ${view.error
      ? html`<p id=${error!} class="error-message" part="error-message">
          <span class="visually-hidden">${t(view.lang, 'form.errorPrefix')}</span> ${view.error}
        </p>`
      : nothing}
  `;
}

function renderWrapped(view: FieldView, control: TemplateResult, after: TemplateResult | typeof nothing = nothing) {
  const { id } = ids(view);
  return html`
    <div class="field ${view.error ? 'field--error' : ''}" part="field" data-field=${view.field.id}>
      <label for=${id} class="label" part="label">${view.field.label[view.lang]}${optionalMarker(view)}</label>
      ${renderHintAndError(view)} ${control} ${after}
    </div>
  `;
}

function renderInput(view: FieldView, type: 'text' | 'email', autocomplete: string | undefined) {
  const { id, describedBy } = ids(view);
  return html`<input
    id=${id}
    class="input"
    part="input"
    type=${type}
    name=${view.field.id}
    .value=${live(view.value)}
    autocomplete=${ifDefined(autocomplete)}
    spellcheck=${type === 'email' ? 'false' : 'true'}
    aria-describedby=${ifDefined(describedBy)}
    aria-invalid=${view.error ? 'true' : 'false'}
    @input=${(event: Event) => view.onInput(view.field.id, (event.target as HTMLInputElement).value)}
  />`;
}

function renderTextarea(view: FieldView, rows: number) {
  const { id, describedBy } = ids(view);
  return html`<textarea
    id=${id}
    class="input textarea"
    part="input"
    name=${view.field.id}
    rows=${rows}
    .value=${live(view.value)}
    aria-describedby=${ifDefined(describedBy)}
    aria-invalid=${view.error ? 'true' : 'false'}
    @input=${(event: Event) => view.onInput(view.field.id, (event.target as HTMLTextAreaElement).value)}
  ></textarea>`;
}

/** GOV.UK's character count: how many are left, or how many too many, without blocking typing. */
function renderCharacterCount(view: FieldView) {
  const { count } = ids(view);
  const remaining = maxLengthOf(view.field) - characterCount(view.value);
  const text =
    remaining >= 0
      ? t(view.lang, 'form.charactersLeft', { count: remaining })
      : t(view.lang, 'form.charactersTooMany', { count: -remaining });
  return html`<div id=${count!} class="count ${remaining < 0 ? 'count--over' : ''}" part="character-count">${text}</div>`;
}

function renderSelect(view: FieldView, options: Option[]) {
  const { id, describedBy } = ids(view);
  return html`<select
    id=${id}
    class="input select"
    part="input"
    name=${view.field.id}
    aria-describedby=${ifDefined(describedBy)}
    aria-invalid=${view.error ? 'true' : 'false'}
    @change=${(event: Event) => view.onInput(view.field.id, (event.target as HTMLSelectElement).value)}
  >
    <option value="" ?selected=${view.value === ''}>${t(view.lang, 'form.selectPlaceholder')}</option>
    ${options.map(
      (option) => html`<option value=${option.value} ?selected=${view.value === option.value}>${option.label[view.lang]}</option>`,
    )}
  </select>`;
}

function renderRadioGroup(view: FieldView, options: Option[]) {
  const { id, describedBy } = ids(view);
  return html`
    <div class="field ${view.error ? 'field--error' : ''}" part="field" data-field=${view.field.id}>
      <fieldset class="fieldset" aria-describedby=${ifDefined(describedBy)}>
        <legend class="label" part="label">${view.field.label[view.lang]}${optionalMarker(view)}</legend>
        ${renderHintAndError(view)}
        <div class="radios">
          ${options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${index}`;
            return html`<div class="radio" part="radio">
              <input
                id=${optionId}
                type="radio"
                name=${view.field.id}
                value=${option.value}
                .checked=${live(view.value === option.value)}
                @change=${() => view.onInput(view.field.id, option.value)}
              />
              <label for=${optionId}>${option.label[view.lang]}</label>
            </div>`;
          })}
        </div>
      </fieldset>
    </div>
  `;
}
