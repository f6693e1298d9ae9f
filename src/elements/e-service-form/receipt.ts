import { html, type TemplateResult } from 'lit';
import type { CaseReceipt } from '../../contract/cases.js';
import type { Language } from '../../contract/text.js';
import { formatDateTime, t } from '../../i18n/index.js';
import '../../i18n/messages.js';

/** The receipt after sending: GOV.UK's confirmation panel with the case number, and Print; `more`, what was paid. */
export function renderReceipt(receipt: CaseReceipt, lang: Language, more?: TemplateResult) {
  return html`
    <section class="receipt" part="receipt" aria-labelledby="receipt-title">
      <div class="receipt__panel">
        <h2 id="receipt-title" class="receipt__title" tabindex="-1">${receipt.title[lang]}</h2>
        <p class="receipt__label">
          ${t(lang, 'receipt.caseNumber')}
          <strong class="receipt__number" data-case-number>${receipt.caseNumber}</strong>
        </p>
      </div>
      <p>${receipt.text[lang]}</p>
      <p>${receipt.serviceTitle[lang]} · ${receipt.municipality[lang]}</p>
      <p>${t(lang, 'receipt.submittedAt', { date: formatDateTime(receipt.submittedAt, lang) })}</p>
      ${more}
      <button type="button" class="button button--secondary receipt__print" part="print-button" @click=${() => window.print()}>
        ${t(lang, 'receipt.print')}
      </button>
    </section>
  `;
}
