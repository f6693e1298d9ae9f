import type { Condition } from '../contract/conditions.js';
import type { ServiceDefinition } from '../contract/definition.js';
import type { LocalizedText } from '../contract/text.js';
import type { FormView } from './visibility.js';

/**
 * What the answers lead to beside being valid: a warning beside a question that does not stop sending ("Avståndet
 * till brunnen är kortare än 30 m — kontrollera"), and an outcome that ends the form early because the citizen is
 * not eligible. The browser shows them; the server refuses a case an outcome ends. No DOM, no I/O — and no imports
 * the caller does not already have: `holds` evaluates a condition over the answers asked (conditions.ts), so that
 * the browser fetches this with the e-services that use it and nothing else.
 */

interface Warned { id: string; warnings?: { when: Condition; message: LocalizedText }[] | undefined }
export type Outcome = NonNullable<ServiceDefinition['outcomes']>[number];
export type Holds = (condition: Condition) => boolean;

/** Beside each visible question (not inside repeating groups), the first of its warnings whose condition holds. */
export function activeWarnings(view: FormView, holds: Holds): Record<string, LocalizedText> {
  const shown: Record<string, LocalizedText> = {};
  for (const step of view.steps) {
    for (const field of step.fields as Warned[]) {
      const warning = field.warnings && view.isVisible(field.id) ? field.warnings.find((candidate) => holds(candidate.when)) : undefined;
      if (warning) shown[field.id] = warning.message;
    }
  }
  return shown;
}

/** The first of the definition's outcomes whose condition holds for the answers asked: the form ends there. */
export function endingOutcome(definition: Pick<ServiceDefinition, 'outcomes'>, holds: Holds): Outcome | undefined {
  return definition.outcomes?.find((outcome) => holds(outcome.when));
}
