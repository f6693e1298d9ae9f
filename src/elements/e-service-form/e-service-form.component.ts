import { ContextConsumer } from '@lit/context';
import { LitElement, adoptStyles, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { widgetClient, type KitClient } from '../../client/kit-client.js';
import type { Answers } from '../../contract/cases.js';
import type { ServiceDefinition, Step } from '../../contract/definition.js';
import type { Language } from '../../contract/text.js';
import '../../components/fields/define.js';
import { type FieldChangeDetail } from '../../components/fields/field-base.js';
import { domIdForPath } from '../../components/fields/render.js';
import { fieldStyles, moreFieldStyles } from '../../components/field.styles.js';
import { kitConfigContext, type KitConfig } from '../../config/context.js';
import { LanguageController } from '../../config/language-controller.js';
import { attachContextRoot, resolveBackend } from '../../config/resolve.js';
import { safeHref } from '../../config/safe-url.js';
import { evaluate, type FormFacts, type Lookup } from '../../forms/conditions.js';
import type { Condition } from '../../contract/conditions.js';
import { renderMarkdown } from '../../components/markdown.js';
import type { FieldError } from '../../forms/validate.js';
import { viewForm, type FormView } from '../../forms/visibility.js';
import { t } from '../../i18n/index.js';
import { baseStyles, hostStyles } from '../../styles/shared.js';
import { bankIdFlowStyles } from '../../components/bankid/bankid-flow.styles.js';
import { formStyles, pageStyles } from './e-service-form.styles.js';
import { NO_DRAFTS, type FormDrafts } from './no-drafts.js';
import type * as EidParts from './eid-parts.js';
import type * as ReviewPage from './review.js';
import type * as OutcomesView from './outcomes-view.js';
import type * as Checking from './continue-and-send.js';
import type { FormPayment } from './payment.js';
import type { FormCompany } from './company.js';
import { NO_PERSON, type FormPerson } from './no-person.js';
import { ALL_AT_ONCE, AT_ONCE, type FormProgressive } from './all-at-once.js';
import { AnswersController } from './answers.js';
import { FocusAfterRender } from './focus.js';
import type { SendController } from './send.js';
import { StepsController, type Page } from './steps.js';
import { DefinitionTask } from './definition-task.js';
import { renderLoadError, renderLoading } from './form-states.js';
import { renderQuestions } from './questions.js';
import { isMobileDevice } from '../../components/bankid/device.js';
import { loadOnce } from '../../components/load-once.js';
import '../../i18n/messages.js';

/** An error to show: recomputed in the reader's language when the form's own check found it. */
interface ShownError {
  path: string;
  error?: FieldError;
  message: string;
}

/**
 * @tagname e-service-form
 * @summary An e-service: loads its definition from the backend, asks its questions step by step
 * (each following the earlier answers), checks them, lets the citizen review them, sends the
 * case and shows the receipt. Unsent answers survive a reload of the tab. An e-service that needs
 * e-ID asks the citizen to log in first, fills in what the population register knows, and is
 * signed with BankID when its definition says so. An e-service with a fee shows what is to be paid
 * above Send, and after sending takes the payment by card or Swish before the case goes to the
 * municipality.
 *
 * @fires {EServiceSubmittedDetail} e-service-submitted - The case was sent; `detail` holds `serviceId`, `caseId` and `caseNumber`. For an e-service that charges: the case was made, and waits for its payment.
 * @fires {EServicePaidDetail} e-service-paid - The case of an e-service that charges was paid, and so sent; `detail` holds `serviceId`, `caseId` and `caseNumber`.
 *
 * @csspart base - The form as a whole.
 * @csspart title - The e-service's title.
 * @csspart step-indicator - "Steg 2 av 5".
 * @csspart field - One question: label, hint, error and input.
 * @csspart label - A question's label or legend.
 * @csspart hint - A question's hint text.
 * @csspart error-message - The error shown beside a question.
 * @csspart input - A text box, text area or dropdown.
 * @csspart error-summary - The list of problems shown above the questions.
 * @csspart summary-list - The answers on the review page.
 * @csspart submit-button - The Continue or Send button.
 * @csspart back-button - The Back button.
 * @csspart receipt - The receipt shown after sending.
 * @csspart print-button - The receipt's Print button.
 * @csspart pdf-button - The receipt's "Ladda ner ditt ärende som PDF" (fetched with the receipt token).
 * @csspart pdf-error - Why the receipt's PDF could not be fetched, in an alert; the button tries again.
 * @csspart fee - For an e-service that charges: what is to be paid and why, above the Send button.
 * @csspart fee-lines - The fee's charged lines.
 * @csspart fee-total - "Att betala: 200,00 kr", or "Ingen avgift".
 * @csspart payment - The payment step, in place of the receipt while the case waits for its payment.
 * @csspart payment-title - The payment step's heading.
 * @csspart payment-summary - The case number and the amount to pay.
 * @csspart payment-amount - The amount to pay.
 * @csspart payment-status - What is happening with the payment (a polite live region).
 * @csspart pay-button - "Betala 200,00 kr", or "Försök igen" after a payment that did not go through.
 * @csspart swish-qr - The QR code to scan with Swish on another device.
 * @csspart swish-link - "Öppna Swish": the Swish app on this device.
 * @csspart card-link - "Gå till betalsidan": the card payment page.
 * @csspart other-way - "Välj ett annat sätt att betala".
 * @csspart receipt-payment - On the receipt of a paid case: what was paid, when, how and the reference.
 * @csspart login-notice - For an e-service that needs e-ID: why the citizen must log in (or log in again).
 * @csspart login - The <eid-login> shown before an e-service that needs e-ID.
 * @csspart signing - "Skriv under med BankID" (or with the e-ID of a broker login): the steps that sign and send the case.
 * @csspart signing-notice - Said before the citizen starts: the e-ID of their login cannot sign here, or not in this browser.
 * @csspart signing-status - BankID's message while signing (a polite live region).
 * @csspart draft-save - "Spara": saves a draft (logged-in citizens; also autosaved 3 s after a change).
 * @csspart draft-status - "Sparat 14:32", "Sparar…", "Inte sparat – försöker igen" (a polite live region).
 * @csspart draft-delete - "Ta bort utkastet" (step 1 and the review), asked to confirm in `draft-confirm`.
 * @csspart draft-conflict - The draft was saved elsewhere: fetch the latest version or keep these answers.
 *
 * @cssprop --esk-font-family - Font of all text.
 * @cssprop --esk-font-size - Base font size (default: the reader's browser setting, whatever the page sets on html).
 * @cssprop --esk-color-primary - Background of the main button.
 * @cssprop --esk-color-primary-hover - Background of the main button on hover.
 * @cssprop --esk-color-link - Colour of links.
 * @cssprop --esk-color-text - Colour of text.
 * @cssprop --esk-color-hint - Colour of hint texts.
 * @cssprop --esk-color-error - Colour of error marks and messages.
 * @cssprop --esk-color-focus - Colour of the focus highlight.
 * @cssprop --esk-radius - Corner radius of inputs and buttons.
 */
export class EServiceForm extends LitElement {
  static override styles = [hostStyles, baseStyles, fieldStyles, moreFieldStyles, formStyles, pageStyles, bankIdFlowStyles];
  // Declared here rather than by decorators, which bring their own code into the form's first load (a budget:
  // docs/architecture.md, Budgets).
  static override properties: PropertyDeclarations = {
    service: { reflect: true },
    backend: { reflect: true },
    client: { attribute: false },
    myPagesUrl: { attribute: 'my-pages-url' },
    caseId: { attribute: 'case' },
    payCaseId: { attribute: 'pay' },
    // Internal state, which renders anew when it changes; `attribute: false` too, written out, for the manifest's
    // analyzer, which reads neither `state` nor a shared constant.
    errors: { state: true, attribute: false },
    ended: { state: true, attribute: false },
    status: { state: true, attribute: false },
    unreachable: { state: true, attribute: false },
    waitingForFiles: { state: true, attribute: false },
  };

  /** The e-service's id, e.g. `felanmalan`. */
  service = '';

  /** The backend's base URL; by default the one set by `<e-service-config>`, else the server the kit was loaded from. */
  backend?: string;

  /** The client to use instead of one for `backend`: lets a page or a story supply its own. */
  client?: KitClient;

  /**
   * Where the citizen finds a case on Mina sidor, `{id}` standing for the case's id (e.g.
   * `/mina-sidor.html?case={id}`): linked when a once-per-person e-service is used a second time.
   */
  myPagesUrl?: string;

  /** A saved draft to continue (its id, e.g. from Mina sidor; else `?case=` in the page's address): loaded after the login. */
  caseId?: string;

  /**
   * A case of this e-service that waits for its payment, to pay now (its id; else `?pay=` in the page's address, as
   * `<my-cases pay-url>` links it): opened on the payment step for the logged-in citizen whose case it is.
   */
  payCaseId?: string;

  /** What `<e-service-config>` sets for the page (the backend, the language), followed as it changes. */
  private readonly configContext = new ContextConsumer(this, { context: kitConfigContext, subscribe: true });
  private get config(): KitConfig | undefined {
    return this.configContext.value;
  }

  private errors: ShownError[] = [];
  /** An outcome of the definition that ends the form here (the citizen is not eligible): shown in place of it. */
  private ended?: OutcomesView.Outcome | undefined;
  /**
   * How answers are checked, what an answer to fix is told, and sending (continue-and-send.ts): fetched with the
   * definition, not awaited — the citizen has not pressed Continue yet — so that the form's first load does not carry it.
   */
  private checks?: typeof Checking;
  private readonly loadChecks = loadOnce(() => import('./continue-and-send.js').then((module) => {
    this.sending = new module.SendController(this, this.sendHost);
    this.requestUpdate();
    return (this.checks = module);
  }));
  /** Continue or Send pressed before the check had come: `updateComplete` waits for it too, as for the page it leads to. */
  private awaitedChecks?: Promise<typeof Checking> | undefined;
  private waitForChecks(): Promise<typeof Checking> {
    return (this.awaitedChecks = this.loadChecks());
  }
  /** What the form shows of the definition's warnings, outcomes and computed values (outcomes-view.ts): fetched with one that has any. */
  private outcomes?: typeof OutcomesView;
  private status = '';
  /** Continue or Send pressed, and the part they need (continue-and-send.ts) could not be fetched. */
  private unreachable = '';
  /** Continue or Send was pressed while files were on their way: it goes on when they are there. */
  private waitingForFiles = false;
  /** The uploads on their way (the file questions say when one starts), each settling when it ends. */
  private readonly uploading = new Set<Promise<void>>();

  /** The page shown, and the browser's Back and Forward between pages. */
  private readonly steps: StepsController = new StepsController(this, { moved: (byForm) => this.moved(byForm), sent: () => !!this.sending?.receipt });
  private readonly language = new LanguageController(this, () => this.config);
  /**
   * A step of hundreds of questions is rendered a screenful first, the rest once that is painted (progressive.ts):
   * fetched with a definition that has such a step.
   */
  private progressive: FormProgressive = ALL_AT_ONCE;
  /** What takes focus after the next render (focus.ts). */
  private readonly focusNext = new FocusAfterRender(this, () => this.progressive);
  /** The logged-in citizen and their register details (person.ts): fetched with the definition of a service that needs e-ID. */
  private person: FormPerson = NO_PERSON;
  /** What the form shows of the login and the register (eid-parts.ts), fetched with the PersonController. */
  private eid?: typeof EidParts;
  private readonly loadPerson = loadOnce(() => import('./person.js').then(({ PersonController, eidParts }) => {
    this.person = new PersonController(this, () => this.activeClient(), () => this.service, () => this.lang_);
    this.eid = eidParts;
  }));
  /** The answers, the tab's copy of them, and the register's answers (answers.ts). */
  private readonly kept: AnswersController = new AnswersController(this, {
    backend: () => this.activeClient()?.baseUrl,
    definition: () => this.definition.value,
    owner: () => this.person.prefill?.person.personalNumber,
    sent: () => !!this.sending?.receipt,
    restored: () => (this.status = t(this.lang_, 'form.restored')),
    steps: this.steps,
  });
  /** The once-per-person notice has been shown (focus goes to it once). */
  private shownUsed = false;
  /** The citizen logged in (or pressed Try again) inside the form: the questions take focus when they come. */
  private focusWhenReady = false;
  /** Drafts saved for a logged-in citizen (drafts.ts): fetched with the definition of an e-service with login. */
  private drafts: FormDrafts = NO_DRAFTS;
  private readonly loadDrafts = loadOnce(() => import('./drafts.js').then(({ DraftController, draftStyles }) => {
    // The drafts' styles come with them, beside the form's own (constructed style sheets: no inline style for a CSP).
    adoptStyles(this.renderRoot as ShadowRoot, [...EServiceForm.elementStyles, draftStyles]);
    this.drafts = new DraftController(this, {
      client: () => this.activeClient(),
      lang: () => this.lang_,
      caseId: () => this.caseId,
      body: () => {
        const d = this.definition.value;
        if (!d) return;
        const view = viewForm(d, this.answers, this.facts());
        const page = this.steps.shown(d, view);
        // On the review: its last step, to continue there.
        return { serviceId: d.id, serviceVersion: d.version, answers: this.answers, stepId: 'step' in page ? page.step : view.steps.at(-1)?.id, company: this.company?.choice() };
      },
      apply: (draft) => {
        this.kept.fromDraft(draft?.answers);
        this.company?.fromDraft(draft?.company);
        this.steps.page = draft?.stepId ? { step: draft.stepId } : undefined;
        this.errors = [];
        this.sending?.newSubmission();
        this.kept.persist();
      },
    });
  }));
  /**
   * The review page (review.ts): fetched, not awaited, with a definition of more than one step — a form of one step
   * sends from it — and awaited before Continue shows it, so that its heading never comes before its answers.
   */
  private review?: typeof ReviewPage;
  private readonly loadReview = loadOnce(() => import('./review.js').then((module) => {
    this.review = module;
    this.requestUpdate();
  }));
  /** What an e-service that charges adds (payment.ts): fetched with the definition of one. */
  private pay?: FormPayment;
  /** Who applies, for an e-service for companies (company.ts): fetched with the definition of one. */
  private company?: FormCompany | undefined;
  /** Sending the case (or signing it with BankID), and the server's answer: comes with the check of the answers. */
  private sending?: SendController;
  private readonly sendHost: ConstructorParameters<typeof SendController>[1] = {
    client: () => this.activeClient(),
    definition: () => this.definition.value,
    answers: () => this.answers,
    ready: (definition) => this.readyToSend(definition),
    showFieldErrors: (definition, errors) => {
      // The summary's links must lead somewhere: to the step of the first question to fix.
      const first = definition.steps.find((step) => step.fields.some((f) => f.id === errors[0]!.path.split('.')[0]));
      const page = this.steps.page;
      if (first && page && 'review' in page) this.steps.revisit(first.id);
      this.showErrors(errors);
    },
    forget: (definition) => {
      this.kept.forget(definition);
      this.drafts.forget();
      this.company?.sent();
    },
    company: () => this.company?.choice(),
    companyRefused: (problem) => !!this.company?.refused(problem),
    focus: (selector) => this.focusNext.set(selector),
    say: (status) => (this.status = status),
    backendErrorText: (lang) => this.backendErrorText(lang),
    drafts: () => this.drafts,
    person: () => this.person,
  };

  private readonly definition = new DefinitionTask(
    this,
    async ([serviceId, client]: readonly [string, KitClient | undefined], { signal }) => {
      const lang = this.lang_;
      if (!serviceId) throw new Error(t(lang, 'config.missingService'));
      if (!client) throw new Error(this.backendErrorText(lang));
      const definition = await client.getService(serviceId, lang, signal);
      this.kept.reset();
      this.shownUsed = false;
      if (definition.steps.length > 1) void this.loadReview().catch(() => undefined);
      const checks = this.loadChecks();
      checks.catch(() => undefined);
      this.ended = undefined;
      // What this e-service's first page needs beyond the form's first load, fetched side by side (each a round trip):
      // the warnings, outcomes and computed values; the progressive rendering of a step of hundreds of questions; and
      // the rarer questions — files (with the upload client), addresses and repeating groups (whose items may be
      // addresses: the same part).
      const asks = (...types: string[]) => definition.steps.some((step) => step.fields.some((field) => types.includes(field.type)));
      const [outcomes, progressive] = await Promise.all([
        definition.outcomes || definition.computed || definition.steps.some((step) => step.fields.some((field) => 'warnings' in field || (field.type === 'group' && field.fields.some((item) => 'warnings' in item))))
          ? import('./outcomes-view.js')
          : undefined,
        this.progressive === ALL_AT_ONCE && definition.steps.some((step) => step.fields.length > AT_ONCE) ? import('./progressive.js') : undefined,
        asks('file') ? import('../../components/fields/define-file-field.js') : undefined,
        asks('address', 'group') ? import('../../components/fields/define-group-and-address.js') : undefined,
      ]);
      if (outcomes) this.outcomes = outcomes;
      if (progressive) this.progressive = new progressive.ProgressiveSteps(this, AT_ONCE);
      // Drafts are a logged-in citizen's: they load only for the services with login.
      const drafts = definition.login === 'none' ? undefined : this.loadDrafts();
      if (definition.login === 'required') {
        // The login and signing steps load only for the services that need them.
        await Promise.all([
          import('../eid-login/eid-login.js'),
          this.loadPerson(),
          definition.signing === 'sign' ? checks.then(() => this.sending!.loadSigning()) : undefined,
          drafts,
          // "Vem ansöker?" loads only for the e-services for companies.
          (this.company = undefined, definition.applicants ?? 'persons') !== 'persons'
            ? import('./company.js').then(({ FormCompany }) => (this.company = new FormCompany(this, {
              client: () => this.activeClient(), lang: () => this.lang_, focus: (target) => this.focusNext.set(target), changed: () => this.drafts.changed(),
            })).use(definition))
            : undefined,
        ]);
        this.kept.value = {};
        this.steps.page = undefined;
        void this.person.check();
      } else {
        await drafts;
        this.kept.restore(definition, client.baseUrl);
      }
      // The fee and the payment step load only for the e-services that charge; a case being paid comes back,
      // and Mina sidor's "Betala" (?pay=) opens the case it names.
      // The fee is worked out from the answers as they will be sent (reviewedAnswers): the check comes first.
      if (definition.fee) {
        await checks;
        await (this.pay ??= new (await import('./payment.js')).FormPayment(this, this.sending!, viewForm)).resume(definition, client, this.payCaseId);
      }
      return definition;
    },
    () => [this.service, this.activeClient()] as const,
  );

  constructor() {
    super();
    attachContextRoot();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // <my-cases> links a draft to the e-service's page as ?case=<id>: an editor pastes no code for it.
    const query = new URLSearchParams(location.search);
    this.caseId ??= query.get('case') ?? undefined;
    this.payCaseId ??= query.get('pay') ?? undefined;
    window.addEventListener('beforeunload', this.onBeforeUnload);
    window.addEventListener('eid-logout', this.onLogout);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    window.removeEventListener('eid-logout', this.onLogout);
  }

  /**
   * The language in use: `lang` on the element, `<e-service-config>`, the page, or Swedish.
   * @internal
   */
  get lang_(): Language {
    return this.language.value;
  }

  /** What the register said beside the answers (who else has custody of a child), for the conditions that ask. */
  /** Whether a condition holds for the answers as the citizen sees them asked. */
  private holds(view: FormView): (condition: Condition, lookup?: Lookup) => boolean {
    return (condition, lookup = view.lookup) => evaluate(condition, lookup, this.facts());
  }

  private facts(): FormFacts {
    const children = this.person.prefill?.children;
    return children ? { otherGuardians: (pnr) => children.find((child) => child.personalNumber === pnr)?.otherGuardians } : {};
  }

  private activeClient(): KitClient | undefined {
    return widgetClient(this.client, this.backend, this.config);
  }

  private backendErrorText(lang: Language): string {
    const backend = resolveBackend(this.backend, this.config);
    return backend.ok ? '' : t(lang, 'config.badBackend', { value: backend.value });
  }

  /** The answers as typed (tests read them). */
  private get answers(): Answers {
    return this.kept.value;
  }

  /** Logging out anywhere on the page leaves nothing of the citizen's answers behind (a shared computer). */
  private readonly onLogout = () => {
    this.sending?.stopWaitingForOnline();
    const definition = this.definition.value;
    this.kept.forget(definition);
    this.errors = [];
    this.steps.page = undefined;
    this.sending?.newSubmission();
    this.drafts.reset();
    if (definition?.login === 'required') this.person.loggedOut();
    this.company?.forget();
  };

  private readonly onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (this.sending?.receipt || Object.keys(this.answers).length === 0) return;
    event.preventDefault();
    event.returnValue = t(this.lang_, 'form.leaveWarning');
  };

  // --- pages ---------------------------------------------------------------------

  /** Another page: its errors go, focus goes to its title, and the tab's copy remembers where the citizen is. */
  private moved(byForm: boolean): void {
    if (byForm) this.sending?.stopWaitingForOnline();
    this.errors = [];
    if (this.sending) this.sending.error = '';
    this.unreachable = '';
    this.focusNext.set('.page-title');
    this.kept.persist();
    if (byForm) this.drafts.changed(0);
  }

  // --- rendering -----------------------------------------------------------------

  /** Once the register has answered (answers.ts applies it): focus goes where the citizen now needs it. */
  private applyPrefill(definition: ServiceDefinition): void {
    const prefill = this.person.prefill;
    const again = this.kept.applyPrefill(definition, prefill);
    if (again === undefined || !prefill) return;
    // From the login's buttons (gone while the register answers) to the first question.
    if (!again && (this.focusWhenReady || this.matches(':focus-within'))) this.focusNext.set('.page-title');
    this.focusWhenReady = false;
    if (prefill.alreadyUsed && !this.shownUsed) {
      this.shownUsed = true;
      if (again || this.matches(':focus-within')) this.focusNext.set('.page-title');
    }
  }

  /** True on phones and tablets: there BankID's app link is https://app.bankid.com/. */
  isMobile(): boolean {
    return isMobileDevice();
  }

  /** Opens the BankID app to sign. Tests and pages may replace this to capture the URL. */
  openBankId(url: string): void {
    location.href = url;
  }

  protected override willUpdate(changed: PropertyValues): void {
    const definition = this.definition.value;
    if (definition && this.person.status === 'ready') this.applyPrefill(definition);
    if (definition) this.drafts.sync(definition, this.person.status === 'ready' && !this.person.prefill?.alreadyUsed);
    if (changed.has('service') && changed.get('service') !== undefined) {
      this.sending?.reset();
      this.kept.value = {};
      this.errors = [];
      this.steps.page = undefined;
    }
  }

  protected override updated(): void {
    this.focusNext.move();
  }

  /** Done once the whole step is rendered, however long (see ProgressiveSteps). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    if (this.awaitedChecks) {
      await this.awaitedChecks.catch(() => undefined);
      this.awaitedChecks = undefined;
      result = await super.getUpdateComplete();
    }
    while (this.progressive.rendering) {
      await this.progressive.nextPart();
      result = await super.getUpdateComplete();
    }
    return result;
  }

  protected override render() {
    const lang = this.lang_;
    return html`
      ${this.sending?.receipt
        ? this.pay?.render(this.sending.receipt, lang) ?? this.sending.renderReceipt(lang)
        : this.definition.render({
            pending: () => renderLoading(lang),
            complete: (definition) => this.renderForm(definition, lang),
            error: (error) => renderLoadError(error, lang, this.service, () => this.definition.run()),
          })}
      ${this.company?.receipt(lang)}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.status}</div>
    `;
  }

  private renderForm(definition: ServiceDefinition, lang: Language) {
    if (definition.login === 'required' && this.person.status !== 'ready') {
      return this.eid
        ? this.eid.renderPersonGate(definition, lang, this.person, this.activeClient(), () => (this.focusWhenReady = true))
        : renderLoading(lang);
    }
    const used = this.person.prefill?.alreadyUsed;
    // The way to the case: the page's `my-pages-url`, else the backend's Mina sidor.
    if (definition.login === 'required' && used) return this.eid!.renderUsed(definition, lang, safeHref(this.myPagesUrl ? this.myPagesUrl.replace('{id}', encodeURIComponent(used.caseId)) : used.url), used);
    const block = this.drafts.block(lang) ?? this.company?.page(definition, lang);
    if (block) return block;
    const view = viewForm(definition, this.answers, this.facts());
    const page = this.steps.shown(definition, view);
    const visibleSteps = view.steps;
    const messages = this.messages(definition, lang);
    const summaryItems = Object.entries(messages).map(([path, message]) => ({ targetId: domIdForPath(path.split('.')[0]!), path, message }));
    const inReview = 'review' in page;
    const stepIndex = inReview ? -1 : visibleSteps.findIndex((step) => step.id === page.step);
    const step = inReview ? undefined : visibleSteps[stepIndex];
    const isLast = inReview || stepIndex === visibleSteps.length - 1;
    const sendsHere = inReview || (isLast && !this.steps.hasReview(view));
    const busy = !!this.sending?.busy || this.waitingForFiles;
    const first = inReview ? false : stepIndex === 0;
    const multiStep = visibleSteps.length > 1;
    const fee = this.pay?.fee(definition, lang, inReview, sendsHere);

    return html`
      <section class="form" part="base" aria-labelledby="form-title">
        <h2 id="form-title" class="title" part="title">${definition.title[lang]}</h2>
        ${first ? html`<p class="description" part="description">${definition.description[lang]}</p>` : nothing}
        ${this.drafts.notice(lang)}
        ${first || inReview ? [this.company?.applying(lang), this.sending?.signParts?.notice(lang)] : nothing}
        ${this.pay?.renderOpenFailed(lang) ?? nothing}
        ${this.kept.waiting.size && this.eid ? this.eid.renderRegisterWaiting(definition, this.kept.waiting, lang, () => void this.retryRegister()) : nothing}
        ${this.checks?.renderErrorSummary(summaryItems, lang, (_id, path) => void this.focusNext.toPath(path))}
        ${this.ended ? this.outcomes!.renderOutcome(this.ended, lang, () => {
          this.ended = undefined;
          this.focusNext.set('.page-title');
        }, renderMarkdown) : html`<form novalidate @submit=${(event: Event) => this.onSubmit(event, definition, view, page)} @esk-field-change=${this.onFieldChange} @esk-upload-started=${this.onUploadStarted}>
          ${multiStep && step
            ? html`<p class="step-indicator" part="step-indicator">${t(lang, 'form.stepOf', { current: stepIndex + 1, total: visibleSteps.length })}</p>`
            : nothing}
          ${inReview && (!this.review || !this.checks)
            // Back on the review (the tab's answers, the browser's Forward) before it has come: it comes (loadOnce).
            ? (void Promise.all([this.loadReview(), this.loadChecks()]).catch(() => undefined), renderLoading(lang))
            : inReview
            ? html`${this.review!.renderReview(definition, this.reviewedAnswers(definition), view, lang, (target, fieldId) => this.change(target, fieldId), {
                  locked: this.kept.locked,
                  waiting: this.kept.waiting,
                  childName: (pnr) => this.person.prefill?.children.find((child) => child.personalNumber === pnr)?.name,
                  after: this.outcomes?.after(definition, view, this.holds(view), lang),
                })}`
            : html`${multiStep ? html`<h3 class="page-title" tabindex="-1">${step!.title[lang]}</h3>` : html`<span class="page-title" tabindex="-1"></span>`}
                ${renderQuestions(step!.fields.slice(0, this.progressive.limitFor(step, step!.fields.length)), {
                  lang,
                  view,
                  answers: this.answers,
                  messages,
                  locked: this.kept.locked,
                  waiting: this.kept.waiting,
                  prefill: this.person.prefill,
                  eid: this.eid,
                  upload: this.uploadContext(definition),
                  after: this.outcomes?.after(definition, view, this.holds(view), lang),
                })}`}
          ${fee?.view}
          <p class="submit-error" part="submit-error" tabindex="-1">${this.sending?.error || this.unreachable}</p>
          ${this.sending?.usedCaseId && safeHref(this.myPagesUrl)
            ? html`<p><a class="link" part="existing-case-link" href=${safeHref(this.myPagesUrl!.replace('{id}', encodeURIComponent(this.sending.usedCaseId)))}>${t(lang, 'form.existingCase')}</a></p>`
            : nothing}
          ${(this.sending?.signing && this.sending.signParts?.render(lang, () => this.sending!.stopSigning())) || html`<div class="actions">
            <button type="submit" class="button" part="submit-button" aria-disabled=${busy ? 'true' : 'false'}>
              ${this.waitingForFiles ? t(lang, 'form.waitingForFiles') : busy ? t(lang, 'form.submitting') : sendsHere ? fee?.label ?? t(lang, definition.signing === 'sign' ? 'form.sign' : 'form.submit') : t(lang, 'form.continue')}
            </button>
            ${multiStep && !first
              ? html`<button type="button" class="button button--secondary" part="back-button" @click=${() => this.steps.back(definition, view, page)}>
                  ${t(lang, 'form.back')}
                </button>`
              : nothing}
            ${this.drafts.buttons(lang, first || inReview)}
          </div>`}
          ${this.drafts.panel(lang)}
        </form>`}
        ${first && definition.privacyNotice ? html`<p class="privacy">${definition.privacyNotice[lang]}</p>` : nothing}
        <p class="contact" part="contact">${definition.contact.text[lang]}</p>
      </section>
    `;
  }

  /** Asks the register again without leaving the page; says so when it still can't be reached. */
  private async retryRegister(): Promise<boolean> {
    await this.person.refresh();
    if (!this.person.prefill?.registerUnavailable) return true;
    this.status = t(this.lang_, 'form.registerStillDown');
    return false;
  }

  /**
   * The answers as they will be sent — "20270315" shows as 2027-03-15, "070 1234567" as 0701234567.
   * @internal
   */
  reviewedAnswers(definition: ServiceDefinition): Answers {
    return this.checks ? { ...this.answers, ...this.checks.validateAnswers(definition, this.answers, { facts: this.facts() }).values } : this.answers;
  }

  private uploadContext(definition: ServiceDefinition) {
    const client = this.activeClient();
    return client ? { backend: client.baseUrl, serviceId: definition.id } : undefined;
  }

  private messages(definition: ServiceDefinition, lang: Language): Record<string, string> {
    const messages: Record<string, string> = {};
    for (const shown of this.errors) {
      messages[shown.path] ??= shown.error ? this.checks?.errorMessage(shown.error, definition, lang) ?? '' : shown.message;
    }
    return messages;
  }

  // --- what the citizen does -----------------------------------------------------

  private readonly onUploadStarted = (event: CustomEvent<Promise<void>>) => {
    const upload = event.detail;
    this.uploading.add(upload);
    void upload.then(() => this.uploading.delete(upload));
  };

  /** Files still on their way are waited for (the button says so), rather than reported missing or lost with their step. */
  private async filesArrived(): Promise<void> {
    if (this.uploading.size === 0) return;
    this.waitingForFiles = true;
    this.status = t(this.lang_, 'form.waitingForFiles');
    while (this.uploading.size > 0) await Promise.all(this.uploading);
    this.waitingForFiles = false;
  }

  private readonly onFieldChange = (event: CustomEvent<FieldChangeDetail>) => {
    const { path, value } = event.detail;
    this.kept.answer(path, value);
    // Other answers are another submission: it gets a key of its own, and is sent only when the citizen says so.
    this.sending?.newSubmission();
    this.sending?.stopWaitingForOnline();
    this.recheckShownErrors();
    this.kept.persist();
    this.drafts.changed();
  };

  /** Once errors are shown, each correction clears its error at once; new errors wait for Continue. */
  private recheckShownErrors(): void {
    const definition = this.definition.value;
    // Shown errors came from the check (before Continue or Send), so it is here.
    if (!definition || !this.checks || this.errors.length === 0) return;
    const shown = new Set(this.errors.map((error) => error.path));
    const { errors } = this.checks.validateAnswers(definition, this.answers, { facts: this.facts() });
    const stillWrong = errors.filter((error) => shown.has(error.path));
    this.errors = stillWrong.map((error) => ({ path: error.path, error, message: '' }));
  }

  private change(step: Step, fieldId: string): void {
    this.steps.revisit(step.id);
    this.focusNext.set({ path: fieldId });
  }

  private showErrors(errors: ShownError[], waited = false): void {
    // Their texts were fetched with the definition, so they are nearly always here already; else the errors are
    // shown when they come, never as empty messages (and shown anyway, with the server's words, if they cannot).
    if (!this.checks && !waited) {
      void this.loadChecks().catch(() => undefined).then(() => this.showErrors(errors, true));
      return;
    }
    this.errors = errors;
    this.focusNext.set('.error-summary');
  }

  private async onSubmit(event: Event, definition: ServiceDefinition, view: FormView, page: Page): Promise<void> {
    event.preventDefault();
    if (this.sending?.busy || this.waitingForFiles) return;
    if (this.sending) this.sending.error = '';
    this.unreachable = '';
    // Awaited only when there are files on their way: otherwise the press shows "Skickar…" in the same turn.
    if (this.uploading.size > 0) await this.filesArrived();
    // Awaited only while it is on its way (fetched with the definition), as the review is below.
    const checks = this.checks ?? (await this.waitForChecks().catch(() => undefined));
    const sending = this.sending;
    if (!checks || !sending) {
      // The connection went before the part came: said as a send that could not reach the e-service.
      this.unreachable = t(this.lang_, 'form.submitUnreachable');
      return this.focusNext.set('.submit-error');
    }
    if ('step' in page) {
      const step = definition.steps.find((candidate) => candidate.id === page.step)!;
      const { validateStep } = checks;
      // Questions waiting for the register do not hold the citizen back; sending waits for them.
      const errors = validateStep(definition, step, this.answers, { facts: this.facts() }).filter((error) => !this.kept.waiting.has(error.path.split('.')[0]!));
      if (errors.length > 0) return this.showErrors(errors.map((error) => ({ path: error.path, error, message: '' })));
      // An answer that ends the form (not eligible): said in place of the next step.
      this.ended = this.outcomes?.endingOutcome(definition, this.holds(view));
      if (this.ended) return this.focusNext.set('#outcome-title');
      const next = this.steps.continueFrom(view, step.id);
      // Awaited only while it is on its way: otherwise Continue shows the review in the same turn.
      if (next && 'review' in next && !this.review) await this.loadReview();
      if (next) return this.steps.goTo(next);
    }
    await sending.send(definition);
  }

  /** Before sending: the register has answered and the form's own rules hold; else the citizen is shown what to do. */
  private async readyToSend(definition: ServiceDefinition): Promise<boolean | 'registerWaiting'> {
    if (this.kept.waiting.size > 0 && !(await this.retryRegister())) return 'registerWaiting';
    // Sending came with the check: it is here.
    const { validateAnswers, validateStep } = this.checks!;
    const { errors } = validateAnswers(definition, this.answers, { facts: this.facts() });
    if (errors.length > 0) {
      // Only a stale page can get here: take the citizen to the first question to fix.
      const view = viewForm(definition, this.answers, this.facts());
      const first = view.steps.find((step) => validateStep(definition, step, this.answers, { facts: this.facts() }).length > 0);
      if (first) this.steps.goTo({ step: first.id });
      this.showErrors(errors.map((error) => ({ path: error.path, error, message: '' })));
      return false;
    }
    this.errors = [];
    return true;
  }

  /** Shows a set of answers as if typed (used by stories and tests). */
  setAnswers(answers: Answers): void {
    this.kept.value = { ...answers };
    this.kept.persist();
    this.drafts.changed();
  }
}
