import type { SessionUser } from '../../contract/eid.js';

/** Fired when the citizen has logged in with BankID. */
export interface EidLoginSuccessDetail {
  user: SessionUser;
}

export type EidLoginSuccessEvent = CustomEvent<EidLoginSuccessDetail>;
export type EidLogoutEvent = CustomEvent<Record<string, never>>;

export const loginSuccessEvent = (detail: EidLoginSuccessDetail): EidLoginSuccessEvent =>
  new CustomEvent('eid-login-success', { detail, bubbles: true, composed: true });

export const logoutEvent = (): EidLogoutEvent => new CustomEvent('eid-logout', { detail: {}, bubbles: true, composed: true });

declare global {
  interface HTMLElementEventMap {
    'eid-login-success': EidLoginSuccessEvent;
    'eid-logout': EidLogoutEvent;
  }
}
