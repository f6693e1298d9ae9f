import * as v from 'valibot';
import type { MyCompanies } from '../../contract/companies.js';
import { LEGAL_FORMS } from '../../contract/company-words.js';
import { check } from './check.js';

/** GET /api/my/companies as the browser checks it (src/contract/companies.ts). */
export const MyCompaniesCheck = check<MyCompanies>(v.looseObject({
  companies: v.array(v.looseObject({
    organisationNumber: v.string(),
    name: v.string(),
    legalForm: v.picklist(LEGAL_FORMS),
    signs: v.picklist(['alone', 'jointly']),
    cosignatories: v.array(v.looseObject({ id: v.string(), name: v.string() })),
  })),
}));
