import type { Answers, AnswerValue } from '../contract/cases.js';
import type { Field, ServiceDefinition } from '../contract/definition.js';
import type { Language } from '../contract/text.js';
import { t, type MessageKey, type MessageParams } from '../i18n/index.js';

/**
 * The one definition of a valid answer, run in the browser before sending and
 * on the server on receipt. No DOM, no I/O.
 */

export type ValidationCode = 'required' | 'email' | 'maxLength' | 'option' | 'type' | 'unknownField';

export interface FieldError {
  /** The field id the error belongs to. */
  path: string;
  code: ValidationCode;
  params: MessageParams;
}

export interface ValidationResult {
  /** The answers to keep: trimmed, known questions only, empty optional answers left out. */
  values: Answers;
  errors: FieldError[];
}

/** Lengths people can't see the difference of: an e-mail address can hold at most 254 characters. */
export const DEFAULT_MAX_LENGTH: Record<Field['type'], number> = {
  text: 200,
  textarea: 2000,
  email: 254,
  select: 200,
  radio: 200,
};

// The shape GOV.UK checks: something, an @, something with a dot, no spaces.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function allFields(definition: Pick<ServiceDefinition, 'steps'>): Field[] {
  return definition.steps.flatMap((step) => step.fields);
}

export function isRequired(field: Field): boolean {
  return field.required !== false;
}

export function maxLengthOf(field: Field): number {
  return ('maxLength' in field && field.maxLength) || DEFAULT_MAX_LENGTH[field.type];
}

/** Counts what a person sees as characters, so "å" or an emoji counts once. */
export function characterCount(value: string): number {
  return [...value].length;
}

export function validateField(field: Field, raw: AnswerValue | undefined): { value?: string; error?: FieldError } {
  const fail = (code: ValidationCode, params: MessageParams = {}) => ({ error: { path: field.id, code, params } });
  if (raw !== undefined && raw !== null && typeof raw !== 'string') return fail('type');
  const value = (raw ?? '').trim();

  if (value === '') return isRequired(field) ? fail('required') : {};

  const max = maxLengthOf(field);
  const count = characterCount(value);
  if (count > max) return fail('maxLength', { max, count });

  switch (field.type) {
    case 'email':
      if (!EMAIL_PATTERN.test(value)) return fail('email');
      break;
    case 'select':
    case 'radio':
      if (!field.options.some((option) => option.value === value)) return fail('option');
      break;
    case 'text':
    case 'textarea':
      break;
  }
  return { value };
}

export function validateAnswers(definition: Pick<ServiceDefinition, 'steps'>, answers: Answers): ValidationResult {
  const fields = allFields(definition);
  const known = new Set(fields.map((field) => field.id));
  const values: Answers = {};
  const errors: FieldError[] = [];

  for (const field of fields) {
    const { value, error } = validateField(field, answers[field.id]);
    if (error) errors.push(error);
    else if (value !== undefined) values[field.id] = value;
  }
  for (const path of Object.keys(answers)) {
    if (!known.has(path)) errors.push({ path, code: 'unknownField', params: {} });
  }
  return { values, errors };
}

const MESSAGE_KEYS: Record<ValidationCode, MessageKey> = {
  required: 'validation.required',
  email: 'validation.email',
  maxLength: 'validation.maxLength',
  option: 'validation.option',
  type: 'validation.type',
  unknownField: 'validation.unknownField',
};

/** The message a citizen reads, the same beside the field and in the error summary. */
export function errorMessage(error: FieldError, field: Field | undefined, lang: Language): string {
  if (!field) return t(lang, 'validation.unknownField', { path: error.path });
  if (error.code === 'required') {
    if (field.requiredMessage) return field.requiredMessage[lang];
    const isChoice = field.type === 'select' || field.type === 'radio';
    return t(lang, isChoice ? 'validation.requiredChoice' : 'validation.required', { label: field.label[lang] });
  }
  return t(lang, MESSAGE_KEYS[error.code], { label: field.label[lang], ...error.params });
}
