import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { LoginMethods, SessionState } from '../../src/contract/eid.js';
import { brokerNavigation } from '../../src/elements/eid-login/broker-choice.js';
import type { EidLogin } from '../../src/elements/eid-login/eid-login.component.js';

/**
 * <eid-login> offering the e-IDs of the municipality's e-ID broker beside BankID — Freja eID, Telia, a foreign
 * eID — against a scripted fake backend (each test a backend of its own: the e-IDs offered are asked once per
 * backend and page). Choosing one goes to the broker's page; coming back, the widget says how it went.
 */

const USER = { name: 'Anna Andersson', givenName: 'Anna', surname: 'Andersson' };
let backends = 0;

interface Script {
  session?: SessionState;
  methods?: LoginMethods | 'missing';
  /** POST api/eid/broker/login: the broker's page, or a refusal. */
  start?: { authorizationUrl: string } | { problem: string; status: number };
}

function mountWith(script: Script) {
  const base = `https://etjanster${++backends}.kommun.se/`;
  const sent: { method: string; path: string; body?: unknown }[] = [];
  const json = (value: unknown, status = 200, type = 'application/json') => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': type } });
  const fetch: typeof window.fetch = async (input, init) => {
    const path = new URL(String(input)).pathname.slice(1);
    const method = init?.method ?? 'GET';
    sent.push({ method, path, ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}) });
    if (path === 'api/session') return json(script.session ?? { authenticated: false });
    if (path === 'api/eid/methods') {
      return script.methods === 'missing'
        ? json({ type: '/problems/not-found', title: 'Not Found', status: 404 }, 404, 'application/problem+json')
        : json(script.methods ?? { bankId: true, broker: ['freja', 'telia', 'eidas'] });
    }
    if (path === 'api/eid/broker/login') {
      const start = script.start ?? { authorizationUrl: 'https://broker.example.se/authorize?state=s' };
      return 'problem' in start
        ? json({ type: '/problems/eid-broker-unavailable', title: start.problem, status: start.status }, start.status, 'application/problem+json')
        : json(start);
    }
    return json({ type: '/problems/not-found', title: 'Not Found', status: 404 }, 404, 'application/problem+json');
  };
  return { base, fetch, sent };
}

async function mount(script: Script, lang = 'sv') {
  const { base, fetch, sent } = mountWith(script);
  const el = await fixture<EidLogin>(html`<eid-login backend=${base} lang=${lang} .fetch=${fetch}></eid-login>`);
  return { el, sent };
}

const shadow = (el: EidLogin) => el.shadowRoot!;
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const status = (el: EidLogin) => text(shadow(el).querySelector('[role=status]'));
const buttons = (el: EidLogin) => [...shadow(el).querySelectorAll('button')].map((b) => text(b));
const brokerButtons = async (el: EidLogin) => {
  await waitUntil(() => shadow(el).querySelector('[part~=broker-button]'), 'the other e-IDs did not show', { timeout: 5000 });
  await el.updateComplete;
};

describe('<eid-login> with an e-ID broker', () => {
  let visited: string[];
  const assign = brokerNavigation.assign;
  const page = location.href;

  beforeEach(() => {
    visited = [];
    brokerNavigation.assign = (url) => void visited.push(url);
  });
  afterEach(() => {
    brokerNavigation.assign = assign;
    history.replaceState(history.state, '', page);
  });

  it('offers Freja eID, Telia and a foreign eID under BankID\'s two, as the backend offers them, accessibly', async () => {
    const { el } = await mount({});
    await brokerButtons(el);
    expect(text(shadow(el).querySelector('h2'))).to.equal('Logga in med e-legitimation');
    expect(buttons(el)).to.deep.equal(['BankID på den här enheten', 'BankID på en annan enhet', 'Freja eID', 'Telia', 'Utländsk e-legitimation (eIDAS)']);
    const group = shadow(el).querySelector('[role=group]')!;
    expect(group.getAttribute('aria-label')).to.equal('Andra e-legitimationer');
    await expect(el).to.be.accessible();
  });

  it('goes to the broker\'s page for Freja eID by keyboard: this page is where the broker sends the citizen back', async () => {
    const { el, sent } = await mount({});
    await brokerButtons(el);
    const freja = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part~=broker-button]')][0]!;
    freja.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => visited.length === 1, 'the browser was not sent to the broker');
    expect(visited).to.deep.equal(['https://broker.example.se/authorize?state=s']);
    expect(sent.find((request) => request.path === 'api/eid/broker/login')).to.deep.equal({
      method: 'POST', path: 'api/eid/broker/login', body: { eid: 'freja', returnUrl: location.href.split('#')[0] },
    });
    expect(status(el)).to.equal('Du skickas till inloggningen…');

    // Back from the broker with the browser's Back button, the page as it was kept: the choice is open again.
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await el.updateComplete;
    expect(status(el)).to.equal('');
    expect(freja.getAttribute('aria-disabled')).to.equal('false');
  });

  it('says so when the login was cancelled at the broker, and takes the word out of the address', async () => {
    history.replaceState(history.state, '', `${location.pathname}?esk-login=cancelled`);
    const { el } = await mount({});
    await brokerButtons(el);
    expect(status(el)).to.equal('Inloggningen avbröts. Du kan försöka igen eller välja en annan e-legitimation.');
    expect(shadow(el).querySelector('[role=status]')!.classList.contains('status--error')).to.equal(true);
    expect(new URL(location.href).searchParams.has('esk-login')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('says why when the e-ID has no Swedish personnummer', async () => {
    history.replaceState(history.state, '', `${location.pathname}?esk-login=noPersonalNumber`);
    const { el } = await mount({});
    await brokerButtons(el);
    expect(status(el)).to.equal('Din e-legitimation har inget svenskt personnummer eller samordningsnummer, och det behövs för att logga in här.');
  });

  it('shows the citizen logged in after coming back from the broker', async () => {
    history.replaceState(history.state, '', `${location.pathname}?esk-login=done`);
    const { el } = await mount({ session: { authenticated: true, user: USER } });
    await waitUntil(() => shadow(el).textContent!.includes('Inloggad som Anna Andersson'), 'not shown as logged in');
    await waitUntil(() => status(el) === 'Du är inloggad.', `status: ${status(el)}`);
    expect(new URL(location.href).searchParams.has('esk-login')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('offers only the e-IDs the backend names that the kit knows; BankID alone when the backend names none', async () => {
    const some = await mount({ methods: { bankId: true, broker: ['telia', 'somethingNew' as never] } });
    await brokerButtons(some.el);
    expect(buttons(some.el)).to.deep.equal(['BankID på den här enheten', 'BankID på en annan enhet', 'Telia']);

    const older = await mount({ methods: 'missing' });
    await waitUntil(() => older.sent.some((request) => request.path === 'api/eid/methods'), 'the methods were not asked');
    await older.el.updateComplete;
    expect(buttons(older.el)).to.deep.equal(['BankID på den här enheten', 'BankID på en annan enhet']);
    expect(text(shadow(older.el).querySelector('h2'))).to.equal('Logga in med BankID');
  });

  it('says the backend\'s words when the login cannot start, and never follows an address that is not a web page', async () => {
    const refused = await mount({ start: { problem: 'Det går inte att logga in med den e-legitimationen just nu.', status: 503 } });
    await brokerButtons(refused.el);
    (shadow(refused.el).querySelector<HTMLButtonElement>('[part~=broker-button]'))!.click();
    await waitUntil(() => status(refused.el) === 'Det går inte att logga in med den e-legitimationen just nu.', `status: ${status(refused.el)}`);
    expect(visited).to.deep.equal([]);

    const scripted = await mount({ start: { authorizationUrl: 'javascript:alert(1)' } });
    await brokerButtons(scripted.el);
    (shadow(scripted.el).querySelector<HTMLButtonElement>('[part~=broker-button]'))!.click();
    await waitUntil(() => status(scripted.el) === 'Det gick inte att nå e-tjänsten. Försök igen om en stund.', `status: ${status(scripted.el)}`);
    expect(visited).to.deep.equal([]);
  });

  it('speaks English', async () => {
    const { el } = await mount({}, 'en');
    await brokerButtons(el);
    expect(text(shadow(el).querySelector('h2'))).to.equal('Log in with e-ID');
    expect(buttons(el).slice(2)).to.deep.equal(['Freja eID', 'Telia', 'Foreign eID (eIDAS)']);
  });
});
