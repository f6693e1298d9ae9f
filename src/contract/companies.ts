import * as z from 'zod/mini';
import { EMAIL } from './patterns.js';

/**
 * Companies as applicants. An e-service says who may apply (`applicants`: "persons", "companies" or "both"); for
 * companies, the logged-in person chooses one of the companies the company register (Bolagsverket's data on
 * firmatecknare) says they may sign for, and the case is the company's:
 *
 *   GET /api/my/companies → MyCompanies (the logged-in person's companies; 503 company-register-unavailable)
 *
 * The choice travels with the answers, as `company` on POST /api/cases, POST /api/signatures and the drafts. The
 * server asks the register again when the case is sent: a company the person may not sign for is refused (403
 * company-not-allowed), and a company e-service sent without one too (400 company-required). A company whose
 * signatory signs jointly (två i förening) is signed by two: the applicant names the other signatory (their `id`
 * from MyCompanies, never a personnummer) and the address the invitation goes to (flerpartssignering, the
 * definition's `cosigning.who: "companySignatories"`).
 */

import { LEGAL_FORMS, ORGANISATION_NUMBER, SIGNATORY_ID } from './company-words.js';

export { formatOrganisationNumber, LEGAL_FORMS, ORGANISATION_NUMBER, SIGNATORY_ID } from './company-words.js';

export const LegalForm = z.enum(LEGAL_FORMS);
export type LegalForm = z.infer<typeof LegalForm>;

/** How the person signs for the company: alone, or jointly with another signatory (två i förening). */
export const SigningRule = z.enum(['alone', 'jointly']);
export type SigningRule = z.infer<typeof SigningRule>;

/** A company the logged-in person may act for, as the register says. */
export const MyCompany = z.object({
  organisationNumber: z.string().check(z.regex(ORGANISATION_NUMBER)),
  name: z.string(),
  legalForm: LegalForm,
  signs: SigningRule,
  /** When jointly: the others who may sign with the person, by name and an opaque id (never their personnummer). */
  cosignatories: z.array(z.object({ id: z.string().check(z.regex(SIGNATORY_ID)), name: z.string() })),
});
export type MyCompany = z.infer<typeof MyCompany>;

export const MyCompanies = z.object({ companies: z.array(MyCompany) });
export type MyCompanies = z.infer<typeof MyCompanies>;

/**
 * The company the applicant chose, sent with the answers. `cosigner`, when the person signs jointly: the other
 * signatory (an id from MyCompanies) and the e-mail address their invitation goes to.
 */
export const CompanyChoice = z.object({
  organisationNumber: z.string().check(z.regex(ORGANISATION_NUMBER)),
  cosigner: z.optional(z.object({
    id: z.string().check(z.regex(SIGNATORY_ID)),
    email: z.email({ pattern: EMAIL }).check(z.maxLength(254)),
  })),
});
export type CompanyChoice = z.infer<typeof CompanyChoice>;

/** The organisation a case is for, as the register named it when the case was sent. */
export const CaseOrganisation = z.object({
  organisationNumber: z.string(),
  name: z.string(),
});
export type CaseOrganisation = z.infer<typeof CaseOrganisation>;

/** Who may apply with an e-service: private persons (the default), companies, or both. */
export const Applicants = z.enum(['persons', 'companies', 'both']);
export type Applicants = z.infer<typeof Applicants>;
