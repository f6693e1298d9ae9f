import { defineElement } from '../../config/define.js';
import { MyCases } from './my-cases.component.js';

export { MyCases };
export type { MyCasesCaseDetail, MyCasesCaseEvent, MyCasesContinueDetail, MyCasesContinueEvent } from './my-cases.events.js';
defineElement('my-cases', MyCases);

declare global {
  interface HTMLElementTagNameMap {
    'my-cases': MyCases;
  }
}
