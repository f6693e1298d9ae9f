import * as v from 'valibot';
import type { Condition as ConditionType } from '../../contract/conditions.js';

/**
 * The condition language (src/contract/conditions.ts): each kind by the words it must have. The
 * backend refuses a condition with a word too many (a misspelt "equal") when it loads the definition.
 */
const value = v.union([v.string(), v.number(), v.boolean()]);
const field = v.string();
const answerOf = v.looseObject({ field });
const conditions = v.array(v.lazy(() => Condition));

export const Condition: v.GenericSchema<unknown, ConditionType> = v.union([
  v.looseObject({ field, equals: value }),
  v.looseObject({ field, notEquals: value }),
  v.looseObject({ field, oneOf: v.array(value) }),
  v.looseObject({ field, greaterThan: v.union([v.number(), answerOf]) }),
  v.looseObject({ field, lessThan: v.union([v.number(), answerOf]) }),
  v.looseObject({ field, onOrAfter: v.union([v.string(), answerOf]) }),
  v.looseObject({ field, onOrBefore: v.union([v.string(), answerOf]) }),
  v.looseObject({ field, answered: v.boolean() }),
  v.looseObject({ field, otherGuardians: v.boolean() }),
  v.looseObject({ all: conditions }),
  v.looseObject({ any: conditions }),
  v.looseObject({ not: v.lazy(() => Condition) }),
]);
