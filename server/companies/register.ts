import type { LegalForm, SigningRule } from '../../src/contract/companies.js';

/**
 * The company register as the backend sees it: which companies a person may sign for (firmatecknare), and who signs
 * for a company, alone or jointly (två i förening).
 *
 * A real adapter would read Bolagsverket's data behind this interface (its API for företagsinformation, with the
 * company's firmateckning and its functionaries) — and, for sole traders, Skatteverket's register of enskilda
 * näringsidkare. The reference backend has only the fixture in ./providers/fixture.ts. Every method answers from the
 * register as it is now, and throws CompanyRegisterUnavailableError when it can't be reached: callers must not guess
 * then (a case is never accepted unchecked).
 *
 * Organisationsnummer are ten digits without a hyphen; a sole trader's is the owner's personnummer without the
 * century. Personnummer are twelve digits, as in the population register.
 */

export interface CompanySignatory {
  /** Opaque and stable for the register: what the browser names a signatory by, never the personnummer. */
  id: string;
  personalNumber: string;
  name: string;
  /** Signs alone, or only together with another signatory of the company. */
  signs: SigningRule;
}

export interface RegisterCompany {
  organisationNumber: string;
  name: string;
  legalForm: LegalForm;
  signatories: CompanySignatory[];
}

export interface CompanyRegister {
  /** The companies the person is a signatory of (alone or jointly); none for someone who signs for no company. */
  companiesOf(personalNumber: string): Promise<RegisterCompany[]>;
  /** One company, or undefined when the register has no such number. */
  company(organisationNumber: string): Promise<RegisterCompany | undefined>;
}

/** The company register could not be reached or did not answer; try again later. */
export class CompanyRegisterUnavailableError extends Error {
  constructor(message = 'The company register could not be reached') {
    super(message);
    this.name = 'CompanyRegisterUnavailableError';
  }
}
