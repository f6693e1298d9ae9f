import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Route } from 'playwright-core';
import type { Answers } from '../../src/contract/cases.js';
import type { CaseDetails, Draft, MyCases } from '../../src/contract/my-pages.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { logInToForm, signInForm, testAppUrl } from './bankid-app.js';
import { SMALL_PDF } from './keyboard-filler.js';

const FATIMA = 'Fatima Hassan';
const AMINA = '201902073822';
const OFFLINE_DRAFT = 'Inte sparat – du är inte ansluten till internet. Dina svar finns kvar och sparas så fort anslutningen är tillbaka.';
const OFFLINE_FILE = 'intyg.pdf kunde inte laddas upp: du är inte ansluten till internet. Filen laddas upp så fort anslutningen är tillbaka.';

/**
 * A citizen on a phone loses the connection (a tunnel, a lift) while filling in Specialkost on the
 * demo page, with the real server and Chromium: once while the draft is autosaved, once in the
 * middle of uploading the certificate. The form says so each time, and when the connection is
 * back the draft is on the server and the file uploaded without the citizen doing anything; the
 * case is signed and stored with the file.
 */
describe('the connection drops while a citizen fills in an e-service', () => {
  let server: RunningServer;
  let testApp: string;
  let browser: Browser;
  before(async () => {
    [server, browser] = await Promise.all([startServer(), chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs })]);
    testApp = await testAppUrl(server);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says so when the part that checks and sends could not be fetched before the connection went, keeps what was typed, and goes on once it can', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    // The form's first load came; the part Continue and Send need (fetched after the definition) does not.
    await context.route('**/continue-and-send-*.js', (route) => route.abort('internetdisconnected'));
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const form = page.locator('e-service-form');
    await form.locator('[path="place"] #control').fill('Storgatan 12');
    await form.getByRole('button', { name: 'Skicka' }).click();
    const error = form.locator('[part=submit-error]');
    await error.getByText('Det gick inte att nå e-tjänsten. Dina svar finns kvar – försök igen om en stund.', { exact: true }).waitFor();
    assert.ok(await error.evaluate((element) => element.matches(':focus')), 'focus goes to what is said');
    assert.equal(await form.locator('[path="place"] #control').inputValue(), 'Storgatan 12', 'nothing typed is lost');
    // The connection is back: the next press fetches the part and checks the answers.
    await context.unroute('**/continue-and-send-*.js');
    await form.getByRole('button', { name: 'Skicka' }).click();
    await form.locator('.error-summary a').first().waitFor();
    assert.equal(await error.textContent(), '', 'the old message goes');
    await context.close();
  });

  it('says the draft and the file wait for the connection, saves and uploads them when it is back, and stores the case with its file', async (t) => {
    const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const api = async <T>(path: string): Promise<T> => {
      const response = await page.request.get(`${server.url}${path}`);
      assert.equal(response.status(), 200, `GET ${path}`);
      return (await response.json()) as T;
    };
    await page.goto(`${server.url}/specialkost.html`);
    const form = page.locator('e-service-form');
    const control = (path: string) => form.locator(`[path="${path}"] #control`).first();
    const next = () => form.getByRole('button', { name: 'Fortsätt' }).click();
    const draftStatus = form.locator('[part=draft-status]');
    await logInToForm(page, testApp, FATIMA, 'sv');

    // Step 1, and the connection drops before the autosave 3 s after the last answer.
    await form.locator(`[path="child"] input[value="${AMINA}"]`).check();
    await control('unit').selectOption('solrosen');
    await control('startDate').fill('2027-01-11');
    await context.setOffline(true);
    await control('groupOrClass').fill('Klass 3B');
    await draftStatus.getByText(OFFLINE_DRAFT, { exact: true }).waitFor();
    assert.equal(await control('groupOrClass').inputValue(), 'Klass 3B', 'nothing typed is lost');
    assert.equal(await page.evaluate(() => navigator.onLine), false);

    // Back: saved at once, on the server.
    await context.setOffline(false);
    await draftStatus.getByText(/^Sparat \d\d:\d\d$/).waitFor({ timeout: 5_000 });
    const listed = await api<MyCases>('/api/my/cases');
    const drafts = listed.items.filter((item) => item.kind === 'draft' && item.serviceId === 'specialkost');
    assert.equal(drafts.length, 1, 'one draft');
    const draft = await api<Draft>(`/api/drafts/${drafts[0]!.id}`);
    assert.deepEqual(
      { child: draft.answers.child, unit: draft.answers.unit, startDate: draft.answers.startDate, groupOrClass: draft.answers.groupOrClass },
      { child: AMINA, unit: 'solrosen', startDate: '2027-01-11', groupOrClass: 'Klass 3B' },
    );

    await next();
    await form.locator('.page-title', { hasText: 'Allergier och specialkost' }).waitFor();
    await form.locator('[path="dietReason"] input[value="livsaskadning"]').check();
    await control('allergies.0.food').selectOption('flask');
    await next();
    await form.locator('.page-title', { hasText: 'Intyg' }).waitFor();

    // The certificate: the connection drops while it is on its way.
    let onItsWay!: (route: Route) => void;
    const held = new Promise<Route>((resolve) => (onItsWay = resolve));
    await page.route('**/api/attachments?**', (route) => onItsWay(route), { times: 1 });
    await control('certificate').setInputFiles({ name: 'intyg.pdf', mimeType: 'application/pdf', buffer: SMALL_PDF });
    const upload = await held;
    await context.setOffline(true);
    await upload.abort('internetdisconnected');
    const file = form.locator('[path="certificate"] .file');
    await file.getByRole('alert').getByText(OFFLINE_FILE, { exact: true }).waitFor();
    assert.equal(await file.getByRole('button', { name: 'Försök igen intyg.pdf' }).count(), 1, 'and a way to try again now');

    // Back: uploaded by itself.
    await context.setOffline(false);
    await file.getByRole('button', { name: 'Ta bort intyg.pdf' }).waitFor({ timeout: 5_000 });
    await form.locator('[path="certificate"] [role=status]').getByText('intyg.pdf är uppladdad.').waitFor();
    assert.equal(await file.count(), 1, 'the file once');

    await next();
    await form.locator('.page-title', { hasText: 'Kontaktuppgifter' }).waitFor();
    await control('guardianPhone').fill('070-765 43 21');
    await control('guardianEmail').fill('fatima.hassan@example.com');
    await control('confirm').check();
    await next();
    await form.getByRole('heading', { name: 'Granska dina uppgifter' }).waitFor();
    await signInForm(page, testApp, FATIMA, 'sv').catch((error: Error) => {
      // A rare miss under load (seen only on a busy CI machine): what the server logged says why.
      error.message += `\nthe server's log ends:\n${server.output().slice(-4000)}`;
      throw error;
    });
    const caseNumber = (await form.locator('[data-case-number]').textContent())!.trim();
    assert.match(caseNumber, /^KOST-\d{4}-\d{5}$/);

    // Stored with its file and every answer; the draft is gone.
    const after = await api<MyCases>('/api/my/cases');
    const sent = after.items.find((item) => item.caseNumber === caseNumber);
    assert.ok(sent, 'the case is on Mina sidor');
    assert.equal(after.items.filter((item) => item.kind === 'draft').length, 0, 'the draft went with the case');
    const details = await api<CaseDetails>(`/api/my/cases/${sent.id}`);
    assert.deepEqual(details.attachments.map((a) => [a.fieldId, a.fileName]), [['certificate', 'intyg.pdf']]);
    assert.deepEqual(details.answers.certificate, [details.attachments[0]!.id]);
    assert.equal((details.answers as Answers).groupOrClass, 'Klass 3B');
    const bytes = await page.request.get(`${server.url}/api/my/cases/${sent.id}/attachments/${details.attachments[0]!.id}`);
    assert.deepEqual(Buffer.from(await bytes.body()), SMALL_PDF);
    assert.deepEqual(problems, []);
    await context.close();
    t.diagnostic(`network drop: autosave offline said so, saved when back; upload cut off said so, uploaded when back; case ${caseNumber} stored with its file, 0 answers lost`);
  });
});
