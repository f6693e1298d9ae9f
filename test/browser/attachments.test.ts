import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import { backend, control, describedBy, formReady, question, shadow, submitButton } from './helpers.js';

/** The smallest PDF a sniffer accepts, and a text file that only calls itself one. */
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const FAKE_PDF = new TextEncoder().encode('MZ this is really a program, not a document');

function pick(el: EServiceForm, files: File[]) {
  const input = control(el, 'intyg');
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const fileRoot = (el: EServiceForm) => question(el, 'intyg').shadowRoot!;
const listed = (el: EServiceForm) => [...fileRoot(el).querySelectorAll('.file span')].map((s) => s.textContent);

describe('attachments in <e-service-form>', () => {
  let el: EServiceForm;
  beforeEach(async () => {
    sessionStorage.clear();
    el = await fixture<EServiceForm>(html`<e-service-form service="bilagor" backend=${backend}></e-service-form>`);
    await formReady(el);
  });

  it('says which files it takes, accessibly', async () => {
    expect(fileRoot(el).querySelector('#limits')!.textContent).to.equal('PDF, PNG, högst 1 MB per fil, högst 2 filer.');
    expect(control(el, 'intyg').getAttribute('aria-describedby')).to.contain('limits');
    await expect(el).to.be.accessible();
  });

  it('uploads a file while the citizen fills in, lists it, and sends it with the case', async () => {
    pick(el, [new File([PDF], 'intyg.pdf', { type: 'application/pdf' })]);
    await waitUntil(() => listed(el).includes('intyg.pdf'), 'the upload did not finish');
    // The live region is written in the field's next render, which a busy machine may give a moment later.
    await waitUntil(() => fileRoot(el).querySelector('[role=status]')!.textContent === 'intyg.pdf är uppladdad.', 'the upload was not announced');
    await expect(el).to.be.accessible();

    el.setAnswers({ ...(el as unknown as { answers: Record<string, never> }).answers, namn: 'Anna Andersson' });
    const sent = oneEvent(el, 'e-service-submitted');
    submitButton(el).click();
    const { detail } = await sent;
    expect(detail.caseNumber).to.match(/^BIL-/);
  });

  it('waits for a file still on its way when Send is pressed, and sends the case with it', async () => {
    // The upload is held back on its way to the (real) backend until the test lets it go.
    const send = XMLHttpRequest.prototype.send;
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body) {
      void held.then(() => send.call(this, body));
    };
    try {
      el.setAnswers({ namn: 'Anna Andersson' });
      pick(el, [new File([PDF], 'intyg.pdf', { type: 'application/pdf' })]);
      await waitUntil(() => fileRoot(el).querySelector('progress'), 'the upload did not start');
      const sent = oneEvent(el, 'e-service-submitted');
      submitButton(el).focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => submitButton(el).textContent!.trim() === 'Väntar på att filerna laddas upp…', 'the button did not say it waits');
      expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
      // Not "attach a file": the file is coming. Pressing again does nothing more.
      expect(shadow(el).querySelector('.error-summary')).to.equal(null);
      await sendKeys({ press: 'Enter' });
      await expect(el).to.be.accessible();
      letGo();
      const { detail } = await sent;
      expect(detail.caseNumber).to.match(/^BIL-/);
    } finally {
      XMLHttpRequest.prototype.send = send;
    }
  });

  it('refuses a file whose bytes are not what its name says, and says why', async () => {
    pick(el, [new File([FAKE_PDF], 'intyg.pdf', { type: 'application/pdf' })]);
    await waitUntil(() => fileRoot(el).querySelector('.error-message[role=alert]'), 'no error shown');
    expect(fileRoot(el).querySelector('[role=alert]')!.textContent).to.contain('intyg.pdf kunde inte laddas upp');
    expect(listed(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('refuses a file that is too large before sending it anywhere', async () => {
    pick(el, [new File([new Uint8Array(1024 * 1024 + 1)], 'stor.pdf', { type: 'application/pdf' })]);
    await waitUntil(() => fileRoot(el).querySelector('[role=alert]'), 'no error shown');
    expect(fileRoot(el).querySelector('[role=alert]')!.textContent).to.contain('filen är större än 1 MB');
    // Tied to the file input, as a question's error is: a screen reader says it there too.
    const input = control(el, 'intyg');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(input).join(' ')).to.contain('filen är större än 1 MB');
    await expect(el).to.be.accessible();
  });

  it('removes an uploaded file', async () => {
    pick(el, [new File([PDF], 'intyg.pdf', { type: 'application/pdf' })]);
    // The file is listed as soon as its upload starts, with a cancel button; it becomes "Ta bort" when the upload ends.
    const button = () => fileRoot(el).querySelector<HTMLButtonElement>('.file button');
    await waitUntil(() => button()?.textContent!.trim() === 'Ta bort intyg.pdf', 'the upload did not finish');
    const remove = button()!;
    remove.click();
    await waitUntil(() => listed(el).length === 0, 'the file was not removed');
    submitButton(el).click();
    await waitUntil(() => shadow(el).querySelector('.error-summary a'), 'no error summary', { timeout: 10_000 });
    expect([...shadow(el).querySelectorAll('.error-summary a')].map((a) => a.textContent)).to.include('Bifoga en fil till ”Läkarintyg”');
  });
});
