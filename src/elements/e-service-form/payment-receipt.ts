import { html, nothing } from 'lit';
import type { CaseReceipt } from '../../contract/cases.js';
import type { CasePayment, PaymentMethod } from '../../contract/payments.js';
import type { Language } from '../../contract/text.js';
import { formatDateTime, t, type MessageKey } from '../../i18n/index.js';
import { formatAmount } from '../../i18n/money.js';
import { renderReceipt, type ReceiptProof } from './receipt.js';
import '../../i18n/messages.payment.js';

/**
 * The receipt of a paid case: the usual receipt, and what was paid, when, how, and the provider's reference
 * for questions to the municipality. `method` is the attempt this page followed; without it (the receipt
 * fetched anew) the provider's name of what was used tells Swish from a card.
 */
export function renderPaid(receipt: CaseReceipt, payment: CasePayment, method: PaymentMethod | undefined, lang: Language, proof: ReceiptProof) {
  const swish = method ? method === 'swish' : payment.instrument ? /swish/i.test(payment.instrument) : undefined;
  const row = (key: MessageKey, value: string) => html`<div class="summary-list__row">
    <dt class="summary-list__key">${t(lang, key)}</dt>
    <dd class="summary-list__value">${value}</dd>
  </div>`;
  const { fee } = payment;
  return renderReceipt(receipt, lang, proof, html`<section class="review-step" part="receipt-payment" aria-labelledby="receipt-payment-title">
    <h3 id="receipt-payment-title" class="review-step__title">${t(lang, swish === undefined ? 'payment.paidAt' : swish ? 'payment.paidWithSwish' : 'payment.paidWithCard')}</h3>
    <dl class="summary-list">
      ${row('payment.paidAmount', fee.vatPercent > 0
        ? `${formatAmount(fee.amount, lang)} (${t(lang, 'fee.vat', { amount: formatAmount(fee.vatAmount, lang) })})`
        : formatAmount(fee.amount, lang))}
      ${payment.paidAt ? row('payment.paidAt', formatDateTime(payment.paidAt, lang)) : nothing}
      ${payment.paymentReference ? row('payment.reference', payment.paymentReference) : nothing}
      ${payment.refunded ? row('payment.refunded', formatAmount(payment.refunded, lang)) : nothing}
    </dl>
  </section>`);
}
