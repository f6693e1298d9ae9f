import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ProblemError } from '../client/errors.js';
import type { KitClient } from '../client/kit-client.js';
import { PROBLEM_CONTENT_TYPE, RECEIPT_TOKEN_HEADER } from '../contract/http.js';
import type { Language } from '../contract/text.js';
import { defineElement } from '../config/define.js';
import { t } from '../i18n/index.js';
import '../i18n/messages.pdf.js';

/**
 * "Ladda ner ditt ärende som PDF" on the receipt and on Mina sidor's case: the backend's PDF of a sent case, fetched
 * through the kit's client and handed to the browser as a download. A plain `<a href download>` cannot carry the
 * receipt token, which goes in a header, nor say that the file is on its way or that it could not be fetched.
 * Fetched with the receipt's chunk and with `<my-cases>`, never with what a form loads at once.
 */

/** Whose case, and how the backend knows it is theirs: the receipt token the submit answered with, else the session. */
export interface CasePdfSource {
  client: KitClient | undefined;
  caseId: string;
  caseNumber: string;
  receiptToken?: string | undefined;
}

const enc = encodeURIComponent;

/** The case's PDF in the reader's language: by its receipt token when this browser sent it, else the citizen's own by id. */
export function fetchCasePdf(client: KitClient, source: CasePdfSource, lang: Language): Promise<Blob> {
  const accept = { Accept: `application/pdf, ${PROBLEM_CONTENT_TYPE}` };
  return source.receiptToken
    ? client.getFile(`api/cases/${enc(source.caseNumber)}/pdf?lang=${lang}`, lang, { ...accept, [RECEIPT_TOKEN_HEADER]: source.receiptToken })
    : client.getFile(`api/my/cases/${enc(source.caseId)}/pdf?lang=${lang}`, lang, accept);
}

/**
 * Hands a file to the browser as a download: an object URL on a temporary `<a download>`, revoked once the browser
 * has had time to take it (revoked at once, some browsers lose the download).
 */
export function saveFile(file: Blob, fileName: string): void {
  const href = URL.createObjectURL(file);
  const link = Object.assign(document.createElement('a'), { href, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}

/** Why the PDF did not come: the backend's own words for a case not sent yet (409), else try again. */
function failure(error: unknown, lang: Language): string {
  return error instanceof ProblemError && error.problem.status === 409 && error.problem.detail ? error.problem.detail : t(lang, 'pdf.failed');
}

/** Internal state that renders anew when it changes (`attribute: false` too, for the manifest's analyzer, which reads no `state`). */
const INTERNAL = { state: true, attribute: false } as const;

/**
 * @tagname esk-case-pdf
 * @summary The button and what it says: busy while the PDF is on its way ("Hämtar PDF…", `aria-disabled` so that
 * focus stays), and a failure in an alert, with the same button to try again. Both live regions are there from the
 * start; only their text changes. Rendered without a shadow root of its own, so the widget it sits in styles it; an
 * element rather than a directive, so that it costs what a form loads at once nothing (lit's directive modules would
 * move into its shared chunk). Inserted by `casePdf()`; a page never adds it itself.
 */
export class EskCasePdf extends LitElement {
  static override properties: PropertyDeclarations = {
    source: { attribute: false },
    language: { attribute: false },
    busy: INTERNAL,
    error: INTERNAL,
  };

  source?: CasePdfSource;
  language: Language = 'sv';
  private busy = false;
  private error = '';

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another case in the same place (Mina sidor opened another): nothing said of the last one's PDF remains.
    if (changed.get('source')?.caseId !== undefined && changed.get('source')?.caseId !== this.source?.caseId) this.error = '';
  }

  protected override render() {
    const lang = this.language;
    return html`<div class="case-pdf">
      <p><button type="button" class="button button--secondary" part="pdf-button" aria-disabled=${this.busy ? 'true' : 'false'}
        @click=${() => void this.download()}>${t(lang, this.busy ? 'pdf.busy' : 'pdf.download')}</button></p>
      <div class="visually-hidden" role="status">${this.busy ? t(lang, 'pdf.busy') : ''}</div>
      <div role="alert">${this.error ? html`<p class="load-error" part="pdf-error">${this.error}</p>` : nothing}</div>
    </div>`;
  }

  private async download(): Promise<void> {
    const { source, language: lang } = this;
    const client = source?.client;
    if (this.busy || !source || !client) return;
    this.busy = true;
    this.error = '';
    try {
      saveFile(await fetchCasePdf(client, source, lang), `${source.caseNumber}.pdf`);
    } catch (error) {
      this.error = failure(error, lang);
    }
    this.busy = false;
  }
}

defineElement('esk-case-pdf', EskCasePdf);

declare global {
  interface HTMLElementTagNameMap {
    'esk-case-pdf': EskCasePdf;
  }
}

/** `${casePdf({ client, caseId, caseNumber, receiptToken }, lang)}`: the download, or nothing without a backend. */
export const casePdf = (source: CasePdfSource, lang: Language) =>
  source.client ? html`<esk-case-pdf .source=${source} .language=${lang}></esk-case-pdf>` : nothing;
