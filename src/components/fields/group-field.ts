import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { ItemAnswers } from '../../contract/cases.js';
import type { Field } from '../../contract/definition.js';
import type { FormView } from '../../forms/visibility.js';
import { t } from '../../i18n/index.js';
import { moreFieldStyles } from '../field.styles.js';
import { EskField, FIELD_CHANGE, type FieldChangeDetail } from './field-base.js';
import { renderQuestion } from './render.js';
import '../../i18n/messages.js';
import '../../i18n/messages.groups.js';

type GroupField = Extract<Field, { type: 'group' }>;

/** Internal state that renders anew when it changes (`attribute: false` too, for the manifest's analyzer, which reads no `state`). */
const INTERNAL = { state: true, attribute: false } as const;

/**
 * @summary The same questions asked for each of several things — household members, allergies,
 * preferred preschools in order — with Add and Remove, within the definition's limits.
 */
export class EskGroupField extends EskField<GroupField> {
  // An item's warning, as the form shows one beside a top-level question (its styles do not reach this shadow root).
  static override styles = [...EskField.styles, moreFieldStyles, css`.warning { font-weight: 700; border-inline-start: 5px solid currentColor; padding-inline-start: 0.6em; margin: 0.4em 0 0; }`];
  static override properties: PropertyDeclarations = {
    view: { attribute: false },
    itemAfter: { attribute: false },
    announcement: INTERNAL,
  };

  /** The form's view of visibility, so that conditions inside an item can read the whole form. */
  view?: FormView;
  /** What follows each item's question, by its path (`group.2.id`): its warning, from the form (outcomes-view.ts). */
  itemAfter?: ((path: string) => TemplateResult | typeof nothing) | undefined;
  private announcement = '';

  protected override get controlId(): string {
    return 'add';
  }

  /** A required group starts with one empty item to fill in, rather than only an Add button. */
  private get items(): ItemAnswers[] {
    if (Array.isArray(this.value) && this.value.length) return this.value as ItemAnswers[];
    return (this.field.minItems ?? (this.required ? 1 : 0)) > 0 ? [{}] : [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Child questions report their own change (not composed: it stops at this shadow root); the group answers with the whole list.
    this.renderRoot.addEventListener(FIELD_CHANGE, this.onChildChange as EventListener);
  }

  private onChildChange = (event: CustomEvent<FieldChangeDetail>) => {
    if (event.target === this) return;
    event.stopPropagation();
    const [, index, childId] = event.detail.path.slice(this.path.length).split('.');
    const items = this.items.map((item) => ({ ...item }));
    const item = items[Number(index)];
    if (!item || !childId) return;
    if (event.detail.value === undefined) delete item[childId];
    else item[childId] = event.detail.value as ItemAnswers[string];
    this.change(items);
  };

  override focusPath(relative = ''): void {
    const [index, childId, ...rest] = relative.split('.');
    const child = childId
      ? this.renderRoot.querySelector<EskField>(`[path="${CSS.escape(`${this.path}.${index}.${childId}`)}"]`)
      : null;
    if (child) void child.updateComplete.then(() => child.focusPath(rest.join('.')));
    else super.focusPath(relative.includes('.') ? '' : relative);
  }

  private add(): void {
    this.change([...this.items, {}]);
    const item = this.field.itemLabel[this.language];
    this.announcement = t(this.language, 'form.itemAdded', { item, number: this.items.length });
    void this.updateComplete.then(() => {
      const last = this.renderRoot.querySelector<HTMLElement>('.item:last-of-type legend');
      last?.focus();
    });
  }

  private removeItem(index: number): void {
    const items = this.items.filter((_, i) => i !== index);
    this.change(items.length ? items : undefined);
    this.announcement = t(this.language, 'form.itemRemoved', { item: this.field.itemLabel[this.language], number: index + 1 });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#add')?.focus());
  }

  protected override render() {
    const lang = this.language;
    const itemLabel = this.field.itemLabel[lang];
    const max = this.field.maxItems ?? 50;
    const min = this.field.minItems ?? (this.required ? 1 : 0);
    return this.renderFieldset(html`
      <div class="items">
        ${this.items.map((item, index) => {
          const itemView = this.view?.item(this.field, item);
          // The legend is one text: Chromium leaves a space alone between two of Lit's parts out of its name ("Allergi1").
          return html`<fieldset class="item" part="item">
            <legend tabindex="-1">${`${itemLabel} ${index + 1}`}</legend>
            ${this.field.fields.map((child) =>
              child.type === 'info' || (itemView?.isVisible(child) ?? true)
                ? html`${renderQuestion({
                    field: child,
                    path: `${this.path}.${index}.${child.id}`,
                    value: item[child.id],
                    required: itemView?.isRequired(child) ?? child.type !== 'info',
                    errors: prefixed(this.errors, this.path),
                    lang,
                    disabled: this.isDisabled,
                    view: this.view,
                  })}${this.itemAfter?.(`${this.path}.${index}.${child.id}`) ?? nothing}`
                : null,
            )}
            ${this.items.length > min
              ? html`<button type="button" class="button button--secondary" part="remove-button" @click=${() => this.removeItem(index)}>
                  ${t(lang, 'form.removeItem', { item: itemLabel.toLowerCase(), number: index + 1 })}
                </button>`
              : null}
          </fieldset>`;
        })}
      </div>
      ${this.items.length < max
        ? html`<button id="add" type="button" class="button button--secondary" part="add-button" ?disabled=${this.isDisabled} @click=${() => this.add()}>
            ${t(lang, 'form.addItem', { item: itemLabel.toLowerCase() })}
          </button>`
        : null}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `);
  }
}

/** The group's relative errors turned back into full paths, for its child questions. */
function prefixed(errors: Record<string, string>, path: string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([key, message]) => [key ? `${path}.${key}` : path, message]));
}
