import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { KitClient } from '../../src/client/kit-client.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import { $, axeNeedsReview, backend, control, deadBackend, describedBy, focused, formReady, labelText, question, shadow, submitButton, VALID } from './helpers.js';

async function fillValid(el: EServiceForm) {
  el.setAnswers(VALID);
  await el.updateComplete;
}

describe('<e-service-form>', () => {
  // Unsent answers are kept for the tab's life; each test starts as a new visitor.
  beforeEach(() => sessionStorage.clear());

  describe('loading', () => {
    it('says that the e-service is loading, accessibly', async () => {
      const el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" backend=${backend}></e-service-form>`);
      expect($(el, '.loading').textContent).to.contain('Laddar e-tjänsten…');
      await expect(el).to.be.accessible();
      await formReady(el);
    });
  });

  describe('ready', () => {
    let el: EServiceForm;
    beforeEach(async () => {
      el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" backend=${backend}></e-service-form>`);
      await formReady(el);
    });

    it('is accessible', async () => {
      await expect(el).to.be.accessible();
    });

    it('shows the title and every question with its label, hint and the right input', async () => {
      expect($(el, 'h2').textContent).to.equal('Felanmälan: gata, park och belysning');
      expect(labelText(el, 'category')).to.equal('Vad gäller felet?');
      expect(control(el, 'category').tagName).to.equal('SELECT');
      expect(labelText(el, 'place')).to.equal('Var är felet?');
      expect(control(el, 'place').getAttribute('type')).to.equal('text');
      expect(control(el, 'description').tagName).to.equal('TEXTAREA');
      expect(labelText(el, 'urgent')).to.equal('Är det farligt för någon just nu?');
      expect(question(el, 'urgent').shadowRoot!.querySelectorAll('input[type=radio]')).to.have.length(2);
      expect(labelText(el, 'email')).to.equal('E-postadress för svar (frivillig)');
      expect(control(el, 'email').getAttribute('type')).to.equal('email');
      expect(control(el, 'email').getAttribute('autocomplete')).to.equal('email');
      expect(describedBy(control(el, 'place'))[0]).to.contain('Skriv gatuadress, korsning');
    });

    it('marks only the optional question, and with words rather than an asterisk', async () => {
      const questions = [...shadow(el).querySelectorAll('[id^=field-]')];
      const optional = questions.flatMap((q) => [...q.shadowRoot!.querySelectorAll('.optional')].map((node) => node.textContent));
      expect(optional).to.deep.equal(['(frivillig)']);
      expect(questions.map((q) => q.shadowRoot!.textContent).join(' ')).not.to.contain('*');
    });

    it('counts the characters left in the description as the citizen types', async () => {
      const textarea = control<HTMLTextAreaElement>(el, 'description');
      textarea.focus();
      await sendKeys({ type: 'Hål' });
      await (question(el, 'description') as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
      expect(describedBy(textarea)).to.include('Du har 997 tecken kvar');
    });
  });

  describe('validation errors', () => {
    let el: EServiceForm;
    beforeEach(async () => {
      el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" backend=${backend}></e-service-form>`);
      await formReady(el);
      submitButton(el).click();
      // The errors' texts come with the definition; on a busy machine a moment after it.
      await waitUntil(() => shadow(el).querySelector('.error-summary a'), 'no error summary');
      await el.updateComplete;
    });

    it('shows an error summary that takes focus and lists each problem', async () => {
      const summary = $(el, '.error-summary');
      expect(focused(el)).to.equal(summary);
      expect(summary.querySelector('[role=alert] h2')!.textContent).to.equal('Det finns ett problem');
      const links = [...summary.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent]);
      expect(links).to.deep.equal([
        ['#field-category', 'Välj vad felet gäller'],
        ['#field-place', 'Skriv var felet är'],
        ['#field-description', 'Beskriv felet'],
        ['#field-urgent', 'Välj om det är farligt för någon just nu'],
      ]);
      await expect(el).to.be.accessible();
      // No naming attribute on an element whose role cannot be named: screen readers may not say it.
      expect(await axeNeedsReview(el, ['aria-prohibited-attr'])).to.deep.equal([]);
    });

    it('shows the same message beside each field, tied to its input', async () => {
      const place = control(el, 'place');
      await waitUntil(() => place.getAttribute('aria-invalid') === 'true', 'the field was not marked invalid');
      expect(place.getAttribute('aria-invalid')).to.equal('true');
      expect(describedBy(place)).to.include('Fel: Skriv var felet är');
      expect(control(el, 'email').getAttribute('aria-invalid')).to.equal('false');
    });

    it('moves focus to the field when its link in the summary is followed by keyboard', async () => {
      const link = $<HTMLAnchorElement>(el, '.error-summary a[href="#field-description"]');
      link.focus();
      await sendKeys({ press: 'Enter' });
      expect(focused(el)).to.equal(control(el, 'description'));
    });

    it('clears an error once the answer is corrected and sent again', async () => {
      el.setAnswers({ ...VALID, email: 'fel-adress' });
      await el.updateComplete;
      submitButton(el).click();
      await waitUntil(() => shadow(el).querySelector('.error-summary a'), 'no error summary', { timeout: 10_000 });
      const links = [...shadow(el).querySelectorAll('.error-summary a')].map((a) => a.textContent);
      expect(links).to.deep.equal(['Skriv en e-postadress i rätt format, till exempel namn@exempel.se']);
    });

    it('clears an error as soon as the citizen corrects it, without adding new ones while typing', async () => {
      control(el, 'place').focus();
      await sendKeys({ type: 'Torget' });
      await el.updateComplete;
      const links = [...shadow(el).querySelectorAll('.error-summary a')].map((a) => a.textContent);
      expect(links).to.deep.equal(['Välj vad felet gäller', 'Beskriv felet', 'Välj om det är farligt för någon just nu']);
      expect(control(el, 'place').getAttribute('aria-invalid')).to.equal('false');
    });
  });

  describe('text the database cannot hold', () => {
    const MESSAGE = '”Var är felet?” innehåller ett tecken som inte kan sparas, till exempel ett osynligt styrtecken eller en halv emoji – ta bort det eller skriv texten igen';

    for (const [what, pasted] of [['a NUL', 'Storgatan\u000012'], ['half an emoji', 'Storgatan 12 \ud83d']] as const) {
      it(`says so at the field when ${what} is pasted, with the server's words, and sends nothing`, async () => {
        const el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" backend=${backend}></e-service-form>`);
        await formReady(el);
        el.setAnswers(VALID);
        await el.updateComplete;
        const place = control(el, 'place');
        place.value = pasted;
        place.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
        await el.updateComplete;
        submitButton(el).click();
        // The error texts are fetched with the definition's messages: on a busy machine a moment after the click.
        await waitUntil(() => shadow(el).querySelector('.error-summary a'), 'no error summary', { timeout: 10_000 });
        const links = [...shadow(el).querySelectorAll('.error-summary a')].map((a) => [a.getAttribute('href'), a.textContent]);
        expect(links).to.deep.equal([['#field-place', MESSAGE]]);
        expect(place.getAttribute('aria-invalid')).to.equal('true');
        expect(describedBy(place)).to.include(`Fel: ${MESSAGE}`);
        expect(shadow(el).querySelector('.receipt') === null).to.equal(true);
        await expect(el).to.be.accessible();

        place.value = 'Storgatan 12';
        place.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
        await el.updateComplete;
        expect(place.getAttribute('aria-invalid')).to.equal('false');
      });
    }
  });

  describe('sending', () => {
    it('sends by keyboard alone and shows the receipt with the case number, focused', async () => {
      const el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" backend=${backend}></e-service-form>`);
      await formReady(el);
      control(el, 'category').focus();
      await sendKeys({ press: 'ArrowDown' }); // Gatubelysning
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'Storgatan 12' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'Lampan vid övergångsstället är släckt.' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'ArrowDown' }); // into the radio group: Nej
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'anna@example.com' });
      const submitted = oneEvent(el, 'e-service-submitted');
      await sendKeys({ press: 'Enter' });
      const { detail } = await submitted;
      await el.updateComplete;

      expect(detail.caseNumber).to.match(/^FEL-\d{4}-\d{5}$/);
      const title = $(el, '.receipt__title');
      expect(title.textContent).to.equal('Tack för din anmälan');
      expect($(el, '[data-case-number]').textContent).to.equal(detail.caseNumber);
      expect(focused(el)).to.equal(title);
      expect($(el, '[part=print-button]').textContent!.trim()).to.equal('Skriv ut kvittot');
      await expect(el).to.be.accessible();
    });

    it('shows that it is sending, and a second press sends nothing more', async () => {
      let release!: () => void;
      const posts: string[] = [];
      const held = new Promise<void>((resolve) => (release = resolve));
      const client = new KitClient(backend, async (input, init) => {
        if (init?.method === 'POST') {
          posts.push(String(input));
          await held;
        }
        return fetch(input, init);
      });
      const el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" .client=${client}></e-service-form>`);
      await formReady(el);
      await fillValid(el);
      submitButton(el).click();
      await el.updateComplete;
      expect(submitButton(el).textContent!.trim()).to.equal('Skickar…');
      expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
      expect($(el, '[role=status]').textContent).to.equal('Skickar…');
      await expect(el).to.be.accessible();
      submitButton(el).click();
      // The case goes once the receipt's part has come (fetched at Send); the second press must add nothing to it.
      await waitUntil(() => posts.length > 0, 'nothing sent');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(posts).to.have.length(1);
      release();
      await waitUntil(() => shadow(el).querySelector('.receipt'), 'no receipt');
    });

    it('keeps the answers when the connection drops, and a retry gives the same case, not a second one', async () => {
      let firstCaseNumber = '';
      let dropNext = true;
      const client = new KitClient(backend, async (input, init) => {
        const response = await fetch(input, init);
        if (init?.method === 'POST' && dropNext) {
          // The case reached the server, but the answer is lost on the way back.
          dropNext = false;
          firstCaseNumber = (await response.json()).receipt.caseNumber;
          throw new TypeError('Failed to fetch');
        }
        return response;
      });
      const el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" .client=${client}></e-service-form>`);
      await formReady(el);
      await fillValid(el);
      submitButton(el).click();
      await waitUntil(() => $(el, '.submit-error').textContent!.trim() !== '', 'no error shown');
      const message = $(el, '.submit-error');
      expect(message.textContent).to.contain('Det gick inte att nå e-tjänsten');
      expect(focused(el)).to.equal(message);
      expect(control(el, 'place').value).to.equal('Storgatan 12');
      await expect(el).to.be.accessible();

      const submitted = oneEvent(el, 'e-service-submitted');
      submitButton(el).click();
      const { detail } = await submitted;
      expect(detail.caseNumber).to.equal(firstCaseNumber);
    });
    it("shows the server's field errors beside the fields when the server refuses what the browser accepted", async () => {
      // A browser holding a looser copy of the rules (here: "place" made optional) still meets the server's check.
      const client = new KitClient(backend, async (input, init) => {
        const response = await fetch(input, init);
        if (String(input).endsWith('/api/services/felanmalan')) {
          const definition = await response.json();
          definition.steps[0].fields.find((f: { id: string }) => f.id === 'place').required = false;
          return new Response(JSON.stringify(definition), { status: 200, headers: { 'content-type': 'application/json' } });
        }
        return response;
      });
      const el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" .client=${client}></e-service-form>`);
      await formReady(el);
      el.setAnswers({ ...VALID, place: '' });
      await el.updateComplete;
      submitButton(el).click();
      await waitUntil(() => shadow(el).querySelector('.error-summary'), 'no error summary');
      expect($(el, '.error-summary a').textContent).to.equal('Skriv var felet är');
      expect(describedBy(control(el, 'place'))).to.include('Fel: Skriv var felet är');
      expect(focused(el)).to.equal($(el, '.error-summary'));
      expect(shadow(el).querySelector('.receipt')).to.equal(null);
    });
  });

  describe('failed to load', () => {
    it('says so and offers a retry that works by keyboard', async () => {
      const el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" backend=${deadBackend}></e-service-form>`);
      await waitUntil(() => shadow(el).querySelector('.load-error'), 'no error shown', { timeout: 15_000 });
      expect($(el, '.load-error').textContent).to.contain('E-tjänsten kunde inte laddas.');
      await expect(el).to.be.accessible();

      el.backend = backend; // the backend is back
      await waitUntil(() => shadow(el).querySelector('form'), 'did not load after the backend came back', { timeout: 15_000 });
    });

    it('retries when the button is pressed', async () => {
      let calls = 0;
      const client = new KitClient(backend, async (input, init) => {
        calls++;
        if (calls === 1) throw new TypeError('Failed to fetch');
        return fetch(input, init);
      });
      const el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" .client=${client}></e-service-form>`);
      await waitUntil(() => shadow(el).querySelector('.load-error button'), 'no retry button');
      const retry = $<HTMLButtonElement>(el, '.load-error button');
      expect(retry.textContent!.trim()).to.equal('Försök igen');
      retry.focus();
      await sendKeys({ press: 'Enter' });
      await formReady(el);
      expect(calls).to.equal(2);
    });

    it('refuses a definition that breaks the contract (a question of a kind it does not know) instead of showing half a form', async () => {
      // A backend other than the reference one, answering what the contract does not allow.
      const client = new KitClient(backend, async (input, init) => {
        const response = await fetch(input, init);
        if (!String(input).endsWith('/api/services/felanmalan')) return response;
        const definition = await response.json();
        definition.steps[0].fields[0].type = 'hologram';
        return new Response(JSON.stringify(definition), { status: 200, headers: { 'content-type': 'application/json' } });
      });
      const el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" .client=${client}></e-service-form>`);
      await waitUntil(() => shadow(el).querySelector('.load-error'), 'no error shown');
      expect($(el, '.load-error').textContent).to.contain('E-tjänsten kunde inte laddas.');
      expect(shadow(el).querySelector('form')).to.equal(null);
      await expect(el).to.be.accessible();
      const retry = $<HTMLButtonElement>(el, '.load-error button');
      retry.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => shadow(el).querySelector('.load-error button'), 'the retry met the same answer and says so again');
      expect(shadow(el).querySelector('form')).to.equal(null);
    });

    it('names an e-service that does not exist, without a pointless retry', async () => {
      const el = await fixture<EServiceForm>(html`<e-service-form service="finns-inte" backend=${backend}></e-service-form>`);
      await waitUntil(() => shadow(el).querySelector('.load-error'), 'no error shown');
      expect($(el, '.load-error').textContent).to.contain('Det finns ingen e-tjänst som heter ”finns-inte”.');
      expect(shadow(el).querySelector('.load-error button')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('explains a backend attribute that is not a web address', async () => {
      const el = await fixture<EServiceForm>(html`<e-service-form service="felanmalan" backend="ftp://etjanster"></e-service-form>`);
      await waitUntil(() => shadow(el).querySelector('.load-error'), 'no error shown');
      expect($(el, '.load-error').textContent).to.contain('backend="ftp://etjanster"');
    });

    it('explains a missing service attribute', async () => {
      const el = await fixture<EServiceForm>(html`<e-service-form backend=${backend}></e-service-form>`);
      await waitUntil(() => shadow(el).querySelector('.load-error'), 'no error shown');
      expect($(el, '.load-error').textContent).to.contain('service="felanmalan"');
    });
  });

  describe('language', () => {
    it('speaks English with lang="en", texts and errors alike', async () => {
      const el = await fixture<EServiceForm>(html`<e-service-form lang="en" service="felanmalan" backend=${backend}></e-service-form>`);
      await formReady(el);
      expect($(el, 'h2').textContent).to.equal('Report a fault: streets, parks and lighting');
      expect(submitButton(el).textContent!.trim()).to.equal('Send');
      expect(labelText(el, 'email')).to.equal('Email address for a reply (optional)');
      submitButton(el).click();
      await waitUntil(() => shadow(el).querySelector('.error-summary a'), 'no error summary', { timeout: 10_000 });
      expect($(el, '.error-summary h2').textContent).to.equal('There is a problem');
      expect($(el, '.error-summary a').textContent).to.equal('Select what the fault is about');
      await expect(el).to.be.accessible();
    });

    it('follows the language of the page', async () => {
      const wrapper = await fixture(html`<div lang="en-GB"><e-service-form service="felanmalan" backend=${backend}></e-service-form></div>`);
      const el = wrapper.querySelector('e-service-form')!;
      await formReady(el);
      expect(submitButton(el).textContent!.trim()).to.equal('Send');
    });
  });

  describe('on a CMS page', () => {
    it('takes its backend from <e-service-config>', async () => {
      const config = await fixture(html`<e-service-config backend=${backend}><e-service-form service="felanmalan"></e-service-form></e-service-config>`);
      const el = config.querySelector('e-service-form')!;
      await formReady(el);
      expect($(el, 'h2').textContent).to.equal('Felanmälan: gata, park och belysning');
    });

    it("is not restyled by the page's CSS", async () => {
      const page = await fixture(html`<div>
        <style>label, legend, h2 { color: rgb(255, 0, 0) !important; font-size: 40px !important; text-transform: uppercase; }
        input, textarea { border: 10px dotted red !important; }</style>
        <e-service-form service="felanmalan" backend=${backend}></e-service-form>
      </div>`);
      const el = page.querySelector('e-service-form')!;
      await formReady(el);
      const label = getComputedStyle(question(el, 'place').shadowRoot!.querySelector('label')!);
      expect(label.color).not.to.equal('rgb(255, 0, 0)');
      expect(label.textTransform).to.equal('none');
      expect(getComputedStyle(control(el, 'place')).borderTopStyle).to.equal('solid');
    });

    it('is registered once even when the kit is loaded twice', async () => {
      const { EServiceForm } = await import('../../src/elements/e-service-form/e-service-form.component.js');
      const { defineElement } = await import('../../src/config/define.js');
      class Copy extends EServiceForm {}
      const warnings: unknown[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args);
      try {
        defineElement('e-service-form', Copy);
      } finally {
        console.warn = warn;
      }
      expect(customElements.get('e-service-form')).to.equal(EServiceForm);
      expect(warnings).to.have.length(1);
    });
  });
});
