import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { CaseReceipt } from '../../contract/cases.js';
import type { Field } from '../../contract/definition.js';
import type { CasePayment } from '../../contract/payments.js';
import type { Language } from '../../contract/text.js';
import { renderErrorSummary } from '../../components/error-summary.js';
import type { FieldChangeDetail } from '../../components/fields/field-base.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { formatAmount } from '../../i18n/money.js';
import { navigation } from './navigation.js';
import type { FormPayment } from './payment.js';
import { returnUrl } from './payment-storage.js';
import '../../i18n/messages.js';
import '../../i18n/messages.sending.js';
import '../../i18n/messages.payment.js';

/** Opens the Swish app on this device for a payment request, and brings the citizen back here after. */
export const swishLink = (token: string, back: string) =>
  `swish://paymentrequest?token=${encodeURIComponent(token)}&callbackurl=${encodeURIComponent(back)}`;

/**
 * The payment step, in place of the receipt while the case waits for its payment: the case number (the case
 * exists), what is to be paid, how, and then what is happening — in a polite live region that is there from
 * the step's first render, so that each change of its text is read. Each view has its own heading, which
 * takes focus when it comes.
 */
export function renderPaymentStep(step: FormPayment, receipt: CaseReceipt, payment: CasePayment | undefined, lang: Language): TemplateResult {
  const items = Object.entries(step.errors).map(([path, message]) => ({ targetId: `field-${path}`, path, message }));
  // The region stays while its text comes and goes (an empty .status is not shown, and a hidden region is not read).
  const said = payment ? step.statusText(lang) : t(lang, 'payment.failed');
  return html`<section class="form" part="payment" aria-labelledby="payment-title">
    ${keyed(step.heading, html`<h2 id="payment-title" class="title page-title" part="payment-title" tabindex="-1">${t(lang, step.heading)}</h2>`)}
    ${renderErrorSummary(items, lang, (_id, path) => step.focusChoice(path))}
    <div class="review-step">
      <p>${t(lang, 'payment.intro')}</p>
      <dl class="summary-list" part="payment-summary">
        <div class="summary-list__row">
          <dt class="summary-list__key">${t(lang, 'receipt.caseNumber')}</dt>
          <dd class="summary-list__value" data-case-number>${receipt.caseNumber}</dd>
        </div>
        ${payment
          ? html`<div class="summary-list__row">
              <dt class="summary-list__key">${t(lang, 'payment.amount')}</dt>
              <dd class="summary-list__value" part="payment-amount">${formatAmount(payment.fee.amount, lang)}</dd>
            </div>`
          : nothing}
      </dl>
    </div>
    <div part="payment-status" role="status" aria-live="polite" aria-atomic="true">${said
      ? html`<p class="status ${step.failure || !payment ? 'status--error' : ''}">${said}</p>`
      : nothing}</div>
    ${!payment ? nothing : step.view === 'pending' ? renderFollowing(step, receipt, lang) : renderChoice(step, payment, lang)}
  </section>`;
}

/** How to pay: card or Swish (the methods the e-service takes), and for Swish which device or number. */
function renderChoice(step: FormPayment, payment: CasePayment, lang: Language): TemplateResult {
  const { choices, errors } = step;
  const text = (key: MessageKey) => {
    const said = t(lang, key);
    return { sv: said, en: said };
  };
  const radio = (id: string, label: MessageKey, options: [string, MessageKey][], value: string | undefined) => {
    const field: Field = { id, type: 'radio', label: text(label), options: options.map(([option, key]) => ({ value: option, label: text(key) })) };
    return html`<esk-choice-field id=${`field-${id}`} path=${id} .field=${field} .value=${value} .errors=${errorOf(id)} .language=${lang}></esk-choice-field>`;
  };
  // The questions' own elements (the form's field components), each given its error as the form gives its questions theirs.
  const errorOf = (path: string) => (errors[path] ? { '': errors[path] } : {});
  const mobile: Field = { id: 'payerMobile', type: 'phone', label: text('payment.mobile'), hint: text('payment.mobileHint'), autocomplete: 'tel' };
  const busy = step.view === 'busy';
  return html`${step.view === 'ended' ? html`<p>${t(lang, 'payment.nothingTaken')}</p>` : nothing}
    <form novalidate
      @submit=${(event: Event) => {
        event.preventDefault();
        void step.start();
      }}
      @esk-field-change=${(event: CustomEvent<FieldChangeDetail>) => step.answer(event.detail.path, event.detail.value)}>
      ${radio('method', 'payment.method', payment.methods.map((method) => [method, method === 'card' ? 'payment.card' : 'payment.swish']), choices.method)}
      ${choices.method === 'swish'
        ? radio('swishWay', 'payment.swishWay', [['thisDevice', 'payment.swishThisDevice'], ['otherDevice', 'payment.swishOtherDevice'], ['mobile', 'payment.swishMobile']], choices.swishWay)
        : nothing}
      ${choices.method === 'swish' && choices.swishWay === 'mobile'
        ? html`<esk-input-field id="field-payerMobile" path="payerMobile" .field=${mobile} .value=${choices.payerMobile} .errors=${errorOf('payerMobile')} .language=${lang}></esk-input-field>`
        : nothing}
      <div class="actions">
        <button type="submit" class="button" part="pay-button" aria-disabled=${busy ? 'true' : 'false'}>
          ${busy ? t(lang, 'payment.starting') : step.view === 'ended' ? t(lang, 'payment.retry') : t(lang, 'payment.pay', { amount: formatAmount(payment.fee.amount, lang) })}
        </button>
      </div>
    </form>`;
}

/** An attempt under way: the Swish app's link, its QR code or the number it went to; the card page's link. */
function renderFollowing(step: FormPayment, receipt: CaseReceipt, lang: Language): TemplateResult {
  const attempt = step.attempt;
  const way = step.choices.swishWay;
  const token = attempt?.swishToken;
  let shown: TemplateResult | typeof nothing = nothing;
  let link: TemplateResult | typeof nothing = nothing;
  if (attempt?.method === 'swish' && way === 'otherDevice' && token) {
    shown = html`<p>${t(lang, 'payment.qrHelp')}</p>
      <canvas part="swish-qr" class="qr" role="img" aria-label=${t(lang, 'payment.qrAlt')}></canvas>`;
  } else if (attempt?.method === 'swish' && way === 'mobile') {
    shown = html`<p>${t(lang, 'payment.sentTo', { mobile: step.choices.payerMobile ?? '' })}</p>`;
  } else if (attempt?.method === 'swish' && token) {
    const app = swishLink(token, returnUrl(receipt.caseId));
    link = html`<button type="button" class="button" part="swish-link" @click=${() => navigation.assign(app)}>${t(lang, 'payment.openSwish')}</button>`;
  } else if (attempt?.redirectUrl) {
    const page = attempt.redirectUrl;
    link = html`<button type="button" class="button" part="card-link" @click=${() => navigation.assign(page)}>${t(lang, 'payment.toCardPage')}</button>`;
  }
  return html`${shown}
    <div class="actions">
      ${link}
      <button type="button" class="button button--secondary" part="other-way" @click=${() => step.chooseAgain()}>${t(lang, 'payment.otherWay')}</button>
    </div>`;
}
