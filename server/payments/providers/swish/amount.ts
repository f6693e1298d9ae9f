/**
 * Swish counts money in kronor with two decimals; the kit counts whole öre. Both ways here are
 * exact: they work on the digits, never by multiplying a float by 100 (200.5 * 100 is fine, but
 * 1.15 * 100 is 114.99999999999999).
 */

/** The largest amount Swish takes: 999999999999.99 SEK (Swish API: amount of a payment request). */
export const SWISH_MAX_ORE = 99_999_999_999_999;

/** 20050 → '200.50': the string with two decimals that Swish's create calls ask for. */
export function oreToSwishAmount(ore: number): string {
  if (!Number.isSafeInteger(ore) || ore < 0) throw new RangeError(`Not a whole, non-negative number of öre: ${ore}`);
  return `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`;
}

/**
 * '200.50', '200' or 200.5 → 20050. Swish's answers carry `amount` as a JSON number (100.00 in
 * its examples), its requests as a string: both are read. A number is first written with two
 * decimals, which gives back the decimal the double stands for. Returns null for anything else.
 */
export function swishAmountToOre(amount: string | number): number | null {
  const text = typeof amount === 'number' ? (Number.isFinite(amount) && amount >= 0 ? amount.toFixed(2) : '') : amount;
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
