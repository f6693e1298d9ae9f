import { defineElement } from '../../config/define.js';
import { EServiceForm } from './e-service-form.component.js';

export { EServiceForm };
export type { EServicePaidDetail, EServicePaidEvent, EServiceSubmittedDetail, EServiceSubmittedEvent } from './e-service-form.events.js';
defineElement('e-service-form', EServiceForm);

declare global {
  interface HTMLElementTagNameMap {
    'e-service-form': EServiceForm;
  }
}
