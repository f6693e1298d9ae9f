import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import type { AnswerValue } from '../../contract/cases.js';
import type { Field } from '../../contract/definition.js';
import { t } from '../../i18n/index.js';
import { EskField } from './field-base.js';
import '../../i18n/messages.js';

type ChoiceField = Extract<Field, { type: 'radio' | 'yesNo' }>;

/**
 * @summary A question answered by one of a few options shown as radio buttons; yes/no is one of them.
 */
export class EskChoiceField extends EskField<ChoiceField> {
  protected override render() {
    const options: { value: AnswerValue; label: string }[] =
      this.field.type === 'yesNo'
        ? [{ value: true, label: t(this.language, 'form.yes') }, { value: false, label: t(this.language, 'form.no') }]
        : this.field.options.map((option) => ({ value: option.value, label: option.label[this.language] }));
    return this.renderFieldset(html`<div class="radios ${this.field.type === 'yesNo' ? 'radios--inline' : ''}">
      ${options.map((option, index) => {
        const id = index === 0 ? 'control' : `control-${index}`;
        return html`<div class="radio" part="radio">
          <input
            id=${id}
            type="radio"
            name=${this.path}
            .value=${String(option.value)}
            .checked=${live(this.value === option.value)}
            ?disabled=${this.isDisabled}
            @change=${() => this.change(option.value)}
          />
          <label for=${id}>${option.label}</label>
        </div>`;
      })}
    </div>`, true);
  }
}
