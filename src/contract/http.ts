/**
 * The contract's header names and media types: plain constants, apart from the schemas, so that
 * browser code sending requests does not bring zod along (see src/client/checks/check.ts).
 */

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const RECEIPT_TOKEN_HEADER = 'X-Receipt-Token';
/** Sent by the kit on every state-changing request; a cross-site form can't add it. */
export const CLIENT_HEADER = 'X-Requested-With';
export const CLIENT_HEADER_VALUE = 'e-service-kit';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
