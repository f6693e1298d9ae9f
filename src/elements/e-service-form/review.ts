import { html, nothing, type TemplateResult } from 'lit';
import type { Answers, AnswerValue, ItemAnswers } from '../../contract/cases.js';
import type { Field, GroupItemField, ServiceDefinition, Step } from '../../contract/definition.js';
import type { Language } from '../../contract/text.js';
import { isAnswered } from '../../forms/conditions.js';
import type { FormView } from '../../forms/visibility.js';
import { countsAsOne, t } from '../../i18n/index.js';
import '../../i18n/messages.js';

/** File names are known to the file question; the review asks it through this. */
export type FileName = (id: string) => string;

/** Answers the population register gave: locked ones get no Change button; children show by name. */
export interface RegisterAnswers {
  locked: ReadonlySet<string>;
  /** Questions that wait for the register while it can't be reached. */
  waiting?: ReadonlySet<string>;
  childName: (personalNumber: string) => string | undefined;
  /** What follows an answer, by question id (its warning, a value computed over it): on the review too. */
  after?: ((id: string) => TemplateResult | typeof nothing) | undefined;
}

/**
 * "Granska dina uppgifter": every visible answer, step by step, each with a Change
 * button that takes the citizen to the question and then back here.
 */
export function renderReview(
  definition: ServiceDefinition,
  answers: Answers,
  view: FormView,
  lang: Language,
  onChange: (step: Step, fieldId: string) => void,
  fileName: FileName,
  register?: RegisterAnswers,
): TemplateResult {
  return html`${view.steps.map(
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
                ? (register?.childName(String(answers[field.id])) ?? formatAnswer(field, answers[field.id], lang, fileName))
                : formatAnswer(field, answers[field.id], lang, fileName, view)}${register?.after?.(field.id) ?? nothing}</dd>
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

export function formatAnswer(
  field: Field | GroupItemField,
  value: AnswerValue | undefined,
  lang: Language,
  fileName: FileName,
  view?: FormView,
): TemplateResult | string {
  if (!isAnswered(value) && !(field.type === 'yesNo' && typeof value === 'boolean')) return t(lang, 'form.notAnswered');
  switch (field.type) {
    case 'select':
    case 'radio':
      return field.options.find((option) => option.value === value)?.label[lang] ?? String(value);
    case 'yesNo':
      return value === true ? t(lang, 'form.yes') : t(lang, 'form.no');
    case 'checkbox':
      return value === true ? t(lang, 'form.yes') : t(lang, 'form.notAnswered');
    case 'checkboxGroup':
      return html`<ul class="plain-list">${(value as string[]).map(
        (v) => html`<li>${field.options.find((option) => option.value === v)?.label[lang] ?? v}</li>`,
      )}</ul>`;
    case 'file':
      return html`<ul class="plain-list">${(value as string[]).map((id) => html`<li>${fileName(id)}</li>`)}</ul>`;
    case 'address': {
      const parts = value as Record<string, string>;
      return html`${parts.street ?? ''}<br />${parts.postalCode ?? ''} ${parts.city ?? ''}`;
    }
    case 'number':
      return field.unit ? `${value} ${(field.unitOne && countsAsOne(lang, String(value)) ? field.unitOne : field.unit)[lang]}` : String(value);
    case 'group': {
      const items = value as ItemAnswers[];
      return html`${items.map((item, index) => {
        const itemView = view?.item(field, item);
        return html`<div class="review-item">
          <strong>${field.itemLabel[lang]} ${index + 1}</strong>
          <ul class="plain-list">
            ${field.fields
              .filter((child) => child.type !== 'info' && (itemView?.isVisible(child) ?? true))
              .map((child) => html`<li>${child.label?.[lang]}: ${formatAnswer(child, item[child.id], lang, fileName)}</li>`)}
          </ul>
        </div>`;
      })}`;
    }
    case 'info':
      return nothing as unknown as string;
    default:
      return String(value);
  }
}
