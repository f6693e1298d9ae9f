import { RECEIPT_TOKEN_HEADER } from '../contract/http.js';
import { getReceipt } from './cases.js';
import type { StartPaymentRequest } from '../contract/payments.js';
import type { Language } from '../contract/text.js';
import { CaseReceiptCheck } from './checks/cases.js';
import { PaymentStatusCheck } from './checks/payments.js';
import type { KitClient } from './kit-client.js';

/**
 * Paying for a case over the contract in src/contract/payments.ts, authorised as the receipt is: by the
 * receipt token the submit answered with (or the session of a logged-in citizen). Functions rather than
 * KitClient methods, as Mina sidor's are (my-pages.ts): only the e-services that charge fetch them, with
 * their check, and every other page — and `<eid-login>` — carries neither.
 */

const enc = encodeURIComponent;

/** The receipt token as the header that proves the case is this browser's; none for a case paid from Mina sidor. */
const proof = (receiptToken: string | undefined): Record<string, string> => (receiptToken ? { [RECEIPT_TOKEN_HEADER]: receiptToken } : {});

/** A new attempt to pay a case that waits for its payment: 201 with the attempt, or a ProblemError. */
export const startPayment = (client: KitClient, caseId: string, body: StartPaymentRequest, receiptToken: string | undefined, lang: Language, signal?: AbortSignal) =>
  client.request(`api/cases/${enc(caseId)}/payments`, PaymentStatusCheck, {
    method: 'POST',
    body,
    lang,
    headers: proof(receiptToken),
    signal,
  });

/** An attempt as it stands: the backend asks the provider first while it is pending. */
export const getPayment = (client: KitClient, paymentId: string, receiptToken: string | undefined, lang: Language, signal?: AbortSignal) =>
  client.request(`api/payments/${enc(paymentId)}`, PaymentStatusCheck, { lang, headers: proof(receiptToken), signal });

/**
 * The receipt of a case: by its token when this browser sent it, else the logged-in citizen's own case by id
 * (Mina sidor's "Betala", in another tab or days later). 401 without a session, 404 for anyone else's case.
 */
export const getCaseReceipt = (client: KitClient, receipt: { caseId: string; caseNumber: string }, receiptToken: string | undefined, lang: Language, signal?: AbortSignal) =>
  receiptToken
    ? getReceipt(client, receipt.caseNumber, receiptToken, lang, signal)
    : client.request(`api/my/cases/${enc(receipt.caseId)}/receipt`, CaseReceiptCheck, { lang, signal });
