import type { CDPSession, Page } from 'playwright-core';
import { tabStops, type Finding } from './page.js';

/**
 * Forced colours (Windows' contrast themes), emulated with `forced-colors: active`: the browser replaces every
 * colour with the system's few, draws backgrounds as the plain Canvas and drops every box-shadow. What tells a
 * control apart must then be a line that is still drawn:
 * - every text input, select and textarea keeps a border;
 * - every button keeps a border or an outline (its filled background is gone); a button drawn as a link keeps
 *   its underline instead, and reads as the link it looks like;
 * - every stop Tab reaches shows an outline when it has keyboard focus (a focus ring drawn with box-shadow
 *   alone vanishes);
 * - every checked radio and checkbox is still drawn by the browser (not hidden, not `appearance: none`), so the
 *   system colours show its mark.
 * A line counts when it is at least 1 px, of a visible style, and at least 3:1 against the Canvas behind it.
 * The emulation is switched off again afterwards.
 */
export async function checkForcedColors(page: Page, cdp: CDPSession): Promise<Finding[]> {
  await tabStops(page, cdp);
  await page.emulateMedia({ forcedColors: 'active' });
  try {
    const found = await page.evaluate(async () => {
      const h = window.__eskChecks;
      await h.frame();
      const findings: string[] = [];
      // The controls are read unfocused: a stop the Tab walk left focused would show the browser's focus ring,
      // which is an outline, and hide a button that has no line of its own.
      const parked = h.park();
      const drawn = (element: Element, style: CSSStyleDeclaration) => {
        const behind = h.backdrop(element);
        return h.borderSides(style).some(({ colour }) => h.contrast(colour, behind) >= 3);
      };
      const outlined = (element: Element, style: CSSStyleDeclaration) => {
        const colour = h.parseColour(style.outlineColor);
        return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 && !!colour && h.contrast(colour, h.backdrop(element)) >= 3;
      };
      for (const element of h.allElements()) {
        if (element === parked) continue;
        if (element.matches('input[type=radio]:checked, input[type=checkbox]:checked') && element.getClientRects().length) {
          const style = getComputedStyle(element);
          if (style.appearance === 'none' || h.hiddenOnPurpose(element)) findings.push(`${h.describe(element)}: its checked state is not drawn by the browser (appearance: ${style.appearance}${h.hiddenOnPurpose(element) ? ', hidden' : ''})`);
        }
        if (!h.shown(element)) continue;
        const style = getComputedStyle(element);
        if (element.matches('input:not([type=radio], [type=checkbox], [type=file], [type=hidden], [type=button], [type=submit], [type=reset]), select, textarea')) {
          if (!drawn(element, style)) findings.push(`${h.describe(element)} has no visible border`);
        } else if (element.matches('button, input[type=button], input[type=submit], input[type=reset], [role=button]')) {
          if (!drawn(element, style) && !outlined(element, style) && !style.textDecorationLine.includes('underline')) {
            findings.push(`${h.describe(element)} is a button without a border or outline`);
          }
        }
      }
      for (const stop of h.walkedStops()) {
        if (!h.refocus(stop)) {
          findings.push(`${h.describe(stop)} can't be given keyboard focus again`);
          continue;
        }
        const style = getComputedStyle(stop);
        if (!outlined(stop, style)) findings.push(`${h.describe(stop)} shows no focus outline (outline: ${style.outlineStyle} ${style.outlineWidth}; a box-shadow is not drawn)`);
      }
      parked.remove();
      return findings;
    });
    return [...new Set(found)];
  } finally {
    await page.emulateMedia({ forcedColors: 'none' });
  }
}
