import { IDEMPOTENCY_KEY_HEADER } from '../contract/http.js';
import type { Reinvite } from '../contract/cosign.js';
import { CosignOverviewCheck, CosignRequestViewCheck, CosignSigningStateCheck, StartCosignResponseCheck } from './checks/cosign.js';
import type { LoginMethod } from '../contract/eid.js';
import { DraftCheck } from './checks/my-pages.js';
import type { Language } from '../contract/text.js';
import { ProblemError } from './errors.js';
import type { KitClient } from './kit-client.js';

/**
 * Flerpartssignering over the contract in src/contract/cosign.ts: the applicant's overview,
 * reinvitations and starting again from a copy; a cosigner's invitation, request, signing and
 * decline. Functions rather than KitClient methods, so that only <cosign-status> bundles them.
 */

const enc = encodeURIComponent;
const mine = (caseId: string) => `api/my/cases/${enc(caseId)}`;
const request = (requestId: string) => `api/cosigning/requests/${enc(requestId)}`;
const signature = (orderRef: string) => `api/cosigning/signatures/${enc(orderRef)}`;

// --- the applicant ----------------------------------------------------------------------

export const getCosignOverview = (client: KitClient, caseId: string, lang: Language, signal?: AbortSignal) =>
  client.request(`${mine(caseId)}/cosigning`, CosignOverviewCheck, { lang, signal });

/** Sends the invitation again; with `email` or `phone`, to that address instead. */
export const reinvite = (client: KitClient, caseId: string, requestId: string, body: Reinvite, lang: Language) =>
  client.request(`${mine(caseId)}/cosigning/${enc(requestId)}/invitation`, CosignOverviewCheck, { method: 'POST', body, lang });

/** A new draft with the answers of a case that was not signed in time, or was declined. */
export const copyCase = (client: KitClient, caseId: string, lang: Language) =>
  client.request(`${mine(caseId)}/copy`, DraftCheck, { method: 'POST', lang });

// --- a cosigner -------------------------------------------------------------------------

/** Opens the invitation a link carried: the logged-in person must be one the case requires. */
export const openInvitation = (client: KitClient, token: string, lang: Language, signal?: AbortSignal) =>
  client.request('api/cosigning/open', CosignRequestViewCheck, { method: 'POST', body: { token }, lang, signal });

export const getCosignRequest = (client: KitClient, requestId: string, lang: Language, signal?: AbortSignal) =>
  client.request(request(requestId), CosignRequestViewCheck, { lang, signal });

/** A new BankID sign order; the key makes a retried request the same order. */
export const startCosigning = (client: KitClient, requestId: string, method: LoginMethod, idempotencyKey: string, lang: Language) =>
  client.request(`${request(requestId)}/signatures`, StartCosignResponseCheck, {
    method: 'POST',
    body: { method },
    headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
    lang,
  });

export const pollCosigning = (client: KitClient, orderRef: string, lang: Language) =>
  client.request(signature(orderRef), CosignSigningStateCheck, { lang });

export const cancelCosigning = (client: KitClient, orderRef: string, lang: Language) =>
  client.request<void>(signature(orderRef), null, { method: 'DELETE', lang });

export const declineCosigning = (client: KitClient, requestId: string, lang: Language) =>
  client.request(`${request(requestId)}/decline`, CosignRequestViewCheck, { method: 'POST', lang });

/** The refusals a cosigner may meet, each with its own problem type (…/problems/<code>). */
export const COSIGN_REFUSALS = [
  'not-for-you', 'invitation-expired', 'invitation-used', 'already-signed', 'declined', 'case-not-awaiting-cosign',
] as const;
export type CosignRefusal = (typeof COSIGN_REFUSALS)[number];

/** Which refusal an error is, by its problem type's last segment; undefined for any other error. */
export function cosignRefusal(error: unknown): CosignRefusal | undefined {
  if (!(error instanceof ProblemError)) return undefined;
  const code = error.problem.type.split('/').pop();
  return COSIGN_REFUSALS.find((refusal) => refusal === code);
}
