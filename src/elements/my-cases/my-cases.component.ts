import { ContextConsumer } from '@lit/context';
import { formatOrganisationNumber } from '../../contract/company-words.js';
import { safeHref } from '../../config/safe-url.js';
import { Task, initialState } from '@lit/task';
import { LitElement, html, nothing, type PropertyDeclarations } from 'lit';
import { widgetClient, type KitClient } from '../../client/kit-client.js';
import { attachmentUrl, deleteDraft, getCaseDetails, listMyCases } from '../../client/my-pages.js';
import type { ServiceDefinition } from '../../contract/definition.js';
import type { CaseDetails, CaseStatus, CaseSummary } from '../../contract/my-pages.js';
import { isUnsent } from '../../contract/statuses.js';
import type { Language } from '../../contract/text.js';
import { fieldStyles, moreFieldStyles } from '../../components/field.styles.js';
import { renderStatusTag, statusTagStyles } from '../../components/status-tag.js';
import { casePdf } from '../../components/case-pdf.js';
import { kitConfigContext, type KitConfig } from '../../config/context.js';
import { LanguageController } from '../../config/language-controller.js';
import { attachContextRoot } from '../../config/resolve.js';
import { formatDateTime, t, type MessageKey } from '../../i18n/index.js';
import { baseStyles, hostStyles } from '../../styles/shared.js';
import { formStyles, pageStyles } from '../e-service-form/e-service-form.styles.js';
import { renderAnswerRows } from './answers.js';
import { renderCasePayment, renderPayLink } from './payment.js';
import { caseEvent, continueEvent } from './my-cases.events.js';
import { myCasesStyles, myPagesStyles } from './my-cases.styles.js';
import { CitizenController, formatDate, isSessionEnd, renderLoadError, renderLoading } from './my-pages.js';
// This widget's Swedish texts come with it, not with every page.
import '../../i18n/messages.my-pages.js';

/** The three groups, in the order shown, and the statuses each holds. */
const GROUPS: { key: MessageKey; statuses: CaseStatus[] }[] = [
  { key: 'cases.drafts', statuses: ['draft'] },
  { key: 'cases.ongoing', statuses: ['awaitingPayment', 'awaitingCosign', 'submitted', 'inProgress', 'awaitingSupplement'] },
  { key: 'cases.closed', statuses: ['closed', 'cosignExpired', 'cosignDeclined'] },
];

interface Opened {
  details: CaseDetails;
  /** The e-service's definition when the case was sent on the version it has now: its labels name the answers. */
  definition?: ServiceDefinition | undefined;
}

/**
 * @tagname my-cases
 * @summary Mina ärenden: the logged-in citizen's drafts and cases, from every municipality on the
 * platform, grouped "Ej inskickade", "Pågående" and "Avslutade", newest first, with each one's
 * status, dates and unread messages. A draft can be continued (a link made from `continue-url`)
 * or deleted (after a confirmation). A case opens its details inside the widget — the answers as
 * sent, attached files, signatures, the status history and the messages with the case officer
 * (a nested `<case-messages>`) — with a Back button to the list. A case others must sign too
 * shows, until it is sent, who has signed and the deadline, with "Skicka inbjudan igen" (a nested
 * `<cosign-status>`), and once not signed in time or declined "Börja om med en kopia", whose link
 * opens the e-service with the copy (`continue-url`); such a case was never sent, so it shows when
 * it was signed rather than sent and offers no messages to the case officer. A case of an e-service
 * that charges shows its fee, and until it is paid (Väntar på betalning) *Betala*, a link to the
 * e-service's page made from `pay-url`. A case sent to the municipality offers "Ladda ner ditt ärende som PDF".
 * Without a login it shows an `<eid-login>`.
 *
 * @fires {MyCasesContinueDetail} my-cases-continue - Continue on a draft; `detail` holds `id`, `serviceId` and `url`. Cancelable: `preventDefault()` keeps the link from being followed.
 * @fires {MyCasesCaseDetail} my-cases-open - A case's details were opened; `detail` holds `id` and `caseNumber`.
 * @fires {MyCasesCaseDetail} my-cases-deleted - A draft was deleted; `detail.id` is its id.
 *
 * @csspart base - The widget as a whole.
 * @csspart title - The heading "Mina ärenden" (or the opened case's e-service).
 * @csspart group - One group of rows: drafts, ongoing or closed.
 * @csspart case - One row: a draft or a case.
 * @csspart status-tag - A status ("Under handläggning").
 * @csspart unread - "2 olästa meddelanden".
 * @csspart continue-button - Continue on a draft.
 * @csspart delete-button - Delete on a draft.
 * @csspart confirm - The question before a draft is deleted.
 * @csspart more-button - "Visa fler".
 * @csspart empty - What the list says when there is nothing in it.
 * @csspart loading - The loading message.
 * @csspart load-error - The message when the list or a case could not be loaded, with Try again.
 * @csspart details - An opened case.
 * @csspart back-button - Back from an opened case to the list.
 * @csspart summary-list - The case's facts and its answers.
 * @csspart messages - The `<case-messages>` of an opened case.
 * @csspart cosigning - The `<cosign-status>` of an opened case others must sign too, until it is sent.
 * @csspart payment - An opened case's fee: what is due, or what was paid, when and its reference.
 * @csspart pay-button - "Betala" on a case that waits for its payment (a link made from `pay-url`).
 * @csspart pdf-button - "Ladda ner ditt ärende som PDF" on an opened case that has been sent: the case as the municipality got it.
 * @csspart pdf-error - Why the PDF could not be fetched, in an alert; the button tries again.
 * @csspart login-notice - Why to log in.
 * @csspart login - The `<eid-login>` shown when nobody is logged in.
 *
 * @cssprop --esk-font-family - Font of all text.
 * @cssprop --esk-color-primary - Background of the main buttons.
 * @cssprop --esk-color-link - Colour of links.
 * @cssprop --esk-color-text - Colour of text.
 * @cssprop --esk-color-hint - Colour of secondary text.
 * @cssprop --esk-color-error - Colour of errors and the Delete confirmation.
 * @cssprop --esk-color-focus - Colour of the focus highlight.
 */
export class MyCases extends LitElement {
  static override styles = [hostStyles, baseStyles, fieldStyles, moreFieldStyles, formStyles, pageStyles, statusTagStyles, myPagesStyles, myCasesStyles];
  // Internal state with `attribute: false` too, written out: the manifest's analyzer reads no `state`, and reads
  // only an object literal here (a shared constant for it would list each as an attribute).
  static override properties: PropertyDeclarations = {
    backend: { reflect: true },
    client: { attribute: false },
    continueUrl: { attribute: 'continue-url' },
    cosignUrl: { attribute: 'cosign-url' },
    payUrl: { attribute: 'pay-url' },
    items: { state: true, attribute: false },
    nextCursor: { state: true, attribute: false },
    loadingMore: { state: true, attribute: false },
    moreFailed: { state: true, attribute: false },
    confirming: { state: true, attribute: false },
    deleting: { state: true, attribute: false },
    deleteFailed: { state: true, attribute: false },
    opened: { state: true, attribute: false },
    status: { state: true, attribute: false },
  };

  /** The backend's base URL; by default the one set by `<e-service-config>`, else the server the kit was loaded from. */
  backend?: string;

  /** The client to use instead of one for `backend`: lets a page, a story or a test supply its own. */
  client?: KitClient;

  /**
   * Where Continue on a draft leads: a page address with `{serviceId}` and `{id}` (the draft's id)
   * filled in, e.g. `/e-tjanster/{serviceId}.html?draft={id}`. Without it Continue only fires
   * `my-cases-continue`. A copy of a case not signed in time is continued there too.
   */
  continueUrl?: string;

  /**
   * Where someone asked to cosign opens the request, `{id}` standing for it, e.g.
   * `/medsignera.html?request={id}` (a page with <cosign-status>).
   */
  cosignUrl?: string;

  /**
   * Where Betala on a case that waits for its payment leads: the e-service's page, `{serviceId}` and `{id}` (the
   * case's id) filled in, e.g. `/e-tjanster/{serviceId}.html?pay={id}` (its `<e-service-form>` reads `?pay=`).
   */
  payUrl?: string;

  /** What `<e-service-config>` sets for the page (the backend, the language), followed as it changes. */
  private readonly configContext = new ContextConsumer(this, { context: kitConfigContext, subscribe: true });
  private get config(): KitConfig | undefined {
    return this.configContext.value;
  }

  private items: CaseSummary[] = [];
  private nextCursor?: string | undefined;
  private loadingMore = false;
  private moreFailed = false;
  /** The draft whose deletion is being confirmed, and whether the deletion is under way or failed. */
  private confirming?: string | undefined;
  private deleting = false;
  private deleteFailed = false;
  private opened?: CaseSummary | undefined;
  /** The polite live region's text: rendered from the start, only its text changes. */
  private status = '';

  private focusAfterRender?: string | undefined;
  private readonly language = new LanguageController(this, () => this.config);
  private readonly citizen = new CitizenController(this, () => this.activeClient());

  private readonly list = new Task(this, {
    task: async ([client, loggedIn], { signal }) => {
      if (!client || !loggedIn) return initialState;
      try {
        const page = await listMyCases(client, this.lang_, undefined, signal);
        this.items = page.items;
        this.nextCursor = page.nextCursor;
        // A link to one case (e.g. from an e-service used a second time): /mina-sidor.html?case=<id>.
        const linked = new URLSearchParams(location.search).get('case');
        const item = linked ? page.items.find((candidate) => candidate.id === linked && candidate.kind === 'case') : undefined;
        if (item && !this.opened) this.open(item);
        return page;
      } catch (error) {
        if (isSessionEnd(error)) this.citizen.sessionEnded();
        throw error;
      }
    },
    args: () => [this.activeClient(), this.citizen.status === 'in'] as const,
  });

  private readonly details = new Task(this, {
    task: async ([client, opened, loggedIn], { signal }): Promise<Opened | typeof initialState> => {
      if (!client || !opened || !loggedIn) return initialState;
      const lang = this.lang_;
      try {
        const [details, definition] = await Promise.all([
          getCaseDetails(client, opened.id, lang, signal),
          // Only for its labels: without it the answers show under their question ids.
          client.getService(opened.serviceId, lang, signal).catch(() => undefined),
        ]);
        // Sent on an older version: that version's questions, asked for only then.
        const own = definition?.version === details.serviceVersion
          ? definition
          : await client.getService(opened.serviceId, lang, signal, details.serviceVersion).catch(() => undefined);
        return { details, definition: own?.version === details.serviceVersion ? own : undefined };
      } catch (error) {
        if (isSessionEnd(error)) this.citizen.sessionEnded();
        throw error;
      }
    },
    args: () => [this.activeClient(), this.opened, this.citizen.status === 'in'] as const,
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

  private activeClient(): KitClient | undefined {
    return widgetClient(this.client, this.backend, this.config);
  }

  // --- actions ------------------------------------------------------------------------

  private continueHref(item: CaseSummary): string | undefined {
    // Only a web page: a `javascript:` address in the attribute would run on a citizen's click.
    return safeHref(this.continueUrl
      ?.replaceAll('{serviceId}', encodeURIComponent(item.serviceId))
      .replaceAll('{id}', encodeURIComponent(item.id)));
  }

  private payHref(item: { id: string; serviceId: string }): string | undefined {
    return safeHref(this.payUrl
      ?.replaceAll('{serviceId}', encodeURIComponent(item.serviceId))
      .replaceAll('{id}', encodeURIComponent(item.id)));
  }

  private continueDraft(event: Event, item: CaseSummary): void {
    const url = this.continueHref(item);
    const fired = this.dispatchEvent(continueEvent({ id: item.id, serviceId: item.serviceId, ...(url ? { url } : {}) }));
    if (!fired) event.preventDefault();
  }

  private async showMore(): Promise<void> {
    const client = this.activeClient();
    if (!client || !this.nextCursor || this.loadingMore) return;
    const lang = this.lang_;
    this.loadingMore = true;
    this.moreFailed = false;
    this.status = t(lang, 'cases.loadingMore');
    try {
      const page = await listMyCases(client, lang, this.nextCursor);
      const known = new Set(this.items.map((item) => item.id));
      const added = page.items.filter((item) => !known.has(item.id));
      this.items = [...this.items, ...added];
      this.nextCursor = page.nextCursor;
      this.status = t(lang, 'cases.moreShown', { count: added.length });
      // The first new row, wherever its group is: a keyboard user goes on from there.
      if (added[0]) this.focusAfterRender = `#case-${added[0].id}`;
      else this.focusAfterRender = '#list-title';
    } catch (error) {
      if (isSessionEnd(error)) this.citizen.sessionEnded();
      this.moreFailed = true;
      this.status = '';
    } finally {
      this.loadingMore = false;
    }
  }

  private askDelete(item: CaseSummary): void {
    this.confirming = item.id;
    this.deleteFailed = false;
    this.focusAfterRender = `#confirm-${item.id}`;
  }

  private cancelDelete(item: CaseSummary): void {
    this.confirming = undefined;
    this.deleteFailed = false;
    this.focusAfterRender = `#delete-${item.id}`;
  }

  private async confirmDelete(item: CaseSummary): Promise<void> {
    const client = this.activeClient();
    if (!client || this.deleting) return;
    const lang = this.lang_;
    this.deleting = true;
    this.deleteFailed = false;
    try {
      await deleteDraft(client, item.id, lang);
      // Focus goes on to the row that takes its place as shown (the next, else the one before), or the heading of an empty list.
      const shown = GROUPS.flatMap((group) => this.items.filter((other) => group.statuses.includes(other.status)));
      const index = shown.findIndex((other) => other.id === item.id);
      const neighbour = shown[index + 1] ?? shown[index - 1];
      this.items = this.items.filter((other) => other.id !== item.id);
      this.confirming = undefined;
      this.status = t(lang, 'cases.deleted', { service: item.serviceTitle[lang] });
      this.focusAfterRender = neighbour ? `#case-${neighbour.id}` : '#list-title';
      this.dispatchEvent(caseEvent('my-cases-deleted', { id: item.id }));
    } catch (error) {
      if (isSessionEnd(error)) this.citizen.sessionEnded();
      this.deleteFailed = true;
    } finally {
      this.deleting = false;
    }
  }

  private open(item: CaseSummary): void {
    // The messages widget is fetched when the first case is opened; the signatures' when one waits for them.
    if (waitsForCosigners(item.status)) void import('../cosign-status/cosign-status.js');
    else void import('../case-messages/case-messages.js');
    this.opened = item;
    this.status = '';
    this.focusAfterRender = '#details-title';
    this.dispatchEvent(caseEvent('my-cases-open', { id: item.id, ...(item.caseNumber ? { caseNumber: item.caseNumber } : {}) }));
  }

  private back(): void {
    const id = this.opened?.id;
    this.opened = undefined;
    this.focusAfterRender = id ? `#open-${id}` : '#list-title';
  }

  /** The nested <cosign-status> made a copy of the case: the list gets the new draft. */
  private readonly onCopied = () => {
    void this.list.run();
  };

  /** The nested <case-messages> marked the case's messages read: the row's count goes. */
  private readonly onRead = (event: CustomEvent<{ caseId: string }>) => {
    this.items = this.items.map((item) => (item.id === event.detail.caseId ? { ...item, unreadMessages: 0 } : item));
  };

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
    return html`<div class="base" part="base">
      ${citizen === 'out'
        ? html`<h2 class="title" part="title">${t(lang, 'cases.title')}</h2>${this.citizen.renderLogin(lang, 'cases.loginRequired')}`
        : citizen === 'checking'
          ? html`<h2 class="title" part="title">${t(lang, 'cases.title')}</h2>${renderLoading(t(lang, 'cases.loading'))}`
          : this.opened
            ? this.renderDetails(this.opened, lang)
            : this.renderList(lang)}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.status}</div>
    </div>`;
  }

  private renderList(lang: Language) {
    return html`<h2 id="list-title" class="title" part="title" tabindex="-1">${t(lang, 'cases.title')}</h2>
      ${this.list.render({
        initial: () => renderLoading(t(lang, 'cases.loading')),
        pending: () => renderLoading(t(lang, 'cases.loading')),
        error: (error) => renderLoadError(t(lang, 'cases.loadFailed'), lang, error, () => void this.list.run()),
        complete: () => (this.items.length ? this.renderGroups(lang) : html`<p class="notice" part="empty">${t(lang, 'cases.empty')}</p>`),
      })}`;
  }

  private renderGroups(lang: Language) {
    return html`${GROUPS.map((group) => {
      const items = this.items.filter((item) => group.statuses.includes(item.status));
      if (!items.length) return nothing;
      const id = `group-${group.key.slice(6)}`;
      return html`<section class="group" part="group" aria-labelledby=${id}>
        <h3 id=${id} class="group__title">${t(lang, group.key)}</h3>
        <ul class="cases">${items.map((item) => this.renderRow(item, lang))}</ul>
      </section>`;
    })}
    ${this.moreFailed ? html`<p class="error" role="alert">${t(lang, 'cases.loadFailed')}</p>` : nothing}
    ${this.nextCursor
      ? html`<div class="more"><button type="button" class="button button--secondary" part="more-button"
          aria-disabled=${this.loadingMore ? 'true' : 'false'} @click=${() => void this.showMore()}>
          ${t(lang, this.loadingMore ? 'cases.loadingMore' : 'cases.more')}</button></div>`
      : nothing}`;
  }

  private renderRow(item: CaseSummary, lang: Language) {
    const title = item.serviceTitle[lang];
    const draft = item.kind === 'draft';
    const cosign = item.kind === 'cosignRequest';
    const { key, date } = rowDate(item);
    const unread = item.unreadMessages;
    return html`<li class="case" part="case">
      <h4 id=${`case-${item.id}`} class="case__title" tabindex="-1">
        ${draft || cosign
          ? title
          : html`<button type="button" id=${`open-${item.id}`} class="link-button" @click=${() => this.open(item)}>${title}</button>`}
      </h4>
      <dl class="case__meta">
        <div><dt>${t(lang, 'cases.municipality')}:</dt><dd>${item.municipality[lang]}</dd></div>
        ${item.organisation ? html`<div><dt>${t(lang, 'cases.organisation')}:</dt><dd>${organisation(item.organisation)}</dd></div>` : nothing}
        ${item.caseNumber ? html`<div><dt>${t(lang, 'cases.caseNumber')}:</dt><dd>${item.caseNumber}</dd></div>` : nothing}
        <div><dt>${t(lang, key)}:</dt><dd><time datetime=${date}>${formatDate(date, lang)}</time></dd></div>
        <div><dt class="visually-hidden">${t(lang, 'cases.status')}:</dt><dd>${renderStatusTag(item.status, lang)}</dd></div>
      </dl>
      ${unread
        ? html`<p class="case__unread" part="unread">${unread === 1 ? t(lang, 'cases.unreadOne') : t(lang, 'cases.unreadMany', { count: unread })}</p>`
        : nothing}
      ${draft ? this.renderDraftActions(item, title, lang) : nothing}
      ${cosign && item.status === 'awaitingCosign' && safeHref(this.cosignUrl?.replaceAll('{id}', encodeURIComponent(item.id)))
        ? html`<div class="actions"><a class="button" part="cosign-button" href=${safeHref(this.cosignUrl!.replaceAll('{id}', encodeURIComponent(item.id)))}>
            ${t(lang, 'cases.cosign')}<span class="visually-hidden"> ${title}</span></a></div>`
        : nothing}
      ${item.kind === 'case' && item.status === 'awaitingPayment' ? renderPayLink(this.payHref(item), title, lang) : nothing}
    </li>`;
  }

  private renderDraftActions(item: CaseSummary, title: string, lang: Language) {
    if (this.confirming === item.id) {
      return html`<div class="confirm" part="confirm" role="group" aria-labelledby=${`confirm-${item.id}`}>
        <p id=${`confirm-${item.id}`} tabindex="-1">${t(lang, 'cases.deleteConfirm', { service: title })}</p>
        ${this.deleteFailed ? html`<p class="error" role="alert">${t(lang, 'cases.deleteFailed')}</p>` : nothing}
        <div class="actions">
          <button type="button" class="button button--warning" aria-disabled=${this.deleting ? 'true' : 'false'}
            @click=${() => void this.confirmDelete(item)}>${t(lang, 'cases.deleteYes')}</button>
          <button type="button" class="button button--secondary" @click=${() => this.cancelDelete(item)}>${t(lang, 'cases.deleteNo')}</button>
        </div>
      </div>`;
    }
    const href = this.continueHref(item);
    const label = html`${t(lang, 'cases.continue')}<span class="visually-hidden"> ${title}</span>`;
    return html`<div class="actions">
      ${href
        ? html`<a class="button" part="continue-button" href=${href} @click=${(event: Event) => this.continueDraft(event, item)}>${label}</a>`
        : html`<button type="button" class="button" part="continue-button" @click=${(event: Event) => this.continueDraft(event, item)}>${label}</button>`}
      <button type="button" id=${`delete-${item.id}`} class="button button--secondary" part="delete-button" @click=${() => this.askDelete(item)}>
        ${t(lang, 'cases.delete')}<span class="visually-hidden"> ${title}</span>
      </button>
    </div>`;
  }

  private renderDetails(item: CaseSummary, lang: Language) {
    return html`<section class="details" part="details" aria-labelledby="details-title">
      <button type="button" class="link-button back" part="back-button" @click=${() => this.back()}>${t(lang, 'cases.back')}</button>
      <h2 id="details-title" class="title details__title" part="title" tabindex="-1">${item.serviceTitle[lang]}</h2>
      ${this.details.render({
        initial: () => renderLoading(t(lang, 'cases.detailsLoading')),
        pending: () => renderLoading(t(lang, 'cases.detailsLoading')),
        error: (error) => renderLoadError(t(lang, 'cases.detailsFailed'), lang, error, () => void this.details.run()),
        complete: (opened) => this.renderOpened(opened, lang),
      })}
    </section>`;
  }

  private renderOpened({ details, definition }: Opened, lang: Language) {
    const client = this.activeClient();
    const row = (key: string, value: unknown) =>
      html`<div class="summary-list__row"><dt class="summary-list__key">${key}</dt><dd class="summary-list__value">${value}</dd></div>`;
    // Not sent (yet): the others sign first, or did not. The municipality has not got it, so no messages either.
    const unsent = isUnsent(details.status);
    const cosigning = waitsForCosigners(details.status);
    const { key, date } = rowDate(details);
    return html`<dl class="summary-list" part="summary-list">
        ${details.caseNumber ? row(t(lang, 'cases.caseNumber'), details.caseNumber) : nothing}
        ${row(t(lang, 'cases.municipality'), details.municipality[lang])}
        ${details.organisation ? row(t(lang, 'cases.organisation'), organisation(details.organisation)) : nothing}
        ${row(t(lang, 'cases.status'), renderStatusTag(details.status, lang))}
        ${row(t(lang, key), html`<time datetime=${date}>${formatDateTime(date, lang)}</time>`)}
        ${details.eid ? row(t(lang, 'cases.eid'), eidName(details.eid, lang)) : nothing}
      </dl>
      ${details.payment ? renderCasePayment(details.payment, this.payHref(details), details.serviceTitle[lang], lang) : nothing}
      ${unsent ? nothing : casePdf({ client, caseId: details.id, caseNumber: details.caseNumber ?? details.id }, lang)}
      ${cosigning
        ? html`<cosign-status part="cosigning" case=${details.id} nested heading-level="3" .client=${client} lang=${lang}
            .continueUrl=${this.continueUrl} @cosign-status-copied=${this.onCopied}></cosign-status>`
        : nothing}
      <h3 class="heading">${t(lang, 'cases.answers')}</h3>
      ${definition ? nothing : html`<p class="muted">${t(lang, 'cases.answersById')}</p>`}
      <dl class="summary-list" part="summary-list">${renderAnswerRows(definition, details.answers, lang, 'applicant', details)}</dl>
      ${details.attachments.length && client
        ? html`<h3 class="heading">${t(lang, 'cases.attachments')}</h3>
            <ul class="plain-list">${details.attachments.map(
              (file) => html`<li><a href=${attachmentUrl(client, details.id, file.id)} download=${file.fileName}>${file.fileName}</a>
                <span class="muted">(${file.kind.toUpperCase()}, ${Math.max(1, Math.round(file.sizeBytes / 1024))} kB)</span></li>`,
            )}</ul>`
        : nothing}
      ${details.signatures.length && !cosigning
        ? html`<h3 class="heading">${t(lang, 'cases.signatures')}</h3>
            <ul class="plain-list signatures">${details.signatures.map(
              (signature) => html`<li>${signature.name}, <time datetime=${signature.signedAt}>${formatDateTime(signature.signedAt, lang)}</time>${
                signature.eid ? `, ${eidName(signature.eid, lang)}` : nothing}</li>`,
            )}</ul>`
        : nothing}
      <h3 class="heading">${t(lang, 'cases.history')}</h3>
      <ol class="timeline">${details.history.map(
        (change) => html`<li><time datetime=${change.at}>${formatDateTime(change.at, lang)}</time> ${renderStatusTag(change.status, lang)}</li>`,
      )}</ol>
      ${unsent
        ? nothing
        : html`<case-messages part="messages" case=${details.id} heading-level="3" .client=${client} lang=${lang}
            @case-messages-read=${this.onRead}></case-messages>`}`;
  }
}

const eidName = (eid: string, lang: Language) => (EID_NAMES[eid] ? t(lang, EID_NAMES[eid]!) : eid);

/** The e-IDs a case may have been sent with, by the names citizens know. */
const EID_NAMES: Record<string, MessageKey> = {
  bankid: 'cases.eidBankId', freja: 'cases.eidFreja', telia: 'cases.eidTelia', eidas: 'cases.eidEidas',
};

/** Not sent because others have not signed, or did not (a case waiting only for its payment has nobody to ask). */
function waitsForCosigners(status: CaseStatus): boolean {
  return isUnsent(status) && status !== 'awaitingPayment';
}

/** A company's case: "Torgcaféet i Exempelby AB, 556811-2345". */
const organisation = ({ name, organisationNumber }: { name: string; organisationNumber: string }) =>
  `${name}, ${formatOrganisationNumber(organisationNumber)}`;

/**
 * The date a row or a case shows, and what it is: when a draft was saved, when the municipality got
 * a case — or, for one not sent (yet), when the applicant signed it, or when the person was asked
 * to sign someone else's.
 */
function rowDate(item: CaseSummary): { key: MessageKey; date: string } {
  if (item.kind === 'draft') return { key: 'cases.savedAt', date: item.updatedAt };
  if (item.status === 'awaitingPayment') return { key: 'cases.madeAt', date: item.createdAt };
  if (isUnsent(item.status)) return { key: item.kind === 'cosignRequest' ? 'cases.askedAt' : 'cases.signedAt', date: item.createdAt };
  return { key: 'cases.submittedAt', date: item.submittedAt ?? item.createdAt };
}
