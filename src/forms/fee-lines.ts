import type { Answers, ItemAnswers } from '../contract/cases.js';
import type { Field, ServiceDefinition } from '../contract/definition.js';
import type { Fee } from '../contract/fees.js';
import type { LocalizedText } from '../contract/text.js';
import { evaluate, type FormFacts } from './conditions.js';
import type { FormView } from './visibility.js';

/** One charged line: how many times, at what price, in öre (1 kr = 100 öre) so no sum is ever off by a rounding. */
export interface ChargedLine {
  text: LocalizedText;
  count: number;
  unitAmount: number;
  amount: number;
}

/** What a case costs, line by line: the review page shows it, the server charges it. */
export interface FeeDue {
  lines: ChargedLine[];
  /** The sum, öre, moms included. */
  amount: number;
  /** The moms in `amount`, öre (amount × rate ÷ (100 + rate), rounded to the öre). */
  vatAmount: number;
  vatPercent: number;
  currency: 'SEK';
}

type GroupField = Extract<Field, { type: 'group' }>;

/**
 * The fee of `fee.ts`'s `feeFor`, given the form's view of the answers (which questions are shown) rather
 * than working it out: the form in the browser has it already, and so the part of the form that shows the
 * fee is fetched without the visibility rules, which the form loads at once (src/elements/e-service-form/fee.ts).
 */
export function feeInView(fee: Fee, definition: Pick<ServiceDefinition, 'steps'>, answers: Answers, view: FormView, facts: FormFacts = {}): FeeDue {
  const groups = new Map<string, GroupField>();
  for (const step of definition.steps) for (const field of step.fields) if (field.type === 'group') groups.set(field.id, field);
  const lines: ChargedLine[] = [];
  for (const line of fee.lines) {
    const unitAmount = Math.round(line.amount * 100);
    let count: number;
    if (line.perItemOf) {
      const group = groups.get(line.perItemOf);
      const items = group && view.isVisible(group.id) ? ((answers[group.id] as ItemAnswers[] | undefined) ?? []) : [];
      count = items.filter((item) => !line.when || evaluate(line.when, view.item(group!, item).lookup, facts)).length;
    } else {
      count = !line.when || evaluate(line.when, view.lookup, facts) ? 1 : 0;
    }
    if (count > 0) lines.push({ text: line.text, count, unitAmount, amount: unitAmount * count });
  }
  const amount = lines.reduce((sum, line) => sum + line.amount, 0);
  const vatAmount = Math.round((amount * fee.vatPercent) / (100 + fee.vatPercent));
  return { lines, amount, vatAmount, vatPercent: fee.vatPercent, currency: 'SEK' };
}
