import type { ServiceDefinition } from '../../src/contract/definition.js';
import { isForeignPersonKey, pridOf } from '../../src/contract/person-key.js';
import { formatPersonnummer } from '../../src/contract/personnummer.js';
import type { Language } from '../../src/contract/text.js';
import { problem, ProblemError } from '../problem.js';

/**
 * A citizen logged in with a foreign e-ID that names no Swedish personnummer or samordningsnummer (a limited profile,
 * src/contract/person-key.ts) uses an e-service only if its definition says `withoutPersonalNumber: "limitedProfile"`.
 * Checked wherever their data would be kept for the e-service: prefill, drafts, files, cases, signatures. An e-service
 * without login keeps no one's data, so it takes them as it takes anyone.
 */
export function checkPersonAllowed(definition: Pick<ServiceDefinition, 'login' | 'withoutPersonalNumber'>, key: string | undefined, lang: Language): void {
  if (!key || !isForeignPersonKey(key) || definition.login === 'none' || definition.withoutPersonalNumber === 'limitedProfile') return;
  throw new ProblemError(problem(403, 'personal-number-required',
    lang === 'en'
      ? 'This e-service needs a Swedish personal identity number or coordination number, and your e-ID has neither'
      : 'E-tjänsten kräver svenskt personnummer eller samordningsnummer, och din e-legitimation har inget av dem',
    lang === 'en'
      ? 'Contact the municipality to apply another way.'
      : 'Kontakta kommunen för att ansöka på annat sätt.'));
}

/** The personnummer as a person reads it (19800101-2387), or a foreign e-ID's prid (DE:8976543432). */
export function personLabel(key: string): string {
  return pridOf(key) ?? formatPersonnummer(key);
}
