import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DEFAULT_COLOURS, contrastRatio, themeColours, themeProblems } from '../../src/styles/contrast.js';

const root = new URL('../..', import.meta.url).pathname;
const themes = readdirSync(`${root}demo/themes`).filter((file) => file.endsWith('.css'));

describe('themes keep WCAG AA contrast', () => {
  it('computes WCAG’s contrast ratio', () => {
    assert.equal(contrastRatio('#000000', '#ffffff').toFixed(1), '21.0');
    assert.equal(contrastRatio('#fff', '#fff'), 1);
    assert.equal(contrastRatio('#767676', '#ffffff').toFixed(2), '4.54');
  });

  it('has the widgets’ own defaults, as src/styles/shared.ts writes them, pass', () => {
    const shared = readFileSync(`${root}src/styles/shared.ts`, 'utf8');
    for (const [token, colour] of Object.entries(DEFAULT_COLOURS)) {
      assert.ok(shared.includes(`var(${token}, ${colour})`), `${token} falls back to ${colour} in shared.ts`);
    }
    assert.deepEqual(themeProblems({}), []);
  });

  it('finds three example themes, different from each other', () => {
    assert.ok(themes.length >= 3, themes.join(', '));
    const primaries = new Set(themes.map((file) => themeColours(readFileSync(`${root}demo/themes/${file}`, 'utf8'))['--esk-color-primary']));
    assert.equal(primaries.size, themes.length);
  });

  for (const file of themes) {
    it(`passes for demo/themes/${file}`, () => {
      assert.deepEqual(themeProblems(themeColours(readFileSync(`${root}demo/themes/${file}`, 'utf8'))), []);
    });
  }

  it('refuses a theme that breaks it, saying which pair, its ratio and what is needed', () => {
    const pale = themeColours(':root { --esk-color-hint: #9a9a9a; /* too pale */ --esk-color-primary: #7fbf7f; }');
    assert.deepEqual(themeProblems(pale), [
      'hints on the background: #9a9a9a on #ffffff is 2.81:1, needs at least 4.5:1',
      'button text on the primary colour: #ffffff on #7fbf7f is 2.17:1, needs at least 4.5:1',
      'buttons on the background: #7fbf7f on #ffffff is 2.17:1, needs at least 3:1',
    ]);
    // The last declaration of a block needs no semicolon.
    assert.deepEqual(themeColours(':root{--esk-color-link:#6fa8dc}'), { '--esk-color-link': '#6fa8dc' });
    assert.deepEqual(themeProblems({ '--esk-color-text': 'rebeccapurple' }), ['--esk-color-text: write the colour as #rrggbb, not "rebeccapurple"']);
  });
});
