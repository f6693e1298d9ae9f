/**
 * Fired when a case has been sent and its receipt is shown; for an e-service that charges, when the case is
 * made and waits for its payment (`e-service-paid` follows when it is paid).
 */
export interface EServiceSubmittedDetail {
  serviceId: string;
  caseId: string;
  caseNumber: string;
}

export type EServiceSubmittedEvent = CustomEvent<EServiceSubmittedDetail>;

export function submittedEvent(detail: EServiceSubmittedDetail): EServiceSubmittedEvent {
  return new CustomEvent('e-service-submitted', { detail, bubbles: true, composed: true });
}

/** Fired when the case of an e-service that charges has been paid, and so sent; its receipt is shown. */
export type EServicePaidDetail = EServiceSubmittedDetail;

export type EServicePaidEvent = CustomEvent<EServicePaidDetail>;

declare global {
  interface HTMLElementEventMap {
    'e-service-submitted': EServiceSubmittedEvent;
    'e-service-paid': EServicePaidEvent;
  }
}
