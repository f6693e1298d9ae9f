import { html, nothing } from 'lit';
import type { Language } from '../contract/text.js';
import { t } from '../i18n/index.js';
import '../i18n/messages.js';

export interface SummaryItem {
  /** The id of the question's element, for the link's address. */
  targetId: string;
  /** The error's path, handed back when the link is followed. */
  path: string;
  message: string;
}

/**
 * GOV.UK's error summary: it takes focus when shown, its alert is read at once,
 * and each link moves focus to the field it names. The focused box is a plain container,
 * as GOV.UK's is: a name (aria-labelledby) is not allowed on an element without a role, and
 * screen readers may leave it unsaid; the alert inside says the heading and the list.
 */
export function renderErrorSummary(
  items: SummaryItem[],
  lang: Language,
  onFollow: (targetId: string, path: string) => void,
) {
  if (items.length === 0) return nothing;
  return html`
    <div class="error-summary" part="error-summary" tabindex="-1">
      <div role="alert">
        <h2 id="error-summary-title" class="error-summary__title">${t(lang, 'form.errorSummaryTitle')}</h2>
        <ul class="error-summary__list">
          ${items.map(
            (item) => html`<li>
              <a
                href=${`#${item.targetId}`}
                @click=${(event: Event) => {
                  event.preventDefault();
                  onFollow(item.targetId, item.path);
                }}
                >${item.message}</a
              >
            </li>`,
          )}
        </ul>
      </div>
    </div>
  `;
}
