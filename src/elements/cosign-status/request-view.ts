// `satisfies` rather than a return type: the published types then name no @lit/task, which the kit bundles
// and does not make its users install.
import type { StatusRenderer } from '@lit/task';
import { formatOrganisationNumber } from '../../contract/company-words.js';
import { html, nothing } from 'lit';
import { cosignRefusal } from '../../client/cosign.js';
import type { CosignRequestView } from '../../contract/cosign.js';
import type { Language } from '../../contract/text.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { renderAnswerRows } from '../my-cases/answers.js';
import { formatDate, renderLoadError, renderLoading } from '../my-cases/my-pages.js';
import type { CosignerController } from './cosigner.js';
import { renderDeadline, renderRow } from './facts.js';
import { NoInvitation, type Opened } from './invitation.js';
import '../../i18n/messages.my-pages.js';

/** Why the invitation cannot be signed (it takes focus when an action meets it). */
function renderRefusal(lang: Language, key: MessageKey) {
  return html`<div id="refusal" class="refusal" part="refusal" role="alert" tabindex="-1"><p>${t(lang, key)}</p></div>`;
}

/**
 * The cosigner's view as the element's Task opens the request: loading, why it cannot be opened
 * (a refusal, or a failure with Try again), or the request. `heading` is the level of the headings
 * under the widget's own.
 */
export const requestStates = (cosigner: CosignerController, lang: Language, heading: number, retry: () => void) => ({
  initial: () => renderLoading(t(lang, 'cosign.loading')),
  pending: () => renderLoading(t(lang, 'cosign.loading')),
  error: (error) => {
    if (error instanceof NoInvitation) return renderRefusal(lang, 'cosign.noInvitation');
    const refusal = cosignRefusal(error);
    if (refusal) return renderRefusal(lang, `cosign.refused.${refusal}`);
    return renderLoadError(t(lang, 'cosign.loadFailed'), lang, error, retry);
  },
  complete: (opened) => renderRequest(opened, cosigner, lang, heading),
}) satisfies StatusRenderer<Opened>;

/**
 * The request: who asks, the deadline, the answers read-only (in words meant for someone other
 * than the applicant), and then what the cosigner may do.
 */
function renderRequest({ definition }: Opened, cosigner: CosignerController, lang: Language, heading: number) {
  const view = cosigner.current!;
  return html`<p class="asked" part="asked-by">${t(lang, 'cosign.askedBy', { name: view.askedBy })}</p>
    ${view.status === 'pending' && !cosigner.outcome && !cosigner.refusal ? html`<p>${t(lang, 'cosign.intro')}</p>` : nothing}
    <dl class="summary-list" part="summary-list">
      ${renderRow(t(lang, 'cases.municipality'), view.municipality[lang])}
      ${view.organisation ? renderRow(t(lang, 'cases.organisation'), `${view.organisation.name}, ${formatOrganisationNumber(view.organisation.organisationNumber)}`) : nothing}
      ${renderRow(t(lang, 'cosign.deadline'), renderDeadline(view.deadline, lang))}
    </dl>
    <div class="heading" role="heading" aria-level=${heading}>${t(lang, 'cosign.answers')}</div>
    ${definition ? nothing : html`<p class="muted">${t(lang, 'cosign.answersById')}</p>`}
    <dl class="summary-list" part="summary-list">${renderAnswerRows(definition, view.answers, lang, 'other', view)}</dl>
    ${view.contactWithheld ? html`<p class="muted" part="contact-withheld">${t(lang, 'cosign.contactWithheld')}</p>` : nothing}
    <div class="next">${renderNext(view, cosigner, lang, heading)}</div>`;
}

/** After the answers: what the cosigner may do, or what has happened. */
function renderNext(view: CosignRequestView, cosigner: CosignerController, lang: Language, heading: number) {
  if (cosigner.refusal) return renderRefusal(lang, `cosign.refused.${cosigner.refusal}`);
  if (cosigner.outcome) return html`<p id="outcome" class="success" part="outcome" tabindex="-1">${cosigner.outcome}</p>`;
  switch (view.status) {
    case 'signed':
      return html`<p class="success" part="outcome">${t(lang, 'cosign.signedEarlier', { date: formatDate(view.signedAt ?? view.deadline, lang) })}</p>`;
    case 'declined':
      return html`<p class="notice" part="outcome">${t(lang, 'cosign.declined', { name: view.askedBy })}</p>`;
    case 'expired':
      return renderRefusal(lang, 'cosign.refused.invitation-expired');
    case 'pending':
      break;
  }
  const flow = cosigner.flow;
  if (cosigner.phase === 'sign') {
    return html`<section class="signing" part="signing" aria-labelledby="sign-title">
      <div id="sign-title" class="heading" role="heading" aria-level=${heading} tabindex="-1">${t(lang, 'cosign.signTitle')}</div>
      <p class="status ${flow.view === 'failed' ? 'status--error' : ''}" part="signing-status">${flow.statusText(lang)}</p>
      ${flow.render(lang, () => cosigner.leaveSigning())}
    </section>`;
  }
  if (cosigner.phase === 'decline') {
    return html`<div class="confirm" part="confirm" role="group" aria-labelledby="decline-question">
      <p id="decline-question" tabindex="-1">${t(lang, 'cosign.declineConfirm', { name: view.askedBy })}</p>
      ${cosigner.declineFailed ? html`<p class="error" role="alert">${t(lang, 'cosign.declineFailed')}</p>` : nothing}
      <div class="actions">
        <button type="button" class="button button--warning" aria-disabled=${cosigner.declining ? 'true' : 'false'}
          @click=${() => void cosigner.decline()}>${t(lang, cosigner.declining ? 'cosign.declining' : 'cosign.declineYes')}</button>
        <button type="button" class="button button--secondary" @click=${() => cosigner.cancelDecline()}>${t(lang, 'cosign.declineNo')}</button>
      </div>
    </div>`;
  }
  return html`<div class="actions">
    <button type="button" id="sign-button" class="button" part="sign-button" @click=${() => cosigner.startSigning()}>${t(lang, 'cosign.sign')}</button>
    <button type="button" id="decline-button" class="button button--secondary" part="decline-button" @click=${() => cosigner.askDecline()}>${t(lang, 'cosign.decline')}</button>
  </div>`;
}
