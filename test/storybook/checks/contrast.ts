import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { themeColours } from '../../../src/styles/contrast.js';
import { tabStops, type Finding } from './page.js';

export interface Theme { name: string; properties: Record<string, string> }

/** The example municipal themes (demo/themes/*.css): the --esk-… properties each sets. */
export function loadThemes(folder = 'demo/themes'): Theme[] {
  return readdirSync(folder).filter((file) => file.endsWith('.css')).sort()
    .map((file) => ({ name: file.replace(/\.css$/, ''), properties: themeColours(readFileSync(join(folder, file), 'utf8')) }));
}

/**
 * WCAG 1.4.11 Non-text Contrast, measured on what the browser draws rather than on the theme's tokens alone:
 * each input's border, and the keyboard focus indicator of every stop Tab reaches, at least 3:1 against the
 * background behind it (the first opaque background up the tree), under each theme.
 *
 * Every theme on every story: a theme is applied by setting its properties on <html> inside the page — as the
 * Storybook toolbar's theme does (its decorator sets them inline there, so a theme's `:root` style sheet
 * would not override them) — and the colours are read again in the same state, so all themes cost a few style
 * recalculations, not a page load each. The story's own theme is put back.
 *
 * The focus indicator is what changes when an element takes keyboard focus: its outline, box-shadow or
 * background (each read unfocused first, while another stop has focus). It passes when one of those parts reaches 3:1 against the background:
 * GOV.UK's yellow ring is pale on white, and the dark line drawn with it is what makes it visible. Disabled
 * controls are left out, as WCAG leaves them out; radios and checkboxes too, whose edges the browser draws and
 * CSS can't read.
 */
export async function checkContrast(page: Page, cdp: CDPSession, themes: Theme[]): Promise<Finding[]> {
  await tabStops(page, cdp);
  const found = await page.evaluate((themes) => {
    const h = window.__eskChecks;
    const findings: string[] = [];
    const root = document.documentElement.style;
    const names = [...new Set(themes.flatMap((theme) => Object.keys(theme.properties)))];
    const saved = names.map((name) => [name, root.getPropertyValue(name)] as const);
    const stops = h.walkedStops();
    let parked: HTMLButtonElement | undefined;
    const none = { outline: 'none', outlineColour: '', boxShadow: 'none', background: 'rgba(0, 0, 0, 0)' };
    const inputs = h.allElements().filter((element) =>
      element.matches('input:not([type=radio], [type=checkbox], [type=file], [type=hidden]), select, textarea') &&
      !element.matches(':disabled') && h.shown(element));
    const indicator = (style: CSSStyleDeclaration) => ({
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}` : 'none',
      outlineColour: style.outlineColor,
      boxShadow: style.boxShadow,
      background: style.backgroundColor,
    });
    try {
      for (const theme of themes) {
        for (const [name, value] of Object.entries(theme.properties)) root.setProperty(name, value);
        for (const input of inputs) {
          const behind = h.backdrop(input);
          const sides = h.borderSides(getComputedStyle(input));
          if (sides.length === 0) findings.push(`${theme.name}: ${h.describe(input)} has no border`);
          for (const { side, colour } of sides) {
            const ratio = h.contrast(colour, behind);
            if (ratio < 3) findings.push(`${theme.name}: ${h.describe(input)}'s ${side} border ${h.hex(colour)} on ${h.hex(behind)} is ${ratio.toFixed(2)}:1, needs 3:1`);
          }
        }

        stops.forEach((stop, index) => {
          // Unfocused first, with keyboard focus on another stop (or on a parking button, when there is no other):
          // never through blur(), which would end keyboard focus. Where focus can't leave it (the one stop of a
          // modal dialog), everything it draws counts as its indicator.
          h.refocus(stops.length > 1 ? stops[(index + 1) % stops.length]! : (parked ??= h.park()));
          const before = h.focused() === stop ? none : indicator(getComputedStyle(stop));
          if (!h.refocus(stop)) return void findings.push(`${h.describe(stop)} can't be given keyboard focus again`);
          const now = indicator(getComputedStyle(stop));
          const behind = h.backdrop(stop);
          const parts: { what: string; colour: string }[] = [];
          if (now.outline !== before.outline && now.outline !== 'none') parts.push({ what: 'outline', colour: now.outlineColour });
          if (now.boxShadow !== before.boxShadow) for (const colour of h.shadowColours(now.boxShadow)) parts.push({ what: 'box-shadow', colour });
          if (now.background !== before.background) parts.push({ what: 'background', colour: now.background });
          const measured = parts.flatMap(({ what, colour }) => {
            const parsed = h.parseColour(colour);
            return parsed && parsed[3] > 0 ? [{ what, colour: parsed, ratio: h.contrast(parsed, behind) }] : [];
          });
          if (measured.length === 0) findings.push(`${theme.name}: ${h.describe(stop)} shows no focus indicator`);
          else if (!measured.some((part) => part.ratio >= 3)) {
            const shown = measured.map((part) => `${part.what} ${h.hex(part.colour)} ${part.ratio.toFixed(2)}:1`).join(', ');
            findings.push(`${theme.name}: ${h.describe(stop)}'s focus indicator (${shown}) on ${h.hex(behind)} reaches no 3:1`);
          }
        });
      }
    } finally {
      parked?.remove();
      for (const [name, value] of saved) (value ? root.setProperty(name, value) : root.removeProperty(name));
    }
    return findings;
  }, themes);
  return [...new Set(found)];
}
