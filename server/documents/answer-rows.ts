import type { Answers } from '../../src/contract/cases.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { Language } from '../../src/contract/text.js';
import { answerText, questionText, type AnswerRow, type AnswerWording, type Reader } from '../../src/forms/answer-text.js';
import { evaluate } from '../../src/forms/conditions.js';
import { activeWarnings, computedText } from '../../src/forms/outcomes.js';
import { viewForm } from '../../src/forms/visibility.js';

export type { AnswerRow, AnswerText, Reader } from '../../src/forms/answer-text.js';

/**
 * A sent case's answers as plain text, question → answer, in the definition's order: the words of the browser's
 * review ("Granska dina uppgifter") and Mina sidor (src/forms/answer-text.ts, the same formatter), for a document
 * instead of a page. The stored answers hold only the questions that were visible when the case was sent (the server
 * drops the rest), so an answered question is a visible one; what is not answered is not listed, as on Mina sidor.
 * A value computed over a repeating group follows the group, as on the review.
 */

/** What names the ids an answer holds. */
export interface AnswerNames {
  fileName(attachmentId: string): string | undefined;
  childName(personalNumber: string): string | undefined;
}

/** The answers under the title of the step that asks them; steps with no answer are left out. */
export interface AnswerSection {
  title: string;
  rows: AnswerRow[];
}

export function answerSections(
  definition: Pick<ServiceDefinition, 'steps' | 'computed'>, answers: Answers, lang: Language, reader: Reader, names: AnswerNames,
): AnswerSection[] {
  // The municipality (reader "other") reads each question's summaryLabel where it has one.
  const wording: AnswerWording = { lang, reader, fileName: names.fileName, childName: names.childName };
  return definition.steps
    .map((step) => ({
      title: step.title[lang],
      rows: step.fields
        .filter((field) => field.type !== 'info' && field.id in answers)
        .flatMap((field): AnswerRow[] => [
          { id: field.id, question: questionText(field, lang, reader), answer: answerText(field, answers[field.id], wording) },
          // After its group, as the review shows it: "Totalt borrdjup: 320,5 m", stored with the case.
          ...(definition.computed ?? [])
            .filter((computed) => (computed.sum?.group ?? computed.count) === field.id && computed.id in answers)
            .map((computed) => ({ id: computed.id, question: computed.label[lang], answer: { kind: 'lines' as const, lines: [computedText(computed, answers[computed.id], lang)] } })),
        ]),
    }))
    .filter((section) => section.rows.length > 0);
}

/**
 * The warnings the citizen was shown beside their answers when they sent the case (a well nearer than 30 m, a borehole
 * deeper than usual), by path (`id`, or `group.2.id`): worked out again from the stored answers by the form engine the
 * browser uses, in the reader's language.
 */
export function answerWarnings(definition: Pick<ServiceDefinition, 'steps' | 'computed'>, answers: Answers, lang: Language): Record<string, string> {
  const view = viewForm(definition, answers);
  const shown = activeWarnings(view, (condition, lookup = view.lookup) => evaluate(condition, lookup));
  return Object.fromEntries(Object.entries(shown).map(([path, message]) => [path, message[lang]]));
}
