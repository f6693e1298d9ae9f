import type { AnswerValue } from '../contract/cases.js';
import { isAnswerOf, type AnswerOf } from '../contract/answer-of.js';
import type { Condition, ConditionValue } from '../contract/conditions.js';

/** Gives the answer a condition reads; a hidden question's answer reads as unanswered. */
export type Lookup = (fieldId: string) => AnswerValue | undefined;

/**
 * What the population register says beside the answers, for the conditions that read it. The
 * browser has it from the prefill response, the server asks the register itself: both decide
 * the same. Unknown (undefined) holds neither way.
 */
export interface FormFacts {
  /** Whether someone besides the citizen has custody of this child (12 digits); undefined while unknown. */
  otherGuardians?: (childPersonalNumber: string) => boolean | undefined;
}

export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number' || typeof value === 'boolean') return true;
  if (Array.isArray(value)) return value.length > 0;
  return Object.values(value).some((part) => typeof part === 'string' && part.trim() !== '');
}

/** A number from a number, or from text written the Swedish way ("12,5") or the English way. */
export function toNumber(value: AnswerValue | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().replace(/\s/g, '').replace(',', '.').replace('−', '-');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function same(answer: AnswerValue | undefined, target: ConditionValue): boolean {
  if (answer === undefined || answer === null) return false;
  if (Array.isArray(answer)) return answer.some((item) => item === String(target));
  if (typeof target === 'number') return toNumber(answer) === target;
  if (typeof target === 'boolean') return answer === target;
  return typeof answer === 'string' ? answer.trim() === target : String(answer) === target;
}

export function evaluate(condition: Condition, lookup: Lookup, facts: FormFacts = {}): boolean {
  if ('all' in condition) return condition.all.every((part) => evaluate(part, lookup, facts));
  if ('any' in condition) return condition.any.some((part) => evaluate(part, lookup, facts));
  if ('not' in condition) return !evaluate(condition.not, lookup, facts);
  const answer = lookup(condition.field);
  if ('otherGuardians' in condition) {
    const known = typeof answer === 'string' && answer.trim() ? facts.otherGuardians?.(answer.trim()) : undefined;
    return known !== undefined && known === condition.otherGuardians;
  }
  if ('equals' in condition) return same(answer, condition.equals);
  if ('notEquals' in condition) return !same(answer, condition.notEquals);
  if ('oneOf' in condition) return condition.oneOf.some((target) => same(answer, target));
  if ('answered' in condition) return isAnswered(answer) === condition.answered;
  // Another question's answer, or the definition's own value, to compare with.
  const operand = (target: string | number | AnswerOf) => (isAnswerOf(target) ? lookup(target.field) : target);
  if ('onOrAfter' in condition || 'onOrBefore' in condition) {
    const mine = moment(answer);
    const other = moment('onOrAfter' in condition ? operand(condition.onOrAfter) : operand(condition.onOrBefore));
    if (!mine || !other || mine.length !== other.length) return false;
    return 'onOrAfter' in condition ? mine >= other : mine <= other;
  }
  const number = toNumber(answer);
  const other = toNumber('greaterThan' in condition ? operand(condition.greaterThan) : operand(condition.lessThan));
  if (number === undefined || other === undefined) return false;
  return 'greaterThan' in condition ? number > other : number < other;
}

/**
 * A time of day, "14:30" (also 1430, 14.30, 9:05 → 09:05); undefined for anything else. Here rather than with the
 * Swedish formats: the conditions compare times, and every element that reads conditions already has this module.
 */
export function parseTime(input: string): string | undefined {
  const match = /^([01]?\d|2[0-3])[:.]?([0-5]\d)$/.exec(input.replace(/\s/g, ''));
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : undefined;
}

/** A date (YYYY-MM-DD) or a time of day (HH:MM, as typed: 1430 too), comparable as text; undefined for anything else. */
function moment(value: AnswerValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : parseTime(text);
}
