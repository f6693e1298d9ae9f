/**
 * The population register (folkbokföringen) as the backend sees it: who a logged-in citizen
 * is, where they are registered, and which children they have custody of.
 *
 * A real adapter would call Skatteverket behind this interface — Navet (the municipality's
 * own feed of folkbokföring data, with custody relations) or SPAR (name and address) — and the
 * municipality's school register for which school a child attends. The reference backend has
 * only the fixture in ./fixture.ts. Every method answers from the register as it is now, and
 * throws RegisterUnavailableError when it can't be reached: callers must not guess then.
 *
 * Personnummer and samordningsnummer are 12 digits, ÅÅÅÅMMDDNNNN, without a hyphen.
 */

export interface RegisterAddress {
  street: string;
  /** "123 45", as the form engine writes a postal code. */
  postalCode: string;
  city: string;
}

/**
 * - skyddadFolkbokforing: registered at another place than where the person lives; the real
 *   address is never handed out (the person is registered "på kommunen").
 * - sekretessmarkering: the person's data may be handed out only after a secrecy review.
 */
export type Protection = 'none' | 'skyddadFolkbokforing' | 'sekretessmarkering';

export interface RegisterPerson {
  personalNumber: string;
  givenName: string;
  surname: string;
  name: string;
  /** The folkbokföringsadress; missing for someone who is not folkbokförd (e.g. a samordningsnummer). */
  address?: RegisterAddress;
  protection: Protection;
  /** The number is a samordningsnummer (day of birth + 60), not a personnummer. */
  samordningsnummer: boolean;
}

export interface RegisterSchool {
  /** The unit's id in its municipality, e.g. "centralskolan". */
  unitId: string;
  name: string;
  /** The municipality that runs the unit (huvudman), e.g. "exempelby". */
  municipalityId: string;
}

export interface RegisterChild {
  personalNumber: string;
  givenName: string;
  surname: string;
  name: string;
  /** Skyddad folkbokföring or sekretessmarkering: never shown to anyone in an e-service. */
  protectedIdentity: boolean;
  /** The preschool or school the child attends, if any. */
  school?: RegisterSchool;
}

export interface PopulationRegister {
  /** The person, or undefined when the register has no such number. */
  person(personalNumber: string): Promise<RegisterPerson | undefined>;
  /** The children the person has custody of (vårdnad), protected ones included: filtering is the caller's. */
  children(guardianPersonalNumber: string): Promise<RegisterChild[]>;
  /** The child's guardians (vårdnadshavare). */
  guardians(childPersonalNumber: string): Promise<RegisterPerson[]>;
}

/** The register could not be reached or did not answer; try again later. */
export class RegisterUnavailableError extends Error {
  constructor(message = 'The population register could not be reached') {
    super(message);
    this.name = 'RegisterUnavailableError';
  }
}
