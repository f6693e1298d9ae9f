import type { Condition } from '../src/contract/conditions.js';
import type { Field, GroupItemField, ServiceDefinition, Step } from '../src/contract/definition.js';
import type { LocalizedText } from '../src/contract/text.js';

/**
 * A large e-service for measuring the kit: 300 questions in 10 steps of 30, every question
 * type, and conditions on about a third of the questions. Built by rules from the question's
 * number, never at random, so every run measures the same form.
 *
 * The first step is laid out for `npm run bench`:
 * - `q001` (a number) controls the step: 9 of its questions are shown only once it holds a positive number,
 *   3 become required when it is above 1, and step 5 is asked only when it is above 0;
 * - seven of its text, text-area and number questions are required and unconditional, so a Continue
 *   with nothing filled in shows an error for each that one typed character clears (`stressErrorTargets`).
 */

export const STRESS_SERVICE_ID = 'stress-300';
/** The question in the first step that many others depend on. */
export const STRESS_CONTROLLER = 'q001';

const STEPS = 10;
const PER_STEP = 30;

/** The kinds of question on each step, by position; text-heavy, as real e-services are. */
const LAYOUT: Field['type'][] = [
  'text', 'textarea', 'number', 'email', 'text', 'phone', 'personnummer', 'text', 'postalCode', 'date',
  'yesNo', 'text', 'radio', 'select', 'textarea', 'checkbox', 'text', 'checkboxGroup', 'address', 'info',
  'text', 'number', 'yesNo', 'radio', 'text', 'select', 'date', 'email', 'textarea', 'text',
];
/** Steps whose last question is a repeating group (0-based). */
const GROUP_STEPS = new Set([0, 3, 6, 9]);

/** Positions in every step whose questions are asked on a condition, and whose requirement depends on one. */
const isConditional = (position: number) => position > 0 && position % 3 === 0;
const isConditionallyRequired = (position: number) => position % 10 === 4 && LAYOUT[position] !== 'info';

/** Questions of a step that later conditions read (positions in LAYOUT). */
const ANCHOR = { number: 2, yesNo: 10, radio: 12, select: 13, checkboxGroup: 17, text: 7 } as const;

const text = (sv: string, en: string): LocalizedText => ({ sv, en });
const id = (index: number) => `q${String(index).padStart(3, '0')}`;
const LETTERS = 'ABCDEFGHIJKL';
const options = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    value: LETTERS[i]!.toLowerCase(),
    label: text(`Alternativ ${LETTERS[i]}`, `Option ${LETTERS[i]}`),
  }));

/** The condition that shows a first-step question only once the controller is answered with a positive number. */
function controllerCondition(position: number): Condition {
  const c = STRESS_CONTROLLER;
  switch ((position / 3) % 5) {
    case 0:
      return { field: c, greaterThan: 0 };
    case 1:
      return { field: c, answered: true };
    case 2:
      return { all: [{ field: c, answered: true }, { not: { field: c, lessThan: 1 } }] };
    case 3:
      return { any: [{ field: c, greaterThan: 2 }, { field: c, oneOf: [1, 2] }] };
    default:
      return { not: { any: [{ field: c, answered: false }, { field: c, equals: 0 }] } };
  }
}

/** A condition on earlier questions: the previous step's anchors, or this step's for late positions. */
function laterCondition(step: number, position: number, index: number): Condition {
  const base = (position >= 22 ? step : step - 1) * PER_STEP;
  const at = (anchor: keyof typeof ANCHOR) => id(base + ANCHOR[anchor] + 1);
  switch (index % 6) {
    case 0:
      return { field: at('yesNo'), equals: true };
    case 1:
      return { field: at('radio'), oneOf: ['a', 'b'] };
    case 2:
      return { all: [{ field: at('number'), greaterThan: 2 }, { field: at('select'), notEquals: 'c' }] };
    case 3:
      return { any: [{ field: at('yesNo'), equals: false }, { field: at('checkboxGroup'), equals: 'b' }] };
    case 4:
      return { not: { field: at('text'), answered: true } };
    default:
      return { field: at('number'), lessThan: 10 };
  }
}

/** The questions of one item of a repeating group; the later ones follow the item's own answers. */
function groupFields(index: number): GroupItemField[] {
  const label = (n: number, sv: string, en: string) => text(`Fråga ${index}.${n}: ${sv}`, `Question ${index}.${n}: ${en}`);
  return [
    { id: 'name', type: 'text', label: label(1, 'namn', 'name'), autocomplete: 'name' },
    { id: 'pnr', type: 'personnummer', label: label(2, 'personnummer', 'personal identity number') },
    { id: 'allergy', type: 'yesNo', label: label(3, 'allergi', 'allergy') },
    {
      id: 'allergyText', type: 'textarea', label: label(4, 'vilken allergi', 'which allergy'), rows: 3,
      visibleWhen: { field: 'allergy', equals: true },
    },
    {
      id: 'diet', type: 'select', label: label(5, 'kost', 'diet'), options: options(4),
      requiredWhen: { all: [{ field: 'allergy', equals: true }, { field: STRESS_CONTROLLER, greaterThan: 1 }] },
    },
  ];
}

function question(step: number, position: number): Field {
  const index = step * PER_STEP + position + 1;
  const type: Field['type'] = step === 0 && position === 0 ? 'number' : position === PER_STEP - 1 && GROUP_STEPS.has(step) ? 'group' : LAYOUT[position]!;
  const label = text(`Fråga ${index}`, `Question ${index}`);
  const hint = index % 4 === 1 ? { hint: text(`Hjälptext till fråga ${index}.`, `Help text for question ${index}.`) } : {};

  const conditions: { visibleWhen?: Condition; requiredWhen?: Condition } = {};
  if (step === 0 && position === 0) {
    // The controller: optional, read by many.
  } else if (isConditional(position)) {
    conditions.visibleWhen = step === 0 ? controllerCondition(position) : laterCondition(step, position, index);
  }
  if (isConditionallyRequired(position)) {
    conditions.requiredWhen = step === 0 ? { field: STRESS_CONTROLLER, greaterThan: 1 } : laterCondition(step, position, index + 1);
  }
  const common = { id: id(index), label, ...hint, ...conditions };

  switch (type) {
    case 'text':
      return { ...common, type, maxLength: 200 };
    case 'textarea':
      return { ...common, type, rows: 3, maxLength: 1000 };
    case 'number':
      return step === 0 && position === 0
        ? {
            ...common, type, required: false, min: 0, max: 20,
            label: text('Fråga 1: hur många personer gäller ansökan?', 'Question 1: how many people does the application concern?'),
            unit: text('personer', 'people'),
          }
        : { ...common, type, min: 0, max: 1000, ...(index % 2 ? { decimals: 1, unit: text('kg', 'kg') } : {}) };
    case 'email':
      return { ...common, type, autocomplete: 'email' };
    case 'phone':
      return { ...common, type, autocomplete: 'tel' };
    case 'personnummer':
      return { ...common, type, allowSamordningsnummer: index % 2 === 0 };
    case 'postalCode':
    case 'organisationsnummer':
    case 'time':
    case 'child':
    case 'yesNo':
    case 'checkbox':
    case 'address':
      return { ...common, type };
    case 'date':
      return { ...common, type, minDaysFromToday: -3650, maxDaysFromToday: 365 };
    case 'radio':
      return { ...common, type, options: options(3) };
    case 'select':
      return { ...common, type, options: options(8) };
    case 'checkboxGroup':
      return { ...common, type, options: options(5), required: false, maxSelected: 3 };
    case 'info': {
      const { visibleWhen } = conditions;
      return {
        id: id(index), type, label: text(`Information ${index}`, `Information ${index}`),
        text: text(
          `Läs detta innan du går vidare. **Uppgifterna** i steg ${step + 1} används för att handlägga ärendet.`,
          `Read this before you go on. **The information** in step ${step + 1} is used to handle the case.`,
        ),
        ...(visibleWhen ? { visibleWhen } : {}),
      };
    }
    case 'group':
      return {
        ...common, type, itemLabel: text('Person', 'Person'), fields: groupFields(index), maxItems: 10,
        ...(step === 0 ? {} : { required: false }),
      };
    case 'file':
      throw new Error('the stress definition asks for no files: the bench has no backend');
  }
}

/** The 300-question definition; passes `ServiceDefinition.parse`. */
export function stressDefinition(): ServiceDefinition {
  const steps: Step[] = Array.from({ length: STEPS }, (_, step) => ({
    id: `steg-${step + 1}`,
    title: text(`Steg ${step + 1}: frågor ${step * PER_STEP + 1}–${(step + 1) * PER_STEP}`, `Step ${step + 1}: questions ${step * PER_STEP + 1}–${(step + 1) * PER_STEP}`),
    ...(step === 4 ? { visibleWhen: { field: STRESS_CONTROLLER, greaterThan: 0 } } : {}),
    ...(step === 7 ? { visibleWhen: { not: { field: id(ANCHOR.yesNo + 1), equals: false } } } : {}),
    fields: Array.from({ length: PER_STEP }, (_, position) => question(step, position)),
  }));
  return {
    schemaVersion: 1,
    id: STRESS_SERVICE_ID,
    version: 1,
    municipality: { id: 'exempelby', name: text('Exempelby kommun', 'Exempelby Municipality') },
    title: text('Stresstest: 300 frågor', 'Stress test: 300 questions'),
    description: text(
      'En stor e-tjänst med alla frågetyper och många villkor, för att mäta hur snabbt formuläret svarar.',
      'A large e-service with every question type and many conditions, to measure how fast the form responds.',
    ),
    contact: { text: text('Frågor? Ring 0123-45 67 00.', 'Questions? Call +46 123 45 67 00.'), phone: '0123-45 67 00' },
    login: 'none',
    caseNumberPrefix: 'STR',
    steps,
    receipt: { title: text('Tack', 'Thank you'), text: text('Vi har tagit emot dina svar.', 'We have received your answers.') },
    retention: { closedCaseDays: 30, draftDays: 7 },
  };
}

/** Every question in the first step whose visibility or requirement reads the controller. */
export function stressControlled(definition: ServiceDefinition): { shown: string[]; requiredWhen: string[] } {
  const reads = (condition: Condition | undefined) => !!condition && JSON.stringify(condition).includes(`"${STRESS_CONTROLLER}"`);
  const fields = definition.steps[0]!.fields;
  return {
    shown: fields.filter((field) => reads(field.visibleWhen)).map((field) => field.id),
    requiredWhen: fields.filter((field) => field.type !== 'info' && reads(field.requiredWhen)).map((field) => field.id),
  };
}

/**
 * The first step's questions that show "fill in …" after an empty Continue and lose it with one
 * typed character: required, unconditional text, text-area and number questions (not the controller).
 */
export function stressErrorTargets(definition: ServiceDefinition): { id: string; type: 'text' | 'textarea' | 'number' }[] {
  const targets: { id: string; type: 'text' | 'textarea' | 'number' }[] = [];
  for (const field of definition.steps[0]!.fields) {
    if (field.type === 'info' || field.id === STRESS_CONTROLLER || field.visibleWhen || field.requiredWhen || field.required === false) continue;
    if (field.type === 'text' || field.type === 'textarea' || field.type === 'number') targets.push({ id: field.id, type: field.type });
  }
  return targets;
}

/** The e-services the browser bench measures: the same questions laid out three ways. */
export const STRESS_FORMS = {
  /** All 300 questions on one step: the longest page a municipality might make. */
  'stress-300-one-step': 'all 300 questions on one step',
  /** 300 questions in 10 steps of 30 (the first 30 shown at once). */
  'stress-300': '300 questions in 10 steps of 30',
  /** The first step alone: a common e-service's size. */
  'stress-30': '30 questions on one step',
} as const;
export type StressFormId = keyof typeof STRESS_FORMS;

/** One of STRESS_FORMS, built from the 300-question definition; each passes `ServiceDefinition.parse`. */
export function stressForm(id: StressFormId): ServiceDefinition {
  const stepped = stressDefinition();
  if (id === 'stress-300') return stepped;
  const first = stepped.steps[0]!;
  const title = id === 'stress-30' ? text('Stresstest: 30 frågor', 'Stress test: 30 questions') : text('Stresstest: 300 frågor på ett steg', 'Stress test: 300 questions on one step');
  const fields = id === 'stress-30' ? first.fields : stepped.steps.flatMap((step) => step.fields);
  return {
    ...stepped,
    id,
    title,
    caseNumberPrefix: id === 'stress-30' ? 'STRT' : 'STRE',
    steps: [{ id: 'steg-1', title: first.title, fields }],
  };
}
