import * as z from 'zod/mini';
import { Applicants } from './companies.js';
import { Condition, conditionFields, custodyFields } from './conditions.js';
import { Fee } from './fees.js';
import { Field, fieldId } from './fields.js';
import { EMAIL, PHONE } from './patterns.js';
import { LocalizedText } from './text.js';
import { OnePerPerson, limitsPerson, perChildUnknown } from './once-per-person.js';

/**
 * An e-service definition: the versioned JSON a municipality writes, from which
 * the kit renders the form and the server validates what is sent.
 */

const identifier = z.string().check(
  z.regex(/^[a-z][a-z0-9-]{1,62}$/, 'lower-case letters, digits and hyphens, starting with a letter'),
);

export { AutocompleteToken, Field, Option, fieldId } from './fields.js';
export type { FieldType, QuestionField, GroupItemField, QuestionItemField } from './fields.js';

export const Step = z.object({
  id: identifier,
  title: LocalizedText,
  /** Shown only when this holds; a hidden step's questions are all hidden. */
  visibleWhen: z.optional(Condition),
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
      email: z.optional(z.email({ pattern: EMAIL })),
      phone: z.optional(z.string().check(z.regex(PHONE))),
    }),
    /** Who may use the service: anyone, or only someone logged in with e-ID. */
    login: z.enum(['none', 'optional', 'required']),
    /**
     * Who may apply: private persons ("persons", the default), companies, or "both". For companies the person chooses,
     * after logging in, one of the companies the company register says they may sign for (src/contract/companies.ts);
     * the case is the company's. "companies" and "both" need login "required".
     */
    applicants: z.optional(Applicants),
    /** "sign": the citizen signs the case with BankID before it is sent (needs login "required"). */
    signing: z.optional(z.enum(['none', 'sign'])),
    /**
     * Flerpartssignering: after the applicant signs, others must sign too before the case is sent
     * (needs signing "sign"). "otherGuardians": the other guardians of the child the `childField`
     * question names, from the population register; "namedPerson": the person whose personnummer
     * the `personField` question holds. The invitation goes to the e-mail (or mobile number) the
     * `inviteField` question holds. "companySignatories" (applicants "companies" or "both"): when the company
     * register says the applicant signs for the chosen company jointly, the other signatory the applicant names
     * with the company, at the address given there (no inviteField); a company signed alone is sent at once.
     */
    cosigning: z.optional(z.object({
      who: z.enum(['otherGuardians', 'namedPerson', 'companySignatories']),
      childField: z.optional(z.string()),
      personField: z.optional(z.string()),
      inviteField: z.optional(z.string()),
      /** Days the others have to sign (28 by default); a reminder goes a week before. */
      deadlineDays: z.optional(z.int().check(z.minimum(1), z.maximum(90))),
    })),
    /**
     * A citizen logged in with a foreign e-ID (eIDAS) that names no Swedish personnummer or samordningsnummer:
     * "refused" (the default) tells them in plain words that this e-service needs one, and the server refuses their
     * drafts, files and cases; "limitedProfile" takes them with what their e-ID says (their name, the country), nothing
     * from the population register. Not with child questions, other guardians cosigning or a question prefilled with
     * the personnummer: those need the register's answer (src/contract/person-key.ts).
     */
    withoutPersonalNumber: z.optional(z.enum(['refused', 'limitedProfile'])),
    /**
     * One case per person — ever (true), a calendar month or year, within a round, or per child (src/contract/once-per-person.ts):
     * another is refused with "Du har redan …" and a link to the first (needs login "required").
     */
    onePerPerson: z.optional(OnePerPerson),
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
    /** What the e-service costs: the citizen pays by card or Swish before the case is sent (src/contract/fees.ts). */
    fee: z.optional(Fee),
    /**
     * Answers that end the form early, because the citizen is not eligible: the first whose condition holds is shown,
     * on Continue, in place of the rest of the form — its title and text (the same Markdown as an information text),
     * with no Send button and a way back to change the answers. The server refuses a case one of them ends.
     */
    outcomes: z.optional(z.array(z.object({ when: Condition, title: LocalizedText, text: LocalizedText })).check(z.minLength(1), z.maxLength(20))),
    /**
     * Values worked out from the answers: `{ "id": "total", "label": …, "unit": …, "sum": { "group": "costs", "field":
     * "amount" } }` (a number question summed over a repeating group's items) or `{ …, "count": "costs" }` (how many
     * items). Shown after the group and on the review, usable in conditions as an answer is, and stored with the case
     * under its id (worked out again by the server).
     */
    computed: z.optional(z.array(z.object({
      id: fieldId,
      label: LocalizedText,
      unit: z.optional(LocalizedText),
      sum: z.optional(z.object({ group: fieldId, field: fieldId })),
      count: z.optional(fieldId),
    })).check(z.minLength(1), z.maxLength(20))),
  })
  .check(
    z.refine((definition) => !definition.cosigning || (definition.signing === 'sign' && cosignFieldsKnown(definition)), {
      message: 'cosigning needs signing "sign" and names questions of the definition (childField for otherGuardians, personField for namedPerson, inviteField); for otherGuardians the inviteField is visibleWhen { field: childField, otherGuardians: true }; companySignatories names none (the address is given with the company)',
      path: ['cosigning'],
    }),
    z.refine((definition) => !definition.cosigning || definition.cosigning.who !== 'companySignatories' || (definition.applicants ?? 'persons') !== 'persons', {
      message: 'cosigning by companySignatories needs applicants "companies" or "both": the signatories are the chosen company\'s',
      path: ['cosigning', 'who'],
    }),
    z.refine((definition) => (definition.applicants ?? 'persons') === 'persons' || definition.login === 'required', {
      message: 'applicants "companies" and "both" need login "required": the company register is asked which companies the logged-in person may sign for',
      path: ['applicants'],
    }),
    z.refine((definition) => (definition.applicants ?? 'persons') === 'persons' || definition.withoutPersonalNumber !== 'limitedProfile', {
      message: 'applicants "companies" and "both" cannot go with withoutPersonalNumber "limitedProfile": the company register knows a signatory only by personnummer',
      path: ['withoutPersonalNumber'],
    }),
    z.refine((definition) => definition.login === 'required' || !usesPerson(definition), {
      message: 'signing, one case per person, prefilled questions and child questions need login "required"',
      path: ['login'],
    }),
    z.refine((definition) => definition.withoutPersonalNumber !== 'limitedProfile' || !needsRegister(definition), {
      message: 'withoutPersonalNumber "limitedProfile" cannot go with child questions, cosigning by other guardians or a question prefilled with the personnummer: they need the population register, which knows a citizen only by personnummer',
      path: ['withoutPersonalNumber'],
    }),
    z.refine((definition) => badComputed(definition).length === 0, {
      message: 'a computed value has either sum (a number question of a repeating group) or count (a repeating group), and an id no question has',
      path: ['computed'],
    }),
    z.refine((definition) => duplicateFieldIds(definition).length === 0, {
      message: 'every field id must be unique within a definition (and within each repeating group)',
      path: ['steps'],
    }),
    z.refine((definition) => unknownConditionFields(definition).length === 0, {
      message: 'every condition must name a question of the definition',
      path: ['steps'],
    }),
    z.refine((definition) => custodyConditionsOffChild(definition).length === 0, {
      message: 'an otherGuardians condition must name a child question',
      path: ['steps'],
    }),
    z.refine((definition) => feeReferencesUnknown(definition).length === 0, {
      message: 'a fee line\'s perItemOf must name a repeating group, and its when only questions of the definition (of that group\'s items too, for perItemOf), never the register (otherGuardians)',
      path: ['fee'],
    }),
    z.refine((definition) => forwardVisibilityReferences(definition).length === 0, {
      message: 'a visibleWhen may only read questions asked before it (earlier in the step, or in an earlier step)',
      path: ['steps'],
    }),
    z.refine((definition) => !perChildUnknown(definition), {
      message: 'onePerPerson\'s perChild must name a child question of the definition (one of a step\'s own questions, not inside a group)',
      path: ['onePerPerson', 'perChild'],
    }),
  );
export type ServiceDefinition = z.infer<typeof ServiceDefinition>;

function cosignFieldsKnown(definition: {
  cosigning?: { who: string; childField?: string | undefined; personField?: string | undefined; inviteField?: string | undefined } | undefined;
  steps: { fields: { id: string; type: string; visibleWhen?: Condition | undefined }[] }[];
}): boolean {
  const cosigning = definition.cosigning!;
  const field = (id: string | undefined) => definition.steps.flatMap((step) => step.fields).find((candidate) => candidate.id === id);
  // The other signatory's address is given with the company: no question names it.
  if (cosigning.who === 'companySignatories') return cosigning.inviteField === undefined && cosigning.personField === undefined && cosigning.childField === undefined;
  const invite = field(cosigning.inviteField);
  if (invite?.type !== 'email' && invite?.type !== 'phone') return false;
  if (cosigning.who !== 'otherGuardians') return field(cosigning.personField)?.type === 'personnummer';
  // A sole guardian is never asked for another guardian: the invitation question follows custody.
  const byCustody = !!invite.visibleWhen && custodyFields(invite.visibleWhen).includes(cosigning.childField ?? '');
  return field(cosigning.childField)?.type === 'child' && byCustody;
}

/** Whether the service asks the population register something only a personnummer answers. */
function needsRegister(definition: { cosigning?: { who: string } | undefined; steps: readonly { fields: readonly object[] }[] }): boolean {
  type Question = { type?: string; prefill?: string; fields?: readonly Question[] };
  const fields = definition.steps.flatMap((step) => step.fields as readonly Question[]);
  const inner = fields.flatMap((field) => field.fields ?? []);
  return definition.cosigning?.who === 'otherGuardians' || fields.some((field) => field.type === 'child') ||
    [...fields, ...inner].some((field) => field.prefill === 'person.personalNumber');
}

/** Whether the service needs to know who the citizen is: signing, prefill or a child question. */
export function usesPerson(definition: { signing?: string | undefined; onePerPerson?: OnePerPerson | undefined; steps: { fields: { type: string; prefill?: string | undefined }[] }[] }): boolean {
  return definition.signing === 'sign' || limitsPerson(definition.onePerPerson) ||
    definition.steps.some((step) => step.fields.some((field) => field.type === 'child' || field.prefill !== undefined));
}

interface FieldLike {
  id: string; type: string; fields?: FieldLike[]; visibleWhen?: Condition; requiredWhen?: Condition;
  rules?: { holds: Condition }[]; warnings?: { when: Condition }[];
}
interface DefinitionLike {
  steps: { fields: FieldLike[]; visibleWhen?: Condition }[]; outcomes?: { when: Condition }[] | undefined;
  computed?: { id: string; sum?: { group: string; field: string } | undefined; count?: string | undefined }[] | undefined;
}

/** The computed values that name no repeating group (or no number question in it), have both or neither of sum and count, or take a question's id. */
function badComputed(definition: DefinitionLike): string[] {
  const fields = definition.steps.flatMap((step) => step.fields);
  const group = (id: string | undefined) => fields.find((field) => field.id === id && field.type === 'group');
  return (definition.computed ?? []).filter((computed) => {
    const named = group(computed.sum?.group ?? computed.count);
    const summed = computed.sum && named?.fields?.find((field) => field.id === computed.sum!.field);
    return !named || !computed.sum === !computed.count || (computed.sum && summed?.type !== 'number') || fields.some((field) => field.id === computed.id);
  }).map((computed) => computed.id);
}

export function duplicateFieldIds(definition: DefinitionLike): string[] {
  const duplicates = new Set<string>();
  const check = (fields: FieldLike[]) => {
    const seen = new Set<string>();
    for (const field of fields) {
      if (seen.has(field.id)) duplicates.add(field.id);
      seen.add(field.id);
      if (field.fields) check(field.fields);
    }
  };
  check(definition.steps.flatMap((step) => step.fields));
  return [...duplicates];
}

/** Condition references that name no question in scope (the group's own, then the whole form's). */
export function unknownConditionFields(definition: DefinitionLike): string[] {
  const topLevel = definition.steps.flatMap((step) => step.fields);
  // A computed value is read as an answer is.
  const topIds = new Set([...topLevel.map((field) => field.id), ...(definition.computed ?? []).map((computed) => computed.id)]);
  const unknown: string[] = [];
  const check = (condition: Condition | undefined, scope: Set<string>) => {
    if (!condition) return;
    for (const id of conditionFields(condition)) if (!scope.has(id) && !topIds.has(id)) unknown.push(id);
  };
  for (const step of definition.steps) {
    check(step.visibleWhen, topIds);
    for (const field of step.fields) {
      check(field.visibleWhen, topIds);
      check(field.requiredWhen, topIds);
      for (const rule of field.rules ?? []) check(rule.holds, topIds);
      for (const warning of field.warnings ?? []) check(warning.when, topIds);
      const inner = new Set((field.fields ?? []).map((child) => child.id));
      for (const child of field.fields ?? []) {
        check(child.visibleWhen, inner);
        check(child.requiredWhen, inner);
        for (const rule of child.rules ?? []) check(rule.holds, inner);
        for (const warning of child.warnings ?? []) check(warning.when, inner);
      }
    }
  }
  for (const outcome of definition.outcomes ?? []) check(outcome.when, topIds);
  return unknown;
}

/**
 * What a fee's lines name that is not there: a `perItemOf` that is no repeating group, a `when` naming no
 * question in its scope (for a per-item line, the group's own questions or the whole form's), or any
 * condition on the register (`otherGuardians`): the server charges from the stored answers alone.
 */
export function feeReferencesUnknown(definition: DefinitionLike & { fee?: { lines: { when?: Condition | undefined; perItemOf?: string | undefined }[] } | undefined }): string[] {
  const topLevel = definition.steps.flatMap((step) => step.fields);
  const topIds = new Set(topLevel.map((field) => field.id));
  const unknown: string[] = [];
  for (const line of definition.fee?.lines ?? []) {
    const group = line.perItemOf === undefined ? undefined : topLevel.find((field) => field.id === line.perItemOf && field.type === 'group');
    if (line.perItemOf !== undefined && !group) unknown.push(line.perItemOf);
    if (!line.when) continue;
    const inner = new Set((group?.fields ?? []).map((child) => child.id));
    for (const id of conditionFields(line.when)) if (!topIds.has(id) && !inner.has(id)) unknown.push(id);
    unknown.push(...custodyFields(line.when));
  }
  return unknown;
}

/** The questions whose chosen child a condition asks the register about (`otherGuardians`). */
export function custodyQuestionIds(definition: DefinitionLike): string[] {
  const conditions = definition.steps.flatMap((step) => [
    step.visibleWhen,
    ...step.fields.flatMap((field) => [field.visibleWhen, field.requiredWhen, ...(field.fields ?? []).flatMap((c) => [c.visibleWhen, c.requiredWhen])]),
  ]);
  return [...new Set(conditions.flatMap((condition) => (condition ? custodyFields(condition) : [])))];
}

/** Questions that `otherGuardians` conditions name but that are not child questions. */
export function custodyConditionsOffChild(definition: DefinitionLike): string[] {
  const children = new Set(definition.steps.flatMap((step) => step.fields).filter((field) => field.type === 'child').map((field) => field.id));
  return custodyQuestionIds(definition).filter((id) => !children.has(id));
}

/**
 * Questions a visibleWhen reads that are not asked before it. Showing a question may only
 * depend on earlier answers: that is how citizens meet a form, and it rules out circles
 * (a shown because of b, b because of a) whose outcome would depend on reading order.
 */
export function forwardVisibilityReferences(definition: DefinitionLike): string[] {
  const forward: string[] = [];
  const asked = new Set<string>();
  const check = (condition: Condition | undefined, before: Set<string>) => {
    if (!condition) return;
    for (const id of conditionFields(condition)) if (!before.has(id)) forward.push(id);
  };
  for (const step of definition.steps) {
    check(step.visibleWhen, asked);
    for (const field of step.fields) {
      check(field.visibleWhen, asked);
      const inItem = new Set(asked);
      for (const child of field.fields ?? []) {
        check(child.visibleWhen, inItem);
        inItem.add(child.id);
      }
      asked.add(field.id);
      // A value computed over a group is known once the group is asked.
      for (const computed of definition.computed ?? []) if ((computed.sum?.group ?? computed.count) === field.id) asked.add(computed.id);
    }
  }
  return forward;
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
