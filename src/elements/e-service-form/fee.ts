import { html, nothing, type TemplateResult } from 'lit';
import type { Answers } from '../../contract/cases.js';
import type { ServiceDefinition } from '../../contract/definition.js';
import type { FeeDue } from '../../contract/payments.js';
import type { Language } from '../../contract/text.js';
import { feeInView } from '../../forms/fee-lines.js';
import type { viewForm } from '../../forms/visibility.js';
import { t } from '../../i18n/index.js';
import { formatAmount } from '../../i18n/money.js';
import '../../i18n/messages.payment.js';

/** The fee above the Send button, and what that button then says. */
export interface FeeShown {
  view: TemplateResult;
  /** "Skicka och betala" when something is due; undefined for a case that comes out free. */
  label?: string | undefined;
}

/**
 * What the citizen will pay and why, worked out from the answers as they will be sent — as the server's
 * `feeFor` (src/forms/fees.ts) works it out from what it stores, though only the server's amount is
 * charged. Shown on the review page and on the one step of an e-service without one. `view` is the form's
 * visibility rules, handed over so that they stay in what the form loads at once.
 */
export function feeAboveSend(definition: ServiceDefinition, answers: Answers, view: typeof viewForm, lang: Language, inReview: boolean): FeeShown | undefined {
  if (!definition.fee) return undefined;
  const fee = feeInView(definition.fee, definition, answers, view(definition, answers));
  const title = t(lang, 'fee.title');
  return {
    // Under "Granska dina uppgifter" (h3) beside each step's answers (h4); on the one step, under the e-service's title (h2).
    view: html`<section class="review-step" part="fee" aria-labelledby="fee-title">
      ${inReview
        ? html`<h4 id="fee-title" class="review-step__title">${title}</h4>`
        : html`<h3 id="fee-title" class="review-step__title">${title}</h3>`}
      ${fee.amount > 0 ? renderFee(fee, lang) : html`<p part="fee-total">${t(lang, 'fee.free')}</p>`}
      ${fee.amount > 0 && definition.cosigning ? html`<p part="fee-when">${t(lang, 'fee.afterCosigning')}</p>` : nothing}
    </section>`,
    label: fee.amount > 0 ? t(lang, definition.signing === 'sign' ? 'form.signAndPay' : 'form.submitAndPay') : undefined,
  };
}

/** The charged lines, "2 × 12,50 kr" where a line counts more than once, and the total with its moms. */
export function renderFee(fee: FeeDue, lang: Language): TemplateResult {
  const money = (ore: number) => formatAmount(ore, lang);
  return html`<dl class="summary-list" part="fee-lines">
      ${fee.lines.map(
        (line) => html`<div class="summary-list__row">
          <dt class="summary-list__key">${line.text[lang]}</dt>
          <dd class="summary-list__value">${line.count > 1 ? `${line.count} × ${money(line.unitAmount)}` : nothing}</dd>
          <dd class="summary-list__actions">${money(line.amount)}</dd>
        </div>`,
      )}
    </dl>
    <p part="fee-total">
      <strong>${t(lang, 'fee.total', { amount: money(fee.amount) })}</strong>${fee.vatPercent > 0 ? ` (${t(lang, 'fee.vat', { amount: money(fee.vatAmount) })})` : nothing}
    </p>`;
}
