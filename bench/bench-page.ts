import '../src/index.js';
import { KitClient } from '../src/client/kit-client.js';
import type { EServiceForm } from '../src/elements/e-service-form/e-service-form.component.js';

/**
 * The page `npm run bench` drives in Chromium (bundled by scripts/bench.mjs with esbuild, Lit in
 * production mode). It serves the stress definition to `<e-service-form>` through a KitClient whose
 * fetch answers from memory, so no backend takes part in the figures, and measures in the page:
 *
 * - start: `performance.now()` just before the element is created, or in a capturing `keydown`
 *   listener on window (the first moment the page's scripts see the keystroke);
 * - "dom": the first moment the expected DOM holds, checked on every mutation of the shadow roots
 *   involved (MutationObserver), and, where new question elements appear, once each has rendered
 *   its own shadow root (Lit's `updateComplete`, nested questions included);
 * - "frame": after the next frame has been produced: a requestAnimationFrame callback, then a task
 *   posted from it (it runs once style, layout and paint of that frame are done).
 */

export interface Timing {
  /** Milliseconds to the expected DOM. */
  dom: number;
  /** Milliseconds to after the next frame. */
  frame: number;
}

interface LitLike extends Element {
  updateComplete: Promise<unknown>;
}

const SERVICE = 'stress-300';
const TIMEOUT_MS = 10_000;

const definitionJson = fetch(`/${SERVICE}.json`).then((response) => {
  if (!response.ok) throw new Error(`/${SERVICE}.json: HTTP ${response.status}`);
  return response.text();
});

/** GET api/services/stress-300 is answered from memory; anything else goes to the network as usual. */
const fetchImpl: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  if (method === 'GET' && url.pathname === `/api/services/${SERVICE}`) {
    return new Response(await definitionJson, { status: 200, headers: { 'Content-Type': 'application/json' } });
  }
  return fetch(input, init);
};

const client = new KitClient(`${location.origin}/`, fetchImpl);

const now = () => performance.now();

/** Resolves after the next frame has been rendered. */
function afterNextFrame(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(now());
      channel.port2.postMessage(null);
    }),
  );
}

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

/**
 * Watches `roots` from the next keydown (or from `start`, if given) until `done()` holds at a mutation;
 * then waits for `settle()` and the next frame.
 */
function watch(what: string, roots: Node[], done: () => boolean, settle?: () => Promise<void>, start?: number): Promise<Timing> {
  return new Promise((resolve, reject) => {
    let started = start;
    let finished = false;
    const onKeydown = () => {
      started ??= now();
    };
    const stop = () => {
      finished = true;
      observer.disconnect();
      window.removeEventListener('keydown', onKeydown, true);
      clearTimeout(timer);
    };
    const check = async () => {
      if (finished || started === undefined || !done()) return;
      stop();
      try {
        await settle?.();
        const dom = now();
        const frame = await afterNextFrame();
        resolve({ dom: dom - started, frame: frame - started });
      } catch (error) {
        reject(error);
      }
    };
    const observer = new MutationObserver(() => void check());
    for (const root of roots) observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
    window.addEventListener('keydown', onKeydown, true);
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${what}: not reached within ${TIMEOUT_MS} ms (keydown ${started === undefined ? 'not seen' : 'seen'})`));
    }, TIMEOUT_MS);
  });
}

let pending: Promise<Timing> | undefined;

const bench = {
  /** Resolves once the definition's JSON is in memory. */
  ready: definitionJson.then(() => true),

  /**
   * Creates `<e-service-form service="stress-300">` and measures until the first step is rendered:
   * its `<form>` is in the shadow root and every question element in it (a repeating group's too)
   * has rendered its own shadow root.
   */
  async firstRender(): Promise<Timing & { questions: number; elements: number }> {
    await definitionJson;
    document.querySelector('e-service-form')?.remove();
    sessionStorage.clear();
    const start = now();
    const form = document.createElement('e-service-form');
    form.client = client;
    form.setAttribute('service', SERVICE);
    document.querySelector('main')!.append(form);
    const root = form.shadowRoot!;
    const timing = await watch(
      'first render',
      [root],
      () => !!root.querySelector('form'),
      () => rendered(root.querySelector('form')!),
      start,
    );
    const shown = root.querySelectorAll('form > [id^="field-"], form > [data-field]').length;
    let elements = 0;
    const count = (node: ParentNode) => {
      for (const element of node.querySelectorAll('*')) {
        if (isLit(element)) elements++;
        if (element.shadowRoot) count(element.shadowRoot);
      }
    };
    count(root);
    return { ...timing, questions: shown, elements };
  },

  /** Arms a measurement: from the next keydown until `id`'s error is gone from the summary and from the question. */
  armErrorCleared(id: string): void {
    const form = currentForm();
    const field = question(form, id);
    if (!field?.shadowRoot) throw new Error(`question ${id} is not shown`);
    const root = form.shadowRoot!;
    const inSummary = () => !!root.querySelector(`.error-summary a[href="#field-${CSS.escape(id)}"]`);
    const inField = () => !!field.shadowRoot!.querySelector('.error-message, [aria-invalid="true"]');
    if (!inSummary() || !inField()) throw new Error(`question ${id} shows no error to clear`);
    pending = watch(`error of ${id} cleared`, [root, field.shadowRoot], () => !inSummary() && !inField());
  },

  /**
   * Arms a measurement: from the next keydown until every question in `ids` is shown and rendered
   * (`expect: 'shown'`), or none of them is left (`expect: 'hidden'`).
   */
  armConditions(ids: string[], expect: 'shown' | 'hidden'): void {
    const form = currentForm();
    const present = () => ids.map((id) => question(form, id));
    const before = present().filter(Boolean).length;
    if (before !== (expect === 'shown' ? 0 : ids.length)) throw new Error(`${before} of ${ids.length} controlled questions shown before the keystroke`);
    pending = watch(
      `controlled questions ${expect}`,
      [form.shadowRoot!],
      () => (expect === 'shown' ? present().every(Boolean) : present().every((element) => !element)),
      expect === 'shown' ? () => Promise.all(present().map((element) => rendered(element!))).then(() => undefined) : undefined,
    );
  },

  /** The armed measurement's result. */
  result(): Promise<Timing> {
    const result = pending;
    pending = undefined;
    if (!result) return Promise.reject(new Error('no measurement armed'));
    return result;
  },

  /** Empties every answer, as on arrival (errors stay until the next Continue). */
  async clearAnswers(): Promise<void> {
    const form = currentForm();
    form.setAnswers({});
    await rendered(form);
  },

  /** How many problems the error summary lists. */
  summaryLength(): number {
    return currentForm().shadowRoot!.querySelectorAll('.error-summary li').length;
  },

  /** Whether the error summary lists `id` (the bench waits for it after Continue). */
  summaryLists(id: string): boolean {
    return !!currentForm().shadowRoot!.querySelector(`.error-summary a[href="#field-${CSS.escape(id)}"]`);
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}

window.bench = bench;
