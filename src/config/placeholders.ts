/**
 * Placeholders that survive a CMS's HTML filter. An author in WordPress (and every role on many
 * sites) may not paste a script or an unknown element: the filter strips both. A `div` with
 * `data-*` attributes it keeps — so the kit, loaded once for the whole site, turns
 *
 *   <div data-e-service-form data-service="felanmalan" data-lang="en"></div>
 *
 * into `<e-service-form service="felanmalan" lang="en">`, also when such a div appears later (a
 * CMS that swaps the page's content without a reload).
 *
 * Only the element's own attributes (those it observes), `lang`, `id` and `class` are carried
 * over. Anything else is left behind with a warning: an author who may not write a script must
 * not get one through a placeholder (`data-onclick` would otherwise become `onclick`). Nor may an
 * author send a page's answers and logins elsewhere: `backend` is never taken from a placeholder
 * — the widgets talk to the server the kit came from, or the one an `<e-service-config>` in the
 * site template names.
 */

import { safeHref } from './safe-url.js';

export const KIT_ELEMENTS = ['e-service-form', 'e-service-config', 'eid-login', 'my-cases', 'case-messages', 'my-profile', 'cosign-status'] as const;

const SELECTOR = KIT_ELEMENTS.map((name) => `[data-${name}]`).join(',');
/** Attributes every element takes besides its own. */
const GLOBAL = new Set(['lang', 'id', 'class']);
/** Attributes only the site's own template may set. */
const TEMPLATE_ONLY = new Set(['backend']);

/** Gets an element's class registered (the one-file kit fetches Mina sidor's widgets when first needed). */
export type ElementLoader = (name: string) => Promise<unknown> | undefined;

const pending = new WeakSet<Element>();

/** Replaces every kit placeholder under `root` with its element. Resolves when all are replaced. */
export async function upgradePlaceholders(root: ParentNode, load: ElementLoader = () => undefined): Promise<void> {
  const found = [...root.querySelectorAll(SELECTOR)].filter((placeholder) => !pending.has(placeholder));
  await Promise.all(found.map((placeholder) => upgrade(placeholder, load)));
}

async function upgrade(placeholder: Element, load: ElementLoader): Promise<void> {
  pending.add(placeholder);
  const name = KIT_ELEMENTS.find((candidate) => placeholder.hasAttribute(`data-${candidate}`))!;
  if (!customElements.get(name)) await load(name);
  const constructor = await customElements.whenDefined(name);
  // The placeholder may have been taken away meanwhile.
  if (!placeholder.isConnected) return;
  const own = new Set((constructor as unknown as { observedAttributes?: string[] }).observedAttributes ?? []);
  const element = document.createElement(name);
  for (const { name: attribute, value } of [...placeholder.attributes]) {
    if (attribute === `data-${name}`) continue;
    const target = attribute.startsWith('data-') ? attribute.slice(5) : attribute;
    if (TEMPLATE_ONLY.has(target)) {
      console.warn(`e-service-kit: ${attribute} is not taken from a placeholder; the server is set in the site template (the kit's own, or an <e-service-config backend>).`);
    } else if (target.endsWith('-url') && !safeHref(value.replace(/\{[a-zA-Z]+\}/g, 'x'))) {
      console.warn(`e-service-kit: ${attribute}="${value}" on a <${name}> placeholder is not a web address; it is left out.`);
    } else if (own.has(target) || GLOBAL.has(target)) element.setAttribute(target, value);
    else console.warn(`e-service-kit: <${name}> takes no attribute "${target}" (from ${attribute} on its placeholder); it is left out. It takes: ${[...own, ...GLOBAL].filter((a) => !TEMPLATE_ONLY.has(a)).join(', ')}.`);
  }
  // <e-service-config> holds the widgets it configures.
  element.append(...placeholder.childNodes);
  placeholder.replaceWith(element);
}
