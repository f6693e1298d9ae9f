import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { chromium, type Browser } from 'playwright-core';
import type { Answers } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import specialkost from '../../server/demo-services/specialkost.json' with { type: 'json' };
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { smtpInbox, type SmtpInbox } from '../support/smtp-inbox.js';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { approveAs, testAppUrl } from './bankid-app.js';
import { fillAndSendByKeyboard } from './keyboard-filler.js';

const ANNA_EMAIL = 'anna.andersson@example.com';
const ERIK_EMAIL = 'erik.andersson@example.com';
const OFFICER_TOKEN = randomBytes(32).toString('hex');

/** Maja's special diet: Anna fills it in and signs, and names Erik's address for his signature. */
const SPECIAL_DIET: Answers = {
  child: '201605120243', unit: 'centralskolan', startDate: '2027-01-11', dietReason: 'livsaskadning',
  allergies: [{ food: 'flask', severity: 'svar' }],
  guardianPhone: '070-123 45 67', guardianEmail: ANNA_EMAIL, otherGuardianEmail: ERIK_EMAIL, confirm: true,
};

/**
 * Flerpartssignering end to end with two test persons in the BankID simulator: Anna fills in the
 * special diet for Maja, whom she and Erik share custody of, and signs; the case waits. Erik gets
 * the invitation by e-mail, logs in through its link, reads the answers and signs; the case is sent
 * (the municipality sees it only now), and both receive the receipt at a real SMTP server.
 */
describe('two guardians sign one case', () => {
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

  const to = (address: string) => inbox.filter((mail) => JSON.stringify(mail.to).includes(address));
  async function arrived(what: string, test: () => boolean): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(inbox.map((m) => [m.to, m.subject]))}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const officerSees = async (caseNumber: string) => {
    const response = await fetch(`${server.url}/api/officer/cases`, { headers: { Authorization: `Bearer ${OFFICER_TOKEN}` } });
    const { items } = (await response.json()) as { items: { caseNumber: string }[] };
    return items.some((item) => item.caseNumber === caseNumber);
  };

  it('waits for the second guardian, who signs through the e-mailed link; then it is sent and both get the receipt', async () => {
    // Anna: fill in, sign; the receipt says the case waits for the other guardian.
    const anna = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const annaPage = await anna.newPage();
    const problems: string[] = [];
    annaPage.on('pageerror', (error) => problems.push(error.message));
    await annaPage.goto(`${server.url}/specialkost.html`);
    const caseNumber = await fillAndSendByKeyboard(annaPage, ServiceDefinition.parse(specialkost), SPECIAL_DIET, 'sv', { testApp, name: 'Anna Andersson' });
    await annaPage.locator('e-service-form').getByText('Väntar på underskrift från den andra vårdnadshavaren').first().waitFor();
    assert.equal(await officerSees(caseNumber), false, 'the municipality does not see a case still waiting');

    // Anna's Mina sidor: the case waits, signed but not sent; who has signed, and no messages to the case officer yet.
    await annaPage.goto(`${server.url}/mina-sidor.html`);
    const cases = annaPage.locator('my-cases');
    await cases.getByRole('button', { name: 'Anmälan om specialkost i förskola och skola' }).first().click();
    await cases.getByText('Maja Andersson').first().waitFor();
    await cases.getByText('Underskrivet', { exact: true }).first().waitFor();
    assert.equal(await cases.getByText('Inskickat', { exact: true }).count(), 0, 'not "Inskickat" before it is sent');
    await cases.locator('cosign-status').getByText('Har inte skrivit under').waitFor();
    await cases.locator('cosign-status').getByRole('button', { name: /Skicka inbjudan igen/ }).waitFor();
    assert.equal(await cases.getByText('Skriv ett meddelande till handläggaren').count(), 0, 'no messages before it is sent');

    // Erik: the invitation (no child named in it), and its link.
    await arrived('the invitation to Erik', () => to(ERIK_EMAIL).some((mail) => /invitation=/.test(mail.text ?? '')));
    const invitation = to(ERIK_EMAIL).find((mail) => /invitation=/.test(mail.text ?? ''))!;
    assert.ok(!(invitation.text ?? '').includes('Maja'), 'the invitation does not name the child');
    const token = /invitation=([A-Za-z0-9_-]+)/.exec(invitation.text ?? '')![1]!;

    const erik = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const erikPage = await erik.newPage();
    erikPage.on('pageerror', (error) => problems.push(error.message));
    await erikPage.goto(`${server.url}/medsignera.html?invitation=${token}`);
    const cosign = erikPage.locator('cosign-status');
    // The link alone shows nothing: log in first.
    await cosign.getByText('Logga in med BankID för att se vad du ombeds skriva under.').waitFor();
    const login = erikPage.locator('eid-login').first();
    await login.getByRole('button', { name: 'BankID på en annan enhet' }).click();
    await login.locator('canvas').waitFor();
    await approveAs(erik, testApp, 'Erik Andersson', 'Inloggning');

    // He reads what Anna sent, and signs.
    await cosign.getByText('Anna Andersson vill att du skriver under').waitFor();
    // The child by name; the applicant's "Ditt telefonnummer" as the other guardian reads it.
    await cosign.getByText('Maja Andersson').first().waitFor();
    assert.equal(await cosign.getByText(/20160512-?0243/).count(), 0, 'the child by name, not by personnummer');
    await cosign.getByText('Telefonnummer till vårdnadshavaren som gjorde anmälan').waitFor();
    assert.equal(await cosign.getByText('Ditt telefonnummer').count(), 0);
    await cosign.getByRole('button', { name: 'Skriv under', exact: true }).click();
    await cosign.getByRole('button', { name: 'BankID på en annan enhet' }).click();
    await cosign.locator('canvas').waitFor();
    await approveAs(erik, testApp, 'Erik Andersson', 'Underskrift');
    await cosign.getByText(/^Du har skrivit under\./).waitFor();

    // Sent: the municipality sees it now, and both get the receipt with the case number.
    await arrived('the case sent', () => true);
    const deadline = Date.now() + 15_000;
    while (!(await officerSees(caseNumber)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(await officerSees(caseNumber), true, 'the municipality sees the case once both have signed');
    await arrived('a receipt to Anna', () => to(ANNA_EMAIL).some((mail) => (mail.text ?? '').includes(caseNumber)));
    await arrived('a receipt to Erik', () => to(ERIK_EMAIL).some((mail) => (mail.text ?? '').includes(caseNumber)));

    // Anna's Mina sidor says Inskickat.
    await annaPage.goto(`${server.url}/mina-sidor.html`);
    await annaPage.locator('my-cases').getByText('Inskickat', { exact: true }).first().waitFor();
    assert.deepEqual(problems, []);
    await anna.close();
    await erik.close();
  });
});
