import assert from 'node:assert/strict';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type CDPSession, type Frame, type Page } from 'playwright-core';
import { WIDGETS, snippets } from '../../stories/docs/embedding.js';
import { recordA11y } from '../support/a11y-record.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { checkAxTree, type AxCounts } from './checks/ax-tree.js';
import { checkContrast, loadThemes } from './checks/contrast.js';
import { checkForcedColors } from './checks/forced-colors.js';
import { installHelpers, tabStops, type Finding } from './checks/page.js';
import { checkReflow } from './checks/reflow.js';
import { checkTextSpacing } from './checks/text-spacing.js';

/**
 * Every story of the built Storybook, in Chromium: its play function must finish without
 * an error, and axe must find no accessibility violation in the state it leaves. On the same
 * page, in that state, the checks in ./checks/ look at what axe can't: the accessibility tree,
 * contrast under each theme, forced colours, text spacing and reflow at 320 px.
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
const THEMES = loadThemes();

/** The WCAG 2.1 criteria each check tries, for the accessibility report (npm run report:a11y). */
const CRITERIA = {
  axe: ['1.1.1', '1.3.1', '1.4.3', '2.4.4', '3.1.2', '3.3.2', '4.1.2'],
  'ax-tree': ['1.1.1', '1.3.1', '2.4.6', '2.5.3', '3.3.1', '3.3.2', '4.1.2', '4.1.3'],
  contrast: ['1.4.11'],
  'forced-colors': ['1.4.11', '2.4.7'],
  'text-spacing': ['1.4.12'],
  reflow: ['1.4.10'],
};

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
  /** Time each check adds to the suite, and what the accessibility tree check looked at, over every story. */
  const spent = new Map<string, number>();
  const looked: AxCounts = { name: 0, required: 0, 'required-markup': 0, error: 0, heading: 0, status: 0, qr: 0 };
  async function timed<T>(check: string, run: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await run();
    } finally {
      spent.set(check, (spent.get(check) ?? 0) + performance.now() - start);
    }
  }

  after(async () => {
    const total = [...spent.values()].reduce((sum, ms) => sum + ms, 0);
    if (total) console.log(`# time in the accessibility checks: ${[...spent].map(([check, ms]) => `${check} ${(ms / 1000).toFixed(1)} s`).join(', ')}; ${(total / 1000).toFixed(1)} s in all`);
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

  /**
   * The stories of one file are played one after another in one page, as Storybook's own menu switches them: starting
   * Storybook in a new page takes seconds (its runtime, the kit and every story's module), switching half a second.
   * A file of stories gets a page of its own, so that what one file's stories set up never reaches another's. The
   * e-ID stories play a different backend each at one address, where the kit rightly keeps what it learnt of a backend
   * (its session, the e-IDs it offers) for the page's life: each of those gets a new page.
   */
  const PAGE_PER_STORY = new Set(['e-service-form/e-ID', 'Widgets/eid-login']);
  interface StoryPage { title: string; page: Page; errors: string[] }
  let current: StoryPage | undefined;
  const DEFAULT_VIEWPORT = { width: 1280, height: 720 };
  after(() => current?.page.close());

  async function pageFor(entry: IndexEntry): Promise<StoryPage> {
    if (current?.title === entry.title && !PAGE_PER_STORY.has(entry.title)) {
      // What the last story's checks left: the reflow check's 320 px (text spacing and forced colours undo themselves).
      await current.page.setViewportSize(DEFAULT_VIEWPORT);
      current.errors.length = 0;
      await current.page.evaluate((id) => (window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: { emit(event: string, args: object): void } })
        .__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId: id, viewMode: 'story' }), entry.id);
      return current;
    }
    await current?.page.close();
    const page = await browser.newPage({ viewport: DEFAULT_VIEWPORT });
    // A failing play function leaves the story "finished" and reports the failure on the console.
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
    });
    await page.route((url) => !url.href.startsWith(base), (route) => route.abort());
    await page.goto(`${base}iframe.html?id=${entry.id}&viewMode=story`);
    await page.addScriptTag({ content: AXE });
    current = { title: entry.title, page, errors };
    return current;
  }

  for (const entry of entries) {
    it(`${entry.title} › ${entry.name}: plays and passes axe`, async () => {
      const { page, errors } = await pageFor(entry);
      let cdp: CDPSession | undefined;
      try {
        const phase = await page
          .waitForFunction((id) => {
            const render = (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { id?: string; phase?: string } } })
              .__STORYBOOK_PREVIEW__?.currentRender;
            return render?.id === id && ['completed', 'finished', 'errored', 'aborted'].includes(render.phase ?? '') && render.phase;
          }, entry.id, { timeout: 20_000 })
          .then((handle) => handle.jsonValue());
        const shownError = await page.locator('#error-message, .sb-errordisplay:visible').allTextContents();
        assert.ok(phase === 'completed' || phase === 'finished', `the story ended ${phase}: ${shownError.join(' ')}`);
        assert.deepEqual(errors, [], 'the play function and the widget report no error');

        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
          const result = await axe.run(document.querySelector('#storybook-root')!, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
          return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
        });
        const state = `${entry.title} › ${entry.name}`;
        recordA11y({ suite: 'storybook', state, check: 'axe', criteria: CRITERIA.axe, passed: violations.length === 0, detail: violations.join('; ') || undefined });
        assert.deepEqual(violations, []);

        // The state the play function left first (the tree, then contrast and forced colours, which walk it with
        // Tab), then the two that change the layout: text spacing (undone after) and the 320 px viewport (kept).
        await installHelpers(page);
        const findings: Finding[] = [];
        // The same finding in several copies of a widget (a question in its four states) is shown once, counted.
        const note = (check: keyof typeof CRITERIA, found: Finding[]) => {
          const times = new Map<Finding, number>();
          for (const finding of found) times.set(finding, (times.get(finding) ?? 0) + 1);
          const shown = [...times].map(([finding, count]) => `${finding}${count > 1 ? ` (×${count})` : ''}`);
          findings.push(...shown.map((finding) => `${check}: ${finding}`));
          recordA11y({ suite: 'storybook', state, check, criteria: CRITERIA[check], passed: shown.length === 0, detail: shown.join('; ') || undefined });
        };
        const session = await page.context().newCDPSession(page);
        cdp = session;
        const ax = await timed('ax-tree', () => checkAxTree(page, session));
        note('ax-tree', ax.findings);
        for (const [kind, count] of Object.entries(ax.counts)) looked[kind as keyof AxCounts] += count;
        await timed('tab walk', () => tabStops(page, session));
        note('contrast', await timed('contrast', () => checkContrast(page, session, THEMES)));
        note('forced-colors', await timed('forced-colors', () => checkForcedColors(page, session)));
        note('text-spacing', await timed('text-spacing', () => checkTextSpacing(page)));
        note('reflow', await timed('reflow', () => checkReflow(page)));
        assert.ok(findings.length === 0, `${state}:\n  ${findings.join('\n  ')}`);
      } catch (error) {
        // A story that failed may have left anything behind: the next starts in a page of its own.
        await current?.page.close();
        current = undefined;
        throw error;
      } finally {
        await cdp?.detach().catch(() => undefined);
      }
    });
  }

  // A check that found nothing to look at would pass for nothing: each kind must have been met in some story.
  it('the accessibility tree check met every kind of thing it checks', (t) => {
    if (spent.size === 0) return t.skip('no story was played');
    for (const [kind, count] of Object.entries(looked)) assert.ok(count > 0, `no story showed a ${kind} to check`);
  });
});
