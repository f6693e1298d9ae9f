import type { Field, GroupItemField, ServiceDefinition } from '../contract/definition.js';
import type { Language } from '../contract/text.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { FieldError, ValidationCode } from './validate.js';
import '../i18n/messages.validation.js';

/** The question an error path points at: `id`, `group.2.child` or `address.street`. */
export interface PathTarget {
  field: Field | GroupItemField;
  group?: { field: Extract<Field, { type: 'group' }>; index: number };
  part?: string;
}

export function fieldAtPath(definition: Pick<ServiceDefinition, 'steps'>, path: string): PathTarget | undefined {
  const [id, second, third, fourth] = path.split('.');
  const field = questionsById(definition.steps).get(id!);
  if (!field) return undefined;
  if (field.type === 'group' && second !== undefined && third !== undefined) {
    const child = field.fields.find((candidate) => candidate.id === third);
    if (!child) return undefined;
    return { field: child, group: { field, index: Number(second) }, ...(fourth ? { part: fourth } : {}) };
  }
  return { field, ...(second ? { part: second } : {}) };
}

/** Every question of a definition by id, made once per definition: a long form's error messages look up hundreds. */
const byId = new WeakMap<ServiceDefinition['steps'], Map<string, Field>>();
function questionsById(steps: ServiceDefinition['steps']): Map<string, Field> {
  let questions = byId.get(steps);
  if (!questions) {
    questions = new Map(steps.flatMap((step) => step.fields.map((field) => [field.id, field] as const)));
    byId.set(steps, questions);
  }
  return questions;
}

const KEYS: Record<ValidationCode, MessageKey> = {
  required: 'validation.required', type: 'validation.type', unknownField: 'validation.unknownField', characters: 'validation.characters',
  maxLength: 'validation.maxLength', option: 'validation.option', email: 'validation.email',
  number: 'validation.number', wholeNumber: 'validation.wholeNumber', decimals: 'validation.decimals',
  min: 'validation.min', max: 'validation.max', phone: 'validation.phone', personnummer: 'validation.personnummer',
  personnummerDate: 'validation.personnummerDate', personnummerChecksum: 'validation.personnummerChecksum',
  samordningsnummer: 'validation.samordningsnummer', postalCode: 'validation.postalCode', date: 'validation.date',
  dateMin: 'validation.dateMin', dateMax: 'validation.dateMax', pattern: 'validation.type',
  organisationsnummer: 'validation.organisationsnummer', organisationsnummerChecksum: 'validation.organisationsnummerChecksum',
  organisationsnummerPerson: 'validation.organisationsnummerPerson', time: 'validation.time', timeMin: 'validation.timeMin',
  timeMax: 'validation.timeMax', rule: 'validation.type', minSelected: 'validation.minSelected',
  maxSelected: 'validation.maxSelected', maxFiles: 'validation.maxFiles', minItems: 'validation.minItems',
  maxItems: 'validation.maxItems',
};

const REQUIRED_KEYS: Partial<Record<Field['type'], MessageKey>> = {
  select: 'validation.requiredChoice', radio: 'validation.requiredChoice', yesNo: 'validation.requiredChoice',
  checkbox: 'validation.requiredCheckbox', checkboxGroup: 'validation.requiredSeveral', file: 'validation.requiredFile',
  group: 'validation.requiredItems',
};

const PART_REQUIRED: Record<string, MessageKey> = {
  street: 'validation.requiredStreet', postalCode: 'validation.requiredPostalCode', city: 'validation.requiredCity',
};

/** The message a citizen reads, the same beside the field and in the error summary, in their language. */
export function errorMessage(error: FieldError, definition: Pick<ServiceDefinition, 'steps'>, lang: Language): string {
  const target = fieldAtPath(definition, error.path);
  if (!target || error.code === 'unknownField') return t(lang, 'validation.unknownField', { path: error.path });
  const { field, group, part } = target;
  const label = field.label?.[lang] ?? field.id;
  let message: string;
  if (error.code === 'required' && part && PART_REQUIRED[part]) message = t(lang, PART_REQUIRED[part]);
  else if (error.code === 'required' && 'requiredMessage' in field && field.requiredMessage) message = field.requiredMessage[lang];
  else if (error.code === 'pattern' && field.type === 'text' && field.pattern) message = field.pattern.message[lang];
  else if (error.code === 'rule' && 'rules' in field && field.rules?.[Number(error.params.rule)]) message = field.rules[Number(error.params.rule)]!.message[lang];
  else if (error.code === 'required') message = t(lang, REQUIRED_KEYS[field.type] ?? 'validation.required', { label });
  else message = t(lang, KEYS[error.code], { label, ...error.params });
  if (!group) return message;
  return t(lang, 'validation.inItem', { item: group.field.itemLabel[lang], number: group.index + 1, message });
}
