import { reinvite } from '../../client/cosign.js';
import { ProblemError } from '../../client/errors.js';
import type { Cosigner, CosignOverview } from '../../contract/cosign.js';
import { EMAIL } from '../../contract/patterns.js';
import type { Language } from '../../contract/text.js';
import { t } from '../../i18n/index.js';
import { reinvitedEvent } from './cosign-status.events.js';
import { CosignPart, type CosignHost } from './part.js';
import '../../i18n/messages.my-pages.js';

/** What sending an invitation again needs from the element. */
export interface ReinviteHost extends CosignHost {
  /** The applicant's case (`case`). */
  caseId(): string | undefined;
  /** The backend's overview once the invitation has gone: the element shows it. */
  reinvited(overview: CosignOverview): void;
  /** A message for the element's polite live region. */
  say(status: string): void;
}

/** A cosigner by name, or "Den andra vårdnadshavaren" when the backend gives none. */
export const cosignerName = (cosigner: Cosigner, lang: Language): string => cosigner.name ?? t(lang, 'cosign.otherGuardian');

/**
 * The applicant's "Skicka inbjudan igen" and "Ändra e-postadress" for a cosigner who has not
 * answered: the address is checked here as the backend checks it, and the backend's own objection
 * to it shows beside the field.
 */
export class ReinviteController extends CosignPart<ReinviteHost> {
  /** The cosigner (their request id) whose address is being changed, what is typed, and the form's error. */
  changing?: string | undefined;
  email = '';
  emailError?: string | undefined;
  /** The cosigner whose invitation is on its way. */
  sending?: string | undefined;
  resendFailed?: string | undefined;

  openChange(cosigner: Cosigner): void {
    this.changing = cosigner.requestId;
    this.email = '';
    this.emailError = undefined;
    this.resendFailed = undefined;
    this.widget.focus(`#email-${cosigner.requestId}`);
    this.changed();
  }

  closeChange(cosigner: Cosigner): void {
    this.changing = undefined;
    this.emailError = undefined;
    this.widget.focus(`#change-${cosigner.requestId}`);
    this.changed();
  }

  /** What the applicant types as the new address. */
  typed(email: string): void {
    this.email = email;
    this.changed();
  }

  submitChange(event: Event, cosigner: Cosigner): void {
    event.preventDefault();
    const lang = this.widget.lang();
    const email = this.email.trim();
    this.emailError = !email
      ? t(lang, 'cosign.emailRequired')
      : EMAIL.test(email)
        ? undefined
        : t(lang, 'cosign.emailInvalid');
    this.changed();
    if (this.emailError) {
      this.widget.focus('.error-summary');
      return;
    }
    void this.resend(cosigner, email);
  }

  /** The invitation again, to the address it went to or to `email`. */
  async resend(cosigner: Cosigner, email?: string): Promise<void> {
    const client = this.widget.client();
    const caseId = this.widget.caseId();
    if (!client || !caseId || this.sending) return;
    const lang = this.widget.lang();
    const requestId = cosigner.requestId;
    this.sending = requestId;
    this.resendFailed = undefined;
    this.widget.say('');
    this.changed();
    try {
      const overview = await reinvite(client, caseId, requestId, email ? { email } : {}, lang);
      this.widget.reinvited(overview);
      const now = overview.cosigners.find((other) => other.requestId === requestId) ?? cosigner;
      this.changing = undefined;
      this.emailError = undefined;
      this.widget.say(t(lang, 'cosign.resent', { name: email ?? now.sentTo ?? cosignerName(now, lang) }));
      this.widget.focus(`#resend-${requestId}`);
      this.host.dispatchEvent(reinvitedEvent({ caseId, requestId }));
    } catch (error) {
      this.widget.checkSession(error);
      const fieldError = error instanceof ProblemError ? error.problem.errors?.find((item) => item.path === 'email') : undefined;
      if (fieldError && email) {
        this.emailError = fieldError.message;
        this.widget.focus('.error-summary');
      } else {
        this.resendFailed = requestId;
      }
    } finally {
      this.sending = undefined;
      this.changed();
    }
  }
}
