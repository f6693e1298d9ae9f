import { html, nothing, type TemplateResult } from 'lit';
import type { Answers, AnswerValue } from '../../contract/cases.js';
import type { Field, GroupItemField, ServiceDefinition, Step } from '../../contract/definition.js';
import type { Language } from '../../contract/text.js';
import { answerText, type AnswerText } from '../../forms/answer-text.js';
import { attachmentName } from '../../components/fields/attachment-names.js';
import type { FormView } from '../../forms/visibility.js';
import { t } from '../../i18n/index.js';
import '../../i18n/messages.js';
import '../../i18n/messages.review.js';

/** File names are known to the file question (attachment-names.ts); an answer's words ask for them through this. */
export type FileName = (id: string) => string;

/** Answers the population register gave: locked ones get no Change button; children show by name. */
export interface RegisterAnswers {
  locked: ReadonlySet<string>;
  /** Questions that wait for the register while it can't be reached. */
  waiting?: ReadonlySet<string>;
  childName: (personalNumber: string) => string | undefined;
  /** What follows an answer, by question id (its warning, a value computed over it): on the review too. */
  after?: After | undefined;
}

/**
 * "Granska dina uppgifter": its heading and a line of what to do, then every visible answer, step by step, each with a Change
 * button that takes the citizen to the question and then back here.
 */
export function renderReview(
  definition: ServiceDefinition,
  answers: Answers,
  view: FormView,
  lang: Language,
  onChange: (step: Step, fieldId: string) => void,
  register?: RegisterAnswers,
): TemplateResult {
  return html`<h3 class="page-title" tabindex="-1">${t(lang, 'form.review')}</h3>
    <p>${t(lang, 'form.reviewIntro')}</p>
    ${view.steps.map(
    (step) => html`<section class="review-step" aria-labelledby=${`review-${step.id}`}>
      <h4 id=${`review-${step.id}`} class="review-step__title">${step.title[lang]}</h4>
      <dl class="summary-list" part="summary-list">
        ${step.fields
          .filter((field) => field.type !== 'info' && view.isVisible(field.id))
          .map(
            (field) => html`<div class="summary-list__row">
              <dt class="summary-list__key">${field.label?.[lang]}</dt>
              <dd class="summary-list__value">${register?.waiting?.has(field.id)
                ? t(lang, 'form.registerWaitingShort')
                : field.type === 'child'
                ? (register?.childName(String(answers[field.id])) ?? formatAnswer(field, answers[field.id], lang, attachmentName))
                : formatAnswer(field, answers[field.id], lang, attachmentName, view, register?.after)}${register?.after?.(field.id) ?? nothing}</dd>
              <dd class="summary-list__actions">
                ${register?.locked.has(field.id) || register?.waiting?.has(field.id)
                  ? t(lang, 'form.fromRegister')
                  : html`<button type="button" class="link-button" @click=${() => onChange(step, field.id)}>
                      ${t(lang, 'form.change')}<span class="visually-hidden"> ${field.label?.[lang]}</span>
                    </button>`}
              </dd>
            </div>`,
          )}
      </dl>
    </section>`,
  )}`;
}

/** What follows an answer, by its path (`id`, or `group.2.id` for a repeating group's question): its warning. */
export type After = (path: string) => TemplateResult | typeof nothing;

/**
 * An answer on the page: the kit's plain words for it (src/forms/answer-text.ts, the same as the case's PDF) laid out
 * as HTML — lines, a list, or a repeating group's items each with its own rows (the questions the item asks, and what
 * follows each of them).
 */
export function formatAnswer(
  field: Field | GroupItemField,
  value: AnswerValue | undefined,
  lang: Language,
  fileName: FileName,
  view?: FormView,
  after?: After,
): TemplateResult | string {
  if (field.type === 'info') return nothing as unknown as string;
  const text = answerText(field, value, {
    lang,
    fileName,
    listed: (group, item, child) => view?.item(group, item).isVisible(child) ?? true,
  });
  return asHtml(text, (index, id) => after?.(`${field.id}.${index}.${id}`) ?? nothing);
}

/** The plain words of an answer as HTML (the review's, Mina sidor's): `after` what follows an item's question. */
export function asHtml(text: AnswerText, after: (index: number, id: string) => TemplateResult | typeof nothing = () => nothing): TemplateResult | string {
  switch (text.kind) {
    case 'lines':
      return text.lines.length === 1 ? text.lines[0]! : html`${text.lines.map((line, index) => (index ? html`<br />${line}` : line))}`;
    case 'list':
      return html`<ul class="plain-list">${text.items.map((item) => html`<li>${item}</li>`)}</ul>`;
    case 'items':
      return html`${text.items.map((item, index) => html`<div class="review-item">
          <strong>${item.title}</strong>
          <ul class="plain-list">
            ${item.rows.map((row) => html`<li>${row.question}: ${asHtml(row.answer, after)}${after(index, row.id)}</li>`)}
          </ul>
        </div>`)}`;
  }
}
