import type { Answers, AnswerValue, ItemAnswers } from '../../src/contract/cases.js';
import { isForeignPersonKey } from '../../src/contract/person-key.js';
import { formatPersonnummer } from '../../src/contract/personnummer.js';
import { custodyQuestionIds, type Field, type GroupItemField, type ServiceDefinition } from '../../src/contract/definition.js';
import type { PrefillChild, PrefillResponse } from '../../src/contract/prefill.js';
import type { FieldProblem, Problem } from '../../src/contract/problem.js';
import type { Language } from '../../src/contract/text.js';
import type { FormFacts } from '../../src/forms/conditions.js';
import { viewForm } from '../../src/forms/visibility.js';
import { problem, ProblemError } from '../problem.js';
import { RegisterUnavailableError, type PopulationRegister, type RegisterAddress, type RegisterChild, type RegisterPerson } from './register.js';

/**
 * The rules for what the population register may fill in and what a citizen may choose,
 * as functions over a PopulationRegister (no HTTP, no database).
 *
 * Protected personal data — our decision, following Skatteverket's practice and what
 * municipalities tell citizens ("Vid skyddad folkbokföring eller sekretessmarkering kan du
 * logga in med e-legitimation, men dina kontaktuppgifter hämtas inte automatiskt"):
 * - A person with skyddad folkbokföring or sekretessmarkering may log in and use every
 *   e-service, but NO contact data (the address) is prefilled or sent to the browser. The
 *   address is the part the protection is about; Skatteverket hands out name and personnummer
 *   of such a person to authorities, but not where they live. The citizen types the contact
 *   details they choose, and on receipt their own answer is kept, never replaced by the register's.
 * - Name and personnummer are still prefilled: the citizen has just proved them with their
 *   e-ID, they are shown only to that citizen, and the case needs them anyway.
 * - A child with protected identity is never listed, to anyone — not even to a guardian,
 *   as in the municipalities' own e-services ("Personer med skyddad identitet visas aldrig");
 *   the guardian must contact the municipality another way.
 */

type ChildField = Extract<Field, { type: 'child' }>;
type Prefillable = Field | GroupItemField;

export interface LoggedInPerson {
  personalNumber: string;
  name: string;
  givenName: string;
  surname: string;
}

/** Skyddad folkbokföring or sekretessmarkering. */
export function hasProtectedData(person: RegisterPerson): boolean {
  return person.protection !== 'none';
}

/** The address that may be prefilled: none for protected personal data or someone not folkbokförd. */
export function contactAddress(person: RegisterPerson): RegisterAddress | undefined {
  return hasProtectedData(person) ? undefined : person.address;
}

/** Children that may ever be shown: never one with protected identity. */
export function listableChildren(children: readonly RegisterChild[]): RegisterChild[] {
  return children.filter((child) => !child.protectedIdentity);
}

/** Whether the child attends a preschool or school run by this municipality. */
export function attendsOwnSchool(child: RegisterChild, municipalityId: string): boolean {
  return child.school?.municipalityId === municipalityId;
}

/** The children one child question offers: in the person's custody, not protected, and at an own school if it says so. */
export function choosableChildren(custody: readonly RegisterChild[], field: ChildField, municipalityId: string): RegisterChild[] {
  return listableChildren(custody).filter((child) => !field.ownSchoolsOnly || attendsOwnSchool(child, municipalityId));
}

/** The definition's "Which child?" questions (they are never inside a repeating group). */
export function childQuestions(definition: Pick<ServiceDefinition, 'steps'>): ChildField[] {
  return definition.steps.flatMap((step) => step.fields).filter((field): field is ChildField => field.type === 'child');
}

function prefilledFields(definition: Pick<ServiceDefinition, 'steps'>): Prefillable[] {
  const fields = definition.steps.flatMap((step) => step.fields);
  return [...fields, ...fields.flatMap((field) => (field.type === 'group' ? field.fields : []))].filter((field) => 'prefill' in field && field.prefill);
}


/**
 * What the browser gets for one service (see src/contract/prefill.ts): the person as the
 * register has them (the session's e-ID name if the register does not know the number), the
 * address only where the service prefills one and the data is not protected, and the children
 * only where the service asks "Which child?".
 */
export async function prefillFor(definition: ServiceDefinition, who: LoggedInPerson, register: PopulationRegister): Promise<PrefillResponse> {
  if (isForeignPersonKey(who.personalNumber)) {
    // A limited profile (a foreign e-ID without a Swedish number): the register knows only personnummer, so it is not
    // asked; what the e-ID said is all there is (an e-service that takes them has no child question).
    const { personalNumber, name, givenName, surname } = who;
    return { person: { personalNumber, name, givenName, surname }, protected: false, children: [] };
  }
  const person = await register.person(who.personalNumber);
  const wantsAddress = prefilledFields(definition).some((field) => 'prefill' in field && field.prefill === 'person.address');
  const address = person && wantsAddress ? contactAddress(person) : undefined;
  const source = person ?? who;

  const questions = childQuestions(definition);
  let children: PrefillChild[] = [];
  if (questions.length > 0) {
    const municipalityId = definition.municipality.id;
    const onlyOwn = questions.every((field) => field.ownSchoolsOnly);
    const custodyAsked = readsCustody(definition);
    const listed = listableChildren(await register.children(who.personalNumber)).filter((child) => !onlyOwn || attendsOwnSchool(child, municipalityId));
    children = await Promise.all(listed.map(async (child) => ({
      personalNumber: child.personalNumber,
      name: child.name,
      ownSchool: attendsOwnSchool(child, municipalityId),
      ...(custodyAsked ? { otherGuardians: await hasOtherGuardians(register, child.personalNumber, who.personalNumber) } : {}),
    })));
  }
  return {
    person: {
      // Always the logged-in number, never one a register answer could swap in.
      personalNumber: who.personalNumber,
      name: source.name,
      givenName: source.givenName,
      surname: source.surname,
      ...(address ? { address: { ...address } } : {}),
    },
    protected: person ? hasProtectedData(person) : false,
    children,
  };
}

/** Whether a condition of the definition asks who else has custody of a chosen child. */
export function readsCustody(definition: Pick<ServiceDefinition, 'steps'>): boolean {
  return custodyQuestionIds(definition).length > 0;
}

async function hasOtherGuardians(register: PopulationRegister, child: string, personalNumber: string): Promise<boolean> {
  return (await register.guardians(child)).some((guardian) => guardian.personalNumber !== personalNumber);
}

/**
 * What the register says beside the answers, for the conditions that ask it (custody of the
 * chosen child): the same facts the browser had from the prefill, asked again on receipt.
 */
export async function registerFacts(
  definition: Pick<ServiceDefinition, 'steps'>,
  answers: Answers,
  personalNumber: string,
  register: PopulationRegister,
  ownChildren: () => Promise<readonly RegisterChild[]> = () => register.children(personalNumber),
): Promise<FormFacts> {
  const chosen = custodyQuestionIds(definition).map((id) => answers[id]).filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  if (chosen.length === 0) return {};
  // Only a child in the person's own custody is asked about: any other answer reads as unknown (and is refused).
  const own = new Set((await ownChildren()).map((child) => child.personalNumber));
  const custody = new Map<string, boolean>();
  for (const child of new Set(chosen.map((value) => value.trim()))) {
    if (own.has(child)) custody.set(child, await hasOtherGuardians(register, child, personalNumber));
  }
  return { otherGuardians: (child) => custody.get(child) };
}

/** The register's value for one prefilled question, or undefined to keep the citizen's own answer. */
function registerValue(field: Prefillable, personalNumber: string, person: RegisterPerson | undefined): AnswerValue | undefined {
  const source = 'prefill' in field ? field.prefill : undefined;
  if (source === 'person.personalNumber') return field.type === 'address' ? undefined : formatPersonnummer(personalNumber);
  if (!person) return undefined;
  if (source === 'person.address') {
    const address = contactAddress(person);
    if (!address) return undefined;
    return field.type === 'address' ? { ...address } : `${address.street}, ${address.postalCode} ${address.city}`;
  }
  if (field.type === 'address') return undefined;
  if (source === 'person.name') return person.name;
  if (source === 'person.givenName') return person.givenName;
  if (source === 'person.surname') return person.surname;
  return undefined;
}

function childMessage(field: ChildField, lang: Language): string {
  return lang === 'en'
    ? `Choose one of the children listed for “${field.label.en}”`
    : `Välj ett av barnen i listan för ”${field.label.sv}”`;
}

/**
 * On receipt of a case from a logged-in citizen: every prefilled answer becomes the register's
 * value again, whatever the browser sent (the personnummer always the session's, without asking
 * the register); an address the register may not give out (protected data, or none) stays as
 * the citizen wrote it. A child answer to a visible child question must name a child the person
 * may choose there, or the case is refused: a ProblemError 400 `validation` with a field error
 * `option` per such question. Call it before validateAnswers, which then checks, normalises
 * and drops answers to hidden questions as usual.
 *
 * Returns new answers (the argument is not changed). Throws RegisterUnavailableError when the
 * register is down — turn it into registerUnavailableProblem(lang); never accept the case then.
 */
export async function enforceRegister(
  definition: ServiceDefinition,
  answers: Answers,
  personalNumber: string,
  register: PopulationRegister,
  lang: Language,
): Promise<Answers> {
  return (await enforceRegisterWithFacts(definition, answers, personalNumber, register, lang)).answers;
}

/** enforceRegister, and the register's facts its check of the child questions used (the form engine needs the same). */
async function enforceRegisterWithFacts(
  definition: ServiceDefinition,
  answers: Answers,
  personalNumber: string,
  register: PopulationRegister,
  lang: Language,
): Promise<{ answers: Answers; facts: FormFacts }> {
  const result: Answers = { ...answers };
  const prefilled = prefilledFields(definition);
  const needsPerson = prefilled.some((field) => 'prefill' in field && field.prefill !== 'person.personalNumber');
  const person = needsPerson ? await register.person(personalNumber) : undefined;

  for (const step of definition.steps) {
    for (const field of step.fields) {
      if (field.type === 'group') {
        const items = result[field.id];
        if (!Array.isArray(items) || !field.fields.some((item) => 'prefill' in item && item.prefill)) continue;
        result[field.id] = (items as unknown[]).map((item) => {
          if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
          const copy = { ...(item as ItemAnswers) };
          for (const inner of field.fields) {
            const value = registerValue(inner, personalNumber, person);
            if (value !== undefined) copy[inner.id] = value as ItemAnswers[string];
          }
          return copy;
        }) as AnswerValue;
        continue;
      }
      const value = registerValue(field, personalNumber, person);
      if (value !== undefined) result[field.id] = value;
    }
  }

  // Which child questions are asked may follow custody: decided with the same facts validation uses after this.
  // The person's children are asked for once, for both uses.
  let children: Promise<RegisterChild[]> | undefined;
  const ownChildren = () => (children ??= register.children(personalNumber));
  const facts = await registerFacts(definition, result, personalNumber, register, ownChildren);
  const view = viewForm(definition, result, facts);
  const asked = childQuestions(definition).filter((field) => {
    const answer = result[field.id];
    return view.isVisible(field.id) && typeof answer === 'string' && answer.trim() !== '';
  });
  if (asked.length > 0) {
    const custody = await ownChildren();
    const errors: FieldProblem[] = [];
    for (const field of asked) {
      const chosen = (result[field.id] as string).trim();
      const allowed = choosableChildren(custody, field, definition.municipality.id);
      if (allowed.some((child) => child.personalNumber === chosen)) result[field.id] = chosen;
      else errors.push({ path: field.id, code: 'option', message: childMessage(field, lang) });
    }
    if (errors.length > 0) {
      throw new ProblemError(problem(400, 'validation', lang === 'en' ? 'Some answers need correcting' : 'Några svar behöver rättas', undefined, errors));
    }
  }
  return { answers: result, facts };
}

/**
 * enforceRegister for a case on its way in, with the register's facts the conditions read: a
 * register that can't be reached is a 503 problem.
 */
export async function checkedWithRegister(...args: Parameters<typeof enforceRegister>): Promise<{ answers: Answers; facts: FormFacts }> {
  try {
    return await enforceRegisterWithFacts(...args);
  } catch (error) {
    if (error instanceof RegisterUnavailableError) throw new ProblemError(registerUnavailableProblem(args[4]));
    throw error;
  }
}

/** 503 when the register can't be reached: a plain message, and no case is accepted. */
export function registerUnavailableProblem(lang: Language): Problem {
  return problem(
    503,
    'register-unavailable',
    lang === 'en'
      ? 'The population register cannot be reached right now. Please try again in a while.'
      : 'Folkbokföringen går inte att nå just nu. Försök igen om en stund.',
  );
}
