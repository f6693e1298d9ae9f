import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Answers } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import parking from '../../server/demo-services/parkeringstillstand.json' with { type: 'json' };
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { freePort } from '../support/free-port.js';
import { testPostgres, type TestPostgres } from '../support/postgres.js';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { approveAs, testAppUrl } from './bankid-app.js';
import { fillAndSendByKeyboard, tabTo } from './keyboard-filler.js';
import { startPaymentProviders, type PaymentProviders } from './support/payment-providers.js';

/**
 * Paying for a case in Chromium, on a municipality's page, against the simulators of Swedbank Pay and Swish —
 * other processes to the server, as the real providers are, so that they outlive a server the test kills. The
 * citizen fills in Boendeparkering by keyboard, sends it, and pays; the officer API says what the municipality
 * got: exactly one case, paid once.
 */
const DEFINITION = ServiceDefinition.parse(parking);
const ANSWERS: Answers = { name: 'Anna Andersson', email: 'anna@example.se', registration: 'ABC 123', disabledPermit: false };
const TOKEN = 'p'.repeat(24) + '-exempelby-payments-e2e-token';

describe('paying for a case in the browser', () => {
  let providers: PaymentProviders;
  let database: TestPostgres;
  let server: RunningServer;
  let env: Record<string, string>;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;

  before(async () => {
    providers = await startPaymentProviders();
    database = await testPostgres();
    site = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Boendeparkering</title>
        <script type="module" src="${server.url}/kit/e-service-kit.js"></script></head>
        <body><main><h1>Boendeparkering</h1><e-service-form service="parkeringstillstand"></e-service-form></main></body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    // A port of its own, so that the server started again after a kill is where the page's kit looks for it.
    env = {
      DATABASE_URL: database.url, PORT: String(await freePort()), ALLOWED_ORIGINS: siteUrl, OFFICER_TOKENS: `exempelby:${TOKEN}`,
      RATE_LIMIT_CASES_PER_MINUTE: '10000', ...providers.env,
    };
    server = await startServer(env);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await database?.stop();
    await providers?.close();
    await new Promise((resolve) => site?.close(resolve));
  });

  async function sendCase(): Promise<{ context: BrowserContext; page: Page; caseNumber: string }> {
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/parkering`);
    const caseNumber = await fillAndSendByKeyboard(page, DEFINITION, ANSWERS, 'sv');
    await page.locator('e-service-form').getByRole('heading', { name: 'Betala avgiften' }).waitFor();
    return { context, page, caseNumber };
  }

  /**
   * Chooses a way to pay by keyboard, as in any radio group: Tab reaches the group (its first option, nothing
   * being chosen yet), Space chooses that one, the arrow keys move to the others.
   */
  async function choose(page: Page, options: string[], label: string): Promise<void> {
    const form = page.locator('e-service-form');
    await tabTo(page, form.getByRole('radio', { name: options[0], exact: true }));
    const index = options.indexOf(label);
    if (index === 0) await page.keyboard.press('Space');
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await form.getByRole('radio', { name: label, exact: true, checked: true }).waitFor();
  }

  const METHODS = ['Kort', 'Swish'];
  const SWISH_WAYS = ['Swish på den här enheten', 'Swish på en annan enhet', 'Ange mobilnummer'];

  async function pay(page: Page): Promise<void> {
    const button = page.locator('e-service-form').getByRole('button', { name: 'Betala 200,00 kr' });
    await tabTo(page, button);
    await page.keyboard.press('Enter');
  }

  const officer = async (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...init.headers } });

  interface OfficerCase { id: string; caseNumber: string; status: string; payment?: { payments: { amount: number; state: string; id: string }[] } }
  async function officerCase(caseNumber: string): Promise<OfficerCase | undefined> {
    const list = (await (await officer('/api/officer/cases?limit=100')).json()) as { items: { id: string; caseNumber: string }[] };
    const item = list.items.find((candidate) => candidate.caseNumber === caseNumber);
    return item ? ((await (await officer(`/api/officer/cases/${item.id}`)).json()) as OfficerCase) : undefined;
  }

  async function eventually<T>(what: string, value: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const found = await value().catch(() => undefined);
      if (found) return found;
      if (Date.now() > until) assert.fail(`never: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The receipt of the paid case, as the form shows it. */
  async function paidReceipt(page: Page, caseNumber: string, paidWith: string): Promise<void> {
    const form = page.locator('e-service-form');
    await form.locator('.receipt__title').waitFor({ timeout: 20_000 });
    await form.getByText(paidWith).waitFor();
    assert.equal((await form.locator('[data-case-number]').textContent())?.trim(), caseNumber);
  }

  it('by card at Swedbank Pay: the card page, back to the page, the receipt; a refund through the officer API', async () => {
    const { context, page, caseNumber } = await sendCase();
    // Not the municipality's before it is paid.
    assert.equal(await officerCase(caseNumber), undefined);
    await choose(page, METHODS, 'Kort');
    await pay(page);
    // The provider's own card page: no card number is typed on the municipality's page.
    await page.waitForURL(new RegExp(`^${providers.swedbank.url}`));
    await page.getByRole('button', { name: /Betala 200,00/ }).click();
    await page.waitForURL(new RegExp(`^${siteUrl}`));
    await paidReceipt(page, caseNumber, 'Betalt med kort');

    const sent = await eventually('the officer API has the case', () => officerCase(caseNumber));
    assert.equal(sent.status, 'submitted');
    assert.deepEqual(sent.payment?.payments.map((payment) => [payment.state, payment.amount]), [['paid', 20_000]]);
    const refund = await officer(`/api/officer/cases/${sent.id}/refunds`, { method: 'POST', body: JSON.stringify({ reason: 'Ansökan återkallad' }) });
    assert.equal(refund.status, 201, await refund.clone().text());
    assert.equal(((await refund.json()) as { state: string }).state, 'refunded');
    assert.ok(providers.swedbank.orders().some((order) => order.orderReference === caseNumber && order.status === 'Reversed'));
    await context.close();
  });

  it('later, from Mina sidor: sent logged in and left unpaid; Betala opens the payment step on the e-service\'s page', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const page = await context.newPage();
    await page.goto(`${server.url}/mina-sidor.html`);
    const cases = page.locator('my-cases');
    // One login per page: Mina sidor's header has it.
    await tabTo(page, page.locator('.login-box eid-login').getByRole('button', { name: 'BankID på en annan enhet' }));
    await page.keyboard.press('Enter');
    await approveAs(context, await testAppUrl(server), 'Anna Andersson', 'Inloggning');
    // Logged in: the list (empty) in place of the login.
    await cases.locator('[part=empty], .case').first().waitFor();

    // Sent, and the tab closed at the payment step: the case waits, not the municipality's.
    await page.goto(`${server.url}/parkeringstillstand.html`);
    const caseNumber = await fillAndSendByKeyboard(page, DEFINITION, ANSWERS, 'sv');
    await page.locator('e-service-form').getByRole('heading', { name: 'Betala avgiften' }).waitFor();
    await page.close();
    assert.equal(await officerCase(caseNumber), undefined);

    const later = await context.newPage();
    await later.goto(`${server.url}/mina-sidor.html`);
    const mine = later.locator('my-cases');
    const row = mine.locator('.case', { hasText: caseNumber });
    await row.getByText('Väntar på betalning').waitFor();
    await tabTo(later, row.getByRole('link', { name: /^Betala/ }));
    await later.keyboard.press('Enter');
    await later.waitForURL(/\/parkeringstillstand\.html\?pay=/);
    const form = later.locator('e-service-form');
    await form.getByRole('heading', { name: 'Betala avgiften' }).waitFor();
    assert.equal((await form.locator('[data-case-number]').textContent())?.trim(), caseNumber);
    await choose(later, METHODS, 'Kort');
    await pay(later);
    await later.waitForURL(new RegExp(`^${providers.swedbank.url}`));
    await later.getByRole('button', { name: /Betala 200,00/ }).click();
    await later.waitForURL(/\/parkeringstillstand\.html/);
    await paidReceipt(later, caseNumber, 'Betalt med kort');
    const sent = await eventually('the officer API has the case', () => officerCase(caseNumber));
    assert.equal(sent.status, 'submitted');

    await later.goto(`${server.url}/mina-sidor.html`);
    await mine.locator('.case', { hasText: caseNumber }).getByText('Inskickat', { exact: true }).waitFor();
    assert.equal(await mine.locator('.case', { hasText: caseNumber }).getByRole('link', { name: /^Betala/ }).count(), 0);
    await context.close();
  });

  it('by card, declined, then with another card on the provider\'s page', async () => {
    const { context, page, caseNumber } = await sendCase();
    await choose(page, METHODS, 'Kort');
    await pay(page);
    await page.waitForURL(new RegExp(`^${providers.swedbank.url}`));
    await page.getByRole('button', { name: /Neka|nekas/i }).first().click();
    await page.getByText('Kortet nekades').waitFor();
    await page.getByRole('button', { name: /Betala 200,00/ }).click();
    await page.waitForURL(new RegExp(`^${siteUrl}`));
    await paidReceipt(page, caseNumber, 'Betalt med kort');
    await context.close();
  });

  it('by card, with the tab closed before coming back: the callback alone sends the case, one case however often it comes', async () => {
    providers.swedbank.settings.callbackRepeats = 5;
    try {
      const { context, page, caseNumber } = await sendCase();
      await choose(page, METHODS, 'Kort');
      await pay(page);
      await page.waitForURL(new RegExp(`^${providers.swedbank.url}`));
      const order = providers.swedbank.orders().find((candidate) => candidate.orderReference === caseNumber)!;
      // The payer approves as the tab closes: the browser never comes back to the municipality's page.
      await context.close();
      providers.swedbank.pay(order.id, 'approve');
      const sent = await eventually('the case is sent by the callback', async () => {
        const found = await officerCase(caseNumber);
        return found?.status === 'submitted' ? found : undefined;
      });
      await providers.swedbank.idle();
      const again = (await officerCase(caseNumber))!;
      assert.equal(again.payment?.payments.length, 1);
      assert.equal(sent.id, again.id);
    } finally {
      providers.swedbank.settings.callbackRepeats = 1;
    }
  });

  it('by Swish on another device: the request goes to the mobile number, the payer approves in the app', async () => {
    const { context, page, caseNumber } = await sendCase();
    await choose(page, METHODS, 'Swish');
    await choose(page, SWISH_WAYS, 'Ange mobilnummer');
    await tabTo(page, page.locator('e-service-form').getByRole('textbox', { name: /Mobilnummer/ }));
    await page.keyboard.type('070-111 22 33');
    await pay(page);
    await page.locator('e-service-form').getByText('Öppna Swish och godkänn betalningen').waitFor();
    // The payer's phone: the Swish simulator's app, with the request sent to that number.
    const phone = await context.newPage();
    await phone.goto(`${providers.swish.payerUrl}?payer=46701112233`);
    await phone.getByRole('button', { name: 'Godkänn' }).click();
    await paidReceipt(page, caseNumber, 'Betalt med Swish');
    await context.close();
  });

  it('by Swish, not answered in time: the form says so and a new attempt can follow', async () => {
    const answerAfter = providers.swish.settings.answerAfterMs;
    providers.swish.settings.answerAfterMs = 1_500;
    try {
      const { context, page } = await sendCase();
      await choose(page, METHODS, 'Swish');
      await choose(page, SWISH_WAYS, 'Ange mobilnummer');
      await tabTo(page, page.locator('e-service-form').getByRole('textbox', { name: /Mobilnummer/ }));
      await page.keyboard.type('070-111 22 44');
      await pay(page);
      const form = page.locator('e-service-form');
      await form.getByText('Tiden för betalningen gick ut').first().waitFor({ timeout: 15_000 });
      await form.getByRole('button', { name: 'Försök igen' }).waitFor();
      await context.close();
    } finally {
      providers.swish.settings.answerAfterMs = answerAfter;
    }
  });

  it('paid while the server is killed before the case is registered: started again, it registers exactly one case', async () => {
    providers.swish.settings.callbackRepeats = 0;
    try {
      const { context, page, caseNumber } = await sendCase();
      await choose(page, METHODS, 'Swish');
      await choose(page, SWISH_WAYS, 'Ange mobilnummer');
      await tabTo(page, page.locator('e-service-form').getByRole('textbox', { name: /Mobilnummer/ }));
      await page.keyboard.type('070-111 22 55');
      await pay(page);
      await page.locator('e-service-form').getByText('Öppna Swish och godkänn betalningen').waitFor();
      // The server goes down; the payer approves meanwhile, and the provider's word reaches nobody.
      await server.kill();
      const request = providers.swish.requests().find((candidate) => candidate.payerAlias === '46701112255')!;
      assert.equal(providers.swish.act(request.id, 'approve').kind, 'done');
      server = await startServer(env);
      const sent = await eventually('the restarted server registers the case', async () => {
        const found = await officerCase(caseNumber);
        return found?.status === 'submitted' ? found : undefined;
      });
      assert.equal(sent.payment?.payments.length, 1);
      const all = (await (await officer('/api/officer/cases?limit=100')).json()) as { items: { caseNumber: string }[] };
      assert.equal(all.items.filter((item) => item.caseNumber === caseNumber).length, 1);
      // The page, still following the payment, shows the receipt once the server answers again.
      await paidReceipt(page, caseNumber, 'Betalt med Swish');
      await context.close();
    } finally {
      providers.swish.settings.callbackRepeats = 1;
    }
  });
});
