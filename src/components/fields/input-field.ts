import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { Field } from '../../contract/definition.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { moreFieldStyles } from '../field.styles.js';
import { EskField, stringOf } from './field-base.js';
import '../../i18n/messages.js';

type InputField = Extract<Field, { type: 'text' | 'email' | 'phone' | 'personnummer' | 'postalCode' | 'number' | 'date' | 'organisationsnummer' | 'time' }>;

/** How each kind of one-line question asks: input type, keyboard, autofill and width. */
const KINDS: Record<InputField['type'], { type: string; inputmode?: string; autocomplete?: string; width?: string; spellcheck?: boolean }> = {
  text: { type: 'text' },
  email: { type: 'email', autocomplete: 'email', spellcheck: false },
  phone: { type: 'tel', autocomplete: 'tel', width: 'input--medium', spellcheck: false },
  personnummer: { type: 'text', inputmode: 'numeric', autocomplete: 'off', width: 'input--medium', spellcheck: false },
  postalCode: { type: 'text', inputmode: 'numeric', autocomplete: 'postal-code', width: 'input--narrow', spellcheck: false },
  // GOV.UK: type=number mangles input (scrolling changes it, "12,5" is refused); ask for text with a numeric keyboard.
  number: { type: 'text', inputmode: 'decimal', width: 'input--narrow', spellcheck: false },
  // Typed as text: a date picker's order of parts follows the browser's locale, not the page's language.
  date: { type: 'text', inputmode: 'numeric', width: 'input--medium', spellcheck: false },
  organisationsnummer: { type: 'text', inputmode: 'numeric', autocomplete: 'off', width: 'input--medium', spellcheck: false },
  // A numeric keyboard has no colon: 1430 is taken as 14:30.
  time: { type: 'text', inputmode: 'numeric', width: 'input--narrow', spellcheck: false },
};

/** How a date or a time is written, said under the label. */
const FORMATS: Partial<Record<InputField['type'], MessageKey>> = { date: 'form.dateFormat', time: 'form.timeFormat' };

/**
 * @summary A one-line question: text, e-mail, phone number, personnummer, organisationsnummer, postal code, number
 * (with unit), date or time of day.
 */
export class EskInputField extends EskField<InputField> {
  static override styles = [...EskField.styles, moreFieldStyles];

  protected override render() {
    const field = this.field;
    const kind = KINDS[field.type];
    const autocomplete = ('autocomplete' in field && field.autocomplete) || kind.autocomplete;
    const input = html`<input
      id="control"
      class="input ${kind.width ?? ''}"
      part="input"
      type=${kind.type}
      name=${this.path}
      .value=${live(stringOf(this.value))}
      inputmode=${ifDefined(kind.inputmode)}
      autocomplete=${ifDefined(autocomplete)}
      spellcheck=${kind.spellcheck === false ? 'false' : 'true'}
      ?disabled=${this.isDisabled}
      aria-describedby=${this.describedBy(field.type === 'number' && field.unit ? 'unit' : undefined, FORMATS[field.type] ? 'format' : undefined)}
      aria-invalid=${this.error ? 'true' : 'false'}
      aria-required=${this.required}
      @keydown=${this.submitOnEnter}
      @input=${(event: Event) => this.change(emptyToUndefined((event.target as HTMLInputElement).value))}
    />`;
    const unit = field.type === 'number' && field.unit ? field.unit[this.language] : undefined;
    const formatKey = FORMATS[field.type];
    const format = formatKey ? html`<div id="format" class="hint hint--format">${t(this.language, formatKey)}</div>` : nothing;
    return this.renderSingle(
      html`${format}${unit ? html`<div class="input-wrapper">${input}<span id="unit" class="unit" part="unit">${unit}</span></div>` : input}`,
      nothing,
    );
  }
}

export function emptyToUndefined(value: string): string | undefined {
  return value === '' ? undefined : value;
}
