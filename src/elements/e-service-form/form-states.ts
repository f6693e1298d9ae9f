import { html, nothing } from 'lit';
import { ContractError, NetworkError, ProblemError } from '../../client/errors.js';
import type { Language } from '../../contract/text.js';
import { t } from '../../i18n/index.js';
import '../../i18n/messages.js';

/** While the definition loads. */
export function renderLoading(lang: Language) {
  return html`<div class="loading" part="loading" aria-busy="true">
    <span class="spinner" aria-hidden="true"></span><span>${t(lang, 'form.loading')}</span>
  </div>`;
}

/** The definition could not be loaded: why, and Try again when trying again can help. */
export function renderLoadError(error: unknown, lang: Language, serviceId: string, retry: () => void) {
  const fromBackend = error instanceof ProblemError || error instanceof NetworkError || error instanceof ContractError;
  const notFound = error instanceof ProblemError && error.problem.status === 404;
  const message = notFound
    ? t(lang, 'form.loadFailedNotFound', { service: serviceId })
    : !fromBackend && error instanceof Error && error.message
      ? error.message
      : t(lang, 'form.loadFailed');
  return html`<div class="load-error" part="load-error" role="alert">
    <p>${message}</p>
    ${fromBackend && !notFound
      ? html`<button type="button" class="button button--secondary" @click=${retry}>
          ${t(lang, 'form.retry')}
        </button>`
      : nothing}
  </div>`;
}
