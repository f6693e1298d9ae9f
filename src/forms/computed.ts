import type { AnswerValue, ItemAnswers } from '../contract/cases.js';
import type { Field, ServiceDefinition } from '../contract/definition.js';
import { toNumber, type Lookup } from './conditions.js';

/**
 * Values the form works out from the answers (the definition's `computed`): the sum of a number question over a
 * repeating group's items, or how many items there are. Shown to the citizen, usable in conditions like an answer
 * (`{ "field": "total", "greaterThan": 10000 }`), and stored with the case by the server, which works them out again.
 */
export type Computed = NonNullable<ServiceDefinition['computed']>[number];

type Group = Extract<Field, { type: 'group' }>;

/**
 * One computed value over a group's items as they are asked: `items` the group's answer (undefined while the group
 * is not asked: then 0), `itemLookup` what a condition sees in each item (a hidden question reads as unanswered).
 */
export function computeOver(computed: Computed, group: Group | undefined, items: AnswerValue | undefined, itemLookup: (group: Group, item: ItemAnswers) => Lookup): number {
  const list = group && Array.isArray(items) ? (items as ItemAnswers[]) : [];
  if (!computed.sum) return list.length;
  let total = 0;
  for (const item of list) total += toNumber(itemLookup(group!, item)(computed.sum.field)) ?? 0;
  // Sums of amounts with öre: no 0.1 + 0.2 = 0.30000000000000004.
  return Math.round(total * 1e6) / 1e6;
}
