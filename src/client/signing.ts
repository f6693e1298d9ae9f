import { IDEMPOTENCY_KEY_HEADER } from '../contract/http.js';
import type { StartSigningRequest } from '../contract/signing.js';
import type { Language } from '../contract/text.js';
import { SigningStateCheck, StartSigningResponseCheck } from './checks/signing.js';
import type { KitClient } from './kit-client.js';

/** Signing a case with the e-ID of the login (src/contract/signing.ts): its order, followed and cancelled. */

const enc = encodeURIComponent;

/** Signs and sends the case (services with signing "sign"); the same key for a retry of the same answers. */
export const startSigning = (client: KitClient, body: StartSigningRequest, idempotencyKey: string) =>
  client.request('api/signatures', StartSigningResponseCheck, {
    method: 'POST',
    lang: body.lang,
    body,
    headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
  });

export const pollSigning = (client: KitClient, orderRef: string, lang: Language) =>
  client.request(`api/signatures/${enc(orderRef)}`, SigningStateCheck, { lang });

export const cancelSigning = (client: KitClient, orderRef: string, lang: Language) =>
  client.request<void>(`api/signatures/${enc(orderRef)}`, null, { method: 'DELETE', lang });
