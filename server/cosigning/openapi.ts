import * as z from 'zod/mini';
import {
  CosignOverview, CosignRequestView, CosignSigningState, OpenInvitation, Reinvite, StartCosignRequest, StartCosignResponse,
} from '../../src/contract/cosign.js';

type ProblemResponse = (description: string) => Record<string, unknown>;

/** Flerpartssignering (src/contract/cosign.ts) in the OpenAPI document: every path needs a session (401 not-logged-in). */
export function cosignOpenApi(problemResponse: ProblemResponse, lang: Record<string, unknown>) {
  const schemas = { CosignOverview, Reinvite, OpenInvitation, CosignRequestView, StartCosignRequest, StartCosignResponse, CosignSigningState };
  const ref = (name: keyof typeof schemas | 'Draft') => ({ $ref: `#/components/schemas/${name}` });
  const json = (name: keyof typeof schemas | 'Draft') => ({ 'application/json': { schema: ref(name) } });
  const path = (name: string, format = 'uuid') => ({ name, in: 'path', required: true, schema: { type: 'string', format } });
  const client = { name: 'X-Requested-With', in: 'header', required: true, schema: { const: 'e-service-kit' } };
  const noSession = problemResponse('not-logged-in: no session (the link alone grants nothing)');
  const caseMissing = problemResponse('case-not-found: no such cosigned case, or not the logged-in citizen\'s (the same answer)');
  const requestMissing = problemResponse('cosign-request-not-found: no such request, or not one this person must sign (the same answer)');
  const closed = problemResponse('already-signed, declined, or case-not-awaiting-cosign');
  const expired = problemResponse('invitation-expired: the deadline has passed');
  return {
    schemas: Object.fromEntries(Object.entries(schemas).map(([name, schema]) => {
      const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
      return [name, json];
    })),
    paths: {
      '/api/my/cases/{caseId}/cosigning': {
        get: {
          operationId: 'getCosignOverview',
          summary: 'The applicant\'s view of a case the others must sign: each cosigner, where the invitation went (partly hidden), who has signed, the deadline',
          parameters: [path('caseId'), lang],
          responses: { 200: { description: 'The overview', content: json('CosignOverview') }, 401: noSession, 404: caseMissing },
        },
      },
      '/api/my/cases/{caseId}/cosigning/{requestId}/invitation': {
        post: {
          operationId: 'reinviteCosigner',
          summary: 'Send the invitation again, to a corrected e-mail address or mobile number if given: a new link, and the old one stops working',
          parameters: [path('caseId'), path('requestId'), client, lang],
          requestBody: { required: true, content: json('Reinvite') },
          responses: {
            200: { description: 'The overview', content: json('CosignOverview') },
            400: problemResponse('invalid-body'),
            401: noSession,
            404: caseMissing,
            409: closed,
            410: expired,
            429: problemResponse('Too many from this address this minute'),
          },
        },
      },
      '/api/my/cases/{caseId}/copy': {
        post: {
          operationId: 'copyCase',
          summary: 'Start again: a draft with the answers of a case that was not signed in time or was declined (files are asked for again)',
          parameters: [path('caseId'), client, lang],
          responses: {
            201: { description: 'The new draft', content: json('Draft') },
            401: noSession,
            404: caseMissing,
            409: problemResponse('case-not-copyable: the case is waiting or was sent'),
          },
        },
      },
      '/api/cosigning/open': {
        post: {
          operationId: 'openInvitation',
          summary: 'Open an invitation\'s link (its token) as the logged-in person; the first person to open it is the only one who may use it',
          parameters: [client, lang],
          requestBody: { required: true, content: json('OpenInvitation') },
          responses: {
            200: { description: 'The request: the answers read-only, who asked, the deadline', content: json('CosignRequestView') },
            400: problemResponse('invalid-body'),
            401: noSession,
            403: problemResponse('not-for-you: not a person the case requires (e.g. the guardian of another child); nothing about the case is said'),
            404: problemResponse('invitation-not-found: no such link, or replaced by a newer invitation'),
            409: problemResponse('invitation-used: opened by someone else'),
            410: expired,
            429: problemResponse('Too many from this address this minute'),
            503: problemResponse('register-unavailable: the population register cannot say who the child\'s guardians are'),
          },
        },
      },
      '/api/cosigning/requests/{requestId}': {
        get: {
          operationId: 'getCosignRequest',
          summary: 'A request this person must sign (also listed in GET /api/my/cases as kind cosignRequest, without the link)',
          parameters: [path('requestId'), lang],
          responses: { 200: { description: 'The request', content: json('CosignRequestView') }, 401: noSession, 404: requestMissing },
        },
      },
      '/api/cosigning/requests/{requestId}/signatures': {
        post: {
          operationId: 'startCosigning',
          summary: 'Start a BankID sign order only this person can complete; BankID shows the e-service, the child, the applicant and the signer',
          description: 'The same Idempotency-Key returns the same order (200), also once signed. A signed request is never signed twice: another key answers 409 already-signed.',
          parameters: [
            path('requestId'),
            { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', minLength: 16, maxLength: 128 } },
            client, lang,
          ],
          requestBody: { required: true, content: json('StartCosignRequest') },
          responses: {
            201: { description: 'The BankID order was started', content: json('StartCosignResponse') },
            200: { description: 'The order this Idempotency-Key started before', content: json('StartCosignResponse') },
            401: noSession,
            403: problemResponse('not-for-you: the register no longer says this person is the child\'s guardian'),
            404: requestMissing,
            409: closed,
            410: expired,
            502: problemResponse('BankID refused the request (errorCode)'),
            503: problemResponse('BankID cannot be used right now (errorCode)'),
          },
        },
      },
      '/api/cosigning/signatures/{orderRef}': {
        get: {
          operationId: 'pollCosigning',
          summary: 'Where a cosigner\'s signing stands; `request` when complete. The last signature sends the case (submitted) and the receipts',
          description: 'hintCode `personMismatch`: someone else signed; `cosignClosed`: the case was declined or expired meanwhile.',
          parameters: [path('orderRef', 'string'), lang],
          responses: { 200: { description: 'The state', content: json('CosignSigningState') }, 404: problemResponse('signing-not-found: no such signing, or not the logged-in person\'s') },
        },
        delete: {
          operationId: 'cancelCosigning',
          summary: 'Cancel the BankID order',
          parameters: [path('orderRef', 'string'), client],
          responses: { 204: { description: 'Cancelled (or already over)' }, 404: problemResponse('signing-not-found') },
        },
      },
      '/api/cosigning/requests/{requestId}/decline': {
        post: {
          operationId: 'declineCosigning',
          summary: 'Decline to sign: the case is not sent (cosignDeclined) and the applicant is told',
          parameters: [path('requestId'), client, lang],
          responses: { 200: { description: 'The request, declined', content: json('CosignRequestView') }, 401: noSession, 404: requestMissing, 409: closed, 410: expired },
        },
      },
    },
  };
}
