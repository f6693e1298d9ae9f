import { html, nothing, type TemplateResult } from 'lit';
import type { AnswerValue } from '../../contract/cases.js';
import type { Field, GroupItemField, Option } from '../../contract/definition.js';
import type { Language } from '../../contract/text.js';
import type { FormView } from '../../forms/visibility.js';
import { renderMarkdown } from '../markdown.js';

/** Where file questions upload to. */
export interface UploadContext {
  backend: string;
  serviceId: string;
}

export interface QuestionView {
  field: Field | GroupItemField;
  /** The question's place in the answers: `id`, or `group.2.id`. */
  path: string;
  value: AnswerValue | undefined;
  required: boolean;
  /** Every error of the form, by full path. */
  errors: Record<string, string>;
  lang: Language;
  disabled?: boolean;
  view?: FormView | undefined;
  upload?: UploadContext | undefined;
  /** For a child question: the children the citizen may choose, from the population register. */
  children?: readonly Option[] | undefined;
  /** For a repeating group: what follows each item's question, by its path (`group.2.id`): its warning. */
  after?: ((path: string) => TemplateResult | typeof nothing) | undefined;
}

export const domIdForPath = (path: string) => `field-${path.replace(/\./g, '-')}`;

/** The errors under one question, with paths relative to it ('' for the question itself). */
export function errorsUnder(errors: Record<string, string>, path: string): Record<string, string> {
  let index = indexes.get(errors);
  if (!index) {
    index = indexErrors(errors);
    indexes.set(errors, index);
  }
  const own = index.get(path);
  if (!own) return NO_ERRORS;
  // The same object as last time when nothing changed: a question's `errors` property keeps its
  // identity, so Lit does not re-render the hundreds of questions a keystroke did not touch.
  const before = lastShown.get(path);
  if (before && sameErrors(before, own)) return before;
  lastShown.set(path, own);
  return own;
}

const NO_ERRORS: Record<string, string> = Object.freeze({}) as Record<string, string>;
/** Each errors object grouped once by every path it lies under: one pass instead of one per question. */
const indexes = new WeakMap<Record<string, string>, Map<string, Record<string, string>>>();
/** The errors last handed to the question at each path (equal content is handed out as this object). */
const lastShown = new Map<string, Record<string, string>>();

function indexErrors(errors: Record<string, string>): Map<string, Record<string, string>> {
  const index = new Map<string, Record<string, string>>();
  for (const [key, message] of Object.entries(errors)) {
    const parts = key.split('.');
    for (let depth = 1; depth <= parts.length; depth++) {
      const path = parts.slice(0, depth).join('.');
      const own = index.get(path) ?? {};
      own[depth === parts.length ? '' : parts.slice(depth).join('.')] = message;
      index.set(path, own);
    }
  }
  return index;
}

function sameErrors(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** The element for one question; information texts are rendered in place. */
export function renderQuestion(q: QuestionView): TemplateResult {
  const { field } = q;
  if (field.type === 'info') {
    return html`<div class="info" part="info" data-field=${field.id}>
      ${field.label ? html`<h3 class="info__title">${field.label[q.lang]}</h3>` : nothing}${renderMarkdown(field.text[q.lang])}
    </div>`;
  }
  const id = domIdForPath(q.path);
  const errors = errorsUnder(q.errors, q.path);
  switch (field.type) {
    case 'text':
    case 'email':
    case 'phone':
    case 'personnummer':
    case 'postalCode':
    case 'number':
    case 'date':
    case 'organisationsnummer':
    case 'time':
      return html`<esk-input-field id=${id} path=${q.path} .field=${field} .value=${q.value} .errors=${errors} .language=${q.lang} .required=${q.required} ?disabled=${q.disabled}></esk-input-field>`;
    case 'textarea':
      return html`<esk-textarea-field id=${id} path=${q.path} .field=${field} .value=${q.value} .errors=${errors} .language=${q.lang} .required=${q.required} ?disabled=${q.disabled}></esk-textarea-field>`;
    case 'select':
      return html`<esk-select-field id=${id} path=${q.path} .field=${field} .value=${q.value} .errors=${errors} .language=${q.lang} .required=${q.required} ?disabled=${q.disabled}></esk-select-field>`;
    case 'radio':
    case 'yesNo':
      return html`<esk-choice-field id=${id} path=${q.path} .field=${field} .value=${q.value} .errors=${errors} .language=${q.lang} .required=${q.required} ?disabled=${q.disabled}></esk-choice-field>`;
    case 'checkbox':
    case 'checkboxGroup':
      return html`<esk-checkbox-field id=${id} path=${q.path} .field=${field} .value=${q.value} .errors=${errors} .language=${q.lang} .required=${q.required} ?disabled=${q.disabled}></esk-checkbox-field>`;
    case 'address':
      return html`<esk-address-field id=${id} path=${q.path} .field=${field} .value=${q.value} .errors=${errors} .language=${q.lang} .required=${q.required} ?disabled=${q.disabled}></esk-address-field>`;
    case 'file':
      return html`<esk-file-field id=${id} path=${q.path} .field=${field} .value=${q.value} .errors=${errors} .language=${q.lang} .required=${q.required} ?disabled=${q.disabled} .upload=${q.upload}></esk-file-field>`;
    case 'child': {
      // The register's children as radio buttons: the same accessible choice as any other.
      const choice = { ...field, type: 'radio' as const, options: [...(q.children ?? [])] };
      return html`<esk-choice-field id=${id} path=${q.path} .field=${choice} .value=${q.value} .errors=${errors} .language=${q.lang} .required=${q.required} ?disabled=${q.disabled}></esk-choice-field>`;
    }
    case 'group':
      return html`<esk-group-field id=${id} path=${q.path} .field=${field} .value=${q.value} .errors=${errors} .language=${q.lang} .required=${q.required} ?disabled=${q.disabled} .view=${q.view} .itemAfter=${q.after}></esk-group-field>`;
  }
}
