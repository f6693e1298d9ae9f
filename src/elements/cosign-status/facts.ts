import { html } from 'lit';
import type { Language } from '../../contract/text.js';
import { t } from '../../i18n/index.js';
import { formatDate } from '../my-cases/my-pages.js';
import '../../i18n/messages.my-pages.js';

const DAY = 86_400_000;
const stockholmDay = (time: number) => new Date(time).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

/** One fact of a summary list (both views start with theirs): its name, and what it is. */
export const renderRow = (key: string, value: unknown) =>
  html`<div class="summary-list__row"><dt class="summary-list__key">${key}</dt><dd class="summary-list__value">${value}</dd></div>`;

/** The deadline as a date, and the days left. */
export function renderDeadline(iso: string, lang: Language) {
  const deadline = Date.parse(iso);
  const now = Date.now();
  const days = Math.ceil((deadline - now) / DAY);
  const left =
    deadline < now
      ? t(lang, 'cosign.deadlinePassed')
      : stockholmDay(deadline) === stockholmDay(now)
        ? t(lang, 'cosign.lastDay')
        : days <= 1
          ? t(lang, 'cosign.dayLeft')
          : t(lang, 'cosign.daysLeft', { count: days });
  return html`<span part="deadline"><time datetime=${iso}>${formatDate(iso, lang)}</time> (${left})</span>`;
}
