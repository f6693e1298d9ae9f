import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import { KitClient } from '../src/client/kit-client.js';
import '../src/elements/case-messages/case-messages.js';
import type { CaseMessages } from '../src/elements/case-messages/case-messages.component.js';
import { CITIZEN, IDS, MY_PAGES_BACKEND_URL, myPagesBackend, type MyPagesScript } from './support/my-pages-example.js';

/**
 * The messages of one case with the case officer. A fake backend (stories/support/my-pages-example.ts,
 * the same example data as test/browser/case-messages.test.ts) answers; nothing leaves the page.
 */

type Scenario = 'loggedOut' | 'loading' | 'loadFailed' | 'empty' | 'ready' | 'sending' | 'sendFailed' | 'uploading' | 'uploadRefused';

const scripts: Record<Scenario, MyPagesScript> = {
  loggedOut: {},
  loading: { user: CITIZEN, messages: ['never'] },
  loadFailed: { user: CITIZEN, messages: ['network-error'] },
  empty: { user: CITIZEN, messages: [{ messages: [] }] },
  ready: { user: CITIZEN },
  sending: { user: CITIZEN, send: ['never'] },
  sendFailed: { user: CITIZEN, send: ['network-error'] },
  uploading: { user: CITIZEN, upload: ['never'] },
  uploadRefused: { user: CITIZEN, upload: [{ problem: { status: 400, type: '/problems/validation', title: 'Filen är inte en PDF, JPG eller PNG' } }] },
};

interface Args {
  /** How the story backend answers. */
  scenario: Scenario;
}

const snippet = `<script type="module" src="https://etjanster.kommun.se/kit/e-service-kit.js"></script>\n<case-messages case="…the case's id…"></case-messages>`;

const meta: Meta<Args> = {
  title: 'Widgets/case-messages',
  component: 'case-messages',
  args: { scenario: 'ready' },
  argTypes: {
    scenario: { control: 'select', options: Object.keys(scripts), table: { category: 'Story backend' } },
  },
  render: ({ scenario }) => {
    const client = new KitClient(MY_PAGES_BACKEND_URL, myPagesBackend(structuredClone(scripts[scenario])).fetch);
    return html`<case-messages case=${IDS.caseSkolskjuts} .client=${client}></case-messages>`;
  },
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: [
          'The messages of one case, oldest first, with "Nytt" on the officer’s unread ones (marked read once shown) and a form to write, with up to 5 files (PDF, JPG or PNG, 10 MB each) uploaded as they are chosen. New messages are looked for every 30 seconds while the page is visible and announced to screen readers. `<my-cases>` shows it in a case’s details.',
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

function widget(canvasElement: HTMLElement): CaseMessages {
  const element = canvasElement.querySelector('case-messages');
  if (!element) throw new Error('no <case-messages> in the story');
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
    await waitFor(() => expect(text(loading)).toBe('Hämtar meddelanden…'));
  },
};

export const LoadFailed: Story = {
  args: { scenario: 'loadFailed' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const error = await shown(widget(canvasElement), '[part=load-error]');
    await expect(text(error)).toBe('Meddelandena kunde inte hämtas just nu. Försök igen');
  },
};

export const Empty: Story = {
  args: { scenario: 'empty' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const empty = await shown(widget(canvasElement), '[part=empty]');
    await expect(text(empty)).toBe('Inga meddelanden ännu. Här kan du skriva till handläggaren.');
  },
};

/** Three messages, the last one new from the officer. */
export const Ready: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await shown(element, '.messages');
    await expect(element.shadowRoot?.querySelectorAll('[part=message]')).toHaveLength(3);
    await expect(text(element.shadowRoot?.querySelector('[part=new-tag]'))).toBe('Nytt');
  },
};

/** Busy: the message on its way. */
export const Sending: Story = {
  args: { scenario: 'sending' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.type(await shown(element, 'textarea'), 'Här kommer kartan.');
    const send = await shown<HTMLButtonElement>(element, '[part=send-button]');
    await userEvent.click(send);
    await waitFor(() => expect(text(send)).toBe('Skickar…'));
  },
};

/** Sending failed: the text stays, and the citizen is told. */
export const SendFailed: Story = {
  args: { scenario: 'sendFailed' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    const textarea = await shown<HTMLTextAreaElement>(element, 'textarea');
    await userEvent.type(textarea, 'Här kommer kartan.');
    await userEvent.click(await shown(element, '[part=send-button]'));
    await shown(element, '[part=send-error]');
    await expect(textarea.value).toBe('Här kommer kartan.');
  },
};

/** Send with nothing written: the error summary. */
export const ValidationError: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.click(await shown(element, '[part=send-button]'));
    const summary = await shown(element, '[part=error-summary]');
    await expect(text(summary.querySelector('a'))).toBe('Skriv ett meddelande');
  },
};

/** What the file picker hands over once the citizen has chosen (a story cannot open the browser's dialog). */
function choose(input: HTMLInputElement, name: string) {
  const transfer = new DataTransfer();
  transfer.items.add(new File(['%PDF-1.4\n%%EOF\n'], name, { type: 'application/pdf' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Writing with a file attached: it is uploaded for the case, listed with Remove, and sent with the message as a link. */
export const WriteWithAttachment: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.type(await shown(element, 'textarea'), 'Här kommer kartan över vägen.');
    choose(await shown<HTMLInputElement>(element, '#files'), 'karta-over-vagen.pdf');
    const file = await shown(element, '[part=file]');
    await waitFor(() => expect(text(file.querySelector('button'))).toBe('Ta bort karta-over-vagen.pdf'));
    await userEvent.click(await shown(element, '[part=send-button]'));
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('.message--citizen:last-child a'))).toBe('karta-over-vagen.pdf'));
  },
};

/** An upload on its way: its progress and Cancel; sending now asks to wait for it. */
export const Uploading: Story = {
  args: { scenario: 'uploading' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    choose(await shown<HTMLInputElement>(element, '#files'), 'karta-over-vagen.pdf');
    await shown(element, '[part=file] progress');
  },
};

/** The server refused the file: why, beside the file input. */
export const UploadRefused: Story = {
  args: { scenario: 'uploadRefused' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    choose(await shown<HTMLInputElement>(element, '#files'), 'karta-over-vagen.pdf');
    const error = await shown(element, '[part=file-error]');
    await expect(text(error)).toBe('Fel: karta-over-vagen.pdf kunde inte laddas upp: Filen är inte en PDF, JPG eller PNG');
  },
};
