import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import type { Answers } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import specialkost from '../../server/demo-services/specialkost.json' with { type: 'json' };
import { openDatabase } from '../../server/store/database.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { logInToForm, testAppUrl } from './bankid-app.js';
import { fillAndSendByKeyboard } from './keyboard-filler.js';

const ANNA = { name: 'Anna Andersson', personalNumber: '198001012387' };
const MAJA = '201605120243';

/** A special diet for Maja for religious or ethical reasons (no certificate needed). */
const SPECIAL_DIET: Answers = {
  child: MAJA, unit: 'centralskolan', startDate: '2027-01-11', dietReason: 'livsaskadning',
  allergies: [{ food: 'flask', severity: 'svar' }],
  guardianPhone: '070-123 45 67', guardianEmail: 'anna.andersson@example.com',
  otherGuardianEmail: 'erik.andersson@example.com', confirm: true,
};

/**
 * The whole e-ID journey on the demo page, as `npm start` runs it (PGlite in a folder, the
 * BankID simulator in-process): log in on another device, the form prefilled from the
 * population register, sign with BankID — and then, with the server stopped, the database
 * holds the case with the person's personnummer and BankID's signature.
 */
describe('an e-service that needs e-ID, from login to signed case', () => {
  let browser: Browser;
  let dataDir: string;
  let server: RunningServer | undefined;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'esk-e2e-eid-'));
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('logs in with a QR code, shows the register’s children, signs, and stores personnummer and signature', async () => {
    server = await startServer({ DATA_DIR: dataDir });
    const testApp = await testAppUrl(server);
    const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.url}/specialkost.html`);
    const form = page.locator('e-service-form');
    await form.getByText('Du behöver logga in med e-legitimation').waitFor();

    const caseNumber = await fillAndSendByKeyboard(page, ServiceDefinition.parse(specialkost), SPECIAL_DIET, 'sv', { testApp, name: ANNA.name });
    assert.match(caseNumber, /^KOST-\d{4}-\d{5}$/);
    // The page's own <eid-login> shares the session the form logged in with.
    await page.locator('eid-login').first().getByText(`Inloggad som ${ANNA.name}`).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
    await server.stop();
    server = undefined;

    const db = await openDatabase({ dataDir });
    try {
      const { rows } = await db.query<{ applicant_personal_number: string; answers: Answers; signature: string; ocsp_response: string; personal_number: string }>(
        `SELECT c.applicant_personal_number, c.answers, s.signature, s.ocsp_response, s.personal_number
           FROM cases c JOIN case_signatures s ON s.case_id = c.id WHERE c.case_number = $1`,
        [caseNumber],
      );
      assert.equal(rows.length, 1, 'the case is stored with its signature');
      const [stored] = rows;
      assert.equal(stored!.applicant_personal_number, ANNA.personalNumber);
      assert.equal(stored!.personal_number, ANNA.personalNumber, 'BankID says who signed');
      assert.equal(stored!.answers.child, MAJA);
      assert.ok(Buffer.from(stored!.signature, 'base64').toString('utf8').includes('<Signature'), 'an XML signature');
      assert.ok(stored!.ocsp_response.length > 0, 'an OCSP response');
    } finally {
      await db.close();
    }
  });

  it('logs out every widget on the page and in the other tabs', async () => {
    server = await startServer({});
    const testApp = await testAppUrl(server);
    const context = await browser.newContext({ locale: 'sv-SE' });
    const first = await context.newPage();
    await first.goto(`${server.url}/specialkost.html`);
    await logInToForm(first, testApp, ANNA.name, 'sv');
    const pageLogin = first.locator('eid-login').first();
    await pageLogin.getByText(`Inloggad som ${ANNA.name}`).waitFor();

    const second = await context.newPage();
    await second.goto(`${server.url}/skolskjuts.html`);
    await second.locator('eid-login').first().getByText(`Inloggad som ${ANNA.name}`).waitFor();
    await second.locator('e-service-form').getByRole('radio', { name: /Maja Andersson/ }).waitFor();

    await pageLogin.getByRole('button', { name: 'Logga ut' }).click();
    // This page: its <eid-login> and the form, which asks for a login again.
    await pageLogin.getByText('Du är utloggad.').waitFor();
    await first.locator('e-service-form').getByText('Du behöver logga in med e-legitimation').waitFor();
    // The other tab, told through a BroadcastChannel.
    await second.locator('eid-login').first().getByRole('button', { name: 'BankID på en annan enhet' }).waitFor();
    await second.locator('e-service-form').getByText('Du behöver logga in med e-legitimation').waitFor();
    assert.equal(await second.locator('e-service-form').getByRole('radio', { name: /Maja/ }).count(), 0, 'the child list is gone');
    const session = await (await second.request.get(`${server.url}/api/session`)).json();
    assert.equal(session.authenticated, false);
    await context.close();
  });
});
