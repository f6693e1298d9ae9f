import * as z from 'zod/mini';
import { Attachment } from '../src/contract/attachments.js';
import { CaseReceipt, SubmitCaseRequest, SubmitCaseResponse } from '../src/contract/cases.js';
import { ServiceDefinition, ServiceList } from '../src/contract/definition.js';
import { OrderState, SessionState, StartLoginRequest, StartLoginResponse } from '../src/contract/eid.js';
import { PrefillResponse } from '../src/contract/prefill.js';
import { Problem } from '../src/contract/problem.js';
import { officerOpenApi } from './officer/openapi.js';
import { SigningState, StartSigningRequest, StartSigningResponse } from '../src/contract/signing.js';

/** The OpenAPI 3.1 document, generated from the same zod schemas both sides validate with. */
export function openApiDocument(version: string): Record<string, unknown> {
  const schemas = {
    ServiceList,
    ServiceDefinition,
    SubmitCaseRequest,
    SubmitCaseResponse,
    CaseReceipt,
    Attachment,
    Problem,
    StartLoginRequest,
    StartLoginResponse,
    OrderState,
    SessionState,
    StartSigningRequest,
    StartSigningResponse,
    SigningState,
    PrefillResponse,
  };
  const components = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => {
      const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
      return [name, json];
    }),
  );
  const ref = (name: keyof typeof schemas) => ({ $ref: `#/components/schemas/${name}` });
  const json = (name: keyof typeof schemas) => ({ 'application/json': { schema: ref(name) } });
  const problemResponse = (description: string) => ({
    description,
    content: { 'application/problem+json': { schema: ref('Problem') } },
  });
  const lang = { name: 'Accept-Language', in: 'header', schema: { type: 'string' }, description: 'sv (default) or en: the language of problem texts' };

  const officer = officerOpenApi();
  return {
    openapi: '3.1.0',
    info: {
      title: 'e-service-kit backend contract',
      version,
      description: 'What a backend implements so that the e-service-kit widgets can drive it. Errors are RFC 9457 problem details.',
    },
    paths: {
      '/api/services': {
        get: { operationId: 'listServices', summary: 'The e-services, with texts in Swedish and English', responses: { 200: { description: 'The list', content: json('ServiceList') } } },
      },
      '/api/services/{serviceId}': {
        get: {
          operationId: 'getService',
          summary: 'The newest version of one e-service definition',
          parameters: [{ name: 'serviceId', in: 'path', required: true, schema: { type: 'string' } }, lang],
          responses: { 200: { description: 'The definition', content: json('ServiceDefinition') }, 404: problemResponse('No such e-service') },
        },
      },
      '/api/services/{serviceId}/prefill': {
        get: {
          operationId: 'getPrefill',
          summary: 'What the population register says about the logged-in citizen, for one e-service',
          description: 'The answers to its prefilled questions and the children its child questions may list. No address for a person with skyddad folkbokföring or sekretessmarkering; never a child with protected identity. The server checks both again when the case arrives.',
          parameters: [{ name: 'serviceId', in: 'path', required: true, schema: { type: 'string' } }, lang],
          responses: {
            200: { description: 'The register\'s details', content: json('PrefillResponse') },
            401: problemResponse('not-logged-in: no session'),
            404: problemResponse('No such e-service'),
            503: problemResponse('register-unavailable: the population register cannot be reached; try again later'),
          },
        },
      },
      '/api/cases': {
        post: {
          operationId: 'submitCase',
          summary: 'Submit a case',
          description: 'A repeated Idempotency-Key with the same body returns the first case (200); with another body it is refused (422).',
          parameters: [
            { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', minLength: 16, maxLength: 128 } },
            { name: 'X-Requested-With', in: 'header', required: true, schema: { const: 'e-service-kit' } },
            lang,
          ],
          requestBody: { required: true, content: json('SubmitCaseRequest') },
          responses: {
            201: { description: 'The case was created', content: json('SubmitCaseResponse') },
            200: { description: 'The case this Idempotency-Key created before', content: json('SubmitCaseResponse') },
            400: problemResponse('The body or the answers are not valid; `errors` names each field'),
            401: problemResponse('login-required: the e-service requires login and there is no session'),
            403: problemResponse('The Origin is not allowed or the X-Requested-With header is missing'),
            404: problemResponse('No such e-service version'),
            409: problemResponse('signing-required: the e-service must be signed (POST /api/signatures)'),
            413: problemResponse('The body is too large'),
            422: problemResponse('The Idempotency-Key was used for another body'),
            429: problemResponse('Too many cases from this address this minute (RATE_LIMIT_CASES_PER_MINUTE)'),
          },
        },
      },
      '/api/signatures': {
        post: {
          operationId: 'startSigning',
          summary: 'Check the answers and start a BankID sign order that only the logged-in citizen can complete',
          description: 'Needs a session. The answers are checked exactly as for POST /api/cases before BankID is asked. The same Idempotency-Key with the same body returns the pending order (200, no second BankID order), or the case once it is signed (200 with `result`); after a failed or cancelled signing it starts a new order. BankID errors come as problem+json with BankID\'s `errorCode`.',
          parameters: [
            { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', minLength: 16, maxLength: 128 } },
            { name: 'X-Requested-With', in: 'header', required: true, schema: { const: 'e-service-kit' } },
            lang,
          ],
          requestBody: { required: true, content: json('StartSigningRequest') },
          responses: {
            201: { description: 'The BankID order was started', content: json('StartSigningResponse') },
            200: { description: 'The order (or the case) this Idempotency-Key started before', content: json('StartSigningResponse') },
            400: problemResponse('The body or the answers are not valid; `errors` names each field'),
            401: problemResponse('login-required: not logged in'),
            403: problemResponse('The Origin is not allowed or the X-Requested-With header is missing'),
            404: problemResponse('No such e-service version'),
            409: problemResponse('signing-not-used (the e-service is sent without signing), or errorCode alreadyInProgress'),
            422: problemResponse('The Idempotency-Key was used for another body'),
            429: problemResponse('Too many from this address this minute (RATE_LIMIT_CASES_PER_MINUTE)'),
            502: problemResponse('BankID refused the request (errorCode)'),
            503: problemResponse('BankID cannot be used right now (errorCode requestTimeout, maintenance or internalError)'),
          },
        },
      },
      '/api/signatures/{orderRef}': {
        get: {
          operationId: 'pollSigning',
          summary: 'Where a signing stands, about once a second; the current QR code while pending on another device; the case when complete',
          description: 'The poll that sees BankID complete makes the case (exactly one) with the signature stored beside it; `result` is then the same as POST /api/cases answers. hintCode `personMismatch`: someone other than the logged-in citizen signed, and no case was made.',
          parameters: [{ name: 'orderRef', in: 'path', required: true, schema: { type: 'string' } }, lang],
          responses: {
            200: { description: 'The state', content: json('SigningState') },
            400: problemResponse('An attachment the answers name is no longer there (`errors`)'),
            404: problemResponse('No such signing, or it is not the logged-in citizen\'s'),
            502: problemResponse('BankID refused the request (errorCode)'),
            503: problemResponse('BankID cannot be used right now (errorCode)'),
          },
        },
        delete: {
          operationId: 'cancelSigning',
          summary: 'Cancel a signing (its BankID order)',
          parameters: [
            { name: 'orderRef', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'X-Requested-With', in: 'header', required: true, schema: { const: 'e-service-kit' } },
          ],
          responses: { 204: { description: 'Cancelled (or already over)' }, 404: problemResponse('No such signing, or it is not the logged-in citizen\'s') },
        },
      },
      '/api/attachments': {
        post: {
          operationId: 'uploadAttachment',
          summary: 'Upload one file for a file question while filling in',
          description: 'multipart/form-data with one part named `file`. The type is read from the bytes, not the name. Unclaimed uploads are deleted after UNCLAIMED_ATTACHMENT_HOURS.',
          parameters: [
            { name: 'serviceId', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'fieldId', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'X-Requested-With', in: 'header', required: true, schema: { const: 'e-service-kit' } },
            lang,
          ],
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } },
          responses: {
            201: { description: 'Stored, not yet part of a case', content: json('Attachment') },
            400: problemResponse('No file, an empty file, or not a file question'),
            401: problemResponse('login-required: the e-service requires login and there is no session'),
            404: problemResponse('No such e-service'),
            413: problemResponse('The file is larger than the question allows'),
            415: problemResponse('The file is not of a type the question accepts'),
            429: problemResponse('Too many uploads from this address this minute (RATE_LIMIT_UPLOADS_PER_MINUTE)'),
          },
        },
      },
      '/api/attachments/{id}': {
        delete: {
          operationId: 'deleteAttachment',
          summary: 'Remove an upload no case has claimed',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { 204: { description: 'Removed' }, 404: problemResponse('No such upload'), 409: problemResponse('A case has claimed it') },
        },
      },
      '/api/cases/{caseNumber}/receipt': {
        get: {
          operationId: 'getReceipt',
          summary: 'The receipt of a case, for the holder of its receipt token',
          parameters: [
            { name: 'caseNumber', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'X-Receipt-Token', in: 'header', required: true, schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'The receipt', content: json('CaseReceipt') }, 404: problemResponse('No such case, or the token does not match') },
        },
      },
      '/api/eid/login': {
        post: {
          operationId: 'startLogin',
          summary: 'Start a BankID login: on this device (autoStartToken) or another device (QR code)',
          description: 'Sets the short-lived HttpOnly cookie esk_eid that binds the order to this browser: only it can poll or cancel the order. BankID errors come as problem+json with BankID\'s `errorCode` as an extension member.',
          parameters: [{ name: 'X-Requested-With', in: 'header', required: true, schema: { const: 'e-service-kit' } }, lang],
          requestBody: { required: true, content: json('StartLoginRequest') },
          responses: {
            200: { description: 'The order was started', content: json('StartLoginResponse') },
            400: problemResponse('The body is not valid'),
            403: problemResponse('The Origin is not allowed or the X-Requested-With header is missing'),
            409: problemResponse('errorCode alreadyInProgress: a login or signing is already in progress'),
            502: problemResponse('BankID refused the request (errorCode)'),
            503: problemResponse('BankID cannot be used right now (errorCode requestTimeout, maintenance or internalError)'),
          },
        },
      },
      '/api/eid/orders/{orderRef}': {
        get: {
          operationId: 'pollLogin',
          summary: 'Where a login order stands, about once a second; the current QR code while pending on another device',
          description: 'When complete, the session cookie esk_session (HttpOnly, SameSite=Lax, Path=/api) is set with this answer.',
          parameters: [{ name: 'orderRef', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: { description: 'The state', content: json('OrderState') },
            404: problemResponse('No such order, or another browser started it'),
            502: problemResponse('BankID refused the request (errorCode)'),
            503: problemResponse('BankID cannot be used right now (errorCode)'),
          },
        },
        delete: {
          operationId: 'cancelLogin',
          summary: 'Cancel a login order',
          parameters: [
            { name: 'orderRef', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'X-Requested-With', in: 'header', required: true, schema: { const: 'e-service-kit' } },
          ],
          responses: { 204: { description: 'Cancelled (or already over)' }, 404: problemResponse('No such order, or another browser started it') },
        },
      },
      '/api/session': {
        get: {
          operationId: 'getSession',
          summary: 'Whether the citizen is logged in, who, and when the session ends (does not count as activity)',
          responses: { 200: { description: 'The session', content: json('SessionState') } },
        },
        delete: {
          operationId: 'logOut',
          summary: 'Log out: ends the server session and clears the cookie',
          parameters: [{ name: 'X-Requested-With', in: 'header', required: true, schema: { const: 'e-service-kit' } }],
          responses: { 204: { description: 'Logged out' }, 403: problemResponse('The Origin is not allowed or the X-Requested-With header is missing') },
        },
      },
      '/api/session/refresh': {
        post: {
          operationId: 'refreshSession',
          summary: '"Fortsätt vara inloggad": moves the idle expiry forward (never past the absolute one)',
          parameters: [{ name: 'X-Requested-With', in: 'header', required: true, schema: { const: 'e-service-kit' } }, lang],
          responses: {
            200: { description: 'The session', content: json('SessionState') },
            401: problemResponse('Not logged in, or the session has ended'),
            403: problemResponse('The Origin is not allowed or the X-Requested-With header is missing'),
          },
        },
      },
      ...officer.paths,
    },
    components: { schemas: { ...components, ...officer.schemas }, securitySchemes: officer.securitySchemes },
  };
}
