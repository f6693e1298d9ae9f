import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import '../../src/elements/my-cases/my-cases.js';
import '../../src/elements/my-profile/my-profile.js';
import { KitClient } from '../../src/client/kit-client.js';
import type { EidLogin } from '../../src/elements/eid-login/eid-login.component.js';
import type { MyCases } from '../../src/elements/my-cases/my-cases.component.js';
import type { MyProfile } from '../../src/elements/my-profile/my-profile.component.js';
import { MY_PAGES_BACKEND_URL, myPagesBackend } from '../../stories/support/my-pages-example.js';

/**
 * One login per page: Mina sidor logged out, with the page's own `<eid-login>` (in its header, as the demo and a
 * CMS template have it) beside `<my-cases>` and `<my-profile>`. The widgets say why to log in and lead to the
 * page's login instead of showing one each; that one login logs in every widget. Without a login on the page, a
 * widget shows its own.
 */

let pages = 0;
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const logins = (root: ParentNode) => root.querySelectorAll('eid-login').length;

async function minaSidor() {
  const base = `${MY_PAGES_BACKEND_URL}one-login${++pages}/`;
  const backend = myPagesBackend({}, base);
  const client = new KitClient(base, backend.fetch);
  const page = await fixture<HTMLElement>(html`<div>
    <header><eid-login .client=${client} .fetch=${backend.fetch}></eid-login></header>
    <main><my-cases .client=${client}></my-cases><my-profile .client=${client}></my-profile></main>
  </div>`);
  const login = page.querySelector<EidLogin>('eid-login')!;
  const cases = page.querySelector<MyCases>('my-cases')!;
  const profile = page.querySelector<MyProfile>('my-profile')!;
  const linked = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=login-link]');
  await waitUntil(() => linked(cases) && linked(profile), 'the widgets did not lead to the page\'s login', { timeout: 5000 });
  return { page, login, cases, profile, linked };
}

describe('one login per page', () => {
  it('shows Mina sidor logged out with one login: the widgets say why and lead to the page\'s, accessibly', async () => {
    const { page, cases, profile, linked } = await minaSidor();
    expect(logins(page) + logins(cases.shadowRoot!) + logins(profile.shadowRoot!)).to.equal(1);
    expect(text(cases.shadowRoot!.querySelector('[part=login-notice]'))).to.equal('Logga in med e-legitimation för att se dina ärenden.');
    expect(text(linked(cases))).to.equal('Till inloggningen');
    await expect(cases).to.be.accessible();
    await expect(profile).to.be.accessible();
  });

  it('leads to the page\'s login by keyboard, and that login logs in every widget on the page', async () => {
    const { login, cases, profile, linked } = await minaSidor();
    linked(cases)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => login.shadowRoot!.activeElement?.tagName === 'BUTTON', 'focus did not move to the page\'s login');
    expect(text(login.shadowRoot!.activeElement)).to.equal('BankID på den här enheten');
    // The fake backend completes a login at once: BankID on another device, from the page's login.
    const other = [...login.shadowRoot!.querySelectorAll('button')].find((button) => text(button) === 'BankID på en annan enhet')!;
    other.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cases.shadowRoot!.querySelector('.case'), 'the cases did not show after the page\'s login', { timeout: 5000 });
    await waitUntil(() => !profile.shadowRoot!.querySelector('[part=login-link]'), 'the profile still asks for a login', { timeout: 5000 });
  });

  it('shows a login of the widget\'s own where the page has none', async () => {
    const base = `${MY_PAGES_BACKEND_URL}one-login${++pages}/`;
    const backend = myPagesBackend({}, base);
    const cases = await fixture<MyCases>(html`<my-cases .client=${new KitClient(base, backend.fetch)}></my-cases>`);
    await waitUntil(() => cases.shadowRoot!.querySelector('eid-login'), 'no login of its own');
    expect(cases.shadowRoot!.querySelector('[part=login-link]')).to.equal(null);
  });
});
