import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { SessionSnapshot } from '../src/client/session.js';
import '../src/components/session-timeout.js';
import type { EskSessionTimeout } from '../src/components/session-timeout.js';
import type { SessionState } from '../src/contract/eid.js';
import '../src/elements/eid-login/eid-login.js';

/**
 * The timeout warning a page's session store shows (one per backend, inserted by the store
 * itself). Here the element is rendered on its own with `state` set, so each state can be seen.
 */
interface TimeoutArgs {
  /** Seconds left in the warning; the idle period in the notice. */
  seconds: number;
  state: 'warning' | 'expired';
}

const snapshot = ({ state, seconds }: TimeoutArgs): SessionSnapshot =>
  state === 'warning'
    ? { status: 'authenticated', warning: true, idleExpiresAt: Date.now() + seconds * 1000, idleTimeoutSeconds: 1200 }
    : { status: 'expired', idleTimeoutSeconds: seconds };

const meta: Meta<TimeoutArgs> = {
  title: 'Components/esk-session-timeout',
  component: 'esk-session-timeout',
  args: { state: 'warning', seconds: 105 },
  argTypes: {
    state: { control: 'inline-radio', options: ['warning', 'expired'] },
    seconds: { control: { type: 'number', min: 0 } },
  },
  render: (args) => html`<esk-session-timeout .state=${snapshot(args)}></esk-session-timeout>`,
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: [
          'Two minutes before a login session ends for lack of activity, a modal says how long is left, with *Fortsätt vara inloggad* (also Escape, as in GOV.UK’s pattern) and *Logga ut*; the countdown moves each second, a screen reader hears it every 30 seconds. If the session ended, it says so and that the answers are kept.',
          '',
          'A page never adds it: the session store (`sessionFor(backend)` in `src/client/session.ts`) puts one into the page while a widget is logged in.',
        ].join('\n'),
      },
    },
  },
};

export default meta;
type Story = StoryObj<TimeoutArgs>;

async function dialogShows(canvasElement: HTMLElement, title: string, button: string): Promise<void> {
  await waitFor(() => {
    // A page's session store puts its dialog at the end of <body>, outside the story's canvas.
    const element = canvasElement.querySelector<EskSessionTimeout>('esk-session-timeout') ?? document.querySelector<EskSessionTimeout>('body > esk-session-timeout');
    expect(element).not.toBe(null);
    if (!element) return;
    const dialog = element.shadowRoot?.querySelector('dialog');
    expect(dialog?.open).toBe(true);
    expect(dialog?.querySelector('h2')?.textContent).toBe(title);
    expect(element.shadowRoot?.activeElement?.textContent?.trim()).toBe(button);
  });
}

/** The warning: the time left, focus on Fortsätt vara inloggad. */
export const Warning: Story = {
  globals: { locale: 'sv' },
  play: ({ canvasElement }) => dialogShows(canvasElement, 'Du loggas snart ut', 'Fortsätt vara inloggad'),
};

/** The session ended: what the citizen filled in is still there. */
export const Expired: Story = {
  args: { state: 'expired', seconds: 1200 },
  globals: { locale: 'sv' },
  play: ({ canvasElement }) => dialogShows(canvasElement, 'Du har loggats ut', 'OK'),
};

/** The warning on an English page. */
export const WarningEnglish: Story = {
  globals: { locale: 'en' },
  play: ({ canvasElement }) => dialogShows(canvasElement, 'You will be logged out soon', 'Stay logged in'),
};

/** The notice on an English page. */
export const ExpiredEnglish: Story = {
  args: { state: 'expired', seconds: 1200 },
  globals: { locale: 'en' },
  play: ({ canvasElement }) => dialogShows(canvasElement, 'You have been logged out', 'OK'),
};

/** A backend (nothing leaves the page) with a session that ends without activity in 105 seconds; Stay logged in gives 20 minutes. */
function sessionEndingSoon(): typeof fetch {
  let secondsLeft = 105;
  const user = { name: 'Tolvan Tolvansson', givenName: 'Tolvan', surname: 'Tolvansson' };
  return async (input, init) => {
    const path = new URL(String(input)).pathname;
    if (path.endsWith('/api/session/refresh')) secondsLeft = 1200;
    const state: SessionState = { authenticated: true, user, idleSecondsLeft: secondsLeft, idleTimeoutSeconds: 1200 };
    return new Response(JSON.stringify(state), { headers: { 'Content-Type': 'application/json' } });
  };
}

/**
 * An English `<eid-login lang="en">` on a Swedish page: the dialogs speak the language of the widgets
 * that follow the session when they agree (when they disagree, the one the citizen used last, else
 * the page's). The dialog is the page store's own, put on the page by the logged-in widget.
 */
export const EnglishWidgetOnSwedishPage: Story = {
  globals: { locale: 'sv' },
  render: () => html`<eid-login lang="en" backend="https://etjanster.kommun.se/story-session/" .fetch=${sessionEndingSoon()}></eid-login>`,
  play: ({ canvasElement }) => dialogShows(canvasElement, 'You will be logged out soon', 'Stay logged in'),
};
