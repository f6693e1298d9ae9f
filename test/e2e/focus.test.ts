import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Answers } from '../../src/contract/cases.js';
import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from '../../src/contract/cases.js';
import skolskjuts from '../../server/demo-services/skolskjuts.json' with { type: 'json' };
import tomtko from '../../server/demo-services/tomtko.json' with { type: 'json' };
import forskoleplats from '../../server/demo-services/forskoleplats.json' with { type: 'json' };
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { approveAs, testAppUrl } from './bankid-app.js';
import { tabTo } from './keyboard-filler.js';
import { FocusChecker, installFocusProbe, type Input } from './support/focus.js';

/** School transport for Maja (both Anna and Erik have custody), every step answered: the walk only moves between them. */
const SCHOOL_TRANSPORT: Answers = {
  child: '201605120243', school: 'norrby', grade: '3', placementSchool: true, startDate: '2027-01-11',
  distanceKm: '4,2', reason: 'avstand', tripTimes: ['morgon', 'eftermiddag'],
  guardianPhone: '070-123 45 67', guardianEmail: 'vardnadshavare@example.com', confirm: true,
};

/**
 * Issue 15: focus is never lost. On the demo pages with the real backend and the BankID
 * simulator, a citizen walks each flow twice — by keyboard (Tab, Enter, Space) and by mouse —
 * and after every step change, dialog close, delete, send, sign and login, focus is on the
 * element the action brought forward and can be seen (test/e2e/support/focus.ts). Each check is
 * recorded for the accessibility report when A11Y_RESULTS names a file.
 */
describe('focus after every action, on the demo pages', () => {
  let server: RunningServer;
  let browser: Browser;
  let testApp: string;
  before(async () => {
    server = await startServer();
    testApp = await testAppUrl(server);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A saved draft for the logged-in citizen, made through the API the form uses. */
  async function saveDraft(context: BrowserContext, serviceId: string, serviceVersion: number, answers: Answers, stepId?: string): Promise<string> {
    const response = await context.request.post(`${server.url}/api/drafts`, {
      headers: { [CLIENT_HEADER]: CLIENT_HEADER_VALUE },
      data: { serviceId, serviceVersion, answers, ...(stepId ? { stepId } : {}) },
    });
    assert.equal(response.status(), 201, await response.text());
    return ((await response.json()) as { id: string }).id;
  }

  /** One citizen's walk: `act` clicks or presses Enter on a control (Tab to it first, by keyboard). */
  async function walk(input: Input, person: string, run: (page: Page, context: BrowserContext, act: (target: Locator) => Promise<void>, focus: FocusChecker) => Promise<void>): Promise<string> {
    const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    context.setDefaultTimeout(10_000);
    await installFocusProbe(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const focus = new FocusChecker(page, input);
    const act = async (target: Locator) => {
      if (input === 'mouse') return target.click();
      await tabTo(page, target);
      await page.keyboard.press('Enter');
    };
    try {
      await run(page, context, act, focus);
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, [], `${person}: no errors on the page`);
    return `${focus.actions} actions by ${input}, ${focus.count} focus checks`;
  }

  /** Felanmälan (no login, one step): the error summary, a link to the question, send, the receipt. */
  async function faultReport(page: Page, input: Input, act: (target: Locator) => Promise<void>, focus: FocusChecker): Promise<void> {
    await page.goto(`${server.url}/`);
    const form = page.locator('e-service-form');
    const send = form.getByRole('button', { name: 'Skicka', exact: true });
    await send.waitFor();
    const field = (path: string) => form.locator(`[path="${path}"]`).locator('#control').first();

    await act(send);
    const summary = form.locator('.error-summary');
    await focus.expect({ state: 'e-service-form: Skicka with nothing filled in', what: 'the error summary', target: summary, next: summary.getByRole('link').first() });
    if (input === 'keyboard') await page.keyboard.press('Enter');
    else await summary.getByRole('link').first().click();
    await focus.expect({ state: 'e-service-form: a link in the error summary', what: 'the question it names', target: field('category'), next: field('place') });

    if (input === 'keyboard') {
      await tabTo(page, field('category'));
      await page.keyboard.press('ArrowDown');
      await tabTo(page, field('place'));
      await page.keyboard.type('Norrparkens lekplats');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Kedjan i gungan är trasig.');
      await tabTo(page, form.locator('[path="urgent"] input[type=radio]').first());
      await page.keyboard.press('Space');
    } else {
      await field('category').selectOption({ index: 1 });
      await field('place').fill('Norrparkens lekplats');
      await field('description').fill('Kedjan i gungan är trasig.');
      await form.locator('[path="urgent"] input[type=radio]').first().click();
    }
    await act(send);
    await focus.expect({ state: 'e-service-form: Skicka (no-login e-service)', what: 'the receipt’s heading', target: form.locator('.receipt__title'), next: form.getByRole('button', { name: 'Ladda ner ditt ärende som PDF' }) });
  }

  /**
   * Uteservering (for companies, logged in already): "Vem ansöker?" — Continue with nothing chosen, the summary's
   * link to the companies; the company signed jointly, then who signs with the citizen and their address, each missing
   * in turn; Continue to the first step; "Ändra vem som ansöker" back to the page.
   */
  async function companyChoice(page: Page, act: (target: Locator) => Promise<void>, focus: FocusChecker): Promise<void> {
    await page.goto(`${server.url}/uteservering.html`);
    const form = page.locator('e-service-form');
    const heading = (name: string) => form.locator('.page-title', { hasText: name });
    const next = form.getByRole('button', { name: 'Fortsätt' });
    const summary = form.locator('.error-summary');
    await heading('Vem ansöker?').waitFor();
    await form.getByRole('radio').first().waitFor();

    const fix = async (state: string, what: string, target: Locator) => {
      await act(next);
      await focus.expect({ state: `e-service-form: Fortsätt on Vem ansöker? ${state}`, what: 'the error summary', target: summary, next: summary.getByRole('link').first() });
      await page.keyboard.press('Enter');
      await focus.expect({ state: `e-service-form: the error summary's link, ${state}`, what, target });
    };
    await fix('with nothing chosen', 'the first company', form.locator('#company-0'));
    await page.keyboard.press('Space');
    await fix('without who signs with the citizen', 'the first other signatory', form.locator('#company-cosigner-0'));
    await page.keyboard.press('Space');
    await fix('without their address', 'the address box', form.locator('#company-email'));
    await page.keyboard.type('erik@example.com');
    await act(next);
    await focus.expect({ state: 'e-service-form: Fortsätt from Vem ansöker?', what: 'the first step’s heading', target: heading('Uteserveringen'), next: form.locator('[path="restaurant"]').locator('#control') });
    await act(form.getByRole('button', { name: 'Ändra vem som ansöker' }));
    await focus.expect({ state: 'e-service-form: Ändra vem som ansöker', what: 'the heading Vem ansöker?', target: heading('Vem ansöker?'), next: form.locator('#company-0') });
  }

  /** Skolskjuts (login, four steps, signed): log in in the form, steps forward and back, Change, sign — cancelled, then done. */
  async function schoolTransport(page: Page, context: BrowserContext, person: string, act: (target: Locator) => Promise<void>, focus: FocusChecker): Promise<void> {
    await page.goto(`${server.url}/skolskjuts.html`);
    const form = page.locator('e-service-form');
    // One login per page: the form leads to the page's own, and takes focus back once the citizen has logged in there.
    const login = page.locator('.login-box eid-login');
    const heading = (name: string) => form.locator('.page-title', { hasText: name });
    const control = (path: string) => form.locator(`[path="${path}"]`).locator('#control').first();

    await act(form.getByRole('button', { name: 'Till inloggningen' }));
    await focus.expect({ state: 'e-service-form: Till inloggningen', what: 'the page’s login, its first choice', target: login.getByRole('button', { name: 'BankID på den här enheten' }), next: login.getByRole('button', { name: 'BankID på en annan enhet' }) });
    await act(login.getByRole('button', { name: 'BankID på en annan enhet' }));
    await login.locator('canvas').waitFor();
    // Waiting for the app, the citizen stays: the next control is the page's own, outside the kit.
    await focus.expect({ state: 'e-service-form: log in at the page’s login, BankID på en annan enhet', what: 'Avbryt beside the QR code', target: login.getByRole('button', { name: 'Avbryt' }), stay: true });
    await approveAs(context, testApp, person, 'Inloggning');
    await focus.expect({ state: 'e-service-form: logged in', what: 'the first step’s heading', target: heading('Barnet'), next: form.getByRole('radio', { name: /Maja Andersson/ }) });

    // The rest of the answers as a saved draft, continued as from Mina sidor.
    const draft = await saveDraft(context, 'skolskjuts', skolskjuts.version, SCHOOL_TRANSPORT, 'barnet');
    await page.goto(`${server.url}/skolskjuts.html?case=${draft}`);
    await heading('Barnet').waitFor();
    const next = form.getByRole('button', { name: 'Fortsätt' });
    const back = form.getByRole('button', { name: 'Tillbaka' });

    await act(next);
    await focus.expect({ state: 'e-service-form: Fortsätt to step 2', what: 'step 2’s heading', target: heading('Resväg och skäl'), next: control('distanceKm') });
    await act(back);
    await focus.expect({ state: 'e-service-form: Tillbaka to step 1', what: 'step 1’s heading', target: heading('Barnet'), next: form.getByRole('radio', { name: /Maja Andersson/ }) });
    await act(next);
    await heading('Resväg och skäl').waitFor();
    await act(next);
    await focus.expect({ state: 'e-service-form: Fortsätt to step 3', what: 'step 3’s heading', target: heading('Kontaktuppgifter och bekräftelse'), next: control('guardianPhone') });
    await act(next);
    const review = heading('Granska dina uppgifter');
    const change = form.getByRole('button', { name: 'Ändra Ditt telefonnummer' });
    await focus.expect({ state: 'e-service-form: Fortsätt to the review', what: 'the review’s heading', target: review, next: form.getByRole('button', { name: /^Ändra/ }).first() });
    await act(change);
    await focus.expect({ state: 'e-service-form: Ändra on the review', what: 'the question to change', target: control('guardianPhone') });
    await act(next);
    await focus.expect({ state: 'e-service-form: Fortsätt back to the review', what: 'the review’s heading', target: review, next: form.getByRole('button', { name: /^Ändra/ }).first() });

    // Signing: start, the QR code, cancel; then back out of signing, and sign for real.
    const sign = form.getByRole('button', { name: 'Skriv under och skicka' });
    const signing = form.locator('.signing');
    await act(sign);
    await focus.expect({ state: 'signing: Skriv under och skicka', what: 'the first choice, BankID på den här enheten', target: signing.getByRole('button', { name: 'BankID på den här enheten' }), next: signing.getByRole('button', { name: 'BankID på en annan enhet' }) });
    await act(signing.getByRole('button', { name: 'BankID på en annan enhet' }));
    await signing.locator('canvas').waitFor();
    // Avbryt is the form's last control: by mouse, the next Tab would be the page's own.
    await focus.expect({ state: 'signing: BankID på en annan enhet (QR code, waiting)', what: 'Avbryt beside the QR code', target: signing.getByRole('button', { name: 'Avbryt' }), stay: true });
    await act(signing.getByRole('button', { name: 'Avbryt' }));
    await focus.expect({ state: 'signing: Avbryt while waiting', what: 'the first choice again', target: signing.getByRole('button', { name: 'BankID på den här enheten' }), next: signing.getByRole('button', { name: 'BankID på en annan enhet' }) });
    await act(signing.getByRole('button', { name: 'Avbryt' }));
    await focus.expect({ state: 'signing: Avbryt on the choice (back to the review)', what: 'Skriv under och skicka, the button signing came from', target: sign, next: back });
    await act(sign);
    await act(signing.getByRole('button', { name: 'BankID på en annan enhet' }));
    await signing.locator('canvas').waitFor();
    await approveAs(context, testApp, person, 'Underskrift');
    await focus.expect({ state: 'signing: signed in the app', what: 'the receipt’s heading', target: form.locator('.receipt__title'), next: form.getByRole('button', { name: 'Ladda ner ditt ärende som PDF' }) });
  }

  /** The page's own <eid-login>: log out, or start a login and complete it. */
  async function pageLogin(page: Page, context: BrowserContext, person: string, act: (target: Locator) => Promise<void>, focus: FocusChecker, action: 'logout' | 'login'): Promise<void> {
    const login = page.locator('.login-box eid-login');
    const otherDevice = login.getByRole('button', { name: 'BankID på en annan enhet' });
    if (action === 'logout') {
      await act(login.getByRole('button', { name: 'Logga ut' }));
      await focus.expect({ state: 'eid-login: Logga ut', what: 'the first login choice', target: login.getByRole('button', { name: 'BankID på den här enheten' }), next: otherDevice });
      return;
    }
    await act(otherDevice);
    await login.locator('canvas').waitFor();
    // Avbryt and Logga ut are the widget's last controls: by mouse, the next Tab would be the page's own.
    await focus.expect({ state: 'eid-login: BankID på en annan enhet', what: 'Avbryt beside the QR code', target: login.getByRole('button', { name: 'Avbryt' }), stay: true });
    await approveAs(context, testApp, person, 'Inloggning');
    await focus.expect({ state: 'eid-login: logged in', what: 'Logga ut', target: login.getByRole('button', { name: 'Logga ut' }), stay: true });
  }

  /** <my-cases>: delete drafts (the confirmation, Avbryt, Ja), in the order shown; `after` names where focus goes after each. */
  async function deleteDrafts(page: Page, act: (target: Locator) => Promise<void>, focus: FocusChecker, after: { target: Locator; what: string; next: Locator }[]): Promise<void> {
    const cases = page.locator('my-cases');
    await cases.locator('[part=delete-button]').first().waitFor();
    const ids = await cases.locator('[part=delete-button]').evaluateAll((buttons) => buttons.map((button) => button.id.slice('delete-'.length)));
    assert.equal(ids.length, after.length, 'the drafts listed');
    for (const [index, id] of ids.entries()) {
      const remove = cases.locator(`#delete-${id}`);
      const confirm = cases.locator('[part=confirm]');
      const yes = confirm.getByRole('button', { name: 'Ja, ta bort' });
      await act(remove);
      await focus.expect({ state: 'my-cases: Ta bort on a draft', what: 'the question to confirm', target: cases.locator(`#confirm-${id}`), next: yes });
      if (index === 0) {
        await act(confirm.getByRole('button', { name: 'Avbryt' }));
        await focus.expect({ state: 'my-cases: Avbryt on the confirmation', what: 'the draft’s Ta bort button', target: remove });
        await act(remove);
        await cases.locator(`#confirm-${id}`).waitFor();
      }
      await act(yes);
      await focus.expect({ state: `my-cases: Ja, ta bort (${after[index]!.what})`, ...after[index]! });
    }
  }

  /** <my-cases> opens the sent case; its <case-messages>: send with nothing written, follow the summary, send; back to the list. */
  async function caseAndMessages(page: Page, input: Input, act: (target: Locator) => Promise<void>, focus: FocusChecker): Promise<void> {
    const cases = page.locator('my-cases');
    const open = cases.getByRole('button', { name: 'Ansökan om skolskjuts' });
    const messages = cases.locator('case-messages');
    const textarea = messages.getByLabel('Skriv ett meddelande till handläggaren');
    await act(open);
    // The case's first control: its PDF (sent cases), before the messages.
    await focus.expect({ state: 'my-cases: open a case', what: 'the case’s heading', target: cases.locator('#details-title'), next: cases.getByRole('button', { name: 'Ladda ner ditt ärende som PDF' }) });

    const send = messages.getByRole('button', { name: 'Skicka' });
    await act(send);
    const summary = messages.locator('.error-summary');
    await focus.expect({ state: 'case-messages: Skicka with nothing written', what: 'the error summary', target: summary, next: summary.getByRole('link') });
    if (input === 'keyboard') await page.keyboard.press('Enter');
    else await summary.getByRole('link').click();
    await focus.expect({ state: 'case-messages: the link in the error summary', what: 'the message box', target: textarea, next: messages.locator('#files') });
    const text = `Finns det plats i taxin efter lovet? (${input})`;
    if (input === 'keyboard') {
      await tabTo(page, textarea);
      await page.keyboard.type(text);
    } else await textarea.fill(text);
    await act(send);
    await focus.expect({ state: 'case-messages: Skicka', what: 'the sent message', target: messages.locator('li.message', { hasText: text }), next: textarea });

    await act(cases.getByRole('button', { name: 'Tillbaka till mina ärenden' }));
    await focus.expect({ state: 'my-cases: Tillbaka till mina ärenden', what: 'the case it came from', target: open });
  }

  /** <my-profile>: save with a wrong address (the summary, its link), then save. */
  async function profile(page: Page, input: Input, act: (target: Locator) => Promise<void>, focus: FocusChecker): Promise<void> {
    const profile = page.locator('my-profile');
    const email = profile.getByLabel('E-postadress');
    const save = profile.getByRole('button', { name: 'Spara' });
    if (input === 'keyboard') {
      await tabTo(page, email);
      await page.keyboard.type('inte-en-adress');
    } else await email.fill('inte-en-adress');
    await act(save);
    const summary = profile.locator('.error-summary');
    await focus.expect({ state: 'my-profile: Spara with a wrong e-mail address', what: 'the error summary', target: summary, next: summary.getByRole('link') });
    if (input === 'keyboard') await page.keyboard.press('Enter');
    else await summary.getByRole('link').click();
    await focus.expect({ state: 'my-profile: the link in the error summary', what: 'the e-mail field', target: email, next: profile.getByLabel('Mobilnummer') });
    if (input === 'keyboard') {
      await tabTo(page, email);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('medborgare@example.com');
    } else await email.fill('medborgare@example.com');
    await act(save);
    await profile.getByText('Sparat', { exact: true }).waitFor();
    await focus.expect({ state: 'my-profile: Spara', what: 'Spara, beside “Sparat”', target: save, next: profile.getByRole('link', { name: /Ladda ner/ }) });
  }

  it('by keyboard: every action leaves focus on what it brought forward, with a visible indicator', async (t) => {
    const person = 'Anna Andersson';
    const figures = await walk('keyboard', person, async (page, context, act, focus) => {
      await faultReport(page, 'keyboard', act, focus);
      await schoolTransport(page, context, person, act, focus);
      await companyChoice(page, act, focus);
      // Two drafts to delete: the first deleted gives focus to the second, the second to the sent case.
      await saveDraft(context, 'tomtko', tomtko.version, {});
      await saveDraft(context, 'forskoleplats', forskoleplats.version, {});
      await page.goto(`${server.url}/mina-sidor.html`);
      await pageLogin(page, context, person, act, focus, 'logout');
      await pageLogin(page, context, person, act, focus, 'login');
      const cases = page.locator('my-cases');
      await deleteDrafts(page, act, focus, [
        { what: 'the next draft', target: cases.locator('h4.case__title', { hasText: 'Anmälan till tomtkön' }), next: cases.getByRole('link', { name: 'Fortsätt Anmälan till tomtkön' }) },
        { what: 'the sent case, next in the list', target: cases.locator('h4.case__title', { hasText: 'Ansökan om skolskjuts' }), next: cases.getByRole('button', { name: 'Ansökan om skolskjuts' }) },
      ]);
      await caseAndMessages(page, 'keyboard', act, focus);
      await profile(page, 'keyboard', act, focus);
    });
    t.diagnostic(figures);
  });

  it('by mouse: every click leaves focus on what it brought forward, and Tab goes on from there with a visible indicator', async (t) => {
    const person = 'Erik Andersson';
    const figures = await walk('mouse', person, async (page, context, act, focus) => {
      await faultReport(page, 'mouse', act, focus);
      await page.goto(`${server.url}/mina-sidor.html`);
      await pageLogin(page, context, person, act, focus, 'login');
      // One draft: deleted, the list is empty and its heading takes focus.
      await saveDraft(context, 'tomtko', tomtko.version, {});
      await page.reload();
      const cases = page.locator('my-cases');
      await deleteDrafts(page, act, focus, [
        { what: 'the list, now empty', target: cases.locator('#list-title'), next: page.locator('my-profile').getByLabel('E-postadress') },
      ]);
      await profile(page, 'mouse', act, focus);
      await pageLogin(page, context, person, act, focus, 'logout');
      await schoolTransport(page, context, person, act, focus);
      await page.goto(`${server.url}/mina-sidor.html`);
      await caseAndMessages(page, 'mouse', act, focus);
    });
    t.diagnostic(figures);
  });
});
