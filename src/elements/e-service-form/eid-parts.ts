import { html, nothing } from 'lit';
import type { AnswerValue } from '../../contract/cases.js';
import type { Field, Option, ServiceDefinition } from '../../contract/definition.js';
import type { PrefillResponse } from '../../contract/prefill.js';
import type { Language } from '../../contract/text.js';
import type { KitClient } from '../../client/kit-client.js';
import { attachmentName } from '../../components/fields/attachment-names.js';
import { renderLogin } from '../../components/page-login.js';
import { domIdForPath } from '../../components/fields/render.js';
import { t } from '../../i18n/index.js';
import type { FormPerson } from './no-person.js';
import { formatPersonalNumber } from './prefill.js';
import { formatAnswer } from './review.js';
import '../../i18n/messages.js';
import '../../i18n/messages.register.js';

/**
 * What <e-service-form> shows only for e-services that need e-ID: the login and the register's answers (signing:
 * signing.ts). Fetched with the PersonController (person.ts), so that the other e-services do not carry it.
 */

/** Before an e-ID service's questions: log in, then the register's details are fetched. */
export function renderPersonGate(definition: ServiceDefinition, lang: Language, person: FormPerson, client: KitClient | undefined, onActed: () => void) {
  const status = person.status;
  return html`<section class="form" part="base" aria-labelledby="form-title" @eid-login-success=${onActed}>
    <h2 id="form-title" class="title" part="title">${definition.title[lang]}</h2>
    <p class="description" part="description">${definition.description[lang]}</p>
    ${status === 'out'
      ? html`<p class="notice" part="login-notice">${t(lang, person.loggedOutMidway ? 'form.loginAgain' : 'form.loginRequired')}</p>
          ${renderLogin(lang, client)}`
      : status === 'refused'
        ? html`<p class="notice" part="refused-notice" role="alert">${t(lang, 'form.personalNumberRequired')}</p>`
      : status === 'unavailable'
        ? html`<div class="load-error" part="load-error" role="alert">
            <p>${t(lang, 'form.registerUnavailable')}</p>
            <button type="button" class="button button--secondary" @click=${() => {
              onActed();
              void person.load();
            }}>${t(lang, 'form.retry')}</button>
          </div>`
        : html`<div class="loading" part="loading" aria-busy="true">
            <span class="spinner" aria-hidden="true"></span>
            <span>${t(lang, status === 'loading' ? 'form.loadingPerson' : 'form.loading')}</span>
          </div>`}
    <p class="contact" part="contact">${definition.contact.text[lang]}</p>
  </section>`;
}

/**
 * A once-per-person e-service the citizen has used: said when the form opens, instead of the
 * questions, with the way to the case (`href`, when there is one).
 */
export function renderUsed(definition: ServiceDefinition, lang: Language, href: string | undefined, words: { title?: string | undefined; detail?: string | undefined } = {}) {
  return html`<section class="form" part="base" aria-labelledby="form-title">
    <h2 id="form-title" class="title" part="title">${definition.title[lang]}</h2>
    <div class="notice" part="already-used">
      <h3 class="page-title" tabindex="-1">${words.title ?? t(lang, 'form.alreadyUsedTitle')}</h3>
      <p>${words.detail ?? t(lang, 'form.alreadyUsedText')}</p>
      ${href ? html`<p><a class="link" part="existing-case-link" href=${href}>${t(lang, 'form.existingCase')}</a></p>` : nothing}
    </div>
    <p class="contact" part="contact">${definition.contact.text[lang]}</p>
  </section>`;
}

/** A question the register answered: its label and the answer, to read, not to change. */
export function renderLocked(field: Field, value: AnswerValue | undefined, lang: Language) {
  return html`<div class="field prefilled" part="field" data-field=${field.id}>
    <p class="label" part="label">${field.label?.[lang]}</p>
    <p class="prefilled__value">${formatAnswer(field, value, lang, attachmentName)}</p>
    <p class="hint" part="hint">${t(lang, 'form.fromRegister')}</p>
  </div>`;
}

/** A question that waits for the register while it can't be reached: its label, and that it will be filled in. */
export function renderWaiting(field: Field, lang: Language) {
  return html`<div class="field prefilled" part="field" id=${domIdForPath(field.id)} data-field=${field.id} tabindex="-1">
    <p class="label" part="label">${field.label?.[lang]}</p>
    <p class="hint" part="hint">${t(lang, 'form.registerWaitingField')}</p>
  </div>`;
}

/** Above the questions while the register can't be reached: what waits for it, and Try again. */
export function renderRegisterWaiting(definition: ServiceDefinition, waiting: ReadonlySet<string>, lang: Language, onRetry: () => void) {
  const labels = definition.steps.flatMap((step) => step.fields).filter((field) => waiting.has(field.id)).map((field) => field.label?.[lang]);
  return html`<div class="notice" part="register-waiting">
    <p>${t(lang, 'form.registerWaiting', { questions: labels.map((label) => (lang === 'en' ? `“${label}”` : `”${label}”`)).join(', ') })}</p>
    <button type="button" class="button button--secondary" @click=${onRetry}>${t(lang, 'form.retry')}</button>
  </div>`;
}

/** A child question when the register lists no child the citizen may choose: say so, and whom to ask. */
export function renderNoChildren(field: Field, lang: Language, error: string | undefined) {
  return html`<div class="field" part="field" id=${domIdForPath(field.id)} data-field=${field.id} tabindex="-1">
    <p class="label" part="label">${field.label?.[lang]}</p>
    ${error ? html`<p class="error-message" part="error-message">${t(lang, 'form.errorPrefix')} ${error}</p>` : nothing}
    <p class="notice">${t(lang, 'form.noChildren')}</p>
  </div>`;
}

/** The children a child question lists, from the register. */
export function childOptions(prefill: PrefillResponse | undefined, field: Field): Option[] {
  const own = field.type === 'child' && field.ownSchoolsOnly;
  return (prefill?.children ?? [])
    .filter((child) => !own || child.ownSchool)
    .map((child) => {
      const label = `${child.name}, ${formatPersonalNumber(child.personalNumber)}`;
      return { value: child.personalNumber, label: { sv: label, en: label } };
    });
}
