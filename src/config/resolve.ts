import { ContextRoot } from '@lit/context';
import type { Language } from '../contract/text.js';
import { toLanguage } from '../i18n/index.js';
import type { KitConfig } from './context.js';

/**
 * A CMS page upgrades elements in any order: the ContextRoot lets a widget that
 * asked before its <e-service-config> existed receive the config when it arrives.
 */
let rootAttached = false;
export function attachContextRoot(): void {
  if (rootAttached || typeof document === 'undefined') return;
  new ContextRoot().attach(document.documentElement);
  rootAttached = true;
}

/** By default the widgets talk to the backend that served the kit's script. */
export function defaultBackend(): string {
  return new URL(/* @vite-ignore */ '/', import.meta.url).href;
}

export type BackendResult = { ok: true; url: string } | { ok: false; value: string };

/** The element's own attribute, then <e-service-config>, then where the kit came from. */
export function resolveBackend(own: string | undefined | null, config: KitConfig | undefined): BackendResult {
  const value = own?.trim() || config?.backend?.trim();
  if (!value) return { ok: true, url: defaultBackend() };
  try {
    const url = new URL(value, document.baseURI);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, value };
    return { ok: true, url: url.href };
  } catch {
    return { ok: false, value };
  }
}

/** The element's lang, then <e-service-config lang>, then the nearest lang on the page, then Swedish. */
export function resolveLanguage(element: HTMLElement, config: KitConfig | undefined): Language {
  const own = element.getAttribute('lang');
  if (own) return toLanguage(own);
  if (config?.lang) return config.lang;
  const inherited = element.closest('[lang]')?.getAttribute('lang');
  return toLanguage(inherited);
}
