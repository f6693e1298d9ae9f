import * as z from 'zod/mini';
import { CaseOrganisation } from './companies.js';
import { Answers, CaseNumber } from './cases.js';
import { LoginMethod } from './eid.js';
import { CaseAttachment, NamedChild, Uuid } from './my-pages.js';
import { SigningState } from './signing.js';
import { EMAIL, PHONE } from './patterns.js';
import { storableText } from './storable.js';
import { LocalizedText } from './text.js';

/**
 * Flerpartssignering: a case that others must sign too (a definition's `cosigning`). The applicant
 * signs as usual (POST /api/signatures); the case then waits, status awaitingCosign, until every
 * required cosigner has signed — only then is it sent (submitted), told to the municipality and
 * receipted to all of them. Nothing reaches the officer API or the webhook before that.
 *
 * The applicant (the case's owner; 404 for anyone else):
 *   GET  /api/my/cases/{caseId}/cosigning                                   → CosignOverview
 *   POST /api/my/cases/{caseId}/cosigning/{requestId}/invitation  Reinvite  → CosignOverview (resend, or correct the address)
 *   POST /api/my/cases/{caseId}/copy                                         → 201 Draft (start again from a copy: expired or declined)
 *
 * A cosigner (logged in; the link alone grants nothing):
 *   POST   /api/cosigning/open                  { token }         → CosignRequestView (the person must be one the case requires)
 *   GET    /api/cosigning/requests/{requestId}                    → CosignRequestView (also found in <my-cases> without the link)
 *   POST   /api/cosigning/requests/{requestId}/signatures  Idempotency-Key, { method } → { orderRef, autoStartToken? }
 *   GET    /api/cosigning/signatures/{orderRef}                   → CosignSigningState (`request` and `caseSubmitted` when complete)
 *   DELETE /api/cosigning/signatures/{orderRef}                   → 204
 *   POST   /api/cosigning/requests/{requestId}/decline             → CosignRequestView (the applicant is told)
 *
 * Refusals, each with its own problem type and sv/en title: not-for-you (403: this person is not one
 * the case requires — e.g. the guardian of another child; nothing about the case is revealed),
 * invitation-expired (410), invitation-used (409: opened by someone else), invitation-not-found (404:
 * no such token, or one a reinvitation replaced), cosign-request-not-found (404), already-signed (409),
 * declined (409), case-not-awaiting-cosign (409), case-not-copyable (409: only an expired or declined
 * case is copied). A cosigning poll that ends because the case stopped waiting fails with hintCode
 * `cosignClosed`.
 */

export const CosignerStatus = z.enum(['pending', 'signed', 'declined', 'expired']);
export type CosignerStatus = z.infer<typeof CosignerStatus>;

export const Cosigner = z.object({
  requestId: Uuid,
  /** The cosigner's name once known (from the register for a guardian; after their login for a named person). */
  name: z.optional(z.string()),
  /** When the invitation last went, and where, partly hidden: a***@example.se, 070-*** 45 67. */
  invitedAt: z.optional(z.string()),
  sentTo: z.optional(z.string()),
  status: CosignerStatus,
  signedAt: z.optional(z.string()),
});
export type Cosigner = z.infer<typeof Cosigner>;

export const CosignOverview = z.object({
  caseId: Uuid,
  caseNumber: z.optional(CaseNumber),
  serviceId: z.string(),
  serviceTitle: LocalizedText,
  status: z.string(),
  /** ISO time: when the others must have signed by. */
  deadline: z.string(),
  cosigners: z.array(Cosigner),
});
export type CosignOverview = z.infer<typeof CosignOverview>;

export const Reinvite = z.object({
  email: z.optional(z.email({ pattern: EMAIL })),
  phone: z.optional(z.string().check(z.regex(PHONE))),
});
export type Reinvite = z.infer<typeof Reinvite>;

export const OpenInvitation = z.object({ token: storableText().check(z.minLength(20), z.maxLength(200)) });
export type OpenInvitation = z.infer<typeof OpenInvitation>;

/** What a cosigner sees: the answers read-only, who asked, the deadline. */
export const CosignRequestView = z.object({
  requestId: Uuid,
  caseId: Uuid,
  serviceId: z.string(),
  serviceVersion: z.int(),
  serviceTitle: LocalizedText,
  municipality: LocalizedText,
  askedBy: z.string(),
  deadline: z.string(),
  status: CosignerStatus,
  answers: Answers,
  /** The files the answers name: their names, kinds and sizes (an answer holds only their ids). */
  attachments: z.array(CaseAttachment),
  /** The child the case is about, by name (a "Which child?" answer is the personnummer). */
  children: z.optional(z.array(NamedChild)),
  signedAt: z.optional(z.string()),
  /** The applicant has protected personal data: their own contact details (address, phone, e-mail) are left out. */
  contactWithheld: z.optional(z.boolean()),
  /** A company's case, signed jointly: the company the cosigner signs for too. */
  organisation: z.optional(CaseOrganisation),
});
export type CosignRequestView = z.infer<typeof CosignRequestView>;

export const StartCosignRequest = z.object({ method: LoginMethod });
export type StartCosignRequest = z.infer<typeof StartCosignRequest>;

export const StartCosignResponse = z.object({ orderRef: z.string(), autoStartToken: z.optional(z.string()) });
export type StartCosignResponse = z.infer<typeof StartCosignResponse>;

export const CosignSigningState = z.object({
  ...SigningState.shape,
  /** When complete: the request, now signed. */
  request: z.optional(CosignRequestView),
  /** When complete: true when this was the last signature missing, so the case is now sent. */
  caseSubmitted: z.optional(z.boolean()),
  /** When complete: everyone has signed, and the case is sent once the applicant has paid its fee. */
  awaitingPayment: z.optional(z.boolean()),
});
export type CosignSigningState = z.infer<typeof CosignSigningState>;
