import { defineElement } from '../../config/define.js';
import { EskFileField } from './file-field.js';

/** The file question, registered when an e-service that asks for files is opened (its bytes load only then). */
defineElement('esk-file-field', EskFileField);

declare global {
  interface HTMLElementTagNameMap {
    'esk-file-field': EskFileField;
  }
}
