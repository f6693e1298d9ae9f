import type { ReactiveControllerHost, TemplateResult } from 'lit';
import { getMyCompanies } from '../../client/companies.js';
import type { KitClient } from '../../client/kit-client.js';
import type { CompanyChoice, MyCompany } from '../../contract/companies.js';
import type { ServiceDefinition } from '../../contract/definition.js';
import { EMAIL } from '../../contract/patterns.js';
import type { Problem } from '../../contract/problem.js';
import type { Language } from '../../contract/text.js';
import { t } from '../../i18n/index.js';
import { renderApplying, renderCompanyPage, renderCompanyReceipt } from './company-view.js';
import '../../i18n/messages.company.js';

/**
 * Who applies, for an e-service whose `applicants` are companies (or both): after the e-ID login, the page
 * "Vem ansöker?" lists the companies the company register says the person may sign for (GET /api/my/companies),
 * with how they sign and — when jointly — who may sign with them; a person with none is told what to do instead.
 * The choice goes with the answers (`company`), is kept in the tab beside them and in a draft, and shows on the
 * first step, the review and the receipt. Fetched with the definition, only for such e-services.
 */

/** What the part needs of the form. */
export interface CompanyHost {
  client(): KitClient | undefined;
  lang(): Language;
  /** What takes focus after the next render (a selector in the form's shadow root). */
  focus(selector: string): void;
  /** The choice changed: the draft saves it. */
  changed(): void;
}

/** The value of "Jag själv, som privatperson" among the radios. */
export const SELF = 'self';

/** The tab's copy of the choice, beside the answers' (sessionStorage: it dies with the tab), per backend and e-service. */
const storageKey = (backend: string | undefined, serviceId: string) => `esk:company:${backend ?? ''}:${serviceId}`;

export class FormCompany {
  state: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  companies: MyCompany[] = [];
  /** The radio chosen: an organisationsnummer, or SELF. */
  chosen?: string | undefined;
  cosigner?: string | undefined;
  email = '';
  /** Past the page: the form's steps are shown. */
  confirmed = false;
  /** The errors shown, by the id of what they are about. */
  errors: Record<string, string> = {};
  /** What the server said of the choice when it refused the case (its own words). */
  refusal = '';
  /** The company the case was sent for, for its receipt. */
  sentFor?: MyCompany | undefined;
  #definition?: ServiceDefinition;

  /** Made anew with each definition of an e-service for companies; the host renders it (no controller of its own: it has no lifecycle). */
  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly form: CompanyHost) {}

  /** A new definition (or the same again): nothing chosen yet but what the tab kept. */
  use(definition: ServiceDefinition): void {
    this.#definition = definition;
    this.state = 'idle';
    this.confirmed = false;
    this.sentFor = undefined;
    this.#restore(definition.id);
  }

  /** Whether the definition's signatories sign together where the register says so. */
  get jointSigning(): boolean {
    return this.#definition?.cosigning?.who === 'companySignatories';
  }

  get mayBeSelf(): boolean {
    return this.#definition?.applicants === 'both';
  }

  /** The company chosen, if any. */
  get company(): MyCompany | undefined {
    return this.companies.find((company) => company.organisationNumber === this.chosen);
  }

  /** Whether the chosen company needs another signatory named. */
  get needsCosigner(): boolean {
    return this.jointSigning && this.company?.signs === 'jointly';
  }

  /** What the case is sent with: the company (and the other signatory), or nothing for a private person. */
  choice(): CompanyChoice | undefined {
    if (!this.chosen || this.chosen === SELF) return undefined;
    // A draft's choice before the list has come is sent as it was chosen: the server checks it.
    const cosigner = this.cosigner && (this.company ? this.needsCosigner : true) ? { id: this.cosigner, email: this.email.trim() } : undefined;
    return { organisationNumber: this.chosen, ...(cosigner ? { cosigner } : {}) };
  }

  /**
   * The page "Vem ansöker?" while nothing is chosen (fetching the person's companies the first time), or undefined
   * once the citizen has gone past it.
   */
  page(definition: ServiceDefinition, lang: Language): TemplateResult | undefined {
    if (this.confirmed) return undefined;
    if (this.state === 'idle') void this.load();
    return renderCompanyPage(definition, lang, this);
  }

  /** "Ansöker för …" with a way back to the page: on the first step and the review. */
  applying(lang: Language): TemplateResult | undefined {
    if (!this.confirmed) return undefined;
    // A draft's choice: named once the list has come.
    if (this.state === 'idle') void this.load();
    return renderApplying(lang, this);
  }

  /** Below the receipt: which company the case is for. */
  receipt(lang: Language): TemplateResult | undefined {
    return this.sentFor && renderCompanyReceipt(lang, this.sentFor);
  }

  async load(): Promise<void> {
    const client = this.form.client();
    if (!client) return;
    this.state = 'loading';
    this.host.requestUpdate();
    try {
      this.companies = (await getMyCompanies(client, this.form.lang())).companies;
      this.state = 'ready';
      // A choice kept from before that the register no longer gives: chosen again.
      if (!this.companies.some((company) => company.organisationNumber === this.chosen) && this.chosen !== SELF) {
        this.chosen = undefined;
        this.confirmed = false;
      }
      // Someone who signs for no company applies as themself where the e-service takes private persons too.
      if (this.companies.length === 0 && this.mayBeSelf) {
        this.chosen = SELF;
        this.confirmed = true;
      }
    } catch {
      this.state = 'failed';
      this.form.focus('.company-status');
    }
    this.host.requestUpdate();
  }

  choose(value: string): void {
    this.chosen = value;
    this.refusal = '';
    const company = this.company;
    // One other signatory: they are the one.
    if (company?.cosignatories.length === 1) this.cosigner = company.cosignatories[0]!.id;
    else if (!company?.cosignatories.some((other) => other.id === this.cosigner)) this.cosigner = undefined;
    this.#changed();
  }

  chooseCosigner(id: string): void {
    this.cosigner = id;
    this.#changed();
  }

  typeEmail(value: string): void {
    this.email = value;
    this.#changed();
  }

  /** Continue: checked as the server checks it, else the errors and the summary that takes focus. */
  confirm(): void {
    const lang = this.form.lang();
    const errors: Record<string, string> = {};
    if (!this.chosen) errors['company-0'] = t(lang, 'company.errorChoose');
    else if (this.needsCosigner) {
      if (!this.cosigner) errors['company-cosigner-0'] = t(lang, 'company.errorCosigner');
      else if (!EMAIL.test(this.email.trim())) errors['company-email'] = t(lang, 'company.errorEmail');
    }
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      this.form.focus('.error-summary');
    } else {
      this.confirmed = true;
      this.form.focus('.page-title');
    }
    this.host.requestUpdate();
  }

  /** An error summary's link: the radio or box it names. */
  focusField(id: string): void {
    this.host.shadowRoot?.getElementById(id)?.focus();
  }

  /** Back to the page: the button "Ändra vem som ansöker". */
  change(): void {
    this.confirmed = false;
    this.errors = {};
    this.form.focus('.page-title');
    this.host.requestUpdate();
  }

  /** The server refused the choice (a company the person may no longer sign for, the register down): said on the page. */
  refused(problem: Problem): boolean {
    if (!/\/company-/.test(problem.type)) return false;
    this.refusal = problem.title;
    this.confirmed = false;
    this.state = 'idle';
    this.form.focus('.company-refusal');
    this.host.requestUpdate();
    return true;
  }

  /** A draft continued: its choice, once the list has it. */
  fromDraft(choice: CompanyChoice | undefined): void {
    this.chosen = choice?.organisationNumber;
    this.cosigner = choice?.cosigner?.id;
    this.email = choice?.cosigner?.email ?? '';
    this.confirmed = !!choice;
    this.#save();
    // Named on the review once the list has come.
    if (choice && this.state === 'idle') void this.load();
  }

  /** The case is sent: the tab forgets the choice; the receipt still names the company. */
  sent(): void {
    this.sentFor = this.company;
    this.forget();
  }

  /** Logged out, or sent: nothing of the choice stays in the tab. */
  forget(): void {
    if (this.#definition) sessionStorage.removeItem(storageKey(this.form.client()?.baseUrl, this.#definition.id));
    this.chosen = this.cosigner = undefined;
    this.email = '';
    this.confirmed = false;
    this.companies = [];
    this.state = 'idle';
  }

  #changed(): void {
    this.#save();
    this.form.changed();
    this.host.requestUpdate();
  }

  #save(): void {
    if (!this.#definition) return;
    try {
      sessionStorage.setItem(storageKey(this.form.client()?.baseUrl, this.#definition.id), JSON.stringify({ chosen: this.chosen, cosigner: this.cosigner, email: this.email, confirmed: this.confirmed }));
    } catch {
      // Storage full or refused: the choice is still on the page.
    }
  }

  #restore(serviceId: string): void {
    try {
      const kept = JSON.parse(sessionStorage.getItem(storageKey(this.form.client()?.baseUrl, serviceId)) ?? 'null') as { chosen?: string; cosigner?: string; email?: string; confirmed?: boolean } | null;
      this.chosen = kept?.chosen;
      this.cosigner = kept?.cosigner;
      this.email = kept?.email ?? '';
      this.confirmed = false;
    } catch {
      this.chosen = undefined;
    }
  }
}
