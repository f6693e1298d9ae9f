// The Sitevision WebApp (integrations/sitevision/): built into the zip a site administrator uploads, with
// Sitevision's own tooling (sitevision-scripts), and its server-side render run against a stand-in of the
// documented app API it uses (router, appData, VersionUtil). Sitevision itself cannot run here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import vm from 'node:vm';
import { inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';

const app = new URL('../../integrations/sitevision/', import.meta.url).pathname;
const ZIP = `${app}dist/e-service-kit.zip`;

/** `npm ci` in the WebApp's own folder, skipped while its node_modules is as new as its package-lock.json. */
function installWebAppTools(): void {
  const installed = `${app}node_modules/.package-lock.json`;
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(`${app}package-lock.json`).mtimeMs) return;
  const started = Date.now();
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app, encoding: 'utf8' });
  assert.equal(result.status, 0, `npm ci in integrations/sitevision failed:\n${result.stdout}\n${result.stderr}`);
  console.log(`integrations/sitevision: npm ci took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** `sitevision-scripts build`, as a Sitevision developer runs it: webpack, then the zip in dist/. */
function buildZip(): void {
  rmSync(ZIP, { force: true });
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'build'], { cwd: app, encoding: 'utf8' });
  assert.equal(result.status, 0, `sitevision-scripts build failed:\n${result.stdout}\n${result.stderr}`);
  console.log(`integrations/sitevision: sitevision-scripts build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The files of a zip archive (stored or deflated entries, as zip tools write them), read from its central directory. */
function unzip(archive: Buffer): Map<string, Buffer> {
  let end = archive.length - 22;
  while (end >= 0 && archive.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'the zip has an end-of-central-directory record');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(archive.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const method = archive.readUInt16LE(at + 10);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const skip = nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const data = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const raw = archive.subarray(data, data + size);
    if (!name.endsWith('/')) files.set(name, method === 8 ? inflateRawSync(raw) : raw);
    at += 46 + skip;
  }
  return files;
}

interface Render { html: string; required: string[] }

/**
 * Runs the WebApp's built index.js as Sitevision does — a script whose `require` gives the app API by name — and
 * renders its GET / route. The stand-ins follow the documented API (@sitevision/api's types): router.get(route,
 * (req, res)), res.send(html); appData.get(key) gives the saved value (undefined when none);
 * VersionUtil.getCurrentVersion() is OFFLINE_VERSION (0) in the editor and ONLINE_VERSION (1) on the published page.
 * The script runs in a bare context, without `URL` or any browser API, as on Sitevision's server.
 */
function render(indexJs: string, saved: Record<string, unknown>, { params = {}, version = 0 } = {}): Render {
  const routes = new Map<string, (req: unknown, res: unknown) => void>();
  const route = (method: string) => (path: string, callback: (req: unknown, res: unknown) => void) => routes.set(`${method} ${path}`, callback);
  const modules: Record<string, unknown> = {
    router: { get: route('GET'), post: route('POST'), put: route('PUT'), delete: route('DELETE'), use: () => {}, getUrl: (path: string) => path, getStandaloneUrl: (path: string) => path },
    appData: {
      get: (key: string, ...properties: string[]) => (properties.length ? undefined : saved[key]),
      getNode: () => null,
      getArray: (key: string) => (saved[key] === undefined ? [] : [saved[key]]),
      getNumber: (key: string) => Number(saved[key]),
    },
    VersionUtil: { OFFLINE_VERSION: 0, ONLINE_VERSION: 1, getCurrentVersion: () => version },
  };
  const required: string[] = [];
  const context = vm.createContext({
    require: (name: string) => {
      required.push(name);
      if (!(name in modules)) throw new Error(`the stand-in has no module "${name}"`);
      return modules[name];
    },
  });
  vm.runInContext(indexJs, context, { filename: 'index.js' });
  const handler = routes.get('GET /');
  assert.ok(handler, 'the WebApp has a GET / route');
  let html: string | undefined;
  const res = {
    send: (content: string) => { html = content; },
    render: () => assert.fail('the module is rendered with res.send'),
    agnosticRender: () => assert.fail('the module is rendered with res.send'),
    json: () => assert.fail('the module is rendered with res.send'),
  };
  handler({ params, method: 'GET', path: '/', xhr: false, serverside: true, context: null }, res);
  assert.equal(typeof html, 'string', 'the route sent HTML');
  return { html: html!, required };
}

const KIT = '<script type="module" src="https://etjanster.kommun.se/kit/e-service-kit.js"></script>';

describe('the Sitevision WebApp (integrations/sitevision/)', () => {
  let files: Map<string, Buffer>;
  let indexJs: string;

  before(() => {
    installWebAppTools();
    buildZip();
    files = unzip(readFileSync(ZIP));
    indexJs = files.get('index.js')?.toString('utf8') ?? '';
  });

  it('builds, with sitevision-scripts, the zip an administrator uploads: the manifest, the server-side index.js and the settings view', () => {
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    assert.equal(manifest.type, 'WebApp');
    assert.equal(manifest.bundled, true, 'a WebApps 2 app');
    assert.equal(manifest.id, 'e-service-kit');
    assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
    assert.ok(manifest.name.sv && manifest.name.en, 'named in Swedish and English');
    for (const name of ['index.js', 'config/index.html', 'config/config.js', 'config/config.css', 'appDataDefaults.json']) {
      assert.ok(files.get(name)?.length, `${name} is in the zip`);
    }
    assert.deepEqual([...files.keys()].filter((name) => /node_modules|\.map$|^src\//.test(name)), []);
    assert.deepEqual(JSON.parse(files.get('appDataDefaults.json')!.toString('utf8')), { appData: { element: 'e-service-form' } });
    // The app API is left to Sitevision: the bundle asks for it by name rather than carrying a copy.
    assert.match(indexJs, /require\("router"\)/);
    assert.doesNotMatch(indexJs, /@sitevision\/api/);
  });

  it('has settings in Swedish, each field labelled, that save the server, the element and the e-service', () => {
    const view = files.get('config/index.html')!.toString('utf8');
    const ids = [...view.matchAll(/<(?:input|select)\b[^>]*\bid="([^"]+)"/g)].map((match) => match[1]);
    assert.ok(ids.length >= 4);
    for (const id of ids) assert.match(view, new RegExp(`<label for="${id}">`), `#${id} has a label`);
    assert.deepEqual([...view.matchAll(/\bname="([^"]+)"/g)].map((match) => match[1]).sort(), ['backend', 'element', 'service']);
    const options = [...view.matchAll(/<option value="([^"]+)">([^<]+)<\/option>/g)].map((match) => `${match[1]}=${match[2]}`);
    assert.deepEqual(options, ['e-service-form=E-tjänst', 'eid-login=Logga in', 'my-cases=Mina ärenden', 'my-profile=Min profil',
      'case-messages=Meddelanden', 'cosign-status=Underskrift']);
    assert.match(view, /E-tjänsternas server/);
    assert.match(files.get('config/config.js')!.toString('utf8'), /window\.validate\s*=/);
  });

  it('renders the chosen e-service with the configured server and the kit\'s script, asking Sitevision for nothing but router, appData and VersionUtil', () => {
    const { html, required } = render(indexJs, { backend: 'https://etjanster.kommun.se', element: 'e-service-form', service: 'felanmalan' });
    assert.equal(html, `<e-service-form backend="https://etjanster.kommun.se/" service="felanmalan"></e-service-form>\n${KIT}`);
    assert.deepEqual([...new Set(required)].sort(), ['VersionUtil', 'appData', 'router']);
    // The same on the published page; a server under a path keeps it.
    assert.equal(render(indexJs, { backend: 'https://Kommun.SE/E-tjanster', element: 'e-service-form', service: 'skolskjuts' }, { version: 1 }).html,
      '<e-service-form backend="https://kommun.se/E-tjanster/" service="skolskjuts"></e-service-form>\n' +
      '<script type="module" src="https://kommun.se/E-tjanster/kit/e-service-kit.js"></script>');
  });

  it('renders each of the other elements with the server only, whatever e-service is left in the settings', () => {
    for (const element of ['eid-login', 'my-cases', 'my-profile', 'cosign-status', 'case-messages']) {
      const { html } = render(indexJs, { backend: 'https://etjanster.kommun.se/', element, service: 'felanmalan' });
      assert.equal(html, `<${element} backend="https://etjanster.kommun.se/"></${element}>\n${KIT}`);
    }
    // Meddelanden shows the case the page's address names, as a link from Mina ärenden gives it.
    const caseId = '3f2c1d9e-8a7b-4c6d-9e0f-1a2b3c4d5e6f';
    assert.equal(render(indexJs, { backend: 'https://etjanster.kommun.se/', element: 'case-messages' }, { params: { case: caseId } }).html,
      `<case-messages backend="https://etjanster.kommun.se/" case="${caseId}"></case-messages>\n${KIT}`);
  });

  it('refuses a hostile setting: a service id or case with quotes or a script, a javascript: or plain-http server, an unknown element', () => {
    const base = { backend: 'https://etjanster.kommun.se/', element: 'e-service-form', service: 'felanmalan' };
    const refused: Record<string, unknown>[] = [
      { service: 'felanmalan" onfocus="alert(1)' },
      { service: '<script>alert(1)</script>' },
      { service: 'Felanmalan' },
      { backend: 'javascript:alert(1)//' },
      { backend: 'https://etjanster.kommun.se/"><script>alert(1)</script>' },
      { backend: 'http://etjanster.kommun.se/' },
      { backend: 'https://user:secret@etjanster.kommun.se/' },
      { backend: '//etjanster.kommun.se/' },
      { backend: 'https://etjanster.kommun.se/../evil/' },
      { element: 'script' },
      { element: 'e-service-form onload=alert(1)' },
      { element: 'constructor' },
    ];
    for (const change of refused) {
      const { html } = render(indexJs, { ...base, ...change });
      assert.match(html, /^<div class="esk-sitevision-notice" role="note"><p><strong>E-tjänstmodulen visas inte:<\/strong> [^<>]+<\/p><\/div>$/, JSON.stringify(change));
    }
    const { html } = render(indexJs, { ...base, element: 'case-messages' }, { params: { case: '"><script>alert(1)</script>' } });
    assert.equal(html, `<case-messages backend="https://etjanster.kommun.se/"></case-messages>\n${KIT}`);
  });

  it('writes, for any settings whatever, either one known element and the kit from an https server, or the message', () => {
    const anyText = fc.oneof(fc.string(), fc.constantFrom('felanmalan', 'https://etjanster.kommun.se/', 'e-service-form', 'case-messages'),
      fc.webUrl(), fc.constant(undefined), fc.constant(null), fc.integer());
    fc.assert(fc.property(anyText, anyText, anyText, anyText, fc.boolean(), (backend, element, service, caseId, online) => {
      const { html } = render(indexJs, { backend, element, service }, { params: { case: caseId }, version: online ? 1 : 0 });
      if (html.startsWith('<div class="esk-sitevision-notice"')) {
        assert.doesNotMatch(html.replace(/<\/?(div|p|strong)\b[^>]*>/g, ''), /[<>]/);
        return;
      }
      const match = /^<(e-service-form|eid-login|my-cases|my-profile|case-messages|cosign-status)((?: [a-z]+="[^"<>]*")*)><\/\1>\n<script type="module" src="([^"<>]+\/)kit\/e-service-kit\.js"><\/script>$/.exec(html);
      assert.ok(match, html);
      const attributes = [...match[2]!.matchAll(/ ([a-z]+)="/g)].map((m) => m[1]);
      assert.ok(attributes.every((name) => ['backend', 'service', 'case'].includes(name!)), html);
      assert.match(match[3]!, /^(https:\/\/|http:\/\/(localhost|127\.0\.0\.1)[:/])/, 'https, or http on this machine only');
      assert.ok(match[2]!.includes(` backend="${match[3]}"`), 'the element talks to the server the kit comes from');
    }), { numRuns: 300 });
  });

  it('tells the editor, in Swedish, what setting is missing; the published page only says the part cannot be shown', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{}, /ange adressen till e-tjänsternas server/],
      [{ backend: '   ', element: 'e-service-form', service: 'felanmalan' }, /ange adressen till e-tjänsternas server/],
      [{ backend: 'etjanster.kommun.se', element: 'e-service-form', service: 'felanmalan' }, /ska börja med https:\/\//],
      [{ backend: 'https://etjanster.kommun.se/', element: 'e-service-form' }, /välj vilken e-tjänst/],
      [{ backend: 'https://etjanster.kommun.se/', element: null, service: 'felanmalan' }, /välj vad modulen ska visa/],
    ];
    for (const [saved, message] of cases) {
      const editing = render(indexJs, saved, { version: 0 }).html;
      assert.match(editing, /E-tjänstmodulen visas inte:/);
      assert.match(editing, message);
      assert.doesNotMatch(editing, /<script|<e-service-form|<eid-login/);
      assert.equal(render(indexJs, saved, { version: 1 }).html,
        '<div class="esk-sitevision-notice" role="note"><p>Den här delen av sidan kan inte visas just nu.</p></div>');
    }
  });

  describe('in Chromium, with the real backend', () => {
    let backend: RunningServer;
    let site: Server;
    let siteUrl: string;
    let browser: Browser;
    const pages = new Map<string, string>();

    before(async () => {
      site = createServer((request, response) => {
        const path = new URL(request.url ?? '/', 'http://x').pathname;
        const body = pages.get(path) ?? (path.startsWith('/config/') ? files.get(path.slice(1)) : undefined);
        if (body === undefined) return void response.writeHead(404).end();
        response.writeHead(200, { 'Content-Type': path.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8' });
        response.end(body);
      });
      await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
      siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
      backend = await startServer({ ALLOWED_ORIGINS: siteUrl });
      const executablePath = chromiumPath();
      assert.ok(executablePath, 'Chromium is needed: install it (on Debian: apt-get install chromium) or set CHROME_PATH');
      browser = await chromium.launch({ executablePath, args: chromiumArgs });
    });
    after(async () => {
      await browser?.close();
      await backend?.stop();
      await new Promise((resolve) => site?.close(resolve));
    });

    async function open(path: string): Promise<{ page: Page; errors: string[]; kitLoads: () => number }> {
      const page = await browser.newPage();
      const errors: string[] = [];
      let loads = 0;
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('request', (request) => { if (request.url().endsWith('/kit/e-service-kit.js')) loads++; });
      await page.goto(`${siteUrl}${path}`);
      return { page, errors, kitLoads: () => loads };
    }

    it('shows the e-service form and the login of two modules on one page, the kit loaded once', async () => {
      const server = `${backend.url}/`;
      const form = render(indexJs, { backend: server, element: 'e-service-form', service: 'felanmalan' }, { version: 1 }).html;
      const login = render(indexJs, { backend: server, element: 'eid-login' }, { version: 1 }).html;
      // A Sitevision page puts each module's HTML in its own container.
      pages.set('/sida.html', `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Sida</title></head><body>
        <header><div class="sv-custom-module">${login}</div></header>
        <main><h1>Felanmälan</h1><div class="sv-custom-module">${form}</div></main></body></html>`);
      const { page, errors, kitLoads } = await open('/sida.html');
      await page.locator('e-service-form').getByText('Felanmälan: gata, park och belysning').first().waitFor();
      await page.locator('eid-login').getByRole('button', { name: 'BankID på en annan enhet' }).waitFor();
      assert.equal(kitLoads(), 1, 'two script tags for the same module script: fetched and run once');
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('lets the editor pick the e-service from the server\'s list, or write its id when the list cannot be had, and say why', async () => {
      pages.set('/installningar.html', `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Inställningar</title></head>
        <body><form>${files.get('config/index.html')}</form><script src="/config/config.js"></script></body></html>`);
      const { page, errors } = await open('/installningar.html');
      const status = page.locator('#esk-service-status');
      assert.equal(await page.evaluate(() => (window as unknown as { validate: () => boolean }).validate()), false, 'nothing filled in: not saved');
      assert.match(await page.locator('#esk-backend-error').textContent() ?? '', /https/);

      await page.getByLabel('E-tjänsternas server').fill(`${backend.url}/`);
      await page.getByLabel('E-tjänsternas server').dispatchEvent('change');
      await status.filter({ hasText: /e-tjänster finns på/ }).waitFor();
      const list = page.getByLabel('E-tjänst', { exact: true });
      assert.ok((await list.locator('option').allTextContents()).includes('Felanmälan: gata, park och belysning (felanmalan)'));
      assert.equal(await page.evaluate(() => (window as unknown as { validate: () => boolean }).validate()), false, 'no e-service chosen yet');
      await list.selectOption('felanmalan');
      assert.equal(await page.locator('input[name="service"]').inputValue(), 'felanmalan', 'the choice is what Sitevision saves');
      assert.equal(await page.evaluate(() => (window as unknown as { validate: () => boolean }).validate()), true);

      // Another element: no e-service asked for.
      await page.getByLabel('Vad modulen visar').selectOption('my-cases');
      assert.equal(await page.locator('#esk-service-group').isHidden(), true);
      await page.getByLabel('Vad modulen visar').selectOption('e-service-form');

      // A server that does not answer: the id is written by hand, and the editor is told why.
      await page.getByLabel('E-tjänsternas server').fill('http://127.0.0.1:9/');
      await page.getByLabel('E-tjänsternas server').dispatchEvent('change');
      await status.filter({ hasText: /kunde inte hämtas/ }).waitFor();
      assert.match(await status.textContent() ?? '', /ALLOWED_ORIGINS/);
      const id = page.getByLabel('E-tjänstens id');
      assert.equal(await id.inputValue(), 'felanmalan');
      await id.fill('Felanmälan"<b>');
      assert.equal(await page.evaluate(() => (window as unknown as { validate: () => boolean }).validate()), false);
      assert.match(await page.locator('#esk-service-error').textContent() ?? '', /små bokstäver/);
      assert.equal(await id.getAttribute('aria-invalid'), 'true');
      await id.fill('skolskjuts');
      assert.equal(await page.evaluate(() => (window as unknown as { validate: () => boolean }).validate()), true);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
});
