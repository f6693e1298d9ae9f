/** Fired when a case has been sent and its receipt is shown. */
export interface EServiceSubmittedDetail {
  serviceId: string;
  caseId: string;
  caseNumber: string;
}

export type EServiceSubmittedEvent = CustomEvent<EServiceSubmittedDetail>;

export function submittedEvent(detail: EServiceSubmittedDetail): EServiceSubmittedEvent {
  return new CustomEvent('e-service-submitted', { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'e-service-submitted': EServiceSubmittedEvent;
  }
}
