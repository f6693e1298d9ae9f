import { html, nothing } from 'lit';
import type { LoginMethod } from '../../contract/eid.js';
import type { Language } from '../../contract/text.js';
import { t, type MessageKey } from '../../i18n/index.js';
import '../../i18n/messages.eid.js';

/** A button of the BankID steps: the first one marked for focus when the step replaces the buttons used. */
export function bankIdButton(lang: Language, label: MessageKey, onClick: () => void, secondary = false, focus = false) {
  return html`<button type="button" part="button" class="button ${secondary ? 'button--secondary' : ''}"
    ?data-focus=${focus} @click=${onClick}>${t(lang, label)}</button>`;
}

/**
 * BankID's first question, "this device or another device?" (RFA20), with its two buttons and `onBack` as a way
 * out. On its own so that a widget can show it before the steps that follow a choice (BankIdFlow) are fetched.
 */
export function renderBankIdChoice(lang: Language, start: (method: LoginMethod) => void, onBack?: () => void) {
  return html`<p>${t(lang, 'eid.RFA20')}</p>
    <div class="actions">
      ${bankIdButton(lang, 'eid.thisDevice', () => start('sameDevice'), false, true)}
      ${bankIdButton(lang, 'eid.otherDevice', () => start('otherDevice'))}
      ${onBack ? bankIdButton(lang, 'eid.cancel', onBack, true) : nothing}
    </div>`;
}
