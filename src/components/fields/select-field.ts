import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Field } from '../../contract/definition.js';
import { t } from '../../i18n/index.js';
import { EskField } from './field-base.js';
import '../../i18n/messages.js';

/**
 * @summary A question answered by picking one option from a dropdown.
 */
export class EskSelectField extends EskField<Extract<Field, { type: 'select' }>> {
  protected override render() {
    const value = typeof this.value === 'string' ? this.value : '';
    return this.renderSingle(html`<select
      id="control"
      class="input select"
      part="input"
      name=${this.path}
      ?disabled=${this.isDisabled}
      aria-describedby=${this.describedBy()}
      aria-invalid=${this.error ? 'true' : 'false'}
      aria-required=${this.required}
      @change=${(event: Event) => this.change((event.target as HTMLSelectElement).value || undefined)}
    >
      <option value="" .selected=${live(value === '')}>${t(this.language, 'form.selectPlaceholder')}</option>
      ${this.field.options.map(
        (option) => html`<option value=${option.value} .selected=${live(value === option.value)}>${option.label[this.language]}</option>`,
      )}
    </select>`);
  }
}
