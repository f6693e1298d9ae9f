import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { EServiceForm } from '../src/elements/e-service-form/e-service-form.component.js';
import { CASE_NUMBER, VALID_ANSWERS, storyClient, type Answer } from './support/story-backend.js';

interface FormArgs {
  /** The e-service's id. */
  service: string;
  /** Set on the element; empty to follow the page (the Språk toolbar). */
  lang?: 'sv' | 'en';
  /** How the story backend answers GET api/services/<id>. */
  load: Answer;
  /** How the story backend answers POST api/cases. */
  submit: Answer;
  /** Inline style on the element, for --esk-* custom properties. */
  style?: string;
}

const KIT_SCRIPT = '<script type="module" src="https://etjanster.kommun.se/kit/e-service-kit.js"></script>';

/** What a web editor pastes into the CMS page. */
function snippet(attributes = 'service="felanmalan"'): string {
  return `${KIT_SCRIPT}\n<e-service-form ${attributes}></e-service-form>`;
}

const answers = ['ok', 'never', 'network-error', 'server-error'] satisfies Answer[];

const meta: Meta<FormArgs> = {
  title: 'Widgets/e-service-form',
  component: 'e-service-form',
  args: { service: 'felanmalan', load: 'ok', submit: 'ok' },
  argTypes: {
    service: { control: 'text' },
    lang: { control: 'inline-radio', options: [undefined, 'sv', 'en'] },
    load: { control: 'select', options: answers, table: { category: 'Story backend' } },
    submit: { control: 'select', options: answers, table: { category: 'Story backend' } },
    style: { control: 'text' },
  },
  render: ({ service, lang, load, submit, style }) => html`
    <e-service-form
      service=${service}
      lang=${ifDefined(lang)}
      style=${ifDefined(style)}
      .client=${storyClient({ load, submit })}
    ></e-service-form>
  `,
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: [
          'An e-service on the municipality’s own page: it loads its questions from the backend, checks the answers, sends the case and shows the receipt.',
          '',
          'Paste this where the e-service should appear (the script tag once per page):',
          '',
          '```html',
          snippet(),
          '```',
          '',
          'In these stories a fake backend answers instead of `https://etjanster.kommun.se/`; nothing is sent anywhere.',
        ].join('\n'),
      },
      source: { language: 'html', code: snippet() },
    },
  },
};

export default meta;
type Story = StoryObj<FormArgs>;

// --- helpers for play functions -------------------------------------------------------

function formElement(canvasElement: HTMLElement): EServiceForm {
  const element = canvasElement.querySelector('e-service-form');
  if (!element) throw new Error('no <e-service-form> in the story');
  return element;
}

function inShadow<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T | null {
  return element.shadowRoot?.querySelector<T>(selector) ?? null;
}

/** Waits until the element has shown something matching `selector` in its shadow root. */
async function shown<T extends Element = HTMLElement>(element: HTMLElement, selector: string): Promise<T> {
  return waitFor(() => {
    const found = inShadow<T>(element, selector);
    if (!found) throw new Error(`<e-service-form> shows no ${selector}`);
    return found;
  });
}

/** Waits for the questions, fills in valid answers and presses Skicka. */
async function fillAndSend(element: EServiceForm): Promise<void> {
  await shown(element, 'form');
  element.setAnswers(VALID_ANSWERS);
  await element.updateComplete;
  const button = await shown<HTMLButtonElement>(element, 'button[type=submit]');
  await userEvent.click(button);
}

// --- stories ----------------------------------------------------------------------------

/** The definition is on its way: the reader sees a spinner and "Laddar…". */
export const Loading: Story = {
  args: { load: 'never' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    const loading = await shown(element, '[part=loading]');
    await expect(loading.getAttribute('aria-busy')).toBe('true');
  },
};

/** The backend could not be reached: the reader can try again. */
export const LoadFailed: Story = {
  args: { load: 'network-error' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    const error = await shown(element, '[part=load-error]');
    await expect(error.getAttribute('role')).toBe('alert');
    await expect(error.querySelector('button')?.textContent?.trim()).toBe('Försök igen');
  },
};

/** The page names a service the backend doesn't have (a typo in the snippet). No retry: it would not help. */
export const NotFound: Story = {
  args: { service: 'felanmalningar' },
  parameters: { docs: { source: { code: snippet('service="felanmalningar"') } } },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    const error = await shown(element, '[part=load-error]');
    await expect(error.textContent).toContain('felanmalningar');
    await expect(error.querySelector('button')).toBeNull();
  },
};

/** The questions, ready to be answered. */
export const Ready: Story = {
  play: async ({ canvasElement }) => {
    await shown(formElement(canvasElement), 'form');
  },
};

/** `lang="en"` on the element: the definition's English texts and the kit's English messages. */
export const ReadyInEnglish: Story = {
  args: { lang: 'en' },
  parameters: { docs: { source: { code: snippet('service="felanmalan" lang="en"') } } },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await shown(element, 'form');
    await expect(inShadow(element, '[part=title]')?.textContent).toBe('Report a fault: streets, parks and lighting');
    await expect(inShadow(element, '[part=submit-button]')?.textContent?.trim()).toBe('Send');
  },
};

/** Skicka with nothing filled in: the error summary takes focus and links to each question. */
export const ValidationErrors: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await shown(element, 'form');
    const button = await shown<HTMLButtonElement>(element, 'button[type=submit]');
    await expect(button.textContent?.trim()).toBe('Skicka');
    await userEvent.click(button);
    const summary = await shown(element, '[part=error-summary]');
    await expect(summary.textContent).toContain('Det finns ett problem');
    // category, place, description and urgent are required; email is not.
    await expect(summary.querySelectorAll('li')).toHaveLength(4);
    await waitFor(() => expect(element.shadowRoot?.activeElement).toBe(summary));
  },
};

/** The case is on its way: the button says "Skickar…" and a second press sends nothing. */
export const Submitting: Story = {
  args: { submit: 'never' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await fillAndSend(element);
    await waitFor(() => {
      const button = inShadow(element, 'button[type=submit]');
      expect(button?.getAttribute('aria-disabled')).toBe('true');
      expect(button?.textContent?.trim()).toBe('Skickar…');
    });
  },
};

/** Sending failed (the reader went offline): the answers stay and a message says so. */
export const SubmitFailed: Story = {
  args: { submit: 'network-error' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await fillAndSend(element);
    await waitFor(() => expect(inShadow(element, '[part=submit-error]')?.textContent).toContain('svar finns kvar'));
    await expect(inShadow(element, '#field-place')?.shadowRoot?.querySelector<HTMLInputElement>('input')?.value).toBe(VALID_ANSWERS['place']);
  },
};

/** The backend answered 500: the same kept answers, with a "try again in a moment" message. */
export const SubmitFailedServerError: Story = {
  args: { submit: 'server-error' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await fillAndSend(element);
    await waitFor(() => expect(inShadow(element, '[part=submit-error]')?.textContent).toContain('försök igen om en stund'));
    await expect(inShadow(element, '#field-place')?.shadowRoot?.querySelector<HTMLInputElement>('input')?.value).toBe(VALID_ANSWERS['place']);
  },
};

/** Sent: the receipt with the case number to quote, the case as a PDF to download, and Print. */
export const Receipt: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    let caseNumber = '';
    element.addEventListener('e-service-submitted', (event) => (caseNumber = event.detail.caseNumber));
    await fillAndSend(element);
    const receipt = await shown(element, '[part=receipt]');
    await expect(receipt.querySelector('h2')?.textContent).toBe('Tack för din anmälan');
    await expect(receipt.querySelector('[data-case-number]')?.textContent).toBe(CASE_NUMBER);
    await expect(caseNumber).toBe(CASE_NUMBER);
    await expect(receipt.querySelector('[part=pdf-button]')?.textContent?.trim()).toBe('Ladda ner ditt ärende som PDF');
  },
};

const THEME = ['--esk-color-primary: #1d4f91', '--esk-radius: 6px', '--esk-font-family: Georgia, serif'];

/** The municipality's own look, set with --esk-* custom properties (here inline; usually in the site's CSS). */
export const Themed: Story = {
  args: { style: THEME.join('; ') },
  parameters: {
    docs: {
      source: {
        code: [
          KIT_SCRIPT,
          '<style>',
          '  e-service-form {',
          ...THEME.map((declaration) => `    ${declaration};`),
          '  }',
          '</style>',
          '<e-service-form service="felanmalan"></e-service-form>',
        ].join('\n'),
      },
    },
  },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await shown(element, 'form');
    await expect(getComputedStyle(element).getPropertyValue('--esk-color-primary').trim()).toBe('#1d4f91');
  },
};
