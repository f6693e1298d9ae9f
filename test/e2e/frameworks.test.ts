import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import type { Answers } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import felanmalan from '../../server/demo-services/felanmalan.json' with { type: 'json' };
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { fillAndSendByKeyboard } from './keyboard-filler.js';

const root = new URL('../..', import.meta.url).pathname;
const FAULT_REPORT: Answers = { category: 'belysning', place: 'Storgatan 12', description: 'Gatlampan är släckt.', urgent: 'nej' };

/** A React 19 app: the kit imported as a package, the element given properties and its event a handler. */
const REACT_APP = `
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'e-service-kit';

function App() {
  const [caseNumber, setCaseNumber] = useState('');
  return h('main', null,
    h('h1', null, 'Felanmälan i en React-sida'),
    // React 19 sets properties on custom elements and listens to their events by name ("on" + the event's name).
    h('e-service-form', { service: 'felanmalan', backend: BACKEND, 'one-service-submitted': (event) => setCaseNumber(event.detail.caseNumber) }),
    caseNumber ? h('p', { id: 'app-saw' }, 'Appen fick ärendet ' + caseNumber) : null);
}
createRoot(document.getElementById('app')).render(h(App));
`;

/** A Vue 3 app, with render functions: the same element, its properties and its event. */
const VUE_APP = `
import { createApp, h, ref } from 'vue';
import 'e-service-kit';

createApp({
  setup() {
    const caseNumber = ref('');
    return () => h('main', [
      h('h1', 'Felanmälan i en Vue-sida'),
      // Vue sets a property the element has as a property, and onEServiceSubmitted listens to e-service-submitted.
      h('e-service-form', { service: 'felanmalan', backend: BACKEND, onEServiceSubmitted: (event) => { caseNumber.value = event.detail.caseNumber; } }),
      caseNumber.value ? h('p', { id: 'app-saw' }, 'Appen fick ärendet ' + caseNumber.value) : null,
    ]);
  },
}).mount('#app');
`;

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** Builds a one-page app with vite, as a municipality's front-end team would, the kit resolved from this repository's build. */
async function buildApp(dir: string, name: string, code: string, backend: string): Promise<string> {
  const source = join(dir, `${name}-src`);
  const out = join(dir, name);
  await rm(source, { recursive: true, force: true });
  await mkdir(source, { recursive: true });
  await writeFile(join(source, 'index.html'), `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${name}</title></head><body><div id="app"></div><script type="module" src="./main.js"></script></body></html>`);
  await writeFile(join(source, 'main.js'), code);
  await build({
    root: source, base: './', logLevel: 'silent', configFile: false, publicDir: false,
    resolve: { alias: { 'e-service-kit': join(root, 'dist', 'e-service-kit.js') } },
    define: { BACKEND: JSON.stringify(`${backend}/`), 'process.env.NODE_ENV': '"production"' },
    build: { outDir: out, emptyOutDir: true },
  });
  return out;
}

describe('the widgets in framework pages (React 19, Vue 3)', () => {
  let kit: RunningServer;
  let site: Server;
  let siteUrl: string;
  let dir: string;
  let browser: Browser;

  before(async () => {
    // Inside the repository, so the apps resolve react and vue from its node_modules, as an app's own would.
    await mkdir(join(root, 'node_modules', '.cache'), { recursive: true });
    dir = await mkdtemp(join(root, 'node_modules', '.cache', 'esk-frameworks-'));
    // The apps' files, as any static host serves them.
    site = createServer(async (request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
      try {
        const body = await readFile(file);
        response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => site.listen(0, 'localhost', resolve));
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
    kit = await startServer({ ALLOWED_ORIGINS: siteUrl });
    await buildApp(dir, 'react', REACT_APP, kit.url);
    await buildApp(dir, 'vue', VUE_APP, kit.url);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await kit?.stop();
    await new Promise((resolve) => site?.close(resolve));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const name of ['react', 'vue']) {
    it(`sends a case from the ${name === 'react' ? 'React' : 'Vue'} page, and the app hears of it through the element's event`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${siteUrl}/${name}/`);
      const caseNumber = await fillAndSendByKeyboard(page, ServiceDefinition.parse(felanmalan), FAULT_REPORT, 'sv');
      assert.match(caseNumber, /^FEL-\d{4}-\d{5}$/);
      await page.locator('#app-saw', { hasText: `Appen fick ärendet ${caseNumber}` }).waitFor();
      assert.equal(await page.locator('e-service-form').evaluate((el) => (el as HTMLElement & { service: string }).service), 'felanmalan');
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});
