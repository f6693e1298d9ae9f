import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../src/components/fields/define.js';
import '../src/components/fields/define-group-and-address.js';
import '../src/components/fields/define-file-field.js';
import { rememberAttachmentName } from '../src/components/fields/attachment-names.js';
import type { EskField } from '../src/components/fields/field-base.js';
import { renderQuestion } from '../src/components/fields/render.js';
import type { AnswerValue } from '../src/contract/cases.js';
import type { Field } from '../src/contract/definition.js';
import type { Language } from '../src/contract/text.js';
import { pageStyles } from '../src/elements/e-service-form/e-service-form.styles.js';
import { errorMessage, validateAnswers, viewForm } from '../src/forms/index.js';
import { baseStyles, hostStyles } from '../src/styles/shared.js';

/**
 * Every kind of question on its own, each in the four states a citizen meets it in:
 * empty, filled in, with an error and disabled. The error is the engine's own message for
 * a realistic wrong answer (or a missing one), exactly as the form would show it.
 */

type Question = Exclude<Field, { type: 'info' }>;

interface QuestionArgs {
  /** The question's definition, as in an e-service's JSON. */
  field: Question;
  /** An answer, shown filled in and disabled. */
  filled: AnswerValue;
  /** A wrong answer, shown with the engine's error; none for a required question left empty. */
  wrong?: AnswerValue;
}

const STATES = ['empty', 'filled', 'error', 'disabled'] as const;
type State = (typeof STATES)[number];

const STATE_TITLES: Record<State, Record<Language, string>> = {
  empty: { sv: 'Tom', en: 'Empty' },
  filled: { sv: 'Ifylld', en: 'Filled in' },
  error: { sv: 'Med fel', en: 'With an error' },
  disabled: { sv: 'Avstängd', en: 'Disabled' },
};

// Inside a widget the kit's tokens (--_error, --_focus …) come from its shadow root's :host. Shown
// alone, the questions get the same tokens from a wrapper, and info texts the form's page styles.
const storyStyles = new CSSStyleSheet();
storyStyles.replaceSync(`
  ${hostStyles.cssText.replaceAll(':host', '.esk-story')}
  .esk-story {
    ${baseStyles.cssText}
    ${pageStyles.cssText}
  }
  .esk-story__states { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1.5rem 2rem; align-items: start; }
  .esk-story__title { font-size: 0.95em; font-weight: 400; text-transform: uppercase; letter-spacing: 0.06em; color: var(--_muted); margin: 0 0 0.75em; padding-bottom: 0.3em; border-bottom: 1px solid #b1b4b6; }
  .esk-story form { margin: 0; }
`);
if (!document.adoptedStyleSheets.includes(storyStyles)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, storyStyles];

const text = (sv: string, en = sv) => ({ sv, en });
const languageOf = (context: Pick<StoryContext, 'globals'>): Language => (context.globals['locale'] === 'en' ? 'en' : 'sv');

/** A one-question e-service, so the engine can check an answer and word its message. */
const definitionOf = (field: Field) => ({ steps: [{ id: 'fraga', title: text('Fråga', 'Question'), fields: [field] }] });

/** The engine's messages for an answer, by full path (`avstand`, `adress.city`, `allergier.1.vad`). */
function messagesFor(field: Question, answer: AnswerValue | undefined, lang: Language): Record<string, string> {
  const definition = definitionOf(field);
  const { errors } = validateAnswers(definition, answer === undefined ? {} : { [field.id]: answer });
  return Object.fromEntries(errors.map((error) => [error.path, errorMessage(error, definition, lang)]));
}

/** One question in one state, inside its own <form> as in the widget. */
function renderState({ field, filled, wrong }: QuestionArgs, state: State, lang: Language): TemplateResult {
  const value = state === 'empty' ? undefined : state === 'error' ? wrong : filled;
  const titleId = `${field.id}-${state}`;
  return html`<section class="esk-story__state" data-state=${state} aria-labelledby=${titleId}>
    <h2 class="esk-story__title" id=${titleId}>${STATE_TITLES[state][lang]}</h2>
    <form novalidate @submit=${(event: Event) => event.preventDefault()}>
      ${renderQuestion({
        field,
        path: field.id,
        value,
        required: field.required !== false,
        errors: state === 'error' ? messagesFor(field, wrong, lang) : {},
        lang,
        disabled: state === 'disabled',
        // Conditions inside a repeating group's items read the answers through the form's view.
        view: viewForm(definitionOf(field), value === undefined ? {} : { [field.id]: value }),
      })}
    </form>
  </section>`;
}

function renderStates(args: QuestionArgs, context: StoryContext<QuestionArgs>): TemplateResult {
  const lang = languageOf(context);
  return html`<div class="esk-story" lang=${lang}>
    <div class="esk-story__states">${STATES.map((state) => renderState(args, state, lang))}</div>
  </div>`;
}

// --- play: what every question shows in its four states ---------------------------------------------

/** The question element of one state, rendered. */
async function questionIn(canvas: HTMLElement, state: State): Promise<EskField> {
  const el = await waitFor(() => {
    const found = canvas.querySelector<EskField>(`[data-state=${state}] [path]`);
    if (!found?.shadowRoot?.querySelector('.field')) throw new Error(`the ${state} question is not rendered yet`);
    return found;
  });
  await el.updateComplete;
  return el;
}

const clean = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Every control of a question, and of the questions inside it (a group's items). */
function controlsOf(el: Element): HTMLElement[] {
  const root = el.shadowRoot!;
  return [...root.querySelectorAll<HTMLElement>('input, select, textarea'), ...[...root.querySelectorAll('[path]')].flatMap(controlsOf)];
}

async function playStates({ canvasElement, args, globals }: StoryContext<QuestionArgs>): Promise<void> {
  const lang = languageOf({ globals });
  const label = args.field.label[lang];

  const empty = await questionIn(canvasElement, 'empty');
  await expect(clean(empty.shadowRoot!.querySelector('label, legend'))).toContain(label);
  await expect(empty.matches(':state(filled)')).toBe(false);
  await expect(empty.matches(':state(invalid)')).toBe(false);

  const filled = await questionIn(canvasElement, 'filled');
  await expect(filled.matches(':state(filled)')).toBe(true);
  await expect(filled.matches(':state(invalid)')).toBe(false);

  const withError = await questionIn(canvasElement, 'error');
  await expect(withError.matches(':state(invalid)')).toBe(true);
  const shown = [...withError.shadowRoot!.querySelectorAll('.error-message')].map(clean);
  const expected = Object.values(messagesFor(args.field, args.wrong, lang));
  await expect(expected.length).toBeGreaterThan(0);
  // A group's item errors are shown by the questions inside it; the rest beside the question or its part.
  if (args.field.type !== 'group') for (const message of expected) await expect(shown.some((line) => line.endsWith(message))).toBe(true);

  const disabled = await questionIn(canvasElement, 'disabled');
  await expect(disabled.matches(':state(disabled)')).toBe(true);
  const controls = controlsOf(disabled);
  await expect(controls.length).toBeGreaterThan(0);
  for (const control of controls) await expect(control.matches(':disabled')).toBe(true);
}

// --- the questions ---------------------------------------------------------------------------

const meta: Meta<QuestionArgs> = {
  title: 'Building blocks/Questions',
  tags: ['autodocs'],
  render: renderStates,
  play: playStates,
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: [
          'The questions an e-service is made of, one story per type, each shown empty, filled in, with an error and disabled.',
          'They are internal elements of `<e-service-form>`: an e-service asks for them in its definition (`type` in the JSON),',
          'never by tag name. The error shown is the message the form engine gives for the wrong answer in the story’s args.',
        ].join(' '),
      },
    },
  },
};

export default meta;
type Story = StoryObj<QuestionArgs>;

/** A one-line answer; the browser may fill it from the citizen's details. */
export const Text: Story = {
  args: {
    field: { id: 'fornamn', type: 'text', label: text('Barnets förnamn', "The child's first name"), autocomplete: 'given-name' },
    filled: 'Astrid',
  },
};

/** A longer answer, with a count of the characters left (and too many, in red). */
export const Textarea: Story = {
  args: {
    field: {
      id: 'specialkost',
      type: 'textarea',
      label: text('Beskriv barnets behov av specialkost', "Describe the child's special diet"),
      hint: text('Till exempel vad barnet inte tål och vad som händer då.', 'For example what the child cannot eat and what happens then.'),
      maxLength: 80,
      rows: 3,
    },
    filled: 'Tål inte nötter eller mandel. Får nässelutslag.',
    wrong: 'Tål inte nötter eller mandel. Får nässelutslag och svårt att andas, behöver då sin adrenalinpenna direkt.',
  },
  play: async (context) => {
    await playStates(context);
    const el = await questionIn(context.canvasElement, 'error');
    await expect(el.shadowRoot!.querySelector('[part=character-count]')?.classList.contains('count--over')).toBe(true);
  },
};

/** A number, written the Swedish way ("3,5"), with its unit beside the box. */
export const NumberWithUnit: Story = {
  name: 'Number',
  args: {
    field: {
      id: 'avstand',
      type: 'number',
      label: text('Avstånd till skolan', 'Distance to school'),
      hint: text('Den kortaste vägen som går att gå, i kilometer.', 'The shortest walkable route, in kilometres.'),
      unit: text('km'),
      decimals: 1,
      min: 0,
    },
    filled: '3,5',
    wrong: 'tre',
  },
  play: async (context) => {
    await playStates(context);
    const el = await questionIn(context.canvasElement, 'filled');
    await expect(clean(el.shadowRoot!.querySelector('[part=unit]'))).toBe('km');
  },
};

export const Email: Story = {
  args: {
    field: { id: 'epost', type: 'email', label: text('E-postadress', 'Email address'), hint: text('Vi skickar beslutet hit.', 'We send the decision here.') },
    filled: 'anna.svensson@example.se',
    wrong: 'anna.svensson@example',
  },
};

export const Phone: Story = {
  args: {
    field: { id: 'telefon', type: 'phone', label: text('Telefonnummer', 'Phone number') },
    filled: '070-123 45 67',
    wrong: '070-123',
  },
};

/** A child's personnummer: date and check digit are verified. */
export const Personnummer: Story = {
  args: {
    field: {
      id: 'barnetsPersonnummer',
      type: 'personnummer',
      label: text('Barnets personnummer', "The child's personal identity number"),
      hint: text('12 siffror, till exempel 20150312-2382', '12 digits, for example 20150312-2382'),
    },
    filled: '20150312-2382',
    wrong: '20150312-2381',
  },
};

export const PostalCode: Story = {
  args: {
    field: { id: 'postnummer', type: 'postalCode', label: text('Postnummer', 'Postcode') },
    filled: '123 45',
    wrong: '1234',
  },
};

/** The browser's date picker; the limits count from today. */
export const DateQuestion: Story = {
  name: 'Date',
  args: {
    field: {
      id: 'startdatum',
      type: 'date',
      label: text('Önskat startdatum', 'Preferred start date'),
      hint: text('Tidigast i morgon.', 'Tomorrow at the earliest.'),
      minDaysFromToday: 1,
    },
    filled: '2030-08-15',
    wrong: '2020-01-15',
  },
};

export const YesNo: Story = {
  args: {
    field: { id: 'syskon', type: 'yesNo', label: text('Har barnet syskon på förskolan?', 'Does the child have siblings at the preschool?') },
    filled: false,
  },
};

export const Radio: Story = {
  args: {
    field: {
      id: 'fardsatt',
      type: 'radio',
      label: text('Hur tar sig barnet till skolan?', 'How does the child get to school?'),
      options: [
        { value: 'ga', label: text('Går', 'Walks') },
        { value: 'cykel', label: text('Cyklar', 'Cycles') },
        { value: 'buss', label: text('Åker buss', 'Takes the bus') },
      ],
    },
    filled: 'cykel',
  },
};

export const Select: Story = {
  args: {
    field: {
      id: 'skola',
      type: 'select',
      label: text('Önskad skola', 'Preferred school'),
      options: [
        { value: 'ekbacken', label: text('Ekbackens skola', 'Ekbacken School') },
        { value: 'solgarden', label: text('Solgårdens skola', 'Solgården School') },
        { value: 'tallbacka', label: text('Tallbackaskolan', 'Tallbacka School') },
      ],
    },
    filled: 'solgarden',
  },
};

/** One box to tick; required means it must be ticked. */
export const Checkbox: Story = {
  args: {
    field: { id: 'intygar', type: 'checkbox', label: text('Jag intygar att uppgifterna är riktiga', 'I confirm that the information is correct') },
    filled: true,
  },
};

export const CheckboxGroup: Story = {
  args: {
    field: {
      id: 'allergener',
      type: 'checkboxGroup',
      label: text('Vad behöver barnet undvika?', 'What does the child need to avoid?'),
      hint: text('Välj alla som stämmer.', 'Select all that apply.'),
      options: [
        { value: 'gluten', label: text('Gluten', 'Gluten') },
        { value: 'laktos', label: text('Laktos', 'Lactose') },
        { value: 'notter', label: text('Nötter', 'Nuts') },
        { value: 'agg', label: text('Ägg', 'Egg') },
      ],
      maxSelected: 3,
    },
    filled: ['laktos', 'notter'],
    wrong: ['gluten', 'laktos', 'notter', 'agg'],
  },
};

/** Street, postal code and town: each part has its own label, error and autofill. */
export const Address: Story = {
  args: {
    field: { id: 'adress', type: 'address', label: text('Folkbokföringsadress', 'Registered address') },
    filled: { street: 'Storgatan 12', postalCode: '123 45', city: 'Småstad' },
    wrong: { street: 'Storgatan 12', postalCode: '1234', city: '' },
  },
  play: async (context) => {
    await playStates(context);
    const el = await questionIn(context.canvasElement, 'error');
    await expect(el.shadowRoot!.querySelector('#postalCode')?.getAttribute('aria-invalid')).toBe('true');
    await expect(el.shadowRoot!.querySelector('#city')?.getAttribute('aria-invalid')).toBe('true');
    await expect(el.shadowRoot!.querySelector('#street')?.getAttribute('aria-invalid')).toBe('false');
  },
};

const ATTACHMENTS = { '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b': 'lakarintyg.pdf', '7a2d3b0f-4c5e-4f6a-9b8c-0d1e2f3a4b5c': 'remiss.jpg' };

/** Files attached while filling in. Uploading needs the widget's backend; here the files are already attached. */
export const FileQuestion: Story = {
  name: 'File',
  args: {
    field: {
      id: 'intyg',
      type: 'file',
      label: text('Läkarintyg', 'Medical certificate'),
      hint: text('Intyget ska vara högst tre månader gammalt.', 'The certificate must be at most three months old.'),
      accept: ['pdf', 'jpeg'],
      maxFiles: 3,
    },
    filled: Object.keys(ATTACHMENTS),
  },
  render: (args, context) => {
    for (const [id, name] of Object.entries(ATTACHMENTS)) rememberAttachmentName(id, name);
    return renderStates(args, context);
  },
  play: async (context) => {
    await playStates(context);
    const el = await questionIn(context.canvasElement, 'filled');
    await expect([...el.shadowRoot!.querySelectorAll('[part=file] span')].map(clean)).toEqual(['lakarintyg.pdf', 'remiss.jpg']);
  },
};

const allergies: Extract<Field, { type: 'group' }> = {
  id: 'allergier',
  type: 'group',
  label: text('Barnets allergier', "The child's allergies"),
  hint: text('Lägg till en rad för varje allergi.', 'Add one entry for each allergy.'),
  itemLabel: text('Allergi', 'Allergy'),
  maxItems: 5,
  fields: [
    { id: 'vad', type: 'text', label: text('Vad är barnet allergiskt mot?', 'What is the child allergic to?') },
    { id: 'svar', type: 'yesNo', label: text('Kan barnet få en svår reaktion?', 'Can the child have a severe reaction?') },
    {
      id: 'atgard',
      type: 'textarea',
      label: text('Vad ska personalen göra vid en reaktion?', 'What should staff do in a reaction?'),
      visibleWhen: { field: 'svar', equals: true },
      rows: 2,
    },
  ],
};

/** The same questions for each allergy, with Add and Remove; the last question is asked only after a yes. */
export const Group: Story = {
  args: {
    field: allergies,
    filled: [
      { vad: 'Nötter', svar: true, atgard: 'Ge adrenalin med barnets penna och ring 112.' },
      { vad: 'Pollen', svar: false },
    ],
    wrong: [{ vad: 'Nötter', svar: true }, { vad: '' }],
  },
  play: async (context) => {
    await playStates(context);
    const lang = languageOf(context);
    const filled = await questionIn(context.canvasElement, 'filled');
    await expect(filled.shadowRoot!.querySelectorAll('[part=item]')).toHaveLength(2);
    // The follow-up is asked in the first item (yes), not in the second (no).
    await expect(filled.shadowRoot!.querySelector('[path="allergier.0.atgard"]')).not.toBeNull();
    await expect(filled.shadowRoot!.querySelector('[path="allergier.1.atgard"]')).toBeNull();
    // Each item's errors are shown by the question they are about.
    const withError = await questionIn(context.canvasElement, 'error');
    const expected = messagesFor(allergies, context.args.wrong, lang);
    for (const [path, message] of Object.entries(expected)) {
      const child = await waitFor(() => {
        const found = withError.shadowRoot!.querySelector<EskField>(`[path="${path}"]`);
        if (!found?.shadowRoot?.querySelector('.error-message')) throw new Error(`no error shown at ${path}`);
        return found;
      });
      await expect(clean(child.shadowRoot!.querySelector('.error-message'))).toContain(message);
    }
  },
};

/** Text to read, not a question: a safe Markdown subset. It has no states; shown here in both languages. */
export const Info: StoryObj = {
  render: () => html`<div class="esk-story">
    <div class="esk-story__states">
      ${(['sv', 'en'] as const).map(
        (lang) => html`<section class="esk-story__state" lang=${lang} aria-labelledby=${`info-${lang}`}>
          <h2 class="esk-story__title" id=${`info-${lang}`}>${lang === 'sv' ? 'Svenska' : 'English'}</h2>
          ${renderQuestion({
            field: {
              id: 'omSkolskjuts',
              type: 'info',
              label: text('Om skolskjuts', 'About school transport'),
              text: text(
                'Skolskjuts kan beviljas om den kortaste gångvägen mellan hemmet och skolan är minst\n\n- **2 km** för förskoleklass till årskurs 3\n- **3 km** för årskurs 4–6\n- **4 km** för årskurs 7–9\n\n[Läs mer om skolskjuts](https://www.example.se/skolskjuts)',
                'School transport may be granted if the shortest walking route between home and school is at least\n\n- **2 km** for preschool class to year 3\n- **3 km** for years 4–6\n- **4 km** for years 7–9\n\n[Read more about school transport](https://www.example.se/skolskjuts)',
              ),
            },
            path: 'omSkolskjuts',
            value: undefined,
            required: false,
            errors: {},
            lang,
          })}
        </section>`,
      )}
    </div>
  </div>`,
  play: async ({ canvasElement }) => {
    const infos = canvasElement.querySelectorAll('[part=info]');
    await expect(infos).toHaveLength(2);
    await expect(clean(infos[0]!.querySelector('h3'))).toBe('Om skolskjuts');
    await expect([...infos[0]!.querySelectorAll('li strong')].map(clean)).toEqual(['2 km', '3 km', '4 km']);
    await expect(infos[1]!.querySelector('a')?.getAttribute('href')).toBe('https://www.example.se/skolskjuts');
  },
};
