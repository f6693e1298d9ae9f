import { defineElement } from '../../config/define.js';
import { CosignStatus } from './cosign-status.component.js';

export { CosignStatus };
export type {
  CosignStatusCopiedDetail, CosignStatusCopiedEvent, CosignStatusReinvitedDetail, CosignStatusReinvitedEvent,
  CosignStatusRequestDetail, CosignStatusRequestEvent,
} from './cosign-status.events.js';
defineElement('cosign-status', CosignStatus);

declare global {
  interface HTMLElementTagNameMap {
    'cosign-status': CosignStatus;
  }
}
