import type { FastifyInstance } from 'fastify';
import { StartSigningRequest, type SigningState } from '../../src/contract/signing.js';
import { parseAnswered } from '../http/body.js';
import { requestLanguage } from '../http/language.js';
import { perMinute } from '../http/rate-limit.js';
import { ProblemError } from '../problem.js';
import { loginRequired } from '../services/cases.js';
import type { SigningService } from '../services/signing.js';
import { idempotencyKey } from './cases.js';
import { bankId } from '../http/bankid-problems.js';
import { checkReturnUrl } from '../http/security.js';
import { signingBinding } from '../eid/oidc/routes.js';

export interface SigningRouteOptions {
  signing: SigningService;
  /** Signings one client address may start a minute (each starts a BankID order). */
  startsPerMinute: number;
  /** Where a signing at the broker may send the citizen back to (ALLOWED_ORIGINS, and this server). */
  allowedOrigins: readonly string[];
}

/** How long a signing's round trip to the broker may take to come back. */

/**
 * Signing a case with BankID (see src/contract/signing.ts). Starting needs a session (401
 * login-required); polling and cancelling answer 404 to anyone but the person who started it.
 */
export function signingRoutes(app: FastifyInstance, { signing, startsPerMinute, allowedOrigins }: SigningRouteOptions): void {
  const allowed = new Set(allowedOrigins);
  app.post('/api/signatures', { config: perMinute(startsPerMinute) }, async (request, reply) => {
    const lang = requestLanguage(request);
    const session = request.session;
    if (!session) throw new ProblemError(loginRequired(lang));
    const key = idempotencyKey(request);
    // As POST /api/cases: text in an answer the database cannot hold is the form's own refusal, by the question's label.
    const body = await parseAnswered(StartSigningRequest, request.body, lang, (id, version) => signing.definition(id, version, lang));
    // A signing at the broker comes back through its callback: bound to this browser as a login is — by the binding it
    // already has, so that a second start (another tab, a retry) does not leave the first one's answer unheard.
    // The cookie (path /api) goes to the broker's callback, and to the next start here, which keeps it.
    if (body.method === 'broker' && body.returnUrl) checkReturnUrl(request, body.returnUrl, allowed, lang);
    const binding = body.method === 'broker' ? signingBinding(request, reply) : '';
    const { response, created } = await bankId(request, () => signing.start(session, body, key, request.ip, lang, binding));
    request.log.info({ orderRef: response.orderRef, serviceId: body.serviceId, created, caseId: response.result?.receipt.caseId }, 'signing started');
    return reply.code(created ? 201 : 200).send(response);
  });

  app.get<{ Params: { orderRef: string } }>('/api/signatures/:orderRef', async (request): Promise<SigningState> => {
    const state = await bankId(request, () => signing.state(request.session, request.params.orderRef, requestLanguage(request)));
    if (state.status === 'complete') {
      request.log.info({ orderRef: request.params.orderRef, caseId: state.result?.receipt.caseId }, 'case signed');
    }
    return state;
  });

  app.delete<{ Params: { orderRef: string } }>('/api/signatures/:orderRef', async (request, reply) => {
    await bankId(request, () => signing.cancel(request.session, request.params.orderRef));
    return reply.code(204).send();
  });
}
