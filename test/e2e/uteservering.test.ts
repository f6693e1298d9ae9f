import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Answers } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import uteservering from '../../server/demo-services/uteservering.json' with { type: 'json' };
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { smtpInbox, type SmtpInbox } from '../support/smtp-inbox.js';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { approveAs, testAppUrl } from './bankid-app.js';
import { fillAndSendByKeyboard, tabTo } from './keyboard-filler.js';
import { FILE } from './support/demo-answers.js';

const OFFICER_TOKEN = randomBytes(32).toString('hex');
const ERIK_EMAIL = 'erik@torgcafeet.example.com';
const DEFINITION = ServiceDefinition.parse(uteservering);

/** A summer on the square: the period, the area, the site plan; with alcohol, the licence's case number (and the invoice to another company). */
const CAFE: Answers = {
  restaurant: 'Kaffekoppen', place: 'Stortorget, norra sidan', from: '2027-05-01', to: '2027-09-30', area: 24, sitePlan: FILE,
  alcohol: false, email: 'johan@kaffekoppen.example.com',
};
const WITH_ALCOHOL: Answers = {
  ...CAFE, restaurant: 'Torgcaféet', place: 'Stortorget 3', alcohol: true, permitNumber: '2026-417', email: 'anna@torgcafeet.example.com',
  invoiceOrganisationNumber: '559012-3450',
};

/**
 * Ansökan om uteservering on the demo site (`npm start`'s server and pages, the built kit) by keyboard, for a company:
 * after the BankID login the citizen chooses one of the companies the company register says they may sign for. Johan
 * signs alone for Kaffekoppen i Exempelby AB, and the case is sent at once; Anna signs for Torgcaféet i Exempelby AB,
 * which is signed by two jointly, names Erik, who gets a link by e-mail, logs in as himself and signs — and only then
 * is the case the municipality's. The officer API and Mina sidor carry the company, and Johan, who signs for Torgcaféet
 * too, finds its case on his Mina sidor.
 */
describe('an outdoor café applied for by a company', () => {
  let server: RunningServer;
  let browser: Browser;
  let smtp: SmtpInbox;
  let testApp: string;
  let inbox: ParsedMail[] = [];

  before(async () => {
    smtp = await smtpInbox();
    inbox = smtp.mail;
    server = await startServer({
      SMTP_URL: smtp.url,
      OFFICER_TOKENS: `exempelby:${OFFICER_TOKEN}`,
    });
    testApp = await testAppUrl(server);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  const officer = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${OFFICER_TOKEN}` } });
    return (await response.json()) as T;
  };
  const officerCase = async (caseNumber: string) => {
    const { items } = await officer<{ items: { id: string; caseNumber: string; organisation?: { organisationNumber: string; name: string } }[] }>('/api/officer/cases');
    return items.find((item) => item.caseNumber === caseNumber);
  };

  /** "Vem ansöker?": the company (and, signed jointly, who signs with the citizen and their address), by keyboard. */
  async function chooseCompany(page: Page, company: string, cosigner?: { name: string; email: string }) {
    const form = page.locator('e-service-form');
    await form.getByRole('heading', { name: 'Vem ansöker?' }).waitFor();
    await tabTo(page, form.getByRole('radio', { name: company }));
    await page.keyboard.press('Space');
    if (cosigner) {
      await tabTo(page, form.getByRole('radio', { name: cosigner.name }));
      await page.keyboard.press('Space');
      await tabTo(page, form.getByRole('textbox', { name: `E-postadress till ${cosigner.name}` }));
      await page.keyboard.type(cosigner.email);
    }
    await tabTo(page, form.getByRole('button', { name: 'Fortsätt' }));
    await page.keyboard.press('Enter');
    await form.getByText(`Ansöker för ${company}`).waitFor();
  }

  async function citizen() {
    const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    return { context, page, problems };
  }

  it('is sent at once for a company whose signatory signs alone, and carries the company to the officer and Mina sidor', async () => {
    const { context, page, problems } = await citizen();
    await page.goto(`${server.url}/uteservering.html`);
    const caseNumber = await fillAndSendByKeyboard(page, DEFINITION, CAFE, 'sv', {
      testApp, name: 'Johan Nilsson', afterLogin: () => chooseCompany(page, 'Kaffekoppen i Exempelby AB'),
    });
    assert.match(caseNumber, /^UTE-\d{4}-\d{5}$/);
    const form = page.locator('e-service-form');
    await form.getByText('Tack för ansökan om uteservering').waitFor();
    await form.getByText('Ansökan gäller Kaffekoppen i Exempelby AB, organisationsnummer 559012-3450.').waitFor();

    const sent = await officerCase(caseNumber);
    assert.deepEqual(sent?.organisation, { organisationNumber: '5590123450', name: 'Kaffekoppen i Exempelby AB' });
    const details = await officer<{ answers: Answers; applicant: { personalNumber: string }; signatures: { name: string }[] }>(`/api/officer/cases/${sent!.id}`);
    assert.equal(details.applicant.personalNumber, '199109115676');
    assert.equal(details.answers.area, 24);
    assert.deepEqual(details.signatures.map((signature) => signature.name), ['Johan Nilsson']);

    await page.goto(`${server.url}/mina-sidor.html`);
    const cases = page.locator('my-cases');
    await cases.getByText('Företag:').first().waitFor();
    assert.match(await cases.locator('.case__meta').first().innerText(), /Kaffekoppen i Exempelby AB, 559012-3450/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('waits, for a company signed by two jointly, for the other signatory, who signs through the e-mailed link', async () => {
    const { context, page, problems } = await citizen();
    await page.goto(`${server.url}/uteservering.html`);
    const caseNumber = await fillAndSendByKeyboard(page, DEFINITION, WITH_ALCOHOL, 'sv', {
      testApp, name: 'Anna Andersson',
      afterLogin: () => chooseCompany(page, 'Torgcaféet i Exempelby AB', { name: 'Erik Andersson', email: ERIK_EMAIL }),
    });
    const form = page.locator('e-service-form');
    await form.getByText('Väntar på underskrift från den andra firmatecknaren').first().waitFor();
    assert.equal(await officerCase(caseNumber), undefined, 'the municipality does not see a case still waiting');

    // Erik: the invitation, at the address Anna gave.
    const deadline = Date.now() + 30_000;
    const invitation = () => inbox.find((mail) => JSON.stringify(mail.to).includes(ERIK_EMAIL) && /invitation=/.test(mail.text ?? ''));
    while (!invitation()) {
      if (Date.now() > deadline) throw new Error(`no invitation: ${JSON.stringify(inbox.map((m) => [m.to, m.subject]))}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const token = /invitation=([A-Za-z0-9_-]+)/.exec(invitation()!.text ?? '')![1]!;
    const erik = await citizen();
    await erik.page.goto(`${server.url}/medsignera.html?invitation=${token}`);
    const cosign = erik.page.locator('cosign-status');
    const login = erik.page.locator('eid-login').first();
    await login.getByRole('button', { name: 'BankID på en annan enhet' }).click();
    await login.locator('canvas').waitFor();
    await approveAs(erik.context, testApp, 'Erik Andersson', 'Inloggning');
    await cosign.getByText('Anna Andersson vill att du skriver under').waitFor();
    await cosign.getByText('2026-417').first().waitFor();
    await cosign.getByText('Torgcaféet i Exempelby AB, 556811-2345').waitFor();
    await cosign.getByRole('button', { name: 'Skriv under', exact: true }).click();
    await cosign.getByRole('button', { name: 'BankID på en annan enhet' }).click();
    await cosign.locator('canvas').waitFor();
    await approveAs(erik.context, testApp, 'Erik Andersson', 'Underskrift');
    await cosign.getByText(/^Du har skrivit under\./).waitFor();

    // Sent now, the company's: with both signatures.
    const sentBy = Date.now() + 15_000;
    while (!(await officerCase(caseNumber)) && Date.now() < sentBy) await new Promise((resolve) => setTimeout(resolve, 250));
    const sent = await officerCase(caseNumber);
    assert.deepEqual(sent?.organisation, { organisationNumber: '5568112345', name: 'Torgcaféet i Exempelby AB' });
    const details = await officer<{ answers: Answers; signatures: { name: string }[] }>(`/api/officer/cases/${sent!.id}`);
    assert.equal(details.answers.permitNumber, '2026-417');
    assert.equal(details.answers.invoiceOrganisationNumber, '559012-3450');
    assert.deepEqual(details.signatures.map((signature) => signature.name).sort(), ['Anna Andersson', 'Erik Andersson']);

    // Johan signs for Torgcaféet too: on his Mina sidor, the company's case (Anna sent it).
    const johan = await citizen();
    await johan.page.goto(`${server.url}/mina-sidor.html`);
    const johansLogin = johan.page.locator('eid-login').first();
    await johansLogin.getByRole('button', { name: 'BankID på en annan enhet' }).click();
    await johansLogin.locator('canvas').waitFor();
    await approveAs(johan.context, testApp, 'Johan Nilsson', 'Inloggning');
    const cases = johan.page.locator('my-cases');
    await cases.getByText(caseNumber).first().waitFor();
    await cases.getByText('Torgcaféet i Exempelby AB, 556811-2345').first().waitFor();
    assert.deepEqual([...problems, ...erik.problems, ...johan.problems], []);
    await context.close();
    await erik.context.close();
    await johan.context.close();
  });
});
