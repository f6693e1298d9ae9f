import { createHash } from 'node:crypto';
import { personLabel } from './person-allowed.js';
import type { Answers } from '../../src/contract/cases.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { Language } from '../../src/contract/text.js';
import { canonicalJson } from './idempotency.js';
import { stockholmDate } from '../stockholm-time.js';
import { formatOrganisationNumber } from '../../src/contract/companies.js';

/** What a signer's BankID app shows and the signature holds, for the applicant's signing and the cosigners' alike. */

export interface Signer {
  personalNumber: string;
  name: string;
  /** The e-ID of the session the signing was started in, and its level of assurance: kept with the case. */
  eid?: string | undefined;
  loa?: string | undefined;
}

/** The hint a failed signing carries when BankID's signer was not the logged-in citizen. */
export const PERSON_MISMATCH = 'personMismatch';

/** 198001012387 → 19800101-2387 */
export function formatPersonalNumber(personalNumber: string): string {
  return personLabel(personalNumber);
}

/**
 * One line of text for BankID's simpleMarkdownV1: emphasis and table marks escaped, and a heading, list or
 * rule mark at its start. Clipped to `max` characters (with …): BankID takes at most 1 500 characters of
 * base64 for the whole text, so a long title or name must not make the signing impossible.
 */
export function plain(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const clipped = [...line].length > max ? `${[...line].slice(0, max - 1).join('').trimEnd()}…` : line;
  return clipped.replace(/[\\*|]/g, (char) => `\\${char}`).replace(/^[#+-]/, (char) => `\\${char}`);
}

/** The longest an e-service's title may be in the signed text. */
export const SIGNED_TITLE_MAX = 120;

/**
 * What the BankID app shows and the signature holds (simpleMarkdownV1), in the case's language:
 * the e-service, the municipality, who signs and the date in Sweden. For example
 *
 *   # Ansökan om skolskjuts
 *
 *   Exempelby kommun
 *
 *   Jag, Anna Andersson (19800101-2387), skriver under och skickar in mina svar den 24 november 2026.
 *
 * For a company's case the signer signs for the company: "Jag, …, skriver under för Torgcaféet i Exempelby AB
 * (556811-2345) och skickar in svaren den …".
 */
export function signingText(
  definition: ServiceDefinition, signer: Signer, lang: Language, at: Date, company?: { organisationNumber: string; name: string },
): string {
  const date = stockholmDate(at, lang, 'dayMonthYear');
  const who = `${plain(signer.name)} (${formatPersonalNumber(signer.personalNumber)})`;
  const forCompany = company && `${plain(company.name)} (${formatOrganisationNumber(company.organisationNumber)})`;
  const statement = forCompany
    ? (lang === 'en'
      ? `I, ${who}, sign for ${forCompany} and send in the answers on ${date}.`
      : `Jag, ${who}, skriver under för ${forCompany} och skickar in svaren den ${date}.`)
    : lang === 'en'
      ? `I, ${who}, sign and send in my answers on ${date}.`
      : `Jag, ${who}, skriver under och skickar in mina svar den ${date}.`;
  return `# ${plain(definition.title[lang], SIGNED_TITLE_MAX)}\n\n${plain(definition.municipality.name[lang])}\n\n${statement}`;
}

/** Signed along with the visible text: the e-service version and a SHA-256 of the answers stored. */
export function answersDigest(definition: ServiceDefinition, values: Answers): string {
  const digest = createHash('sha256').update(canonicalJson(values)).digest('hex');
  return `e-service-kit;${definition.id};v${definition.version};answers-sha256=${digest}`;
}
