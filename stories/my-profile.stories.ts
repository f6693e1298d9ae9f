import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import { KitClient } from '../src/client/kit-client.js';
import '../src/elements/my-profile/my-profile.js';
import type { MyProfile } from '../src/elements/my-profile/my-profile.component.js';
import { CITIZEN, EMPTY_PROFILE, MY_PAGES_BACKEND_URL, myPagesBackend, type MyPagesScript } from './support/my-pages-example.js';

/**
 * Mina uppgifter: contact details and how to hear about news. A fake backend
 * (stories/support/my-pages-example.ts, the same example data as test/browser/my-profile.test.ts)
 * answers; nothing leaves the page.
 */

type Scenario = 'loggedOut' | 'loading' | 'loadFailed' | 'empty' | 'ready' | 'saving';

const scripts: Record<Scenario, MyPagesScript> = {
  loggedOut: {},
  loading: { user: CITIZEN, profile: ['never'] },
  loadFailed: { user: CITIZEN, profile: ['network-error'] },
  empty: { user: CITIZEN, profile: [EMPTY_PROFILE] },
  ready: { user: CITIZEN },
  saving: { user: CITIZEN, saveProfile: ['never'] },
};

interface Args {
  /** How the story backend answers. */
  scenario: Scenario;
}

const snippet = `<script type="module" src="https://etjanster.kommun.se/kit/e-service-kit.js"></script>\n<my-profile></my-profile>`;

const meta: Meta<Args> = {
  title: 'Widgets/my-profile',
  component: 'my-profile',
  args: { scenario: 'ready' },
  argTypes: {
    scenario: { control: 'select', options: Object.keys(scripts), table: { category: 'Story backend' } },
  },
  render: ({ scenario }) => {
    const client = new KitClient(MY_PAGES_BACKEND_URL, myPagesBackend(structuredClone(scripts[scenario])).fetch);
    return html`<my-profile .client=${client}></my-profile>`;
  },
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: [
          'The citizen’s e-mail address and mobile number, "Hur vill du få besked?", Save, and the download of everything stored about them.',
          '',
          '```html',
          snippet,
          '```',
        ].join('\n'),
      },
      source: { language: 'html', code: snippet },
    },
  },
};

export default meta;
type Story = StoryObj<Args>;

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function widget(canvasElement: HTMLElement): MyProfile {
  const element = canvasElement.querySelector('my-profile');
  if (!element) throw new Error('no <my-profile> in the story');
  return element;
}

const shown = <T extends Element = HTMLElement>(element: HTMLElement, selector: string) =>
  waitFor(() => {
    const found = element.shadowRoot?.querySelector<T>(selector);
    if (!found) throw new Error(`nothing matches ${selector}`);
    return found;
  }, { timeout: 4000 });

export const LoggedOut: Story = {
  args: { scenario: 'loggedOut' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    await shown(widget(canvasElement), 'eid-login');
  },
};

export const Loading: Story = {
  args: { scenario: 'loading' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const loading = await shown(widget(canvasElement), '[part=loading]');
    await waitFor(() => expect(text(loading)).toBe('Hämtar dina uppgifter…'));
  },
};

export const LoadFailed: Story = {
  args: { scenario: 'loadFailed' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const error = await shown(widget(canvasElement), '[part=load-error]');
    await expect(text(error)).toBe('Dina uppgifter kunde inte hämtas just nu. Försök igen');
  },
};

export const Empty: Story = {
  args: { scenario: 'empty' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const empty = await shown(widget(canvasElement), '[part=empty]');
    await expect(text(empty)).toBe('Du har inte lämnat några kontaktuppgifter ännu.');
  },
};

/** Saved: "Sparat". */
export const Ready: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.click(await shown(element, '#notify-sms'));
    await userEvent.click(await shown(element, '[part=save-button]'));
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('[part=saved]'))).toBe('Sparat'));
  },
};

/** Busy: saving. */
export const Saving: Story = {
  args: { scenario: 'saving' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    const save = await shown<HTMLButtonElement>(element, '[part=save-button]');
    await userEvent.click(save);
    await waitFor(() => expect(text(save)).toBe('Sparar…'));
  },
};

/** Text messages chosen with no number, and a malformed e-mail address: the error summary. */
export const ValidationErrors: Story = {
  args: { scenario: 'empty' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.type(await shown(element, '#email'), 'anna@');
    await userEvent.click(await shown(element, '#notify-sms'));
    await userEvent.click(await shown(element, '[part=save-button]'));
    const summary = await shown(element, '[part=error-summary]');
    await expect(summary.querySelectorAll('a')).toHaveLength(2);
  },
};
