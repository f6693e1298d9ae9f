import type { Message } from '../../contract/my-pages.js';

/** Fired when the officer's new messages were shown and marked as read. */
export interface CaseMessagesReadDetail {
  caseId: string;
}

/** Fired when the citizen's message was sent. */
export interface CaseMessagesSentDetail {
  caseId: string;
  message: Message;
}

export type CaseMessagesReadEvent = CustomEvent<CaseMessagesReadDetail>;
export type CaseMessagesSentEvent = CustomEvent<CaseMessagesSentDetail>;

export const readEvent = (detail: CaseMessagesReadDetail): CaseMessagesReadEvent =>
  new CustomEvent('case-messages-read', { detail, bubbles: true, composed: true });

export const sentEvent = (detail: CaseMessagesSentDetail): CaseMessagesSentEvent =>
  new CustomEvent('case-messages-sent', { detail, bubbles: true, composed: true });

declare global {
  interface HTMLElementEventMap {
    'case-messages-read': CaseMessagesReadEvent;
    'case-messages-sent': CaseMessagesSentEvent;
  }
}
