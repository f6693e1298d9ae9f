import { ContextConsumer } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { LitElement, html, type PropertyDeclarations } from 'lit';
import { getCosignOverview, getCosignRequest, openInvitation } from '../../client/cosign.js';
import { widgetClient, type KitClient } from '../../client/kit-client.js';
import type { CosignOverview } from '../../contract/cosign.js';
import type { Language } from '../../contract/text.js';
import { bankIdFlowStyles } from '../../components/bankid/bankid-flow.styles.js';
import { isMobileDevice } from '../../components/bankid/device.js';
import { fieldStyles, moreFieldStyles } from '../../components/field.styles.js';
import { statusTagStyles } from '../../components/status-tag.js';
import { kitConfigContext, type KitConfig } from '../../config/context.js';
import { LanguageController } from '../../config/language-controller.js';
import { attachContextRoot } from '../../config/resolve.js';
import { t } from '../../i18n/index.js';
import { baseStyles, hostStyles } from '../../styles/shared.js';
import { formStyles, pageStyles } from '../e-service-form/e-service-form.styles.js';
import { myPagesStyles } from '../my-cases/my-cases.styles.js';
import { CitizenController, isSessionEnd, renderLoading } from '../my-cases/my-pages.js';
import { cosignStatusStyles } from './cosign-status.styles.js';
import { CopyController, type CopyHost } from './copy.js';
import { CosignerController } from './cosigner.js';
import { NoInvitation, forgetInvitationInAddress, requestToOpen, sentDefinition, type Opened } from './invitation.js';
import { overviewStates } from './overview-view.js';
import type { CosignHost } from './part.js';
import { ReinviteController, type ReinviteHost } from './reinvite.js';
import { requestStates } from './request-view.js';
// This widget's Swedish texts come with it, not with every page.
import '../../i18n/messages.my-pages.js';

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
  // Internal state with `attribute: false` too, written out: the manifest's analyzer reads no `state`, and reads
  // only an object literal here (a shared constant for it would list each as an attribute).
  static override properties: PropertyDeclarations = {
    backend: { reflect: true },
    client: { attribute: false },
    invitation: {},
    request: {},
    case: { attribute: 'case' },
    continueUrl: { attribute: 'continue-url' },
    headingLevel: { attribute: 'heading-level', type: Number },
    nested: { type: Boolean, reflect: true },
    overview: { state: true, attribute: false },
    status: { state: true, attribute: false },
  };

  /** The backend's base URL; by default the one set by `<e-service-config>`, else the server the kit was loaded from. */
  backend?: string;

  /** The client to use instead of one for `backend`: lets a page, a story or a test supply its own. */
  client?: KitClient;

  /** A cosigner's invitation token, from the link in the invitation (by default `?invitation=` in the page's address). */
  invitation?: string;

  /** A cosigner's request id, when opened from <my-cases> rather than from the link. */
  request?: string;

  /** The applicant's case: shows who has signed it and who hasn't. */
  case?: string;

  /**
   * Where "Fortsätt med kopian" leads after starting again from a copy: a page address with
   * `{serviceId}` and `{id}` (the new draft's id) filled in, e.g. `/{serviceId}.html?case={id}`.
   */
  continueUrl?: string;

  /** The level of the widget's heading (3 inside `<my-cases>`' case view); the headings under it follow. */
  headingLevel = 2;

  /** Inside a view that already names the case, its e-service, number and status: the applicant's view leaves them out. */
  nested = false;

  /** What `<e-service-config>` sets for the page (the backend, the language), followed as it changes. */
  private readonly configContext = new ContextConsumer(this, { context: kitConfigContext, subscribe: true });
  private get config(): KitConfig | undefined {
    return this.configContext.value;
  }

  /** The applicant's view: who has signed and who hasn't (the Task loads it, sending an invitation again renews it). */
  private overview?: CosignOverview | undefined;

  /** The polite live region's text: rendered from the start, only its text changes. */
  private status = '';

  /** The page's address as the widget came to it (later changes, such as dropping the token, change nothing here). */
  private readonly linked = new URLSearchParams(location.search);
  /** What takes focus after the next render (a selector in the shadow root), kept until the render that brings it. */
  private focusAfterRender?: string | undefined;
  private readonly language = new LanguageController(this, () => this.config);
  private readonly citizen = new CitizenController(this, () => this.activeClient());
  /** What the parts need from the element: each sees only its own interface of it (part.ts, reinvite.ts, copy.ts). */
  private readonly partHost: CosignHost & ReinviteHost & CopyHost = {
    client: () => this.activeClient(),
    lang: () => this.lang_,
    focus: (selector) => (this.focusAfterRender = selector),
    checkSession: (error) => this.checkSession(error),
    caseId: () => this.case,
    continueUrl: () => this.continueUrl,
    reinvited: (overview) => (this.overview = overview),
    say: (status) => (this.status = status),
  };
  /** The cosigner's answer: signing with BankID, or declining (cosigner.ts). */
  private readonly cosigner = new CosignerController(this, this.partHost);
  /** The applicant's "Skicka inbjudan igen" and "Ändra e-postadress" (reinvite.ts). */
  private readonly reinvite = new ReinviteController(this, this.partHost);
  /** The applicant's "Börja om med en kopia" (copy.ts). */
  private readonly copy = new CopyController(this, this.partHost);

  /** The request the cosigner is asked to sign, with the definition that names its answers (invitation.ts). */
  private readonly opened = new Task(this, {
    task: async ([client, loggedIn, caseId, requestId, token], { signal }): Promise<Opened | typeof initialState> => {
      if (!client || !loggedIn || caseId) return initialState;
      if (!requestId && !token) throw new NoInvitation();
      const lang = this.lang_;
      this.cosigner.reset();
      try {
        const view = requestId ? await getCosignRequest(client, requestId, lang, signal) : await openInvitation(client, token!, lang, signal);
        if (!requestId && !this.invitation) forgetInvitationInAddress(view.requestId);
        const definition = await sentDefinition(client, view, lang, signal);
        this.cosigner.show(view);
        return { view, definition };
      } catch (error) {
        this.checkSession(error);
        throw error;
      }
    },
    args: () => [this.activeClient(), this.citizen.status === 'in', this.case, ...requestToOpen(this.linked, this.request, this.invitation)] as const,
  });

  /** The applicant's case: who has signed it and who hasn't. */
  private readonly signatures = new Task(this, {
    task: async ([client, loggedIn, caseId], { signal }) => {
      if (!client || !loggedIn || !caseId) return initialState;
      try {
        this.overview = await getCosignOverview(client, caseId, this.lang_, signal);
        return this.overview;
      } catch (error) {
        this.checkSession(error);
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

  /** A call failed: a 401 means the session has ended, and the login shows. */
  private checkSession(error: unknown): void {
    if (isSessionEnd(error)) this.citizen.sessionEnded();
  }

  /** After every part has rendered (the BankID steps move focus too), so the element's choice wins. */
  protected override updated(): void {
    const selector = this.focusAfterRender;
    if (!selector) return;
    const target = this.renderRoot.querySelector<HTMLElement>(selector);
    if (target) {
      this.focusAfterRender = undefined;
      target.focus();
    }
  }

  /** The level of the widget's heading: `heading-level` kept between 1 and 5. */
  private level(): number {
    return Math.min(Math.max(Math.round(this.headingLevel) || 2, 1), 5);
  }

  protected override render() {
    const lang = this.lang_;
    const citizen = this.citizen.status;
    const applicant = !!this.case;
    const cosigner = this.cosigner;
    const title = applicant ? t(lang, 'cosign.overviewTitle') : (cosigner.current?.serviceTitle[lang] ?? t(lang, 'cosign.title'));
    const level = this.level();
    // The headings under the widget's own.
    const heading = level + 1;
    const live = cosigner.phase === 'sign' && !applicant ? cosigner.flow.statusText(lang) : this.status;
    return html`<div class="base" part="base">
      <div id="title" class="title" part="title" role="heading" aria-level=${level} tabindex="-1">${title}</div>
      ${citizen === 'out'
        ? this.citizen.renderLogin(lang, applicant ? 'cosign.overviewLoginRequired' : 'cosign.loginRequired')
        : citizen === 'checking'
          ? renderLoading(t(lang, applicant ? 'cosign.overviewLoading' : 'cosign.loading'))
          : applicant
            ? this.signatures.render(overviewStates(
                this.overview,
                { lang, heading, nested: this.nested, reinvite: this.reinvite, copy: this.copy, root: this.renderRoot },
                () => void this.signatures.run(),
              ))
            : this.opened.render(requestStates(cosigner, lang, heading, () => void this.opened.run()))}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${live}</div>
    </div>`;
  }
}
