import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { OrderState } from '../src/contract/eid.js';
import type { EidLogin } from '../src/elements/eid-login/eid-login.component.js';

/** How the story backend answers: what the order does after it is started, or a session already there. */
type Scenario = 'pending' | 'userSign' | 'expired' | 'complete' | 'loggedIn' | 'broker';

interface LoginArgs {
  /** `compact` for a site header. */
  variant?: 'compact' | undefined;
  /** Set on the element; empty to follow the page (the Språk toolbar). */
  lang?: 'sv' | 'en';
  scenario: Scenario;
}

const STORY_BACKEND_URL = 'https://etjanster.kommun.se/';
const USER = { name: 'Tolvan Tolvansson', givenName: 'Tolvan', surname: 'Tolvansson' };

/** A stand-in for fetch that answers <eid-login>'s requests; nothing leaves the page. */
function storyFetch(scenario: Scenario): typeof fetch {
  let loggedIn = scenario === 'loggedIn';
  let polls = 0;
  const json = (body: unknown, status = 200) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  return async (input, init) => {
    const path = new URL(String(input)).pathname.slice(1);
    const method = init?.method ?? 'GET';
    if (path === 'api/session') {
      if (method === 'DELETE') loggedIn = false;
      return method === 'DELETE' ? json(undefined, 204) : json(loggedIn ? { authenticated: true, user: USER } : { authenticated: false });
    }
    // The e-IDs of the municipality's e-ID broker beside BankID; going to the broker's page stays in the story.
    if (path === 'api/eid/methods') return json({ bankId: true, broker: scenario === 'broker' ? ['freja', 'telia', 'eidas'] : [] });
    if (path === 'api/eid/broker/login') return json({ type: '/problems/eid-broker-unavailable', title: 'I berättelsen går det inte att lämna sidan för inloggningen.', status: 503 }, 503);
    if (path === 'api/eid/login') {
      polls = 0;
      const same = (JSON.parse(String(init?.body)) as { method: string }).method === 'sameDevice';
      return json({ orderRef: 'story-order', ...(same ? { autoStartToken: 'story-autostart-token' } : {}) });
    }
    if (method === 'DELETE') return json(undefined, 204);
    // The animated QR code: new data each second, as the backend computes it.
    const qrData = `bankid.67df3917-fa0d-44e5-b327-edcc928297f8.${polls}.${(polls * 2654435761 >>> 0).toString(16).padStart(64, '0')}`;
    polls++;
    const states: Record<Scenario, OrderState> = {
      pending: { status: 'pending', hintCode: 'outstandingTransaction', qrData },
      broker: { status: 'pending', hintCode: 'outstandingTransaction', qrData },
      userSign: { status: 'pending', hintCode: 'userSign', qrData },
      expired: polls < 2 ? { status: 'pending', hintCode: 'outstandingTransaction', qrData } : { status: 'failed', hintCode: 'expiredTransaction' },
      complete: { status: 'complete', user: USER },
      loggedIn: { status: 'complete', user: USER },
    };
    if (states[scenario].status === 'complete') loggedIn = true;
    return json(states[scenario]);
  };
}

const KIT_SCRIPT = '<script type="module" src="https://etjanster.kommun.se/kit/e-service-kit.js"></script>';
const snippet = `${KIT_SCRIPT}\n<eid-login></eid-login>`;

const meta: Meta<LoginArgs> = {
  title: 'Widgets/eid-login',
  component: 'eid-login',
  args: { scenario: 'pending' },
  argTypes: {
    lang: { control: 'inline-radio', options: [undefined, 'sv', 'en'] },
    variant: { control: 'inline-radio', options: [undefined, 'compact'] },
    scenario: {
      control: 'select',
      options: ['pending', 'userSign', 'expired', 'complete', 'loggedIn', 'broker'] satisfies Scenario[],
      table: { category: 'Story backend' },
    },
  },
  render: ({ lang, scenario, variant }) => html`
    <eid-login
      lang=${ifDefined(lang)}
      variant=${ifDefined(variant)}
      backend=${STORY_BACKEND_URL}
      .fetch=${storyFetch(scenario)}
      .openBankId=${() => {}}
    ></eid-login>
  `,
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: [
          'Log in with BankID, on this device or on another device with an animated QR code, with BankID’s recommended messages in Swedish and English.',
          '',
          '```html',
          snippet,
          '```',
          '',
          'In these stories a fake backend answers instead of `https://etjanster.kommun.se/`; nothing is sent anywhere, and the BankID app is never opened.',
        ].join('\n'),
      },
      source: { language: 'html', code: snippet },
    },
  },
};

export default meta;
type Story = StoryObj<LoginArgs>;

function loginElement(canvasElement: HTMLElement): EidLogin {
  const element = canvasElement.querySelector('eid-login');
  if (!element) throw new Error('no <eid-login> in the story');
  return element;
}

const statusText = (element: EidLogin) => element.shadowRoot?.querySelector('[role=status]')?.textContent?.trim() ?? '';

async function pressButton(element: EidLogin, text: string): Promise<void> {
  const button = await waitFor(() => {
    const found = [...(element.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === text);
    if (!found) throw new Error(`<eid-login> shows no button "${text}"`);
    return found;
  });
  await userEvent.click(button);
}

async function statusIs(element: EidLogin, text: string): Promise<void> {
  await waitFor(() => expect(statusText(element)).toBe(text), { timeout: 4000 });
}

/** The first question: BankID on this device or on another device (RFA20). */
export const Choice: Story = {
  play: async ({ canvasElement }) => {
    const element = loginElement(canvasElement);
    await waitFor(() => expect(element.shadowRoot?.querySelectorAll('button')).toHaveLength(2));
  },
};

/** With an e-ID broker: Freja eID, Telia and a foreign eID (eIDAS) under BankID's two, "Logga in med e-legitimation". */
export const OtherEids: Story = {
  args: { scenario: 'broker' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = loginElement(canvasElement);
    await waitFor(() => expect(element.shadowRoot?.querySelectorAll('button')).toHaveLength(5), { timeout: 4000 });
    await expect(element.shadowRoot?.querySelector('h2')?.textContent).toBe('Logga in med e-legitimation');
  },
};

/** Another device: the animated QR code, new each second, with written instructions. */
export const QrPending: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = loginElement(canvasElement);
    await pressButton(element, 'BankID på en annan enhet');
    await waitFor(() => expect(element.shadowRoot?.querySelector('canvas[role=img]')).toBeTruthy());
    await statusIs(element, 'Starta BankID-appen.');
  },
};

/** This device: the BankID app is being started (in a story it is not really opened). */
export const ThisDevicePending: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = loginElement(canvasElement);
    await pressButton(element, 'BankID på den här enheten');
    await statusIs(element, 'Försöker starta BankID-appen.');
  },
};

/** The citizen has scanned the code and is asked for the security code (RFA9). */
export const UserSign: Story = {
  args: { scenario: 'userSign' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = loginElement(canvasElement);
    await pressButton(element, 'BankID på en annan enhet');
    await statusIs(element, 'Skriv in din säkerhetskod i BankID-appen och välj Identifiera eller Skriv under.');
  },
};

/** The order expired (RFA8): Try again starts a new one. */
export const FailedWithTryAgain: Story = {
  args: { scenario: 'expired' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = loginElement(canvasElement);
    await pressButton(element, 'BankID på en annan enhet');
    await statusIs(element, 'BankID-appen svarar inte. Kontrollera att den är startad och att du har internetanslutning. Försök sedan igen.');
    await pressButton(element, 'Försök igen');
    await statusIs(element, 'Starta BankID-appen.');
    await statusIs(element, 'BankID-appen svarar inte. Kontrollera att den är startad och att du har internetanslutning. Försök sedan igen.');
  },
};

/** Logged in: the citizen's name and Log out. */
export const LoggedIn: Story = {
  args: { scenario: 'loggedIn' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = loginElement(canvasElement);
    await waitFor(() => expect(element.shadowRoot?.textContent).toContain('Inloggad som Tolvan Tolvansson'));
    await waitFor(() => expect(element.shadowRoot?.querySelector('button')?.textContent?.trim()).toBe('Logga ut'));
  },
};

/** English: lang="en" on the element (or on the page). */
export const English: Story = {
  args: { lang: 'en', scenario: 'userSign' },
  play: async ({ canvasElement }) => {
    const element = loginElement(canvasElement);
    await pressButton(element, 'BankID on another device');
    await statusIs(element, 'Enter your security code in the BankID app and select Identify or Sign.');
  },
};

/** For a site header (`variant="compact"`): one Logga in button, which opens the choice. */
export const Compact: Story = {
  args: { variant: 'compact', scenario: 'broker' },
  globals: { locale: 'sv' },
  parameters: { docs: { source: { code: `${KIT_SCRIPT}\n<eid-login variant="compact"></eid-login>` } } },
  play: async ({ canvasElement }) => {
    const element = loginElement(canvasElement);
    await pressButton(element, 'Logga in');
    await waitFor(() => expect(element.shadowRoot?.querySelector('[aria-expanded=true]')).toBeTruthy());
  },
};

/** Compact, logged in: the name and Logga ut on one line. */
export const CompactLoggedIn: Story = {
  args: { variant: 'compact', scenario: 'loggedIn' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = loginElement(canvasElement);
    await waitFor(() => expect(element.shadowRoot?.querySelector('button')?.textContent?.trim()).toBe('Logga ut'));
  },
};
