import { defineElement } from '../../config/define.js';
import { EServiceConfig } from './e-service-config.component.js';

export { EServiceConfig };
defineElement('e-service-config', EServiceConfig);

declare global {
  interface HTMLElementTagNameMap {
    'e-service-config': EServiceConfig;
  }
}
