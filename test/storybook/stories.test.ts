import assert from 'node:assert/strict';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { WIDGETS, snippets } from '../../stories/docs/embedding.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

/**
 * Every story of the built Storybook, in Chromium: its play function must finish without
 * an error, and axe must find no accessibility violation in the state it leaves.
 */
const STATIC = 'storybook-static';
const SUB_PATH = '/kommun/storybook/';
const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.png': 'image/png',
};

interface IndexEntry { id: string; title: string; name: string; type: 'story' | 'docs'; importPath: string }
const indexed: IndexEntry[] = Object.values(
  (JSON.parse(readFileSync(join(STATIC, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> }).entries,
);
const entries = indexed.filter((entry) => entry.type === 'story');

/** Each widget's attributes as custom-elements.json has them (written by .storybook/main.ts for the build). */
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as {
  modules: { declarations?: { tagName?: string; attributes?: { name: string }[] }[] }[];
};
const attributesOf = (tag: string) => manifest.modules.flatMap((module) => module.declarations ?? [])
  .find((declaration) => declaration.tagName === tag)?.attributes?.map((attribute) => attribute.name) ?? [];

describe('the stories', () => {
  let server: Server;
  let base: string;
  let browser: Browser;

  before(async () => {
    // Served from a folder of a municipality's site, as a static host would: every URL the build uses must be relative.
    server = createServer((request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url!, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      if (!path.startsWith(SUB_PATH)) return void response.writeHead(404).end();
      let file = join(STATIC, path.slice(SUB_PATH.length));
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file)) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SUB_PATH}`;
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    server?.close();
  });

  it('include every state of <e-service-form>', () => {
    const names = entries.filter((e) => e.title === 'Widgets/e-service-form').map((e) => e.name);
    for (const state of ['Loading', 'Load Failed', 'Ready', 'Validation Errors', 'Submitting', 'Receipt']) {
      assert.ok(names.includes(state), `a story named ${state}`);
    }
  });

  // The docs pages are read, not played: Storybook's own page, opened once from a folder of the site, goes from one
  // to the next in its frame, as its menu does.
  describe('each widget has a docs page in Swedish', () => {
    let page: Page;
    let frame: Frame;
    const errors: string[] = [];
    before(async () => {
      page = await browser.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
      await page.route((url) => !url.href.startsWith(base), (route) => route.abort());
      await page.goto(`${base}?path=/docs/widgets-${Object.values(WIDGETS)[0]!.tag}--docs`);
    });
    after(() => page?.close());

    it('Storybook opens from a folder of the site (relative URLs): its menu, and a docs page in its frame', async () => {
      await page.locator('#storybook-explorer-menu', { hasText: 'e-service-form' }).waitFor({ timeout: 20_000 });
      const element = await page.waitForSelector('#storybook-preview-iframe', { timeout: 20_000 });
      frame = (await element.contentFrame())!;
      assert.ok(frame.url().startsWith(`${base}iframe.html`), frame.url());
      await frame.locator('.sbdocs-content h1').first().waitFor({ timeout: 20_000 });
    });

    for (const widget of Object.values(WIDGETS)) {
      it(`${widget.tag}: the snippet for each way of embedding, and the controls from custom-elements.json`, async () => {
        const docs = indexed.find((entry) => entry.type === 'docs' && entry.title === `Widgets/${widget.tag}`);
        assert.ok(docs, `index.json lists a docs page for Widgets/${widget.tag}`);
        assert.equal(docs.importPath, `./stories/docs/${widget.tag}.mdx`);
        assert.ok(frame, 'Storybook\'s frame is open');
        errors.length = 0;
        await frame.evaluate((id) => (window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: { emit(event: string, args: object): void } })
          .__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId: id, viewMode: 'docs' }), docs.id);
        const content = frame.locator('.sbdocs-content');
        await content.locator('h1', { hasText: `<${widget.tag}>` }).waitFor({ timeout: 20_000 });
        const shown = snippets(widget);
        // The code blocks draw once their highlighter has loaded, the controls once the stories are prepared.
        await content.getByText(shown.shortcode, { exact: true }).waitFor({ timeout: 10_000 });
        await content.locator('.docblock-argstable-body').first().waitFor({ timeout: 10_000 });
        const read = (text: string) => text.replace(/\s+/g, ' ').trim();
        const text = read(await content.innerText());
        for (const [way, snippet] of Object.entries(shown)) assert.ok(text.includes(read(snippet)), `the ${way} snippet is shown: ${snippet}`);
        const rows = (await content.locator('.docblock-argstable-body tr td:first-child').allInnerTexts()).map(read);
        const attributes = attributesOf(widget.tag);
        assert.ok(attributes.length > 0, `custom-elements.json describes <${widget.tag}>`);
        for (const attribute of attributes) assert.ok(rows.includes(attribute), `the controls list the attribute ${attribute}`);
        assert.deepEqual(errors, []);
      });
    }
  });

  for (const entry of entries) {
    it(`${entry.title} › ${entry.name}: plays and passes axe`, async () => {
      const page = await browser.newPage();
      try {
        // A failing play function leaves the story "finished" and reports the failure on the console.
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('console', (message) => {
          if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
        });
        await page.route((url) => !url.href.startsWith(base), (route) => route.abort());
        await page.goto(`${base}iframe.html?id=${entry.id}&viewMode=story`);
        const phase = await page
          .waitForFunction(() => {
            const render = (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } })
              .__STORYBOOK_PREVIEW__?.currentRender;
            return render && ['completed', 'finished', 'errored', 'aborted'].includes(render.phase ?? '') && render.phase;
          }, undefined, { timeout: 20_000 })
          .then((handle) => handle.jsonValue());
        const shownError = await page.locator('#error-message, .sb-errordisplay:visible').allTextContents();
        assert.ok(phase === 'completed' || phase === 'finished', `the story ended ${phase}: ${shownError.join(' ')}`);
        assert.deepEqual(errors, [], 'the play function and the widget report no error');

        await page.addScriptTag({ content: AXE });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
          const result = await axe.run(document.querySelector('#storybook-root')!, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
          return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
        });
        assert.deepEqual(violations, []);
      } finally {
        await page.close();
      }
    });
  }
});
