import * as z from 'zod/mini';
import { Condition } from './conditions.js';
import { AUTOCOMPLETE_TOKENS, FILE_KIND_NAMES, PREFILL_SOURCES } from './field-words.js';
import { LocalizedText } from './text.js';

/** Every kind of question an e-service asks. */

export const fieldId = z.string().check(
  z.regex(/^[a-zA-Z][a-zA-Z0-9_]{0,62}$/, 'letters, digits and underscores, starting with a letter'),
);

/** Values the browser's autofill understands (HTML autocomplete tokens we use). */
export const AutocompleteToken = z.enum(AUTOCOMPLETE_TOKENS);

export const Option = z.object({ value: z.string().check(z.minLength(1), z.maxLength(200)), label: LocalizedText });
export type Option = z.infer<typeof Option>;

/**
 * Where a logged-in citizen's answer comes from the population register (folkbokföring).
 * Such a question is filled in and locked; the server takes the value from the register
 * again on receipt. A person with skyddad folkbokföring gets no contact data prefilled.
 */
export const PrefillSource = z.enum(PREFILL_SOURCES);
export type PrefillSource = z.infer<typeof PrefillSource>;

const common = {
  id: fieldId,
  label: LocalizedText,
  /**
   * The question as someone other than the applicant reads it among the answers — the other guardian
   * asked to cosign, the case officer: "Vårdnadshavarens telefonnummer" where the label asks the
   * applicant "Ditt telefonnummer". Without it, the label.
   */
  summaryLabel: z.optional(LocalizedText),
  hint: z.optional(LocalizedText),
  /** Questions are required unless the definition says otherwise. */
  required: z.optional(z.boolean()),
  /** Required only when this holds (overrides `required`). */
  requiredWhen: z.optional(Condition),
  /** Asked only when this holds; answers to a hidden question are dropped. */
  visibleWhen: z.optional(Condition),
  /** Replaces the generic "fill in …" message for this question. */
  requiredMessage: z.optional(LocalizedText),
  /** Filled from the population register after an e-ID login (text, personnummer and address questions). */
  prefill: z.optional(PrefillSource),
  /**
   * What an answer must hold beside its own type's rules, each with the message a citizen reads when it does not —
   * such as an end date on or after the start date: `{ "holds": { "field": "end", "onOrAfter": { "field": "start" } },
   * "message": { "sv": "…", "en": "…" } }`. Checked once the question is answered, in the browser and on the server.
   */
  rules: z.optional(z.array(z.object({ holds: Condition, message: LocalizedText })).check(z.minLength(1), z.maxLength(10))),
  /**
   * Said beside the answer, and on the review, when its condition holds — without stopping the citizen from sending:
   * `{ "when": { "field": "distanceToWell", "lessThan": 30 }, "message": { "sv": "Avståndet till brunnen är kortare
   * än 30 m – kontrollera att det stämmer", "en": "…" } }`. The first that holds is shown; inside a repeating group, beside
   * each item's answer, over that item's answers.
   */
  warnings: z.optional(z.array(z.object({ when: Condition, message: LocalizedText })).check(z.minLength(1), z.maxLength(10))),
};

const maxLength = z.optional(z.int().check(z.minimum(1), z.maximum(100_000)));
const options = (min: number) => z.array(Option).check(z.minLength(min), z.maxLength(500));

/**
 * What a text answer must look like, beyond its length: a regular expression the whole answer matches (e.g. a
 * fastighetsbeteckning, "Exempelby Ängen 1:23"), and the message a citizen reads when it does not, in both languages.
 */
export const TextPattern = z.object({
  regex: z.string().check(z.minLength(1), z.maxLength(500), z.refine(compiles, 'must be a regular expression JavaScript can read (with the u flag)')),
  message: LocalizedText,
});

function compiles(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

export const TextField = z.object({
  ...common, type: z.literal('text'), maxLength, autocomplete: z.optional(AutocompleteToken), pattern: z.optional(TextPattern),
});
export const TextareaField = z.object({
  ...common, type: z.literal('textarea'), maxLength, rows: z.optional(z.int().check(z.minimum(2), z.maximum(30))),
});
export const NumberField = z.object({
  ...common,
  type: z.literal('number'),
  /** Beside the input, and after the answer: "personer", "people". */
  unit: z.optional(LocalizedText),
  /** After an answer the language counts as one (1, not 1,5 nor 0): "person"; without it, `unit` always. */
  unitOne: z.optional(LocalizedText),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  /** How many decimals are allowed; 0 (whole numbers) by default. */
  decimals: z.optional(z.int().check(z.minimum(0), z.maximum(6))),
});
export const EmailField = z.object({ ...common, type: z.literal('email'), maxLength, autocomplete: z.optional(AutocompleteToken) });
/** A Swedish phone number: 07x-xxx xx xx, 08-123 45 67 or +46 …. */
export const PhoneField = z.object({ ...common, type: z.literal('phone'), autocomplete: z.optional(AutocompleteToken) });
/** 12 digits (ÅÅÅÅMMDD-NNNN), date and check digit verified; a samordningsnummer is recognised as such. */
export const PersonnummerField = z.object({
  ...common, type: z.literal('personnummer'), allowSamordningsnummer: z.optional(z.boolean()),
});
export const PostalCodeField = z.object({ ...common, type: z.literal('postalCode') });
/**
 * A Swedish organisationsnummer, NNNNNN-NNNN (the 16-prefixed twelve-digit form taken too), check digit verified. A
 * sole trader's company number is the owner's personnummer: taken when `allowPersonnummer` says so.
 */
export const OrganisationsnummerField = z.object({
  ...common, type: z.literal('organisationsnummer'), allowPersonnummer: z.optional(z.boolean()),
});
const clock = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM'));
/** A time of day, HH:MM (24 hours), within `min` and `max` when given. */
export const TimeField = z.object({ ...common, type: z.literal('time'), min: z.optional(clock), max: z.optional(clock) });
/** A date; the limits count days from the day the form is filled in (negative: in the past). */
export const DateField = z.object({
  ...common,
  type: z.literal('date'),
  minDaysFromToday: z.optional(z.int()),
  maxDaysFromToday: z.optional(z.int()),
  autocomplete: z.optional(AutocompleteToken),
});
export const YesNoField = z.object({ ...common, type: z.literal('yesNo') });
export const RadioField = z.object({ ...common, type: z.literal('radio'), options: options(2) });
export const SelectField = z.object({ ...common, type: z.literal('select'), options: options(1) });
/** One box to tick, such as "I confirm that the information is correct". Required means it must be ticked. */
export const CheckboxField = z.object({ ...common, type: z.literal('checkbox') });
export const CheckboxGroupField = z.object({
  ...common,
  type: z.literal('checkboxGroup'),
  options: options(1),
  minSelected: z.optional(z.int().check(z.minimum(1))),
  maxSelected: z.optional(z.int().check(z.minimum(1))),
});

/** File types the server recognises from a file's own bytes. */
export const FileKind = z.enum(FILE_KIND_NAMES);
export type FileKind = z.infer<typeof FileKind>;

export const FileField = z.object({
  ...common,
  type: z.literal('file'),
  maxFiles: z.optional(z.int().check(z.minimum(1), z.maximum(20))),
  /** Largest size of one file, in megabytes (at most 25). */
  maxSizeMb: z.optional(z.number().check(z.positive(), z.maximum(25))),
  accept: z.optional(z.array(FileKind).check(z.minLength(1))),
});
/** Text to read, not a question: a safe Markdown subset (paragraphs, lists, links, bold). */
export const InfoField = z.object({
  id: fieldId,
  type: z.literal('info'),
  label: z.optional(LocalizedText),
  text: LocalizedText,
  visibleWhen: z.optional(Condition),
});
/** Street address, postal code and town, filled by the browser's autofill. */
export const AddressField = z.object({ ...common, type: z.literal('address') });

/** The questions a repeating group may hold (anything but another group). */
export const GroupItemField = z.discriminatedUnion('type', [
  TextField, TextareaField, NumberField, EmailField, PhoneField, PersonnummerField, PostalCodeField, DateField,
  YesNoField, RadioField, SelectField, CheckboxField, CheckboxGroupField, InfoField, AddressField, OrganisationsnummerField, TimeField,
]);
export type GroupItemField = z.infer<typeof GroupItemField>;

/** The same questions asked again for each of several things, e.g. household members or allergies. */
export const GroupField = z.object({
  ...common,
  type: z.literal('group'),
  fields: z.array(GroupItemField).check(z.minLength(1)),
  /** What one item is called, e.g. "Allergi" / "Allergy"; items are numbered after it. */
  itemLabel: LocalizedText,
  minItems: z.optional(z.int().check(z.minimum(0), z.maximum(50))),
  maxItems: z.optional(z.int().check(z.minimum(1), z.maximum(50))),
});

/**
 * "Which child?": the children the logged-in citizen has custody of, from the population
 * register; a child with protected identity is never listed. The answer is the child's
 * personnummer, and the server checks the custody again on receipt.
 */
export const ChildField = z.object({
  ...common,
  type: z.literal('child'),
  /** Only children at the municipality's own preschools and schools. */
  ownSchoolsOnly: z.optional(z.boolean()),
});

export const Field = z.discriminatedUnion('type', [
  TextField, TextareaField, NumberField, EmailField, PhoneField, PersonnummerField, PostalCodeField, DateField,
  YesNoField, RadioField, SelectField, CheckboxField, CheckboxGroupField, FileField, InfoField, AddressField, GroupField,
  ChildField, OrganisationsnummerField, TimeField,
]);
export type Field = z.infer<typeof Field>;
export type FieldType = Field['type'];
/** Questions that take an answer (information text takes none). */
export type QuestionField = Exclude<Field, { type: 'info' }>;
export type QuestionItemField = Exclude<GroupItemField, { type: 'info' }>;
