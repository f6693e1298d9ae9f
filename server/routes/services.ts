import type { FastifyInstance } from 'fastify';
import type { ServiceList } from '../../src/contract/definition.js';
import { requestLanguage } from '../http/language.js';
import { problem, ProblemError } from '../problem.js';
import type { DefinitionStore } from '../services/definitions.js';

export function serviceRoutes(app: FastifyInstance, definitions: DefinitionStore): void {
  app.get('/api/services', async (): Promise<ServiceList> => ({ services: await definitions.list() }));

  app.get<{ Params: { serviceId: string } }>('/api/services/:serviceId', async (request) => {
    const definition = await definitions.latest(request.params.serviceId);
    if (!definition) {
      const lang = requestLanguage(request);
      throw new ProblemError(problem(404, 'service-not-found', lang === 'en' ? 'E-service not found' : 'E-tjänsten finns inte', request.params.serviceId));
    }
    return definition;
  });
}
