import { html, nothing, type TemplateResult } from 'lit';
import type { Answers } from '../../contract/cases.js';
import type { Field } from '../../contract/definition.js';
import type { PrefillResponse } from '../../contract/prefill.js';
import type { Language } from '../../contract/text.js';
import { renderQuestion } from '../../components/fields/render.js';
import type { FormView } from '../../forms/visibility.js';
import { t } from '../../i18n/index.js';
import type * as EidParts from './eid-parts.js';
import '../../i18n/messages.js';

/** What a step's questions are shown with. */
export interface QuestionsContext {
  lang: Language;
  view: FormView;
  answers: Answers;
  /** The errors to show beside the questions, by path. */
  messages: Record<string, string>;
  /** Answered by the population register: shown, not editable. */
  locked: Set<string>;
  /** Waiting for the population register, which can't be reached. */
  waiting: Set<string>;
  /** What the register said about the citizen (services that need e-ID). */
  prefill: PrefillResponse | undefined;
  /** How the register's answers are shown: fetched with the definition of a service that needs e-ID. */
  eid: typeof EidParts | undefined;
  /** Where a file question uploads to. */
  upload: { backend: string; serviceId: string } | undefined;
  /** What follows a question, by its path: its warning, a value computed over it (outcomes-view.ts, for definitions that have any); a repeating group asks it for each item's questions. */
  after?: ((id: string) => TemplateResult | typeof nothing) | undefined;
}

/**
 * The questions of one step as the citizen meets them: hidden ones left out, the register's
 * answers shown locked (or waiting for it), and the rest to answer.
 */
export function renderQuestions(fields: Field[], c: QuestionsContext) {
  const { lang, view, prefill, eid } = c;
  // Only a service that needs e-ID has locked, waiting or child questions, and its `eid` parts are there.
  const children = (field: Field) => eid?.childOptions(prefill, field) ?? [];
  return fields.map((field) =>
    field.type === 'info' ? (view.isVisible(field.id) ? renderQuestion({ field, path: field.id, value: undefined, required: false, errors: {}, lang }) : nothing)
    : eid && view.isVisible(field.id) && c.locked.has(field.id)
      ? eid.renderLocked(field, c.answers[field.id], lang)
    : eid && view.isVisible(field.id) && c.waiting.has(field.id)
      ? eid.renderWaiting(field, lang)
    : eid && view.isVisible(field.id) && field.type === 'child' && children(field).length === 0
      ? eid.renderNoChildren(field, lang, c.messages[field.id])
    : view.isVisible(field.id)
      ? html`${renderQuestion({
          children: field.type === 'child' ? children(field) : undefined,
          field: shownField(field, lang, prefill),
          path: field.id,
          value: c.answers[field.id],
          required: view.isRequired(field),
          errors: c.messages,
          lang,
          view,
          upload: c.upload,
          after: c.after,
        })}${c.after?.(field.id) ?? nothing}`
      : nothing,
  );
}

/** A question as shown: a protected person is not told to give the address the protection hides. */
function shownField(field: Field, lang: Language, prefill: PrefillResponse | undefined): Field {
  const protectedAddress = prefill?.protected && 'prefill' in field && field.prefill === 'person.address';
  if (!protectedAddress) return field;
  const hint = t(lang, 'form.protectedHint');
  return { ...field, hint: { sv: hint, en: hint } } as Field;
}
