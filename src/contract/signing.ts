import * as z from 'zod/mini';
import { SubmitCaseRequest, SubmitCaseResponse } from './cases.js';
import { LoginMethod } from './eid.js';

/**
 * Signing a case with BankID, for e-services with `signing: "sign"` (which need login "required").
 * The citizen is logged in; the backend checks the answers exactly as a submission, starts a BankID
 * sign order that only the session's person can complete, and the poll that sees it complete makes
 * the case — with the signature stored beside it — and answers with the receipt.
 *
 *   POST   /api/signatures  Idempotency-Key, { ...SubmitCaseRequest, method } → StartSigningResponse
 *   GET    /api/signatures/{orderRef}                                        → SigningState (poll about once a second)
 *   DELETE /api/signatures/{orderRef}                                        → 204 (Cancel)
 *
 * Only the person who started a signing may poll or cancel it: anyone else gets 404.
 * A repeated POST with the same Idempotency-Key and body returns the same order while it is
 * pending (no second BankID order), and the case once it is signed.
 */

export const StartSigningRequest = z.object({
  ...SubmitCaseRequest.shape,
  /**
   * BankID on this device (autoStartToken) or on another device (QR code) for a citizen logged in with BankID;
   * `broker` for one logged in with an e-ID of the broker (Freja eID, Telia, eIDAS): the citizen signs at the
   * broker's page (authorizationUrl) and comes back to `returnUrl` with `esk-signing=<orderRef>`.
   */
  method: z.union([LoginMethod, z.literal('broker')]),
  /** For `broker`: the page to come back to (a page of ALLOWED_ORIGINS, as for a login). */
  returnUrl: z.optional(z.url({ protocol: /^https?$/ })),
});
export type StartSigningRequest = z.infer<typeof StartSigningRequest>;

export const StartSigningResponse = z.object({
  orderRef: z.string(),
  /** Only for sameDevice: goes into bankid:///?autostarttoken=…&redirect=null */
  autoStartToken: z.optional(z.string()),
  /** Only when this Idempotency-Key's signing is already complete: the case it made. */
  result: z.optional(SubmitCaseResponse),
  /** Only for `broker`: the broker's page, where the citizen signs. */
  authorizationUrl: z.optional(z.url()),
});
export type StartSigningResponse = z.infer<typeof StartSigningResponse>;

/**
 * Where a signing stands. `hintCode` is BankID's own (for the RFA messages), or
 * `personMismatch` when someone other than the logged-in citizen signed (no case is made);
 * at the broker `userCancel` (cancelled there) or `brokerFailed`.
 */
export const SigningState = z.object({
  status: z.enum(['pending', 'failed', 'complete']),
  hintCode: z.optional(z.string()),
  /** For otherDevice while pending: the current animated QR data, new each second. */
  qrData: z.optional(z.string()),
  /** When complete: the case, exactly as POST /api/cases answers. */
  result: z.optional(SubmitCaseResponse),
});
export type SigningState = z.infer<typeof SigningState>;
