import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { OrderState, SessionState, StartLoginResponse } from '../../src/contract/eid.js';
import type { EidLogin } from '../../src/elements/eid-login/eid-login.component.js';

/**
 * <eid-login> against a scripted fake backend: each test says how the backend answers the
 * start, each poll of the order (the last answer repeats) and the session.
 */

const BACKEND = 'https://etjanster.kommun.se/';
const USER = { name: 'Tolvan Tolvansson', givenName: 'Tolvan', surname: 'Tolvansson' };

type Answer<T> = T | { problem: string; status?: number } | 'network-error' | 'never';

interface Script {
  session?: Answer<SessionState>;
  start?: Answer<StartLoginResponse>;
  orders?: Answer<OrderState>[];
  logout?: Answer<undefined>;
}

interface Sent {
  method: string;
  path: string;
  body?: unknown;
  headers: Record<string, string>;
  credentials?: RequestCredentials | undefined;
}

function fakeBackend(script: Script) {
  const sent: Sent[] = [];
  let poll = 0;
  const respond = async (answer: Answer<unknown> | undefined, status = 200): Promise<Response> => {
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    if (answer === 'never') return new Promise<Response>(() => {});
    if (answer && typeof answer === 'object' && 'problem' in answer) {
      const { problem: code, status: code_status = 400 } = answer as { problem: string; status?: number };
      // As the reference backend answers a refused BankID call (server/routes/eid.ts).
      return new Response(JSON.stringify({ type: '/problems/bankid', title: code, status: code_status, errorCode: code }), {
        status: code_status, headers: { 'Content-Type': 'application/problem+json' },
      });
    }
    if (answer === undefined) return new Response(null, { status: 204 });
    return new Response(JSON.stringify(answer), { status, headers: { 'Content-Type': 'application/json' } });
  };
  const fetch: typeof window.fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const path = url.pathname.slice(1);
    sent.push({
      method, path, headers: (init?.headers ?? {}) as Record<string, string>, credentials: init?.credentials,
      ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}),
    });
    if (path === 'api/session' && method === 'GET') return respond(script.session ?? { authenticated: false });
    if (path === 'api/session' && method === 'DELETE') return respond(script.logout);
    if (path === 'api/eid/login') return respond(script.start ?? { orderRef: 'order-1' });
    if (path.startsWith('api/eid/orders/') && method === 'DELETE') return respond(undefined);
    if (path.startsWith('api/eid/orders/')) {
      const orders = script.orders ?? [{ status: 'pending', hintCode: 'outstandingTransaction' }];
      return respond(orders[Math.min(poll++, orders.length - 1)]);
    }
    return respond({ problem: 'notFound', status: 404 });
  };
  return { fetch, sent };
}

const shadow = (el: EidLogin) => el.shadowRoot!;
const status = (el: EidLogin) => shadow(el).querySelector('[role=status]')!.textContent!.trim();
const buttons = (el: EidLogin) => [...shadow(el).querySelectorAll('button')].map((b) => b.textContent!.trim());
const button = (el: EidLogin, text: string) => {
  const found = [...shadow(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
  if (!found) throw new Error(`no button "${text}" (there are: ${buttons(el).join(', ')})`);
  return found;
};
const canvas = (el: EidLogin) => shadow(el).querySelector('canvas');

async function press(el: EidLogin, text: string) {
  button(el, text).focus();
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

async function mount(script: Script, lang?: string, variant?: 'compact') {
  const backend = fakeBackend(script);
  const el = await fixture<EidLogin>(html`<eid-login backend=${BACKEND} lang=${lang ?? 'sv'} variant=${variant ?? ''} .fetch=${backend.fetch}></eid-login>`);
  const opened: string[] = [];
  el.openBankId = (url) => void opened.push(url);
  return { el, ...backend, opened };
}

async function chosen(el: EidLogin) {
  await waitUntil(() => buttons(el).includes('BankID på en annan enhet') || buttons(el).includes('BankID on another device'), 'no choice', { timeout: 5000 });
}

async function until(el: EidLogin, text: string, timeout = 5000) {
  await waitUntil(() => status(el) === text, `status stayed "${status(el)}", expected "${text}"`, { timeout });
}

describe('<eid-login>', () => {
  describe('before a choice', () => {
    it('says it is checking the session, in a live region rendered from the start, accessibly', async () => {
      const { el } = await mount({ session: 'never' });
      const region = shadow(el).querySelector('[role=status]')!;
      expect(region.getAttribute('aria-live')).to.equal('polite');
      expect(status(el)).to.equal('Kontrollerar om du är inloggad…');
      await expect(el).to.be.accessible();
    });

    it('asks BankID on this device or another device (RFA20) with two buttons, accessibly', async () => {
      const { el, sent } = await mount({});
      await chosen(el);
      expect(shadow(el).textContent).to.contain('Vill du använda BankID på den här enheten eller på en annan enhet?');
      expect(buttons(el)).to.deep.equal(['BankID på den här enheten', 'BankID på en annan enhet']);
      expect(sent[0]).to.include({ method: 'GET', path: 'api/session', credentials: 'include' });
      await expect(el).to.be.accessible();
    });
  });

  describe('on another device', () => {
    it('starts an otherDevice order and shows the QR code with instructions and a text alternative', async () => {
      const { el, sent } = await mount({ orders: [{ status: 'pending', hintCode: 'outstandingTransaction', qrData: 'bankid.abc.0.aa' }] });
      await chosen(el);
      await press(el, 'BankID på en annan enhet');
      await waitUntil(() => canvas(el), 'no QR code');
      const post = sent.find((r) => r.method === 'POST')!;
      expect(post).to.deep.include({ path: 'api/eid/login', body: { method: 'otherDevice' }, credentials: 'include' });
      expect(post.headers['X-Requested-With']).to.equal('e-service-kit');
      expect(status(el)).to.equal('Starta BankID-appen.');
      expect(shadow(el).textContent).to.contain('Starta BankID-appen och tryck på QR-ikonen');
      expect(canvas(el)!.getAttribute('role')).to.equal('img');
      expect(canvas(el)!.getAttribute('aria-label')).to.contain('QR-kod att läsa av med BankID-appen');
      // Started by keyboard: focus stays in the widget, on Cancel.
      expect(shadow(el).activeElement?.textContent?.trim()).to.equal('Avbryt');
      await expect(el).to.be.accessible();
    });

    it('draws a new QR code as qrData changes each second', async () => {
      const { el, sent } = await mount({
        orders: [
          { status: 'pending', hintCode: 'outstandingTransaction', qrData: 'bankid.abc.0.aa' },
          { status: 'pending', hintCode: 'outstandingTransaction', qrData: 'bankid.abc.1.bb' },
        ],
      });
      await chosen(el);
      button(el, 'BankID på en annan enhet').click();
      await waitUntil(() => canvas(el), 'no QR code');
      await el.updateComplete;
      const first = canvas(el)!.toDataURL();
      await waitUntil(() => sent.filter((r) => r.path === 'api/eid/orders/order-1').length >= 2, 'no second poll', { timeout: 3000 });
      await el.updateComplete;
      expect(canvas(el)!.toDataURL()).not.to.equal(first);
    });

    const pending: [string, string][] = [
      ['noClient', 'Starta BankID-appen.'],
      ['userSign', 'Skriv in din säkerhetskod i BankID-appen och välj Identifiera eller Skriv under.'],
      ['started', 'Söker efter BankID. Säkerställ att du har ett giltigt BankID på den här datorn. Om du har ett BankID på kort, sätt in kortet i kortläsaren.'],
      ['userMrtd', 'Fotografera och läs av din ID-handling med BankID-appen.'],
      ['somethingNew', 'En identifiering eller underskrift pågår.'],
    ];
    for (const [hintCode, message] of pending) {
      it(`pending ${hintCode} → "${message.slice(0, 30)}…", accessibly`, async () => {
        const { el } = await mount({ orders: [{ status: 'pending', hintCode, qrData: 'bankid.abc.0.aa' }] });
        await chosen(el);
        button(el, 'BankID på en annan enhet').click();
        await until(el, message);
        await expect(el).to.be.accessible();
      });
    }

    const failed: [string, string][] = [
      ['userCancel', 'Åtgärden avbröts.'],
      ['cancelled', 'Åtgärden avbröts. Försök igen.'],
      ['expiredTransaction', 'BankID-appen svarar inte. Kontrollera att den är startad och att du har internetanslutning. Försök sedan igen.'],
      ['startFailed', 'Misslyckades att läsa av QR-koden. Starta BankID-appen och läs av QR-koden.'],
      ['certificateErr', 'Ditt BankID är för gammalt eller spärrat. Använd ett annat BankID eller skaffa ett nytt hos din bank.'],
      ['somethingNew', 'Något gick fel. Försök igen.'],
    ];
    for (const [hintCode, message] of failed) {
      it(`failed ${hintCode} → "${message.slice(0, 30)}…" with Try again, accessibly`, async () => {
        const { el } = await mount({ orders: [{ status: 'failed', hintCode }] });
        await chosen(el);
        button(el, 'BankID på en annan enhet').click();
        await until(el, message);
        expect(buttons(el)).to.deep.equal(['Försök igen', 'Avbryt']);
        await expect(el).to.be.accessible();
      });
    }

    it('starts a new order with Try again, by keyboard', async () => {
      const { el, sent } = await mount({ orders: [{ status: 'failed', hintCode: 'expiredTransaction' }] });
      await chosen(el);
      await press(el, 'BankID på en annan enhet');
      await until(el, 'BankID-appen svarar inte. Kontrollera att den är startad och att du har internetanslutning. Försök sedan igen.');
      expect(shadow(el).activeElement?.textContent?.trim()).to.equal('Försök igen');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => sent.filter((r) => r.method === 'POST').length === 2, 'no second order');
      expect(sent.filter((r) => r.method === 'POST')[1]!.body).to.deep.equal({ method: 'otherDevice' });
    });

    it('cancels the order with Cancel and goes back to the choice', async () => {
      const { el, sent } = await mount({ orders: [{ status: 'pending', hintCode: 'outstandingTransaction', qrData: 'bankid.abc.0.aa' }] });
      await chosen(el);
      await press(el, 'BankID på en annan enhet');
      await waitUntil(() => canvas(el), 'no QR code');
      await press(el, 'Avbryt');
      await chosen(el);
      expect(sent.some((r) => r.method === 'DELETE' && r.path === 'api/eid/orders/order-1')).to.equal(true);
      expect(sent.find((r) => r.method === 'DELETE')!.headers['X-Requested-With']).to.equal('e-service-kit');
      expect(status(el)).to.equal('Åtgärden avbröts.');
      const polls = sent.length;
      await new Promise((resolve) => setTimeout(resolve, 1300));
      expect(sent.length, 'polling stopped').to.equal(polls);
      await expect(el).to.be.accessible();
    });
  });

  describe('on this device', () => {
    it('starts a sameDevice order and opens bankid:/// with the autostart token, accessibly', async () => {
      const { el, sent, opened } = await mount({ start: { orderRef: 'order-1', autoStartToken: 'tok-123' } });
      el.isMobile = () => false;
      await chosen(el);
      await press(el, 'BankID på den här enheten');
      await waitUntil(() => opened.length === 1, 'the app was not opened');
      expect(opened[0]).to.equal('bankid:///?autostarttoken=tok-123&redirect=null');
      expect(sent.find((r) => r.method === 'POST')!.body).to.deep.equal({ method: 'sameDevice' });
      expect(status(el)).to.equal('Försöker starta BankID-appen.');
      expect(canvas(el)).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('uses the https app link on a mobile, and says RFA15B when started there', async () => {
      const { el, opened } = await mount({
        start: { orderRef: 'order-1', autoStartToken: 'tok-123' },
        orders: [{ status: 'pending', hintCode: 'started' }],
      });
      el.isMobile = () => true;
      await chosen(el);
      button(el, 'BankID på den här enheten').click();
      await until(el, 'Söker efter BankID. Säkerställ att du har ett giltigt BankID på den här enheten.');
      expect(opened[0]).to.equal('https://app.bankid.com/?autostarttoken=tok-123&redirect=null');
    });

    it('says RFA17A when the app could not be started', async () => {
      const { el } = await mount({ start: { orderRef: 'order-1', autoStartToken: 'tok' }, orders: [{ status: 'failed', hintCode: 'startFailed' }] });
      await chosen(el);
      button(el, 'BankID på den här enheten').click();
      await until(el, 'Du verkar inte ha BankID-appen/programmet. Installera den och skaffa ett BankID hos din bank.');
    });
  });

  describe('when starting fails', () => {
    it('alreadyInProgress → RFA4, accessibly', async () => {
      const { el } = await mount({ start: { problem: 'alreadyInProgress' } });
      await chosen(el);
      button(el, 'BankID på en annan enhet').click();
      await until(el, 'En identifiering eller underskrift pågår redan för ditt personnummer. Försök igen.');
      await expect(el).to.be.accessible();
    });

    for (const code of ['requestTimeout', 'maintenance', 'internalError']) {
      it(`${code} → RFA5`, async () => {
        const { el } = await mount({ start: { problem: code, status: 503 } });
        await chosen(el);
        button(el, 'BankID på en annan enhet').click();
        await until(el, 'Något gick fel. Försök igen.');
      });
    }

    it('a backend that cannot be reached: says to check the connection, with Try again, and starts by itself once online', async () => {
      const script: Script = { start: 'network-error' };
      const { el, sent } = await mount(script);
      await chosen(el);
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      button(el, 'BankID på en annan enhet').click();
      await until(el, 'Det gick inte att nå e-tjänsten. Kontrollera din internetanslutning – vi försöker igen så fort anslutningen är tillbaka.');
      expect(buttons(el)).to.include('Försök igen');
      await expect(el).to.be.accessible();
      const starts = () => sent.filter((request) => request.method === 'POST' && request.path.endsWith('api/eid/login')).length;
      expect(starts()).to.equal(1);
      script.start = { orderRef: 'order-2' };
      delete (navigator as { onLine?: boolean }).onLine;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => starts() === 2, 'not started again once online');
      await until(el, 'Starta BankID-appen.');
    });
  });

  describe('logged in', () => {
    it('shows the name after a completed order and fires eid-login-success', async () => {
      const { el } = await mount({ orders: [{ status: 'complete', user: USER }] });
      await chosen(el);
      const success = oneEvent(el, 'eid-login-success');
      button(el, 'BankID på en annan enhet').click();
      expect((await success).detail.user).to.deep.equal(USER);
      await el.updateComplete;
      expect(shadow(el).textContent).to.contain('Inloggad som Tolvan Tolvansson');
      await expect(el).to.be.accessible();
    });

    it('shows the session it finds on connect, and logs out by keyboard', async () => {
      const { el, sent } = await mount({ session: { authenticated: true, user: USER } });
      await waitUntil(() => buttons(el).includes('Logga ut'), 'not logged in');
      expect(shadow(el).textContent).to.contain('Inloggad som Tolvan Tolvansson');
      await expect(el).to.be.accessible();
      const loggedOut = oneEvent(el, 'eid-logout');
      await press(el, 'Logga ut');
      await loggedOut;
      const del = sent.find((r) => r.method === 'DELETE')!;
      expect(del.path).to.equal('api/session');
      expect(del.headers['X-Requested-With']).to.equal('e-service-kit');
      await chosen(el);
      expect(status(el)).to.equal('Du är utloggad.');
      // The button pressed is gone: keyboard focus goes on to the first way of logging in, not to the page.
      await waitUntil(() => shadow(el).activeElement?.textContent?.trim() === 'BankID på den här enheten', 'focus left the widget');
      await expect(el).to.be.accessible();
    });
  });

  describe('compact, for a site header', () => {
    const active = (el: EidLogin) => shadow(el).activeElement?.textContent?.trim();

    it('shows one Logga in button that opens the choice and takes focus to it, and closes it again, by keyboard and accessibly', async () => {
      const { el } = await mount({}, 'sv', 'compact');
      await waitUntil(() => buttons(el).includes('Logga in'), 'no Logga in');
      expect(buttons(el)).to.deep.equal(['Logga in']);
      expect(button(el, 'Logga in').getAttribute('aria-expanded')).to.equal('false');
      await expect(el).to.be.accessible();

      await press(el, 'Logga in');
      await chosen(el);
      expect(button(el, 'Logga in').getAttribute('aria-expanded')).to.equal('true');
      expect(shadow(el).querySelector('h2')?.textContent?.trim()).to.equal('Logga in med BankID');
      await waitUntil(() => active(el) === 'BankID på den här enheten', 'focus did not go to the choice');
      await expect(el).to.be.accessible();

      await press(el, 'Logga in');
      expect(buttons(el)).to.deep.equal(['Logga in']);
      expect(active(el)).to.equal('Logga in');
    });

    it('shows the name and Logga ut once logged in, and Logga in again after logging out', async () => {
      const { el } = await mount({ session: { authenticated: true, user: USER } }, 'sv', 'compact');
      await waitUntil(() => buttons(el).includes('Logga ut'), 'not logged in');
      expect(buttons(el)).to.deep.equal(['Logga ut']);
      expect(shadow(el).textContent).to.contain('Inloggad som Tolvan Tolvansson');
      await expect(el).to.be.accessible();
      await press(el, 'Logga ut');
      await waitUntil(() => buttons(el)[0] === 'Logga in', 'no Logga in after logging out');
    });

    it('opens when another widget leads the citizen to it (focus)', async () => {
      const { el } = await mount({}, 'sv', 'compact');
      await waitUntil(() => buttons(el).includes('Logga in'), 'no Logga in');
      el.focus();
      await chosen(el);
      await waitUntil(() => active(el) === 'BankID på den här enheten', 'focus did not go to the choice');
    });

    it('cancels a BankID order under way when the citizen closes the choice, and opens at the first way again', async () => {
      const { el, sent } = await mount({}, 'sv', 'compact');
      await waitUntil(() => buttons(el).includes('Logga in'), 'no Logga in');
      await press(el, 'Logga in');
      await chosen(el);
      await press(el, 'BankID på en annan enhet');
      await waitUntil(() => sent.some((r) => r.path.startsWith('api/eid/orders/')), 'the order was not followed');
      await press(el, 'Logga in');
      await waitUntil(() => sent.some((r) => r.method === 'DELETE' && r.path.startsWith('api/eid/orders/')), 'the order was not cancelled');
      expect(buttons(el)).to.deep.equal(['Logga in']);
      el.focus();
      await waitUntil(() => active(el) === 'BankID på den här enheten', 'focus did not go to the first way');
    });

    it('speaks English', async () => {
      const { el } = await mount({}, 'en', 'compact');
      await waitUntil(() => buttons(el).includes('Log in'), 'no Log in');
    });
  });

  describe('when logging out fails', () => {
    it('says BankID\'s message for it, fetching BankID\'s texts first, and stays logged in with Logga ut to try again', async () => {
      const { el, sent } = await mount({ session: { authenticated: true, user: USER }, logout: { problem: 'internalError', status: 503 } });
      await waitUntil(() => buttons(el).includes('Logga ut'), 'not logged in');
      await press(el, 'Logga ut');
      await until(el, 'Något gick fel. Försök igen.');
      expect(sent.filter((r) => r.method === 'DELETE' && r.path === 'api/session')).to.have.length(1);
      expect(shadow(el).textContent).to.contain('Inloggad som Tolvan Tolvansson');
      expect(buttons(el)).to.include('Logga ut');
      await expect(el).to.be.accessible();
    });
  });

  describe('in English', () => {
    it('asks, instructs and reports in English, accessibly', async () => {
      const { el } = await mount({ orders: [{ status: 'pending', hintCode: 'userSign', qrData: 'bankid.abc.0.aa' }] }, 'en');
      await chosen(el);
      expect(shadow(el).textContent).to.contain('Do you want to use BankID on this device or another device?');
      expect(buttons(el)).to.deep.equal(['BankID on this device', 'BankID on another device']);
      await expect(el).to.be.accessible();
      button(el, 'BankID on another device').click();
      await until(el, 'Enter your security code in the BankID app and select Identify or Sign.');
      expect(shadow(el).textContent).to.contain('Start the BankID app and tap the QR icon');
      expect(canvas(el)!.getAttribute('aria-label')).to.contain('QR code to scan');
      expect(buttons(el)).to.deep.equal(['Cancel']);
      await expect(el).to.be.accessible();
    });

    it('follows lang on the page', async () => {
      document.documentElement.lang = 'en';
      try {
        const backend = fakeBackend({ session: { authenticated: true, user: USER } });
        const el = await fixture<EidLogin>(html`<eid-login backend=${BACKEND} .fetch=${backend.fetch}></eid-login>`);
        await waitUntil(() => buttons(el).includes('Log out'), 'not logged in');
        expect(shadow(el).textContent).to.contain('Logged in as Tolvan Tolvansson');
      } finally {
        document.documentElement.lang = 'sv';
      }
    });
  });
});
