import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Answers } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import felanmalan from '../../server/demo-services/felanmalan.json' with { type: 'json' };
import tomtko from '../../server/demo-services/tomtko.json' with { type: 'json' };
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { testAppUrl } from './bankid-app.js';
import { fillAndSendByKeyboard } from './keyboard-filler.js';
import { PASSWORD, startWordPress, type WordPressSite } from './wordpress/site.js';

/** The demo e-services the reference backend serves (server/demo-services/), as the plugin's pages list them. */
const DEMO_SERVICES = readdirSync(new URL('../../server/demo-services/', import.meta.url)).filter((name) => name.endsWith('.json')).length;

const root = new URL('../..', import.meta.url).pathname;
const FAULT_REPORT: Answers = { category: 'belysning', place: 'Storgatan 12', description: 'Gatlampan är släckt.', urgent: 'nej' };
const FELANMALAN = ServiceDefinition.parse(felanmalan);

/**
 * The plugin in a real WordPress (Debian's 6.1, MariaDB, Apache with mod_php; see wordpress/site.ts),
 * used as a municipality's web editors use it: the administrator sets the e-service server, and
 * an administrator's pasted tags, an author's placeholder, shortcode and block each give a working
 * e-service that a citizen sends from.
 */
describe('the WordPress plugin in a real WordPress', () => {
  let site: WordPressSite;
  let kit: RunningServer;
  let browser: Browser;

  before(async () => {
    site = await startWordPress();
    kit = await startServer({ ALLOWED_ORIGINS: site.url });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await kit?.stop();
    await site?.stop();
  });

  /** The plugin's own PHP notices and errors (WordPress 6.1's own deprecations on PHP 8.2 are not ours). */
  const pluginProblems = () => site.errors().split('\n').filter((line) => /e-service-kit/.test(line) && /PHP (Warning|Notice|Fatal|Deprecated|Parse)/.test(line));

  /** A browser context logged in to WordPress as the user, through its login page. */
  async function logIn(user: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    await page.goto(`${site.url}/wp-login.php`);
    // By id: Debian's Swedish WordPress 6.1 leaves some of the login page's labels in English.
    await page.locator('#user_login').fill(user);
    await page.locator('#user_pass').fill(PASSWORD);
    await page.locator('#wp-submit').click();
    await page.waitForURL(/wp-admin/);
    return { context, page };
  }

  /** Publishes a post (or page) as the logged-in user through WordPress's REST API, as the block editor does. */
  async function publish(page: Page, type: 'posts' | 'pages', title: string, content: string): Promise<{ link: string; raw: string }> {
    const made = await page.evaluate(`(async () => {
      const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
      const response = await fetch('/?rest_route=/wp/v2/${type}&context=edit', {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': nonce },
        body: JSON.stringify({ title: ${JSON.stringify(title)}, content: ${JSON.stringify(content)}, status: 'publish' }),
      });
      const post = await response.json();
      return { status: response.status, link: post.link, raw: post.content && post.content.raw, message: post.message };
    })()`) as { status: number; link: string; raw: string; message?: string };
    assert.equal(made.status, 201, made.message);
    return made;
  }

  /** A citizen (no WordPress login) opens the page and sends a fault report from it. */
  async function sendFaultReportFrom(link: string): Promise<void> {
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(link);
    const caseNumber = await fillAndSendByKeyboard(page, FELANMALAN, FAULT_REPORT, 'sv');
    assert.match(caseNumber, /^FEL-\d{4}-\d{5}$/);
    assert.deepEqual(problems, []);
    await context.close();
  }

  it('offers every element of the kit with the element’s own attributes, and never backend', () => {
    const php = spawnSync('php', ['-r', `define('ABSPATH', '/'); require '${root}integrations/wordpress/e-service-kit/includes/elements.php'; echo json_encode(e_service_kit_elements());`], { encoding: 'utf8' });
    assert.equal(php.status, 0, php.stderr);
    const offered = JSON.parse(php.stdout) as Record<string, { tag: string; attributes: Record<string, string> }>;
    const manifest = JSON.parse(readFileSync(`${root}custom-elements.json`, 'utf8')) as { modules: { declarations?: { tagName?: string; attributes?: { name: string }[] }[] }[] };
    const kitElements = new Map(manifest.modules.flatMap((module) => module.declarations ?? [])
      .filter((declaration) => declaration.tagName && declaration.tagName !== 'e-service-config')
      .map((declaration) => [declaration.tagName!, (declaration.attributes ?? []).map((attribute) => attribute.name).filter((name) => name !== 'backend').sort()]));
    const byTag = new Map(Object.values(offered).map((element) => [element.tag, Object.keys(element.attributes).filter((name) => !['lang', 'id', 'class'].includes(name)).sort()]));
    assert.deepEqual(byTag, kitElements);
  });

  it('lets the administrator set the e-service server on its settings page, and refuses an address that is not one', async () => {
    const { context, page } = await logIn('admin');
    await page.goto(`${site.url}/wp-admin/options-general.php?page=e-service-kit`);
    const address = page.getByLabel('E-tjänsteserverns adress');
    await address.fill('etjanster.exempelby');
    await page.getByRole('button', { name: 'Spara ändringar' }).click();
    // The browser's own check of type=url stops it first; past that, the plugin's check says why.
    assert.equal(await address.evaluate((input: HTMLInputElement) => input.validity.valid), false);
    await address.evaluate((input: HTMLInputElement) => (input.type = 'text'));
    await page.getByRole('button', { name: 'Spara ändringar' }).click();
    await page.getByText('”etjanster.exempelby” är inte adressen till en server').waitFor();

    await page.getByLabel('E-tjänsteserverns adress').fill(`${kit.url}/`);
    await page.getByRole('button', { name: 'Spara ändringar' }).click();
    await page.getByText(`Servern svarar: ${DEMO_SERVICES} e-tjänster.`).waitFor();
    assert.equal(await page.getByLabel('E-tjänsteserverns adress').inputValue(), kit.url);
    await context.close();
  });

  it('shows an e-service from an administrator’s pasted script and tag, and a citizen sends a fault report from it', async () => {
    const { context, page } = await logIn('admin');
    const pasted = `<script type="module" src="${kit.url}/kit/e-service-kit.js"></script>\n<e-service-form service="felanmalan"></e-service-form>`;
    const { link, raw } = await publish(page, 'pages', 'Felanmälan', pasted);
    assert.equal(raw, pasted, 'an administrator may paste a script');
    await context.close();
    await sendFaultReportFrom(link);
  });

  it('strips an author’s pasted script and tag, but keeps the placeholder and the shortcode, and a citizen sends from both', async () => {
    const { context, page } = await logIn('skribent');
    const stripped = await publish(page, 'posts', 'Inklistrat', `<script type="module" src="${kit.url}/kit/e-service-kit.js"></script>\n<e-service-form service="felanmalan"></e-service-form>`);
    assert.doesNotMatch(stripped.raw, /<script|<e-service-form/, 'WordPress removes what an author may not paste');
    const placeholder = await publish(page, 'posts', 'Felanmälan med platshållare', '<div data-e-service-form data-service="felanmalan"></div>');
    assert.equal(placeholder.raw, '<div data-e-service-form data-service="felanmalan"></div>');
    const shortcode = await publish(page, 'posts', 'Felanmälan med kortkod', '[e-service service="felanmalan"]');
    await context.close();

    await sendFaultReportFrom(placeholder.link);
    await sendFaultReportFrom(shortcode.link);
  });

  it('sends an e-service that needs BankID from an author’s page', async () => {
    const { context: author, page: editor } = await logIn('skribent');
    const { link } = await publish(editor, 'posts', 'Tomtkö', '<!-- wp:shortcode -->\n[e-service service="tomtko"]\n<!-- /wp:shortcode -->');
    await author.close();

    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    await page.goto(link);
    const caseNumber = await fillAndSendByKeyboard(page, ServiceDefinition.parse(tomtko), { email: 'anna@example.com', areas: ['sjovik'], houseType: 'villa', confirm: true },
      'sv', { testApp: await testAppUrl(kit), name: 'Anna Andersson' });
    assert.match(caseNumber, /^TOMT-\d{4}-\d{5}$/);
    await context.close();
  });

  it('gives an author a block in the block editor that lists the server’s e-services', async () => {
    const { context, page } = await logIn('skribent');
    await page.goto(`${site.url}/wp-admin/post-new.php`);
    await page.waitForFunction(() => (window as unknown as { wp?: { blocks?: { getBlockType: (name: string) => unknown } } }).wp?.blocks?.getBlockType('e-service-kit/e-service'));
    // WordPress's own words as Debian's 6.1 has them (its Swedish leaves the block editor in English), or in Swedish.
    await page.getByRole('button', { name: /^(Toggle block inserter|Växla blockinfogare)$/ }).click();
    await page.getByRole('searchbox').fill('E-tjänst');
    await page.getByRole('option', { name: 'E-tjänst' }).click();
    const block = page.locator('.wp-block-e-service-kit-e-service');
    assert.equal(await block.getByLabel('Visa').inputValue(), 'e-service');
    const services = block.getByLabel('E-tjänst', { exact: true });
    await services.locator('option', { hasText: 'Felanmälan: gata, park och belysning' }).waitFor({ state: 'attached' });
    const titles = await services.locator('option').allTextContents();
    assert.equal(titles.length, 1 + DEMO_SERVICES, `“Välj en e-tjänst” and the server's ${DEMO_SERVICES} e-services: ${titles.join(', ')}`);
    await services.selectOption({ label: 'Felanmälan: gata, park och belysning' });
    await page.getByRole('textbox', { name: /^(Add title|Lägg till rubrik)$/ }).fill('Felanmälan från block');
    await page.getByRole('button', { name: /^(Publish|Publicera)$/ }).click();
    await page.locator('.editor-post-publish-panel').getByRole('button', { name: /^(Publish|Publicera)$/ }).click();
    await page.locator('.post-publish-panel__postpublish').waitFor();
    const link = await page.evaluate(() => (window as unknown as { wp: { data: { select: (store: string) => { getPermalink: () => string } } } }).wp.data.select('core/editor').getPermalink());
    await context.close();

    await sendFaultReportFrom(link);
  });

  it('writes only the element’s own attributes, as plain values, and tells an editor what is missing', async () => {
    const { context, page } = await logIn('skribent');
    const { link } = await publish(page, 'posts', 'Försök',
      '[e-service service="felanmalan" onclick="alert(1)" backend="https://evil.example" my-pages-url="javascript:alert(1)"]\n\n[e-service service="x&quot;><script>alert(1)</script>"]\n\n[e-service]\n\n' +
      '[my-cases continue-url="/e-tjanster/{serviceId}/?case={id}" cosign-url="data:text/html,<b>x</b>"]');
    const asEditor = await (await context.request.get(link)).text();
    await context.close();
    const asVisitor = await (await fetch(link)).text();
    for (const html of [asEditor, asVisitor]) {
      assert.match(html, /<e-service-form service="felanmalan"><\/e-service-form>/);
      // The kit fills {serviceId} and {id} in: they are kept as written.
      assert.match(html, /<my-cases continue-url="\/e-tjanster\/\{serviceId\}\/\?case=\{id\}"><\/my-cases>/);
      assert.doesNotMatch(html, /onclick|evil\.example|javascript:|data:text|<script>alert/);
    }
    assert.match(asEditor, /Välj e-tjänsten: \[e-service service=&quot;…&quot;\]/);
    assert.doesNotMatch(asVisitor, /Välj e-tjänsten/);
    assert.deepEqual(pluginProblems(), []);
  });

  it('takes the server from wp-config.php, and on a site where nobody may paste a script, the shortcode still works', async () => {
    const locked = await startWordPress({ E_SERVICE_KIT_URL: kit.url, DISALLOW_UNFILTERED_HTML: true });
    try {
      const context = await browser.newContext({ locale: 'sv-SE' });
      const page = await context.newPage();
      await page.goto(`${locked.url}/wp-login.php`);
      await page.locator('#user_login').fill('admin');
      await page.locator('#user_pass').fill(PASSWORD);
      await page.locator('#wp-submit').click();
      await page.waitForURL(/wp-admin/);
      await page.goto(`${locked.url}/wp-admin/options-general.php?page=e-service-kit`);
      const address = page.getByLabel('E-tjänsteserverns adress');
      assert.deepEqual([await address.inputValue(), await address.isDisabled()], [kit.url, true]);
      await page.getByText('Angiven i wp-config.php (E_SERVICE_KIT_URL); ändra den där.').waitFor();
      await page.getByText(`Servern svarar: ${DEMO_SERVICES} e-tjänster.`).waitFor();

      const stripped = await publish(page, 'pages', 'Inklistrat', `<script type="module" src="${kit.url}/kit/e-service-kit.js"></script><e-service-form service="felanmalan"></e-service-form>`);
      assert.doesNotMatch(stripped.raw, /<script|<e-service-form/, 'with DISALLOW_UNFILTERED_HTML not even an administrator may paste a script');
      const { link } = await publish(page, 'pages', 'Felanmälan', '[e-service service="felanmalan"]');
      await context.close();
      const html = await (await fetch(link)).text();
      assert.match(html, new RegExp(`<script type="module" src="${kit.url}/kit/e-service-kit.js" id="e-service-kit-js"></script>`));
      assert.match(html, /<e-service-form service="felanmalan"><\/e-service-form>/);
    } finally {
      await locked.stop();
    }
  });
});
