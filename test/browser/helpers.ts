import { waitUntil } from '@open-wc/testing';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import type { Clock } from '../../src/client/session.js';
import { loadLanguage } from '../../src/i18n/index.js';

declare global {
  interface Window {
    /** Set by web-test-runner.config.mjs: the real backend the tests talk to. */
    ESK_TEST: { backend: string; deadBackend: string };
  }
}

export const { backend, deadBackend } = window.ESK_TEST;

export const VALID = { category: 'belysning', place: 'Storgatan 12', description: 'Lampan är släckt.', urgent: 'nej' };

export function shadow(el: HTMLElement): ShadowRoot {
  return el.shadowRoot!;
}

export function $<T extends Element = HTMLElement>(el: HTMLElement, selector: string): T {
  const found = shadow(el).querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

export async function formReady(el: EServiceForm): Promise<void> {
  await waitUntil(() => shadow(el).querySelector('form'), 'the form did not render', { timeout: 15_000 });
  // A language other than Swedish is a chunk of its own: the form speaks it from the render after it has loaded.
  const lang = el.closest('[lang]')?.getAttribute('lang');
  if (lang === 'en') {
    await loadLanguage('en');
    await el.updateComplete;
  }
}

/** The element that has focus, looking through every shadow root on the way. */
export function focused(el: HTMLElement): Element | null {
  let active: Element | null = shadow(el).activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The question element for a path, e.g. `place` or `allergies.0.what`. */
export function question(el: HTMLElement, path: string): HTMLElement {
  const [id, index, child] = path.split('.');
  const top = $(el, `#field-${id}`);
  if (index === undefined) return top;
  const inner = top.shadowRoot!.querySelector<HTMLElement>(`[path="${id}.${index}.${child}"]`);
  if (!inner) throw new Error(`no question at ${path}`);
  return inner;
}

/** The input of a question (its first one, or the one with the given inner id). */
export function control<T extends HTMLElement = HTMLInputElement>(el: HTMLElement, path: string, innerId = 'control'): T {
  const found = question(el, path).shadowRoot!.querySelector<T>(`#${innerId}`);
  if (!found) throw new Error(`no #${innerId} in ${path}`);
  return found;
}

/** The visible text of a question's label or legend. */
export function labelText(el: HTMLElement, path: string): string {
  return question(el, path).shadowRoot!.querySelector('label, legend')!.textContent!.replace(/\s+/g, ' ').trim();
}

/** The texts of the elements an aria-describedby lists (they live in the control's own shadow root). */
export function describedBy(control: Element): string[] {
  const root = control.getRootNode() as ShadowRoot;
  return (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => root.getElementById(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? `(missing #${id})`);
}

export function submitButton(el: HTMLElement): HTMLButtonElement {
  return $<HTMLButtonElement>(el, 'button[type=submit]');
}

/**
 * What axe cannot decide and leaves for a person to review (its "incomplete" results), for the rules
 * named — `to.be.accessible()` passes such findings silently. Run after `to.be.accessible()`, which loads axe.
 */
export async function axeNeedsReview(el: Element, rules: string[]): Promise<string[]> {
  const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<{ incomplete: { id: string; nodes: { html: string }[] }[] }> } }).axe;
  const { incomplete } = await axe.run(el, { runOnly: { type: 'rule', values: rules } });
  return incomplete.flatMap((result) => result.nodes.map((node) => `${result.id}: ${node.html.slice(0, 120)}`));
}

/** Timers that run only when the test moves time on. */
export function manualClock(): Clock & { tick(ms: number): void; pending(): number } {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    after(ms, fn) {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => void (timers = timers.filter((t) => t !== timer));
    },
    tick(ms) {
      now += ms;
      for (let due; (due = timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)[0]); ) {
        timers = timers.filter((t) => t !== due);
        due.fn();
      }
    },
    pending: () => timers.length,
  };
}

