import type { Answers } from '../contract/cases.js';
import type { ServiceDefinition } from '../contract/definition.js';
import type { Fee } from '../contract/fees.js';
import type { FormFacts } from './conditions.js';
import { feeInView, type FeeDue } from './fee-lines.js';
import { viewForm } from './visibility.js';

export type { ChargedLine, FeeDue } from './fee-lines.js';

/**
 * The fee for these answers, worked out the same way in the browser (to show it) and on the server (to
 * charge it, from the answers it stored): a line counts when its `when` holds, as a question's
 * `visibleWhen` would, reading hidden questions as unanswered; a `perItemOf` line counts once per item of
 * the group whose own `when` holds. Undefined when the e-service charges nothing; `amount` 0 when it
 * charges but nothing holds for these answers (the case is free).
 */
export function feeFor(definition: Pick<ServiceDefinition, 'steps'> & { fee?: Fee | undefined }, answers: Answers, facts: FormFacts = {}): FeeDue | undefined {
  return definition.fee ? feeInView(definition.fee, definition, answers, viewForm(definition, answers, facts), facts) : undefined;
}
