import { defineElement } from '../../config/define.js';
import { EskAddressField } from './address-field.js';
import { EskCheckboxField } from './checkbox-field.js';
import { EskChoiceField } from './choice-field.js';
import { EskGroupField } from './group-field.js';
import { EskInputField } from './input-field.js';
import { EskSelectField } from './select-field.js';
import { EskTextareaField } from './textarea-field.js';

/**
 * The kit's internal question elements, registered once by whichever widget needs them first. The
 * file question (with the upload client) is in define-file-field.ts, loaded only by e-services that ask for files.
 */
defineElement('esk-input-field', EskInputField);
defineElement('esk-textarea-field', EskTextareaField);
defineElement('esk-select-field', EskSelectField);
defineElement('esk-choice-field', EskChoiceField);
defineElement('esk-checkbox-field', EskCheckboxField);
defineElement('esk-address-field', EskAddressField);
defineElement('esk-group-field', EskGroupField);

declare global {
  interface HTMLElementTagNameMap {
    'esk-input-field': EskInputField;
    'esk-textarea-field': EskTextareaField;
    'esk-select-field': EskSelectField;
    'esk-choice-field': EskChoiceField;
    'esk-checkbox-field': EskCheckboxField;
    'esk-address-field': EskAddressField;
    'esk-group-field': EskGroupField;
  }
}
