import { css, html } from 'lit';
import type { CaseStatus } from '../contract/my-pages.js';
import type { Language } from '../contract/text.js';
import { t } from '../i18n/index.js';
// This widget's Swedish texts come with it, not with every page.
import '../i18n/messages.my-pages.js';

/**
 * A case's status as GOV.UK's tag: a short word on a tinted background, the same words
 * everywhere (`status.<value>`). The colour only repeats what the text says. Put
 * `statusTagStyles` in the widget's styles.
 */
export const renderStatusTag = (status: CaseStatus, lang: Language) =>
  html`<strong class="tag tag--${status}" part="status-tag">${t(lang, `status.${status}`)}</strong>`;

/** Colours with at least 4.5:1 contrast between text and background (GOV.UK's tag palette). */
export const statusTagStyles = css`
  .tag {
    display: inline-block; max-width: 100%; padding: 0.15em 0.5em 0.1em;
    font-weight: 400; font-size: 0.95em; line-height: 1.25; overflow-wrap: break-word;
    color: #0c2d4a; background: #bbd4ea;
  }
  .tag--draft { color: #383f43; background: #e5e6e7; }
  .tag--awaitingPayment, .tag--awaitingCosign, .tag--awaitingSupplement { color: #594d00; background: #fff7bf; }
  .tag--submitted { color: #0c2d4a; background: #bbd4ea; }
  .tag--inProgress { color: #0c2d4a; background: #d2e2f1; }
  .tag--closed { color: #005a30; background: #cce2d8; }
  .tag--cosignExpired, .tag--cosignDeclined { color: #2a0b06; background: #f4cdc6; }
  @media (forced-colors: active) { .tag { border: 1px solid; } }
`;
