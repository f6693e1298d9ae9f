import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Field } from '../../contract/definition.js';
import { ADDRESS_PARTS } from '../../forms/field-limits.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { moreFieldStyles } from '../field.styles.js';
import { EskField } from './field-base.js';
import '../../i18n/messages.js';
import '../../i18n/messages.groups.js';

const AUTOCOMPLETE = { street: 'street-address', postalCode: 'postal-code', city: 'address-level2' } as const;
const WIDTH = { street: '', postalCode: 'input--narrow', city: 'input--medium' } as const;

/**
 * @summary An address: street, postal code and town, each with its own label, error and autofill.
 */
export class EskAddressField extends EskField<Extract<Field, { type: 'address' }>> {
  static override styles = [...EskField.styles, moreFieldStyles];

  protected override get controlId(): string {
    return 'street';
  }

  protected override render() {
    const value = (this.value && typeof this.value === 'object' && !Array.isArray(this.value) ? this.value : {}) as Record<string, string>;
    const anyError = ADDRESS_PARTS.some((part) => this.errors[part]) || !!this.error;
    return html`<div class="field ${anyError ? 'field--error' : ''}" part="field">
      <fieldset class="fieldset" aria-describedby=${this.describedBy()} aria-invalid=${!!this.error} ?disabled=${this.isDisabled}>
        <legend class="label" part="label">${this.renderLabelText()}</legend>
        ${this.renderHint()} ${this.renderError()}
        <div class="parts">
          ${ADDRESS_PARTS.map(
            (part) => html`<div class="part">
              <label for=${part} class="label">${t(this.language, `address.${part}` as MessageKey)}</label>
              ${this.renderError(part, `${part}-error`)}
              <input
                id=${part}
                class="input ${WIDTH[part]}"
                part="input"
                name=${`${this.path}.${part}`}
                .value=${live(value[part] ?? '')}
                autocomplete=${AUTOCOMPLETE[part]}
                inputmode=${part === 'postalCode' ? 'numeric' : 'text'}
                aria-describedby=${this.errors[part] ? `${part}-error` : ''}
                aria-invalid=${this.errors[part] ? 'true' : 'false'}
                aria-required=${this.required}
                @keydown=${this.submitOnEnter}
                @input=${(event: Event) => {
                  const next = { ...value, [part]: (event.target as HTMLInputElement).value };
                  this.change(Object.values(next).some((piece) => piece.trim()) ? next : undefined);
                }}
              />
            </div>`,
          )}
        </div>
      </fieldset>
    </div>`;
  }
}
