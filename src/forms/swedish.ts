/**
 * Swedish formats citizens type: personnummer and samordningsnummer, phone numbers,
 * postal codes. Each parser answers with the normal form or the reason it can't.
 */

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
  return { ok: true, value: `${compact.slice(0, 8)}-${compact.slice(8)}`, samordningsnummer, birthDate };
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
