import assert from 'node:assert/strict';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

/**
 * Every story of the built Storybook, in Chromium: its play function must finish without
 * an error, and axe must find no accessibility violation in the state it leaves.
 */
const STATIC = 'storybook-static';
const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.png': 'image/png',
};

interface IndexEntry { id: string; title: string; name: string; type: 'story' | 'docs' }
const entries: IndexEntry[] = Object.values(
  (JSON.parse(readFileSync(join(STATIC, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> }).entries,
).filter((entry) => entry.type === 'story');

describe('the stories', () => {
  let server: Server;
  let base: string;
  let browser: Browser;

  before(async () => {
    server = createServer((request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url!, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      let file = join(STATIC, path);
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file)) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('include every state of <e-service-form>', () => {
    const names = entries.filter((e) => e.title === 'Widgets/e-service-form').map((e) => e.name);
    for (const state of ['Loading', 'Load Failed', 'Ready', 'Validation Errors', 'Submitting', 'Receipt']) {
      assert.ok(names.includes(state), `a story named ${state}`);
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
        await page.goto(`${base}/iframe.html?id=${entry.id}&viewMode=story`);
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
