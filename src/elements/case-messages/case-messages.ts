import { defineElement } from '../../config/define.js';
import { CaseMessages } from './case-messages.component.js';

export { CaseMessages };
export type { CaseMessagesReadDetail, CaseMessagesReadEvent, CaseMessagesSentDetail, CaseMessagesSentEvent } from './case-messages.events.js';
defineElement('case-messages', CaseMessages);

declare global {
  interface HTMLElementTagNameMap {
    'case-messages': CaseMessages;
  }
}
