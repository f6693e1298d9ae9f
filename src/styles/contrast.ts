/**
 * Whether a theme — the `--esk-…` colours a municipality sets — keeps every text and control
 * readable: WCAG 2.1 AA contrast (1.4.3 text 4.5:1, 1.4.11 non-text 3:1) for each pair of colours
 * the widgets put on top of each other. Used by the theme test and `npm run theme-check`; not part
 * of the browser kit.
 */

/** The colours a widget uses when the page sets none (src/styles/shared.ts). */
export const DEFAULT_COLOURS: Readonly<Record<string, string>> = {
  '--esk-color-text': '#0b0c0c',
  '--esk-color-hint': '#484f53',
  '--esk-color-background': '#ffffff',
  '--esk-color-primary': '#00703c',
  '--esk-color-primary-hover': '#005a30',
  '--esk-color-on-primary': '#ffffff',
  '--esk-color-link': '#1d4f91',
  '--esk-color-error': '#b21f12',
  '--esk-color-border': '#0b0c0c',
  '--esk-color-focus': '#ffdd00',
  '--esk-color-success': '#00703c',
};

/** The text on a focused link or button (the GOV.UK focus style: dark text on the focus colour). */
const FOCUS_TEXT = '#0b0c0c';

interface Pair {
  what: string;
  foreground: string;
  background: string;
  /** 4.5 for text, 3 for the edges of controls. */
  minimum: number;
}

/** Every pair a widget draws, for WCAG's contrast criteria. */
export function pairs(colours: Record<string, string>): Pair[] {
  const c = (token: string) => colours[token] ?? DEFAULT_COLOURS[token]!;
  const bg = c('--esk-color-background');
  return [
    { what: 'text on the background', foreground: c('--esk-color-text'), background: bg, minimum: 4.5 },
    { what: 'hints on the background', foreground: c('--esk-color-hint'), background: bg, minimum: 4.5 },
    { what: 'links on the background', foreground: c('--esk-color-link'), background: bg, minimum: 4.5 },
    { what: 'error messages on the background', foreground: c('--esk-color-error'), background: bg, minimum: 4.5 },
    { what: 'success messages on the background', foreground: c('--esk-color-success'), background: bg, minimum: 4.5 },
    { what: 'button text on the primary colour', foreground: c('--esk-color-on-primary'), background: c('--esk-color-primary'), minimum: 4.5 },
    { what: 'button text on the primary hover colour', foreground: c('--esk-color-on-primary'), background: c('--esk-color-primary-hover'), minimum: 4.5 },
    { what: 'focused text on the focus colour', foreground: FOCUS_TEXT, background: c('--esk-color-focus'), minimum: 4.5 },
    { what: 'input borders on the background', foreground: c('--esk-color-border'), background: bg, minimum: 3 },
    { what: 'buttons on the background', foreground: c('--esk-color-primary'), background: bg, minimum: 3 },
    { what: 'error borders on the background', foreground: c('--esk-color-error'), background: bg, minimum: 3 },
  ];
}

/** #rgb or #rrggbb → [r, g, b] 0–255; undefined for anything else (a theme's colours are written as hex). */
export function parseHex(colour: string): [number, number, number] | undefined {
  const hex = colour.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(hex);
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(hex);
  const parts = short ? short.slice(1).map((d) => d + d) : long?.slice(1);
  return parts ? (parts.map((part) => parseInt(part, 16)) as [number, number, number]) : undefined;
}

/** WCAG's relative luminance. */
function luminance([r, g, b]: [number, number, number]): number {
  const linear = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG's contrast ratio, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) throw new Error(`not a hex colour: ${x ? b : a}`);
  const [light, dark] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The custom properties a theme's CSS sets (`--esk-…: value;`). */
export function themeColours(css: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/(--esk-[a-z-]+)\s*:\s*([^;}]+)[;}]/g)) found[match[1]!] = match[2]!.trim();
  return found;
}

/** What breaks WCAG AA in a theme, each in words with its ratio and what is needed; empty when nothing does. */
export function themeProblems(colours: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const token of Object.keys(colours).filter((name) => name.startsWith('--esk-color-'))) {
    if (!parseHex(colours[token]!)) problems.push(`${token}: write the colour as #rrggbb, not "${colours[token]}"`);
  }
  if (problems.length) return problems;
  for (const { what, foreground, background, minimum } of pairs(colours)) {
    const ratio = contrastRatio(foreground, background);
    if (ratio < minimum) problems.push(`${what}: ${foreground} on ${background} is ${ratio.toFixed(2)}:1, needs at least ${minimum}:1`);
  }
  return problems;
}
