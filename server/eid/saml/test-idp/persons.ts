import { pridOf } from '../../../../src/contract/person-key.js';
import type { OidcEid } from '../../oidc/config.js';
import { FOREIGN_TEST_PERSONS, type ForeignTestPerson } from '../../simulator/foreign-persons.js';
import { TEST_PERSONS } from '../../simulator/persons.js';
import type { AssertedPerson } from './messages.js';

/**
 * Who the test IdP offers for an e-ID: the test persons of the BankID simulator (and so of the population-register
 * fixture), and for eIDAS also the foreign test persons without a Swedish number — only eIDAS has such holders.
 */
export const foreignPersonsFor = (eid: OidcEid): readonly ForeignTestPerson[] => (eid === 'eidas' ? FOREIGN_TEST_PERSONS : []);

/**
 * The person chosen on the page (a radio's value: a personnummer, or `eidas:<prid>`) as the assertion vouches for
 * them; undefined for anybody the page did not offer for this e-ID. A foreign person gets the eIDAS attributes and
 * no personalIdentityNumber, as the Swedish eIDAS connector asserts a holder without a Swedish number.
 */
export function assertedPerson(chosen: string, eid: OidcEid): AssertedPerson | undefined {
  const prid = pridOf(chosen);
  if (prid) {
    const foreign = foreignPersonsFor(eid).find((candidate) => candidate.prid === prid);
    return foreign && {
      name: foreign.name, givenName: foreign.givenName, surname: foreign.surname,
      eidas: {
        prid: foreign.prid, pridPersistence: foreign.pridPersistence, eidasPersonIdentifier: foreign.eidasPersonIdentifier,
        country: foreign.country, dateOfBirth: foreign.birthDate,
      },
    };
  }
  const person = TEST_PERSONS.find((candidate) => candidate.personalNumber === chosen);
  return person && { personalNumber: person.personalNumber, name: person.name, givenName: person.givenName, surname: person.surname };
}
