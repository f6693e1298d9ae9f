import { html, type TemplateResult } from 'lit';
import type { KitClient } from '../../client/kit-client.js';
import type { CaseReceipt } from '../../contract/cases.js';
import type { Language } from '../../contract/text.js';
import { formatDateTime, t } from '../../i18n/index.js';
import { casePdf } from '../../components/case-pdf.js';
import '../../i18n/messages.js';
import '../../i18n/messages.sending.js';

/** How the receipt's PDF is fetched: the form's client, and the token the submit answered with (none: the citizen's session). */
export interface ReceiptProof {
  client: KitClient | undefined;
  receiptToken?: string | undefined;
}

/**
 * The receipt after sending: GOV.UK's confirmation panel with the case number, "Ladda ner ditt ärende som PDF" (with
 * `proof`; none for a case not sent to the municipality yet) and Print; `more`, what was paid.
 */
export function renderReceipt(receipt: CaseReceipt, lang: Language, proof: ReceiptProof | undefined, more?: TemplateResult) {
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
      ${proof ? html`<div class="receipt__print">${casePdf({ ...proof, caseId: receipt.caseId, caseNumber: receipt.caseNumber }, lang)}</div>` : ''}
      <button type="button" class="button button--secondary receipt__print" part="print-button" @click=${() => window.print()}>
        ${t(lang, 'receipt.print')}
      </button>
    </section>
  `;
}
