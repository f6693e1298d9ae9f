// `satisfies` rather than a return type: the published types then name no @lit/task, which the kit bundles
// and does not make its users install.
import type { StatusRenderer } from '@lit/task';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Cosigner, CosignOverview } from '../../contract/cosign.js';
import { isCaseStatus } from '../../contract/statuses.js';
import type { Language } from '../../contract/text.js';
import { renderErrorSummary } from '../../components/error-summary.js';
import { renderStatusTag } from '../../components/status-tag.js';
import { safeHref } from '../../config/safe-url.js';
import { t } from '../../i18n/index.js';
import { formatDate, renderLoadError, renderLoading } from '../my-cases/my-pages.js';
import type { CopyController } from './copy.js';
import { renderDeadline, renderRow } from './facts.js';
import { cosignerName, type ReinviteController } from './reinvite.js';
import '../../i18n/messages.js';

/** What the applicant's view shows and acts through. */
export interface OverviewContext {
  lang: Language;
  /** The level of the headings under the widget's own. */
  heading: number;
  /** Inside a view that already names the case: its e-service, number and status are left out. */
  nested: boolean;
  reinvite: ReinviteController;
  copy: CopyController;
  /** The element's shadow root: the error summary's links move focus inside it. */
  root: ParentNode;
}

/**
 * The applicant's view as the element's Task loads it: loading, a failure with Try again, or the
 * overview (`overview`: the Task's, or the one sending an invitation again brought).
 */
export const overviewStates = (overview: CosignOverview | undefined, context: OverviewContext, retry: () => void) => ({
  initial: () => renderLoading(t(context.lang, 'cosign.overviewLoading')),
  pending: () => renderLoading(t(context.lang, 'cosign.overviewLoading')),
  error: (error) => renderLoadError(t(context.lang, 'cosign.overviewFailed'), context.lang, error, retry),
  complete: () => renderOverview(overview!, context),
}) satisfies StatusRenderer<unknown>;

/**
 * The overview: the case's facts and deadline, each cosigner with where they stand (and,
 * while the case waits, their invitation to send again), and for a case not signed in time or
 * declined, starting again from a copy.
 */
function renderOverview(overview: CosignOverview, context: OverviewContext) {
  const { lang } = context;
  const waiting = overview.status === 'awaitingCosign';
  const over = overview.status === 'cosignExpired' || overview.status === 'cosignDeclined';
  const facts = !context.nested;
  return html`<dl class="summary-list" part="summary-list">
      ${facts ? renderRow(t(lang, 'cosign.service'), overview.serviceTitle[lang]) : nothing}
      ${facts && overview.caseNumber ? renderRow(t(lang, 'cases.caseNumber'), overview.caseNumber) : nothing}
      ${facts && isCaseStatus(overview.status) ? renderRow(t(lang, 'cases.status'), renderStatusTag(overview.status, lang)) : nothing}
      ${renderRow(t(lang, 'cosign.deadlineAll'), renderDeadline(overview.deadline, lang))}
    </dl>
    ${waiting ? html`<p>${t(lang, 'cosign.overviewIntro')}</p>` : nothing}
    <ul class="cosigners">${overview.cosigners.map((cosigner) => renderCosigner(cosigner, waiting, context))}</ul>
    ${over ? renderCopy(overview, context.copy, lang) : nothing}`;
}

function renderCosigner(cosigner: Cosigner, waiting: boolean, context: OverviewContext) {
  const { lang, reinvite } = context;
  const name = cosignerName(cosigner, lang);
  const id = cosigner.requestId;
  const sending = reinvite.sending === id;
  return html`<li class="cosigner" part="cosigner">
    <div class="cosigner__name" role="heading" aria-level=${context.heading}>${name}</div>
    <strong class="tag tag--${cosigner.status}" part="status-tag">${t(lang, `cosign.cosignerStatus.${cosigner.status}`)}</strong>
    ${cosigner.status === 'signed' && cosigner.signedAt
      ? html`<p>${t(lang, 'cosign.signedAt', { date: formatDate(cosigner.signedAt, lang) })}</p>`
      : cosigner.invitedAt
        ? html`<p class="muted">${cosigner.sentTo
            ? t(lang, 'cosign.invited', { date: formatDate(cosigner.invitedAt, lang), to: cosigner.sentTo })
            : t(lang, 'cosign.invitedAt', { date: formatDate(cosigner.invitedAt, lang) })}</p>`
        : nothing}
    ${reinvite.resendFailed === id ? html`<p class="error" role="alert">${t(lang, 'cosign.resendFailed')}</p>` : nothing}
    ${waiting && cosigner.status === 'pending'
      ? reinvite.changing === id
        ? renderChange(cosigner, name, context)
        : html`<div class="actions">
            <button type="button" id=${`resend-${id}`} class="button button--secondary" part="resend-button"
              aria-disabled=${sending ? 'true' : 'false'} @click=${() => void reinvite.resend(cosigner)}>
              ${t(lang, sending ? 'cosign.sending' : 'cosign.resend')}<span class="visually-hidden"> (${name})</span></button>
            <button type="button" id=${`change-${id}`} class="link-button" part="change-button" @click=${() => reinvite.openChange(cosigner)}>
              ${t(lang, 'cosign.changeEmail')}<span class="visually-hidden"> (${name})</span></button>
          </div>`
      : nothing}
  </li>`;
}

/** "Ändra e-postadress": a corrected address, and the invitation sent to it. */
function renderChange(cosigner: Cosigner, name: string, { lang, reinvite, root }: OverviewContext) {
  const id = cosigner.requestId;
  const error = reinvite.emailError;
  const input = `email-${id}`;
  const sending = reinvite.sending === id;
  return html`<form class="change" part="change-form" novalidate aria-label=${`${t(lang, 'cosign.changeEmail')} (${name})`}
    @submit=${(event: Event) => reinvite.submitChange(event, cosigner)}>
    ${renderErrorSummary(error ? [{ targetId: input, path: 'email', message: error }] : [], lang, (targetId) =>
      root.querySelector<HTMLElement>(`#${targetId}`)?.focus(),
    )}
    <div class="field ${error ? 'field--error' : ''}" part="field">
      <label class="label" part="label" for=${input}>${t(lang, 'cosign.email')}</label>
      <p id=${`${input}-hint`} class="hint" part="hint">${t(lang, 'cosign.emailHint')}</p>
      ${error
        ? html`<p id=${`${input}-error`} class="error-message" part="error-message"><span class="visually-hidden">${t(lang, 'form.errorPrefix')}</span> ${error}</p>`
        : nothing}
      <input id=${input} name="email" type="email" class="input input--email" part="input" spellcheck="false" autocomplete="off"
        aria-describedby=${error ? `${input}-hint ${input}-error` : `${input}-hint`} aria-invalid=${error ? 'true' : 'false'}
        .value=${live(reinvite.email)} @input=${(event: Event) => reinvite.typed((event.target as HTMLInputElement).value)} />
    </div>
    <div class="actions">
      <button type="submit" class="button" aria-disabled=${sending ? 'true' : 'false'}>${t(lang, sending ? 'cosign.sending' : 'cosign.sendInvitation')}</button>
      <button type="button" class="button button--secondary" @click=${() => reinvite.closeChange(cosigner)}>${t(lang, 'cosign.cancel')}</button>
    </div>
  </form>`;
}

/** For a case not signed in time, or declined: "Börja om med en kopia", then the way to the copy. */
function renderCopy(overview: CosignOverview, copy: CopyController, lang: Language) {
  const copied = copy.copied;
  if (copied) {
    return html`<div class="copied">
      <p id="copied" class="success" part="outcome" tabindex="-1">${t(lang, 'cosign.copied')}</p>
      ${safeHref(copied.url) ? html`<p><a class="button" part="continue-link" href=${safeHref(copied.url)}>${t(lang, 'cosign.continueCopy')}</a></p>` : nothing}
    </div>`;
  }
  return html`<p class="notice">${t(lang, overview.status === 'cosignExpired' ? 'cosign.expiredCase' : 'cosign.declinedCase')}</p>
    ${copy.copyFailed ? html`<p class="error" role="alert">${t(lang, 'cosign.copyFailed')}</p>` : nothing}
    <div class="actions">
      <button type="button" class="button" part="copy-button" aria-disabled=${copy.copying ? 'true' : 'false'} @click=${() => void copy.copy()}>
        ${t(lang, copy.copying ? 'cosign.copying' : 'cosign.copy')}</button>
    </div>`;
}
