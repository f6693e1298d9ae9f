/**
 * Test persons with a foreign e-ID (eIDAS) and no Swedish personnummer or samordningsnummer, as the Swedish eIDAS
 * connector names them: a provisional identifier (prid, "country:identifier", Sweden Connect's "eIDAS Constructed
 * Attributes"), its persistence class, and the identifier the foreign eIDAS node gave. Made up; not in the
 * population-register fixture (a limited profile). Offered by the test broker and the test SAML IdP for eIDAS.
 */
export interface ForeignTestPerson {
  prid: string;
  /** A: the identifier lasts (e.g. a national number); B and C: it may change. */
  pridPersistence: 'A' | 'B' | 'C';
  eidasPersonIdentifier: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  givenName: string;
  surname: string;
  name: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  note: string;
}

function person(prid: string, pridPersistence: 'A' | 'B' | 'C', eidasPersonIdentifier: string, givenName: string, surname: string, birthDate: string, note: string): ForeignTestPerson {
  return { prid, pridPersistence, eidasPersonIdentifier, country: prid.slice(0, 2), givenName, surname, name: `${givenName} ${surname}`, birthDate, note };
}

export const FOREIGN_TEST_PERSONS: readonly ForeignTestPerson[] = [
  person('DE:a7f3c91e0b2d4e58', 'B', 'DE/SE/a7f3c91e0b2d4e58', 'Hannah', 'Müller', '1988-04-17', 'Tysk e-legitimation, inget svenskt personnummer.'),
  person('NO:05068907693', 'A', 'NO/SE/05068907693', 'Ingrid', 'Haugen', '1989-06-05', 'Norsk e-legitimation, inget svenskt personnummer.'),
];

export const foreignTestPerson = (prid: string): ForeignTestPerson | undefined => FOREIGN_TEST_PERSONS.find((candidate) => candidate.prid === prid);
