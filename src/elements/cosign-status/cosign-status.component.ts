import { consume } from '@lit/context';
import { safeHref } from '../../config/safe-url.js';
import { Task, initialState } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  cancelCosigning, copyCase, cosignRefusal, declineCosigning, getCosignOverview, getCosignRequest, openInvitation, pollCosigning,
  reinvite, startCosigning, type CosignRefusal,
} from '../../client/cosign.js';
import { ProblemError } from '../../client/errors.js';
import type { KitClient } from '../../client/kit-client.js';
import { Reinvite, type Cosigner, type CosignOverview, type CosignRequestView, type CosignSigningState } from '../../contract/cosign.js';
import type { ServiceDefinition } from '../../contract/definition.js';
import type { LoginMethod } from '../../contract/eid.js';
import { CaseStatus, type Draft } from '../../contract/my-pages.js';
import type { Language } from '../../contract/text.js';
import { BankIdFlow, type BankIdOrderApi } from '../../components/bankid/bankid-flow.js';
import { bankIdFlowStyles } from '../../components/bankid/bankid-flow.styles.js';
import { renderErrorSummary } from '../../components/error-summary.js';
import { fieldStyles, moreFieldStyles } from '../../components/field.styles.js';
import { renderStatusTag, statusTagStyles } from '../../components/status-tag.js';
import { kitConfigContext, type KitConfig } from '../../config/context.js';
import { LanguageController } from '../../config/language-controller.js';
import { attachContextRoot, widgetClient } from '../../config/resolve.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { baseStyles, hostStyles } from '../../styles/shared.js';
import { formStyles, pageStyles } from '../e-service-form/e-service-form.styles.js';
import { renderAnswerRows } from '../my-cases/answers.js';
import { myPagesStyles } from '../my-cases/my-cases.styles.js';
import { CitizenController, formatDate, isSessionEnd, renderLoadError, renderLoading } from '../my-cases/my-pages.js';
import { copiedEvent, reinvitedEvent, requestEvent } from './cosign-status.events.js';
import { cosignStatusStyles } from './cosign-status.styles.js';
// This widget's Swedish texts come with it, not with every page.
import '../../i18n/messages.my-pages.js';
import { isMobileDevice } from '../../components/bankid/device.js';

/** Neither `invitation`, `request`, `case` nor `?invitation=` in the page's address: nothing to open. */
class NoInvitation extends Error {}

interface Opened {
  view: CosignRequestView;
  /** The e-service's definition when the case was sent on the version it has now: its labels name the answers. */
  definition?: ServiceDefinition | undefined;
}

/** The cosigner's step: reading, confirming a decline, or signing with BankID. */
type Phase = 'read' | 'decline' | 'sign';

const DAY = 86_400_000;
const stockholmDay = (time: number) => new Date(time).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

/**
 * @tagname cosign-status
 * @summary Flerpartssignering: a case that others must sign too. For a cosigner
 * (`invitation`, `request`, or `?invitation=` in the page's address) it shows, after a BankID
 * login, what they are asked to sign — the answers read-only, who asked, the deadline — with
 * "Skriv under" (the BankID steps) and "Neka" (after a confirmation), and a plain message for each
 * refusal (not for you, too late, already used, signed or declined). For the applicant (`case`) it
 * shows who has signed and who hasn't, the deadline and days left, "Skicka inbjudan igen" and
 * "Ändra e-postadress" per pending cosigner, and for a case not signed in time or declined
 * "Börja om med en kopia". Without a login it shows an `<eid-login>`. The cosigner reads the answers
 * as someone other than the applicant: each question's `summaryLabel` where it has one, the child
 * by name and each file by its name. Inside a view that already shows the case (`<my-cases>`' case
 * view), `nested` leaves out the e-service, case number and status, and `heading-level` sets the
 * level of its heading.
 *
 * @fires {CosignStatusRequestDetail} cosign-status-signed - The cosigner signed; `detail` holds `requestId` and `caseId`.
 * @fires {CosignStatusRequestDetail} cosign-status-declined - The cosigner declined; `detail` holds `requestId` and `caseId`.
 * @fires {CosignStatusReinvitedDetail} cosign-status-reinvited - The applicant sent an invitation again; `detail` holds `caseId` and `requestId`.
 * @fires {CosignStatusCopiedDetail} cosign-status-copied - The applicant started again from a copy; `detail` holds `caseId`, `draftId`, `serviceId` and `url` (from `continue-url`).
 *
 * @csspart base - The widget as a whole.
 * @csspart title - The heading.
 * @csspart asked-by - "Anna Andersson vill att du skriver under".
 * @csspart summary-list - The facts (municipality, deadline, status) and the answers.
 * @csspart deadline - The deadline and the days left.
 * @csspart sign-button - "Skriv under".
 * @csspart decline-button - "Neka".
 * @csspart confirm - The question before declining.
 * @csspart signing - The BankID steps that sign.
 * @csspart signing-status - BankID's message while signing.
 * @csspart qr - The QR code to scan with BankID on another device.
 * @csspart button - A button of the BankID steps.
 * @csspart outcome - "Du har skrivit under…" or "Du har nekat…".
 * @csspart refusal - Why the invitation cannot be signed.
 * @csspart cosigner - One cosigner in the applicant's view.
 * @csspart status-tag - A case's or a cosigner's status.
 * @csspart resend-button - "Skicka inbjudan igen".
 * @csspart change-button - "Ändra e-postadress".
 * @csspart change-form - The form for a corrected e-mail address.
 * @csspart error-summary - The form's errors, GOV.UK style.
 * @csspart error-message - An error beside the field.
 * @csspart input - The e-mail field.
 * @csspart copy-button - "Börja om med en kopia".
 * @csspart continue-link - "Fortsätt med kopian".
 * @csspart loading - The loading message.
 * @csspart load-error - The message when nothing could be loaded, with Try again.
 * @csspart login-notice - Why to log in.
 * @csspart login - The `<eid-login>` shown when nobody is logged in.
 *
 * @cssprop --esk-font-family - Font of all text.
 * @cssprop --esk-color-primary - Background of the main buttons.
 * @cssprop --esk-color-link - Colour of links.
 * @cssprop --esk-color-text - Colour of text.
 * @cssprop --esk-color-hint - Colour of secondary text.
 * @cssprop --esk-color-error - Colour of errors, refusals and the decline confirmation.
 * @cssprop --esk-color-success - Edge of the outcome.
 * @cssprop --esk-color-focus - Colour of the focus highlight.
 */
export class CosignStatus extends LitElement {
  static override styles = [
    hostStyles, baseStyles, fieldStyles, moreFieldStyles, formStyles, pageStyles, statusTagStyles, myPagesStyles, bankIdFlowStyles, cosignStatusStyles,
  ];

  /** The backend's base URL; by default the one set by `<e-service-config>`, else the server the kit was loaded from. */
  @property({ reflect: true }) backend?: string;

  /** The client to use instead of one for `backend`: lets a page, a story or a test supply its own. */
  @property({ attribute: false }) client?: KitClient;

  /** A cosigner's invitation token, from the link in the invitation (by default `?invitation=` in the page's address). */
  @property() invitation?: string;

  /** A cosigner's request id, when opened from <my-cases> rather than from the link. */
  @property() request?: string;

  /** The applicant's case: shows who has signed it and who hasn't. */
  @property({ attribute: 'case' }) case?: string;

  /**
   * Where "Fortsätt med kopian" leads after starting again from a copy: a page address with
   * `{serviceId}` and `{id}` (the new draft's id) filled in, e.g. `/{serviceId}.html?case={id}`.
   */
  @property({ attribute: 'continue-url' }) continueUrl?: string;

  /** The level of the widget's heading (3 inside `<my-cases>`' case view); the headings under it follow. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** Inside a view that already names the case, its e-service, number and status: the applicant's view leaves them out. */
  @property({ type: Boolean, reflect: true }) nested = false;

  @consume({ context: kitConfigContext, subscribe: true })
  @state()
  private config?: KitConfig;

  // The cosigner's view.
  @state() private current?: CosignRequestView | undefined;
  @state() private phase: Phase = 'read';
  @state() private outcome?: string | undefined;
  @state() private refusal?: CosignRefusal | undefined;
  @state() private declining = false;
  @state() private declineFailed = false;

  // The applicant's view.
  @state() private overview?: CosignOverview | undefined;
  /** The cosigner whose address is being changed, what is typed, and the form's error. */
  @state() private changing?: string | undefined;
  @state() private email = '';
  @state() private emailError?: string | undefined;
  @state() private sending?: string | undefined;
  @state() private resendFailed?: string | undefined;
  @state() private copying = false;
  @state() private copyFailed = false;
  @state() private copied?: { draft: Draft; url?: string | undefined } | undefined;

  /** The polite live region's text: rendered from the start, only its text changes. */
  @state() private status = '';

  private focusAfterRender?: string | undefined;
  private readonly language = new LanguageController(this, () => this.config);
  private readonly citizen = new CitizenController(this, () => this.activeClient());
  private readonly flow = new BankIdFlow<CosignSigningState>(this, () => this.signingApi(), (done) => this.signed(done));

  private readonly opened = new Task(this, {
    task: async ([client, loggedIn, caseId, requestId, token], { signal }): Promise<Opened | typeof initialState> => {
      if (!client || !loggedIn || caseId) return initialState;
      if (!requestId && !token) throw new NoInvitation();
      const lang = this.lang_;
      this.reset();
      try {
        const view = requestId ? await getCosignRequest(client, requestId, lang, signal) : await openInvitation(client, token!, lang, signal);
        if (!requestId && !this.invitation) forgetInvitationInAddress(view.requestId);
        // Only for its labels: without it the answers show under their question ids.
        const newest = await client.getService(view.serviceId, lang, signal).catch(() => undefined);
        // Sent on an older version: that version's questions, asked for only then.
        const definition = newest?.version === view.serviceVersion
          ? newest
          : await client.getService(view.serviceId, lang, signal, view.serviceVersion).catch(() => undefined);
        this.current = view;
        return { view, definition: definition?.version === view.serviceVersion ? definition : undefined };
      } catch (error) {
        if (isSessionEnd(error)) this.citizen.sessionEnded();
        throw error;
      }
    },
    args: () => [this.activeClient(), this.citizen.status === 'in', this.case, this.requestId(), this.token()] as const,
  });

  private readonly signatures = new Task(this, {
    task: async ([client, loggedIn, caseId], { signal }) => {
      if (!client || !loggedIn || !caseId) return initialState;
      try {
        this.overview = await getCosignOverview(client, caseId, this.lang_, signal);
        return this.overview;
      } catch (error) {
        if (isSessionEnd(error)) this.citizen.sessionEnded();
        throw error;
      }
    },
    args: () => [this.activeClient(), this.citizen.status === 'in', this.case] as const,
  });

  constructor() {
    super();
    attachContextRoot();
  }

  /**
   * The language in use: `lang` on the element, `<e-service-config>`, the page, or Swedish.
   * @internal
   */
  get lang_(): Language {
    return this.language.value;
  }

  /** True on phones and tablets: there BankID's app link is https://app.bankid.com/. */
  isMobile(): boolean {
    return isMobileDevice();
  }

  /** Opens the BankID app to sign. Tests and pages may replace this to capture the URL. */
  openBankId(url: string): void {
    location.href = url;
  }

  private activeClient(): KitClient | undefined {
    return widgetClient(this.client, this.backend, this.config);
  }

  /** The page's address as the widget came to it (later changes, such as dropping the token, change nothing here). */
  private readonly linked = new URLSearchParams(location.search);

  /** The request to sign: the attribute, else `?request=` in the page's address (a link from <my-cases>). */
  private requestId(): string | undefined {
    return this.request || this.linked.get('request') || undefined;
  }

  /** The invitation: the attribute, else `?invitation=` in the page's address. */
  private token(): string | undefined {
    if (this.requestId()) return undefined;
    return this.invitation || this.linked.get('invitation') || undefined;
  }

  private reset(): void {
    this.flow.stop();
    this.flow.view = 'choice';
    this.phase = 'read';
    this.outcome = this.refusal = undefined;
    this.declineFailed = false;
  }

  // --- the cosigner -------------------------------------------------------------------

  private signingApi(): BankIdOrderApi<CosignSigningState> {
    const client = this.activeClient()!;
    const lang = this.lang_;
    const requestId = this.current!.requestId;
    return {
      start: async (method: LoginMethod) => {
        try {
          // A new order is a new request: a key of its own (BankID allows one order per person at a time).
          return await startCosigning(client, requestId, method, crypto.randomUUID(), lang);
        } catch (error) {
          this.failed(error);
          throw error;
        }
      },
      poll: (orderRef) => pollCosigning(client, orderRef, lang),
      cancel: (orderRef) => cancelCosigning(client, orderRef, lang),
    };
  }

  /** An action met a refusal (too late, already signed…) or the session ended: say so instead of the buttons. */
  private failed(error: unknown): boolean {
    if (isSessionEnd(error)) this.citizen.sessionEnded();
    const refusal = cosignRefusal(error);
    if (!refusal) return false;
    this.refusal = refusal;
    this.phase = 'read';
    this.flow.stop();
    this.focusAfterRender = '#refusal';
    return true;
  }

  private startSigning(): void {
    this.phase = 'sign';
    this.flow.show('choice');
    this.focusAfterRender = '#sign-title';
  }

  private leaveSigning(): void {
    this.phase = 'read';
    this.focusAfterRender = '#sign-button';
  }

  private signed(done: CosignSigningState): void {
    const view = this.current!;
    this.current = done.request ?? { ...view, status: 'signed' };
    this.phase = 'read';
    // The contract leaves `result` out of a cosigning; a backend that names the sent case is told apart.
    this.outcome = t(this.lang_, done.caseSubmitted ? 'cosign.signedSubmitted' : 'cosign.signed');
    this.focusAfterRender = '#outcome';
    this.dispatchEvent(requestEvent('cosign-status-signed', { requestId: view.requestId, caseId: view.caseId }));
  }

  private askDecline(): void {
    this.phase = 'decline';
    this.declineFailed = false;
    this.focusAfterRender = '#decline-question';
  }

  private cancelDecline(): void {
    this.phase = 'read';
    this.declineFailed = false;
    this.focusAfterRender = '#decline-button';
  }

  private async decline(): Promise<void> {
    const client = this.activeClient();
    const view = this.current;
    if (!client || !view || this.declining) return;
    const lang = this.lang_;
    this.declining = true;
    this.declineFailed = false;
    try {
      this.current = await declineCosigning(client, view.requestId, lang);
      this.phase = 'read';
      this.outcome = t(lang, 'cosign.declined', { name: view.askedBy });
      this.focusAfterRender = '#outcome';
      this.dispatchEvent(requestEvent('cosign-status-declined', { requestId: view.requestId, caseId: view.caseId }));
    } catch (error) {
      if (!this.failed(error)) this.declineFailed = true;
    } finally {
      this.declining = false;
    }
  }

  // --- the applicant ------------------------------------------------------------------

  private cosignerName(cosigner: Cosigner, lang: Language): string {
    return cosigner.name ?? t(lang, 'cosign.otherGuardian');
  }

  private openChange(cosigner: Cosigner): void {
    this.changing = cosigner.requestId;
    this.email = '';
    this.emailError = undefined;
    this.resendFailed = undefined;
    this.focusAfterRender = `#email-${cosigner.requestId}`;
  }

  private closeChange(cosigner: Cosigner): void {
    this.changing = undefined;
    this.emailError = undefined;
    this.focusAfterRender = `#change-${cosigner.requestId}`;
  }

  private submitChange(event: Event, cosigner: Cosigner): void {
    event.preventDefault();
    const lang = this.lang_;
    const email = this.email.trim();
    this.emailError = !email
      ? t(lang, 'cosign.emailRequired')
      : Reinvite.shape.email.safeParse(email).success
        ? undefined
        : t(lang, 'cosign.emailInvalid');
    if (this.emailError) {
      this.focusAfterRender = '.error-summary';
      return;
    }
    void this.resend(cosigner, email);
  }

  private async resend(cosigner: Cosigner, email?: string): Promise<void> {
    const client = this.activeClient();
    const caseId = this.case;
    if (!client || !caseId || this.sending) return;
    const lang = this.lang_;
    const requestId = cosigner.requestId;
    this.sending = requestId;
    this.resendFailed = undefined;
    this.status = '';
    try {
      this.overview = await reinvite(client, caseId, requestId, email ? { email } : {}, lang);
      const now = this.overview.cosigners.find((other) => other.requestId === requestId) ?? cosigner;
      this.changing = undefined;
      this.emailError = undefined;
      this.status = t(lang, 'cosign.resent', { name: email ?? now.sentTo ?? this.cosignerName(now, lang) });
      this.focusAfterRender = `#resend-${requestId}`;
      this.dispatchEvent(reinvitedEvent({ caseId, requestId }));
    } catch (error) {
      if (isSessionEnd(error)) this.citizen.sessionEnded();
      const fieldError = error instanceof ProblemError ? error.problem.errors?.find((item) => item.path === 'email') : undefined;
      if (fieldError && email) {
        this.emailError = fieldError.message;
        this.focusAfterRender = '.error-summary';
      } else {
        this.resendFailed = requestId;
      }
    } finally {
      this.sending = undefined;
    }
  }

  private async copy(): Promise<void> {
    const client = this.activeClient();
    const caseId = this.case;
    if (!client || !caseId || this.copying) return;
    const lang = this.lang_;
    this.copying = true;
    this.copyFailed = false;
    try {
      const draft = await copyCase(client, caseId, lang);
      const url = this.continueUrl
        ?.replaceAll('{serviceId}', encodeURIComponent(draft.serviceId))
        .replaceAll('{id}', encodeURIComponent(draft.id));
      this.copied = { draft, url };
      this.focusAfterRender = '#copied';
      this.dispatchEvent(copiedEvent({ caseId, draftId: draft.id, serviceId: draft.serviceId, ...(url ? { url } : {}) }));
    } catch (error) {
      if (isSessionEnd(error)) this.citizen.sessionEnded();
      this.copyFailed = true;
    } finally {
      this.copying = false;
    }
  }

  protected override updated(): void {
    const selector = this.focusAfterRender;
    if (!selector) return;
    const target = this.renderRoot.querySelector<HTMLElement>(selector);
    if (target) {
      this.focusAfterRender = undefined;
      target.focus();
    }
  }

  // --- rendering ----------------------------------------------------------------------

  protected override render() {
    const lang = this.lang_;
    const citizen = this.citizen.status;
    const applicant = !!this.case;
    const title = applicant ? t(lang, 'cosign.overviewTitle') : (this.current?.serviceTitle[lang] ?? t(lang, 'cosign.title'));
    const live = this.phase === 'sign' && !applicant ? this.flow.statusText(lang) : this.status;
    return html`<div class="base" part="base">
      <div id="title" class="title" part="title" role="heading" aria-level=${this.level()} tabindex="-1">${title}</div>
      ${citizen === 'out'
        ? this.citizen.renderLogin(lang, applicant ? 'cosign.overviewLoginRequired' : 'cosign.loginRequired')
        : citizen === 'checking'
          ? renderLoading(t(lang, applicant ? 'cosign.overviewLoading' : 'cosign.loading'))
          : applicant
            ? this.renderOverview(lang)
            : this.renderCosigner(lang)}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${live}</div>
    </div>`;
  }

  private renderRefusal(lang: Language, key: MessageKey) {
    return html`<div id="refusal" class="refusal" part="refusal" role="alert" tabindex="-1"><p>${t(lang, key)}</p></div>`;
  }

  /** The deadline as a date, and the days left. */
  private renderDeadline(iso: string, lang: Language) {
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

  /** The heading level `below` the widget's own: 2 and 3 on a page of its own, 3 and 4 inside a case view. */
  private level(below = 0): number {
    const own = Math.min(Math.max(Math.round(this.headingLevel) || 2, 1), 5);
    return own + below;
  }

  private row(key: string, value: unknown) {
    return html`<div class="summary-list__row"><dt class="summary-list__key">${key}</dt><dd class="summary-list__value">${value}</dd></div>`;
  }

  private renderCosigner(lang: Language) {
    return this.opened.render({
      initial: () => renderLoading(t(lang, 'cosign.loading')),
      pending: () => renderLoading(t(lang, 'cosign.loading')),
      error: (error) => {
        if (error instanceof NoInvitation) return this.renderRefusal(lang, 'cosign.noInvitation');
        const refusal = cosignRefusal(error);
        if (refusal) return this.renderRefusal(lang, `cosign.refused.${refusal}`);
        return renderLoadError(t(lang, 'cosign.loadFailed'), lang, error, () => void this.opened.run());
      },
      complete: (opened) => this.renderRequest(opened, lang),
    });
  }

  private renderRequest({ definition }: Opened, lang: Language) {
    const view = this.current!;
    return html`<p class="asked" part="asked-by">${t(lang, 'cosign.askedBy', { name: view.askedBy })}</p>
      ${view.status === 'pending' && !this.outcome && !this.refusal ? html`<p>${t(lang, 'cosign.intro')}</p>` : nothing}
      <dl class="summary-list" part="summary-list">
        ${this.row(t(lang, 'cases.municipality'), view.municipality[lang])}
        ${this.row(t(lang, 'cosign.deadline'), this.renderDeadline(view.deadline, lang))}
      </dl>
      <div class="heading" role="heading" aria-level=${this.level(1)}>${t(lang, 'cosign.answers')}</div>
      ${definition ? nothing : html`<p class="muted">${t(lang, 'cosign.answersById')}</p>`}
      <dl class="summary-list" part="summary-list">${renderAnswerRows(definition, view.answers, lang, 'other', view)}</dl>
      ${view.contactWithheld ? html`<p class="muted" part="contact-withheld">${t(lang, 'cosign.contactWithheld')}</p>` : nothing}
      <div class="next">${this.renderNext(view, lang)}</div>`;
  }

  /** After the answers: what the cosigner may do, or what has happened. */
  private renderNext(view: CosignRequestView, lang: Language) {
    if (this.refusal) return this.renderRefusal(lang, `cosign.refused.${this.refusal}`);
    if (this.outcome) return html`<p id="outcome" class="success" part="outcome" tabindex="-1">${this.outcome}</p>`;
    switch (view.status) {
      case 'signed':
        return html`<p class="success" part="outcome">${t(lang, 'cosign.signedEarlier', { date: formatDate(view.signedAt ?? view.deadline, lang) })}</p>`;
      case 'declined':
        return html`<p class="notice" part="outcome">${t(lang, 'cosign.declined', { name: view.askedBy })}</p>`;
      case 'expired':
        return this.renderRefusal(lang, 'cosign.refused.invitation-expired');
      case 'pending':
        break;
    }
    if (this.phase === 'sign') {
      return html`<section class="signing" part="signing" aria-labelledby="sign-title">
        <div id="sign-title" class="heading" role="heading" aria-level=${this.level(1)} tabindex="-1">${t(lang, 'cosign.signTitle')}</div>
        <p class="status ${this.flow.view === 'failed' ? 'status--error' : ''}" part="signing-status">${this.flow.statusText(lang)}</p>
        ${this.flow.render(lang, () => this.leaveSigning())}
      </section>`;
    }
    if (this.phase === 'decline') {
      return html`<div class="confirm" part="confirm" role="group" aria-labelledby="decline-question">
        <p id="decline-question" tabindex="-1">${t(lang, 'cosign.declineConfirm', { name: view.askedBy })}</p>
        ${this.declineFailed ? html`<p class="error" role="alert">${t(lang, 'cosign.declineFailed')}</p>` : nothing}
        <div class="actions">
          <button type="button" class="button button--warning" aria-disabled=${this.declining ? 'true' : 'false'}
            @click=${() => void this.decline()}>${t(lang, this.declining ? 'cosign.declining' : 'cosign.declineYes')}</button>
          <button type="button" class="button button--secondary" @click=${() => this.cancelDecline()}>${t(lang, 'cosign.declineNo')}</button>
        </div>
      </div>`;
    }
    return html`<div class="actions">
      <button type="button" id="sign-button" class="button" part="sign-button" @click=${() => this.startSigning()}>${t(lang, 'cosign.sign')}</button>
      <button type="button" id="decline-button" class="button button--secondary" part="decline-button" @click=${() => this.askDecline()}>${t(lang, 'cosign.decline')}</button>
    </div>`;
  }

  private renderOverview(lang: Language) {
    return this.signatures.render({
      initial: () => renderLoading(t(lang, 'cosign.overviewLoading')),
      pending: () => renderLoading(t(lang, 'cosign.overviewLoading')),
      error: (error) => renderLoadError(t(lang, 'cosign.overviewFailed'), lang, error, () => void this.signatures.run()),
      complete: () => this.renderSignatures(this.overview!, lang),
    });
  }

  private renderSignatures(overview: CosignOverview, lang: Language) {
    const status = CaseStatus.safeParse(overview.status);
    const waiting = overview.status === 'awaitingCosign';
    const over = overview.status === 'cosignExpired' || overview.status === 'cosignDeclined';
    const facts = !this.nested;
    return html`<dl class="summary-list" part="summary-list">
        ${facts ? this.row(t(lang, 'cosign.service'), overview.serviceTitle[lang]) : nothing}
        ${facts && overview.caseNumber ? this.row(t(lang, 'cases.caseNumber'), overview.caseNumber) : nothing}
        ${facts && status.success ? this.row(t(lang, 'cases.status'), renderStatusTag(status.data, lang)) : nothing}
        ${this.row(t(lang, 'cosign.deadlineAll'), this.renderDeadline(overview.deadline, lang))}
      </dl>
      ${waiting ? html`<p>${t(lang, 'cosign.overviewIntro')}</p>` : nothing}
      <ul class="cosigners">${overview.cosigners.map((cosigner) => this.renderCosignerRow(cosigner, waiting, lang))}</ul>
      ${over ? this.renderCopy(overview, lang) : nothing}`;
  }

  private renderCosignerRow(cosigner: Cosigner, waiting: boolean, lang: Language) {
    const name = this.cosignerName(cosigner, lang);
    const id = cosigner.requestId;
    const sending = this.sending === id;
    return html`<li class="cosigner" part="cosigner">
      <div class="cosigner__name" role="heading" aria-level=${this.level(1)}>${name}</div>
      <strong class="tag tag--${cosigner.status}" part="status-tag">${t(lang, `cosign.cosignerStatus.${cosigner.status}`)}</strong>
      ${cosigner.status === 'signed' && cosigner.signedAt
        ? html`<p>${t(lang, 'cosign.signedAt', { date: formatDate(cosigner.signedAt, lang) })}</p>`
        : cosigner.invitedAt
          ? html`<p class="muted">${cosigner.sentTo
              ? t(lang, 'cosign.invited', { date: formatDate(cosigner.invitedAt, lang), to: cosigner.sentTo })
              : t(lang, 'cosign.invitedAt', { date: formatDate(cosigner.invitedAt, lang) })}</p>`
          : nothing}
      ${this.resendFailed === id ? html`<p class="error" role="alert">${t(lang, 'cosign.resendFailed')}</p>` : nothing}
      ${waiting && cosigner.status === 'pending'
        ? this.changing === id
          ? this.renderChange(cosigner, name, lang)
          : html`<div class="actions">
              <button type="button" id=${`resend-${id}`} class="button button--secondary" part="resend-button"
                aria-disabled=${sending ? 'true' : 'false'} @click=${() => void this.resend(cosigner)}>
                ${t(lang, sending ? 'cosign.sending' : 'cosign.resend')}<span class="visually-hidden"> (${name})</span></button>
              <button type="button" id=${`change-${id}`} class="link-button" part="change-button" @click=${() => this.openChange(cosigner)}>
                ${t(lang, 'cosign.changeEmail')}<span class="visually-hidden"> (${name})</span></button>
            </div>`
        : nothing}
    </li>`;
  }

  private renderChange(cosigner: Cosigner, name: string, lang: Language) {
    const id = cosigner.requestId;
    const error = this.emailError;
    const input = `email-${id}`;
    const sending = this.sending === id;
    return html`<form class="change" part="change-form" novalidate aria-label=${`${t(lang, 'cosign.changeEmail')} (${name})`}
      @submit=${(event: Event) => this.submitChange(event, cosigner)}>
      ${renderErrorSummary(error ? [{ targetId: input, path: 'email', message: error }] : [], lang, (targetId) =>
        this.renderRoot.querySelector<HTMLElement>(`#${targetId}`)?.focus(),
      )}
      <div class="field ${error ? 'field--error' : ''}" part="field">
        <label class="label" part="label" for=${input}>${t(lang, 'cosign.email')}</label>
        <p id=${`${input}-hint`} class="hint" part="hint">${t(lang, 'cosign.emailHint')}</p>
        ${error
          ? html`<p id=${`${input}-error`} class="error-message" part="error-message"><span class="visually-hidden">${t(lang, 'form.errorPrefix')}</span> ${error}</p>`
          : nothing}
        <input id=${input} name="email" type="email" class="input input--email" part="input" spellcheck="false" autocomplete="off"
          aria-describedby=${error ? `${input}-hint ${input}-error` : `${input}-hint`} aria-invalid=${error ? 'true' : 'false'}
          .value=${live(this.email)} @input=${(event: Event) => (this.email = (event.target as HTMLInputElement).value)} />
      </div>
      <div class="actions">
        <button type="submit" class="button" aria-disabled=${sending ? 'true' : 'false'}>${t(lang, sending ? 'cosign.sending' : 'cosign.sendInvitation')}</button>
        <button type="button" class="button button--secondary" @click=${() => this.closeChange(cosigner)}>${t(lang, 'cosign.cancel')}</button>
      </div>
    </form>`;
  }

  private renderCopy(overview: CosignOverview, lang: Language) {
    const copied = this.copied;
    if (copied) {
      return html`<div class="copied">
        <p id="copied" class="success" part="outcome" tabindex="-1">${t(lang, 'cosign.copied')}</p>
        ${safeHref(copied.url) ? html`<p><a class="button" part="continue-link" href=${safeHref(copied.url)}>${t(lang, 'cosign.continueCopy')}</a></p>` : nothing}
      </div>`;
    }
    return html`<p class="notice">${t(lang, overview.status === 'cosignExpired' ? 'cosign.expiredCase' : 'cosign.declinedCase')}</p>
      ${this.copyFailed ? html`<p class="error" role="alert">${t(lang, 'cosign.copyFailed')}</p>` : nothing}
      <div class="actions">
        <button type="button" class="button" part="copy-button" aria-disabled=${this.copying ? 'true' : 'false'} @click=${() => void this.copy()}>
          ${t(lang, this.copying ? 'cosign.copying' : 'cosign.copy')}</button>
      </div>`;
  }
}

/**
 * Once opened, the link has done its work (the request is bound to the person logged in): the
 * token leaves the page's address, so it is not in the history, a bookmark or a shared screen,
 * and the request's id takes its place, so a reload still shows it (to that person alone).
 */
function forgetInvitationInAddress(requestId: string): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('invitation')) return;
  url.searchParams.delete('invitation');
  url.searchParams.set('request', requestId);
  history.replaceState(history.state, '', url.href);
}
