import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { tabTo } from '../keyboard-filler.js';

/**
 * At the bundled test OpenID provider's page (the e-ID broker of `npm start`) or the SAML test IdP's, by keyboard as a citizen would: the
 * test person chosen with Space, then the answer — Godkänn or Avbryt for a login, Skriv under for a signature.
 */
export async function atTestProvider(page: Page, person: string, answer: 'Godkänn' | 'Avbryt' | 'Skriv under' = 'Godkänn'): Promise<void> {
  // The OIDC test provider's page or the SAML test IdP's: off the demo's pages (which all end in .html).
  await page.waitForURL((url) => !url.pathname.endsWith('.html'));
  await page.getByRole('heading', { name: answer === 'Skriv under' ? /^Skriv under med / : /^Logga in med / }).waitFor();
  const radio = page.getByRole('radio', { name: new RegExp(person) });
  await radio.focus();
  await page.keyboard.press('Space');
  assert.equal(await radio.isChecked(), true);
  await tabTo(page, page.getByRole('button', { name: answer, exact: true }));
  await page.keyboard.press('Enter');
}

/**
 * Signs the form's case with the e-ID of a broker login: "Skriv under och skicka", then the form's "Skriv under med
 * <e-ID>" (where focus has gone), the text read and signed at the provider, and back to the page, which shows the
 * receipt. Returns the text the provider showed to be signed.
 */
export async function signAtTestProvider(page: Page, eidName: string, person: string): Promise<string> {
  const form = page.locator('e-service-form');
  await tabTo(page, form.getByRole('button', { name: 'Skriv under och skicka' }));
  await page.keyboard.press('Enter');
  const sign = form.locator('.signing').getByRole('button', { name: `Skriv under med ${eidName}` });
  await sign.waitFor();
  await tabTo(page, sign);
  const page0 = page.url();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/interaction\//);
  const text = (await page.locator('.sign-message').textContent()) ?? '';
  await atTestProvider(page, person, 'Skriv under');
  await page.waitForURL((url) => url.href.startsWith(page0.split('?')[0]!));
  return text;
}
