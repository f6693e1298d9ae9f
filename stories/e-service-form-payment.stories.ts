import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import { KitClient } from '../src/client/kit-client.js';
import type { PaymentState } from '../src/contract/payments.js';
import type { EServiceForm } from '../src/elements/e-service-form/e-service-form.component.js';
import { navigation } from '../src/elements/e-service-form/navigation.js';
import {
  FREE_PARKING_ANSWERS, PARKING_ANSWERS, PAYMENT_BACKEND_URL, PAYMENT_CASE_NUMBER, PAYMENT_SERVICE_ID, paymentFetch, type PaymentScript,
} from './support/payment-example.js';

/**
 * An e-service that charges (here the parking permit, 200 kr): the fee above Send, then — the case made — the
 * payment step: card or Swish, what is happening in a polite live region, Try again after a failure, and the paid
 * receipt. The fake backend of stories/support/payment-example.ts answers each read of the attempt as the story
 * says; no provider's page or Swish app is opened.
 */

// The stories stay on their page: where the citizen would be sent is only noted.
navigation.assign = (url) => console.info(`The citizen would go to ${url}`);

interface PaymentArgs extends PaymentScript {
  lang?: 'sv' | 'en';
}

const snippet = `<e-service-form service="${PAYMENT_SERVICE_ID}"></e-service-form>`;

const meta: Meta<PaymentArgs> = {
  title: 'e-service-form/Payment',
  component: 'e-service-form',
  args: { outcome: 'pending' },
  argTypes: {
    outcome: { control: 'select', options: ['pending', 'paid', 'declined', 'timedOut', 'cancelled', 'failed'], table: { category: 'Story backend' } },
    cardDeclined: { control: 'boolean', table: { category: 'Story backend' } },
    lang: { control: 'inline-radio', options: [undefined, 'sv', 'en'] },
  },
  render: ({ outcome, cardDeclined, lang }) => {
    // A backend address of its own per story: the tab's copy of one story's case stays out of the next.
    const base = `${PAYMENT_BACKEND_URL}${crypto.randomUUID().slice(0, 8)}/`;
    return html`<e-service-form service=${PAYMENT_SERVICE_ID} lang=${ifDefined(lang)} .client=${new KitClient(base, paymentFetch({ outcome, cardDeclined }, base))}></e-service-form>`;
  },
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: [
          'An e-service whose definition has a `fee` shows what is to be paid above the Send button, and after sending asks for the payment by card (Swedbank Pay) or Swish; the case goes to the municipality once it is paid. Nothing more to paste:',
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
type Story = StoryObj<PaymentArgs>;

// --- helpers for play functions -------------------------------------------------------

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function formElement(canvasElement: HTMLElement): EServiceForm {
  const element = canvasElement.querySelector('e-service-form');
  if (!element) throw new Error('no <e-service-form> in the story');
  return element;
}

function shown<T extends Element = HTMLElement>(element: HTMLElement, selector: string): Promise<T> {
  return waitFor(() => {
    const found = element.shadowRoot?.querySelector<T>(selector);
    if (!found) throw new Error(`<e-service-form> shows no ${selector}`);
    return found;
  }, { timeout: 5000 });
}

const status = (element: EServiceForm) => text(element.shadowRoot?.querySelector('[part=payment-status]'));

/** Fills in the permit and sends it: the payment step comes. */
async function send(element: EServiceForm, answers = PARKING_ANSWERS): Promise<void> {
  await shown(element, 'form');
  element.setAnswers(answers);
  await element.updateComplete;
  await userEvent.click(await shown(element, 'button[type=submit]'));
  await shown(element, '[part=payment]');
}

/** Picks an option of one of the payment step's radio groups. */
async function choose(element: EServiceForm, path: string, index: number): Promise<void> {
  const radio = await waitFor(() => {
    const found = element.shadowRoot?.querySelector(`#field-${path}`)?.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type=radio]')[index];
    if (!found) throw new Error(`no option ${index} of ${path}`);
    return found;
  });
  await userEvent.click(radio);
  await element.updateComplete;
}

async function pay(element: EServiceForm): Promise<void> {
  await userEvent.click(await shown(element, '[part=pay-button]'));
}

/** Swish to the citizen's number, and what the step says once the attempt is read (after 2 s). */
async function swishToNumber(element: EServiceForm, number = '070-123 45 67'): Promise<void> {
  await send(element);
  await choose(element, 'method', 1);
  await choose(element, 'swishWay', 2);
  const input = await waitFor(() => {
    const found = element.shadowRoot?.querySelector('#field-payerMobile')?.shadowRoot?.querySelector<HTMLInputElement>('input');
    if (!found) throw new Error('no mobile number');
    return found;
  });
  await userEvent.type(input, number);
  await pay(element);
}

/** A Swish payment that ends as the story's backend says, with Try again. */
function ended(outcome: PaymentState, said: string): Story {
  return {
    args: { outcome },
    globals: { locale: 'sv' },
    play: async ({ canvasElement }) => {
      const element = formElement(canvasElement);
      await swishToNumber(element);
      await waitFor(() => expect(status(element)).toBe(said), { timeout: 5000 });
      await expect(text(element.shadowRoot?.querySelector('[part=payment-title]'))).toBe('Betalningen gick inte igenom');
      await expect(text(element.shadowRoot?.querySelector('[part=pay-button]'))).toBe('Försök igen');
    },
  };
}

// --- stories ----------------------------------------------------------------------------

/** What is to be paid and why, right above Send, which says "Skicka och betala". */
export const FeeAboveSend: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await shown(element, 'form');
    element.setAnswers(PARKING_ANSWERS);
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('[part=fee-total]'))).toBe('Att betala: 200,00 kr'));
    await expect(text(element.shadowRoot?.querySelector('[part=submit-button]'))).toBe('Skicka och betala');
  },
};

/** With a disabled parking permit nothing is due: "Ingen avgift", and Send is only Send. */
export const Free: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await shown(element, 'form');
    element.setAnswers(FREE_PARKING_ANSWERS);
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('[part=fee-total]'))).toBe('Ingen avgift'));
    await expect(text(element.shadowRoot?.querySelector('[part=submit-button]'))).toBe('Skicka');
  },
};

/** The case is made and waits for its payment: its number, the amount, and card or Swish. */
export const ChooseMethod: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await send(element);
    await expect(text(element.shadowRoot?.querySelector('[data-case-number]'))).toBe(PAYMENT_CASE_NUMBER);
    await expect(text(element.shadowRoot?.querySelector('[part=payment-amount]'))).toBe('200,00 kr');
    await waitFor(() => expect(element.shadowRoot?.activeElement).toBe(element.shadowRoot?.querySelector('[part=payment-title]')));
  },
};

/** A number Swish does not take: the error beside the field and in the summary, which takes focus. */
export const MobileNumberError: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await swishToNumber(element, '08-123 45 67');
    const summary = await shown(element, '.error-summary');
    await expect(text(summary.querySelector('li'))).toBe('Ange ett svenskt mobilnummer, till exempel 070-123 45 67');
    await waitFor(() => expect(element.shadowRoot?.activeElement).toBe(summary));
  },
};

/** Sent to the citizen's Swish: "Öppna Swish och godkänn betalningen" until they do. */
export const SwishWaiting: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await swishToNumber(element);
    await waitFor(() => expect(status(element)).toBe('Öppna Swish och godkänn betalningen'));
    await expect(text(element.shadowRoot?.querySelector('[part=payment]'))).toContain('Betalningen är skickad till Swish på 070-123 45 67.');
  },
};

/** Swish on another device: the QR code to scan with the Swish app. */
export const SwishQrCode: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await send(element);
    await choose(element, 'method', 1);
    await choose(element, 'swishWay', 1);
    await pay(element);
    const qr = await shown<HTMLCanvasElement>(element, '[part=swish-qr]');
    await waitFor(() => expect(qr.width).toBeGreaterThan(0));
    await expect(status(element)).toBe('Öppna Swish och godkänn betalningen');
  },
};

/** Card: the citizen is sent to the provider's card page (a link too, should the page not open). */
export const CardPage: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await send(element);
    await choose(element, 'method', 0);
    await pay(element);
    await waitFor(() => expect(status(element)).toBe('Du skickas till betalsidan…'));
    await shown(element, '[part=card-link]');
  },
};

/** Back from the card page after a declined card: the provider's page may be tried again, or another way. */
export const CardDeclined: Story = {
  args: { cardDeclined: true },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await send(element);
    await choose(element, 'method', 0);
    await pay(element);
    await waitFor(() => expect(status(element)).toBe('Kortet nekades. Du kan försöka igen på betalsidan eller välja ett annat sätt att betala.'), { timeout: 5000 });
  },
};

/** The payer declined in Swish. */
export const Declined: Story = ended('declined', 'Betalningen nekades');

/** Nobody answered in time. */
export const TimedOut: Story = ended('timedOut', 'Tiden för betalningen gick ut');

/** The payment was cancelled (at the provider, or by the citizen there). */
export const Cancelled: Story = ended('cancelled', 'Betalningen avbröts');

/** Anything else that went wrong. */
export const Failed: Story = ended('failed', 'Något gick fel med betalningen');

/** Paid: the case is sent, and the receipt says what was paid, when, how, and the reference. */
export const Paid: Story = {
  args: { outcome: 'paid' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await swishToNumber(element);
    const lines = await shown(element, '[part=receipt-payment]');
    await expect(text(lines)).toContain('Betalt med Swish');
    await expect(text(lines)).toContain('Betalningsreferens 7412369');
    await waitFor(() => expect(element.shadowRoot?.activeElement).toBe(element.shadowRoot?.querySelector('.receipt__title')));
  },
};

/** In English: "SEK 200.00", and the same steps. */
export const InEnglish: Story = {
  args: { lang: 'en' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await shown(element, 'form');
    element.setAnswers(PARKING_ANSWERS);
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('[part=submit-button]'))).toBe('Send and pay'));
    await userEvent.click(await shown(element, 'button[type=submit]'));
    await shown(element, '[part=payment]');
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('[part=payment-amount]'))).toBe('SEK 200.00'));
    await expect(text(element.shadowRoot?.querySelector('[part=payment-title]'))).toBe('Pay the fee');
  },
};
