import type { FastifyInstance } from 'fastify';
import type { MyCompanies } from '../../src/contract/companies.js';
import { isForeignPersonKey } from '../../src/contract/person-key.js';
import { personal } from '../routes/drafts.js';
import type { CompanyRegister } from './register.js';
import { myCompanies } from './service.js';

/**
 * GET /api/my/companies: the companies the logged-in person may act for, as the company register says (401 without a
 * session, 503 company-register-unavailable when it can't be reached). A foreign e-ID without a personnummer signs
 * for no Swedish company the register knows of.
 */
export function companyRoutes(app: FastifyInstance, register: CompanyRegister): void {
  app.get('/api/my/companies', async (request, reply): Promise<MyCompanies> => {
    const { session, lang } = personal(request, reply);
    if (isForeignPersonKey(session.personalNumber)) return { companies: [] };
    return myCompanies(register, session.personalNumber, lang);
  });
}
