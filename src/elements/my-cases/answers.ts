import { html, nothing, type TemplateResult } from 'lit';
import type { Answers, AnswerValue } from '../../contract/cases.js';
import type { ServiceDefinition } from '../../contract/definition.js';
import type { CaseAttachment, NamedChild } from '../../contract/my-pages.js';
import { formatPersonnummer } from '../../contract/personnummer.js';
import type { Language } from '../../contract/text.js';
import { t } from '../../i18n/index.js';
import { answerText, questionText, type Question, type Reader } from '../../forms/answer-text.js';
import { asHtml } from '../e-service-form/review.js';
import '../../i18n/messages.js';

/**
 * A sent case's answers as <my-cases> (to the applicant) and <cosign-status> (to the other guardian
 * asked to sign) show them: read-only rows, a child by name rather than by personnummer, a file by
 * its name rather than by its id. The applicant reads each question as it was asked; anyone else
 * reads its `summaryLabel` where the definition has one ("Vårdnadshavarens telefonnummer" for
 * "Ditt telefonnummer"), so that "Ditt" and "Din" never seem to mean the reader.
 */

/** Who reads: the applicant, or someone else (a cosigner); the question as this reader reads it. */
export { questionText as questionLabel, type Reader } from '../../forms/answer-text.js';

/** What names the ids an answer holds: the case's files and the children its answers name. */
export interface AnswerNames {
  attachments: readonly Pick<CaseAttachment, 'id' | 'fileName'>[];
  children?: readonly NamedChild[] | undefined;
}

function namer(names: AnswerNames) {
  return {
    file: (id: string) => names.attachments.find((file) => file.id === id)?.fileName ?? id,
    child: (personalNumber: string) =>
      names.children?.find((child) => child.personalNumber === personalNumber)?.name ?? formatPersonnummer(personalNumber),
  };
}

/** An answer in the words of the review and the case's PDF (src/forms/answer-text.ts), each question as this reader reads it. */
function answer(field: Question, value: AnswerValue | undefined, lang: Language, reader: Reader, names: AnswerNames): TemplateResult | string {
  const name = namer(names);
  return asHtml(answerText(field, value, { lang, reader, fileName: name.file, childName: name.child }));
}

/** An answer without its question's definition: as plain as it gets, ids still named. */
function plainAnswer(value: AnswerValue, lang: Language, names: AnswerNames): string {
  const name = namer(names);
  const one = (item: unknown): string => {
    if (item === true || item === false) return t(lang, item ? 'form.yes' : 'form.no');
    if (typeof item === 'string') {
      if (names.attachments.some((file) => file.id === item)) return name.file(item);
      if (names.children?.some((child) => child.personalNumber === item)) return name.child(item);
      return item;
    }
    if (item && typeof item === 'object') return Object.values(item).map(one).join(', ');
    return String(item ?? '');
  };
  return Array.isArray(value) ? value.map(one).join('; ') : one(value);
}

const row = (key: string, value: unknown) =>
  html`<div class="summary-list__row"><dt class="summary-list__key">${key}</dt><dd class="summary-list__value">${value}</dd></div>`;

/**
 * The rows of a summary list (`<dl class="summary-list">`): each answered question of the
 * definition in order, or — without the definition the case was filled in on — each answer under
 * its question's id.
 */
export function renderAnswerRows(
  definition: ServiceDefinition | undefined, answers: Answers, lang: Language, reader: Reader, names: AnswerNames,
): TemplateResult | typeof nothing {
  if (!definition) return html`${Object.entries(answers).map(([id, value]) => row(id, plainAnswer(value, lang, names)))}`;
  const fields = definition.steps.flatMap((step) => step.fields).filter((field) => field.type !== 'info' && field.id in answers);
  return html`${fields.map((field) => row(questionText(field, lang, reader), answer(field, answers[field.id], lang, reader, names)))}`;
}
