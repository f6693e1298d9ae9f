import type { AnswerValue, Answers, ItemAnswers } from '../../src/contract/cases.js';
import type { Field, GroupItemField, ServiceDefinition } from '../../src/contract/definition.js';
import type { Language } from '../../src/contract/text.js';
import { isAnswered } from '../../src/forms/conditions.js';
import { countsAsOne } from '../../src/i18n/index.js';
import { personLabel } from '../services/person-allowed.js';
import { kitText } from './texts.js';

/**
 * A sent case's answers as plain text, question → answer, in the definition's order: the words the
 * browser's review ("Granska dina uppgifter") and Mina sidor show, for a document instead of a page.
 * The stored answers hold only the questions that were visible when the case was sent (the server drops
 * the rest), so an answered question is a visible one; what is not answered is not listed, as on Mina sidor.
 */

/** Who reads: the applicant, or someone else (the municipality), who reads a question's `summaryLabel`. */
export type Reader = 'applicant' | 'other';

/** What names the ids an answer holds. */
export interface AnswerNames {
  fileName(attachmentId: string): string | undefined;
  childName(personalNumber: string): string | undefined;
}

export type AnswerText =
  /** One or more lines (an address is two). */
  | { kind: 'lines'; lines: string[] }
  /** Several choices or files: a list. */
  | { kind: 'list'; items: string[] }
  /** A repeating group: each item titled ("Barn 1") with its own rows. */
  | { kind: 'items'; items: { title: string; rows: AnswerRow[] }[] };

export interface AnswerRow {
  question: string;
  answer: AnswerText;
}

/** The answers under the title of the step that asks them; steps with no answer are left out. */
export interface AnswerSection {
  title: string;
  rows: AnswerRow[];
}

type Question = Field | GroupItemField;

function questionLabel(field: Question, lang: Language, reader: Reader): string {
  const label = (reader === 'other' && 'summaryLabel' in field && field.summaryLabel) || field.label;
  return label?.[lang] ?? field.id;
}

const lines = (...text: string[]): AnswerText => ({ kind: 'lines', lines: text });

function optionLabel(field: Extract<Question, { options: unknown }>, value: string, lang: Language): string {
  return field.options.find((option) => option.value === value)?.label[lang] ?? value;
}

function answerText(field: Question, value: AnswerValue | undefined, lang: Language, reader: Reader, names: AnswerNames): AnswerText {
  if (!isAnswered(value) && !(field.type === 'yesNo' && typeof value === 'boolean')) return lines(kitText(lang, 'form.notAnswered'));
  switch (field.type) {
    case 'select':
    case 'radio':
      return lines(optionLabel(field, String(value), lang));
    case 'yesNo':
      return lines(kitText(lang, value === true ? 'form.yes' : 'form.no'));
    case 'checkbox':
      return lines(kitText(lang, value === true ? 'form.yes' : 'form.notAnswered'));
    case 'checkboxGroup':
      return { kind: 'list', items: (value as string[]).map((choice) => optionLabel(field, choice, lang)) };
    case 'file':
      return { kind: 'list', items: (value as string[]).map((id) => names.fileName(id) ?? id) };
    case 'address': {
      const parts = value as Record<string, string>;
      return lines(parts.street ?? '', `${parts.postalCode ?? ''} ${parts.city ?? ''}`.trim());
    }
    case 'number':
      return lines(field.unit ? `${value} ${(field.unitOne && countsAsOne(lang, String(value)) ? field.unitOne : field.unit)[lang]}` : String(value));
    case 'child':
      return lines(names.childName(String(value)) ?? personLabel(String(value)));
    case 'group':
      return {
        kind: 'items',
        items: (value as ItemAnswers[]).map((item, index) => ({
          title: `${field.itemLabel[lang]} ${index + 1}`,
          rows: field.fields
            .filter((inner) => inner.type !== 'info' && inner.id in item)
            .map((inner) => ({ question: questionLabel(inner, lang, reader), answer: answerText(inner, item[inner.id], lang, reader, names) })),
        })),
      };
    default:
      // Text, dates (as typed, YYYY-MM-DD), e-mail, phone, personnummer, postal code: as the citizen wrote them.
      return lines(...String(value).split(/\r?\n/));
  }
}

export function answerSections(
  definition: Pick<ServiceDefinition, 'steps'>, answers: Answers, lang: Language, reader: Reader, names: AnswerNames,
): AnswerSection[] {
  return definition.steps
    .map((step) => ({
      title: step.title[lang],
      rows: step.fields
        .filter((field) => field.type !== 'info' && field.id in answers)
        .map((field) => ({ question: questionLabel(field, lang, reader), answer: answerText(field, answers[field.id], lang, reader, names) })),
    }))
    .filter((section) => section.rows.length > 0);
}
