import * as z from 'zod/mini';
import { Attachment } from '../src/contract/attachments.js';
import { CaseReceipt, SubmitCaseRequest, SubmitCaseResponse } from '../src/contract/cases.js';
import { ServiceDefinition, ServiceList } from '../src/contract/definition.js';
import { LoginMethods, OrderState, SessionState, StartBrokerLoginRequest, StartBrokerLoginResponse, StartLoginRequest, StartLoginResponse } from '../src/contract/eid.js';
import { PrefillResponse } from '../src/contract/prefill.js';
import { Problem } from '../src/contract/problem.js';
import { companiesOpenApi } from './companies/openapi.js';
import { cosignOpenApi } from './cosigning/openapi.js';
import { PDF_LANGUAGE, PDF_RESPONSE } from './documents/openapi.js';
import { officerOpenApi } from './officer/openapi.js';
import { paymentsOpenApi } from './payments/openapi.js';
import { CaseDetails, Draft, Message, MessageList, MyCases, Profile, SaveDraftRequest, SendMessageRequest } from '../src/contract/my-pages.js';
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
    StartBrokerLoginRequest,
    StartBrokerLoginResponse,
    LoginMethods,
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
  const myPages = myPagesOpenApi(problemResponse, lang);
  const cosign = cosignOpenApi(problemResponse, lang);
  const payments = paymentsOpenApi(problemResponse, lang);
  const companies = companiesOpenApi(problemResponse, lang);
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
          summary: 'The newest version of one e-service definition, or the version asked for',
          parameters: [
            { name: 'serviceId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'version', in: 'query', required: false, description: 'A version a case or draft was filled against', schema: { type: 'integer', minimum: 1 } },
            lang,
          ],
          responses: {
            200: { description: 'The definition', content: json('ServiceDefinition') },
            400: problemResponse('version is not a whole number from 1'),
            404: problemResponse('No such e-service, or no such version of it'),
          },
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
            { name: 'serviceId', in: 'query', required: false, schema: { type: 'string' }, description: 'With fieldId: a file for a question while filling in' },
            { name: 'fieldId', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'messageFor', in: 'query', required: false, schema: { type: 'string', format: 'uuid' }, description: 'Instead of serviceId/fieldId: a file for a message on the logged-in citizen\'s own case (PDF, JPG or PNG, 10 MB); 401 not-logged-in, 404 case-not-found, 409 case-not-sent (a case not sent to the municipality)' },
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
      '/api/cases/{caseNumber}/pdf': {
        get: {
          operationId: 'getCasePdf',
          summary: 'The sent case as a PDF (tagged PDF/A-2a), for the holder of its receipt token: its answers, files, signatures and payment',
          description: 'Content-Disposition: attachment; filename="<case number>.pdf", Cache-Control: no-store. In the case\'s own language unless `lang` asks for the other.',
          parameters: [
            { name: 'caseNumber', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'X-Receipt-Token', in: 'header', required: true, schema: { type: 'string' } },
            PDF_LANGUAGE,
            lang,
          ],
          responses: {
            200: PDF_RESPONSE,
            400: problemResponse('invalid-query: lang is neither sv nor en'),
            404: problemResponse('No such case, or the token does not match'),
            409: problemResponse('case-not-sent: the case waits for its payment or for a cosigner, or was never sent'),
            429: problemResponse('Too many from this address in a minute (the limit of sending cases)'),
          },
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
      '/api/eid/methods': {
        get: {
          operationId: 'getLoginMethods',
          summary: 'The ways to log in this deployment offers: BankID, and the e-IDs of its e-ID broker (OIDC_EIDS), in the order to offer them',
          responses: { 200: { description: 'The ways to log in', content: json('LoginMethods') } },
        },
      },
      '/api/eid/oidc/login': {
        post: {
          operationId: 'startBrokerLogin',
          summary: 'Start a login through the e-ID broker (OpenID Connect: code flow with PKCE, state and nonce) with Freja eID, Telia or eIDAS',
          description: 'Sets the short-lived HttpOnly cookie esk_eid that binds the login to this browser. Send the citizen to authorizationUrl; they come back through /api/eid/oidc/callback to returnUrl with esk-login=done, cancelled, failed or noPersonalNumber.',
          parameters: [{ name: 'X-Requested-With', in: 'header', required: true, schema: { const: 'e-service-kit' } }, lang],
          requestBody: { required: true, content: json('StartBrokerLoginRequest') },
          responses: {
            200: { description: 'The broker\'s page to send the citizen to', content: json('StartBrokerLoginResponse') },
            400: problemResponse('invalid-body; eid-not-offered (not in OIDC_EIDS); return-url-not-allowed (not a page of ALLOWED_ORIGINS)'),
            503: problemResponse('eid-broker-unavailable: the broker could not be reached'),
          },
        },
      },
      '/api/eid/broker/login': {
        post: {
          operationId: 'startBrokerLoginAnyProtocol',
          summary: 'Start a login through the e-ID broker with Freja eID, Telia or eIDAS, whichever protocol speaks to it (EID_BROKER): the same as /api/eid/oidc/login',
          description: 'Sets the short-lived HttpOnly cookie esk_eid that binds the login to this browser. Send the citizen to authorizationUrl: the broker\'s page (OpenID Connect), or the SAML IdP\'s with a signed AuthnRequest (EID_BROKER=saml). They come back to returnUrl with esk-login=done, cancelled, failed or noPersonalNumber.',
          parameters: [{ name: 'X-Requested-With', in: 'header', required: true, schema: { const: 'e-service-kit' } }, lang],
          requestBody: { required: true, content: json('StartBrokerLoginRequest') },
          responses: {
            200: { description: 'The broker\'s page to send the citizen to', content: json('StartBrokerLoginResponse') },
            400: problemResponse('invalid-body; eid-not-offered (not in OIDC_EIDS); return-url-not-allowed (not a page of ALLOWED_ORIGINS)'),
            503: problemResponse('eid-broker-unavailable: the broker could not be reached'),
          },
        },
      },
      '/api/eid/oidc/jwks.json': {
        get: {
          operationId: 'brokerClientJwks',
          summary: 'This server\'s public key as the e-ID broker\'s client (OIDC_CLIENT_PRIVATE_KEY, private_key_jwt), for the broker to register: a JWK Set',
          description: 'The public key with kid, alg (RS256 or ES256) and use "sig", never its private parts; no keys when the client proves itself with OIDC_CLIENT_SECRET.',
          responses: {
            200: {
              description: 'A JWK Set (RFC 7517)',
              content: { 'application/json': { schema: { type: 'object', required: ['keys'], properties: { keys: { type: 'array', items: { type: 'object', required: ['kty', 'kid', 'alg', 'use'] } } } } } },
            },
          },
        },
      },
      '/api/eid/oidc/callback': {
        get: {
          operationId: 'brokerCallback',
          summary: 'The broker sends the citizen back here (OIDC_REDIRECT_URI): the code is exchanged and the ID token checked, the session made, and the browser sent on to the page it came from',
          responses: {
            303: { description: 'To returnUrl with esk-login=done (logged in: the esk_session cookie), cancelled, failed or noPersonalNumber' },
            400: { description: 'An answer for a login this browser did not start, one already used, or one too old: nothing is made (an HTML page)' },
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
      ...myPages.paths,
      ...cosign.paths,
      ...payments.paths,
      ...companies.paths,
    },
    components: { schemas: { ...components, ...officer.schemas, ...myPages.schemas, ...cosign.schemas, ...payments.schemas, ...companies.schemas }, securitySchemes: officer.securitySchemes },
  };
}

type ProblemResponse = (description: string) => Record<string, unknown>;


/** Mina sidor (src/contract/my-pages.ts): /api/drafts* and /api/my/*. Every one needs a session (401 not-logged-in). */
function myPagesOpenApi(problemResponse: ProblemResponse, lang: Record<string, unknown>) {
  const schemas = { SaveDraftRequest, Draft, MyCases, CaseDetails, Message, MessageList, SendMessageRequest, Profile };
  const ref = (name: keyof typeof schemas) => ({ $ref: `#/components/schemas/${name}` });
  const json = (name: keyof typeof schemas) => ({ 'application/json': { schema: ref(name) } });
  const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  const client = { name: 'X-Requested-With', in: 'header', required: true, schema: { const: 'e-service-kit' } };
  const noSession = problemResponse('not-logged-in: no session');
  const draftMissing = problemResponse('draft-not-found: no such draft, or not the logged-in citizen\'s (the same answer)');
  const caseMissing = problemResponse('case-not-found: no such case, or not the logged-in citizen\'s (the same answer)');
  return {
    schemas: Object.fromEntries(Object.entries(schemas).map(([name, schema]) => {
      const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
      return [name, json];
    })),
    paths: {
      '/api/drafts': {
        post: {
          operationId: 'createDraft',
          summary: 'Save a new draft (version 1) for an e-service with login "required" or "optional"',
          description: 'The answers are not checked as complete, but must name only questions of the definition. Kept retention.draftDays after the last save.',
          parameters: [client, lang],
          requestBody: { required: true, content: json('SaveDraftRequest') },
          responses: {
            201: { description: 'The draft', content: json('Draft') },
            400: problemResponse('invalid-body, or validation: an answer to a question the e-service does not ask, an unknown step'),
            401: noSession,
            404: problemResponse('service-not-found'),
            409: problemResponse('drafts-not-used (login "none"), or already-used (one case per person, with `caseId`)'),
          },
        },
      },
      '/api/drafts/{draftId}': {
        get: { operationId: 'getDraft', summary: 'One of the citizen\'s drafts', parameters: [path('draftId'), lang], responses: { 200: { description: 'The draft', content: json('Draft') }, 401: noSession, 404: draftMissing } },
        put: {
          operationId: 'saveDraft',
          summary: 'Save a draft on top of the version read (`version`): the version rises by one',
          parameters: [path('draftId'), client, lang],
          requestBody: { required: true, content: json('SaveDraftRequest') },
          responses: {
            200: { description: 'The draft as saved', content: json('Draft') },
            400: problemResponse('invalid-body (no version), validation'),
            401: noSession,
            404: draftMissing,
            409: problemResponse('draft-conflict: saved elsewhere since (another tab); nothing was overwritten; `currentVersion` is the stored one'),
          },
        },
        delete: { operationId: 'deleteDraft', summary: 'Delete a draft', parameters: [path('draftId'), client], responses: { 204: { description: 'Deleted' }, 401: noSession, 404: draftMissing } },
      },
      '/api/my/cases': {
        get: {
          operationId: 'listMyCases',
          summary: 'The citizen\'s drafts and cases in every municipality, newest change first',
          parameters: [
            { name: 'cursor', in: 'query', required: false, schema: { type: 'string' }, description: 'nextCursor of the previous page' },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
            lang,
          ],
          responses: { 200: { description: 'One page', content: json('MyCases') }, 400: problemResponse('invalid-query: a malformed cursor or limit'), 401: noSession },
        },
      },
      '/api/my/cases/{caseId}': {
        get: { operationId: 'getMyCase', summary: 'A case\'s answers, files, the children they name, signatures and status history', parameters: [path('caseId'), lang], responses: { 200: { description: 'The case', content: json('CaseDetails') }, 401: noSession, 404: caseMissing } },
      },
      '/api/my/cases/{caseId}/receipt': {
        get: {
          operationId: 'getMyReceipt',
          summary: 'The receipt of a case the logged-in citizen sent, by id: how a case that waits for its payment (awaitingPayment) is paid later from Mina sidor, without the receipt token',
          parameters: [path('caseId'), lang],
          responses: { 200: { description: 'The receipt (its payment due or paid)', content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseReceipt' } } } }, 401: noSession, 404: caseMissing },
        },
      },
      '/api/my/cases/{caseId}/pdf': {
        get: {
          operationId: 'getMyCasePdf',
          summary: 'The citizen\'s own sent case as a PDF (tagged PDF/A-2a): answers, files, signatures and payment',
          description: 'Content-Disposition: attachment; filename="<case number>.pdf", Cache-Control: no-store. In the case\'s own language unless `lang` asks for the other.',
          parameters: [path('caseId'), PDF_LANGUAGE, lang],
          responses: {
            200: PDF_RESPONSE, 400: problemResponse('invalid-query: lang is neither sv nor en'), 401: noSession, 404: caseMissing,
            409: problemResponse('case-not-sent: the case waits for its payment or for a cosigner, or was never sent'),
          },
        },
      },
      '/api/my/cases/{caseId}/attachments/{attachmentId}': {
        get: {
          operationId: 'downloadMyAttachment',
          summary: 'A file of the case (an answer\'s or a message\'s): its bytes, Content-Disposition attachment, Cache-Control no-store, nosniff',
          parameters: [path('caseId'), path('attachmentId'), lang],
          responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, 401: noSession, 404: caseMissing },
        },
      },
      '/api/my/cases/{caseId}/messages': {
        get: { operationId: 'listMessages', summary: 'The messages of a case, oldest first', parameters: [path('caseId'), lang], responses: { 200: { description: 'The messages', content: json('MessageList') }, 401: noSession, 404: caseMissing } },
        post: {
          operationId: 'sendMessage',
          summary: 'A message from the citizen to the case officer (also on a closed case)',
          description: 'Files are uploaded first with POST /api/attachments?messageFor={caseId}; at most 5.',
          parameters: [path('caseId'), client, lang],
          requestBody: { required: true, content: json('SendMessageRequest') },
          responses: {
            201: { description: 'The message', content: json('Message') },
            400: problemResponse('invalid-body, or validation (attachmentIds: attachmentMissing)'),
            401: noSession,
            404: caseMissing,
            409: problemResponse('case-not-sent: the case waits for a cosigner or was never sent (awaitingCosign, cosignExpired, cosignDeclined), so the municipality cannot read a message'),
          },
        },
      },
      '/api/my/cases/{caseId}/messages/read': {
        post: { operationId: 'markMessagesRead', summary: 'Mark every message from the case officer read', parameters: [path('caseId'), client], responses: { 204: { description: 'Read' }, 401: noSession, 404: caseMissing } },
      },
      '/api/my/profile': {
        get: { operationId: 'getProfile', summary: 'How the citizen wants to hear about news', parameters: [lang], responses: { 200: { description: 'The profile', content: json('Profile') }, 401: noSession } },
        put: {
          operationId: 'saveProfile',
          summary: 'Save the profile',
          parameters: [client, lang],
          requestBody: { required: true, content: json('Profile') },
          responses: { 200: { description: 'The profile', content: json('Profile') }, 400: problemResponse('validation: `errors` per field'), 401: noSession },
        },
      },
      '/api/my/export': {
        get: {
          operationId: 'exportMyData',
          summary: 'Everything stored about the citizen (registerutdrag): profile, drafts, cases with answers, statuses, messages, file metadata, signatures',
          parameters: [lang],
          responses: { 200: { description: 'JSON, as a download (registerutdrag.json)', content: { 'application/json': { schema: { type: 'object' } } } }, 401: noSession },
        },
      },
    },
  };
}
