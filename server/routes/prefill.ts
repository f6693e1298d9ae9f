import type { FastifyInstance } from 'fastify';
import { limitAt, limitWords } from '../services/once-per-person-limit.js';
import { checkPersonAllowed } from '../services/person-allowed.js';
import type { PrefillResponse } from '../../src/contract/prefill.js';
import { requestLanguage } from '../http/language.js';
import { problem, ProblemError } from '../problem.js';
import { prefillFor } from '../registry/prefill.js';
import { usedNow } from '../services/once-per-person.js';
import type { Queryable } from '../store/database.js';
import { RegisterUnavailableError, type PopulationRegister } from '../registry/register.js';
import type { DefinitionStore } from '../services/definitions.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The population register every part of the backend asks (server/registry/). */
    populationRegister: PopulationRegister;
  }
}

export interface PrefillRouteOptions {
  definitions: DefinitionStore;
  register: PopulationRegister;
  db: Queryable;
  /** Mina sidor, where a case is linked as `?case=<id>` (MY_PAGES_URL). */
  myPagesUrl: string;
  /** The clock: which month, year or round a once-per-person e-service is in. */
  now?: () => Date;
}

/**
 * GET /api/services/{serviceId}/prefill: what the register says about the logged-in citizen,
 * filtered for that service (src/contract/prefill.ts), and whether they have used a
 * once-per-person e-service already. Also puts the register on the app
 * as `app.populationRegister`, for other routes and services.
 */
export function prefillRoutes(app: FastifyInstance, { definitions, register, db, myPagesUrl, now = () => new Date() }: PrefillRouteOptions): void {
  app.decorate('populationRegister', register);

  app.get<{ Params: { serviceId: string } }>('/api/services/:serviceId/prefill', async (request, reply): Promise<PrefillResponse> => {
    const lang = requestLanguage(request);
    // Personal data: never kept by a browser cache or a shared proxy.
    reply.header('Cache-Control', 'no-store');
    const session = request.session;
    if (!session) {
      throw new ProblemError(problem(401, 'not-logged-in', lang === 'en' ? 'You are not logged in' : 'Du är inte inloggad'));
    }
    const definition = await definitions.latest(request.params.serviceId);
    if (!definition) {
      throw new ProblemError(problem(404, 'service-not-found', lang === 'en' ? 'E-service not found' : 'E-tjänsten finns inte', request.params.serviceId));
    }
    checkPersonAllowed(definition, session.personalNumber, lang);
    // Used up now (this month, this round…); never said for a perChild e-service, where it depends on the child not yet chosen.
    const used = definition.onePerPerson ? await usedNow(db, definition, session.personalNumber, now()) : undefined;
    // For a limit by period, the words that name it ("… den här månaden"); one for good is the kit's own notice.
    const limit = used ? limitAt(definition.onePerPerson, now()) : undefined;
    const words = limit && limit.kind !== 'once' ? limitWords(limit, lang) : undefined;
    const alreadyUsed = used ? { alreadyUsed: { caseId: used, url: `${myPagesUrl}?case=${encodeURIComponent(used)}`, ...words } } : {};
    try {
      return { ...(await prefillFor(definition, session, register)), ...alreadyUsed };
    } catch (error) {
      if (!(error instanceof RegisterUnavailableError)) throw error;
      request.log.warn('the population register could not be reached');
      // What the e-ID says is known without the register: the rest of the form can be filled in meanwhile.
      const { personalNumber, name, givenName, surname } = session;
      return { person: { personalNumber, name, givenName, surname }, protected: false, children: [], registerUnavailable: true, ...alreadyUsed };
    }
  });
}
