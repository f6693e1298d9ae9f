import { html } from 'lit';
import { BankIdFlow } from '../../components/bankid/bankid-flow.js';
import type { SigningState } from '../../contract/signing.js';
import type { Language } from '../../contract/text.js';
import { t } from '../../i18n/index.js';
import '../../i18n/messages.signing.js';

/**
 * Signing a case: BankID's steps and what the form shows around them, with their texts. Fetched
 * (SendController.loadSigning) with the definition of an e-service that is signed, so that the
 * others do not carry them.
 */
export { BankIdFlow };

/** What signing says when the backend can't be reached, in place of the login's words. */
export const SIGNING_MESSAGES = { offline: 'form.signOffline', unreachable: 'form.signUnreachable' } as const;

/** Signing with BankID instead of the Send button; its messages in a live region of their own. */
export function renderSigning(flow: BankIdFlow<SigningState>, lang: Language, onBack: () => void) {
  return html`<section class="signing" part="signing" aria-labelledby="sign-title">
    <h3 id="sign-title" class="step-title">${t(lang, 'form.signTitle')}</h3>
    <p>${t(lang, 'form.signIntro')}</p>
    <p class="status ${flow.view === 'failed' ? 'status--error' : ''}" part="signing-status" role="status" aria-live="polite" aria-atomic="true">${flow.statusText(lang)}</p>
    ${flow.render(lang, onBack)}
  </section>`;
}
