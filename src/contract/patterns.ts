/**
 * The patterns the contract's zod schemas check text against, as plain regular expressions, so that
 * the browser checks what a citizen types exactly as the backend will (src/client/checks/).
 */

/** An e-mail address: zod's own pattern for `z.email()`, named here so both sides use the very same one. */
export const EMAIL = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

/** A phone number as a person writes it: digits, spaces, +, -, parentheses. */
export const PHONE = /^[0-9 +\-()]{5,20}$/;

/** The ids the backend gives drafts, cases, attachments and messages. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** PREFIX-YEAR-NUMBER, e.g. FEL-2026-00042. */
export const CASE_NUMBER = /^[A-Z]{2,6}-\d{4}-\d{5,}$/;

/** A Swedish mobile number as Swish takes it: 07x… or +46 7x…, spaces and hyphens allowed (src/contract/payments.ts). */
export const SWISH_MOBILE = /^(\+?46|0)\s*7[\d\s-]{8,12}$/;
