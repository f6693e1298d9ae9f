import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Answers } from '../../src/contract/cases.js';
import { Condition } from '../../src/contract/conditions.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import { evaluate, type Lookup } from '../../src/forms/conditions.js';
import { validateAnswers } from '../../src/forms/validate.js';
import { viewForm } from '../../src/forms/visibility.js';

const text = (sv: string) => ({ sv, en: sv });
const FIELDS = ['a', 'b', 'c'] as const;

/** Random conditions reading the given questions. */
const conditionOver = (...fields: string[]): fc.Arbitrary<Condition> =>
  fc.letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ field: fc.constantFrom(...fields), equals: fc.constantFrom('ja', 'nej', 2, true) }),
      fc.record({ field: fc.constantFrom(...fields), notEquals: fc.constantFrom('ja', 'nej', 2) }),
      fc.record({ field: fc.constantFrom(...fields), oneOf: fc.array(fc.constantFrom('ja', 'nej', 3), { minLength: 1, maxLength: 3 }) }),
      fc.record({ field: fc.constantFrom(...fields), greaterThan: fc.integer({ min: -2, max: 5 }) }),
      fc.record({ field: fc.constantFrom(...fields), lessThan: fc.integer({ min: -2, max: 5 }) }),
      fc.record({ field: fc.constantFrom(...fields), answered: fc.boolean() }),
      fc.record({ field: fc.constantFrom(...fields), greaterThan: fc.record({ field: fc.constantFrom(...fields) }) }),
      fc.record({ field: fc.constantFrom(...fields), onOrAfter: fc.oneof(fc.constant('2026-06-01'), fc.record({ field: fc.constantFrom(...fields) })) }),
      fc.record({ all: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie('condition') }),
    ),
  })).condition;
const conditionArb = conditionOver(...FIELDS);

const answerArb = fc.oneof(
  fc.constantFrom('ja', 'nej', '2', '2,5', ' ', '', '-1'),
  fc.integer({ min: -3, max: 6 }),
  fc.boolean(),
  fc.constant(undefined),
);
const answersArb = fc.record({ a: answerArb, b: answerArb, c: answerArb });
const lookupOf = (answers: Record<string, unknown>): Lookup => (id) => answers[id] as never;

describe('the condition language', () => {
  it('is accepted by the contract exactly as generated', () => {
    fc.assert(fc.property(conditionArb, (condition) => Condition.safeParse(condition).success));
  });

  it('obeys logic: double negation, De Morgan, one-element all/any', () => {
    fc.assert(
      fc.property(conditionArb, conditionArb, answersArb, (p, q, answers) => {
        const lookup = lookupOf(answers);
        const value = (c: Condition) => evaluate(c, lookup);
        assert.equal(value({ not: { not: p } }), value(p));
        assert.equal(value({ not: { all: [p, q] } }), value({ any: [{ not: p }, { not: q }] }));
        assert.equal(value({ not: { any: [p, q] } }), value({ all: [{ not: p }, { not: q }] }));
        assert.equal(value({ all: [p] }), value(p));
        assert.equal(value({ any: [p] }), value(p));
      }),
    );
  });

  it('compares numbers written with a Swedish decimal comma', () => {
    assert.equal(evaluate({ field: 'a', greaterThan: 2 }, lookupOf({ a: '2,5' })), true);
    assert.equal(evaluate({ field: 'a', lessThan: 2 }, lookupOf({ a: 'två' })), false);
    assert.equal(evaluate({ field: 'a', equals: 2 }, lookupOf({ a: '2' })), true);
  });

  it('compares with another question\'s answer: numbers, dates and times of day, never a date with a time', () => {
    const answers = lookupOf({ people: '4', children: '2', from: '2026-06-01', to: '2026-05-31', opens: '1100', closes: '10:30' });
    assert.equal(evaluate({ field: 'children', lessThan: { field: 'people' } }, answers), true);
    assert.equal(evaluate({ field: 'people', greaterThan: { field: 'missing' } }, answers), false);
    assert.equal(evaluate({ field: 'to', onOrAfter: { field: 'from' } }, answers), false);
    assert.equal(evaluate({ field: 'to', onOrBefore: { field: 'from' } }, answers), true);
    assert.equal(evaluate({ field: 'from', onOrAfter: '2026-06-01' }, answers), true);
    assert.equal(evaluate({ field: 'closes', onOrAfter: { field: 'opens' } }, answers), false, '10:30 is before 11:00, typed as 1100');
    assert.equal(evaluate({ field: 'opens', onOrAfter: { field: 'from' } }, answers), false, 'a time and a date do not compare');
    assert.equal(evaluate({ not: { field: 'opens', onOrAfter: { field: 'from' } } }, answers), true);
  });

  it('refuses a comparison with a question the definition does not have', () => {
    const broken = randomForm(undefined, { field: 'a', greaterThan: { field: 'nowhere' } }, { field: 'a', answered: true }, { field: 'a', answered: true }, false);
    assert.equal(ServiceDefinition.safeParse(broken).success, false);
  });

  it('reads a list answer as "includes"', () => {
    assert.equal(evaluate({ field: 'a', equals: 'ramp' }, lookupOf({ a: ['trosklar', 'ramp'] })), true);
    assert.equal(evaluate({ field: 'a', oneOf: ['spisvakt', 'trosklar'] }, lookupOf({ a: ['trosklar'] })), true);
  });
});

/** A form whose questions a, b and c are shown by random conditions on one another. */
function randomForm(conditionA: Condition | undefined, conditionB: Condition, conditionC: Condition, stepCondition: Condition, strict = true) {
  const parse = strict ? ServiceDefinition.parse.bind(ServiceDefinition) : (value: unknown) => value as ServiceDefinition;
  return parse({
    schemaVersion: 1, id: 'slump', version: 1, municipality: { id: 'exempelby', name: text('Exempelby') },
    title: text('Slump'), description: text('Slump'), contact: { text: text('Kontakt') }, login: 'none',
    caseNumberPrefix: 'SLU', receipt: { title: text('Tack'), text: text('Tack') }, retention: { closedCaseDays: 1, draftDays: 1 },
    steps: [
      { id: 'ett', title: text('Ett'), fields: [
        { id: 'a', type: 'text', label: text('A'), required: false, ...(conditionA ? { visibleWhen: conditionA } : {}) },
        { id: 'b', type: 'text', label: text('B'), visibleWhen: conditionB },
      ] },
      { id: 'tva', title: text('Två'), visibleWhen: stepCondition, fields: [
        { id: 'c', type: 'text', label: text('C'), requiredWhen: conditionC },
      ] },
    ],
  });
}

describe('visibility and validity', () => {
  // What is shown reads only earlier questions (the contract demands it); what is required may read any.
  const formArb = fc.tuple(fc.constant(undefined), conditionOver('a'), conditionArb, conditionOver('a', 'b'));
  const textAnswers = fc.record(
    { a: fc.constantFrom('ja', 'nej', '2', '4'), b: fc.constantFrom('ja', 'nej', '3', ''), c: fc.constantFrom('ja', '1', '') },
    { requiredKeys: [] },
  );

  it('never keeps an answer to a hidden question', () => {
    fc.assert(
      fc.property(formArb, textAnswers, ([ca, cb, cc, cs], answers) => {
        const definition = randomForm(ca, cb, cc, cs);
        const view = viewForm(definition, answers as Answers);
        const { values } = validateAnswers(definition, answers as Answers);
        for (const id of Object.keys(values)) assert.ok(view.isVisible(id), `${id} is hidden but kept`);
      }),
    );
  });

  it('accepts, unchanged, whatever it kept from answers it accepted', () => {
    fc.assert(
      fc.property(formArb, textAnswers, ([ca, cb, cc, cs], answers) => {
        const definition = randomForm(ca, cb, cc, cs);
        const first = validateAnswers(definition, answers as Answers);
        fc.pre(first.errors.length === 0);
        const again = validateAnswers(definition, first.values);
        assert.deepEqual(again.errors, []);
        assert.deepEqual(again.values, first.values);
      }),
    );
  });

  it('hides every question of a hidden step', () => {
    const definition = randomForm(undefined, { field: 'a', answered: true }, { field: 'a', answered: true }, { field: 'a', equals: 'visa' });
    assert.equal(viewForm(definition, { a: 'dölj', c: 'x' }).isVisible('c'), false);
    assert.deepEqual(validateAnswers(definition, { a: 'dölj', b: 'x', c: 'x' }).values, { a: 'dölj', b: 'x' });
    assert.equal(viewForm(definition, { a: 'visa' }).isVisible('c'), true);
  });

  it('treats a question that depends on a hidden one as unanswered', () => {
    // c's step is shown when b is answered; b is shown only when a is "ja".
    const definition = randomForm(undefined, { field: 'a', equals: 'ja' }, { field: 'a', answered: true }, { field: 'b', answered: true });
    const view = viewForm(definition, { a: 'nej', b: 'gömd', c: 'x' });
    assert.equal(view.isVisible('b'), false);
    assert.equal(view.isVisible('c'), false, 'b is hidden, so it counts as unanswered and hides the step');
  });

  it('refuses a definition whose visibility reads later questions, which could go round in a circle', () => {
    const circular = () => randomForm(undefined, { field: 'c', equals: 'ja' }, { field: 'a', answered: true }, { field: 'b', answered: false });
    assert.throws(circular, /may only read questions asked before it/);
    // The engine still answers, the same way every time, should such a definition reach it.
    const unchecked = randomForm(undefined, { all: [{ not: { field: 'c', equals: 'ja' } }] }, { field: 'a', equals: 'ja' }, { field: 'b', answered: false }, false);
    const answers = { b: 'ja', c: 'ja' };
    const kept = Object.keys(validateAnswers(unchecked, answers).values);
    assert.deepEqual(Object.keys(validateAnswers(unchecked, answers).values), kept);
  });
});

describe('custody from the register (otherGuardians)', () => {
  const MAJA = '201605120243';
  const AMINA = '201902073822';
  const facts = { otherGuardians: (child: string) => (child === MAJA ? true : child === AMINA ? false : undefined) };
  const definition = ServiceDefinition.parse({
    schemaVersion: 1, id: 'kost', version: 1,
    municipality: { id: 'exempelby', name: text('X') }, title: text('T'), description: text('D'), contact: { text: text('C') },
    login: 'required', signing: 'sign', caseNumberPrefix: 'KOST',
    cosigning: { who: 'otherGuardians', childField: 'child', inviteField: 'otherEmail' },
    steps: [{ id: 'steg', title: text('S'), fields: [
      { id: 'child', type: 'child', label: text('Barn') },
      { id: 'otherEmail', type: 'email', label: text('Den andra vårdnadshavarens e-post'), visibleWhen: { field: 'child', otherGuardians: true } },
    ] }],
    receipt: { title: text('R'), text: text('R') }, retention: { closedCaseDays: 1, draftDays: 1 },
  });

  it('holds when someone else has custody of the chosen child, not for a sole guardian, and neither way while unknown', () => {
    const lookup = (child: string): Lookup => (id) => (id === 'child' ? child : undefined);
    assert.equal(evaluate({ field: 'child', otherGuardians: true }, lookup(MAJA), facts), true);
    assert.equal(evaluate({ field: 'child', otherGuardians: true }, lookup(AMINA), facts), false);
    assert.equal(evaluate({ field: 'child', otherGuardians: false }, lookup(AMINA), facts), true);
    assert.equal(evaluate({ field: 'child', otherGuardians: true }, lookup('201411216151'), facts), false);
    assert.equal(evaluate({ field: 'child', otherGuardians: false }, lookup('201411216151'), facts), false);
    assert.equal(evaluate({ field: 'child', otherGuardians: true }, lookup(MAJA)), false);
  });

  it('asks a guardian who shares custody for the other guardian, and a sole guardian not at all', () => {
    assert.equal(viewForm(definition, { child: MAJA }, facts).isVisible('otherEmail'), true);
    assert.deepEqual(validateAnswers(definition, { child: MAJA }, { facts }).errors.map((e) => [e.path, e.code]), [['otherEmail', 'required']]);
    assert.equal(viewForm(definition, { child: AMINA }, facts).isVisible('otherEmail'), false);
    const sole = validateAnswers(definition, { child: AMINA, otherEmail: 'x@example.se' }, { facts });
    assert.deepEqual(sole.errors, []);
    assert.deepEqual(sole.values, { child: AMINA });
  });

  it('refuses a definition whose invitation question does not follow custody, or a custody condition on another question', () => {
    const plain = structuredClone(definition) as unknown as { steps: { fields: Record<string, unknown>[] }[] };
    delete plain.steps[0]!.fields[1]!.visibleWhen;
    assert.equal(ServiceDefinition.safeParse(plain).success, false);
    const offChild = structuredClone(definition) as unknown as { steps: { fields: Record<string, unknown>[] }[] };
    offChild.steps[0]!.fields[1]!.visibleWhen = { all: [{ field: 'child', otherGuardians: true }, { field: 'child', otherGuardians: true }] };
    offChild.steps[0]!.fields.push({ id: 'note', type: 'text', label: text('N'), visibleWhen: { field: 'otherEmail', otherGuardians: true } });
    assert.equal(ServiceDefinition.safeParse(offChild).success, false);
  });
});
