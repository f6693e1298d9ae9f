import type { AnswerValue, ItemAnswers } from '../contract/cases.js';
import type { Condition } from '../contract/conditions.js';
import type { ServiceDefinition } from '../contract/definition.js';
import type { Language, LocalizedText } from '../contract/text.js';
import type { Lookup } from './conditions.js';
import type { FormView } from './visibility.js';

/**
 * What the answers lead to beside being valid: a warning beside a question that does not stop sending ("Avståndet
 * till brunnen är kortare än 30 m — kontrollera"), and an outcome that ends the form early because the citizen is
 * not eligible. The browser shows them; the server refuses a case an outcome ends. No DOM, no I/O — and no imports
 * the caller does not already have: `holds` evaluates a condition over the answers asked (conditions.ts), so that
 * the browser fetches this with the e-services that use it and nothing else.
 */

type Warnings = { when: Condition; message: LocalizedText }[] | undefined;
export type Outcome = NonNullable<ServiceDefinition['outcomes']>[number];
type Computed = NonNullable<ServiceDefinition['computed']>[number];
/**
 * Whether a condition holds: over the answers asked (`lookup` left out: the form's), or over one item of a repeating
 * group (the item's `lookup`, which reads the item's own questions first, as conditions inside a group do).
 */
export type Holds = (condition: Condition, lookup?: Lookup) => boolean;

/**
 * Beside each visible question, the first of its warnings whose condition holds, by the question's path: its id, or
 * `group.2.id` for a question of a repeating group's item (each item warned of on its own, over its own answers).
 */
export function activeWarnings(view: FormView, holds: Holds): Record<string, LocalizedText> {
  const shown: Record<string, LocalizedText> = {};
  const warn = (path: string, warnings: Warnings, lookup?: Lookup) => {
    const warning = warnings?.find((candidate) => holds(candidate.when, lookup));
    if (warning) shown[path] = warning.message;
  };
  for (const step of view.steps) {
    for (const field of step.fields) {
      if (!view.isVisible(field.id)) continue;
      if ('warnings' in field) warn(field.id, field.warnings);
      if (field.type !== 'group') continue;
      const items = view.lookup(field.id);
      (Array.isArray(items) ? (items as ItemAnswers[]) : []).forEach((item, index) => {
        const itemView = view.item(field, item);
        for (const child of field.fields) {
          if ('warnings' in child && itemView.isVisible(child)) warn(`${field.id}.${index}.${child.id}`, child.warnings, itemView.lookup);
        }
      });
    }
  }
  return shown;
}

/** The first of the definition's outcomes whose condition holds for the answers asked: the form ends there. */
export function endingOutcome(definition: Pick<ServiceDefinition, 'outcomes'>, holds: Holds): Outcome | undefined {
  return definition.outcomes?.find((outcome) => holds(outcome.when));
}

/**
 * A computed value as the form shows it after its group, and the review and the case's PDF after the group's answer:
 * "320,5 m" (the number as the language writes it, then its unit).
 */
export function computedText(computed: Computed, value: AnswerValue | undefined, lang: Language): string {
  const number = Number(value ?? 0).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB');
  return computed.unit ? `${number} ${computed.unit[lang]}` : number;
}
