import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { KitClient } from '../../src/client/kit-client.js';
import type { MyCompany } from '../../src/contract/companies.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import {
  ANNA, ANNA_ANSWERS, ANNA_DRAFT, EID_BACKEND_URL, EID_DEFINITION, EID_SERVICE_ID, SIGNED, TYPED_REASON, draftBackend, eidBackend, type EidScript,
} from '../../stories/support/eid-example.js';
import { $, control, focused, question, shadow } from './helpers.js';

/**
 * "Vem ansöker?" in <e-service-form> for an e-service whose applicants are companies (src/elements/e-service-form/
 * company.ts): the companies the register gives the logged-in person, how they sign, who signs with them, and the
 * choice sent with the answers — against a scripted backend (the e-ID example's, with the company register's answer).
 */

const KAFFE: MyCompany = { organisationNumber: '5590123450', name: 'Kaffekoppen i Exempelby AB', legalForm: 'AB', signs: 'alone', cosignatories: [] };
const TORGET: MyCompany = {
  organisationNumber: '5568112345', name: 'Torgcaféet i Exempelby AB', legalForm: 'AB', signs: 'jointly',
  cosignatories: [{ id: 't8c4e', name: 'Erik Andersson' }, { id: 't1n6j', name: 'Johan Nilsson' }],
};
type CompaniesReply = { companies: MyCompany[] } | { problem: { status: number; type: string; title: string } };

const COMPANY_DEFINITION: ServiceDefinition = { ...EID_DEFINITION, applicants: 'companies', cosigning: { who: 'companySignatories' } };

let tests = 0;

async function mount(companies: CompaniesReply[], script: EidScript = {}, definition: ServiceDefinition = COMPANY_DEFINITION) {
  const base = `${EID_BACKEND_URL}company${++tests}/`;
  const backend = eidBackend({ user: ANNA, ...script }, base);
  let asked = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url === `${base}api/services/${EID_SERVICE_ID}`) return Response.json(definition);
    if (url === `${base}api/my/companies`) {
      const reply = companies[Math.min(asked++, companies.length - 1)]!;
      return 'problem' in reply
        ? new Response(JSON.stringify(reply.problem), { status: reply.problem.status, headers: { 'Content-Type': 'application/problem+json' } })
        : Response.json(reply);
    }
    return backend.fetch(input, init);
  };
  const el = await fixture<EServiceForm>(html`<e-service-form service=${EID_SERVICE_ID} .client=${new KitClient(base, fetch)}></e-service-form>`);
  el.openBankId = () => {};
  return { el, backend };
}

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const pageTitle = (el: EServiceForm) => text(shadow(el).querySelector('.page-title'));
const radios = (el: EServiceForm, name: string) => [...shadow(el).querySelectorAll<HTMLInputElement>(`input[name=${name}]`)];
const label = (input: HTMLInputElement) => text(input.labels?.[0]);
const hint = (input: HTMLInputElement) => text((input.getRootNode() as ShadowRoot).getElementById(input.getAttribute('aria-describedby') ?? ''));

function button(el: EServiceForm, name: string): HTMLButtonElement {
  const found = [...shadow(el).querySelectorAll('button')].find((b) => text(b) === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

async function press(target: HTMLElement, key = 'Enter') {
  target.focus();
  await sendKeys({ press: key });
}

async function companyPage(el: EServiceForm) {
  await waitUntil(() => radios(el, 'company').length > 0 || shadow(el).querySelector('.company-none, .company-status[role=alert]'), 'no company page', { timeout: 5000 });
  await el.updateComplete;
}

describe('<e-service-form>: who is applying, for an e-service for companies', () => {
  it('lists the person\'s companies with their legal form, number and how the person signs, and takes a choice by keyboard', async () => {
    const { el } = await mount([{ companies: [KAFFE, TORGET] }]);
    await companyPage(el);
    expect(pageTitle(el)).to.equal('Vem ansöker?');
    const choices = radios(el, 'company');
    expect(choices.map(label)).to.deep.equal(['Kaffekoppen i Exempelby AB', 'Torgcaféet i Exempelby AB']);
    expect(choices.map(hint)).to.deep.equal([
      'Aktiebolag, 559012-3450. Du tecknar firman ensam.',
      'Aktiebolag, 556811-2345. Du tecknar firman tillsammans med en annan firmatecknare (två i förening).',
    ]);
    // The heading names the group.
    expect($(el, 'fieldset').getAttribute('aria-labelledby')).to.equal('company-title');
    await expect(el).to.be.accessible();

    await press(choices[0]!, 'Space');
    await el.updateComplete;
    expect(radios(el, 'company-cosigner'), 'no one signs with a signatory who signs alone').to.have.length(0);
    await press(button(el, 'Fortsätt'));
    await el.updateComplete;
    await waitUntil(() => shadow(el).querySelector('[part=company-applying]'), 'the questions did not come');
    expect(text($(el, '[part=company-applying]'))).to.equal('Ansöker för Kaffekoppen i Exempelby AB, 559012-3450 Ändra vem som ansöker');
    expect(text(focused(el))).to.equal(pageTitle(el));
    await expect(el).to.be.accessible();

    // And back again.
    await press(button(el, 'Ändra vem som ansöker'));
    await el.updateComplete;
    expect(pageTitle(el)).to.equal('Vem ansöker?');
    expect(radios(el, 'company')[0]!.checked).to.equal(true);
  });

  it('speaks English', async () => {
    const { el } = await mount([{ companies: [KAFFE, TORGET] }]);
    el.lang = 'en';
    await companyPage(el);
    await waitUntil(() => pageTitle(el) === 'Who is applying?', `the title is "${pageTitle(el)}"`);
    expect(radios(el, 'company').map(hint)).to.deep.equal([
      'Limited company, 559012-3450. You sign for the company alone.',
      'Limited company, 556811-2345. You sign for the company together with another authorised signatory (two jointly).',
    ]);
    await expect(el).to.be.accessible();
  });

  it('says what to fix on Continue: the company, then who signs with you and their address', async () => {
    const { el } = await mount([{ companies: [KAFFE, TORGET] }]);
    await companyPage(el);
    await press(button(el, 'Fortsätt'));
    await el.updateComplete;
    expect(focused(el)).to.equal($(el, '.error-summary'));
    expect(text($(el, '.error-summary ul'))).to.equal('Välj vem som ansöker');
    expect(text($(el, '#company-0-error'))).to.equal('Fel: Välj vem som ansöker');
    await expect(el).to.be.accessible();

    await press(radios(el, 'company')[1]!, 'Space');
    await el.updateComplete;
    const others = radios(el, 'company-cosigner');
    expect(others.map(label)).to.deep.equal(['Erik Andersson', 'Johan Nilsson']);
    expect(text($(el, '#company-cosigner-hint'))).to.contain('två i förening');
    await press(button(el, 'Fortsätt'));
    await el.updateComplete;
    expect(text($(el, '.error-summary ul'))).to.equal('Välj vem som skriver under med dig');
    await expect(el).to.be.accessible();

    await press(others[0]!, 'Space');
    await el.updateComplete;
    expect(text($(el, 'label[for=company-email]'))).to.equal('E-postadress till Erik Andersson');
    $(el, '#company-email').focus();
    await sendKeys({ type: 'erik@' });
    await press(button(el, 'Fortsätt'));
    await el.updateComplete;
    expect(text($(el, '.error-summary ul'))).to.equal('Skriv en e-postadress, till exempel namn@exempel.se');
    expect($(el, '#company-email').getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('sends the company and the other signatory with the answers, and names the company on the review and the receipt', async () => {
    const { el, backend } = await mount([{ companies: [TORGET] }], {
      signStart: [{ orderRef: 'sign-1' }],
      signOrders: [{ status: 'complete', result: SIGNED }],
    });
    await companyPage(el);
    await press(radios(el, 'company')[0]!, 'Space');
    await el.updateComplete;
    await press(radios(el, 'company-cosigner')[0]!, 'Space');
    await el.updateComplete;
    $(el, '#company-email').focus();
    await sendKeys({ type: 'erik@example.se' });
    await press(button(el, 'Fortsätt'));
    await waitUntil(() => shadow(el).querySelector('[part=company-applying]'), 'the questions did not come');
    expect(text($(el, '[part=company-applying]'))).to.contain('Skriver under med dig: Erik Andersson');

    // The bus card's own questions, then the review.
    const child = question(el, 'child').shadowRoot!.querySelector<HTMLInputElement>('input[type=radio]')!;
    await press(child, 'Space');
    await press(button(el, 'Fortsätt'));
    await el.updateComplete;
    control<HTMLTextAreaElement>(el, 'reason').focus();
    await sendKeys({ type: TYPED_REASON });
    await press(button(el, 'Fortsätt'));
    await waitUntil(() => pageTitle(el) === 'Granska dina uppgifter', 'no review');
    expect(text($(el, '[part=company-applying]'))).to.contain('Ansöker för Torgcaféet i Exempelby AB, 556811-2345');
    await expect(el).to.be.accessible();

    await press(button(el, 'Skriv under och skicka'));
    await waitUntil(() => shadow(el).querySelector('.signing'), 'signing did not open');
    const submitted = oneEvent(el, 'e-service-submitted');
    await press(button(el, 'BankID på en annan enhet'));
    await submitted;
    const post = backend.sent.find((r) => r.method === 'POST' && r.path === 'api/signatures')!;
    expect((post.body as { company: unknown }).company).to.deep.equal({ organisationNumber: '5568112345', cosigner: { id: 't8c4e', email: 'erik@example.se' } });
    await waitUntil(() => shadow(el).querySelector('[part=company-receipt]'), 'the receipt does not name the company');
    expect(text($(el, '[part=company-receipt]'))).to.equal('Ansökan gäller Torgcaféet i Exempelby AB, organisationsnummer 556811-2345.');
    await expect(el).to.be.accessible();
  });

  it('tells a person who signs for no company what to do, with no way on', async () => {
    const { el } = await mount([{ companies: [] }]);
    await companyPage(el);
    expect(text($(el, '.company-none h4'))).to.equal('Du har ingen firma som du får teckna');
    expect(text($(el, '.company-none p'))).to.contain('Be någon som får teckna företaget att ansöka');
    expect([...shadow(el).querySelectorAll('button')].map(text)).to.not.include('Fortsätt');
    await expect(el).to.be.accessible();
  });

  it('offers "Jag själv, som privatperson" where the e-service takes both, and skips the page for a person with no company', async () => {
    const both = { ...EID_DEFINITION, applicants: 'both' } as ServiceDefinition;
    const { el } = await mount([{ companies: [KAFFE] }], {}, both);
    await companyPage(el);
    expect(radios(el, 'company').map(label)).to.deep.equal(['Kaffekoppen i Exempelby AB', 'Jag själv, som privatperson']);
    await expect(el).to.be.accessible();

    const none = await mount([{ companies: [] }], {}, both);
    await waitUntil(() => shadow(none.el).querySelector('[part=company-applying]'), 'the questions did not come', { timeout: 5000 });
    expect(text($(none.el, '[part=company-applying]'))).to.contain('Jag själv, som privatperson');
  });

  it('says when the company register cannot be reached, and tries again', async () => {
    const { el } = await mount([
      { problem: { status: 503, type: '/problems/company-register-unavailable', title: 'Företagsregistret går inte att nå just nu.' } },
      { companies: [KAFFE] },
    ]);
    await companyPage(el);
    expect(text($(el, '.company-status'))).to.equal('Det gick inte att hämta dina företag från Bolagsverket. Dina svar finns kvar – försök igen om en stund.');
    await expect(el).to.be.accessible();
    await press(button(el, 'Försök igen'));
    await waitUntil(() => radios(el, 'company').length === 1, 'the companies did not come');
  });

  it('takes the citizen back to the page with the server\'s words when it refuses the company', async () => {
    const { el } = await mount([{ companies: [KAFFE] }], {
      signStart: [{ problem: { status: 403, type: '/problems/company-not-allowed', title: 'Du får inte teckna 559012-3450 enligt Bolagsverket' } }],
    });
    await companyPage(el);
    await press(radios(el, 'company')[0]!, 'Space');
    await press(button(el, 'Fortsätt'));
    await waitUntil(() => shadow(el).querySelector('[part=company-applying]'), 'the questions did not come');
    el.setAnswers(ANNA_ANSWERS);
    await el.updateComplete;
    await press(button(el, 'Fortsätt'));
    await el.updateComplete;
    await press(button(el, 'Fortsätt'));
    await waitUntil(() => pageTitle(el) === 'Granska dina uppgifter', 'no review');
    await press(button(el, 'Skriv under och skicka'));
    await waitUntil(() => shadow(el).querySelector('.signing'), 'signing did not open');
    await press(button(el, 'BankID på en annan enhet'));
    await waitUntil(() => shadow(el).querySelector('.company-refusal'), 'the refusal did not show');
    expect(text($(el, '.company-refusal'))).to.equal('Du får inte teckna 559012-3450 enligt Bolagsverket');
    expect(pageTitle(el)).to.equal('Vem ansöker?');
    await waitUntil(() => radios(el, 'company').length === 1, 'the list came again');
    await expect(el).to.be.accessible();
  });

  it('continues a draft with the company it was saved with, and saves the company with it', async () => {
    const company = { organisationNumber: TORGET.organisationNumber, cosigner: { id: 't8c4e', email: 'erik@example.se' } };
    const base = `${EID_BACKEND_URL}company${++tests}/`;
    const backend = draftBackend({ user: ANNA, definition: { applicants: 'companies', cosigning: { who: 'companySignatories' } }, drafts: [{ ...ANNA_DRAFT, company }] }, base);
    const fetch: typeof globalThis.fetch = async (input, init) =>
      String(input instanceof Request ? input.url : input) === `${base}api/my/companies` ? Response.json({ companies: [KAFFE, TORGET] }) : backend.fetch(input, init);
    const el = await fixture<EServiceForm>(html`<e-service-form service=${EID_SERVICE_ID} case=${ANNA_DRAFT.id} .client=${new KitClient(base, fetch)}></e-service-form>`);
    await waitUntil(() => pageTitle(el) === 'Resan', `on "${pageTitle(el)}", not the draft's step`, { timeout: 5000 });
    await press(button(el, 'Spara'));
    await waitUntil(() => backend.sent.some((r) => r.method === 'PUT'), 'not saved');
    const put = backend.sent.find((r) => r.method === 'PUT')!;
    expect((put.body as { company: unknown }).company).to.deep.equal(company);
    await press(button(el, 'Fortsätt'));
    await waitUntil(() => pageTitle(el) === 'Granska dina uppgifter', 'no review');
    expect(text($(el, '[part=company-applying]'))).to.contain('Ansöker för Torgcaféet i Exempelby AB, 556811-2345');
    expect(text($(el, '[part=company-applying]'))).to.contain('Skriver under med dig: Erik Andersson');
    await expect(el).to.be.accessible();
  });
});
