import { ContextConsumer } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { LitElement, html, nothing, type PropertyDeclarations } from 'lit';
import { live } from 'lit/directives/live.js';
import { ProblemError } from '../../client/errors.js';
import { widgetClient, type KitClient } from '../../client/kit-client.js';
import { exportUrl, getProfile, saveProfile } from '../../client/my-pages.js';
import type { Profile } from '../../contract/my-pages.js';
import { EMAIL, PHONE } from '../../contract/patterns.js';
import type { Language } from '../../contract/text.js';
import { renderErrorSummary } from '../../components/error-summary.js';
import { fieldStyles, moreFieldStyles } from '../../components/field.styles.js';
import { kitConfigContext, type KitConfig } from '../../config/context.js';
import { LanguageController } from '../../config/language-controller.js';
import { attachContextRoot } from '../../config/resolve.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { baseStyles, hostStyles } from '../../styles/shared.js';
import { formStyles } from '../e-service-form/e-service-form.styles.js';
import { myPagesStyles } from '../my-cases/my-cases.styles.js';
import { CitizenController, isSessionEnd, renderLoadError, renderLoading } from '../my-cases/my-pages.js';
import { savedEvent } from './my-profile.events.js';
import { myProfileStyles } from './my-profile.styles.js';
// This widget's Swedish texts come with it, not with every page.
import '../../i18n/messages.my-pages.js';
import '../../i18n/messages.js';

type FieldId = 'email' | 'phone' | 'notifyBy';
type NotifyBy = Profile['notifyBy'];

const NOTIFY: { value: NotifyBy; key: MessageKey }[] = [
  { value: 'email', key: 'profile.notifyEmail' },
  { value: 'sms', key: 'profile.notifySms' },
  { value: 'none', key: 'profile.notifyNone' },
];

/**
 * @tagname my-profile
 * @summary Mina uppgifter: the citizen's e-mail address and mobile number, and how they want to
 * hear that something happened in a case ("Hur vill du få besked?": e-mail, text message or
 * none — never the content itself). Errors are shown GOV.UK style: a summary that takes focus,
 * with a link to each field, and the message beside the field. Save says "Sparat". "Ladda ner
 * allt vi har sparat om dig" downloads the registerutdrag. Without a login it shows an `<eid-login>`.
 *
 * @fires {MyProfileSavedDetail} my-profile-saved - The details were saved; `detail.profile` is what the backend stored.
 *
 * @csspart base - The widget as a whole.
 * @csspart title - The heading "Mina uppgifter".
 * @csspart empty - What the widget says when no contact details are stored.
 * @csspart error-summary - The list of problems above the form.
 * @csspart field - One question: label, error and input.
 * @csspart label - A question's label or legend.
 * @csspart error-message - The error beside a question.
 * @csspart input - A text box.
 * @csspart save-button - Save.
 * @csspart saved - "Sparat" (a polite live region).
 * @csspart save-error - Why the details could not be saved.
 * @csspart export-link - "Ladda ner allt vi har sparat om dig".
 * @csspart loading - The loading message.
 * @csspart load-error - The message when the details could not be loaded, with Try again.
 * @csspart login-notice - Why to log in.
 * @csspart login - The `<eid-login>` shown when nobody is logged in.
 *
 * @cssprop --esk-font-family - Font of all text.
 * @cssprop --esk-color-primary - Background of the Save button.
 * @cssprop --esk-color-link - Colour of links.
 * @cssprop --esk-color-error - Colour of errors.
 * @cssprop --esk-color-success - Edge of "Sparat".
 * @cssprop --esk-color-focus - Colour of the focus highlight.
 */
export class MyProfile extends LitElement {
  static override styles = [hostStyles, baseStyles, fieldStyles, moreFieldStyles, formStyles, myPagesStyles, myProfileStyles];
  // Internal state with `attribute: false` too, written out: the manifest's analyzer reads no `state`, and reads
  // only an object literal here (a shared constant for it would list each as an attribute).
  static override properties: PropertyDeclarations = {
    backend: { reflect: true },
    client: { attribute: false },
    email: { state: true, attribute: false },
    phone: { state: true, attribute: false },
    notifyBy: { state: true, attribute: false },
    errors: { state: true, attribute: false },
    saving: { state: true, attribute: false },
    saveFailed: { state: true, attribute: false },
    saved: { state: true, attribute: false },
  };

  /** The backend's base URL; by default the one set by `<e-service-config>`, else the server the kit was loaded from. */
  backend?: string;

  /** The client to use instead of one for `backend`: lets a page, a story or a test supply its own. */
  client?: KitClient;

  /** What `<e-service-config>` sets for the page (the backend, the language), followed as it changes. */
  private readonly configContext = new ContextConsumer(this, { context: kitConfigContext, subscribe: true });
  private get config(): KitConfig | undefined {
    return this.configContext.value;
  }

  private email = '';
  private phone = '';
  private notifyBy: NotifyBy = 'none';
  /** Shown errors: the form's own checks, or the backend's field errors. */
  private errors: { id: FieldId; message: string }[] = [];
  private saving = false;
  private saveFailed = false;
  /** "Sparat" in the live region, emptied when the citizen changes something. */
  private saved = '';

  private stored?: Profile | undefined;
  private focusAfterRender?: string | undefined;
  private readonly language = new LanguageController(this, () => this.config);
  private readonly citizen = new CitizenController(this, () => this.activeClient());

  private readonly profile = new Task(this, {
    task: async ([client, loggedIn], { signal }) => {
      if (!client || !loggedIn) return initialState;
      try {
        const profile = await getProfile(client, this.lang_, signal);
        this.take(profile);
        return profile;
      } catch (error) {
        if (isSessionEnd(error)) this.citizen.sessionEnded();
        throw error;
      }
    },
    args: () => [this.activeClient(), this.citizen.status === 'in'] as const,
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

  private take(profile: Profile): void {
    this.stored = profile;
    this.email = profile.email ?? '';
    this.phone = profile.phone ?? '';
    this.notifyBy = profile.notifyBy;
    this.errors = [];
  }

  /** The form's own checks, in the order of the fields. */
  private check(lang: Language): { id: FieldId; message: string }[] {
    const errors: { id: FieldId; message: string }[] = [];
    const email = this.email.trim();
    const phone = this.phone.trim();
    if (email && !EMAIL.test(email)) errors.push({ id: 'email', message: t(lang, 'profile.emailInvalid') });
    else if (!email && this.notifyBy === 'email') errors.push({ id: 'email', message: t(lang, 'profile.emailRequired') });
    if (phone && !PHONE.test(phone)) errors.push({ id: 'phone', message: t(lang, 'profile.phoneInvalid') });
    else if (!phone && this.notifyBy === 'sms') errors.push({ id: 'phone', message: t(lang, 'profile.phoneRequired') });
    return errors;
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const client = this.activeClient();
    if (!client || this.saving) return;
    const lang = this.lang_;
    this.saveFailed = false;
    this.saved = '';
    this.errors = this.check(lang);
    if (this.errors.length) {
      this.focusAfterRender = '.error-summary';
      return;
    }
    const email = this.email.trim();
    const phone = this.phone.trim();
    const profile: Profile = { notifyBy: this.notifyBy, ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
    this.saving = true;
    try {
      const stored = await saveProfile(client, profile, lang);
      this.take(stored);
      this.saved = t(lang, 'profile.saved');
      this.dispatchEvent(savedEvent({ profile: stored }));
    } catch (error) {
      if (isSessionEnd(error)) this.citizen.sessionEnded();
      const fields = error instanceof ProblemError ? (error.problem.errors ?? []) : [];
      const known = fields.filter((item) => ['email', 'phone', 'notifyBy'].includes(item.path));
      if (known.length) {
        this.errors = known.map((item) => ({ id: item.path as FieldId, message: item.message }));
        this.focusAfterRender = '.error-summary';
      } else {
        this.saveFailed = true;
      }
    } finally {
      this.saving = false;
    }
  }

  private edit(change: () => void): void {
    change();
    this.saved = '';
  }

  protected override updated(): void {
    const selector = this.focusAfterRender;
    if (!selector) return;
    this.focusAfterRender = undefined;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  // --- rendering ----------------------------------------------------------------------

  protected override render() {
    const lang = this.lang_;
    const citizen = this.citizen.status;
    return html`<div class="base" part="base">
      <h2 class="title" part="title">${t(lang, 'profile.title')}</h2>
      ${citizen === 'out'
        ? this.citizen.renderLogin(lang, 'profile.loginRequired')
        : citizen === 'checking'
          ? renderLoading(t(lang, 'profile.loading'))
          : this.profile.render({
              initial: () => renderLoading(t(lang, 'profile.loading')),
              pending: () => renderLoading(t(lang, 'profile.loading')),
              error: (error) => renderLoadError(t(lang, 'profile.loadFailed'), lang, error, () => void this.profile.run()),
              complete: () => this.renderForm(lang),
            })}
    </div>`;
  }

  private errorFor(id: FieldId) {
    return this.errors.find((error) => error.id === id)?.message;
  }

  private renderErrorMessage(id: FieldId, lang: Language) {
    const message = this.errorFor(id);
    return message
      ? html`<p id=${`${id}-error`} class="error-message" part="error-message"><span class="visually-hidden">${t(lang, 'form.errorPrefix')}</span> ${message}</p>`
      : nothing;
  }

  private renderInput(id: 'email' | 'phone', lang: Language) {
    const error = this.errorFor(id);
    return html`<div class="field ${error ? 'field--error' : ''}" part="field">
      <label class="label" part="label" for=${id}>${t(lang, id === 'email' ? 'profile.email' : 'profile.phone')}</label>
      ${this.renderErrorMessage(id, lang)}
      <input id=${id} name=${id} class="input input--${id}" part="input" spellcheck="false"
        type=${id === 'email' ? 'email' : 'tel'} autocomplete=${id === 'email' ? 'email' : 'tel'}
        aria-describedby=${error ? `${id}-error` : nothing} aria-invalid=${error ? 'true' : 'false'}
        .value=${live(this[id])} @input=${(event: Event) => this.edit(() => (this[id] = (event.target as HTMLInputElement).value))} />
    </div>`;
  }

  private renderForm(lang: Language) {
    const client = this.activeClient();
    const empty = !this.stored?.email && !this.stored?.phone;
    const notifyError = this.errorFor('notifyBy');
    return html`<p class="hint">${t(lang, 'profile.intro')}</p>
      ${empty ? html`<p class="notice" part="empty">${t(lang, 'profile.empty')}</p>` : nothing}
      <form novalidate @submit=${(event: Event) => void this.save(event)}>
        ${renderErrorSummary(
          this.errors.map((error) => ({ targetId: error.id === 'notifyBy' ? 'notify-email' : error.id, path: error.id, message: error.message })),
          lang,
          (targetId) => this.renderRoot.querySelector<HTMLElement>(`#${targetId}`)?.focus(),
        )}
        ${this.renderInput('email', lang)}
        ${this.renderInput('phone', lang)}
        <div class="field ${notifyError ? 'field--error' : ''}" part="field">
          <fieldset class="fieldset" aria-describedby=${notifyError ? 'notifyBy-error' : nothing} aria-invalid=${!!notifyError}>
            <legend class="label" part="label">${t(lang, 'profile.notifyBy')}</legend>
            ${this.renderErrorMessage('notifyBy', lang)}
            <div class="radios">
              ${NOTIFY.map(
                (option) => html`<div class="radio">
                  <input type="radio" id=${`notify-${option.value}`} name="notifyBy" value=${option.value}
                    .checked=${live(this.notifyBy === option.value)}
                    @change=${() => this.edit(() => (this.notifyBy = option.value))} />
                  <label for=${`notify-${option.value}`}>${t(lang, option.key)}</label>
                </div>`,
              )}
            </div>
          </fieldset>
        </div>
        ${this.saveFailed ? html`<p class="error" part="save-error" role="alert">${t(lang, 'profile.saveFailed')}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="button" part="save-button" aria-disabled=${this.saving ? 'true' : 'false'}>
            ${t(lang, this.saving ? 'profile.saving' : 'profile.save')}
          </button>
          <p class="success" part="saved" role="status" aria-live="polite">${this.saved}</p>
        </div>
      </form>
      ${client
        ? html`<div class="export">
            <a href=${exportUrl(client)} download="mina-uppgifter.json" part="export-link" aria-describedby="export-hint">${t(lang, 'profile.export')}</a>
            <p id="export-hint" class="hint">${t(lang, 'profile.exportHint')}</p>
          </div>`
        : nothing}`;
  }
}
