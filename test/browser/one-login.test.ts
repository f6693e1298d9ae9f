import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import '../../src/elements/my-cases/my-cases.js';
import '../../src/elements/my-profile/my-profile.js';
import { KitClient } from '../../src/client/kit-client.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import type { EidLogin } from '../../src/elements/eid-login/eid-login.component.js';
import type { MyCases } from '../../src/elements/my-cases/my-cases.component.js';
import type { MyProfile } from '../../src/elements/my-profile/my-profile.component.js';
import { EID_BACKEND_URL, EID_SERVICE_ID, eidBackend } from '../../stories/support/eid-example.js';
import { MY_PAGES_BACKEND_URL, myPagesBackend } from '../../stories/support/my-pages-example.js';

/**
 * One login per page: Mina sidor logged out, with the page's own `<eid-login>` (in its header, as the demo and a
 * CMS template have it) beside `<my-cases>` and `<my-profile>`. The widgets say why to log in and lead to the
 * page's login instead of showing one each; that one login logs in every widget. Without a login on the page, a
 * widget shows its own. The same on an e-service's page (`login: required`) whose municipality has an e-ID broker: the
 * one login offers the broker's e-IDs beside BankID, and the form leads there.
 */

let pages = 0;
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const logins = (root: ParentNode) => root.querySelectorAll('eid-login').length;

/** The e-IDs <eid-login> offers with the backend's e-ID broker: BankID's two, then the broker's. */
const WITH_BROKER = ['BankID på den här enheten', 'BankID på en annan enhet', 'Freja eID', 'Telia', 'Utländsk e-legitimation (eIDAS)'];

/** A fake backend's fetch, with an e-ID broker beside BankID that offers Freja eID, Telia and eIDAS. */
function withBroker(fetch: typeof window.fetch): typeof window.fetch {
  return (input, init) => new URL(String(input)).pathname.endsWith('/api/eid/methods')
    ? Promise.resolve(new Response(JSON.stringify({ bankId: true, broker: ['freja', 'telia', 'eidas'] }), { headers: { 'Content-Type': 'application/json' } }))
    : fetch(input, init);
}

const loginButtons = (login: EidLogin) => [...login.shadowRoot!.querySelectorAll('button')].map((button) => text(button));
async function brokerChoice(login: EidLogin) {
  await waitUntil(() => login.shadowRoot?.querySelector('[part~=broker-button]'), 'the broker\'s e-IDs did not show', { timeout: 5000 });
  await login.updateComplete;
}

async function minaSidor({ broker = false } = {}) {
  const base = `${MY_PAGES_BACKEND_URL}one-login${++pages}/`;
  const backend = myPagesBackend({}, base);
  const fetch = broker ? withBroker(backend.fetch) : backend.fetch;
  const client = new KitClient(base, fetch);
  const page = await fixture<HTMLElement>(html`<div>
    <header><eid-login .client=${client} .fetch=${fetch}></eid-login></header>
    <main><my-cases .client=${client}></my-cases><my-profile .client=${client}></my-profile></main>
  </div>`);
  const login = page.querySelector<EidLogin>('eid-login')!;
  const cases = page.querySelector<MyCases>('my-cases')!;
  const profile = page.querySelector<MyProfile>('my-profile')!;
  const linked = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=login-link]');
  await waitUntil(() => linked(cases) && linked(profile), 'the widgets did not lead to the page\'s login', { timeout: 5000 });
  return { page, login, cases, profile, linked };
}

/** An e-service's page: its own <eid-login> in the header, and the form of an e-service with `login: required`. */
async function eServicePage() {
  const base = `${EID_BACKEND_URL}one-login${++pages}/`;
  const backend = eidBackend({}, base);
  const fetch = withBroker(backend.fetch);
  const client = new KitClient(base, fetch);
  const page = await fixture<HTMLElement>(html`<div>
    <header><eid-login .client=${client} .fetch=${fetch}></eid-login></header>
    <main><e-service-form service=${EID_SERVICE_ID} .client=${client}></e-service-form></main>
  </div>`);
  const login = page.querySelector<EidLogin>('eid-login')!;
  const form = page.querySelector<EServiceForm>('e-service-form')!;
  const linked = () => form.shadowRoot!.querySelector<HTMLButtonElement>('[part=login-link]');
  await waitUntil(linked, 'the form did not lead to the page\'s login', { timeout: 5000 });
  await brokerChoice(login);
  return { page, login, form, linked };
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
  it('shows Mina sidor with an e-ID broker logged out with one login, which offers the broker\'s e-IDs beside BankID', async () => {
    const { page, login, cases, profile, linked } = await minaSidor({ broker: true });
    await brokerChoice(login);
    expect(logins(page) + logins(cases.shadowRoot!) + logins(profile.shadowRoot!)).to.equal(1);
    expect(loginButtons(login)).to.deep.equal(WITH_BROKER);
    expect(text(linked(profile))).to.equal('Till inloggningen');
    linked(profile)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => login.shadowRoot!.activeElement?.tagName === 'BUTTON', 'focus did not move to the page\'s login');
    expect(text(login.shadowRoot!.activeElement)).to.equal('BankID på den här enheten');
    await expect(login).to.be.accessible();
    await expect(cases).to.be.accessible();
  });

  it('shows an e-service\'s page logged out with one login, the choice with the broker\'s e-IDs, and the form only says why and leads there', async () => {
    const { page, login, form, linked } = await eServicePage();
    expect(logins(page) + logins(form.shadowRoot!)).to.equal(1);
    expect(loginButtons(login)).to.deep.equal(WITH_BROKER);
    expect(text(form.shadowRoot!.querySelector('[part=login-notice]'))).to.equal(
      'Du behöver logga in med e-legitimation för att använda den här e-tjänsten. Dina uppgifter hämtas då från folkbokföringen.');
    expect(text(linked())).to.equal('Till inloggningen');
    // No questions before the login.
    expect(form.shadowRoot!.querySelector('form')).to.equal(null);
    await expect(form).to.be.accessible();
    await expect(login).to.be.accessible();
  });

  it('leads from the e-service\'s form to the page\'s login by keyboard, and that login logs the form in: its questions appear', async () => {
    const { login, form, linked } = await eServicePage();
    linked()!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => login.shadowRoot!.activeElement?.tagName === 'BUTTON', 'focus did not move to the page\'s login');
    expect(text(login.shadowRoot!.activeElement)).to.equal('BankID på den här enheten');
    // The fake backend completes a login at once: BankID on another device, from the page's login.
    await sendKeys({ press: 'Tab' });
    expect(text(login.shadowRoot!.activeElement)).to.equal('BankID på en annan enhet');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => form.shadowRoot!.querySelector('form'), 'the form\'s questions did not appear after the page\'s login', { timeout: 5000 });
    expect(linked()).to.equal(null);
    expect(form.shadowRoot!.querySelector('eid-login')).to.equal(null);
    await expect(form).to.be.accessible();
  });
});
