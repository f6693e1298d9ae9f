import type { CompanyRegister, CompanySignatory, RegisterCompany } from '../register.js';
import { CompanyRegisterUnavailableError } from '../register.js';

/**
 * A made-up company register for the demo and the tests, whose signatories are the population register fixture's
 * test persons (server/registry/fixture.ts), so the BankID simulator logs them in. Every organisationsnummer is
 * invented, with a valid check digit (a test proves it).
 *
 * - Johan Nilsson signs alone for Kaffekoppen i Exempelby AB.
 * - Torgcaféet i Exempelby AB is signed by two of its board together (två i förening): Anna Andersson, Erik
 *   Andersson, Johan Nilsson.
 * - Anna Andersson also signs alone for Björkvägens Trädgård HB.
 * - Fatima Hassan is a sole trader (enskild firma), Hassans Catering: its number is her personnummer.
 * - Sara Öberg, Karin Lund, Tomasz Nowak and Lars Lindqvist sign for no company.
 */

const ANNA = '198001012387';
const ERIK = '198203154599';
const FATIMA = '197506203020';
const JOHAN = '199109115676';

const signatory = (id: string, personalNumber: string, name: string, signs: CompanySignatory['signs']): CompanySignatory =>
  ({ id, personalNumber, name, signs });

export const FIXTURE_COMPANIES: readonly RegisterCompany[] = [
  {
    organisationNumber: '5590123450', name: 'Kaffekoppen i Exempelby AB', legalForm: 'AB',
    signatories: [signatory('k7q2m', JOHAN, 'Johan Nilsson', 'alone')],
  },
  {
    organisationNumber: '5568112345', name: 'Torgcaféet i Exempelby AB', legalForm: 'AB',
    signatories: [
      signatory('t3x9a', ANNA, 'Anna Andersson', 'jointly'),
      signatory('t8c4e', ERIK, 'Erik Andersson', 'jointly'),
      signatory('t1n6j', JOHAN, 'Johan Nilsson', 'jointly'),
    ],
  },
  {
    organisationNumber: '9697123454', name: 'Björkvägens Trädgård HB', legalForm: 'HB',
    signatories: [signatory('b5v2r', ANNA, 'Anna Andersson', 'alone')],
  },
  {
    // A sole trader's organisationsnummer is the owner's personnummer (without the century).
    organisationNumber: FATIMA.slice(2), name: 'Hassans Catering', legalForm: 'EF',
    signatories: [signatory('h2w8f', FATIMA, 'Fatima Hassan', 'alone')],
  },
];

export interface FixtureCompanyRegisterOptions {
  /** Start unreachable (COMPANY_REGISTER_UNAVAILABLE=1). */
  unavailable?: boolean;
}

export class FixtureCompanyRegister implements CompanyRegister {
  /** While true, every call throws CompanyRegisterUnavailableError, as when Bolagsverket does not answer. Settable at runtime. */
  unavailable: boolean;

  constructor(options: FixtureCompanyRegisterOptions = {}) {
    this.unavailable = options.unavailable ?? false;
  }

  async companiesOf(personalNumber: string): Promise<RegisterCompany[]> {
    this.#reachable();
    return FIXTURE_COMPANIES
      .filter((company) => company.signatories.some((person) => person.personalNumber === personalNumber))
      .map((company) => structuredClone(company));
  }

  async company(organisationNumber: string): Promise<RegisterCompany | undefined> {
    this.#reachable();
    const found = FIXTURE_COMPANIES.find((company) => company.organisationNumber === organisationNumber);
    return found && structuredClone(found);
  }

  #reachable(): void {
    if (this.unavailable) throw new CompanyRegisterUnavailableError();
  }
}
