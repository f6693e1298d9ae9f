/** Fired when a cosigner has signed, or declined. */
export interface CosignStatusRequestDetail {
  requestId: string;
  caseId: string;
}

/** Fired when the applicant has sent an invitation again (perhaps to a corrected address). */
export interface CosignStatusReinvitedDetail {
  caseId: string;
  requestId: string;
}

/** Fired when the applicant started again from a copy of a case not signed in time, or declined. */
export interface CosignStatusCopiedDetail {
  /** The case copied. */
  caseId: string;
  /** The new draft's id. */
  draftId: string;
  serviceId: string;
  /** The page the `continue-url` template gave; absent without one. */
  url?: string;
}

export type CosignStatusRequestEvent = CustomEvent<CosignStatusRequestDetail>;
export type CosignStatusReinvitedEvent = CustomEvent<CosignStatusReinvitedDetail>;
export type CosignStatusCopiedEvent = CustomEvent<CosignStatusCopiedDetail>;

export const requestEvent = (name: 'cosign-status-signed' | 'cosign-status-declined', detail: CosignStatusRequestDetail): CosignStatusRequestEvent =>
  new CustomEvent(name, { detail, bubbles: true, composed: true });

export const reinvitedEvent = (detail: CosignStatusReinvitedDetail): CosignStatusReinvitedEvent =>
  new CustomEvent('cosign-status-reinvited', { detail, bubbles: true, composed: true });

export const copiedEvent = (detail: CosignStatusCopiedDetail): CosignStatusCopiedEvent =>
  new CustomEvent('cosign-status-copied', { detail, bubbles: true, composed: true });

declare global {
  interface HTMLElementEventMap {
    'cosign-status-signed': CosignStatusRequestEvent;
    'cosign-status-declined': CosignStatusRequestEvent;
    'cosign-status-reinvited': CosignStatusReinvitedEvent;
    'cosign-status-copied': CosignStatusCopiedEvent;
  }
}
