import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import { KitClient } from '../src/client/kit-client.js';
import '../src/elements/cosign-status/cosign-status.js';
import type { CosignStatus } from '../src/elements/cosign-status/cosign-status.component.js';
import {
  APPLICANT, COPY, COSIGN_BACKEND_URL, COSIGN_IDS, COSIGNER, OVERVIEW_DECLINED, OVERVIEW_EXPIRED, REQUEST_OLD_VERSION, SIGNED_REQUEST, TOKEN,
  cosignBackend, refusal, type CosignScript,
} from './support/cosign-example.js';

/**
 * Flerpartssignering: the other guardian asked to sign Anna Andersson's application for a
 * preschool place, and Anna's own view of who has signed. A fake backend
 * (stories/support/cosign-example.ts, the same example data as test/browser/cosign-status.test.ts)
 * answers; nothing leaves the page.
 */

const QR = { status: 'pending', hintCode: 'outstandingTransaction', qrData: 'bankid.abc.0.aa' } as const;

const scripts = {
  loggedOut: {},
  loading: { user: COSIGNER, open: ['never'] },
  loadFailed: { user: COSIGNER, open: ['network-error'] },
  ready: { user: COSIGNER },
  oldVersion: { user: COSIGNER, open: [REQUEST_OLD_VERSION] },
  signingPending: { user: COSIGNER, polls: [QR] },
  signs: { user: COSIGNER, polls: [QR, QR, { status: 'complete', request: SIGNED_REQUEST }] },
  declineBusy: { user: COSIGNER, decline: 'never' },
  notForYou: { user: COSIGNER, open: [refusal('not-for-you')] },
  invitationExpired: { user: COSIGNER, open: [refusal('invitation-expired')] },
  invitationUsed: { user: COSIGNER, open: [refusal('invitation-used')] },
  alreadySigned: { user: COSIGNER, open: [refusal('already-signed')] },
  declined: { user: COSIGNER, open: [refusal('declined')] },
  caseNotAwaitingCosign: { user: COSIGNER, open: [refusal('case-not-awaiting-cosign')] },
  overview: { user: APPLICANT },
  overviewLoading: { user: APPLICANT, overview: ['never'] },
  overviewFailed: { user: APPLICANT, overview: ['network-error'] },
  resendBusy: { user: APPLICANT, reinvite: ['never'] },
  expired: { user: APPLICANT, overview: [OVERVIEW_EXPIRED] },
  copyBusy: { user: APPLICANT, overview: [OVERVIEW_EXPIRED], copy: 'never' },
  declinedCase: { user: APPLICANT, overview: [OVERVIEW_DECLINED] },
} satisfies Record<string, CosignScript>;
type Scenario = keyof typeof scripts;

interface Args {
  /** How the story backend answers. */
  scenario: Scenario;
  /** The cosigner's invitation (from the link in the e-mail). */
  invitation: string;
  /** The applicant's case: set it for the applicant's view. */
  case: string;
  /** Where "Fortsätt med kopian" leads. */
  continueUrl: string;
}

const snippet = `<script type="module" src="https://etjanster.kommun.se/kit/e-service-kit.js"></script>
<!-- The page the invitation e-mail links to (…/medsignera.html?invitation=…): -->
<cosign-status></cosign-status>
<!-- The applicant's own case: -->
<cosign-status case="…" continue-url="/{serviceId}.html?case={id}"></cosign-status>`;

const meta: Meta<Args> = {
  title: 'Widgets/cosign-status',
  component: 'cosign-status',
  args: { scenario: 'ready', invitation: TOKEN, case: '', continueUrl: '/{serviceId}.html?case={id}' },
  argTypes: {
    scenario: { control: 'select', options: Object.keys(scripts), table: { category: 'Story backend' } },
  },
  render: ({ scenario, invitation, case: caseId, continueUrl }) => {
    const client = new KitClient(COSIGN_BACKEND_URL, cosignBackend(structuredClone(scripts[scenario]) as CosignScript).fetch);
    return html`<cosign-status .client=${client} invitation=${caseId ? '' : invitation} case=${caseId} continue-url=${continueUrl}
      .openBankId=${() => undefined} @click=${(event: Event) => {
        // The copy's link would leave Storybook.
        if ((event.composedPath()[0] as Element).matches?.('a[part=continue-link]')) event.preventDefault();
      }}></cosign-status>`;
  },
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: [
          'For a cosigner (the page the invitation links to, reading `?invitation=`): log in with BankID, read what Anna Andersson asks you to sign, then sign with BankID or decline; each refusal has its own plain message. For the applicant (`case`): who has signed and who has not, the deadline, send the invitation again or to a corrected address, and start again from a copy when the time ran out or someone declined.',
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

function widget(canvasElement: HTMLElement): CosignStatus {
  const element = canvasElement.querySelector('cosign-status');
  if (!element) throw new Error('no <cosign-status> in the story');
  return element;
}

/** Waits for something in the widget's shadow root. */
const shown = <T extends Element = HTMLElement>(element: HTMLElement, selector: string) =>
  waitFor(() => {
    const found = element.shadowRoot?.querySelector<T>(selector);
    if (!found) throw new Error(`nothing matches ${selector}`);
    return found;
  }, { timeout: 4000 });

const buttonIn = (root: Element, label: string) =>
  waitFor(() => {
    const found = [...root.querySelectorAll('button')].find((button) => text(button) === label);
    if (!found) throw new Error(`no button ${label}`);
    return found;
  }, { timeout: 4000 });

const refusalStory = (scenario: Scenario, message: string): Story => ({
  args: { scenario },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const refused = await shown(widget(canvasElement), '[part=refusal]');
    await expect(text(refused)).toBe(message);
  },
});

// --- the cosigner -------------------------------------------------------------------------

/** Not logged in: the link alone grants nothing. */
export const LoggedOut: Story = {
  args: { scenario: 'loggedOut' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await shown(element, 'eid-login');
    await expect(text(element.shadowRoot?.querySelector('[part=login-notice]'))).toBe('Logga in med BankID för att se vad du ombeds skriva under.');
  },
};

export const Loading: Story = {
  args: { scenario: 'loading' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const loading = await shown(widget(canvasElement), '[part=loading]');
    await waitFor(() => expect(text(loading)).toBe('Hämtar det du ombeds skriva under…'));
  },
};

export const LoadFailed: Story = {
  args: { scenario: 'loadFailed' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const error = await shown(widget(canvasElement), '[part=load-error]');
    await expect(text(error)).toBe('Det du ombeds skriva under kunde inte hämtas just nu. Försök igen');
  },
};

/** Empty: a link without its invitation. */
export const NoInvitation: Story = {
  args: { scenario: 'ready', invitation: '' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const refused = await shown(widget(canvasElement), '[part=refusal]');
    await expect(text(refused)).toContain('Länken saknar sin inbjudan');
  },
};

/** Who asked, the deadline and days left, the answers read-only; Skriv under or Neka. */
export const Ready: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await shown(element, '[part=sign-button]');
    await expect(text(element.shadowRoot?.querySelector('[part=asked-by]'))).toBe('Anna Andersson vill att du skriver under');
    await expect(text(element.shadowRoot?.querySelector('[part=deadline]'))).toContain('(14 dagar kvar)');
    // The child and the file by name; the applicant's "Ditt telefonnummer" in words for the reader.
    const answers = text(element.shadowRoot?.querySelectorAll('.summary-list')[1]);
    await expect(answers).toContain('Elsa Andersson');
    await expect(answers).toContain('intyg.png');
    await expect(answers).toContain('Den sökande vårdnadshavarens telefonnummer');
  },
};

/** Sent on an older version of the e-service: the answers under their question ids. */
export const OlderVersion: Story = {
  args: { scenario: 'oldVersion' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await shown(element, '[part=sign-button]');
    await expect(text(element.shadowRoot?.querySelector('.muted'))).toContain('frågorna visas med sina id:n');
  },
};

/** Busy: signing with BankID on another device, the QR code shown. */
export const Signing: Story = {
  args: { scenario: 'signingPending' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.click(await shown(element, '[part=sign-button]'));
    await userEvent.click(await buttonIn(await shown(element, '[part=signing]'), 'BankID på en annan enhet'));
    await shown(element, 'canvas[part=qr]');
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('[part=signing-status]'))).toBe('Starta BankID-appen.'));
  },
};

/** Signed: what happens next. */
export const Signed: Story = {
  args: { scenario: 'signs' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.click(await shown(element, '[part=sign-button]'));
    await userEvent.click(await buttonIn(await shown(element, '[part=signing]'), 'BankID på en annan enhet'));
    const outcome = await waitFor(() => {
      const found = element.shadowRoot?.querySelector('[part=outcome]');
      if (!found) throw new Error('not signed yet');
      return found;
    }, { timeout: 8000 });
    await expect(text(outcome)).toBe('Du har skrivit under. Ärendet skickas till kommunen när alla har skrivit under.');
  },
};

/** Neka asks first. */
export const ConfirmDecline: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.click(await shown(element, '[part=decline-button]'));
    const confirm = await shown(element, '[part=confirm]');
    await expect(text(confirm.querySelector('p'))).toBe('Vill du neka att skriva under? Anna Andersson får besked, och ansökan skickas inte in.');
  },
};

/** Busy: declining. */
export const Declining: Story = {
  args: { scenario: 'declineBusy' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.click(await shown(element, '[part=decline-button]'));
    const yes = await buttonIn(await shown(element, '[part=confirm]'), 'Ja, neka');
    await userEvent.click(yes);
    await waitFor(() => expect(text(yes)).toBe('Nekar…'));
    await expect(yes.getAttribute('aria-disabled')).toBe('true');
  },
};

export const Declined: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.click(await shown(element, '[part=decline-button]'));
    await userEvent.click(await buttonIn(await shown(element, '[part=confirm]'), 'Ja, neka'));
    const outcome = await shown(element, '[part=outcome]');
    await expect(text(outcome)).toBe('Du har nekat. Anna Andersson får besked.');
  },
};

export const RefusedNotForYou = refusalStory('notForYou', 'Den här inbjudan gäller inte dig. Kontrollera att du har loggat in med rätt BankID.');
export const RefusedInvitationExpired = refusalStory(
  'invitationExpired',
  'Tiden för att skriva under har gått ut. Ansökan skickas inte in, men den som bad dig skriva under kan börja om.',
);
export const RefusedInvitationUsed = refusalStory('invitationUsed', 'Inbjudan har redan öppnats av någon annan. Be den som bad dig skriva under att skicka en ny.');
export const RefusedAlreadySigned = refusalStory('alreadySigned', 'Du har redan skrivit under. Du behöver inte göra något mer.');
export const RefusedDeclined = refusalStory('declined', 'Underskriften är nekad, så ansökan skickas inte in. Det går inte längre att skriva under.');
export const RefusedCaseNotAwaitingCosign = refusalStory('caseNotAwaitingCosign', 'Ansökan väntar inte längre på underskrifter, så det finns inget att skriva under.');

export const English: Story = {
  globals: { locale: 'en' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('[part=asked-by]'))).toBe('Anna Andersson wants you to sign'), { timeout: 4000 });
  },
};

// --- the applicant ------------------------------------------------------------------------

const applicant = { case: COSIGN_IDS.caseId };

/** Who has signed and who has not, the deadline and days left. */
export const Overview: Story = {
  args: { scenario: 'overview', ...applicant },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await shown(element, '[part=cosigner]');
    const names = [...(element.shadowRoot?.querySelectorAll('[part=cosigner] [role=heading]') ?? [])].map(text);
    await expect(names).toEqual(['Den andra vårdnadshavaren', 'Karin Berg']);
  },
};

export const OverviewLoggedOut: Story = {
  args: { scenario: 'loggedOut', ...applicant },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await shown(element, 'eid-login');
    await expect(text(element.shadowRoot?.querySelector('[part=login-notice]'))).toBe('Logga in med e-legitimation för att se vilka som har skrivit under.');
  },
};

export const OverviewLoading: Story = {
  args: { scenario: 'overviewLoading', ...applicant },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const loading = await shown(widget(canvasElement), '[part=loading]');
    await waitFor(() => expect(text(loading)).toBe('Hämtar underskrifterna…'));
  },
};

export const OverviewLoadFailed: Story = {
  args: { scenario: 'overviewFailed', ...applicant },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const error = await shown(widget(canvasElement), '[part=load-error]');
    await expect(text(error)).toBe('Underskrifterna kunde inte hämtas just nu. Försök igen');
  },
};

/** "Skicka inbjudan igen": said in the live region. */
export const Reinvited: Story = {
  args: { scenario: 'overview', ...applicant },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.click(await shown(element, '[part=resend-button]'));
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('.base > [role=status]'))).toBe('Inbjudan har skickats igen till e***@example.se.'));
  },
};

/** Busy: the invitation on its way. */
export const Resending: Story = {
  args: { scenario: 'resendBusy', ...applicant },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    const resend = await shown(element, '[part=resend-button]');
    await userEvent.click(resend);
    await waitFor(() => expect(text(resend)).toContain('Skickar…'));
  },
};

/** "Ändra e-postadress": an address in the wrong format, GOV.UK style. */
export const ChangeEmailErrors: Story = {
  args: { scenario: 'overview', ...applicant },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.click(await shown(element, '[part=change-button]'));
    const input = await shown<HTMLInputElement>(element, '[part=change-form] input');
    await userEvent.type(input, 'erik@');
    await userEvent.click(await buttonIn(await shown(element, '[part=change-form]'), 'Skicka inbjudan'));
    const summary = await shown(element, '[part=error-summary]');
    await expect(text(summary.querySelector('a'))).toBe('Skriv e-postadressen i rätt format, till exempel namn@exempel.se');
    await expect(input.getAttribute('aria-invalid')).toBe('true');
  },
};

/** Not signed in time: start again from a copy. */
export const Expired: Story = {
  args: { scenario: 'expired', ...applicant },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await shown(element, '[part=copy-button]');
    await expect(text(element.shadowRoot?.querySelector('.notice'))).toContain('Alla skrev inte under i tid');
  },
};

export const DeclinedCase: Story = {
  args: { scenario: 'declinedCase', ...applicant },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await shown(element, '[part=copy-button]');
    await expect(text(element.shadowRoot?.querySelector('.notice'))).toContain('Någon har nekat att skriva under');
  },
};

/** Busy: the copy being made. */
export const Copying: Story = {
  args: { scenario: 'copyBusy', ...applicant },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    const copy = await shown(element, '[part=copy-button]');
    await userEvent.click(copy);
    await waitFor(() => expect(text(copy)).toBe('Skapar en kopia…'));
  },
};

/** The copy made: a link to continue the new draft. */
export const Copied: Story = {
  args: { scenario: 'expired', ...applicant },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = widget(canvasElement);
    await userEvent.click(await shown(element, '[part=copy-button]'));
    const link = await shown(element, '[part=continue-link]');
    await expect(link.getAttribute('href')).toBe(`/forskoleplats.html?case=${COPY.id}`);
  },
};
