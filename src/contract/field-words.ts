/**
 * The fixed words of a question's definition, as plain lists without zod, for the browser's checks
 * (src/client/checks/fields.ts); src/contract/fields.ts makes the schemas of them.
 */

/** Values the browser's autofill understands (HTML autocomplete tokens we use). */
export const AUTOCOMPLETE_TOKENS = [
  'off', 'name', 'given-name', 'family-name', 'email', 'tel', 'tel-national', 'street-address',
  'address-line1', 'address-line2', 'postal-code', 'address-level2', 'country-name', 'bday', 'organization',
] as const;

/** File types the server recognises from a file's own bytes. */
export const FILE_KIND_NAMES = ['pdf', 'jpeg', 'png', 'heic', 'docx', 'odt'] as const;
export type FileKind = (typeof FILE_KIND_NAMES)[number];

/** Where a logged-in citizen's answer comes from the population register (see PrefillSource). */
export const PREFILL_SOURCES = ['person.name', 'person.givenName', 'person.surname', 'person.personalNumber', 'person.address'] as const;
