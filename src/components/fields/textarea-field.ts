import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Field } from '../../contract/definition.js';
import { characterCount, maxLengthOf } from '../../forms/field-limits.js';
import { t } from '../../i18n/index.js';
import { EskField, stringOf } from './field-base.js';
import { emptyToUndefined } from './input-field.js';
import '../../i18n/messages.js';

/**
 * @summary A question answered in several lines, with GOV.UK's character count.
 */
export class EskTextareaField extends EskField<Extract<Field, { type: 'textarea' }>> {
  protected override render() {
    const value = stringOf(this.value);
    const remaining = maxLengthOf(this.field) - characterCount(value);
    const count =
      remaining >= 0
        ? t(this.language, 'form.charactersLeft', { count: remaining })
        : t(this.language, 'form.charactersTooMany', { count: -remaining });
    return this.renderSingle(
      html`<textarea
        id="control"
        class="input textarea"
        part="input"
        name=${this.path}
        rows=${this.field.rows ?? 5}
        .value=${live(value)}
        ?disabled=${this.isDisabled}
        aria-describedby=${this.describedBy('count')}
        aria-invalid=${this.error ? 'true' : 'false'}
        aria-required=${this.required}
        @input=${(event: Event) => this.change(emptyToUndefined((event.target as HTMLTextAreaElement).value))}
      ></textarea>`,
      html`<div id="count" class="count ${remaining < 0 ? 'count--over' : ''}" part="character-count">${count}</div>`,
    );
  }
}
