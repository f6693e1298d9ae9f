import type { PopulationRegister, RegisterChild, RegisterPerson, RegisterSchool } from './register.js';
import { RegisterUnavailableError } from './register.js';

/**
 * A made-up population register for the demo and the tests. The adults are the BankID
 * simulator's test persons (server/eid/simulator/persons.ts), plus two the simulator does
 * not have. Every number is invented, with a valid check digit (a test proves it).
 *
 * - Anna and Erik Andersson share custody of Maja (Centralskolan, Exempelby) and Olle
 *   (a school in Grannby, another municipality).
 * - Fatima Hassan is the sole guardian of Amina (Solrosens förskola, Exempelby) and has custody
 *   of Yusuf, whose identity is protected: he is never shown.
 * - Johan Nilsson and Lars Lindqvist have no children.
 * - Sara Öberg has skyddad folkbokföring, Karin Lund sekretessmarkering: the register holds
 *   an address for each, which must never reach an e-service.
 * - Tomasz Nowak has only a samordningsnummer and no folkbokföringsadress.
 */

export const DEMO_MUNICIPALITY = 'exempelby';

const CENTRALSKOLAN: RegisterSchool = { unitId: 'centralskolan', name: 'Centralskolan', municipalityId: DEMO_MUNICIPALITY };
const SOLROSEN: RegisterSchool = { unitId: 'solrosen', name: 'Solrosens förskola', municipalityId: DEMO_MUNICIPALITY };
const GRANNBYSKOLAN: RegisterSchool = { unitId: 'grannbyskolan', name: 'Grannby skola', municipalityId: 'grannby' };

function adult(personalNumber: string, givenName: string, surname: string, extra: Partial<RegisterPerson> = {}): RegisterPerson {
  return { personalNumber, givenName, surname, name: `${givenName} ${surname}`, protection: 'none', samordningsnummer: false, ...extra };
}

function child(personalNumber: string, givenName: string, surname: string, school?: RegisterSchool, protectedIdentity = false): RegisterChild {
  return { personalNumber, givenName, surname, name: `${givenName} ${surname}`, protectedIdentity, ...(school ? { school } : {}) };
}

const BJORKVAGEN = { street: 'Björkvägen 7', postalCode: '123 47', city: 'Exempelby' };

export const FIXTURE_PERSONS: readonly RegisterPerson[] = [
  adult('198001012387', 'Anna', 'Andersson', { address: BJORKVAGEN }),
  adult('198203154599', 'Erik', 'Andersson', { address: BJORKVAGEN }),
  adult('197506203020', 'Fatima', 'Hassan', { address: { street: 'Ängsgatan 3 lgh 1102', postalCode: '123 52', city: 'Exempelby' } }),
  adult('199109115676', 'Johan', 'Nilsson', { address: { street: 'Kyrkogatan 14', postalCode: '123 40', city: 'Exempelby' } }),
  adult('196402281239', 'Lars', 'Lindqvist', { address: { street: 'Sjövägen 22', postalCode: '123 60', city: 'Exempelby' } }),
  adult('198812047804', 'Sara', 'Öberg', {
    protection: 'skyddadFolkbokforing', address: { street: 'Hemliga vägen 1', postalCode: '123 99', city: 'Exempelby' },
  }),
  adult('197004122482', 'Karin', 'Lund', {
    protection: 'sekretessmarkering', address: { street: 'Tystnadens gränd 5', postalCode: '123 98', city: 'Exempelby' },
  }),
  adult('199003657195', 'Tomasz', 'Nowak', { samordningsnummer: true }),
];

export const FIXTURE_CHILDREN: readonly RegisterChild[] = [
  child('201605120243', 'Maja', 'Andersson', CENTRALSKOLAN),
  child('201209034576', 'Olle', 'Andersson', GRANNBYSKOLAN),
  child('201902073822', 'Amina', 'Hassan', SOLROSEN),
  child('201411216151', 'Yusuf', 'Hassan', CENTRALSKOLAN, true),
];

/** Custody: child → guardians. */
const CUSTODY: Readonly<Record<string, readonly string[]>> = {
  '201605120243': ['198001012387', '198203154599'],
  '201209034576': ['198001012387', '198203154599'],
  '201902073822': ['197506203020'],
  '201411216151': ['197506203020'],
};

export interface FixtureRegisterOptions {
  /** Start unreachable (REGISTER_UNAVAILABLE=1). */
  unavailable?: boolean;
}

export class FixtureRegister implements PopulationRegister {
  /** While true, every call throws RegisterUnavailableError, as when Navet does not answer. Settable at runtime. */
  unavailable: boolean;

  constructor(options: FixtureRegisterOptions = {}) {
    this.unavailable = options.unavailable ?? false;
  }

  async person(personalNumber: string): Promise<RegisterPerson | undefined> {
    this.#reachable();
    const found = FIXTURE_PERSONS.find((person) => person.personalNumber === personalNumber);
    return found && structuredClone(found);
  }

  async children(guardianPersonalNumber: string): Promise<RegisterChild[]> {
    this.#reachable();
    return FIXTURE_CHILDREN
      .filter((candidate) => CUSTODY[candidate.personalNumber]?.includes(guardianPersonalNumber))
      .map((found) => structuredClone(found));
  }

  async guardians(childPersonalNumber: string): Promise<RegisterPerson[]> {
    this.#reachable();
    const numbers = CUSTODY[childPersonalNumber] ?? [];
    return FIXTURE_PERSONS.filter((person) => numbers.includes(person.personalNumber)).map((found) => structuredClone(found));
  }

  #reachable(): void {
    if (this.unavailable) throw new RegisterUnavailableError();
  }
}
