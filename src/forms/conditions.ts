import type { AnswerValue } from '../contract/cases.js';
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
  const number = toNumber(answer);
  if (number === undefined) return false;
  return 'greaterThan' in condition ? number > condition.greaterThan : number < condition.lessThan;
}
