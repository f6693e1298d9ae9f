import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Field } from '../../contract/definition.js';
import { moreFieldStyles } from '../field.styles.js';
import { EskField } from './field-base.js';

type CheckboxField = Extract<Field, { type: 'checkbox' | 'checkboxGroup' }>;

/**
 * @summary One box to tick ("I confirm …"), or several options of which the citizen ticks any.
 */
export class EskCheckboxField extends EskField<CheckboxField> {
  static override styles = [...EskField.styles, moreFieldStyles];

  protected override render() {
    const field = this.field;
    if (field.type === 'checkbox') {
      return html`<div class="field ${this.error ? 'field--error' : ''}" part="field">
        ${this.renderHint()} ${this.renderError()}
        <div class="checkbox" part="checkbox">
          <input
            id="control"
            type="checkbox"
            name=${this.path}
            .checked=${live(this.value === true)}
            ?disabled=${this.isDisabled}
            aria-describedby=${this.describedBy()}
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-required=${this.required}
            @change=${(event: Event) => this.change((event.target as HTMLInputElement).checked ? true : undefined)}
          />
          <label for="control" class="label--checkbox">${this.renderLabelText()}</label>
        </div>
      </div>`;
    }
    const chosen = new Set(Array.isArray(this.value) ? (this.value as string[]) : []);
    const toggle = (value: string, on: boolean) => {
      const next = field.options.map((option) => option.value).filter((v) => (v === value ? on : chosen.has(v)));
      this.change(next.length ? next : undefined);
    };
    return this.renderFieldset(html`<div class="checkboxes">
      ${field.options.map((option, index) => {
        const id = index === 0 ? 'control' : `control-${index}`;
        return html`<div class="checkbox" part="checkbox">
          <input
            id=${id}
            type="checkbox"
            name=${this.path}
            .value=${option.value}
            .checked=${live(chosen.has(option.value))}
            ?disabled=${this.isDisabled}
            @change=${(event: Event) => toggle(option.value, (event.target as HTMLInputElement).checked)}
          />
          <label for=${id}>${option.label[this.language]}</label>
        </div>`;
      })}
    </div>`);
  }
}
