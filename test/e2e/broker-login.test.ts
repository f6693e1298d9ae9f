import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { tabTo } from './keyboard-filler.js';
import { atTestProvider } from './support/test-provider-page.js';
import { fillAndSendByKeyboard } from './keyboard-filler.js';
import { SCHOOL_TRANSPORT } from './support/demo-answers.js';
import skolskjuts from '../../server/demo-services/skolskjuts.json' with { type: 'json' };
import { ServiceDefinition } from '../../src/contract/definition.js';

const OFFICER_TOKEN = randomBytes(32).toString('hex');

/**
 * Logging in with Freja eID and Telia in Chromium on the demo site, through the e-ID broker the server talks
 * OpenID Connect to — here the bundled test provider (oidc-provider), which `npm start` runs: the citizen chooses
 * the e-ID in `<eid-login>`, approves on the provider's page as a test person, and comes back to the same page
 * logged in, every widget on it with them.
 */
describe('logging in through the e-ID broker on the demo site', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer({ OFFICER_TOKENS: `exempelby:${OFFICER_TOKEN}` });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /**
   * A new browser on a demo page: the widget named leads to the page's one login (in its header), where the
   * e-ID is chosen — all by keyboard — and on to the broker.
   */
  async function choose(path: string, widget: string, eid: string) {
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    await tabTo(page, page.locator(widget).getByRole('button', { name: 'Till inloggningen' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.locator('.login-box eid-login').getByRole('button', { name: eid }));
    await page.keyboard.press('Enter');
    return { context, page, widget: page.locator(widget) };
  }

  it('logs in with Freja eID on Mina sidor: back on the same page, the list and the page\'s login show Anna', async () => {
    const { context, page, widget: cases } = await choose('/mina-sidor.html', 'my-cases', 'Freja eID');
    await atTestProvider(page, 'Anna Andersson');
    await page.waitForURL(`${server.url}/mina-sidor.html`);
    await cases.locator('[part=empty], .case').first().waitFor();
    await page.locator('.login-box eid-login').getByText('Inloggad som Anna Andersson').waitFor();
    await page.locator('my-profile').getByRole('heading').first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Freja eID' }).count(), 0, 'no login left on the page');
    await context.close();
  });

  it('logs in with Telia inside an e-service that needs e-ID, and the form goes on with the register\'s answers', async () => {
    const { context, page, widget: form } = await choose('/skolskjuts.html', 'e-service-form', 'Telia');
    await atTestProvider(page, 'Erik Andersson');
    await page.waitForURL(`${server.url}/skolskjuts.html`);
    // The register's answers for Erik: his children to choose from, and the page's login names him.
    await form.getByRole('radio', { name: /Maja Andersson/ }).waitFor();
    await page.locator('eid-login').first().getByText('Inloggad som Erik Andersson').waitFor();
    await context.close();
  });

  it('logs in with Freja eID in the middle of an e-service with optional login: back on the same page with nothing typed lost', async () => {
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    await page.goto(`${server.url}/parkeringstillstand.html`);
    const form = page.locator('e-service-form');
    const control = (path: string) => form.locator(`[path="${path}"] #control`);
    await control('name').fill('Anna Andersson');
    await control('registration').fill('ABC 123');
    // Half-way through, the citizen logs in with the page's login (to keep a draft), all by keyboard.
    await tabTo(page, page.locator('.login-box eid-login').getByRole('button', { name: 'Freja eID' }));
    await page.keyboard.press('Enter');
    await atTestProvider(page, 'Anna Andersson');
    await page.waitForURL(`${server.url}/parkeringstillstand.html`);
    await page.locator('.login-box eid-login').getByText('Inloggad som Anna Andersson').waitFor();
    await control('registration').waitFor();
    assert.equal(await control('name').inputValue(), 'Anna Andersson', 'what was typed is still there');
    assert.equal(await control('registration').inputValue(), 'ABC 123');
    await context.close();
  });

  it('says so when the citizen cancels at the provider, and leaves them logged out', async () => {
    const { context, page, widget: cases } = await choose('/mina-sidor.html', 'my-cases', 'Telia');
    await atTestProvider(page, 'Anna Andersson', 'Avbryt');
    await page.waitForURL(`${server.url}/mina-sidor.html`);
    await page.getByText('Inloggningen avbröts. Du kan försöka igen eller välja en annan e-legitimation.').first().waitFor();
    await cases.getByRole('button', { name: 'Till inloggningen' }).waitFor();
    await context.close();
  });

  for (const [eidName, eid] of [['Freja eID', 'freja'], ['Telia', 'telia']] as const) {
    it(`signs school transport with ${eidName}: the text at the broker, the receipt, and the e-ID and signature in Mina sidor and the officer API`, async () => {
      const { context, page, widget: form } = await choose('/skolskjuts.html', 'e-service-form', eidName);
      await atTestProvider(page, 'Anna Andersson');
      await page.waitForURL(`${server.url}/skolskjuts.html`);
      await form.getByRole('radio', { name: /Maja Andersson/ }).waitFor();
      const signed = { text: '' };
      const caseNumber = await fillAndSendByKeyboard(page, ServiceDefinition.parse(skolskjuts), SCHOOL_TRANSPORT, 'sv', {
        testApp: '', name: 'Anna Andersson', loggedIn: true, broker: eidName === 'Telia' ? 'Telia e-legitimation' : eidName,
        onSignText: (text) => (signed.text = text),
      });
      assert.match(caseNumber, /^SKJ-\d{4}-\d{5}$/);
      // What the e-ID showed before Anna signed: the e-service, the municipality, who signs and when.
      assert.match(signed.text, /Ansökan om skolskjuts/);
      assert.match(signed.text, /Jag, Anna Andersson \(19800101-2387\), skriver under och skickar in mina svar den/);
      assert.equal(new URL(page.url()).searchParams.has('esk-signing'), false, 'the page forgets the signing it came back from');

      // The municipality: the case, signed with the e-ID, the signature and the ID token that vouches for it.
      const list = await (await fetch(`${server.url}/api/officer/cases?limit=100`, { headers: { Authorization: `Bearer ${OFFICER_TOKEN}` } })).json() as { items: { id: string; caseNumber: string }[] };
      const found = list.items.find((c) => c.caseNumber === caseNumber);
      assert.ok(found, `${caseNumber} in the officer API`);
      const details = await (await fetch(`${server.url}/api/officer/cases/${found.id}`, { headers: { Authorization: `Bearer ${OFFICER_TOKEN}` } })).json() as {
        applicant: { eid: string }; signatures: { eid: string; name: string; signature: string; idToken?: string }[];
      };
      assert.equal(details.applicant.eid, eid);
      assert.deepEqual(details.signatures.map((s) => [s.name, s.eid, Boolean(s.signature), Boolean(s.idToken)]), [['Anna Andersson', eid, true, true]]);

      // Mina sidor: the case, and who signed it with which e-ID.
      await page.goto(`${server.url}/mina-sidor.html`);
      const cases = page.locator('my-cases');
      await tabTo(page, cases.locator('.case', { hasText: caseNumber }).getByRole('button', { name: 'Ansökan om skolskjuts' }));
      await page.keyboard.press('Enter');
      await cases.locator('.signatures').getByText(new RegExp(`Anna Andersson, .*, ${eidName === 'Telia' ? 'Telia' : 'Freja eID'}`)).waitFor();
      await context.close();
    });
  }
});
