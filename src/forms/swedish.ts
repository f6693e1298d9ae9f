/**
 * Swedish formats citizens type: personnummer and samordningsnummer, phone numbers,
 * postal codes. Each parser answers with the normal form or the reason it can't.
 */
import { formatPersonnummer } from '../contract/personnummer.js';

export type PersonnummerResult =
  | { ok: true; value: string; samordningsnummer: boolean; birthDate: string }
  | { ok: false; reason: 'format' | 'date' | 'checksum' };

/** The Luhn check digit over the ten digits ÅÅMMDDNNN(C). */
export function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i++) {
    let digit = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return sum % 10 === 0;
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 12 digits, ÅÅÅÅMMDD-NNNN, with or without the hyphen. A day of 61–91 makes it a samordningsnummer. */
export function parsePersonnummer(input: string): PersonnummerResult {
  const compact = input.replace(/[\s-]/g, '');
  if (!/^\d{12}$/.test(compact)) return { ok: false, reason: 'format' };
  const year = Number(compact.slice(0, 4));
  const month = Number(compact.slice(4, 6));
  let day = Number(compact.slice(6, 8));
  const samordningsnummer = day > 60;
  if (samordningsnummer) day -= 60;
  if (year < 1850 || !isCalendarDate(year, month, day)) return { ok: false, reason: 'date' };
  if (!luhnValid(compact.slice(2))) return { ok: false, reason: 'checksum' };
  const birthDate = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${String(day).padStart(2, '0')}`;
  return { ok: true, value: formatPersonnummer(compact), samordningsnummer, birthDate };
}

/** 070-123 45 67, 08-123 456 78, +46 70 123 45 67 … → digits only, with +46 written as 0. */
export function parsePhone(input: string): string | undefined {
  const compact = input.replace(/[\s\-()./]/g, '');
  const national = compact.startsWith('+46') ? `0${compact.slice(3)}` : compact.startsWith('0046') ? `0${compact.slice(4)}` : compact;
  if (!/^0[1-9]\d{6,8}$/.test(national)) return undefined;
  return national;
}

/** Five digits, the first not 0; written "123 45". */
export function parsePostalCode(input: string): string | undefined {
  const compact = input.replace(/\s/g, '');
  if (!/^[1-9]\d{4}$/.test(compact)) return undefined;
  return `${compact.slice(0, 3)} ${compact.slice(3)}`;
}

export type OrganisationsnummerResult =
  | { ok: true; value: string; soleTrader: boolean }
  | { ok: false; reason: 'format' | 'checksum' | 'personnummer' };

/**
 * An organisationsnummer: ten digits, NNNNNN-NNNN, the third 2 or more (a month no person is born in), the last a
 * Luhn check digit; Skatteverket's twelve-digit form with the prefix 16 is the same number. A sole trader (enskild
 * firma) has the owner's personnummer as the company's number: taken only where the question allows it.
 */
export function parseOrganisationsnummer(input: string, allowPersonnummer = false): OrganisationsnummerResult {
  const compact = input.replace(/[\s-]/g, '');
  const ten = /^16\d{10}$/.test(compact) ? compact.slice(2) : compact;
  if (/^\d{10}$/.test(ten) && Number(ten[2]) >= 2) {
    return luhnValid(ten) ? { ok: true, value: `${ten.slice(0, 6)}-${ten.slice(6)}`, soleTrader: false } : { ok: false, reason: 'checksum' };
  }
  if (/^\d{12}$/.test(compact)) {
    const person = parsePersonnummer(compact);
    if (!person.ok) return { ok: false, reason: person.reason === 'checksum' ? 'checksum' : 'format' };
    return allowPersonnummer ? { ok: true, value: person.value, soleTrader: true } : { ok: false, reason: 'personnummer' };
  }
  return { ok: false, reason: 'format' };
}
