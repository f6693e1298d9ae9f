import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import { KitClient } from '../src/client/kit-client.js';
import '../src/elements/my-cases/my-cases.js';
import type { MyCases } from '../src/elements/my-cases/my-cases.component.js';
import {
  COSIGN_IDS, EXPIRED_DETAILS, EXPIRED_ROW, OVERVIEW_EXPIRED, cosignBackend, type CosignScript,
} from './support/cosign-example.js';
import {
  AWAITING_PAYMENT_DETAILS, AWAITING_PAYMENT_ROW, PAID_DETAILS, PAID_ROW, CITIZEN, DETAILS_OLD_VERSION, EMPTY_PAGE, IDS, MY_PAGES_BACKEND_URL, SECOND_PAGE, type MyPagesScript,
} from './support/my-pages-example.js';

/**
 * Mina ärenden: the citizen's drafts and cases from two municipalities, grouped, with a case's
 * details and messages, and a case the other guardian must sign too. A fake backend
 * (stories/support/my-pages-example.ts and cosign-example.ts, the same example data as
 * test/browser/my-cases.test.ts) answers; nothing leaves the page.
 */

type Scenario = 'loggedOut' | 'loading' | 'loadFailed' | 'empty' | 'ready' | 'moreLoading' | 'oldVersion' | 'notSignedInTime' | 'payments';

/** Mina sidor's answers, and the signatures' for a case others must sign too. */
type Script = MyPagesScript & { cosign?: Omit<CosignScript, 'user' | 'myPages'> };

const scripts: Record<Scenario, Script> = {
  loggedOut: {},
  loading: { user: CITIZEN, cases: ['never'] },
  loadFailed: { user: CITIZEN, cases: ['network-error'] },
  empty: { user: CITIZEN, cases: [EMPTY_PAGE] },
  ready: { user: CITIZEN, pages: { 'page-2': SECOND_PAGE } },
  moreLoading: { user: CITIZEN, pages: { 'page-2': 'never' } },
  oldVersion: { user: CITIZEN, details: [DETAILS_OLD_VERSION] },
  payments: {
    user: CITIZEN, cases: [{ items: [AWAITING_PAYMENT_ROW, PAID_ROW] }],
    caseDetails: { [IDS.caseAwaitingPayment]: AWAITING_PAYMENT_DETAILS, [IDS.casePaid]: PAID_DETAILS },
  },
  notSignedInTime: {
    user: CITIZEN, cases: [{ items: [EXPIRED_ROW] }], caseDetails: { [COSIGN_IDS.caseId]: EXPIRED_DETAILS }, cosign: { overview: [OVERVIEW_EXPIRED] },
  },
};

interface Args {
  /** How the story backend answers. */
  scenario: Scenario;
  /** Where Continue on a draft leads. */
  continueUrl: string;
  /** Where Betala on a case that waits for its payment leads. */
  payUrl: string;
}

const snippet = `<script type="module" src="https://etjanster.kommun.se/kit/e-service-kit.js"></script>\n<my-cases continue-url="/e-tjanster/{serviceId}.html?draft={id}" pay-url="/e-tjanster/{serviceId}.html?pay={id}"></my-cases>`;

const meta: Meta<Args> = {
  title: 'Widgets/my-cases',
  component: 'my-cases',
  args: { scenario: 'ready', continueUrl: '/e-tjanster/{serviceId}.html?draft={id}', payUrl: '/e-tjanster/{serviceId}.html?pay={id}' },
  argTypes: {
    scenario: { control: 'select', options: Object.keys(scripts), table: { category: 'Story backend' } },
  },
  render: ({ scenario, continueUrl, payUrl }) => {
    const { user, cosign, ...myPages } = structuredClone(scripts[scenario]);
    const client = new KitClient(MY_PAGES_BACKEND_URL, cosignBackend({ user, myPages, ...cosign }).fetch);
    return html`<my-cases .client=${client} continue-url=${continueUrl} pay-url=${payUrl}
      @my-cases-continue=${(event: Event) => event.preventDefault()} @click=${(event: Event) => {
        // The copy's link and Betala would leave Storybook.
        if ((event.composedPath()[0] as Element).closest?.('a[part=continue-link], a[part=pay-button]')) event.preventDefault();
      }}></my-cases>`;
  },
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: [
          'Mina ärenden for a logged-in citizen: drafts ("Ej inskickade") with Continue and Delete, ongoing and closed cases with their status and unread messages, "Visa fler", and each case’s details with its messages. Without a login it shows the BankID login.',
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

function widget(canvasElement: HTMLElement): MyCases {
  const element = canvasElement.querySelector('my-cases');
  if (!element) throw new Error('no <my-cases> in the story');
  return element;
}

/** Waits for something in the widget's shadow root. */
const shown = <T extends Element = HTMLElement>(element: HTMLElement, selector: string) =>
  waitFor(() => {
    const found = element.shadowRoot?.querySelector<T>(selector);
    if (!found) throw new Error(`nothing matches ${selector}`);
    return found;
  }, { timeout: 4000 });

/** Not logged in: why, and the BankID login. */
export const LoggedOut: Story = {
  args: { scenario: 'loggedOut' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await shown(element, 'eid-login');
    await expect(text(element.shadowRoot?.querySelector('[part=login-notice]'))).toBe('Logga in med e-legitimation för att se dina ärenden.');
  },
};

export const Loading: Story = {
  args: { scenario: 'loading' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const loading = await shown(widget(canvasElement), '[part=loading]');
    await waitFor(() => expect(text(loading)).toBe('Hämtar dina ärenden…'));
  },
};

export const LoadFailed: Story = {
  args: { scenario: 'loadFailed' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const error = await shown(widget(canvasElement), '[part=load-error]');
    await expect(text(error)).toBe('Dina ärenden kunde inte hämtas just nu. Försök igen');
  },
};

export const Empty: Story = {
  args: { scenario: 'empty' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const empty = await shown(widget(canvasElement), '[part=empty]');
    await expect(text(empty)).toBe('Du har inga ärenden ännu. Här ser du e-tjänster du har skickat in eller sparat.');
  },
};

/** Drafts, ongoing and closed cases from two municipalities; "Visa fler" adds two more. */
export const Ready: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await shown(element, '.case');
    const groups = [...(element.shadowRoot?.querySelectorAll('.group h3') ?? [])].map(text);
    await expect(groups).toEqual(['Ej inskickade', 'Pågående', 'Avslutade']);
    await expect(element.shadowRoot?.querySelectorAll('.case')).toHaveLength(7);
    await userEvent.click(await shown(element, '[part=more-button]'));
    await waitFor(() => expect(element.shadowRoot?.querySelectorAll('.case')).toHaveLength(9));
  },
};

/** Busy: "Visa fler" pressed, the next rows on their way. */
export const Busy: Story = {
  args: { scenario: 'moreLoading' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    const more = await shown<HTMLButtonElement>(element, '[part=more-button]');
    await userEvent.click(more);
    await waitFor(() => expect(text(more)).toBe('Hämtar fler…'));
    await expect(more.getAttribute('aria-disabled')).toBe('true');
  },
};

/** Delete on a draft asks first. */
export const ConfirmDelete: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.click(await shown(element, `#delete-${IDS.draftBygglov}`));
    const confirm = await shown(element, '[part=confirm]');
    await expect(text(confirm.querySelector('p'))).toBe('Vill du ta bort ”Ansökan om bygglov”? Det du har fyllt i går inte att få tillbaka.');
  },
};

/** A case opened: facts, the case as a PDF to download, answers, files, signatures, history and the messages. */
export const Details: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.click(await shown(element, `#open-${IDS.caseSkolskjuts}`));
    await shown(element, '.timeline');
    await expect(text(await shown(element, '[part=pdf-button]'))).toBe('Ladda ner ditt ärende som PDF');
    const messages = await shown(element, 'case-messages');
    await waitFor(() => expect(messages.shadowRoot?.querySelectorAll('[part=message]')).toHaveLength(3), { timeout: 4000 });
    await expect(text(element.shadowRoot?.querySelector('[part=back-button]'))).toBe('Tillbaka till mina ärenden');
  },
};

/** A case sent on an older version of the e-service: its answers under their question ids. */
export const DetailsOfAnOlderVersion: Story = {
  args: { scenario: 'oldVersion' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.click(await shown(element, `#open-${IDS.caseSkolskjuts}`));
    await shown(element, '.timeline');
    await expect(text(element.shadowRoot?.querySelector('.details .muted'))).toContain('frågorna visas med sina id:n');
  },
};

/** A case waiting for the other guardian: when Anna signed, who has signed, the deadline, Skicka inbjudan igen; no messages yet. */
export const WaitingForCosigners: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.click(await shown(element, `#open-${COSIGN_IDS.caseId}`));
    const nested = await shown(element, 'cosign-status');
    await waitFor(() => expect(nested.shadowRoot?.querySelectorAll('[part=cosigner]')).toHaveLength(2), { timeout: 4000 });
    await expect(text(element.shadowRoot?.querySelector('.summary-list'))).toContain('Underskrivet');
    await expect(text(element.shadowRoot?.querySelectorAll('.summary-list')[1])).toContain('Elsa Andersson');
    await expect(element.shadowRoot?.querySelector('case-messages')).toBeNull();
  },
};

/** Not signed in time: never sent; "Börja om med en kopia" makes a draft and links to the e-service with it. */
export const CopyOfACaseNotSignedInTime: Story = {
  args: { scenario: 'notSignedInTime' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.click(await shown(element, `#open-${COSIGN_IDS.caseId}`));
    const nested = await shown(element, 'cosign-status');
    const copy = await waitFor(() => {
      const found = nested.shadowRoot?.querySelector<HTMLButtonElement>('[part=copy-button]');
      if (!found) throw new Error('no copy button');
      return found;
    }, { timeout: 4000 });
    await userEvent.click(copy);
    await waitFor(() => expect(text(nested.shadowRoot?.querySelector('[part=continue-link]'))).toBe('Fortsätt med kopian'), { timeout: 4000 });
  },
};

/** A case made but not paid: Väntar på betalning, the fee due and Betala (to the e-service's page, `pay-url`); a paid one shows what was paid. */
export const WaitingForPayment: Story = {
  args: { scenario: 'payments' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await shown(element, '[part=pay-button]');
    await userEvent.click(await shown(element, `#open-${IDS.caseAwaitingPayment}`));
    const payment = await shown(element, '[part=payment]');
    await expect(text(payment)).toContain('200,00 kr');
    await expect(element.shadowRoot?.querySelector('.details [part=pay-button]')?.getAttribute('href')).toBe(`/e-tjanster/parkeringstillstand.html?pay=${IDS.caseAwaitingPayment}`);
  },
};

export const English: Story = {
  globals: { locale: 'en' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await shown(element, '.case');
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('h2'))).toBe('My cases'));
  },
};
