import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
// @ts-expect-error: a plain .mjs script without type declarations
import { entryWithChunks, lazyChunks, sizes } from '../../scripts/size.mjs';

const KB = 1024;
/**
 * The design's budgets for what a page loads at once (what it fetches later is not counted: the English texts, the
 * QR code renderer, the session timeout dialog, the drafts, the check of the answers and sending, BankID's steps,
 * payments, companies, Mina sidor's widgets): 35 KB for the whole kit, 25 KB for <e-service-form> alone and 15 KB
 * for <eid-login> alone. docs/architecture.md (Budgets) says where the bytes go.
 */
const KIT_BUDGET = 35 * KB;
const FORM_BUDGET = 25 * KB;
const LOGIN_BUDGET = 15 * KB;
const brotli = (files: string[]) => files.map((file) => sizes(file).brotli as number).reduce((a, b) => a + b, 0);

/** The weight a citizen's phone downloads: budgets from docs/architecture.md. */
describe('the built kit', () => {
  it('is one script with every element, within its brotli budget; what only some pages need comes later', () => {
    const bundle = 'dist/e-service-kit.js';
    assert.ok(existsSync(bundle));
    const eager: string[] = entryWithChunks(bundle);
    assert.ok(eager.every((file) => file.startsWith('dist/chunks/') || file === bundle), 'its chunks sit beside it, in dist/chunks/');
    const code = eager.map((file) => readFileSync(file, 'utf8')).join('\n');
    for (const tag of ['e-service-form', 'e-service-config', 'eid-login']) assert.ok(code.includes(`"${tag}"`), `registers <${tag}>`);
    assert.ok(brotli(eager) <= KIT_BUDGET, `${brotli(eager)} bytes`);
    const later = lazyChunks(bundle).map((file: string) => readFileSync(file, 'utf8')).join('\n');
    assert.ok(later.includes('Stay logged in') && !code.includes('Stay logged in'), 'the English texts come when asked for');
    assert.ok(lazyChunks(bundle).some((file: string) => /session-timeout-/.test(file)), 'the timeout dialog comes with a login');
    assert.ok(lazyChunks(bundle).some((file: string) => /nano-/.test(file)), 'the QR code renderer comes with a QR code');
    for (const widget of ['my-cases', 'case-messages', 'my-profile', 'cosign-status']) {
      assert.ok(lazyChunks(bundle).some((file: string) => file.includes(`/${widget}-`)), `<${widget}> comes when a page holds one`);
    }
  });

  it('has <e-service-form> on its own within its brotli budget, its chunks included; what a first step does not need comes later', () => {
    const files: string[] = entryWithChunks('dist/elements/e-service-form.js');
    assert.ok(brotli(files) <= FORM_BUDGET, `${brotli(files)} bytes`);
    // The drafts (an e-service with login), the check of the answers and sending (Continue, Send), the review, the payment step (a fee),
    // "Vem ansöker?" (companies): each a chunk fetched when the e-service or the citizen needs it.
    for (const bundle of ['dist/elements/e-service-form.js', 'dist/e-service-kit.js']) {
      for (const part of ['drafts', 'continue-and-send', 'review', 'payment', 'company']) {
        const named = (file: string) => new RegExp(`/${part}-[^/]+$`).test(file);
        assert.ok(!entryWithChunks(bundle).some(named), `${bundle}: no ${part} at once`);
        assert.ok(lazyChunks(bundle).some(named), `${bundle}: ${part} is a chunk of its own`);
      }
    }
  });

  it('has <eid-login> on its own within its brotli budget, without the form\'s schemas and texts; BankID\'s steps after the first question come later', () => {
    const files: string[] = entryWithChunks('dist/elements/eid-login.js');
    assert.ok(brotli(files) <= LOGIN_BUDGET, `${brotli(files)} bytes`);
    const code = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    assert.ok(code.includes('"eid.otherDevice"'), 'the choice of device and its texts are there at once');
    assert.ok(!code.includes('"form.errorSummaryTitle"'), 'the form\'s texts are not');
    assert.ok(files.every((file) => !/bankid-flow-/.test(file)), 'BankID\'s steps after the choice are not loaded at once');
    assert.ok(lazyChunks('dist/elements/eid-login.js').some((file: string) => /bankid-flow-/.test(file)), 'they come when the citizen chooses');
  });

  it('keeps zod and the development build of Lit out of the browser: its checks of the answers are the light ones', () => {
    for (const entry of ['dist/e-service-kit.js', 'dist/elements/e-service-form.js', 'dist/elements/my-cases.js', 'dist/elements/cosign-status.js']) {
      const code = [...entryWithChunks(entry), ...lazyChunks(entry)].map((file: string) => readFileSync(file, 'utf8')).join('\n');
      assert.ok(!code.includes('Lit is in dev mode'), entry);
      // zod's every schema keeps its internals under `_zod`; the contract's schemas stay on the server.
      assert.ok(!code.includes('_zod'), `${entry}: no zod`);
      assert.ok(code.includes('"loose_object"'), `${entry}: the browser's own checks (valibot) are there`);
    }
  });

  it('ships type declarations and a custom elements manifest naming each element', () => {
    assert.ok(existsSync('dist/types/index.d.ts'));
    const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
    const tags = manifest.modules.flatMap((m: { declarations?: { tagName?: string }[] }) => m.declarations ?? []).map((d: { tagName?: string }) => d.tagName).filter(Boolean);
    assert.deepEqual(tags.sort(), ['case-messages', 'cosign-status', 'e-service-config', 'e-service-form', 'eid-login', 'my-cases', 'my-profile']);
  });
});
