import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import '../../src/elements/my-cases/my-cases.js';
import { KitClient } from '../../src/client/kit-client.js';
import { RECEIPT_TOKEN_HEADER } from '../../src/contract/http.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import type { MyCases } from '../../src/elements/my-cases/my-cases.component.js';
import { AWAITING_PAYMENT_DETAILS, AWAITING_PAYMENT_ROW, CITIZEN, IDS, MY_PAGES_BACKEND_URL, myPagesBackend, type MyPagesScript } from '../../stories/support/my-pages-example.js';
import { backend, control, focused, formReady, question, shadow, submitButton, VALID } from './helpers.js';

/**
 * "Ladda ner ditt ärende som PDF": on the receipt, against the real test backend (the PDF by the receipt token),
 * and on Mina sidor's opened case, against the scripted backend of the my-cases tests (the PDF by the session).
 * The download itself is caught where the browser would take it: the click on the temporary <a download>.
 */

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const part = (el: HTMLElement, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);

interface Download {
  fileName: string;
  href: string;
  /** The file's first bytes, read from the object URL before it is revoked. */
  head: Promise<string>;
}

/** Catches the next download the page starts (and keeps the browser from saving it). */
function nextDownload(): Promise<Download> {
  return new Promise((resolve) => {
    const onClick = (event: MouseEvent) => {
      const link = event.composedPath()[0];
      if (!(link instanceof HTMLAnchorElement) || !link.download) return;
      event.preventDefault();
      document.removeEventListener('click', onClick, true);
      const head = fetch(link.href).then((response) => response.blob()).then((blob) => blob.slice(0, 5).text());
      resolve({ fileName: link.download, href: link.href, head });
    };
    document.addEventListener('click', onClick, true);
  });
}

async function press(target: HTMLElement) {
  target.focus();
  await sendKeys({ press: 'Enter' });
}

interface Sent {
  url: URL;
  headers: Headers;
}

/**
 * A client for the real backend that notes each request, and answers the PDF as `pdf` says: 'ok' (the backend's
 * answer), 'hold' (until `release`), 'network-error' or a status with problem+json.
 */
function recordingClient(pdf: ('ok' | 'hold' | 'network-error' | 404)[] = ['ok']) {
  const sent: Sent[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let pdfs = 0;
  const client = new KitClient(backend, async (input, init) => {
    const url = new URL(String(input));
    sent.push({ url, headers: new Headers(init?.headers) });
    if (url.pathname.endsWith('/pdf')) {
      const how = pdf[Math.min(pdfs++, pdf.length - 1)];
      if (how === 'network-error') throw new TypeError('Failed to fetch');
      if (how === 404) {
        return new Response(JSON.stringify({ type: '/problems/case-not-found', title: 'Ärendet finns inte', status: 404 }),
          { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
      }
      if (how === 'hold') await held;
    }
    return fetch(input, init);
  });
  return { client, sent, release, pdfRequests: () => sent.filter((r) => r.url.pathname.endsWith('/pdf')) };
}

/** Sends felanmalan through the real backend and waits for the receipt; its case number. */
async function sendCase(el: EServiceForm): Promise<string> {
  await formReady(el);
  el.setAnswers(VALID);
  await el.updateComplete;
  const submitted = oneEvent(el, 'e-service-submitted');
  submitButton(el).click();
  const { detail } = await submitted;
  await waitUntil(() => part(el, 'pdf-button'), 'the receipt offers no PDF');
  return detail.caseNumber;
}

describe('the PDF of a case on the receipt', () => {
  beforeEach(() => sessionStorage.clear());

  it('is offered beside Print, and downloads by keyboard with the receipt token: the backend\'s own PDF, named after the case', async () => {
    const { client, pdfRequests } = recordingClient();
    const el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" .client=${client}></e-service-form>`);
    const caseNumber = await sendCase(el);
    const button = part(el, 'pdf-button')! as HTMLButtonElement;
    expect(text(button)).to.equal('Ladda ner ditt ärende som PDF');
    expect(button.type).to.equal('button');
    expect(part(el, 'receipt')!.contains(button), 'on the receipt').to.equal(true);
    expect([...part(el, 'receipt')!.querySelectorAll('button')].map(text)).to.deep.equal(['Ladda ner ditt ärende som PDF', 'Skriv ut kvittot']);
    expect(text(shadow(el).querySelector('.receipt [role=alert]'))).to.equal('');
    await expect(el).to.be.accessible();

    const download = nextDownload();
    await press(button);
    const { fileName, href, head } = await download;
    expect(fileName).to.equal(`${caseNumber}.pdf`);
    expect(href).to.match(/^blob:/);
    expect(await head).to.equal('%PDF-');
    const [request] = pdfRequests();
    expect(request!.url.pathname).to.equal(`/api/cases/${caseNumber}/pdf`);
    expect(request!.url.searchParams.get('lang')).to.equal('sv');
    expect(request!.headers.get(RECEIPT_TOKEN_HEADER)).to.be.a('string').and.not.equal('');
    expect(request!.headers.get('Accept')).to.contain('application/pdf');
    await waitUntil(() => button.getAttribute('aria-disabled') === 'false', 'still busy');
    expect(focused(el)).to.equal(button);
    await expect(el).to.be.accessible();
  });

  it('says that the PDF is on its way, busy but focusable; a second press fetches nothing more', async () => {
    const { client, release, pdfRequests } = recordingClient(['hold']);
    const el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" .client=${client}></e-service-form>`);
    await sendCase(el);
    const button = part(el, 'pdf-button')! as HTMLButtonElement;
    const download = nextDownload();
    await press(button);
    await waitUntil(() => text(button) === 'Hämtar PDF…', 'not busy');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(text(shadow(el).querySelector('.case-pdf [role=status]'))).to.equal('Hämtar PDF…');
    expect(focused(el)).to.equal(button);
    await expect(el).to.be.accessible();
    await press(button);
    expect(pdfRequests()).to.have.length(1);
    release();
    expect(await (await download).head).to.equal('%PDF-');
    await waitUntil(() => text(button) === 'Ladda ner ditt ärende som PDF', 'still busy');
    expect(text(shadow(el).querySelector('.case-pdf [role=status]'))).to.equal('');
  });

  it('says so in an alert when the backend answers 404, and tries again with the same button', async () => {
    const { client, pdfRequests } = recordingClient([404, 'ok']);
    const el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" .client=${client}></e-service-form>`);
    await sendCase(el);
    const button = part(el, 'pdf-button')! as HTMLButtonElement;
    await press(button);
    await waitUntil(() => part(el, 'pdf-error'), 'no failure shown');
    const alert = shadow(el).querySelector('.case-pdf [role=alert]')!;
    expect(text(alert)).to.equal('PDF:en kunde inte hämtas just nu. Försök igen.');
    expect(text(button)).to.equal('Ladda ner ditt ärende som PDF');
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    expect(focused(el)).to.equal(button);
    await expect(el).to.be.accessible();

    const download = nextDownload();
    await press(button);
    expect(await (await download).head).to.equal('%PDF-');
    expect(pdfRequests()).to.have.length(2);
    await waitUntil(() => text(alert) === '', 'the failure is still shown');
    await expect(el).to.be.accessible();
  });

  it('says so when the connection fails', async () => {
    const { client } = recordingClient(['network-error', 'ok']);
    const el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" .client=${client}></e-service-form>`);
    await sendCase(el);
    await press(part(el, 'pdf-button')!);
    await waitUntil(() => part(el, 'pdf-error'), 'no failure shown');
    expect(text(part(el, 'pdf-error'))).to.equal('PDF:en kunde inte hämtas just nu. Försök igen.');
    await expect(el).to.be.accessible();
  });

  it('speaks English, and asks for the PDF in English', async () => {
    const { client, pdfRequests } = recordingClient();
    const el = await fixture<EServiceForm>(html`<div lang="en"><e-service-form service="felanmalan" .client=${client}></e-service-form></div>`)
      .then((wrapper) => wrapper.querySelector('e-service-form') as EServiceForm);
    await sendCase(el);
    const button = part(el, 'pdf-button')!;
    expect(text(button)).to.equal('Download your case as a PDF');
    const download = nextDownload();
    await press(button);
    expect(await (await download).head).to.equal('%PDF-');
    expect(pdfRequests()[0]!.url.searchParams.get('lang')).to.equal('en');
    await expect(el).to.be.accessible();
  });
});

describe('the PDF of a paid case on its receipt', () => {
  beforeEach(() => sessionStorage.clear());

  /** Chooses an option of one of the payment step's radio groups with the keyboard. */
  async function choose(el: EServiceForm, path: string, index: number) {
    await waitUntil(() => shadow(el).querySelector(`#field-${path}`), `no ${path} question`);
    await (question(el, path) as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    control(el, path, index === 0 ? 'control' : `control-${index}`).focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
  }

  it('is offered once the case is paid (and so sent), beside what was paid, fetched with the receipt token', async () => {
    const { client, pdfRequests } = recordingClient();
    const el = await fixture<EServiceForm>(html`<e-service-form service="parkeringstillstand" .client=${client}></e-service-form>`);
    await formReady(el);
    el.setAnswers({ name: 'Anna Andersson', email: 'anna@example.se', registration: 'ABC 123', disabledPermit: false });
    await el.updateComplete;
    const made = oneEvent(el, 'e-service-submitted');
    await press(submitButton(el));
    const { detail } = await made;
    await waitUntil(() => part(el, 'payment'), 'the payment step did not show');
    expect(part(el, 'pdf-button'), 'no PDF before it is paid').to.equal(null);
    await choose(el, 'method', 1);
    await choose(el, 'swishWay', 2);
    control(el, 'payerMobile').focus();
    await sendKeys({ type: '070-123 45 67' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(part(el, 'payment-status')) === 'Öppna Swish och godkänn betalningen', 'the request was not sent');
    const paid = oneEvent(el, 'e-service-paid');
    await executeServerCommand('play-payer', { swish: { payer: '46701234567' }, action: 'approve' });
    await paid;
    await waitUntil(() => part(el, 'pdf-button'), 'the paid receipt offers no PDF');
    expect(text(part(el, 'receipt-payment'))).to.contain('Betalt med Swish');
    await expect(el).to.be.accessible();

    const download = nextDownload();
    await press(part(el, 'pdf-button')!);
    const { fileName, head } = await download;
    expect(fileName).to.equal(`${detail.caseNumber}.pdf`);
    expect(await head).to.equal('%PDF-');
    expect(pdfRequests()[0]!.headers.get(RECEIPT_TOKEN_HEADER)).to.be.a('string').and.not.equal('');
  });
});

describe('the PDF of a case on Mina sidor', () => {
  let tests = 0;

  async function opened(script: MyPagesScript, caseId: string = IDS.caseSkolskjuts) {
    const base = `${MY_PAGES_BACKEND_URL}pdf${++tests}/`;
    const fake = myPagesBackend({ user: CITIZEN, ...script }, base);
    const el = await fixture<MyCases>(html`<my-cases .client=${new KitClient(base, fake.fetch)}></my-cases>`);
    await waitUntil(() => shadow(el).querySelector(`#open-${caseId}`), 'the list did not appear', { timeout: 5000 });
    await press(shadow(el).querySelector<HTMLButtonElement>(`#open-${caseId}`)!);
    await waitUntil(() => shadow(el).querySelector('.timeline'), 'the details did not appear');
    await el.updateComplete;
    return { el, fake };
  }

  it('offers a sent case\'s PDF and downloads it by keyboard through the session', async () => {
    const { el, fake } = await opened({});
    const button = part(el, 'pdf-button')!;
    expect(text(button)).to.equal('Ladda ner ditt ärende som PDF');
    await expect(el).to.be.accessible();
    const download = nextDownload();
    await press(button);
    const { fileName, head } = await download;
    expect(fileName).to.equal('SKJ-2026-00042.pdf');
    expect(await head).to.equal('%PDF-');
    const request = fake.sent.find((r) => r.path.endsWith('/pdf'))!;
    expect(request.path).to.equal(`api/my/cases/${IDS.caseSkolskjuts}/pdf`);
    expect(request.query).to.equal('?lang=sv');
    await waitUntil(() => button.getAttribute('aria-disabled') === 'false', 'still busy');
    await expect(el).to.be.accessible();
  });

  it('says so in an alert when the PDF could not be fetched, and tries again by keyboard', async () => {
    const { el, fake } = await opened({ pdf: ['network-error', 'ok'] });
    const button = part(el, 'pdf-button')!;
    await press(button);
    await waitUntil(() => part(el, 'pdf-error'), 'no failure shown');
    expect(text(shadow(el).querySelector('.case-pdf [role=alert]'))).to.equal('PDF:en kunde inte hämtas just nu. Försök igen.');
    expect(focused(el)).to.equal(button);
    await expect(el).to.be.accessible();
    const download = nextDownload();
    await press(button);
    expect(await (await download).head).to.equal('%PDF-');
    expect(fake.sent.filter((r) => r.path.endsWith('/pdf'))).to.have.length(2);
    await waitUntil(() => !part(el, 'pdf-error'), 'the failure is still shown');
  });

  it('gives the backend\'s reason when the case is not sent yet (409)', async () => {
    const detail = 'Ärendets PDF finns när ärendet är inskickat: när det är betalt, eller när alla har skrivit under.';
    const { el } = await opened({ pdf: [{ problem: { status: 409, type: '/problems/case-not-sent', title: 'Ärendet är inte inskickat till kommunen', detail } }] });
    await press(part(el, 'pdf-button')!);
    await waitUntil(() => part(el, 'pdf-error'), 'no failure shown');
    expect(text(part(el, 'pdf-error'))).to.equal(detail);
    await expect(el).to.be.accessible();
  });

  it('offers none for a case not sent to the municipality', async () => {
    const { el } = await opened({
      cases: [{ items: [AWAITING_PAYMENT_ROW] }],
      caseDetails: { [IDS.caseAwaitingPayment]: AWAITING_PAYMENT_DETAILS },
    }, IDS.caseAwaitingPayment);
    expect(part(el, 'pdf-button')).to.equal(null);
  });
});
