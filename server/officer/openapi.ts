import * as z from 'zod/mini';
import { Message } from '../../src/contract/my-pages.js';
import { PDF_LANGUAGE, PDF_RESPONSE } from '../documents/openapi.js';
import { OfficerCaseDetails, OfficerCaseList, OfficerListStatus, OfficerMessageRequest, OfficerStatusRequest } from './schemas.js';

/** The officer API's part of GET /api/openapi.json: its paths and the schemas they name. */
export function officerOpenApi(): { paths: Record<string, unknown>; schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> } {
  const named = { OfficerCaseList, OfficerCaseDetails, OfficerStatusRequest, OfficerMessageRequest, OfficerMessage: Message };
  const schemas = Object.fromEntries(Object.entries(named).map(([name, schema]) => {
    const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
    return [name, json];
  }));
  const ref = (name: keyof typeof named) => ({ $ref: `#/components/schemas/${name}` });
  const json = (name: keyof typeof named) => ({ 'application/json': { schema: ref(name) } });
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
  const security = [{ officerToken: [] }];
  const caseId = { name: 'caseId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const common = {
    401: problem('officer-unauthorized: no token, or not a token of any municipality'),
  };
  const notFound = problem("case-not-found: no such case, one not sent yet (awaiting a cosigner), or another municipality's (the same answer)");
  return {
    securitySchemes: { officerToken: { type: 'http', scheme: 'bearer', description: 'A token of one municipality (OFFICER_TOKENS)' } },
    schemas,
    paths: {
      '/api/officer/cases': {
        get: {
          operationId: 'officerListCases', tags: ['officer'], security,
          summary: "The municipality's sent cases, newest first (never drafts, never those awaiting a cosigner)",
          parameters: [
            { name: 'status', in: 'query', schema: { type: 'string', enum: OfficerListStatus.options } },
            { name: 'since', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'Sent at or after this moment' },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'nextCursor of the previous page' },
          ],
          responses: { 200: { description: 'The cases', content: json('OfficerCaseList') }, 400: problem('invalid-body: a bad query'), ...common },
        },
      },
      '/api/officer/cases/{caseId}': {
        get: {
          operationId: 'officerGetCase', tags: ['officer'], security, parameters: [caseId],
          summary: 'One case: answers, applicant, attachments, signatures, status history and messages',
          responses: { 200: { description: 'The case', content: json('OfficerCaseDetails') }, ...common, 404: notFound },
        },
      },
      '/api/officer/cases/{caseId}/attachments/{attachmentId}': {
        get: {
          operationId: 'officerGetAttachment', tags: ['officer'], security,
          parameters: [caseId, { name: 'attachmentId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          summary: "The bytes of one of the case's files (Content-Disposition: attachment)",
          responses: { 200: { description: 'The file' }, ...common, 404: problem('attachment-not-found') },
        },
      },
      '/api/officer/cases/{caseId}/pdf': {
        get: {
          operationId: 'officerGetCasePdf', tags: ['officer'], security, parameters: [caseId, PDF_LANGUAGE],
          summary: 'The case as a PDF to archive (tagged PDF/A-2a), each question under its summaryLabel (Content-Disposition: attachment)',
          responses: { 200: PDF_RESPONSE, 400: problem('invalid-query: lang is neither sv nor en'), ...common, 404: notFound },
        },
      },
      '/api/officer/cases/{caseId}/status': {
        post: {
          operationId: 'officerChangeStatus', tags: ['officer'], security, parameters: [caseId],
          summary: 'Set the status (inProgress, awaitingSupplement, closed); a note goes to the citizen as a message',
          requestBody: { required: true, content: json('OfficerStatusRequest') },
          responses: {
            200: { description: 'The case after the change', content: json('OfficerCaseDetails') },
            400: problem('invalid-body'), ...common, 404: notFound,
            409: problem('case-closed: nothing follows closed; invalid-status-change'),
          },
        },
      },
      '/api/officer/cases/{caseId}/messages': {
        post: {
          operationId: 'officerSendMessage', tags: ['officer'], security, parameters: [caseId],
          summary: 'A message to the citizen; they are told by e-mail or SMS that there is one, never what it says',
          requestBody: { required: true, content: json('OfficerMessageRequest') },
          responses: { 201: { description: 'The message', content: json('OfficerMessage') }, 400: problem('invalid-body'), ...common, 404: notFound },
        },
      },
    },
  };
}
