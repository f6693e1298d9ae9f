import type { FastifyInstance } from 'fastify';
import type { ServiceList } from '../../src/contract/definition.js';
import { requestLanguage } from '../http/language.js';
import { problem, ProblemError } from '../problem.js';
import type { DefinitionStore } from '../services/definitions.js';

export function serviceRoutes(app: FastifyInstance, definitions: DefinitionStore): void {
  // Definitions are public and the same for everyone: cacheable for a minute (PUBLIC_CACHE_CONTROL).
  app.get('/api/services', { config: { cache: 'public' } }, async (): Promise<ServiceList> => ({ services: await definitions.list() }));

  // ?version=N: the version a case or draft was filled against, so it reads with its own questions.
  app.get<{ Params: { serviceId: string }; Querystring: { version?: string } }>('/api/services/:serviceId', { config: { cache: 'public' } }, async (request) => {
    const lang = requestLanguage(request);
    const asked = request.query.version;
    if (asked !== undefined && !/^[1-9]\d{0,8}$/.test(asked)) {
      throw new ProblemError(problem(400, 'validation', lang === 'en' ? 'version must be a whole number from 1' : 'version ska vara ett heltal från 1', undefined,
        [{ path: 'version', code: 'type', message: lang === 'en' ? 'A whole number from 1' : 'Ett heltal från 1' }]));
    }
    const { serviceId } = request.params;
    const definition = asked === undefined ? await definitions.latest(serviceId) : await definitions.version(serviceId, Number(asked));
    if (!definition) {
      throw new ProblemError(problem(404, 'service-not-found', lang === 'en' ? 'E-service not found' : 'E-tjänsten finns inte', asked ? `${serviceId} v${asked}` : serviceId));
    }
    return definition;
  });
}
