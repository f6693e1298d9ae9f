import type { Field, GroupItemField } from '../contract/definition.js';

/**
 * The limits a question shows while the citizen answers (a text area's characters left, an address's parts, how many
 * files): apart from the check of the answers (validate.ts), so that the questions can show them without loading it.
 */

export const DEFAULT_MAX_LENGTH = { text: 200, textarea: 2000, email: 254 } as const;
export const DEFAULT_MAX_FILES = 5;
export const ADDRESS_PARTS = ['street', 'postalCode', 'city'] as const;

export function maxLengthOf(field: Field | GroupItemField): number {
  const own = 'maxLength' in field ? field.maxLength : undefined;
  if (own) return own;
  return field.type === 'textarea' ? DEFAULT_MAX_LENGTH.textarea : field.type === 'email' ? DEFAULT_MAX_LENGTH.email : DEFAULT_MAX_LENGTH.text;
}

/** Counts what a person sees as characters, so "å" or an emoji counts once. */
export function characterCount(value: string): number {
  return [...value].length;
}
