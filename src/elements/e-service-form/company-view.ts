import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { renderErrorSummary } from '../../components/error-summary.js';
import type { MyCompany } from '../../contract/companies.js';
import { formatOrganisationNumber } from '../../contract/company-words.js';
import type { ServiceDefinition } from '../../contract/definition.js';
import type { Language } from '../../contract/text.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { SELF, type FormCompany } from './company.js';

/**
 * The page "Vem ansöker?" and the lines that name the company chosen (src/elements/e-service-form/company.ts):
 * a radio per company the person may sign for, each with its legal form, its number and how the person signs for
 * it; "Jag själv, som privatperson" where the e-service takes private persons too; when the company is signed for
 * by two jointly, who signs with the person and the e-mail address their link goes to. The heading names the
 * group of radios (aria-labelledby), as GOV.UK's question pages do with their legend.
 */

const errorText = (lang: Language, id: string, message: string | undefined) => message
  ? html`<p id=${`${id}-error`} class="error-message" part="error-message"><span class="visually-hidden">${t(lang, 'form.errorPrefix')}</span> ${message}</p>`
  : nothing;

function radio(name: string, id: string, value: string, checked: boolean, label: string, hint: string | undefined, onChange: () => void) {
  return html`<div class="radio" part="radio">
    <input id=${id} type="radio" name=${name} .value=${value} .checked=${live(checked)} aria-describedby=${hint ? `${id}-hint` : nothing} @change=${onChange} />
    <div>
      <label for=${id}>${label}</label>
      ${hint ? html`<p id=${`${id}-hint`} class="hint">${hint}</p>` : nothing}
    </div>
  </div>`;
}

/** "Aktiebolag, 559012-3450. Du tecknar firman ensam." */
function aboutCompany(lang: Language, company: MyCompany): string {
  const signs = t(lang, company.signs === 'alone' ? 'company.signsAlone' : 'company.signsJointly');
  return `${t(lang, `company.legalForm.${company.legalForm}` as MessageKey)}, ${formatOrganisationNumber(company.organisationNumber)}. ${signs}`;
}

export function renderCompanyPage(definition: ServiceDefinition, lang: Language, part: FormCompany): TemplateResult {
  return html`<section class="form" part="base company" aria-labelledby="form-title">
    <h2 id="form-title" class="title" part="title">${definition.title[lang]}</h2>
    <h3 id="company-title" class="page-title" tabindex="-1">${t(lang, 'company.title')}</h3>
    ${part.refusal ? html`<p class="company-refusal submit-error" part="submit-error" role="alert" tabindex="-1">${part.refusal}</p>` : nothing}
    ${renderContent(definition, lang, part)}
    <p class="contact" part="contact">${definition.contact.text[lang]}</p>
  </section>`;
}

function renderContent(definition: ServiceDefinition, lang: Language, part: FormCompany) {
  if (part.state === 'failed') {
    return html`<p class="company-status" part="company-status" role="alert" tabindex="-1">${t(lang, 'company.loadFailed')}</p>
      <div class="actions"><button type="button" class="button" @click=${() => void part.load()}>${t(lang, 'form.retry')}</button></div>`;
  }
  if (part.state !== 'ready') return html`<p class="company-status" part="company-status">${t(lang, 'company.loading')}</p>`;
  if (part.companies.length === 0 && !part.mayBeSelf) {
    return html`<div class="company-none" part="company-none">
      <h4>${t(lang, 'company.none')}</h4>
      <p>${t(lang, 'company.noneText')}</p>
    </div>`;
  }
  const errors = part.errors;
  const summary = Object.entries(errors).map(([targetId, message]) => ({ targetId, path: targetId, message }));
  const chosenError = errors['company-0'];
  const company = part.company;
  return html`<form novalidate @submit=${(event: Event) => { event.preventDefault(); part.confirm(); }}>
    ${renderErrorSummary(summary, lang, (id) => part.focusField(id))}
    <p id="company-intro">${t(lang, 'company.intro')}</p>
    <div class="field ${chosenError ? 'field--error' : ''}" part="field">
      <fieldset class="fieldset" aria-labelledby="company-title" aria-describedby=${chosenError ? 'company-intro company-0-error' : 'company-intro'}>
        ${errorText(lang, 'company-0', chosenError)}
        <div class="radios">
          ${part.companies.map((each, index) => radio('company', `company-${index}`, each.organisationNumber, part.chosen === each.organisationNumber,
            each.name, aboutCompany(lang, each), () => part.choose(each.organisationNumber)))}
          ${part.mayBeSelf ? radio('company', `company-${part.companies.length}`, SELF, part.chosen === SELF, t(lang, 'company.self'), undefined, () => part.choose(SELF)) : nothing}
        </div>
      </fieldset>
    </div>
    ${company && part.needsCosigner ? renderCosigner(lang, part, company) : nothing}
    <div class="actions">
      <button type="submit" class="button" part="submit-button">${t(lang, 'form.continue')}</button>
    </div>
  </form>`;
}

function renderCosigner(lang: Language, part: FormCompany, company: MyCompany) {
  const errors = part.errors;
  const cosignerError = errors['company-cosigner-0'];
  const emailError = errors['company-email'];
  const other = company.cosignatories.find((each) => each.id === part.cosigner);
  return html`<div class="field ${cosignerError ? 'field--error' : ''}" part="field">
      <fieldset class="fieldset" aria-describedby=${cosignerError ? 'company-cosigner-hint company-cosigner-0-error' : 'company-cosigner-hint'}>
        <legend class="label" part="label">${t(lang, 'company.cosigner')}</legend>
        <p id="company-cosigner-hint" class="hint" part="hint">${t(lang, 'company.cosignerHint')}</p>
        ${errorText(lang, 'company-cosigner-0', cosignerError)}
        <div class="radios">
          ${company.cosignatories.map((each, index) => radio('company-cosigner', `company-cosigner-${index}`, each.id, part.cosigner === each.id,
            each.name, undefined, () => part.chooseCosigner(each.id)))}
        </div>
      </fieldset>
    </div>
    ${other ? html`<div class="field ${emailError ? 'field--error' : ''}" part="field">
      <label class="label" part="label" for="company-email">${t(lang, 'company.email', { name: other.name })}</label>
      <p id="company-email-hint" class="hint" part="hint">${t(lang, 'company.emailHint')}</p>
      ${errorText(lang, 'company-email', emailError)}
      <input id="company-email" class="input" part="input" type="email" autocomplete="off" spellcheck="false"
        aria-describedby=${emailError ? 'company-email-hint company-email-error' : 'company-email-hint'} aria-invalid=${emailError ? 'true' : 'false'}
        .value=${live(part.email)} @input=${(event: Event) => part.typeEmail((event.target as HTMLInputElement).value)} />
    </div>` : nothing}`;
}

/** On the first step and the review: who applies, with a way back to the page. */
export function renderApplying(lang: Language, part: FormCompany): TemplateResult {
  const company = part.company;
  const other = part.needsCosigner ? company?.cosignatories.find((each) => each.id === part.cosigner) : undefined;
  return html`<div class="company-applying" part="company-applying">
    <p>${company
      ? t(lang, 'company.applyingFor', { name: company.name, number: formatOrganisationNumber(company.organisationNumber) })
      : part.chosen === SELF ? t(lang, 'company.self') : t(lang, 'company.loading')}</p>
    ${other ? html`<p>${t(lang, 'company.signsWith', { name: other.name })}</p>` : nothing}
    <p><button type="button" class="link-button" part="company-change" @click=${() => part.change()}>${t(lang, 'company.change')}</button></p>
  </div>`;
}

/** Below the receipt: the company the case is for. */
export function renderCompanyReceipt(lang: Language, company: MyCompany): TemplateResult {
  return html`<p class="company-receipt" part="company-receipt">${t(lang, 'company.receipt', { name: company.name, number: formatOrganisationNumber(company.organisationNumber) })}</p>`;
}
