import type { CDPSession, Page } from 'playwright-core';

/**
 * What the checks share inside the story's page: a walk over the light DOM and every open shadow root,
 * visibility, colours and contrast, and a name for an element that a failure message can show.
 * Installed once per story (installHelpers) as `window.__eskChecks`; the checks' own page functions use it.
 */
export function pageHelpers() {
  /** Every element of the document, the light DOM and each open shadow root, in tree order. */
  function allElements(): Element[] {
    const found: Element[] = [];
    const walk = (parent: ParentNode) => {
      for (const child of parent.children) {
        found.push(child);
        if (child.shadowRoot) walk(child.shadowRoot);
        walk(child);
      }
    };
    walk(document);
    return found;
  }

  /** Every open shadow root, the widgets' and their inner components'. */
  function shadowRoots(): ShadowRoot[] {
    return allElements().flatMap((element) => (element.shadowRoot ? [element.shadowRoot] : []));
  }

  /** The element's parent in the rendered (flat) tree: its slot, its parent, or its shadow root's host. */
  function parentOf(element: Element): Element | null {
    if (element.assignedSlot) return element.assignedSlot;
    if (element.parentElement) return element.parentElement;
    const root = element.parentNode;
    return root instanceof ShadowRoot ? root.host : null;
  }

  /** Inside a widget: in some shadow root, rather than the story's own light DOM. */
  function inShadow(element: Element): boolean {
    return element.getRootNode() instanceof ShadowRoot;
  }

  /**
   * Whether the element is clipped away on purpose, as `.visually-hidden` text is: it or an
   * ancestor has `clip` or `clip-path`, or is not rendered at all.
   */
  function hiddenOnPurpose(element: Element): boolean {
    if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return true;
    for (let node: Element | null = element; node; node = parentOf(node)) {
      const style = getComputedStyle(node);
      if (style.clipPath !== 'none' || (style.clip !== 'auto' && style.clip !== '')) return true;
    }
    return false;
  }

  /** Shown to the citizen: rendered, not transparent, not clipped away. */
  function shown(element: Element): boolean {
    return element.getClientRects().length > 0 && !hiddenOnPurpose(element);
  }

  function normalise(text: string | null | undefined): string {
    return (text ?? '').replace(/\s+/g, ' ').trim();
  }

  /** The visible text of a label or heading, as the citizen reads it. */
  function visibleText(element: Element): string {
    return normalise((element as HTMLElement).innerText ?? element.textContent);
  }

  /** A short name for messages: the widgets around it, then the element, e.g. `<e-service-form> <esk-input-field path="namn"> input#control`. */
  function describe(element: Element): string {
    const hosts: string[] = [];
    for (let root = element.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) {
      const host = root.host;
      const path = host.getAttribute('path');
      hosts.unshift(`<${host.localName}${path ? ` path="${path}"` : ''}>`);
    }
    const id = element.id ? `#${element.id}` : '';
    const className = typeof element.className === 'string' && element.className.trim() ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
    const part = element.getAttribute('part');
    const text = normalise(element.textContent).slice(0, 40);
    return `${[...hosts, `${element.localName}${id}${className}${part ? `[part=${part}]` : ''}`].join(' ')}${text ? ` "${text}"` : ''}`;
  }

  /** The focused element, looking through every shadow root on the way; null when nothing in the page has focus. */
  function focused(): Element | null {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active && active !== document.body && active !== document.documentElement ? active : null;
  }

  /** How many stops the keyboard can reach at most: an upper bound for a walk with Tab. */
  function tabStops(): number {
    const focusable = 'a[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [tabindex], [contenteditable]';
    const radioGroups = new Map<Node, Set<string>>();
    return allElements().filter((element) => {
      if (!element.matches(focusable) || (element as HTMLElement).tabIndex < 0 || (element as HTMLInputElement).disabled || !shown(element)) return false;
      // A group of radio buttons (one name in one tree) is one stop.
      if (!element.matches('input[type=radio][name]')) return true;
      const root = element.getRootNode();
      const names = radioGroups.get(root) ?? new Set<string>();
      radioGroups.set(root, names);
      if (names.has((element as HTMLInputElement).name)) return false;
      names.add((element as HTMLInputElement).name);
      return true;
    }).length;
  }

  type Rgba = [number, number, number, number];

  /** A computed colour (`rgb(…)`, `rgba(…)`, `transparent`) as 0–255 channels and alpha; null for anything else. */
  function parseColour(value: string): Rgba | null {
    if (value === 'transparent') return [0, 0, 0, 0];
    const match = /^rgba?\(([^)]+)\)$/.exec(value.trim());
    if (!match) return null;
    const parts = match[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
    return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
  }

  /** Each colour a `box-shadow` draws. */
  function shadowColours(value: string): string[] {
    return value === 'none' ? [] : [...value.matchAll(/rgba?\([^)]+\)/g)].map((match) => match[0]);
  }

  /** `top` painted over the opaque colour `bottom`. */
  function over(top: Rgba, bottom: Rgba): Rgba {
    const a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
  }

  /** What the page is painted on: the system's Canvas in forced colours, else white. */
  function canvasColour(): Rgba {
    const probe = document.createElement('div');
    probe.style.background = 'Canvas';
    document.body.append(probe);
    const colour = parseColour(getComputedStyle(probe).backgroundColor) ?? [255, 255, 255, 1];
    probe.remove();
    return [colour[0], colour[1], colour[2], 1];
  }

  /**
   * The colour behind an element: the backgrounds of the element (with `self`) and its ancestors
   * up to the first opaque one, painted over each other.
   */
  function backdrop(element: Element, self = false): Rgba {
    const layers: Rgba[] = [];
    for (let node: Element | null = self ? element : parentOf(element); node; node = parentOf(node)) {
      const colour = parseColour(getComputedStyle(node).backgroundColor);
      if (!colour || colour[3] === 0) continue;
      layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reduceRight<Rgba>((below, layer) => over(layer, below), canvasColour());
  }

  function luminance([r, g, b]: Rgba): number {
    const linear = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  }

  /** WCAG's contrast ratio of a colour (painted over `behind` when see-through) against `behind`. */
  function contrast(colour: Rgba, behind: Rgba): number {
    const [light, dark] = [luminance(over(colour, behind)), luminance(behind)].sort((p, q) => q - p) as [number, number];
    return (light + 0.05) / (dark + 0.05);
  }

  function hex(colour: Rgba): string {
    return `#${colour.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}${colour[3] < 1 ? ` at ${Math.round(colour[3] * 100)}%` : ''}`;
  }

  /** The sides of an element's border that are drawn: width, a visible style and a colour that is not transparent. */
  function borderSides(style: CSSStyleDeclaration): { side: string; colour: Rgba }[] {
    return (['top', 'right', 'bottom', 'left'] as const).flatMap((side) => {
      const width = parseFloat(style.getPropertyValue(`border-${side}-width`));
      const lineStyle = style.getPropertyValue(`border-${side}-style`);
      const colour = parseColour(style.getPropertyValue(`border-${side}-color`));
      return width >= 1 && lineStyle !== 'none' && lineStyle !== 'hidden' && colour && colour[3] > 0 ? [{ side, colour }] : [];
    });
  }

  /** The stops the Tab key reached (see tabStops()), but those a widget has rendered anew since (a list reloaded). */
  function walkedStops(): Element[] {
    return ((document as unknown as { __eskTabStops?: Element[] }).__eskTabStops ?? []).filter((stop) => stop.isConnected);
  }

  /**
   * Keyboard focus back on a stop the Tab key reached; false when the browser would not show it as such. The
   * browser shows focus moved by a script as keyboard focus only when it moves from an element that showed it:
   * so focus goes from stop to stop (or to a parking element, see park()), never through blur().
   */
  function refocus(element: Element): boolean {
    (element as HTMLElement).focus({ preventScroll: true });
    return focused() === element && element.matches(':focus-visible');
  }

  /**
   * A button outside the story for keyboard focus to wait on while no stop may have it (to read the stops
   * unfocused), taking it over from the focused stop; remove() it afterwards.
   */
  function park(): HTMLButtonElement {
    const button = document.createElement('button');
    button.textContent = 'parked';
    button.style.cssText = 'position: fixed; left: -200px; top: 0;';
    document.body.append(button);
    button.focus({ preventScroll: true });
    return button;
  }

  /** One frame painted after a change of style, viewport or media. */
  function frame(): Promise<void> {
    return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  }

  return {
    allElements, shadowRoots, parentOf, inShadow, hiddenOnPurpose, shown, normalise, visibleText, describe, focused, tabStops,
    parseColour, shadowColours, over, canvasColour, backdrop, contrast, hex, borderSides, walkedStops, refocus, park, frame,
  };
}

export type PageHelpers = ReturnType<typeof pageHelpers>;
export type Rgba = [number, number, number, number];

declare global {
  interface Window {
    __eskChecks: PageHelpers;
  }
}

/**
 * Puts the helpers into the story's page. The test's TypeScript goes through tsx, whose esbuild keeps function
 * names by wrapping them in `__name(…)`; the page has no such function, so it gets one that does nothing.
 */
export async function installHelpers(page: Page): Promise<void> {
  // A new walk with Tab too: page.setContent() keeps the document object, and with it an earlier walk's stops.
  await page.evaluate(`globalThis.__name ??= (target) => target; window.__eskChecks = (${pageHelpers.toString()})(); delete document.__eskTabStops;`);
}

/** A finding: which check, where in the story, and what failed. */
export type Finding = string;

/**
 * The stops the Tab key reaches in the story, in the order it reaches them, walked once per story and kept in
 * the document (`document.__eskTabStops`) for the checks that look at focus. The walk starts where the play function
 * left focus and goes on past the end of the page to its start, a few presses more than there can be stops;
 * listeners in the page note each element as focus reaches it. The presses go to the browser at once, one
 * after the other, rather than each waiting for an answer. A check then puts focus back on each stop with
 * focus(): after a keyboard walk the browser shows it as keyboard focus (:focus-visible), and one call in the
 * page does for all stops what a key press and a round trip do for one.
 */
export async function tabStops(page: Page, cdp: CDPSession): Promise<number> {
  const presses = await page.evaluate(() => {
    const walked = document as unknown as { __eskTabStops?: Element[] };
    if (walked.__eskTabStops) return 0;
    const stops: Element[] = (walked.__eskTabStops = []);
    const note = (event: Event) => {
      const element = event.composedPath()[0];
      // Only during the walk: focus the checks move later is theirs.
      if (walked.__eskTabStops !== stops) return;
      if (element instanceof Element && !stops.includes(element)) stops.push(element);
    };
    // In each shadow root too: focus moving inside one widget never reaches the document (it would come from and
    // go to the same element there, the widget).
    for (const root of [document, ...window.__eskChecks.shadowRoots()]) root.addEventListener('focusin', note, true);
    return window.__eskChecks.tabStops() + 3;
  });
  const key = { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9, nativeVirtualKeyCode: 9 };
  const press = () => Promise.all([
    cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key }),
    cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key }),
  ]);
  await Promise.all(Array.from({ length: presses }, press));
  // The walk ends with keyboard focus on a stop (not past the page's end), for the checks to move it on from there.
  for (let more = 0; more < 3 && presses > 0; more++) {
    if (await page.evaluate(() => !!window.__eskChecks.focused()?.matches(':focus-visible'))) break;
    await press();
  }
  return page.evaluate(() => {
    const walked = document as unknown as { __eskTabStops: Element[] };
    walked.__eskTabStops = [...walked.__eskTabStops];
    return walked.__eskTabStops.length;
  });
}
