import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import { KitClient } from '../src/client/kit-client.js';
import type { EServiceForm } from '../src/elements/e-service-form/e-service-form.component.js';
import { ANNA, ANNA_DRAFT, EID_BACKEND_URL, EID_SERVICE_ID, draftBackend, type DraftBackend, type DraftScript } from './support/eid-example.js';

/**
 * Drafts for a logged-in citizen: "Spara" beside Continue, autosave 3 s after a change, the save
 * state in a polite live region, a conflict with another tab, continuing a draft (`case`) and
 * deleting one. The fake backend of stories/support/eid-example.ts (the same example data as
 * test/browser/drafts.test.ts) keeps the drafts in memory; nothing leaves the page.
 */

type Scenario = 'loggedIn' | 'offline' | 'continue';

const scripts: Record<Scenario, DraftScript> = {
  loggedIn: { user: ANNA },
  // Every save fails: the answers stay in the tab, the form keeps trying (5 s, 15 s, 45 s…).
  offline: { user: ANNA, draftFailures: Array.from({ length: 20 }, () => 'network-error' as const) },
  continue: { user: ANNA, drafts: [ANNA_DRAFT] },
};

interface DraftArgs {
  /** How the story backend answers. */
  scenario: Scenario;
}

/** Each rendered story's backend, for play functions that act as another tab. */
const backends = new WeakMap<KitClient, DraftBackend>();

const snippet = `<e-service-form service="${EID_SERVICE_ID}" case="${ANNA_DRAFT.id}"></e-service-form>`;

const meta: Meta<DraftArgs> = {
  title: 'e-service-form/Drafts',
  component: 'e-service-form',
  args: { scenario: 'loggedIn' },
  argTypes: {
    scenario: { control: 'select', options: Object.keys(scripts), table: { category: 'Story backend' } },
  },
  render: ({ scenario }) => {
    // A backend address of its own per story: the tab's saved answers and draft of one story stay out of the next.
    const base = `${EID_BACKEND_URL}${crypto.randomUUID().slice(0, 8)}/`;
    const backend = draftBackend(structuredClone(scripts[scenario]), base);
    const client = new KitClient(base, backend.fetch);
    backends.set(client, backend);
    return html`<e-service-form service=${EID_SERVICE_ID} case=${ifDefined(scenario === 'continue' ? ANNA_DRAFT.id : undefined)} .client=${client} .openBankId=${() => {}}></e-service-form>`;
  },
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: [
          'For an e-service with login "required" (or "optional", once logged in) the citizen can save and come back: "Spara", and an autosave 3 s after each change and at each step. `case` continues a saved draft, e.g. from Mina sidor:',
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
type Story = StoryObj<DraftArgs>;

// --- helpers for play functions -------------------------------------------------------

function formElement(canvasElement: HTMLElement): EServiceForm {
  const element = canvasElement.querySelector('e-service-form');
  if (!element) throw new Error('no <e-service-form> in the story');
  return element;
}

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function buttonIn(root: () => ParentNode | null | undefined, label: string): Promise<HTMLButtonElement> {
  return waitFor(() => {
    const found = [...(root()?.querySelectorAll('button') ?? [])].find((b) => text(b) === label);
    if (!found) throw new Error(`no button "${label}"`);
    return found;
  }, { timeout: 4000 });
}

const status = (element: EServiceForm) => text(element.shadowRoot?.querySelector('[part=draft-status]'));

/** Chooses Ella on the first step and presses Spara. */
async function chooseAndSave(element: EServiceForm): Promise<void> {
  const child = await waitFor(() => {
    const radio = element.shadowRoot?.querySelector('#field-child')?.shadowRoot?.querySelector<HTMLInputElement>('input[type=radio]');
    if (!radio) throw new Error('no child to choose');
    return radio;
  }, { timeout: 4000 });
  await userEvent.click(child);
  await userEvent.click(await buttonIn(() => element.shadowRoot, 'Spara'));
}

// --- stories ----------------------------------------------------------------------------

/** Saved: "Sparat 14:32" (the time in Sweden) in the live region under the buttons; the draft may now be deleted. */
export const Saved: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await chooseAndSave(element);
    await waitFor(() => expect(status(element)).toBe('Sparat 14:32'), { timeout: 4000 });
    await buttonIn(() => element.shadowRoot, 'Ta bort utkastet');
  },
};

/** Saving failed (no connection): "Inte sparat – försöker igen"; the answers stay in the tab. */
export const SaveFailed: Story = {
  args: { scenario: 'offline' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await chooseAndSave(element);
    await waitFor(() => expect(status(element)).toBe('Inte sparat – försöker igen'), { timeout: 4000 });
  },
};

/** Saved meanwhile in another tab: an alert, and the citizen chooses; nothing is overwritten. */
export const Conflict: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await chooseAndSave(element);
    await waitFor(() => expect(status(element)).toBe('Sparat 14:32'), { timeout: 4000 });
    // Another tab saves the draft.
    const backend = backends.get(element.client!)!;
    const [draft] = backend.drafts.values();
    backend.drafts.set(draft!.id, { ...draft!, version: draft!.version + 1 });
    await userEvent.click(await buttonIn(() => element.shadowRoot, 'Spara'));
    const box = () => element.shadowRoot?.querySelector('[part=draft-conflict]');
    await waitFor(() => expect(text(box()?.querySelector('[role=alert]'))).toBe('Ärendet har ändrats på annat håll, till exempel i en annan flik.'), { timeout: 4000 });
    await buttonIn(box, 'Hämta den senaste versionen');
    await buttonIn(box, 'Behåll mina svar');
  },
};

/** case="…": the draft's answers and step, the register's answers locked as ever. */
export const ContinueDraft: Story = {
  args: { scenario: 'continue' },
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await waitFor(() => expect(text(element.shadowRoot?.querySelector('.page-title'))).toBe('Resan'), { timeout: 4000 });
    await expect(status(element)).toBe('Sparat 10:05');
  },
};

/** "Ta bort utkastet" asks first. */
export const ConfirmDelete: Story = {
  globals: { locale: 'sv' },
  play: async ({ canvasElement }) => {
    const element = formElement(canvasElement);
    await chooseAndSave(element);
    await userEvent.click(await buttonIn(() => element.shadowRoot, 'Ta bort utkastet'));
    const confirm = () => element.shadowRoot?.querySelector('[part=draft-confirm]');
    await waitFor(() => expect(text(confirm()?.querySelector('h3'))).toBe('Vill du ta bort utkastet?'));
    await buttonIn(confirm, 'Ja, ta bort utkastet');
    await buttonIn(confirm, 'Avbryt');
  },
};
