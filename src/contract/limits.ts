/**
 * What the database can hold — the one place that says so. PostgreSQL (and PGlite) refuse NUL in
 * text and `\u0000` in jsonb, UTF-8 has no lone surrogates (half of an emoji, cut off), an `integer`
 * column ends at 2³¹ − 1, and a timestamp's year runs from 1 to 9999 here. A value past these is the
 * sender's mistake, answered 400 with the field named (code `characters`, `min` or `max`), never a
 * failure in the database. Plain values and functions, without zod, for the browser's form engine too;
 * src/contract/storable.ts makes zod checks of them.
 */

/** The issue code (and the kit's message `validation.characters`) for text the database cannot hold. */
export const CHARACTERS = 'characters';

/** A NUL, a high surrogate without its low half, or a low half without its high one. */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/** The largest value of an `integer` column (versions, counters). */
export const INT_MAX = 2_147_483_647;

/** The first and last day a date answer or a time may have. */
export const DATE_MIN = '0001-01-01';
export const DATE_MAX = '9999-12-31';

/** A time the database can hold: an ISO 8601 instant in the years 1–9999 (a `timestamptz`). */
export function isStorableTime(time: Date): boolean {
  const year = time.getUTCFullYear();
  return year >= 1 && year <= 9999;
}
