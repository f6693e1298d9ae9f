// What a page with only <e-service-form> loads (its lazy parts follow on demand, as in production).
import '../../src/elements/e-service-form/e-service-form.js';
import { KitClient } from '../../src/client/kit-client.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import { arm, formId, now, takeResult, watch, type BenchPage } from './measure.js';

/**
 * The page the browser bench drives for e-service-kit (bundled by scripts/bench-browser.mjs with
 * esbuild, Lit in production mode). It serves the stress definition to `<e-service-form>` through
 * a KitClient whose fetch answers from memory, so no backend takes part in the figures; the JSON
 * parse and the contract's schema check still run in the page, inside the measured time.
 * Where new question elements appear, "dom" waits until each has rendered its own shadow root
 * (Lit's `updateComplete`, nested questions included).
 */

interface LitLike extends Element {
  updateComplete: Promise<unknown>;
}

const definitionJson = fetch(`/${formId}.json`).then((response) => {
  if (!response.ok) throw new Error(`/${formId}.json: HTTP ${response.status}`);
  return response.text();
});

/** GET api/services/<form> is answered from memory; anything else goes to the network as usual. */
const fetchImpl: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  if (method === 'GET' && url.pathname === `/api/services/${formId}`) {
    return new Response(await definitionJson, { status: 200, headers: { 'Content-Type': 'application/json' } });
  }
  return fetch(input, init);
};

const client = new KitClient(`${location.origin}/`, fetchImpl);

const isLit = (element: Element): element is LitLike => 'updateComplete' in element;

/** Waits until every Lit element under `root` has finished updating, and those in their shadow roots too. */
async function rendered(root: ParentNode | Element): Promise<void> {
  const elements = [...(root instanceof Element && isLit(root) ? [root] : []), ...root.querySelectorAll('*')].filter(isLit);
  await Promise.all(elements.map((element) => element.updateComplete));
  await Promise.all(elements.map((element) => (element.shadowRoot ? rendered(element.shadowRoot) : undefined)));
}

function currentForm(): EServiceForm {
  const form = document.querySelector('e-service-form');
  if (!form?.shadowRoot) throw new Error('no rendered <e-service-form> on the bench page');
  return form;
}

/** A question of the form's current step, by id: its element, or the info text's div. */
function question(form: EServiceForm, id: string): Element | null {
  return form.shadowRoot!.querySelector(`#field-${CSS.escape(id)}, [data-field="${CSS.escape(id)}"]`);
}

const inSummary = (id: string) => !!currentForm().shadowRoot!.querySelector(`.error-summary a[href="#field-${CSS.escape(id)}"]`);
const inField = (field: Element) => !!field.shadowRoot!.querySelector('.error-message, [aria-invalid="true"]');


const bench: BenchPage = {
  ready: definitionJson.then(() => true),

  /**
   * Creates `<e-service-form service="<form>">` and measures until the first step is rendered:
   * its `<form>` is in the shadow root and every question element in it (a repeating group's too)
   * has rendered its own shadow root.
   */
  async firstRender() {
    await definitionJson;
    document.querySelector('e-service-form')?.remove();
    sessionStorage.clear();
    const start = now();
    const form = document.createElement('e-service-form');
    form.client = client;
    form.setAttribute('service', formId);
    document.querySelector('main')!.append(form);
    const root = form.shadowRoot!;
    const timing = await watch('first render', [root], () => !!root.querySelector('form'), () => rendered(root.querySelector('form')!), start);
    // A long step renders a screenful first and the rest in the frames after: done when all of it is.
    await form.updateComplete;
    await rendered(root.querySelector('form')!);
    const all = now() - start;
    const questions = root.querySelectorAll('form > [id^="field-"], form > [data-field]').length;
    return { ...timing, all, questions };
  },

  armErrorCleared(id) {
    const form = currentForm();
    const field = question(form, id);
    if (!field?.shadowRoot) throw new Error(`question ${id} is not shown`);
    if (!inSummary(id) || !inField(field)) throw new Error(`question ${id} shows no error to clear`);
    arm(watch(`error of ${id} cleared`, [form.shadowRoot!, field.shadowRoot], () => !inSummary(id) && !inField(field)));
  },

  armConditions(ids, expect) {
    const form = currentForm();
    const present = () => ids.map((id) => question(form, id));
    const before = present().filter(Boolean).length;
    if (before !== (expect === 'shown' ? 0 : ids.length)) throw new Error(`${before} of ${ids.length} controlled questions shown before the keystroke`);
    arm(watch(
      `controlled questions ${expect}`,
      [form.shadowRoot!],
      () => (expect === 'shown' ? present().every(Boolean) : present().every((element) => !element)),
      expect === 'shown' ? () => Promise.all(present().map((element) => rendered(element!))).then(() => undefined) : undefined,
    ));
  },

  result: takeResult,

  async clearAnswers() {
    const form = currentForm();
    form.setAnswers({});
    await rendered(form);
  },

  showErrors() {
    currentForm().shadowRoot!.querySelector<HTMLElement>('[part=submit-button]')!.click();
  },

  showsError(id) {
    const field = question(currentForm(), id);
    return inSummary(id) && !!field?.shadowRoot && inField(field);
  },

  errorCount() {
    return currentForm().shadowRoot!.querySelectorAll('.error-summary li').length;
  },
};

window.bench = bench;
