import type { AnswerValue, ItemAnswers } from '../contract/cases.js';
import type { Field, GroupItemField } from '../contract/definition.js';
import { formatPersonnummer } from '../contract/personnummer.js';
import type { Language } from '../contract/text.js';
import { countsAsOne, t } from '../i18n/index.js';
import { isAnswered } from './conditions.js';
import '../i18n/messages.js';

/**
 * An answer as plain text, the one way the kit words it for a reader: the review ("Granska dina uppgifter"), Mina
 * sidor and the case's PDF all start from this, so a choice, a date, a time, an organisationsnummer or a personnummer
 * reads the same on the screen and on paper. Each then lays it out its own way (HTML, or the PDF's tagged text). No
 * DOM, no I/O.
 */

export type Question = Field | GroupItemField;

export type AnswerText =
  /** One or more lines (an address is two). */
  | { kind: 'lines'; lines: string[] }
  /** Several choices or files: a list. */
  | { kind: 'list'; items: string[] }
  /** A repeating group: each item titled ("Borrhål 1") with its own rows. */
  | { kind: 'items'; items: AnswerItem[] };

export interface AnswerItem {
  title: string;
  rows: AnswerRow[];
}

export interface AnswerRow {
  /** The question's id (within its item, for a repeating group's question). */
  id: string;
  question: string;
  answer: AnswerText;
}

/**
 * Who reads: the applicant, who reads each question as it was asked, or someone else (a cosigner, the municipality),
 * who reads its `summaryLabel` where the definition has one ("Vårdnadshavarens telefonnummer" for "Ditt telefonnummer").
 */
export type Reader = 'applicant' | 'other';

/** What the words of an answer depend on beside the answer itself. */
export interface AnswerWording {
  lang: Language;
  /** Who reads the questions of a repeating group's items (the applicant by default). */
  reader?: Reader | undefined;
  /** A file's name by its attachment id (the id itself when unknown). */
  fileName(id: string): string | undefined;
  /** A child's name by personnummer (the personnummer when unknown). */
  childName?(personalNumber: string): string | undefined;
  /** Which of an item's questions are listed: by default those the item answers (a stored case holds only asked ones). */
  listed?(group: Extract<Field, { type: 'group' }>, item: ItemAnswers, field: GroupItemField): boolean;
}

const lines = (...text: string[]): AnswerText => ({ kind: 'lines', lines: text });

function optionLabel(field: Extract<Question, { options: unknown }>, value: string, lang: Language): string {
  return field.options.find((option) => option.value === value)?.label[lang] ?? value;
}

export function answerText(field: Question, value: AnswerValue | undefined, wording: AnswerWording): AnswerText {
  const { lang } = wording;
  if (!isAnswered(value) && !(field.type === 'yesNo' && typeof value === 'boolean')) return lines(t(lang, 'form.notAnswered'));
  switch (field.type) {
    case 'select':
    case 'radio':
      return lines(optionLabel(field, String(value), lang));
    case 'yesNo':
      return lines(t(lang, value === true ? 'form.yes' : 'form.no'));
    case 'checkbox':
      return lines(t(lang, value === true ? 'form.yes' : 'form.notAnswered'));
    case 'checkboxGroup':
      return { kind: 'list', items: (value as string[]).map((choice) => optionLabel(field, choice, lang)) };
    case 'file':
      return { kind: 'list', items: (value as string[]).map((id) => wording.fileName(id) ?? id) };
    case 'address': {
      const parts = value as Record<string, string>;
      return lines(parts.street ?? '', `${parts.postalCode ?? ''} ${parts.city ?? ''}`.trim());
    }
    case 'number': {
      // As typed on the review ("12,5"); as kept with a sent case (12.5), with the language's decimal sign.
      const written = typeof value === 'number' && lang === 'sv' ? String(value).replace('.', ',') : String(value);
      return lines(field.unit ? `${written} ${(field.unitOne && countsAsOne(lang, written) ? field.unitOne : field.unit)[lang]}` : written);
    }
    case 'child':
      return lines(wording.childName?.(String(value)) ?? formatPersonnummer(String(value)));
    case 'personnummer':
      return lines(formatPersonnummer(String(value)));
    case 'group': {
      const listed = wording.listed ?? ((_group, item, inner) => inner.id in item);
      return {
        kind: 'items',
        items: (value as ItemAnswers[]).map((item, index) => ({
          title: `${field.itemLabel[lang]} ${index + 1}`,
          rows: field.fields
            .filter((inner) => inner.type !== 'info' && listed(field, item, inner))
            .map((inner) => ({ id: inner.id, question: questionText(inner, lang, wording.reader), answer: answerText(inner, item[inner.id], wording) })),
        })),
      };
    }
    default:
      // Text, dates (YYYY-MM-DD), times (HH:MM), e-mail, phone, postal code, organisationsnummer (NNNNNN-NNNN): as
      // the form engine keeps them.
      return lines(String(value));
  }
}

/** The question as this reader reads it. */
export function questionText(field: Question, lang: Language, reader: Reader = 'applicant'): string {
  const label = (reader === 'other' && 'summaryLabel' in field && field.summaryLabel) || field.label;
  return label?.[lang] ?? field.id;
}
