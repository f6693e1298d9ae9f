import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Draft, SaveDraftRequest } from '../../src/contract/my-pages.js';
import type { Language } from '../../src/contract/text.js';
import { parseAnswered } from '../http/body.js';
import { requestLanguage } from '../http/language.js';
import { ProblemError } from '../problem.js';
import type { Session } from '../sessions/store.js';
import { type DraftService, notLoggedIn } from '../services/drafts.js';

/**
 * The session's person, or 401 not-logged-in — before anything else is looked at, so a request
 * without a session learns nothing about any id. Personal data: never kept by a browser cache or proxy.
 */
export function personal(request: FastifyRequest, reply: FastifyReply): { session: Session; lang: Language } {
  const lang = requestLanguage(request);
  reply.header('Cache-Control', 'no-store');
  const session = request.session;
  if (!session) throw new ProblemError(notLoggedIn(lang));
  return { session, lang };
}

/**
 * Drafts (src/contract/my-pages.ts): POST /api/drafts → 201, GET/PUT/DELETE /api/drafts/{draftId}.
 * Only the session's person's own: anyone else's draft is 404 draft-not-found, as one that does not exist.
 */
export function draftRoutes(app: FastifyInstance, drafts: DraftService): void {
  app.post('/api/drafts', async (request, reply) => {
    const { session, lang } = personal(request, reply);
    const body = await parseAnswered(SaveDraftRequest, request.body, lang, (id, version) => drafts.definition(id, version, lang));
    const draft = await drafts.create(session.personalNumber, body, lang);
    request.log.info({ draftId: draft.id, serviceId: draft.serviceId }, 'draft created');
    return reply.code(201).send(draft);
  });

  app.get<{ Params: { draftId: string } }>('/api/drafts/:draftId', async (request, reply): Promise<Draft> => {
    const { session, lang } = personal(request, reply);
    return drafts.get(session.personalNumber, request.params.draftId, lang);
  });

  app.put<{ Params: { draftId: string } }>('/api/drafts/:draftId', async (request, reply): Promise<Draft> => {
    const { session, lang } = personal(request, reply);
    const body = await parseAnswered(SaveDraftRequest, request.body, lang, (id, version) => drafts.definition(id, version, lang));
    const draft = await drafts.save(session.personalNumber, request.params.draftId, body, lang);
    request.log.info({ draftId: draft.id, version: draft.version }, 'draft saved');
    return draft;
  });

  app.delete<{ Params: { draftId: string } }>('/api/drafts/:draftId', async (request, reply) => {
    const { session, lang } = personal(request, reply);
    await drafts.remove(session.personalNumber, request.params.draftId, lang);
    request.log.info({ draftId: request.params.draftId }, 'draft deleted');
    return reply.code(204).send();
  });
}
