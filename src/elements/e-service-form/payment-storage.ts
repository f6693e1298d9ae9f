import type { CaseReceipt } from '../../contract/cases.js';
import type { PaymentChoices } from './payment.js';

/**
 * What the payment step keeps for as long as the tab lives, so that the citizen who goes to the card page
 * (or reloads, or comes back from the Swish app) returns to the case they were paying: the case, the receipt
 * token that is the only proof a case sent without login has, and the attempt under way. sessionStorage, as
 * the unsent answers (form-storage.ts): it dies with the tab. Kept per backend and e-service; cleared once paid.
 */
export interface SavedPayment {
  receipt: CaseReceipt;
  /** The proof a case sent here is this browser's; none for a case opened from Mina sidor (the session is). */
  receiptToken?: string | undefined;
  /** The attempt last started, to follow again on return. */
  paymentId?: string | undefined;
  /** How the citizen chose to pay it (the Swish QR code or the number it went to). */
  choices?: PaymentChoices | undefined;
}

/** The query parameter of the page the provider sends the citizen back to: the case being paid. */
export const RETURN_PARAMETER = 'esk-payment';

const key = (backend: string, serviceId: string) => `esk:payment:${backend}:${serviceId}`;

export function loadPayment(backend: string, serviceId: string): SavedPayment | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(key(backend, serviceId)) ?? 'null') as SavedPayment | null;
    return saved && ['string', 'undefined'].includes(typeof saved.receiptToken) && typeof saved.receipt?.caseId === 'string' ? saved : undefined;
  } catch {
    return undefined;
  }
}

export function savePayment(backend: string, serviceId: string, saved: SavedPayment): void {
  try {
    sessionStorage.setItem(key(backend, serviceId), JSON.stringify(saved));
  } catch {
    // Storage full or blocked: the step still works while the page stays.
  }
}

export function clearPayment(backend: string, serviceId: string): void {
  try {
    sessionStorage.removeItem(key(backend, serviceId));
  } catch {
    // Nothing to clear.
  }
}

/** The page to come back to from the provider: this page, naming the case, without its fragment. */
export function returnUrl(caseId: string): string {
  const url = new URL(location.href);
  url.searchParams.set(RETURN_PARAMETER, caseId);
  url.hash = '';
  return url.href;
}

/**
 * Back from the provider for this case: the parameter naming it is taken out of the address, so that a reload or
 * a bookmark does not carry it. (The step comes back from the tab's copy with or without it: a reload, or the
 * Swish app's way back, finds the case there too.) A parameter naming another case is another form's to take.
 */
export function takeReturnParameter(caseId: string): void {
  const url = new URL(location.href);
  if (url.searchParams.get(RETURN_PARAMETER) !== caseId) return;
  url.searchParams.delete(RETURN_PARAMETER);
  history.replaceState(history.state, '', url);
}
