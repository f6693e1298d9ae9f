import * as z from 'zod/mini';
import { isAnswerOf, type AnswerOf } from './answer-of.js';

/**
 * The condition language that makes questions follow earlier answers.
 * A condition names a question by its id; inside a repeating group it first
 * looks for a question of the same group item, then for one of the whole form.
 *
 *   { "field": "distance", "greaterThan": 2 }
 *   { "any": [{ "field": "reason", "equals": "handicap" }, { "not": { "field": "age", "lessThan": 6 } }] }
 *
 * A comparison may name another question instead of a value: `{ "field": "end", "onOrAfter": { "field": "start" } }`
 * (a date or time of day at or after another), `{ "field": "children", "lessThan": { "field": "people" } }`.
 * `onOrAfter` and `onOrBefore` compare dates (YYYY-MM-DD) or times of day (HH:MM, as the time question reads them);
 * a comparison with an unanswered question, or of a date with a time, holds neither way.
 *
 * One form reads the population register instead of an answer: `{ "field": "child",
 * "otherGuardians": true }` holds when someone besides the citizen has custody of the child
 * chosen in that child question (a sole guardian: false). It names a `child` question. While
 * the register has not said (no child chosen, or the register away), neither `true` nor `false`
 * holds — so `{ "not": … }` of either does: write the condition for the case that asks more.
 */
export type Condition =
  | { field: string; equals: ConditionValue }
  | { field: string; notEquals: ConditionValue }
  | { field: string; oneOf: ConditionValue[] }
  | { field: string; greaterThan: number | AnswerOf }
  | { field: string; lessThan: number | AnswerOf }
  | { field: string; onOrAfter: string | AnswerOf }
  | { field: string; onOrBefore: string | AnswerOf }
  | { field: string; answered: boolean }
  | { field: string; otherGuardians: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export type ConditionValue = string | number | boolean;
export type { AnswerOf };

const fieldRef = z.string().check(z.minLength(1), z.maxLength(64));
const value = z.union([z.string(), z.number(), z.boolean()]);
const answerOf = z.strictObject({ field: fieldRef });
/** A date or a time of day to compare with. */
const moment = z.string().check(z.regex(/^(\d{4}-\d{2}-\d{2}|([01]\d|2[0-3]):[0-5]\d)$/, 'a date YYYY-MM-DD or a time HH:MM'));

export const Condition: z.ZodMiniType<Condition> = z.union([
  z.strictObject({ field: fieldRef, equals: value }),
  z.strictObject({ field: fieldRef, notEquals: value }),
  z.strictObject({ field: fieldRef, oneOf: z.array(value).check(z.minLength(1)) }),
  z.strictObject({ field: fieldRef, greaterThan: z.union([z.number(), answerOf]) }),
  z.strictObject({ field: fieldRef, lessThan: z.union([z.number(), answerOf]) }),
  z.strictObject({ field: fieldRef, onOrAfter: z.union([moment, answerOf]) }),
  z.strictObject({ field: fieldRef, onOrBefore: z.union([moment, answerOf]) }),
  z.strictObject({ field: fieldRef, answered: z.boolean() }),
  z.strictObject({ field: fieldRef, otherGuardians: z.boolean() }),
  z.strictObject({ get all() { return z.array(Condition).check(z.minLength(1)); } }),
  z.strictObject({ get any() { return z.array(Condition).check(z.minLength(1)); } }),
  z.strictObject({ get not() { return Condition; } }),
]);

/** Every question id a condition reads, for checking that each exists. */
export function conditionFields(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionFields);
  if ('any' in condition) return condition.any.flatMap(conditionFields);
  if ('not' in condition) return conditionFields(condition.not);
  return [condition.field, ...Object.values(condition).flatMap((operand) => (isAnswerOf(operand) ? [operand.field] : []))];
}

/** The child questions a condition asks the register about (`otherGuardians`). */
export function custodyFields(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(custodyFields);
  if ('any' in condition) return condition.any.flatMap(custodyFields);
  if ('not' in condition) return custodyFields(condition.not);
  return 'otherGuardians' in condition ? [condition.field] : [];
}
