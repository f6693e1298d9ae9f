import { defineElement } from '../../config/define.js';
import { EskAddressField } from './address-field.js';
import { EskGroupField } from './group-field.js';

/** The address and the repeating group, registered when an e-service that asks either is opened (their bytes load only then). */
defineElement('esk-address-field', EskAddressField);
defineElement('esk-group-field', EskGroupField);

declare global {
  interface HTMLElementTagNameMap {
    'esk-address-field': EskAddressField;
    'esk-group-field': EskGroupField;
  }
}
