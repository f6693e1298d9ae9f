import { waitUntil } from '@open-wc/testing';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';

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
}

/** The element that has focus, looking inside the widget's shadow root. */
export function focused(el: HTMLElement): Element | null {
  return shadow(el).activeElement;
}

/** The text of the element whose id an aria-describedby lists. */
export function describedBy(el: HTMLElement, control: Element): string[] {
  return (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => shadow(el).getElementById(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? `(missing #${id})`);
}

export function submitButton(el: HTMLElement): HTMLButtonElement {
  return $<HTMLButtonElement>(el, 'button[type=submit]');
}
