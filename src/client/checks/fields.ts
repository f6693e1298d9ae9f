import * as v from 'valibot';
import { AUTOCOMPLETE_TOKENS, FILE_KIND_NAMES, PREFILL_SOURCES } from '../../contract/field-words.js';
import { Condition } from './conditions.js';
import { LocalizedText } from './text.js';

/** The questions of a definition (src/contract/fields.ts), each by its `type`. */

const int = v.pipe(v.number(), v.integer());
const text = v.optional(LocalizedText);
const autocomplete = v.optional(v.picklist(AUTOCOMPLETE_TOKENS));

const common = {
  id: v.string(),
  label: LocalizedText,
  summaryLabel: text,
  hint: text,
  required: v.optional(v.boolean()),
  requiredWhen: v.optional(Condition),
  visibleWhen: v.optional(Condition),
  requiredMessage: text,
  prefill: v.optional(v.picklist(PREFILL_SOURCES)),
  rules: v.optional(v.array(v.looseObject({ holds: Condition, message: LocalizedText }))),
  warnings: v.optional(v.array(v.looseObject({ when: Condition, message: LocalizedText }))),
};
const options = v.array(v.looseObject({ value: v.string(), label: LocalizedText }));
const question = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) =>
  v.looseObject({ ...common, type: v.literal(type), ...entries });

const itemFields = [
  question('text', { maxLength: v.optional(int), autocomplete, pattern: v.optional(v.looseObject({ regex: v.string(), message: LocalizedText })) }),
  question('textarea', { maxLength: v.optional(int), rows: v.optional(int) }),
  question('number', { unit: text, unitOne: text, min: v.optional(v.number()), max: v.optional(v.number()), decimals: v.optional(int) }),
  question('email', { maxLength: v.optional(int), autocomplete }),
  question('phone', { autocomplete }),
  question('personnummer', { allowSamordningsnummer: v.optional(v.boolean()) }),
  question('postalCode', {}),
  question('date', { minDaysFromToday: v.optional(int), maxDaysFromToday: v.optional(int), autocomplete }),
  question('yesNo', {}),
  question('radio', { options }),
  question('select', { options }),
  question('checkbox', {}),
  question('checkboxGroup', { options, minSelected: v.optional(int), maxSelected: v.optional(int) }),
  v.looseObject({ id: v.string(), type: v.literal('info'), label: text, text: LocalizedText, visibleWhen: v.optional(Condition) }),
  question('address', {}),
  question('organisationsnummer', { allowPersonnummer: v.optional(v.boolean()) }),
  question('time', { min: v.optional(v.string()), max: v.optional(v.string()) }),
] as const;

export const Field = v.variant('type', [
  ...itemFields,
  question('file', { maxFiles: v.optional(int), maxSizeMb: v.optional(v.number()), accept: v.optional(v.array(v.picklist(FILE_KIND_NAMES))) }),
  question('group', {
    fields: v.array(v.variant('type', itemFields)),
    itemLabel: LocalizedText,
    minItems: v.optional(int),
    maxItems: v.optional(int),
  }),
  question('child', { ownSchoolsOnly: v.optional(v.boolean()) }),
]);
