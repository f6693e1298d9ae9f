import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { KitClient } from '../../src/client/kit-client.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import { isGoogleChrome, renderSigningNotice } from '../../src/elements/e-service-form/broker-signing.js';
import { ANNA, ANNA_ANSWERS, CASE_NUMBER, EID_BACKEND_URL, EID_DEFINITION, EID_SERVICE_ID, SIGNED, eidBackend, type EidScript } from '../../stories/support/eid-example.js';
import { shadow } from './helpers.js';

/**
 * Signing an e-service with the e-ID of a login through the municipality's e-ID broker (Freja eID, Telia, eIDAS):
 * the form offers "Skriv under med Freja eID" in place of BankID's ways, sends the citizen to the broker with this
 * page to come back to, and — back with `esk-signing` in the address and the answers restored from the tab — asks
 * how the signing went and shows the receipt. Against the scripted fake backend of the e-ID tests (the broker's own
 * page is another site, played in test/e2e/broker-login.test.ts).
 */

let tests = 0;
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const buttons = (root: ParentNode) => [...root.querySelectorAll('button')].map((b) => text(b));
const buttonIn = (root: ParentNode, label: string) => {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label);
  if (!found) throw new Error(`no button "${label}" (there are: ${buttons(root).join(', ')})`);
  return found;
};
const until = (what: () => unknown, message: string) => waitUntil(what, message, { timeout: 5000 });
const activeIn = (el: EServiceForm) => shadow(el).activeElement;

/** The form on a page, for a citizen logged in with the e-ID the script says; answers kept in the tab as on review. */
async function mount(script: EidScript, { onReview = false } = {}) {
  const base = `${EID_BACKEND_URL}broker${++tests}/`;
  const backend = eidBackend({ user: ANNA, ...script }, base);
  if (onReview) {
    sessionStorage.setItem(`esk:form:${base}:${EID_SERVICE_ID}`, JSON.stringify({ version: EID_DEFINITION.version, answers: ANNA_ANSWERS, review: true, owner: '198001012387' }));
  }
  const client = new KitClient(base, backend.fetch);
  const el = await fixture<EServiceForm>(html`<e-service-form service=${EID_SERVICE_ID} .client=${client}></e-service-form>`);
  await until(() => shadow(el).querySelector('form'), 'the questions did not appear');
  await el.updateComplete;
  return { el, backend };
}

/** Back from the broker: this page's address, naming the signing. */
function cameBackFrom(orderRef: string) {
  const url = new URL(location.href);
  url.searchParams.set('esk-signing', orderRef);
  history.replaceState(history.state, '', url.href);
}

describe('<e-service-form> signing at the e-ID broker', () => {
  const page = location.href;
  beforeEach(() => sessionStorage.clear());
  afterEach(() => history.replaceState(history.state, '', page));

  it('offers to sign with the e-ID of the login, by keyboard and accessibly, and goes to the broker with this page to come back to', async () => {
    // A broker page the kit will not go to (not a web address): the start is seen, the test page stays.
    const { el, backend } = await mount({ eid: 'freja', signStart: [{ orderRef: 'sign-1', authorizationUrl: 'javascript:alert(1)' }] }, { onReview: true });
    await until(() => text(shadow(el).querySelector('.page-title')) === 'Granska dina uppgifter', 'the answers kept in the tab did not come back');
    buttonIn(shadow(el), 'Skriv under och skicka').focus();
    await sendKeys({ press: 'Enter' });
    const signing = await until(() => shadow(el).querySelector('.signing'), 'signing did not open').then(() => shadow(el).querySelector('.signing')!);
    expect(text(signing.querySelector('h3'))).to.equal('Skriv under med Freja eID');
    expect(text(signing)).to.contain('Du kommer till Freja eID för att skriva under och sedan tillbaka hit');
    expect(buttons(signing), 'no BankID here: the login was Freja eID').to.deep.equal(['Skriv under med Freja eID', 'Tillbaka']);
    await until(() => text(activeIn(el)) === 'Skriv under med Freja eID', 'focus did not move to signing');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Enter' });
    await until(() => backend.sent.some((r) => r.path === 'api/signatures' && r.method === 'POST'), 'the signing was not started');
    const started = backend.sent.find((r) => r.path === 'api/signatures')!.body as { method: string; returnUrl: string; answers: unknown };
    expect(started.method).to.equal('broker');
    expect(started.returnUrl).to.equal(page.split('#')[0]);
    expect(started.answers).to.deep.include({ reason: ANNA_ANSWERS.reason });
    // Anything but a web page from the backend is not followed: the citizen is told, and stays with the answers.
    await until(() => text(shadow(el).querySelector('[part=signing-status]')).startsWith('Det gick inte att nå e-tjänsten.'), 'no message');
    expect(location.href).to.equal(page);
    await expect(el).to.be.accessible();

    // Tillbaka: back to the review's buttons, focus on the one signing came from.
    buttonIn(signing, 'Tillbaka').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => text(activeIn(el)) === 'Skriv under och skicka', 'focus did not return');
  });

  it('back from the broker, signed: the answers restored, the case made, the receipt shown, and the address forgets the signing', async () => {
    cameBackFrom('sign-7');
    const { el, backend } = await mount({ eid: 'freja', signOrders: [{ status: 'pending' }, { status: 'complete', result: SIGNED }] }, { onReview: true });
    await until(() => shadow(el).querySelector('[data-case-number]'), 'no receipt');
    expect(text(shadow(el).querySelector('[data-case-number]'))).to.equal(CASE_NUMBER);
    expect(backend.sent.filter((r) => r.path === 'api/signatures/sign-7').length).to.equal(2);
    expect(new URL(location.href).searchParams.has('esk-signing')).to.equal(false);
    expect(sessionStorage.length, 'the sent answers leave the tab').to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('back from the broker, cancelled: says so, keeps the answers, and offers to try again', async () => {
    cameBackFrom('sign-8');
    const { el } = await mount({ eid: 'telia', signOrders: [{ status: 'failed', hintCode: 'userCancel' }] }, { onReview: true });
    await until(() => text(shadow(el).querySelector('[part=signing-status]')).startsWith('Underskriften avbröts.'), 'no message');
    const signing = shadow(el).querySelector('.signing')!;
    expect(text(signing.querySelector('h3'))).to.equal('Skriv under med Telia e-legitimation');
    expect(buttons(signing)).to.deep.equal(['Försök igen', 'Tillbaka']);
    await until(() => text(activeIn(el)) === 'Försök igen', 'focus did not go to Try again');
    expect(text(shadow(el).querySelector('.page-title'))).to.equal('Granska dina uppgifter');
    await expect(el).to.be.accessible();
  });

  it('says before the citizen starts that the e-ID of the login cannot sign this e-service, in Swedish and English', async () => {
    const { el } = await mount({ eid: 'eidas', eidSigns: false });
    await until(() => shadow(el).querySelector('[part=signing-notice]'), 'no notice');
    expect(text(shadow(el).querySelector('[part=signing-notice]'))).to.match(/^Du är inloggad med din utländska e-legitimation, som inte kan användas för att skriva under/);
    await expect(el).to.be.accessible();
    el.lang = 'en';
    await until(() => text(shadow(el).querySelector('[part=signing-notice]')).startsWith('You are logged in with your foreign eID, which cannot be used to sign'), 'no English notice');
  });

  it('says that Telia cannot sign in Google Chrome, and which browsers to use; nothing for Freja eID, BankID or another browser', () => {
    const shownFor = (eid: string, signs: boolean, chrome: boolean, lang: 'sv' | 'en' = 'sv') => {
      const host = document.createElement('div');
      render(renderSigningNotice(eid, signs, lang, chrome), host);
      return text(host);
    };
    expect(shownFor('telia', true, true)).to.equal('Telia e-legitimation kan inte skriva under i Google Chrome, bara logga in. Använd Firefox, Microsoft Edge eller Safari när du ska skriva under.');
    expect(shownFor('telia', true, true, 'en')).to.contain('Use Firefox, Microsoft Edge or Safari when you sign.');
    expect(shownFor('telia', true, false)).to.equal('');
    expect(shownFor('freja', true, true)).to.equal('');
    expect(shownFor('bankid', true, true)).to.equal('');
  });

  it('knows Google Chrome by its brand, and Edge, Opera and Chromium as not Chrome', () => {
    const nav = (brands: string[] | undefined, userAgent = '') =>
      ({ userAgent, ...(brands ? { userAgentData: { brands: brands.map((brand) => ({ brand, version: '131' })) } } : {}) }) as unknown as Navigator;
    expect(isGoogleChrome(nav(['Google Chrome', 'Chromium', 'Not_A Brand']))).to.equal(true);
    expect(isGoogleChrome(nav(['Microsoft Edge', 'Chromium']))).to.equal(false);
    expect(isGoogleChrome(nav(['Chromium', 'Not_A Brand']))).to.equal(false);
    // Where the browser does not say its brand (Safari, Firefox, an older Chrome): by the user agent.
    expect(isGoogleChrome(nav(undefined, 'Mozilla/5.0 (Macintosh) AppleWebKit/537.36 Chrome/109.0 Safari/537.36'))).to.equal(true);
    expect(isGoogleChrome(nav(undefined, 'Mozilla/5.0 AppleWebKit/537.36 Chrome/109.0 Safari/537.36 Edg/109.0'))).to.equal(false);
    expect(isGoogleChrome(nav(undefined, 'Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15'))).to.equal(false);
  });
});
