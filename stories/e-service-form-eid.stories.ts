import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import { KitClient } from '../src/client/kit-client.js';
import type { EServiceForm } from '../src/elements/e-service-form/e-service-form.component.js';
import {
  ANNA, EID_BACKEND_URL, EID_SERVICE_ID, PREFILL_ANNA, PREFILL_PROTECTED, SARA, TYPED_REASON, eidBackend, type EidScript,
} from './support/eid-example.js';

/**
 * An e-service that needs e-ID (login "required", signing "sign"): the login first, the answers the
 * population register gives shown and locked, the register's children to choose from, and
 * "Skriv under och skicka" with BankID. A fake backend (stories/support/eid-example.ts, the same
 * example data as test/browser/e-service-form-eid.test.ts) answers; nothing leaves the page.
 */

type Scenario = 'loggedOut' | 'loggedIn' | 'protected' | 'registerUnavailable' | 'registerUnavailableOlderBackend' | 'alreadyUsed' | 'signingOffline'
  | 'frejaLogin' | 'eidasCannotSign';

const scripts: Record<Scenario, EidScript> = {
  loggedOut: {
    loginOrders: [{ status: 'pending', hintCode: 'outstandingTransaction', qrData: '*' }],
  },
  loggedIn: {
    user: ANNA,
    prefill: [PREFILL_ANNA],
    // Signing stays on the QR code: the citizen has not scanned it yet.
    signOrders: [{ status: 'pending', hintCode: 'outstandingTransaction', qrData: '*' }],
  },
  protected: { user: SARA, prefill: [PREFILL_PROTECTED] },
  registerUnavailable: {
    user: ANNA,
    prefill: [{ person: { ...PREFILL_ANNA.person, address: undefined }, protected: false, children: [], registerUnavailable: true }],
  },
  registerUnavailableOlderBackend: {
    user: ANNA,
    prefill: [{ problem: { status: 503, type: '/problems/register-unavailable', title: 'Folkbokföringen går inte att nå just nu' } }],
  },
  alreadyUsed: {
    user: ANNA,
    prefill: [{ ...PREFILL_ANNA, alreadyUsed: { caseId: '0b8f4c6e-2d1a-4e3b-9c7d-5a6f8e9d0c1b', url: '/mina-sidor.html?case=0b8f4c6e-2d1a-4e3b-9c7d-5a6f8e9d0c1b' } }],
  },
  signingOffline: { user: ANNA, prefill: [PREFILL_ANNA], signStart: ['network-error'] },
  // Logged in through the e-ID broker: signed there too (the story stays on the page: the broker's is another site).
  frejaLogin: { user: ANNA, eid: 'freja', prefill: [PREFILL_ANNA], signStart: ['network-error'] },
  eidasCannotSign: { user: ANNA, eid: 'eidas', eidSigns: false, prefill: [PREFILL_ANNA] },
};

interface EidArgs {
  /** How the story backend answers: who is logged in, and what the register says. */
  scenario: Scenario;
}

const snippet = `<script type="module" src="https://etjanster.kommun.se/kit/e-service-kit.js"></script>\n<e-service-form service="${EID_SERVICE_ID}"></e-service-form>`;

const meta: Meta<EidArgs> = {
  title: 'e-service-form/e-ID',
  component: 'e-service-form',
  args: { scenario: 'loggedIn' },
  argTypes: {
    scenario: { control: 'select', options: Object.keys(scripts), table: { category: 'Story backend' } },
  },
  render: ({ scenario }) => {
    // The qrData "*" in the script asks the fake backend for a new QR code on each poll, as BankID's.
    const client = new KitClient(EID_BACKEND_URL, eidBackend(structuredClone(scripts[scenario])).fetch);
    return html`<e-service-form service=${EID_SERVICE_ID} .client=${client} .openBankId=${() => {}}></e-service-form>`;
  },
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: [
          'An e-service whose definition says `login: "required"` and `signing: "sign"` brings its own login: the citizen logs in with BankID, the questions the population register answers are filled in and locked, a "Which child?" question lists the register’s children, and the case is signed with BankID before it is sent.',
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
type Story = StoryObj<EidArgs>;

// --- helpers for play functions -------------------------------------------------------

function formElement(canvasElement: HTMLElement): EServiceForm {
  const element = canvasElement.querySelector('e-service-form');
  if (!element) throw new Error('no <e-service-form> in the story');
  return element;
}

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Waits until `root` shows a button with this text, and returns it. */
function buttonIn(root: () => ParentNode | null | undefined, label: string): Promise<HTMLButtonElement> {
  return waitFor(() => {
    const found = [...(root()?.querySelectorAll('button') ?? [])].find((b) => text(b) === label);
    if (!found) throw new Error(`no button "${label}"`);
    return found;
  }, { timeout: 4000 });
}

async function questionsShown(element: EServiceForm): Promise<void> {
  await waitFor(() => expect(element.shadowRoot?.querySelector('form')).toBeTruthy(), { timeout: 4000 });
}

/** Chooses Ella, goes on, writes the reason and goes on to the review, then presses Skriv under och skicka. */
async function toSigning(element: EServiceForm, heading = 'Skriv under med BankID'): Promise<void> {
  const root = () => element.shadowRoot;
  await questionsShown(element);
  const child = await waitFor(() => {
    const radio = root()?.querySelector('#field-child')?.shadowRoot?.querySelector<HTMLInputElement>('input[type=radio]');
    if (!radio) throw new Error('no child to choose');
    return radio;
  });
  await userEvent.click(child);
  await userEvent.click(await buttonIn(root, 'Fortsätt'));
  const reason = await waitFor(() => {
    const textarea = root()?.querySelector('#field-reason')?.shadowRoot?.querySelector('textarea');
    if (!textarea) throw new Error('no reason question');
    return textarea;
  });
  await userEvent.type(reason, TYPED_REASON);
  await userEvent.click(await buttonIn(root, 'Fortsätt'));
  await waitFor(() => expect(text(root()?.querySelector('.page-title'))).toBe('Granska dina uppgifter'));
  await userEvent.click(await buttonIn(root, 'Skriv under och skicka'));
  await waitFor(() => expect(text(root()?.querySelector('.signing h3'))).toBe(heading));
}

// --- stories ----------------------------------------------------------------------------

/** Not logged in: why the citizen must log in, and the BankID choice; no questions yet. */
export const NotLoggedIn: Story = {
  args: { scenario: 'loggedOut' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    const login = () => element.shadowRoot?.querySelector('eid-login')?.shadowRoot;
    await buttonIn(login, 'BankID på den här enheten');
    await buttonIn(login, 'BankID på en annan enhet');
    await expect(text(element.shadowRoot?.querySelector('[part=login-notice]'))).toContain('Du behöver logga in med e-legitimation');
    await expect(element.shadowRoot?.querySelector('form')).toBeNull();
  },
};

/** Logged in: name, personnummer and address from the register, locked; the register's children to choose from. */
export const Prefilled: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await questionsShown(element);
    const locked = [...(element.shadowRoot?.querySelectorAll('[data-field].prefilled') ?? [])];
    await expect(locked.map((row) => row.getAttribute('data-field'))).toEqual(['applicantName', 'applicantNumber', 'address']);
    await expect(text(locked[0]?.querySelector('.hint'))).toBe('Från folkbokföringen');
    // ownSchoolsOnly: Ella and Alva go to the municipality's schools, Noah does not.
    const children = element.shadowRoot?.querySelector('#field-child')?.shadowRoot?.querySelectorAll('input[type=radio]');
    await expect(children).toHaveLength(2);
  },
};

/** Skyddad folkbokföring: the name is locked, the address is for the citizen to give (or not). */
export const ProtectedPerson: Story = {
  args: { scenario: 'protected' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await questionsShown(element);
    await expect(element.shadowRoot?.querySelector('[data-field=applicantName].prefilled')).toBeTruthy();
    await expect(element.shadowRoot?.querySelector('#field-address')?.tagName).toBe('ESK-ADDRESS-FIELD');
    await expect(text(element.shadowRoot?.querySelector('#field-address')?.shadowRoot?.querySelector('.hint'))).toContain('Du väljer själv vilken adress du lämnar');
  },
};

/** The population register does not answer: the rest can be filled in; the child and the address wait, named above. */
export const RegisterUnavailable: Story = {
  args: { scenario: 'registerUnavailable' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await questionsShown(element);
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('[part=register-waiting]'))).toContain('Du kan fylla i resten under tiden'));
    await expect(text(element.shadowRoot?.querySelector('[data-field=child] .hint'))).toBe('Väntar på folkbokföringen – frågan går att besvara när den går att nå igen.');
    await buttonIn(() => element.shadowRoot?.querySelector('[part=register-waiting]'), 'Försök igen');
  },
};

/** A once-per-person e-service the citizen has used: said when it opens, with the way to the case. */
export const AlreadyUsed: Story = {
  args: { scenario: 'alreadyUsed' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('[part=already-used] h3'))).toBe('Du har redan använt tjänsten'), { timeout: 4000 });
    await expect(element.shadowRoot?.querySelector('[part=existing-case-link]')?.getAttribute('href')).toBe('/mina-sidor.html?case=0b8f4c6e-2d1a-4e3b-9c7d-5a6f8e9d0c1b');
    await expect(element.shadowRoot?.querySelector('form')).toBeNull();
  },
};

/** Signing when the e-service can't be reached: the answers are kept (offline, the order starts by itself once the connection is back). */
export const SigningOffline: Story = {
  args: { scenario: 'signingOffline' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await toSigning(element);
    await userEvent.click(await buttonIn(() => element.shadowRoot?.querySelector('.signing'), 'BankID på en annan enhet'));
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('[part=signing-status]'))).toContain('Det gick inte att nå e-tjänsten'), { timeout: 4000 });
    await buttonIn(() => element.shadowRoot?.querySelector('.signing'), 'Försök igen');
  },
};

/** An older backend answers 503 while the register is down: an alert with Try again. */
export const RegisterUnavailableOlderBackend: Story = {
  args: { scenario: 'registerUnavailableOlderBackend' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await waitFor(() => expect(element.shadowRoot?.querySelector('[part=load-error][role=alert]')).toBeTruthy(), { timeout: 4000 });
    await expect(text(element.shadowRoot?.querySelector('[part=load-error]'))).toContain('Vi kan inte hämta dina uppgifter från folkbokföringen just nu.');
    await buttonIn(() => element.shadowRoot?.querySelector('[part=load-error]'), 'Försök igen');
  },
};

/** After the review, Skriv under och skicka: BankID on this device or another? */
export const SigningChoice: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await toSigning(element);
    const signing = () => element.shadowRoot?.querySelector('.signing');
    await buttonIn(signing, 'BankID på den här enheten');
    await buttonIn(signing, 'BankID på en annan enhet');
    await buttonIn(signing, 'Avbryt');
  },
};

/** Signing on another device: the animated QR code and BankID's message (RFA1). */
export const SigningWithQrCode: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await toSigning(element);
    await userEvent.click(await buttonIn(() => element.shadowRoot?.querySelector('.signing'), 'BankID på en annan enhet'));
    await waitFor(() => expect(element.shadowRoot?.querySelector('.signing canvas[role=img]')).toBeTruthy(), { timeout: 4000 });
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('[part=signing-status]'))).toBe('Starta BankID-appen.'));
  },
};

/** Logged in with Freja eID through the e-ID broker: the case is signed there, with the same e-ID. */
export const SigningWithFrejaEid: Story = {
  args: { scenario: 'frejaLogin' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await toSigning(element, 'Skriv under med Freja eID');
    const signing = () => element.shadowRoot?.querySelector('.signing');
    await expect(text(signing())).toContain('Du kommer till Freja eID för att skriva under och sedan tillbaka hit');
    await buttonIn(signing, 'Skriv under med Freja eID');
    await buttonIn(signing, 'Tillbaka');
  },
};

/** Logged in with an e-ID that cannot sign this e-service: said before the citizen starts. */
export const EidCannotSign: Story = {
  args: { scenario: 'eidasCannotSign' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('[part=signing-notice]'))).toContain('som inte kan användas för att skriva under'), { timeout: 4000 });
  },
};
