import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Answers } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import skolskjuts from '../../server/demo-services/skolskjuts.json' with { type: 'json' };
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { smtpInbox, type SmtpInbox } from '../support/smtp-inbox.js';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { approveAs, logInToForm, testAppUrl } from './bankid-app.js';
import { fillAndSendByKeyboard, tabTo } from './keyboard-filler.js';

const ANNA = 'Anna Andersson';
const ANNA_EMAIL = 'anna.andersson@example.com';
const OFFICER_TOKEN = randomBytes(32).toString('hex');

/** Applying for school transport for Maja, continued from a saved draft. */
const SCHOOL_TRANSPORT: Answers = {
  child: '201605120243', school: 'norrby', grade: '3', placementSchool: true, startDate: '2027-01-11',
  distanceKm: '4,2', reason: 'avstand', tripTimes: ['morgon', 'eftermiddag'],
  guardianPhone: '070-123 45 67', guardianEmail: ANNA_EMAIL, confirm: true,
};

/**
 * Mina sidor end to end, as `npm start` runs it but with mail going to a real SMTP server on
 * loopback: Anna starts an application and saves it, logs out, logs in on Mina sidor, continues
 * the draft from <my-cases> and signs it; the municipality's case system changes its status and
 * writes to her through the officer API; she sees both in <my-cases> and <case-messages>, and the
 * receipt and the notices (without personal content) arrive by e-mail.
 */
describe('Mina sidor: save, continue, send, and hear back from the municipality', () => {
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

  const officer = (path: string, body?: unknown) =>
    fetch(`${server.url}/api/officer/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${OFFICER_TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  async function logInOnPage(page: Page): Promise<void> {
    const login = page.locator('eid-login').first();
    await login.getByRole('button', { name: 'BankID på en annan enhet' }).click();
    await login.locator('canvas').waitFor();
    await approveAs(page.context(), testApp, ANNA, 'Inloggning');
    await login.getByText(`Inloggad som ${ANNA}`).waitFor();
  }

  it('keeps the draft across a logout, sends it from Mina sidor, and shows the officer’s status and message', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    // Start the application, choose the child, and save it as a draft.
    await page.goto(`${server.url}/skolskjuts.html`);
    await logInToForm(page, testApp, ANNA, 'sv');
    const form = page.locator('e-service-form');
    await tabTo(page, form.getByRole('radio', { name: /Maja Andersson/ }));
    await page.keyboard.press('Space');
    await tabTo(page, form.getByRole('button', { name: 'Spara', exact: true }));
    await page.keyboard.press('Enter');
    await form.getByText(/^Sparat \d\d:\d\d$/).waitFor();

    // Log out: the form forgets the answers in the tab; the draft is on the server.
    await page.locator('eid-login').first().getByRole('button', { name: 'Logga ut' }).click();
    await form.getByText('Du behöver logga in med e-legitimation').waitFor();

    // Mina sidor: log in, leave an e-mail address for notices, find the draft.
    await page.goto(`${server.url}/mina-sidor.html`);
    await logInOnPage(page);
    const profile = page.locator('my-profile');
    await profile.getByLabel('E-postadress').fill(ANNA_EMAIL);
    await profile.getByRole('radio', { name: 'E-post' }).check();
    await profile.getByRole('button', { name: 'Spara' }).click();
    await profile.getByText('Sparat', { exact: true }).waitFor();

    const cases = page.locator('my-cases');
    await cases.getByText('Utkast', { exact: true }).waitFor();
    await cases.getByRole('link', { name: 'Fortsätt' }).click();

    // The e-service page continues the draft (?case=…): Maja is still chosen.
    await page.waitForURL(/skolskjuts\.html\?case=/);
    await form.locator('.page-title').waitFor();
    const caseNumber = await fillAndSendByKeyboard(page, ServiceDefinition.parse(skolskjuts), SCHOOL_TRANSPORT, 'sv', {
      testApp, name: ANNA, loggedIn: true,
    });
    assert.match(caseNumber, /^SKJ-\d{4}-\d{5}$/);

    // The municipality's case system: the new case, a status, a message.
    const listed = await (await officer('cases?status=submitted')).json();
    const sent = listed.items.find((c: { caseNumber: string }) => c.caseNumber === caseNumber);
    assert.ok(sent, `the officer API lists ${caseNumber}`);
    assert.equal((await officer(`cases/${sent.id}/status`, { status: 'inProgress' })).status, 200);
    const message = 'Vi har tagit emot din ansökan och återkommer inom två veckor.';
    assert.equal((await officer(`cases/${sent.id}/messages`, { body: message })).status, 201);

    // Back on Mina sidor: the draft is gone, the case is under handling with one unread message.
    await page.goto(`${server.url}/mina-sidor.html`);
    await cases.getByText('Under handläggning', { exact: true }).waitFor();
    assert.equal(await cases.getByText('Utkast', { exact: true }).count(), 0, 'the draft became the case');
    await cases.getByText('1 oläst meddelande').waitFor();
    await cases.getByRole('button', { name: 'Ansökan om skolskjuts' }).click();
    await cases.getByText(caseNumber).first().waitFor();
    await cases.locator('case-messages').getByText(message).waitFor();

    // E-mail: the receipt with the case number, and notices that say only that something happened.
    const arrived = async (what: string, test: () => boolean) => {
      const deadline = Date.now() + 30_000;
      while (!test()) {
        if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(inbox.map((m) => [m.to, m.subject]))}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    const toAnna = () => inbox.filter((m) => JSON.stringify(m.to).includes(ANNA_EMAIL));
    await arrived('a receipt naming the case number', () => toAnna().some((m) => (m.text ?? '').includes(caseNumber)));
    await arrived('a notice of the status and one of the message', () => toAnna().filter((m) => !(m.text ?? '').includes(caseNumber)).length >= 2);
    for (const notice of toAnna().filter((m) => !(m.text ?? '').includes(caseNumber))) {
      assert.ok(!(notice.text ?? '').includes(message), 'a notice carries no message text');
      assert.ok(!(notice.text ?? '').includes('Maja') && !(notice.text ?? '').includes('Anna'), 'nor any personal data');
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
});
