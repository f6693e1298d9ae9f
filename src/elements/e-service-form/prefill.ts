import type { AnswerValue } from '../../contract/cases.js';
import type { PrefillSource } from '../../contract/fields.js';
import { formatPersonnummer } from '../../contract/personnummer.js';
import type { PrefillResponse } from '../../contract/prefill.js';

/** The answer the population register gives a prefilled question; undefined when it has none (a protected address). */
export function prefillValue(source: PrefillSource, { person }: PrefillResponse): AnswerValue | undefined {
  switch (source) {
    case 'person.name':
      return person.name;
    case 'person.givenName':
      return person.givenName;
    case 'person.surname':
      return person.surname;
    case 'person.personalNumber':
      return formatPersonnummer(person.personalNumber);
    case 'person.address':
      return person.address ? { ...person.address } : undefined;
  }
}

/** 198001012387 → 19800101-2387, as people write it (src/contract/personnummer.ts). */
export { formatPersonnummer as formatPersonalNumber };
