import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RECEIPT_TOKEN_HEADER } from '../../src/contract/cases.js';
import { StartPaymentRequest } from '../../src/contract/payments.js';
import { parseBody } from '../http/body.js';
import { requestLanguage } from '../http/language.js';
import { perMinute } from '../http/rate-limit.js';
import { checkReturnUrl, ownOrigin } from '../http/security.js';
import { problem, ProblemError } from '../problem.js';
import type { CaseAccess } from './access.js';
import { PaymentProviderError } from './provider.js';
import type { PaymentService } from './service.js';

/**
 * The payment routes (src/contract/payments.ts): the citizen's browser starts and follows a payment of its
 * own case (its session, or the receipt token of the case it sent); the provider calls back.
 */
export function paymentRoutes(app: FastifyInstance, options: { payments: PaymentService; allowedOrigins: string[]; perMinute: number }): void {
  const { payments } = options;
  const allowed = new Set(options.allowedOrigins);

  app.post<{ Params: { caseId: string } }>('/api/cases/:caseId/payments', { config: perMinute(options.perMinute) }, async (request, reply) => {
    const lang = requestLanguage(request);
    const body = parseBody(StartPaymentRequest, request.body, lang);
    checkReturnUrl(request, body.returnUrl, allowed, lang);
    const userAgent = request.headers['user-agent'];
    const status = await payments.start(request.params.caseId, access(request), body, ownOrigin(request), lang, typeof userAgent === 'string' ? userAgent.slice(0, 300) : undefined);
    request.log.info({ paymentId: status.paymentId, caseId: status.caseId, method: status.method }, 'payment started');
    return reply.code(201).send(status);
  });

  app.get<{ Params: { paymentId: string } }>('/api/payments/:paymentId', async (request) => {
    const lang = requestLanguage(request);
    if (!UUID_LIKE.test(request.params.paymentId)) throw new ProblemError(problem(404, 'payment-not-found', lang === 'en' ? 'The payment was not found' : 'Betalningen finns inte'));
    return payments.status(request.params.paymentId, access(request), lang);
  });

  // The provider's word that something happened. What it says is not believed: the payment is read back from
  // the provider. Answered 200 once settled, so a provider that repeats its callback is told the same each time;
  // 503 while the provider cannot be read, so it calls again.
  app.post<{ Params: { paymentId: string } }>('/api/payments/:paymentId/callback', { config: { auth: 'provider' } }, async (request, reply) => {
    if (!UUID_LIKE.test(request.params.paymentId)) return reply.code(404).send();
    try {
      const row = await payments.settle(request.params.paymentId);
      if (!row) return reply.code(404).send();
      request.log.info({ paymentId: row.id, state: row.state }, 'payment callback');
      return reply.code(200).send();
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      request.log.warn({ paymentId: request.params.paymentId, err: error.message }, 'payment callback: the provider could not be read');
      return reply.code(503).send();
    }
  });
}

const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function access(request: FastifyRequest): CaseAccess {
  const token = request.headers[RECEIPT_TOKEN_HEADER.toLowerCase()];
  return { personalNumber: request.session?.personalNumber, receiptToken: typeof token === 'string' ? token : undefined };
}
