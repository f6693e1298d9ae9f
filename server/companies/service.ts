import { type CaseOrganisation, type CompanyChoice, formatOrganisationNumber, type MyCompanies, type MyCompany } from '../../src/contract/companies.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { Language } from '../../src/contract/text.js';
import { problem, ProblemError } from '../problem.js';
import { type CompanyRegister, CompanyRegisterUnavailableError, type RegisterCompany } from './register.js';

/**
 * The company an applicant acts for, as the register says when the case is sent: its number and name, how the
 * applicant signs for it, and — when jointly, for an e-service signed by the company's signatories — the other
 * signatory who must sign too, with the address their invitation goes to. Kept with a signing until it makes the case.
 */
export interface ApplicantCompany extends CaseOrganisation {
  signs: 'alone' | 'jointly';
  cosigner?: { personalNumber: string; name: string; email: string };
}

const say = (lang: Language, sv: string, en: string) => (lang === 'en' ? en : sv);

/** 503 when the company register can't be reached: a plain message, and no case is accepted. */
export function companyRegisterUnavailable(lang: Language): ProblemError {
  return new ProblemError(problem(503, 'company-register-unavailable',
    say(lang, 'Företagsregistret går inte att nå just nu. Försök igen om en stund.',
      'The company register cannot be reached right now. Please try again in a while.')));
}

/** Runs a register call; unreachable becomes 503 company-register-unavailable, never a guess. */
export async function askRegister<T>(lang: Language, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof CompanyRegisterUnavailableError) throw companyRegisterUnavailable(lang);
    throw error;
  }
}

/** The companies the person may act for, for GET /api/my/companies: with the others who sign with them, by name and id only. */
export async function myCompanies(register: CompanyRegister, personalNumber: string, lang: Language): Promise<MyCompanies> {
  const companies = await askRegister(lang, () => register.companiesOf(personalNumber));
  return { companies: companies.map((company) => toMyCompany(company, personalNumber)).filter((company) => company !== undefined) };
}

function toMyCompany(company: RegisterCompany, personalNumber: string): MyCompany | undefined {
  const own = company.signatories.find((signatory) => signatory.personalNumber === personalNumber);
  if (!own) return undefined;
  const cosignatories = own.signs === 'jointly'
    ? company.signatories.filter((signatory) => signatory.personalNumber !== personalNumber).map(({ id, name }) => ({ id, name }))
    : [];
  return { organisationNumber: company.organisationNumber, name: company.name, legalForm: company.legalForm, signs: own.signs, cosignatories };
}

/** Whether the e-service is signed by the company's signatories (jointly where the register says so). */
const signedBySignatories = (definition: ServiceDefinition) => definition.cosigning?.who === 'companySignatories';

/**
 * The company a case is sent for, checked against the register: undefined for a private person's case. Refuses a
 * company e-service sent without one (400 company-required), a company on a persons-only e-service (400
 * company-not-used), a company the person may not sign for (403 company-not-allowed), a joint signatory without the
 * other signatory (400 company-cosigner-required) or with one who is not the company's (403
 * company-cosigner-not-allowed), and a cosigner where no one signs with them (400 company-cosigner-not-used).
 */
export async function checkCompany(
  register: CompanyRegister | undefined, definition: ServiceDefinition, choice: CompanyChoice | undefined,
  personalNumber: string | undefined, lang: Language,
): Promise<ApplicantCompany | undefined> {
  const applicants = definition.applicants ?? 'persons';
  if (applicants === 'persons') {
    if (choice) throw companyNotUsed(lang);
    return undefined;
  }
  if (!choice) {
    if (applicants === 'both') return undefined;
    throw fieldProblem(400, 'company-required', 'company', say(lang, 'Välj vilket företag som ansöker', 'Choose the company that is applying'),
      say(lang, 'E-tjänsten är för företag: ange ett av de företag du får teckna.', 'This e-service is for companies: name one of the companies you may sign for.'));
  }
  if (!personalNumber) throw new ProblemError(problem(401, 'login-required', say(lang, 'Logga in för att använda e-tjänsten', 'Log in to use this e-service')));
  if (!register) throw companyRegisterUnavailable(lang);
  const company = await askRegister(lang, () => register.company(choice.organisationNumber));
  const own = company?.signatories.find((signatory) => signatory.personalNumber === personalNumber);
  if (!company || !own) {
    throw fieldProblem(403, 'company-not-allowed', 'company.organisationNumber',
      say(lang, `Du får inte teckna ${formatOrganisationNumber(choice.organisationNumber)} enligt Bolagsverket`,
        `According to the Swedish Companies Registration Office you may not sign for ${formatOrganisationNumber(choice.organisationNumber)}`),
      say(lang, 'Välj ett av de företag du är firmatecknare för.', 'Choose one of the companies you are an authorised signatory of.'));
  }
  const applicant: ApplicantCompany = { organisationNumber: company.organisationNumber, name: company.name, signs: own.signs };
  const needsCosigner = own.signs === 'jointly' && signedBySignatories(definition);
  if (!needsCosigner) {
    if (choice.cosigner) {
      throw fieldProblem(400, 'company-cosigner-not-used', 'company.cosigner',
        say(lang, 'Ingen annan firmatecknare ska skriva under', 'No other authorised signatory is to sign'),
        say(lang, 'Skicka ärendet utan någon som skriver under med dig.', 'Send the case without anyone to sign with you.'));
    }
    return applicant;
  }
  if (!choice.cosigner) {
    throw fieldProblem(400, 'company-cosigner-required', 'company.cosigner',
      say(lang, `${company.name} tecknas av två i förening: välj vem som skriver under med dig`,
        `${company.name} is signed by two together: choose who signs with you`));
  }
  const other = company.signatories.find((signatory) => signatory.id === choice.cosigner!.id && signatory.personalNumber !== personalNumber);
  if (!other) {
    throw fieldProblem(403, 'company-cosigner-not-allowed', 'company.cosigner.id',
      say(lang, `Den du valde får inte teckna ${company.name} med dig`, `The person you chose may not sign for ${company.name} with you`),
      say(lang, 'Välj en annan av företagets firmatecknare.', 'Choose another of the company\'s authorised signatories.'));
  }
  return { ...applicant, cosigner: { personalNumber: other.personalNumber, name: other.name, email: choice.cosigner.email } };
}

/** 400 company-not-used: a company named for an e-service that is for private persons only (a case, a signing, a draft). */
export function companyNotUsed(lang: Language): ProblemError {
  return fieldProblem(400, 'company-not-used', 'company', say(lang, 'E-tjänsten är inte för företag', 'This e-service is not for companies'),
    say(lang, 'Skicka ärendet utan företag.', 'Send the case without a company.'));
}

/** Whether the person may act for the company now (Mina sidor: a company's cases); false when the register is down. */
export async function mayActFor(register: CompanyRegister | undefined, personalNumber: string, organisationNumber: string): Promise<boolean> {
  if (!register) return false;
  try {
    const company = await register.company(organisationNumber);
    return !!company?.signatories.some((signatory) => signatory.personalNumber === personalNumber);
  } catch {
    return false;
  }
}

/** The organisationsnummer of the companies the person may act for now; none when the register is down (their own cases still show). */
export async function companiesActedFor(register: CompanyRegister | undefined, personalNumber: string): Promise<string[]> {
  if (!register) return [];
  try {
    return (await register.companiesOf(personalNumber)).map((company) => company.organisationNumber);
  } catch {
    return [];
  }
}

function fieldProblem(status: number, type: string, path: string, title: string, detail?: string): ProblemError {
  return new ProblemError(problem(status, type, title, detail, [{ path, code: type, message: title }]));
}
