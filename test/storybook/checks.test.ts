import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { checkAxTree } from './checks/ax-tree.js';
import { checkContrast, type Theme } from './checks/contrast.js';
import { checkForcedColors } from './checks/forced-colors.js';
import { installHelpers, type Finding } from './checks/page.js';
import { checkReflow } from './checks/reflow.js';
import { checkTextSpacing } from './checks/text-spacing.js';

/**
 * The checks stories.test.ts runs on every story, each shown to fail: a small question in a shadow root, done
 * right, passes all of them; each deliberate break of it (a fixed width, a box-shadow focus ring, a missing
 * aria-invalid …) is found by the check it is meant for. A check that could no longer fail would pass every
 * story for nothing.
 */

const STYLES = `
  * { box-sizing: border-box; }
  .input { display: block; width: 100%; max-width: 20em; font: inherit; padding: 0.4em; background: #fff;
    border: 2px solid var(--esk-color-border, #0b0c0c); }
  .input:focus { outline: 3px solid #ffdd00; box-shadow: inset 0 0 0 2px #0b0c0c; }
  .button { font: inherit; border: 2px solid transparent; background: #00703c; color: #fff; padding: 0.5em 1em; }
  .button:focus-visible { outline: 3px solid transparent; background: #ffdd00; color: #0b0c0c; box-shadow: 0 2px 0 #0b0c0c; }
  input[type=radio]:focus-visible { outline: 3px solid #ffdd00; box-shadow: 0 0 0 5px #0b0c0c; }
  .fieldset { border: 0; padding: 0; margin: 1em 0; }
`;

const BODY = `
  <h3 class="page-title">Om dig</h3>
  <div class="field">
    <label for="name" class="label">Ditt namn</label>
    <p id="name-error" class="error-message">Fel: Fyll i ditt namn</p>
    <input id="name" class="input" aria-required="true" aria-invalid="true" aria-describedby="name-error">
  </div>
  <fieldset class="fieldset" role="radiogroup" aria-required="true">
    <legend>Har du barn?</legend>
    <input type="radio" id="yes" name="children" checked><label for="yes">Ja</label>
    <input type="radio" id="no" name="children"><label for="no">Nej</label>
  </fieldset>
  <p class="status" role="status">Starta BankID-appen.</p>
  <canvas class="qr" role="img" aria-label="QR-kod att läsa av med BankID-appen" width="80" height="80"></canvas>
  <div><button class="button" type="button">Skicka</button></div>
`;

/** A page with one kit-like question: `esk-demo-field`, required, its markup and styles in its shadow root. */
function question({ styles = '', body = BODY } = {}): string {
  return `<!doctype html><html lang="sv"><body style="margin: 0; padding: 16px; font: 16px/1.5 sans-serif">
    <template id="question"><style>${STYLES}${styles}</style>${body}</template>
    <esk-demo-field></esk-demo-field>
    <script>
      customElements.define('esk-demo-field', class extends HTMLElement {
        required = true;
        connectedCallback() {
          this.attachShadow({ mode: 'open' }).append(document.getElementById('question').content.cloneNode(true));
        }
      });
    </script>
  </body></html>`;
}

const THEMES: Theme[] = [
  { name: 'dark-border', properties: { '--esk-color-border': '#0b0c0c' } },
  { name: 'pale-border', properties: { '--esk-color-border': '#c8c8c8' } },
];

type Check = (page: Page) => Promise<Finding[]>;
const CHECKS: Record<string, Check> = {
  reflow: (page) => checkReflow(page),
  'text spacing': (page) => checkTextSpacing(page),
  'forced colours': async (page) => checkForcedColors(page, await page.context().newCDPSession(page)),
  contrast: async (page) => checkContrast(page, await page.context().newCDPSession(page), THEMES.slice(0, 1)),
  'accessibility tree': async (page) => (await checkAxTree(page, await page.context().newCDPSession(page))).findings,
};

/** Each break, the check that must find it, and what it must say. */
const BREAKS: { what: string; check: string; styles?: string; body?: string; found: RegExp }[] = [
  { what: 'an input of a fixed width', check: 'reflow', styles: '.input { width: 400px; max-width: none; }', found: /input#name.* reaches \d+ px, past the 320 px edge/ },
  { what: 'a word longer than the line', check: 'reflow', body: `${BODY}<h2>Bostadsanpassningsbidragshandläggningen</h2>`, found: /the text of <esk-demo-field> h2 .* reaches \d+ px/ },
  { what: 'a label of a fixed height that hides its overflow', check: 'text spacing', styles: '.label { display: block; height: 1.2em; line-height: 1.2; overflow: hidden; }', found: /label\.label .*clips its content/ },
  { what: 'a box of a fixed height whose lines run into the next text', check: 'text spacing', body: `${BODY}<div class="box" style="height: 2.4em; line-height: 1.2">Rad ett<br>Rad två</div><div>Nästa rad</div>`, found: /div\.box .* overlaps <esk-demo-field> div "Nästa rad"/ },
  { what: 'a focus ring drawn with box-shadow alone', check: 'forced colours', styles: '.input:focus { outline: none; box-shadow: 0 0 0 3px #0b0c0c; }', found: /input#name.* shows no focus outline/ },
  { what: 'an input outlined with box-shadow instead of a border', check: 'forced colours', styles: '.input { border: 0; box-shadow: inset 0 0 0 2px #0b0c0c; }', found: /input#name.* has no visible border/ },
  { what: 'a button without a border', check: 'forced colours', styles: '.button { border: 0; }', found: /button\.button .* is a button without a border or outline/ },
  { what: 'a radio button drawn by CSS', check: 'forced colours', styles: 'input[type=radio] { appearance: none; width: 1em; height: 1em; background: #ccc; } input[type=radio]:checked { background: #0b0c0c; }', found: /input#yes: its checked state is not drawn/ },
  { what: 'a pale input border', check: 'contrast', styles: '.input { border-color: #bbbbbb; }', found: /input#name.*'s top border #bbbbbb on #ffffff is 1\.\d\d:1, needs 3:1/ },
  { what: 'a focus ring of the pale yellow alone', check: 'contrast', styles: '.input:focus { box-shadow: none; }', found: /input#name.*'s focus indicator \(outline #ffdd00 1\.\d\d:1\) on #ffffff reaches no 3:1/ },
  { what: 'a label the accessible name does not match', check: 'accessibility tree', body: BODY.replace('aria-required="true" aria-invalid', 'aria-label="Namn" aria-required="true" aria-invalid'), found: /input#name.*: its accessible name "Namn" is not its visible label "Ditt namn"/ },
  { what: 'a required question not marked required', check: 'accessibility tree', body: BODY.replace(' aria-required="true" aria-invalid', ' aria-invalid'), found: /input#name.* \(required\): the textbox is not required/ },
  { what: 'a radio question whose group is not marked required', check: 'accessibility tree', body: BODY.replace('role="radiogroup" aria-required="true"', ''), found: /fieldset.* \(required\): the group is not required/ },
  { what: 'an error not tied to its input', check: 'accessibility tree', body: BODY.replace(' aria-invalid="true" aria-describedby="name-error"', ''), found: /input#name.*: shows the error "Fel: Fyll i ditt namn" but is not invalid[\s\S]*the error "Fel: Fyll i ditt namn" is not in its description/ },
  { what: 'a step title that is not a heading', check: 'accessibility tree', body: BODY.replace('<h3 class="page-title">Om dig</h3>', '<div class="page-title">Om dig</div>'), found: /the step's title is a \w+ named "[^"]*", not a heading "Om dig"/ },
  { what: 'a BankID status outside a live region', check: 'accessibility tree', body: BODY.replace(' role="status"', ''), found: /the BankID status "Starta BankID-appen\." is in no live region/ },
  { what: 'a QR code without a text alternative', check: 'accessibility tree', body: BODY.replace(' role="img" aria-label="QR-kod att läsa av med BankID-appen"', ''), found: /canvas\.qr is not in the accessibility tree: the QR code has no text alternative/ },
];

describe('the accessibility checks of the stories', () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    page = await browser.newPage();
  });
  after(() => browser?.close());

  async function run(check: string, content: string): Promise<Finding[]> {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.setContent(content);
    await installHelpers(page);
    return CHECKS[check]!(page);
  }

  for (const check of Object.keys(CHECKS)) {
    it(`${check}: a question done right passes`, async () => {
      assert.deepEqual(await run(check, question()), []);
    });
  }

  for (const { what, check, styles, body, found } of BREAKS) {
    it(`${check}: finds ${what}`, async () => {
      const findings = await run(check, question({ styles, body }));
      assert.match(findings.join('\n'), found);
    });
  }

  it('contrast: measures under each theme, and names the theme that fails', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.setContent(question());
    await installHelpers(page);
    const findings = await checkContrast(page, await page.context().newCDPSession(page), THEMES);
    assert.ok(findings.length > 0 && findings.every((finding) => finding.startsWith('pale-border: ')), findings.join('\n'));
  });
});
