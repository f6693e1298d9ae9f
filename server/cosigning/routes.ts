import type { FastifyInstance } from 'fastify';
import { OpenInvitation, Reinvite, StartCosignRequest, type CosignOverview, type CosignRequestView, type CosignSigningState } from '../../src/contract/cosign.js';
import { parseBody } from '../http/body.js';
import { requestLanguage } from '../http/language.js';
import { perMinute } from '../http/rate-limit.js';
import { idempotencyKey } from '../routes/cases.js';
import { personal } from '../routes/drafts.js';
import { bankId } from '../http/bankid-problems.js';
import type { CosignService } from './service.js';

export interface CosignRouteOptions {
  cosigning: CosignService;
  /** Sign orders, invitations opened and reinvitations one client address may make a minute. */
  perMinute: number;
}

/**
 * Flerpartssignering (src/contract/cosign.ts). Every route needs a login (401 not-logged-in): the
 * link alone grants nothing. Someone else's request, signing or case answers 404, exactly as one
 * that does not exist; a link opened by the wrong person answers 403 not-for-you and says nothing
 * about the case.
 */
export function cosignRoutes(app: FastifyInstance, { cosigning, perMinute: limit }: CosignRouteOptions): void {
  // The applicant.
  app.get<{ Params: { caseId: string } }>('/api/my/cases/:caseId/cosigning', async (request, reply): Promise<CosignOverview> => {
    const { session, lang } = personal(request, reply);
    return cosigning.overview(session.personalNumber, request.params.caseId, lang);
  });

  app.post<{ Params: { caseId: string; requestId: string } }>(
    '/api/my/cases/:caseId/cosigning/:requestId/invitation', { config: perMinute(limit) }, async (request, reply): Promise<CosignOverview> => {
      const { session, lang } = personal(request, reply);
      const body = parseBody(Reinvite, request.body ?? {}, lang);
      const overview = await cosigning.reinvite(session.personalNumber, request.params.caseId, request.params.requestId, body, lang);
      request.log.info({ caseId: request.params.caseId, requestId: request.params.requestId }, 'cosigner invited again');
      return overview;
    });

  app.post<{ Params: { caseId: string } }>('/api/my/cases/:caseId/copy', async (request, reply) => {
    const { session, lang } = personal(request, reply);
    const draft = await cosigning.copy(session.personalNumber, request.params.caseId, lang);
    return reply.code(201).send(draft);
  });

  // The cosigner.
  app.post('/api/cosigning/open', { config: perMinute(limit) }, async (request, reply): Promise<CosignRequestView> => {
    const { session, lang } = personal(request, reply);
    const { token } = parseBody(OpenInvitation, request.body, lang);
    return cosigning.open(session, token, lang);
  });

  app.get<{ Params: { requestId: string } }>('/api/cosigning/requests/:requestId', async (request, reply): Promise<CosignRequestView> => {
    const { session, lang } = personal(request, reply);
    return cosigning.view(session, request.params.requestId, lang);
  });

  app.post<{ Params: { requestId: string } }>(
    '/api/cosigning/requests/:requestId/signatures', { config: perMinute(limit) }, async (request, reply) => {
      const { session, lang } = personal(request, reply);
      const key = idempotencyKey(request);
      const body = parseBody(StartCosignRequest, request.body, lang);
      const { response, created } = await bankId(request,
        () => cosigning.startSign(session, request.params.requestId, body, key, request.ip, lang));
      request.log.info({ orderRef: response.orderRef, requestId: request.params.requestId, created }, 'cosigning started');
      return reply.code(created ? 201 : 200).send(response);
    });

  app.get<{ Params: { orderRef: string } }>('/api/cosigning/signatures/:orderRef', async (request, reply): Promise<CosignSigningState> => {
    reply.header('Cache-Control', 'no-store');
    const state = await bankId(request, () => cosigning.signState(request.session, request.params.orderRef, requestLanguage(request)));
    if (state.status === 'complete') request.log.info({ orderRef: request.params.orderRef, requestId: state.request?.requestId }, 'cosigned');
    return state;
  });

  app.delete<{ Params: { orderRef: string } }>('/api/cosigning/signatures/:orderRef', async (request, reply) => {
    await bankId(request, () => cosigning.cancelSign(request.session, request.params.orderRef));
    return reply.code(204).send();
  });

  app.post<{ Params: { requestId: string } }>('/api/cosigning/requests/:requestId/decline', async (request, reply): Promise<CosignRequestView> => {
    const { session, lang } = personal(request, reply);
    const view = await cosigning.decline(session, request.params.requestId, lang);
    request.log.info({ requestId: request.params.requestId, caseId: view.caseId }, 'cosigning declined');
    return view;
  });
}
