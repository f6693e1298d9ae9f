/** Fired when the citizen chooses Continue on a draft. Cancelable: a page that calls `preventDefault()` keeps the link from being followed and opens the draft itself. */
export interface MyCasesContinueDetail {
  /** The draft's id. */
  id: string;
  serviceId: string;
  /** The page the `continue-url` template gave; absent without one. */
  url?: string;
}

/** Fired when the citizen opens a case's details, or deletes a draft. */
export interface MyCasesCaseDetail {
  id: string;
  caseNumber?: string;
}

export type MyCasesContinueEvent = CustomEvent<MyCasesContinueDetail>;
export type MyCasesCaseEvent = CustomEvent<MyCasesCaseDetail>;

export const continueEvent = (detail: MyCasesContinueDetail): MyCasesContinueEvent =>
  new CustomEvent('my-cases-continue', { detail, bubbles: true, composed: true, cancelable: true });

export const caseEvent = (name: 'my-cases-open' | 'my-cases-deleted', detail: MyCasesCaseDetail): MyCasesCaseEvent =>
  new CustomEvent(name, { detail, bubbles: true, composed: true });

declare global {
  interface HTMLElementEventMap {
    'my-cases-continue': MyCasesContinueEvent;
    'my-cases-open': MyCasesCaseEvent;
    'my-cases-deleted': MyCasesCaseEvent;
  }
}
