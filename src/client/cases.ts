import type { SubmitCaseRequest } from '../contract/cases.js';
import { IDEMPOTENCY_KEY_HEADER, RECEIPT_TOKEN_HEADER } from '../contract/http.js';
import type { Language } from '../contract/text.js';
import { CaseReceiptCheck, SubmitCaseResponseCheck } from './checks/cases.js';
import type { KitClient } from './kit-client.js';

/**
 * Sending a case and reading its receipt (src/contract/cases.ts). Functions rather than KitClient methods, so that
 * only the parts that send carry them and their checks (the form fetches them when the citizen presses Continue).
 */

/** The same key must be sent again when retrying the same answers: the backend then returns the first case. */
export const submitCase = (client: KitClient, body: SubmitCaseRequest, idempotencyKey: string, signal?: AbortSignal) =>
  client.request('api/cases', SubmitCaseResponseCheck, {
    method: 'POST',
    lang: body.lang,
    body,
    headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
    signal,
  });

/** A case's receipt, by the token its sender was given. */
export const getReceipt = (client: KitClient, caseNumber: string, receiptToken: string, lang: Language, signal?: AbortSignal) =>
  client.request(`api/cases/${encodeURIComponent(caseNumber)}/receipt`, CaseReceiptCheck, {
    lang,
    headers: { [RECEIPT_TOKEN_HEADER]: receiptToken },
    signal,
  });
