import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import '../../src/elements/my-profile/my-profile.js';
import { KitClient } from '../../src/client/kit-client.js';
import type { MyProfile } from '../../src/elements/my-profile/my-profile.component.js';
import { CITIZEN, EMPTY_PROFILE, MY_PAGES_BACKEND_URL, PROFILE, myPagesBackend, type MyPagesScript } from '../../stories/support/my-pages-example.js';
import { axeNeedsReview, focused, shadow } from './helpers.js';

/** <my-profile> against a scripted fake backend passed as the KitClient's fetch; each test has a backend URL of its own. */

let tests = 0;

async function mount(script: MyPagesScript) {
  const base = `${MY_PAGES_BACKEND_URL}profile${++tests}/`;
  const backend = myPagesBackend(script, base);
  const client = new KitClient(base, backend.fetch);
  const el = await fixture<MyProfile>(html`<my-profile .client=${client}></my-profile>`);
  return { el, backend, client };
}

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const input = (el: HTMLElement, id: string) => shadow(el).querySelector<HTMLInputElement>(`#${id}`)!;
const save = (el: HTMLElement) => shadow(el).querySelector<HTMLButtonElement>('[part=save-button]')!;
const saved = (el: HTMLElement) => text(shadow(el).querySelector('[part=saved]'));

async function ready(el: MyProfile) {
  await waitUntil(() => shadow(el).querySelector('form'), 'the form did not appear', { timeout: 5000 });
  await el.updateComplete;
}

async function press(target: HTMLElement, key = 'Enter') {
  target.focus();
  await sendKeys({ press: key });
}

/** Empties a text box and types into it, as a keyboard user does. */
async function retype(el: HTMLElement, id: string, value: string) {
  const box = input(el, id);
  box.focus();
  box.select();
  await sendKeys({ press: 'Backspace' });
  if (value) await sendKeys({ type: value });
}

describe('<my-profile>', () => {
  it('asks for a login when nobody is logged in', async () => {
    const { el } = await mount({});
    await waitUntil(() => shadow(el).querySelector('eid-login'));
    expect(text(shadow(el).querySelector('[part=login-notice]'))).to.equal('Logga in med e-legitimation för att se och ändra dina uppgifter.');
    await expect(el).to.be.accessible();
  });

  it('is loading while the details are on their way', async () => {
    const { el } = await mount({ user: CITIZEN, profile: ['never'] });
    await waitUntil(() => text(shadow(el).querySelector('[part=loading]')) === 'Hämtar dina uppgifter…');
    await expect(el).to.be.accessible();
  });

  it('says when the details could not be loaded, and tries again', async () => {
    const { el } = await mount({ user: CITIZEN, profile: ['network-error', PROFILE] });
    await waitUntil(() => shadow(el).querySelector('[part=load-error]'));
    expect(text(shadow(el).querySelector('[part=load-error] p'))).to.equal('Dina uppgifter kunde inte hämtas just nu.');
    await expect(el).to.be.accessible();
    await press(shadow(el).querySelector<HTMLButtonElement>('[part=retry-button]')!);
    await ready(el);
    expect(input(el, 'email').value).to.equal(PROFILE.email);
  });

  it('says when nothing is stored yet', async () => {
    const { el } = await mount({ user: CITIZEN, profile: [EMPTY_PROFILE] });
    await ready(el);
    expect(text(shadow(el).querySelector('[part=empty]'))).to.equal('Du har inte lämnat några kontaktuppgifter ännu.');
    expect(input(el, 'notify-none').checked).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows what is stored, with autocomplete, and the download of everything stored', async () => {
    const { el, client } = await mount({ user: CITIZEN });
    await ready(el);
    await expect(el).to.be.accessible();
    expect(input(el, 'email').value).to.equal('anna.andersson@example.se');
    expect(input(el, 'email').autocomplete).to.equal('email');
    expect(input(el, 'phone').value).to.equal('070-123 45 67');
    expect(input(el, 'phone').type).to.equal('tel');
    expect(text(shadow(el).querySelector('legend'))).to.equal('Hur vill du få besked?');
    expect(input(el, 'notify-email').checked).to.equal(true);
    expect(shadow(el).querySelector('[part=empty]')).to.equal(null);
    const link = shadow(el).querySelector<HTMLAnchorElement>('[part=export-link]')!;
    expect(text(link)).to.equal('Ladda ner allt vi har sparat om dig');
    expect(link.href).to.equal(`${client.baseUrl}api/my/export`);
    expect(link.hasAttribute('download')).to.equal(true);
  });

  it('shows errors GOV.UK style: a focused summary with links, and a message beside each field', async () => {
    const { el, backend } = await mount({ user: CITIZEN });
    await ready(el);
    await retype(el, 'email', 'anna@');
    await retype(el, 'phone', '');
    // Text message, with no number.
    await press(input(el, 'notify-sms'), 'Space');
    await press(save(el));
    await el.updateComplete;
    const summary = shadow(el).querySelector<HTMLElement>('[part=error-summary]')!;
    expect(focused(el)).to.equal(summary);
    expect([...summary.querySelectorAll('a')].map(text)).to.deep.equal([
      'Skriv e-postadressen i rätt format, till exempel namn@exempel.se',
      'Skriv ditt mobilnummer, eller välj ett annat sätt att få besked',
    ]);
    expect(text(shadow(el).querySelector('#email-error'))).to.equal('Fel: Skriv e-postadressen i rätt format, till exempel namn@exempel.se');
    expect(input(el, 'email').getAttribute('aria-describedby')).to.equal('email-error');
    expect(input(el, 'phone').getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    expect(await axeNeedsReview(el, ['aria-prohibited-attr'])).to.deep.equal([]);
    await press(summary.querySelectorAll('a')[1]!);
    expect(focused(el)).to.equal(input(el, 'phone'));
    expect(backend.sent.some((r) => r.method === 'PUT')).to.equal(false);
  });

  it('refuses a malformed phone number', async () => {
    const { el } = await mount({ user: CITIZEN });
    await ready(el);
    await retype(el, 'phone', 'ring mig');
    await press(save(el));
    await el.updateComplete;
    expect(text(shadow(el).querySelector('#phone-error'))).to.equal('Fel: Skriv mobilnumret med siffror, till exempel 070-123 45 67');
  });

  it('saves by keyboard, busy meanwhile, and says "Sparat"', async () => {
    const { el, backend } = await mount({ user: CITIZEN });
    await ready(el);
    await retype(el, 'email', 'anna@example.org');
    await press(input(el, 'notify-sms'), 'Space');
    const fired = oneEvent(el, 'my-profile-saved');
    await press(save(el));
    const { detail } = await fired;
    expect(detail.profile).to.deep.equal({ notifyBy: 'sms', email: 'anna@example.org', phone: '070-123 45 67' });
    expect(backend.sent.find((r) => r.method === 'PUT')?.body).to.deep.equal({ notifyBy: 'sms', email: 'anna@example.org', phone: '070-123 45 67' });
    await el.updateComplete;
    expect(saved(el)).to.equal('Sparat');
    expect(shadow(el).querySelector('[part=saved]')!.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
    // A change makes "Sparat" untrue.
    await retype(el, 'phone', '070-000 00 00');
    await el.updateComplete;
    expect(saved(el)).to.equal('');
  });

  it('is busy while saving', async () => {
    const { el } = await mount({ user: CITIZEN, saveProfile: ['never'] });
    await ready(el);
    await press(save(el));
    await el.updateComplete;
    expect(text(save(el))).to.equal('Sparar…');
    expect(save(el).getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('keeps what was typed when saving fails, and shows the backend\'s field errors beside the fields', async () => {
    const { el } = await mount({
      user: CITIZEN,
      saveProfile: [
        'network-error',
        { problem: { status: 422, title: 'Fel', errors: [{ path: 'email', code: 'invalid', message: 'Adressen tar inte emot e-post' }] } },
      ],
    });
    await ready(el);
    await retype(el, 'email', 'anna@example.org');
    await press(save(el));
    await waitUntil(() => shadow(el).querySelector('[part=save-error]'));
    expect(text(shadow(el).querySelector('[part=save-error]'))).to.equal('Det gick inte att spara. Det du skrev finns kvar – försök igen.');
    expect(input(el, 'email').value).to.equal('anna@example.org');
    await expect(el).to.be.accessible();
    await press(save(el));
    await waitUntil(() => shadow(el).querySelector('#email-error'));
    expect(text(shadow(el).querySelector('#email-error'))).to.equal('Fel: Adressen tar inte emot e-post');
    expect(shadow(el).querySelector('[part=save-error]')).to.equal(null);
  });

  it('speaks English', async () => {
    const { el } = await mount({ user: CITIZEN });
    el.lang = 'en';
    await ready(el);
    await waitUntil(() => text(shadow(el).querySelector('h2')) === 'My details');
    expect(text(shadow(el).querySelector('legend'))).to.equal('How do you want to hear from us?');
    await expect(el).to.be.accessible();
  });
});
