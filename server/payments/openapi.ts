import * as z from 'zod/mini';
import { PaymentStatus, StartPaymentRequest } from '../../src/contract/payments.js';
import { OfficerRefund, OfficerRefundRequest } from './officer.js';

type ProblemResponse = (description: string) => Record<string, unknown>;

/** Payments (src/contract/payments.ts) in the OpenAPI document: the citizen's routes, the provider's callback, the officer's refunds. */
export function paymentsOpenApi(problemResponse: ProblemResponse, lang: Record<string, unknown>) {
  const schemas = { StartPaymentRequest, PaymentStatus, OfficerRefundRequest, OfficerRefund };
  const ref = (name: keyof typeof schemas) => ({ $ref: `#/components/schemas/${name}` });
  const json = (name: keyof typeof schemas) => ({ 'application/json': { schema: ref(name) } });
  const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  const client = { name: 'X-Requested-With', in: 'header', required: true, schema: { const: 'e-service-kit' } };
  const receiptToken = {
    name: 'X-Receipt-Token', in: 'header', required: false, schema: { type: 'string' },
    description: 'The receipt token of the case (from its submission): how a browser without a login shows the case is its own',
  };
  const missing = problemResponse('case-not-found / payment-not-found: no such case or payment, or neither the session\'s nor the receipt token\'s (the same answer)');
  return {
    schemas: Object.fromEntries(Object.entries(schemas).map(([name, schema]) => {
      const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
      return [name, json];
    })),
    paths: {
      '/api/cases/{caseId}/payments': {
        post: {
          operationId: 'startPayment', tags: ['payments'],
          summary: 'Start paying a case that waits for its payment (awaitingPayment): by card (the provider\'s page, redirectUrl) or Swish (swishToken for this device or a QR code; with payerMobile, to the payer\'s app). The amount is the server\'s own',
          parameters: [path('caseId'), client, receiptToken, lang],
          requestBody: { required: true, content: json('StartPaymentRequest') },
          responses: {
            201: { description: 'The attempt, pending', content: json('PaymentStatus') },
            400: problemResponse('invalid-body; return-url-not-allowed (not a page of ALLOWED_ORIGINS); payer-not-swish'),
            404: missing,
            409: problemResponse('case-paid; nothing-to-pay; payment-method-unavailable'),
            429: problemResponse('Too many from this address this minute'),
            502: problemResponse('payment-provider-unavailable: nothing was charged'),
          },
        },
      },
      '/api/payments/{paymentId}': {
        get: {
          operationId: 'getPayment', tags: ['payments'],
          summary: 'The attempt as the provider has it now (the server asks it while pending): poll every two seconds until it is not pending',
          parameters: [path('paymentId'), receiptToken, lang],
          responses: { 200: { description: 'The attempt', content: json('PaymentStatus') }, 404: missing },
        },
      },
      '/api/payments/{paymentId}/callback': {
        post: {
          operationId: 'paymentCallback', tags: ['payments'],
          summary: 'The payment provider\'s callback. Its body is not believed: the server reads the payment from the provider. Idempotent',
          parameters: [path('paymentId')],
          responses: { 200: { description: 'Settled' }, 404: { description: 'No such payment' }, 503: { description: 'The provider could not be read: call again' } },
        },
      },
      '/api/officer/cases/{caseId}/refunds': {
        post: {
          operationId: 'officerRefund', tags: ['officer'], security: [{ officerToken: [] }], parameters: [path('caseId')],
          summary: 'Give back the whole (no amount) or a part of what the case was paid, in öre, never more than is left',
          requestBody: { required: true, content: json('OfficerRefundRequest') },
          responses: {
            201: { description: 'Refunded', content: json('OfficerRefund') },
            400: problemResponse('invalid-body'),
            401: problemResponse('unauthorized'),
            404: problemResponse('case-not-found'),
            409: problemResponse('case-not-paid; refund-too-large (detail: at most N öre)'),
            502: problemResponse('refund-failed: nothing was given back'),
          },
        },
      },
    },
  };
}
