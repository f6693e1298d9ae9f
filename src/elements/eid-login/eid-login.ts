import { defineElement } from '../../config/define.js';
import { EidLogin } from './eid-login.component.js';

export { EidLogin };
export type { EidLoginSuccessDetail, EidLoginSuccessEvent, EidLogoutEvent } from './eid-login.events.js';
defineElement('eid-login', EidLogin);

declare global {
  interface HTMLElementTagNameMap {
    'eid-login': EidLogin;
  }
}
