import { defineElement } from '../../config/define.js';
import { EskCheckboxField } from './checkbox-field.js';
import { EskChoiceField } from './choice-field.js';
import { EskInputField } from './input-field.js';
import { EskSelectField } from './select-field.js';
import { EskTextareaField } from './textarea-field.js';

/**
 * The kit's internal question elements that most e-services ask, registered once by whichever widget needs them
 * first. The rarer ones load only with the e-services that ask them: the address and the repeating group in
 * define-group-and-address.ts, the file question (with the upload client) in define-file-field.ts.
 */
defineElement('esk-input-field', EskInputField);
defineElement('esk-textarea-field', EskTextareaField);
defineElement('esk-select-field', EskSelectField);
defineElement('esk-choice-field', EskChoiceField);
defineElement('esk-checkbox-field', EskCheckboxField);

declare global {
  interface HTMLElementTagNameMap {
    'esk-input-field': EskInputField;
    'esk-textarea-field': EskTextareaField;
    'esk-select-field': EskSelectField;
    'esk-choice-field': EskChoiceField;
    'esk-checkbox-field': EskCheckboxField;
  }
}
