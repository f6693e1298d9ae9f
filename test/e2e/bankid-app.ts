import assert from 'node:assert/strict';
import type { BrowserContext, Page, Request, Response } from 'playwright-core';
import type { RunningServer } from '../support/start-server.mjs';
import { isFocused, tabTo } from './keyboard-filler.js';

/**
 * Playing the BankID app in end-to-end tests: the simulator's test app page, which
 * `npm start` names in its output, approves a pending login or signing as a test person.
 */

export async function testAppUrl(server: RunningServer): Promise<string> {
  const deadline = Date.now() + 10_000;
  let match: RegExpExecArray | null = null;
  while (!(match = /Play the BankID app at (http:\/\/\S+)/.exec(server.output())) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(match, `the server names the simulator's test app:\n${server.output()}`);
  return match[1]!;
}

/** Approves the one pending order (a login or a signing) in the test app, as the person named. */
export async function approveAs(context: BrowserContext, testApp: string, name: string, kind: 'Inloggning' | 'Underskrift'): Promise<void> {
  const app = await context.newPage();
  await app.goto(testApp);
  const order = app.getByRole('region', { name: new RegExp(`^${kind} `) });
  await order.getByRole('button', { name: `Godkänn som ${name}` }).click();
  await app.getByText(`${name} har godkänt.`).waitFor();
  await app.close();
}

const WORDS = {
  sv: { thisDevice: 'BankID på den här enheten', otherDevice: 'BankID på en annan enhet', sign: 'Skriv under och skicka', toLogin: 'Till inloggningen' },
  en: { thisDevice: 'BankID on this device', otherDevice: 'BankID on another device', sign: 'Sign and send', toLogin: 'Go to the login' },
};

/** Logs in inside an e-service that needs e-ID, by keyboard: "another device", then the app approves. */
export async function logInToForm(page: Page, testApp: string, name: string, lang: 'sv' | 'en'): Promise<void> {
  const form = page.locator('e-service-form');
  // One login per page: a page with a login of its own (its header's) has the form lead there.
  const toPage = form.getByRole('button', { name: WORDS[lang].toLogin });
  await form.locator('[part=login-link], eid-login').first().waitFor();
  if (await toPage.count()) {
    await tabTo(page, toPage);
    await page.keyboard.press('Enter');
  }
  // The one login on the page: the form's own, or the page's it led to.
  const login = page.locator('eid-login');
  await tabTo(page, login.getByRole('button', { name: WORDS[lang].otherDevice }));
  await page.keyboard.press('Enter');
  await login.locator('canvas').waitFor();
  await approveAs(page.context(), testApp, name, 'Inloggning');
  await form.locator('.page-title').waitFor();
}

/** On the review page: "Skriv under och skicka", "another device", and the app approves. */
export async function signInForm(page: Page, testApp: string, name: string, lang: 'sv' | 'en'): Promise<void> {
  const form = page.locator('e-service-form');
  await tabTo(page, form.getByRole('button', { name: WORDS[lang].sign }));
  await page.keyboard.press('Enter');
  // The form gives focus to its first way of signing once it has drawn them: a Tab pressed before that would
  // be undone, and Enter would start signing on this device instead (no QR code).
  const first = form.locator('.signing').getByRole('button', { name: WORDS[lang].thisDevice });
  await first.waitFor();
  for (let waited = 0; !(await isFocused(first)); waited += 50) {
    if (waited > 5_000) throw new Error('focus did not move to the first way of signing');
    await page.waitForTimeout(50);
  }
  await tabTo(page, form.locator('.signing').getByRole('button', { name: WORDS[lang].otherDevice }));
  // What the backend answered while the signing started, to say why should the QR code not come.
  const answers: string[] = [];
  const onResponse = async (response: Response) => {
    if (!response.url().includes('/api/')) return;
    const body = response.status() >= 400 ? ` ${await response.text().catch(() => '')}` : '';
    answers.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}${body}`);
  };
  const onFailed = (request: Request) => answers.push(`failed ${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  await page.keyboard.press('Enter');
  await form.locator('.signing canvas').waitFor().catch(async (error: Error) => {
    const shown = await form.locator('.signing').innerText({ timeout: 1_000 }).catch(() => '(no signing area)');
    throw new Error(`${error.message}\nthe signing area said: ${shown.replace(/\s+/g, ' ').trim()}\nthe backend answered:\n${answers.join('\n')}`);
  }).finally(() => {
    page.off('response', onResponse);
    page.off('requestfailed', onFailed);
  });
  await approveAs(page.context(), testApp, name, 'Underskrift');
}
