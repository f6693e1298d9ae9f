import { html, nothing, type TemplateResult } from 'lit';
import type { ServiceDefinition } from '../../contract/definition.js';
import type { Language } from '../../contract/text.js';
import { activeWarnings, computedText, type Holds, type Outcome } from '../../forms/outcomes.js';
import type { FormView } from '../../forms/visibility.js';
import { t } from '../../i18n/index.js';
import '../../i18n/messages.outcomes.js';

export { endingOutcome, type Outcome } from '../../forms/outcomes.js';

/**
 * What <e-service-form> shows of a definition's warnings and outcomes (src/forms/outcomes.ts): fetched with a
 * definition that has any, so that the others do not load it. The form hands it what it already has (its view of
 * the answers, the conditions, the Markdown renderer), so that fetching it fetches nothing more.
 */

/**
 * What follows a question, by its path (`id`, or `group.2.id` inside a repeating group's item, which the group field
 * asks for each item's questions): its warning, as GOV.UK's warning text (after the answer in reading order, and said
 * when it comes: a status), and after a repeating group the values computed over it ("Totalt borrdjup: 150 m", in an
 * `<output>`, said as it changes).
 */
export function after(definition: Pick<ServiceDefinition, 'computed'>, view: FormView, holds: Holds, lang: Language): (path: string) => TemplateResult | typeof nothing {
  const active = activeWarnings(view, holds);
  return (path) => html`${active[path]
    ? html`<p class="warning" part="warning" role="status"><span class="visually-hidden">${t(lang, 'form.warningPrefix')}</span> ${active[path][lang]}</p>`
    : nothing}${(definition.computed ?? []).filter((computed) => (computed.sum?.group ?? computed.count) === path).map((computed) =>
    html`<p class="computed" part="computed">${computed.label[lang]}: <output>${computedText(computed, view.lookup(computed.id), lang)}</output></p>`)}`;
}

/**
 * The form ends here: the outcome's title and text in place of the questions, no Send button, and the way back to
 * change the answer that led here.
 */
export function renderOutcome(outcome: Outcome, lang: Language, change: () => void, markdown: (text: string) => TemplateResult[]) {
  return html`<section class="outcome" part="outcome" aria-labelledby="outcome-title">
    <h3 id="outcome-title" class="page-title" tabindex="-1">${outcome.title[lang]}</h3>
    ${markdown(outcome.text[lang])}
    <button type="button" class="button button--secondary" part="change-answers" @click=${change}>${t(lang, 'form.changeAnswers')}</button>
  </section>`;
}
