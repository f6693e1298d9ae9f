import { html, nothing, type TemplateResult } from 'lit';
import type { CasePayment } from '../../contract/payments.js';
import type { Language } from '../../contract/text.js';
import { formatDateTime, t } from '../../i18n/index.js';
import { formatAmount } from '../../i18n/money.js';
import '../../i18n/messages.my-pages.js';

/**
 * A case's fee in Mina sidor: what it costs, and either when and how it was paid or — while it waits for its
 * payment (Väntar på betalning) — the way to pay it now, on the e-service's page (`pay-url`).
 */
export function renderCasePayment(payment: CasePayment, payHref: string | undefined, title: string, lang: Language): TemplateResult {
  const row = (key: string, value: string) =>
    html`<div class="summary-list__row"><dt class="summary-list__key">${key}</dt><dd class="summary-list__value">${value}</dd></div>`;
  const due = payment.state === 'due';
  const amountKey = due ? 'cases.paymentDue' : payment.state === 'afterCosigning' ? 'cases.paymentAfterCosigning' : 'cases.paymentPaid';
  return html`<h3 class="heading">${t(lang, 'cases.payment')}</h3>
    <dl class="summary-list" part="payment">
      ${row(t(lang, amountKey), formatAmount(payment.fee.amount, lang))}
      ${payment.paidAt ? row(t(lang, 'cases.paidAt'), formatDateTime(payment.paidAt, lang)) : nothing}
      ${payment.paymentReference ? row(t(lang, 'cases.paymentReference'), payment.paymentReference) : nothing}
      ${payment.refunded ? row(t(lang, 'cases.refunded'), formatAmount(payment.refunded, lang)) : nothing}
    </dl>
    ${due ? renderPayLink(payHref, title, lang) : nothing}`;
}

/** "Betala" on a case that waits for its payment; the case is sent to the municipality once it is paid. */
export function renderPayLink(payHref: string | undefined, title: string, lang: Language): TemplateResult | typeof nothing {
  return payHref
    ? html`<div class="actions"><a class="button" part="pay-button" href=${payHref}>${t(lang, 'cases.pay')}<span class="visually-hidden"> ${title}</span></a></div>`
    : nothing;
}
