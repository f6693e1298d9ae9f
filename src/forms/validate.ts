import type { Answers, AnswerValue, ItemAnswers } from '../contract/cases.js';
import type { Field, GroupItemField, ServiceDefinition, Step } from '../contract/definition.js';
import { DATE_MIN, isStorableText } from '../contract/limits.js';
import { evaluate, isAnswered, parseTime, toNumber, type FormFacts, type Lookup } from './conditions.js';
import { addDays, parseIsoDate, todayInSweden } from './dates.js';
import { parseOrganisationsnummer, parsePersonnummer, parsePhone, parsePostalCode } from './swedish.js';
import { viewForm } from './visibility.js';
import { ADDRESS_PARTS, DEFAULT_MAX_FILES, DEFAULT_MAX_LENGTH, characterCount, maxLengthOf } from './field-limits.js';

/**
 * The one definition of a valid answer, run in the browser before each step and
 * before sending, and on the server on receipt. No DOM, no I/O.
 */

export type ValidationCode =
  | 'required' | 'type' | 'unknownField' | 'characters' | 'maxLength' | 'option' | 'email'
  | 'number' | 'wholeNumber' | 'decimals' | 'min' | 'max'
  | 'phone' | 'personnummer' | 'personnummerDate' | 'personnummerChecksum' | 'samordningsnummer'
  | 'postalCode' | 'date' | 'dateMin' | 'dateMax' | 'pattern'
  | 'organisationsnummer' | 'organisationsnummerChecksum' | 'organisationsnummerPerson' | 'time' | 'timeMin' | 'timeMax' | 'rule'
  | 'minSelected' | 'maxSelected' | 'maxFiles' | 'minItems' | 'maxItems';

export interface FieldError {
  /** Where: a question's id; `group.0.child` inside a repeating group; `address.street` for a part. */
  path: string;
  code: ValidationCode;
  params: Record<string, string | number>;
}

export interface ValidationResult {
  /** The answers to keep: normalised, visible questions only, unanswered optional ones left out. */
  values: Answers;
  errors: FieldError[];
}

export interface ValidationOptions {
  /** YYYY-MM-DD; today in Sweden unless given (tests). */
  today?: string;
  /** What the population register says, for conditions that read it (custody). */
  facts?: FormFacts;
}

// The shape GOV.UK checks: something, an @, a domain with a dot, no spaces.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const ATTACHMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function allFields(definition: Pick<ServiceDefinition, 'steps'>): Field[] {
  return definition.steps.flatMap((step) => step.fields);
}

type Outcome = { value?: AnswerValue; errors: FieldError[] };
const ok = (value?: AnswerValue): Outcome => ({ value, errors: [] });
const fail = (path: string, code: ValidationCode, params: FieldError['params'] = {}): Outcome => ({
  errors: [{ path, code, params }],
});

/** Checks one answer of one question; `required` comes from the conditions. */
export function checkAnswer(
  field: Exclude<GroupItemField, { type: 'info' }> | Exclude<Field, { type: 'info' | 'group' }>,
  raw: AnswerValue | undefined,
  required: boolean,
  path: string,
  today: string,
): Outcome {
  if (!isAnswered(raw) && !(field.type === 'yesNo' && typeof raw === 'boolean')) {
    return required ? fail(path, 'required') : ok();
  }
  const text = typeof raw === 'string' ? raw.trim() : undefined;
  // A NUL or half an emoji (pasted from somewhere): no database can keep it, whatever the question.
  if (text !== undefined && !isStorableText(text)) return fail(path, 'characters');

  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email': {
      if (text === undefined) return fail(path, 'type');
      const max = maxLengthOf(field);
      const count = characterCount(text);
      if (count > max) return fail(path, 'maxLength', { max, count });
      if (field.type === 'email' && !EMAIL_PATTERN.test(text)) return fail(path, 'email');
      // The whole answer, as the definition's own message says it should look.
      if (field.type === 'text' && field.pattern && !new RegExp(`^(?:${field.pattern.regex})$`, 'u').test(text)) return fail(path, 'pattern');
      return ok(text);
    }
    case 'select':
    case 'radio':
      if (text === undefined) return fail(path, 'type');
      return field.options.some((option) => option.value === text) ? ok(text) : fail(path, 'option');
    case 'number': {
      const number = toNumber(raw);
      if (number === undefined) return fail(path, 'number');
      const decimals = field.decimals ?? 0;
      const written = typeof raw === 'string' ? raw.trim().replace(',', '.') : String(raw);
      const places = written.includes('.') ? written.split('.')[1]!.length : 0;
      if (places > decimals) return decimals === 0 ? fail(path, 'wholeNumber') : fail(path, 'decimals', { decimals });
      if (field.min !== undefined && number < field.min) return fail(path, 'min', { min: field.min });
      if (field.max !== undefined && number > field.max) return fail(path, 'max', { max: field.max });
      return ok(number);
    }
    case 'phone': {
      const phone = text === undefined ? undefined : parsePhone(text);
      return phone ? ok(phone) : fail(path, text === undefined ? 'type' : 'phone');
    }
    case 'personnummer': {
      if (text === undefined) return fail(path, 'type');
      const result = parsePersonnummer(text);
      if (!result.ok) {
        const code = result.reason === 'format' ? 'personnummer' : result.reason === 'date' ? 'personnummerDate' : 'personnummerChecksum';
        return fail(path, code);
      }
      if (result.samordningsnummer && field.allowSamordningsnummer === false) return fail(path, 'samordningsnummer');
      return ok(result.value);
    }
    case 'child':
      // Which children may be chosen is the register's to say: the server checks the custody.
      return text !== undefined && /^\d{12}$/.test(text) ? ok(text) : fail(path, 'option');
    case 'organisationsnummer': {
      if (text === undefined) return fail(path, 'type');
      const result = parseOrganisationsnummer(text, field.allowPersonnummer);
      if (result.ok) return ok(result.value);
      return fail(path, result.reason === 'format' ? 'organisationsnummer' : result.reason === 'checksum' ? 'organisationsnummerChecksum' : 'organisationsnummerPerson');
    }
    case 'time': {
      const time = text === undefined ? undefined : parseTime(text);
      if (!time) return fail(path, text === undefined ? 'type' : 'time');
      // HH:MM compares as text.
      if (field.min && time < field.min) return fail(path, 'timeMin', { time: field.min });
      if (field.max && time > field.max) return fail(path, 'timeMax', { time: field.max });
      return ok(time);
    }
    case 'postalCode': {
      const code = text === undefined ? undefined : parsePostalCode(text);
      return code ? ok(code) : fail(path, text === undefined ? 'type' : 'postalCode');
    }
    case 'date': {
      const date = text === undefined ? undefined : parseIsoDate(text);
      if (!date) return fail(path, text === undefined ? 'type' : 'date');
      if (date < DATE_MIN) return fail(path, 'dateMin', { date: DATE_MIN });
      if (field.minDaysFromToday !== undefined) {
        const min = addDays(today, field.minDaysFromToday);
        if (date < min) return fail(path, 'dateMin', { date: min });
      }
      if (field.maxDaysFromToday !== undefined) {
        const max = addDays(today, field.maxDaysFromToday);
        if (date > max) return fail(path, 'dateMax', { date: max });
      }
      return ok(date);
    }
    case 'yesNo':
      return typeof raw === 'boolean' ? ok(raw) : fail(path, 'type');
    case 'checkbox':
      if (raw === true) return ok(true);
      return raw === false ? (required ? fail(path, 'required') : ok()) : fail(path, 'type');
    case 'checkboxGroup': {
      if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string')) return fail(path, 'type');
      const chosen = new Set(raw as string[]);
      if ([...chosen].some((value) => !field.options.some((option) => option.value === value))) return fail(path, 'option');
      const values = field.options.map((option) => option.value).filter((value) => chosen.has(value));
      if (field.minSelected && values.length < field.minSelected) return fail(path, 'minSelected', { min: field.minSelected });
      if (field.maxSelected && values.length > field.maxSelected) return fail(path, 'maxSelected', { max: field.maxSelected });
      return ok(values);
    }
    case 'file': {
      if (!Array.isArray(raw) || raw.some((id) => typeof id !== 'string' || !ATTACHMENT_ID.test(id))) return fail(path, 'type');
      const max = field.maxFiles ?? DEFAULT_MAX_FILES;
      if (raw.length > max) return fail(path, 'maxFiles', { max });
      return ok([...new Set(raw as string[])]);
    }
    case 'address': {
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail(path, 'type');
      const parts = raw as Record<string, unknown>;
      const errors: FieldError[] = [];
      const value: Record<string, string> = {};
      for (const key of Object.keys(parts)) {
        if (!(ADDRESS_PARTS as readonly string[]).includes(key)) errors.push({ path: `${path}.${key}`, code: 'unknownField', params: {} });
      }
      for (const part of ADDRESS_PARTS) {
        const piece = parts[part];
        if (piece !== undefined && typeof piece !== 'string') {
          errors.push({ path: `${path}.${part}`, code: 'type', params: {} });
          continue;
        }
        const trimmed = (piece ?? '').trim();
        if (!trimmed) errors.push({ path: `${path}.${part}`, code: 'required', params: {} });
        else if (!isStorableText(trimmed)) errors.push({ path: `${path}.${part}`, code: 'characters', params: {} });
        else if (part === 'postalCode') {
          const code = parsePostalCode(trimmed);
          if (code) value[part] = code;
          else errors.push({ path: `${path}.${part}`, code: 'postalCode', params: {} });
        } else if (characterCount(trimmed) > DEFAULT_MAX_LENGTH.text) {
          errors.push({ path: `${path}.${part}`, code: 'maxLength', params: { max: DEFAULT_MAX_LENGTH.text, count: characterCount(trimmed) } });
        } else value[part] = trimmed;
      }
      return errors.length ? { errors } : ok(value);
    }
  }
}

function checkGroup(
  group: Extract<Field, { type: 'group' }>,
  raw: AnswerValue | undefined,
  required: boolean,
  view: ReturnType<typeof viewForm>,
  today: string,
  facts: FormFacts | undefined,
): Outcome {
  const path = group.id;
  if (raw !== undefined && raw !== null && !(Array.isArray(raw) && raw.every(isItem))) return fail(path, 'type');
  const items = (raw ?? []) as ItemAnswers[];
  const min = group.minItems ?? (required ? 1 : 0);
  if (items.length < min) return fail(path, items.length === 0 && required ? 'required' : 'minItems', { min });
  if (group.maxItems && items.length > group.maxItems) return fail(path, 'maxItems', { max: group.maxItems });
  if (items.length === 0) return ok();

  const errors: FieldError[] = [];
  const values: ItemAnswers[] = [];
  items.forEach((item, index) => {
    const itemView = view.item(group, item);
    const known = new Set(group.fields.map((field) => field.id));
    for (const key of Object.keys(item)) {
      if (!known.has(key)) errors.push({ path: `${path}.${index}.${key}`, code: 'unknownField', params: {} });
    }
    const kept: ItemAnswers = {};
    for (const field of group.fields) {
      if (field.type === 'info' || !itemView.isVisible(field)) continue;
      const outcome = withRules(field, checkAnswer(field, item[field.id], itemView.isRequired(field), `${path}.${index}.${field.id}`, today), `${path}.${index}.${field.id}`, itemView.lookup, facts);
      errors.push(...outcome.errors);
      if (outcome.value !== undefined) kept[field.id] = outcome.value as ItemAnswers[string];
    }
    values.push(kept);
  });
  return errors.length ? { errors } : ok(values);
}

/** An answer that holds its own type's rules must also hold the definition's `rules`: the first it breaks is its error. */
function withRules(field: Field | GroupItemField, outcome: Outcome, path: string, lookup: Lookup, facts: FormFacts | undefined): Outcome {
  if (outcome.errors.length || outcome.value === undefined || !('rules' in field) || !field.rules) return outcome;
  const broken = field.rules.findIndex((rule) => !evaluate(rule.holds, lookup, facts));
  return broken < 0 ? outcome : fail(path, 'rule', { rule: broken });
}

function isItem(value: unknown): value is ItemAnswers {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Checks the answers to the questions of the given steps (all visible steps by default). */
function check(
  definition: Pick<ServiceDefinition, 'steps' | 'computed'>,
  answers: Answers,
  options: ValidationOptions,
  onlyStep?: Step,
): ValidationResult {
  const today = options.today ?? todayInSweden();
  const view = viewForm(definition, answers, options.facts);
  const values: Answers = {};
  const errors: FieldError[] = [];
  for (const step of definition.steps) {
    if (onlyStep && step !== onlyStep) continue;
    if (!view.isStepVisible(step)) continue;
    for (const field of step.fields) {
      if (field.type === 'info' || !view.isVisible(field.id)) continue;
      const required = view.isRequired(field);
      const outcome =
        field.type === 'group'
          ? checkGroup(field, answers[field.id], required, view, today, options.facts)
          : withRules(field, checkAnswer(field, answers[field.id], required, field.id, today), field.id, view.lookup, options.facts);
      errors.push(...outcome.errors);
      if (outcome.value !== undefined) values[field.id] = outcome.value;
    }
  }
  if (!onlyStep) {
    // Kept with the answers under their ids, worked out from what was asked: never taken from what was sent.
    for (const computed of definition.computed ?? []) values[computed.id] = view.lookup(computed.id)!;
    const known = new Set(allFields(definition).map((field) => field.id));
    for (const path of Object.keys(answers)) {
      if (!known.has(path)) errors.push({ path, code: 'unknownField', params: {} });
    }
  }
  return { values, errors };
}

/** Every answer of the form: what the server runs on receipt, and the browser before sending. */
export function validateAnswers(
  definition: Pick<ServiceDefinition, 'steps' | 'computed'>,
  answers: Answers,
  options: ValidationOptions = {},
): ValidationResult {
  return check(definition, answers, options);
}

/** The answers of one step: what Continue checks. */
export function validateStep(
  definition: Pick<ServiceDefinition, 'steps' | 'computed'>,
  step: Step,
  answers: Answers,
  options: ValidationOptions = {},
): FieldError[] {
  return check(definition, answers, options, step).errors;
}
