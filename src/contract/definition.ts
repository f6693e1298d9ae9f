import * as z from 'zod/mini';
import { LocalizedText } from './text.js';

/**
 * An e-service definition: the versioned JSON a municipality writes, from which
 * the kit renders the form and the server validates what is sent.
 */

const identifier = z.string().check(
  z.regex(/^[a-z][a-z0-9-]{1,62}$/, 'lower-case letters, digits and hyphens, starting with a letter'),
);
const fieldId = z.string().check(
  z.regex(/^[a-zA-Z][a-zA-Z0-9_]{0,62}$/, 'letters, digits and underscores, starting with a letter'),
);

/** Values the browser's autofill understands (HTML autocomplete tokens we use). */
export const AutocompleteToken = z.enum([
  'off', 'name', 'given-name', 'family-name', 'email', 'tel', 'street-address',
  'address-line1', 'address-line2', 'postal-code', 'address-level2', 'country-name', 'bday',
]);

const fieldBase = {
  id: fieldId,
  label: LocalizedText,
  hint: z.optional(LocalizedText),
  /** Questions are required unless the definition says otherwise. */
  required: z.optional(z.boolean()),
  /** Replaces the generic "fill in …" message for this question. */
  requiredMessage: z.optional(LocalizedText),
};

const maxLength = z.optional(z.int().check(z.minimum(1), z.maximum(100_000)));

export const Option = z.object({ value: z.string().check(z.minLength(1), z.maxLength(200)), label: LocalizedText });
export type Option = z.infer<typeof Option>;

export const TextField = z.object({
  ...fieldBase,
  type: z.literal('text'),
  maxLength,
  autocomplete: z.optional(AutocompleteToken),
});
export const TextareaField = z.object({
  ...fieldBase,
  type: z.literal('textarea'),
  maxLength,
  rows: z.optional(z.int().check(z.minimum(2), z.maximum(30))),
});
export const EmailField = z.object({
  ...fieldBase,
  type: z.literal('email'),
  maxLength,
  autocomplete: z.optional(AutocompleteToken),
});
export const SelectField = z.object({
  ...fieldBase,
  type: z.literal('select'),
  options: z.array(Option).check(z.minLength(1)),
});
export const RadioField = z.object({
  ...fieldBase,
  type: z.literal('radio'),
  options: z.array(Option).check(z.minLength(2)),
});

export const Field = z.discriminatedUnion('type', [TextField, TextareaField, EmailField, SelectField, RadioField]);
export type Field = z.infer<typeof Field>;
export type FieldType = Field['type'];

export const Step = z.object({
  id: identifier,
  title: LocalizedText,
  fields: z.array(Field).check(z.minLength(1)),
});
export type Step = z.infer<typeof Step>;

export const Municipality = z.object({ id: identifier, name: LocalizedText });

export const ServiceDefinition = z
  .object({
    schemaVersion: z.literal(1),
    id: identifier,
    /** Raised whenever the questions change; a case records the version it was filled against. */
    version: z.int().check(z.minimum(1)),
    municipality: Municipality,
    title: LocalizedText,
    description: LocalizedText,
    contact: z.object({
      text: LocalizedText,
      email: z.optional(z.email()),
      phone: z.optional(z.string().check(z.regex(/^[0-9 +\-()]{5,20}$/))),
    }),
    /** Who may use the service: anyone, or only someone logged in with e-ID. */
    login: z.enum(['none', 'optional', 'required']),
    /** Case numbers read PREFIX-YEAR-NUMBER, e.g. FEL-2026-00042. */
    caseNumberPrefix: z.string().check(z.regex(/^[A-Z]{2,6}$/)),
    steps: z.array(Step).check(z.minLength(1)),
    receipt: z.object({ title: LocalizedText, text: LocalizedText }),
    /** How long personal data is kept (gallring). */
    retention: z.object({
      closedCaseDays: z.int().check(z.minimum(1), z.maximum(36_500)),
      draftDays: z.int().check(z.minimum(1), z.maximum(3_650)),
    }),
    privacyNotice: z.optional(LocalizedText),
  })
  .check(
    z.refine((definition) => duplicateFieldIds(definition).length === 0, {
      message: 'every field id must be unique within a definition',
      path: ['steps'],
    }),
  );
export type ServiceDefinition = z.infer<typeof ServiceDefinition>;

export function duplicateFieldIds(definition: { steps: { fields: { id: string }[] }[] }): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const step of definition.steps) {
    for (const field of step.fields) {
      if (seen.has(field.id)) duplicates.add(field.id);
      seen.add(field.id);
    }
  }
  return [...duplicates];
}

/** What the service list shows: the language-independent fields and the texts in both languages. */
export const ServiceSummary = z.object({
  id: identifier,
  version: z.int(),
  municipality: Municipality,
  title: LocalizedText,
  description: LocalizedText,
  login: z.enum(['none', 'optional', 'required']),
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;

export const ServiceList = z.object({ services: z.array(ServiceSummary) });
export type ServiceList = z.infer<typeof ServiceList>;
