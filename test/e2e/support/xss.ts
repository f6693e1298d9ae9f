import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from '../../../src/contract/cases.js';
import { ServiceDefinition } from '../../../src/contract/definition.js';
import { chromiumArgs, chromiumPath } from '../../support/chromium.mjs';
import { startServer, type RunningServer } from '../../support/start-server.mjs';
import { XSS_MARKER, XSS_PAYLOADS, type XssContext, type XssPayload } from '../../support/xss-payloads.js';
import { approveAs, testAppUrl } from '../bankid-app.js';

/**
 * Issue 14's XSS run: every payload of test/support/xss-payloads.ts put into every text the kit
 * shows a citizen or a cosigner — an e-service definition's texts, a citizen's answers, file names,
 * messages both ways — on the real server, rendered in Chromium. A payload that runs calls
 * `__xss(id)`, exposed on every page of the browser; besides, the page sends a report-only policy
 * (Trusted Types for every DOM sink, scripts only from the kit), and after each view every node of
 * every shadow root is searched for what a payload would have made (a script, an event handler
 * attribute, a javascript: link). `xssEndToEnd()` returns the figures for the robustness report.
 */

const ANNA = { name: 'Anna Andersson', personalNumber: '198001012387' };
const ERIK = { name: 'Erik Andersson', personalNumber: '198203154599' };
const MUNICIPALITY = 'xss-kommun';
const SERVICE = 'xss-texter';
const TITLES_SERVICE = 'xss-rubriker';

/** The payloads that a text holding many joins them with. */
const SEPARATOR = ' ¦ ';

export interface XssPlace {
  /** Where the payloads went, e.g. "definition: question labels (form)". */
  place: string;
  /** How many payloads were put there. */
  tried: number;
  /** How many of them were then found on the page as the very text that was put in. */
  shownLiterally: number;
}

export interface XssReport {
  payloads: number;
  places: XssPlace[];
  /** Payloads × places: Σ tried. */
  tried: number;
  /** Σ shownLiterally. */
  rendered: number;
  /** Payloads that ran: `__xss(id)` was called. Must be empty. */
  executed: { id: number; phase: string; url: string }[];
  /** securitypolicyviolation events on the kit's pages (report-only: Trusted Types, script-src). Must be empty. */
  violations: string[];
  /** What a payload would have made in the DOM (scripts, on* attributes, javascript: URLs). Must be empty. */
  dangerousNodes: string[];
  pageErrors: string[];
  durationMs: number;
}

type Text = { sv: string; en: string };
const both = (text: string): Text => ({ sv: text, en: text });
const joined = (payloads: readonly XssPayload[]) => payloads.map((payload) => payload.text).join(SEPARATOR);

/**
 * The e-service whose every question text is a payload: step 1 asks, for each payload, a text
 * question (label, hint, summary label and required message the payload), a long text, a radio, a
 * select and a checkbox group (option labels), a number (unit), an information text (Markdown) and a
 * repeating group (item label), and three file questions take the uploads; each further step is
 * titled with one payload. It is signed, and cosigned by a named person. BankID shows the title
 * and the municipality's name in the app, in at most 1 500 characters: they hold one payload.
 */
export function xssDefinition(payloads: readonly XssPayload[] = XSS_PAYLOADS): ServiceDefinition {
  const options = (p: XssPayload) => [
    { value: 'a', label: both(p.text) },
    { value: 'b', label: both(`${p.text} (2)`) },
  ];
  const questions = payloads.flatMap((p) => [
    { id: `t${p.id}`, type: 'text', label: both(p.text), hint: both(`${p.text} (hjälptext)`), summaryLabel: both(`${p.text} (läst av någon annan)`), requiredMessage: both(`${p.text} (fel)`) },
    { id: `a${p.id}`, type: 'textarea', label: both(`${p.text} (lång)`), required: false },
    { id: `r${p.id}`, type: 'radio', label: both(`${p.text} (radio)`), options: options(p), required: false },
    { id: `s${p.id}`, type: 'select', label: both(`${p.text} (lista)`), options: options(p), required: false },
    { id: `c${p.id}`, type: 'checkboxGroup', label: both(`${p.text} (kryss)`), options: options(p), required: false },
    { id: `n${p.id}`, type: 'number', label: both(`${p.text} (antal)`), unit: both(`${p.text} (enhet)`), required: false },
    { id: `i${p.id}`, type: 'info', label: both(`${p.text} (info)`), text: both(p.text) },
    { id: `g${p.id}`, type: 'group', label: both(`${p.text} (grupp)`), itemLabel: both(`${p.text} (post)`), minItems: 1, required: false,
      fields: [{ id: 'inner', type: 'text', label: both(`${p.text} (i gruppen)`), required: false }] },
  ]);
  const first = payloads[0]!.text;
  return ServiceDefinition.parse({
    schemaVersion: 1,
    id: SERVICE,
    version: 1,
    municipality: { id: MUNICIPALITY, name: both(`${first} (kommun)`) },
    title: both(`${first} (e-tjänst)`),
    description: both(`${first} (beskrivning)`),
    contact: { text: both(`${first} (kontakt)`) },
    login: 'required',
    signing: 'sign',
    cosigning: { who: 'namedPerson', personField: 'cosigner', inviteField: 'cosignerEmail' },
    caseNumberPrefix: 'XSS',
    steps: [
      {
        id: 'fragor',
        title: both(`${first} (första steget)`),
        fields: [
          { id: 'cosigner', type: 'personnummer', label: both('Den andra personens personnummer') },
          { id: 'cosignerEmail', type: 'email', label: both('Den andra personens e-postadress') },
          ...['files', 'files2', 'files3'].map((id) => ({ id, type: 'file', label: both(`${first} (${id})`), maxFiles: 20, maxSizeMb: 1, accept: ['pdf'], required: false })),
          ...questions,
        ],
      },
      ...payloads.map((p) => ({ id: `steg-${p.id}`, title: both(p.text), fields: [{ id: `steg${p.id}`, type: 'info', text: both(`Steg ${p.id}`) }] })),
    ],
    receipt: { title: both(`${first} (kvitto)`), text: both(`${first} (kvittotext)`) },
    retention: { closedCaseDays: 30, draftDays: 30 },
    privacyNotice: both(`${first} (personuppgifter)`),
  });
}

/** The texts of which a definition has one, each holding every payload (joined): title, description, contact, municipality, the step, the receipt. */
export const SINGLE_TEXTS = ['title', 'description', 'contact', 'municipality', 'privacy notice', 'step title', 'receipt title', 'receipt text'] as const;

export function xssTitlesDefinition(payloads: readonly XssPayload[] = XSS_PAYLOADS): ServiceDefinition {
  const all = (slot: string) => both(`${joined(payloads)} [${slot}]`);
  return ServiceDefinition.parse({
    schemaVersion: 1,
    id: TITLES_SERVICE,
    version: 1,
    municipality: { id: `${MUNICIPALITY}-2`, name: all('municipality') },
    title: all('title'),
    description: all('description'),
    contact: { text: all('contact') },
    login: 'required',
    caseNumberPrefix: 'XSSR',
    steps: [
      { id: 'steg', title: all('step title'), fields: [{ id: 'fritext', type: 'text', label: both('Fritext'), required: false }] },
      { id: 'slut', title: both('Sist'), fields: [{ id: 'slut', type: 'info', text: both('Sist') }] },
    ],
    receipt: { title: all('receipt title'), text: all('receipt text') },
    retention: { closedCaseDays: 30, draftDays: 30 },
    privacyNotice: all('privacy notice'),
  });
}

/** A file the server takes for a PDF: the type is read from the bytes, the name is the payload. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * The name the server keeps: the browser sends `"` as %22 (and line breaks as %0A, %0D) in a
 * multipart file name, as the HTML standard says; the server keeps what follows the last slash,
 * without control characters (server/attachments).
 */
const keptFileName = (name: string) => {
  const sent = name.replace(/"/g, '%22').replace(/\n/g, '%0A').replace(/\r/g, '%0D').normalize('NFC');
  return sent.slice(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1).replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
};

/** Every text of the page, shadow roots included, as one string. */
async function deepText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.nodeValue ?? '');
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      for (const child of node.childNodes) walk(child);
    };
    walk(document.body);
    return parts.join('\u0001');
  });
}

/**
 * What an injected payload leaves in the DOM, whether or not it ran: a script, frame or plugin
 * element, an event handler attribute, a javascript:/vbscript:/data: URL in any attribute, a srcdoc.
 * Searches every shadow root under `root` (a selector; the whole body by default).
 */
export async function dangerousNodes(page: Page, root = 'body'): Promise<string[]> {
  return page.evaluate((rootSelector) => {
    const found: string[] = [];
    // Attributes a browser follows or loads as an address (a file name in `download` is not one).
    const URL_ATTRIBUTES = ['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'ping', 'codebase', 'cite', 'srcset'];
    const describe = (element: Element) => `<${element.localName}${[...element.attributes].map((a) => ` ${a.name}="${a.value.slice(0, 60)}"`).join('')}>`;
    const badUrl = (value: string) => {
      const cleaned = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (/^(javascript|vbscript):/.test(cleaned)) return true;
      if (/^data:/.test(cleaned) && !/^data:image\/(png|jpeg|gif|webp);/.test(cleaned)) return true;
      try {
        return ['javascript:', 'vbscript:'].includes(new URL(value, document.baseURI).protocol);
      } catch {
        return false;
      }
    };
    const check = (element: Element) => {
      if (['script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta'].includes(element.localName)) found.push(describe(element));
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name) || attribute.name === 'srcdoc' || (URL_ATTRIBUTES.includes(attribute.name) && badUrl(attribute.value))) {
          found.push(describe(element));
          break;
        }
      }
    };
    const walk = (node: Node) => {
      if (node instanceof Element) {
        check(node);
        if (node.shadowRoot) walk(node.shadowRoot);
        if (node instanceof HTMLTemplateElement) walk(node.content);
      }
      for (const child of node.childNodes) walk(child);
    };
    const start = document.querySelector(rootSelector);
    if (start) walk(start);
    return found;
  }, root);
}

/**
 * Watches one browser context: `__xss` on every page and frame, and a listener for policy
 * violations from the first script on. What they catch lands in `report`, with the phase the test
 * is in.
 */
async function watch(context: BrowserContext, report: XssReport, phase: () => string): Promise<void> {
  await context.addInitScript({ content: KEEP_NAMES });
  await context.exposeBinding(XSS_MARKER, ({ page }, id: unknown) => {
    report.executed.push({ id: Number(id), phase: phase(), url: page?.url() ?? '' });
  });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.disposition} ${event.violatedDirective} ${event.blockedURI} ${event.sample}`));
  });
  context.on('page', (page) => {
    page.on('pageerror', (error) => report.pageErrors.push(`${phase()}: ${error.message}`));
  });
}

/** tsx keeps function names with a `__name` helper, which the functions handed to the page call too. */
const KEEP_NAMES = 'globalThis.__name ??= (target) => target;';

const violationsOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []).catch(() => []);

export interface XssOptions {
  /** The payloads to try; all of them by default. */
  payloads?: readonly XssPayload[];
  /** Logs each phase with its time. */
  log?: (line: string) => void;
}

/** Runs the whole thing: one server, one browser, a handful of page loads. */
export async function xssEndToEnd(options: XssOptions = {}): Promise<XssReport> {
  const started = Date.now();
  const payloads = options.payloads ?? XSS_PAYLOADS;
  // Three file questions of twenty files each take the file names.
  if (payloads.length > 60) throw new Error(`at most 60 payloads, not ${payloads.length}: add a file question to xssDefinition()`);
  const log = options.log ?? (() => undefined);
  const report: XssReport = {
    payloads: payloads.length, places: [], tried: 0, rendered: 0, executed: [], violations: [], dangerousNodes: [], pageErrors: [], durationMs: 0,
  };
  let phase = 'start';
  const enter = (name: string) => {
    phase = name;
    log(`${((Date.now() - started) / 1000).toFixed(1)} s: ${name}`);
  };

  const servicesDir = await mkdtemp(join(tmpdir(), 'esk-xss-'));
  await writeFile(join(servicesDir, `${SERVICE}.json`), JSON.stringify(xssDefinition(payloads)));
  await writeFile(join(servicesDir, `${TITLES_SERVICE}.json`), JSON.stringify(xssTitlesDefinition(payloads)));
  const officerToken = randomBytes(32).toString('hex');

  let kit: RunningServer | undefined;
  let site: Server | undefined;
  let browser: Browser | undefined;
  try {
    // The municipality's site: a page per view, with a report-only policy that tells of any string
    // reaching a DOM sink (Trusted Types) and of any script not from the kit, without stopping it —
    // a payload that got through would both run (and call __xss) and be reported.
    let kitUrl = '';
    site = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://site');
      const view = url.searchParams.get('view') ?? 'form';
      const widgets = {
        form: `<e-service-form service="${url.searchParams.get('service') ?? SERVICE}"></e-service-form>`,
        mina: `<my-cases continue-url="/?view=form&amp;service={serviceId}&amp;case={id}" cosign-url="/?view=cosign&amp;request={id}"></my-cases><my-profile></my-profile>`,
        cosign: `<cosign-status></cosign-status>`,
      }[view] ?? '';
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy-Report-Only': `require-trusted-types-for 'script'; script-src ${kitUrl} 'report-sample'; object-src 'none'; base-uri 'none'`,
      });
      response.end(`<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>XSS</title>
        <script type="module" src="${kitUrl}/kit/e-service-kit.js"></script></head>
        <body><main><eid-login></eid-login>${widgets}</main></body></html>`);
    });
    await new Promise<void>((resolve) => site!.listen(0, 'localhost', resolve));
    const siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
    const launching = chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    kit = await startServer({
      ALLOWED_ORIGINS: siteUrl,
      SERVICES_DIR: servicesDir,
      LOAD_DEMO_SERVICES: 'false',
      OFFICER_TOKENS: `${MUNICIPALITY}:${officerToken}`,
      RATE_LIMIT_UPLOADS_PER_MINUTE: '10000',
      RATE_LIMIT_CASES_PER_MINUTE: '1000',
    });
    kitUrl = kit.url;
    log(`${((Date.now() - started) / 1000).toFixed(1)} s: the server is up`);
    const testApp = await testAppUrl(kit);
    browser = await launching;

    const api = (context: BrowserContext, path: string, init: { method?: string; data?: unknown; multipart?: Record<string, { name: string; mimeType: string; buffer: Buffer }> } = {}) =>
      context.request.fetch(`${kitUrl}/api/${path}`, {
        method: init.method ?? 'GET',
        headers: { Origin: siteUrl, [CLIENT_HEADER]: CLIENT_HEADER_VALUE },
        ...(init.data !== undefined ? { data: init.data } : {}),
        ...(init.multipart ? { multipart: init.multipart } : {}),
      });
    const officer = async (path: string, body?: unknown) => {
      const response = await fetch(`${kitUrl}/api/officer/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${officerToken}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`officer ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };

    /**
     * After each view: what ran, what the policy reported, what the DOM holds; then, for each place
     * the view shows, which of the texts put there are on the page as they were written. A text put
     * into `slots` texts at once (joined) counts once per slot it is found in.
     */
    /** `weight`: how many payloads each expected text holds (1, or all of them joined). */
    interface Check { place: string; expected: readonly string[]; literal?: boolean; weight?: number }
    const look = async (page: Page, view: string, checks: Check[]) => {
      // Give handlers (onerror, onload, ontoggle, animations) a moment to fire.
      await page.waitForTimeout(150);
      report.dangerousNodes.push(...(await dangerousNodes(page)).map((node) => `${view}: ${node}`));
      report.violations.push(...(await violationsOf(page)).map((violation) => `${view}: ${violation}`));
      const text = await deepText(page);
      for (const { place, expected, literal = true, weight = 1 } of checks) {
        const shown = literal ? expected.filter((one) => text.includes(one)).length : 0;
        report.places.push({ place, tried: expected.length * weight, shownLiterally: shown * weight });
        if (literal && shown < expected.length) {
          const missing = expected.filter((one) => !text.includes(one));
          report.pageErrors.push(`${place}: ${missing.length} texts not shown as written, e.g. ${JSON.stringify(missing.slice(0, 3).map((one) => (one.length > 120 ? `…${one.slice(-60)}` : one)))}`);
        }
      }
    };
    const texts = (make: (p: XssPayload) => string) => payloads.map(make);
    /** Every payload in each of the texts named (joined, and the text's name after them). */
    const inSlots = (slots: readonly string[], where: string): Check =>
      ({ place: `definition: ${slots.join(', ')} (${where})`, expected: slots.map((slot) => `${joined(payloads)} [${slot}]`), weight: payloads.length });

    async function logIn(page: Page, who: { name: string }, where: Locator) {
      await where.getByRole('button', { name: 'BankID på en annan enhet' }).first().click();
      await where.locator('canvas').first().waitFor();
      await approveAs(page.context(), testApp, who.name, 'Inloggning');
    }

    // ---- Anna: the e-service whose one-of texts hold every payload --------------------------------
    enter('the form: a definition\'s own texts');
    const anna = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    await watch(anna, report, () => phase);
    const page = await anna.newPage();
    await page.goto(`${siteUrl}/?view=form&service=${TITLES_SERVICE}`);
    const form = page.locator('e-service-form');
    await logIn(page, ANNA, page.locator('main > eid-login'));
    await form.locator('#field-fritext').waitFor();
    // The municipality's name is not on the form; <my-cases> shows it.
    const formSlots = SINGLE_TEXTS.filter((slot) => !slot.startsWith('receipt') && slot !== 'municipality');
    await look(page, 'form, first step', [inSlots(formSlots, 'the form')]);
    await form.getByRole('button', { name: 'Fortsätt' }).click();
    await form.locator('[data-field="slut"]').waitFor();
    await form.getByRole('button', { name: 'Fortsätt' }).click();
    await look(page, 'review', [inSlots(['title', 'step title'], 'the review')]);
    await form.getByRole('button', { name: 'Skicka', exact: true }).click();
    await form.locator('[data-case-number]').first().waitFor();
    await look(page, 'receipt', [inSlots(['receipt title', 'receipt text'], 'the receipt')]);

    // ---- Anna fills in the e-service whose every question is a payload -----------------------------
    enter('the form: questions');
    await page.goto(`${siteUrl}/?view=form`);
    await form.locator('#field-t1').waitFor();
    await look(page, 'form, first step', [
      { place: 'definition: question labels', expected: texts((p) => p.text) },
      { place: 'definition: hints', expected: texts((p) => `${p.text} (hjälptext)`) },
      { place: 'definition: option labels of radios, selects and checkbox groups', expected: texts((p) => `${p.text} (2)`) },
      { place: 'definition: units', expected: texts((p) => `${p.text} (enhet)`) },
      { place: 'definition: repeating groups\' item labels', expected: texts((p) => `${p.text} (post)`) },
      { place: 'definition: labels inside repeating groups', expected: texts((p) => `${p.text} (i gruppen)`) },
      { place: 'definition: information texts (Markdown)', expected: texts((p) => p.text), literal: false },
    ]);

    enter('the form: required messages');
    await form.getByRole('button', { name: 'Fortsätt' }).click();
    await form.getByRole('alert').first().waitFor();
    await look(page, 'form, errors', [{ place: 'definition: required messages (error summary, beside the question)', expected: texts((p) => `${p.text} (fel)`) }]);

    enter('the form: uploads');
    const fileNames = payloads.map((p) => `${p.text}.pdf`);
    // Twenty to a question (its most), the three questions at once.
    await Promise.all(['files', 'files2', 'files3'].map((id, field) => form.locator(`#field-${id} input[type=file]`).setInputFiles(
      fileNames.slice(field * 20, field * 20 + 20).map((name) => ({ name, mimeType: 'application/pdf', buffer: PDF })))));
    const kept = fileNames.map(keptFileName);
    await page.waitForFunction((count) => {
      const root = document.querySelector('e-service-form')!.shadowRoot!;
      return [...root.querySelectorAll('esk-file-field')].reduce((sum, field) => sum + field.shadowRoot!.querySelectorAll('li.file:not(:has(progress))').length, 0) >= count;
    }, kept.length, { timeout: 20_000 });
    await look(page, 'form, uploads', [{ place: 'file names (the file question\'s list)', expected: kept }]);

    enter('the form: answers and steps');
    await page.evaluate((ids) => {
      const root = document.querySelector('e-service-form')!.shadowRoot!;
      const inner = (id: string, selector: string) => root.querySelector(`#field-${id}`)!.shadowRoot!.querySelector(selector) as HTMLInputElement;
      const type = (input: HTMLInputElement | HTMLTextAreaElement, value: string) => {
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      };
      type(inner('cosigner', 'input'), '19820315-4599');
      type(inner('cosignerEmail', 'input'), 'erik.andersson@example.com');
      for (const [id, text] of ids) {
        type(inner(`t${id}`, 'input'), `${text} (svar)`);
        type(inner(`a${id}`, 'textarea'), `${text} (långt svar)`);
        type(inner(`n${id}`, 'input'), '3');
        inner(`r${id}`, 'input[type=radio]').click();
        inner(`c${id}`, 'input[type=checkbox]').click();
        const select = inner(`s${id}`, 'select') as unknown as HTMLSelectElement;
        select.value = 'b';
        select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
        const group = root.querySelector(`#field-g${id}`)!.shadowRoot!;
        type(group.querySelector('esk-input-field')!.shadowRoot!.querySelector('input')!, `${text} (svar i gruppen)`);
      }
    }, payloads.map((p) => [p.id, p.text] as const));
    // Through the steps, each titled with a payload, in the page itself (a click per step from here would take 10 s):
    // Continue, then the step's heading as it is shown.
    const headings = await page.evaluate(async (count) => {
      const root = document.querySelector('e-service-form')!.shadowRoot!;
      const heading = () => root.querySelector('h3.page-title')?.textContent ?? '';
      const shown: string[] = [];
      for (let step = 0; step < count; step++) {
        const before = heading();
        [...root.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Fortsätt')!.click();
        for (const deadline = Date.now() + 5_000; heading() === before && Date.now() < deadline;) {
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
        shown.push(heading());
      }
      return shown;
    }, payloads.length);
    const titles = texts((p) => p.text);
    report.places.push({ place: 'definition: step titles (each step\'s heading)', tried: titles.length, shownLiterally: titles.filter((title, index) => headings[index] === title).length });
    if (headings.join('\n') !== titles.join('\n')) report.pageErrors.push(`step headings: ${JSON.stringify(headings.slice(0, 3))}…`);
    await form.getByRole('button', { name: 'Fortsätt' }).click();
    await form.getByRole('button', { name: 'Skriv under och skicka' }).waitFor();

    enter('the form: review');
    await look(page, 'review', [
      { place: 'answers: text (review)', expected: texts((p) => `${p.text} (svar)`) },
      { place: 'answers: long text (review)', expected: texts((p) => `${p.text} (långt svar)`) },
      { place: 'answers: in repeating groups (review)', expected: texts((p) => `${p.text} (svar i gruppen)`) },
      { place: 'answers: chosen options (review)', expected: texts((p) => `${p.text} (2)`) },
      { place: 'answers: numbers with their units (review)', expected: texts((p) => `3 ${p.text} (enhet)`) },
      { place: 'file names (review)', expected: kept },
      { place: 'definition: step titles (review)', expected: texts((p) => p.text) },
    ]);

    enter('the form: signing');
    await form.getByRole('button', { name: 'Skriv under och skicka' }).click();
    await form.locator('.signing').getByRole('button', { name: 'BankID på en annan enhet' }).click();
    await form.locator('.signing canvas').waitFor();
    await approveAs(anna, testApp, ANNA.name, 'Underskrift');
    await form.locator('[data-case-number]').first().waitFor();
    await look(page, 'receipt (waiting for the cosigner)', []);

    // ---- Erik, asked to sign too, reads it on Mina sidor and in <cosign-status> ------------------
    enter('the cosigner: <my-cases> and <cosign-status>');
    const erik = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    await watch(erik, report, () => phase);
    const erikPage = await erik.newPage();
    await erikPage.goto(`${siteUrl}/?view=mina`);
    await logIn(erikPage, ERIK, erikPage.locator('main > eid-login'));
    await erikPage.locator('my-cases').getByRole('link', { name: /Läs och skriv under/ }).first().click();
    await erikPage.waitForURL(/view=cosign/);
    const cosign = erikPage.locator('cosign-status');
    await cosign.getByRole('button', { name: 'Skriv under', exact: true }).waitFor();
    await look(erikPage, '<cosign-status>', [
      { place: 'answers: text, as a cosigner reads them (<cosign-status>)', expected: texts((p) => `${p.text} (svar)`) },
      { place: 'answers: long text (<cosign-status>)', expected: texts((p) => `${p.text} (långt svar)`) },
      { place: 'definition: summary labels (<cosign-status>)', expected: texts((p) => `${p.text} (läst av någon annan)`) },
      { place: 'file names (<cosign-status>)', expected: kept },
    ]);
    await cosign.getByRole('button', { name: 'Skriv under', exact: true }).click();
    await cosign.getByRole('button', { name: 'BankID på en annan enhet' }).click();
    await cosign.locator('canvas').waitFor();
    await approveAs(erik, testApp, ERIK.name, 'Underskrift');
    await cosign.getByText(/^Du har skrivit under\./).waitFor();
    await erik.close();

    // ---- The municipality writes; Anna writes back -------------------------------------------------
    enter('messages: the officer API and the citizen\'s');
    let listed: { items: { id: string }[] } = { items: [] };
    for (const deadline = Date.now() + 15_000; listed.items.length === 0 && Date.now() < deadline;) {
      listed = await officer('cases');
      if (listed.items.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const caseId = listed.items[0]!.id;
    await officer(`cases/${caseId}/status`, { status: 'inProgress', note: `${payloads[0]!.text} (status)` });
    const messageFiles = payloads.map((p) => `${p.text} (bilaga).pdf`);
    await Promise.all(payloads.map(async (p, index) => {
      await officer(`cases/${caseId}/messages`, { body: `${p.text} (från handläggaren)` });
      const upload = await api(anna, `attachments?messageFor=${caseId}`, {
        method: 'POST', multipart: { file: { name: messageFiles[index]!, mimeType: 'application/pdf', buffer: PDF } },
      });
      if (!upload.ok()) throw new Error(`message upload: ${upload.status()} ${await upload.text()}`);
      const { id } = (await upload.json()) as { id: string };
      const sent = await api(anna, `my/cases/${caseId}/messages`, { method: 'POST', data: { body: `${p.text} (från medborgaren)`, attachmentIds: [id] } });
      if (!sent.ok()) throw new Error(`message: ${sent.status()} ${await sent.text()}`);
    }));

    enter('Mina sidor: <my-cases>, <case-messages>');
    await page.goto(`${siteUrl}/?view=mina`);
    const cases = page.locator('my-cases');
    await cases.getByText('Under handläggning', { exact: true }).first().waitFor();
    await look(page, '<my-cases>', [
      inSlots(['title', 'municipality'], '<my-cases> list'),
    ]);
    await cases.getByRole('button', { name: `${payloads[0]!.text} (e-tjänst)` }).first().click();
    const messages = cases.locator('case-messages');
    await messages.getByText(`${payloads.at(-1)!.text} (från medborgaren)`, { exact: true }).waitFor();
    await look(page, '<my-cases> case view', [
      { place: 'answers: text (<my-cases> case view)', expected: texts((p) => `${p.text} (svar)`) },
      { place: 'answers: long text (<my-cases> case view)', expected: texts((p) => `${p.text} (långt svar)`) },
      { place: 'answers: in repeating groups (<my-cases> case view)', expected: texts((p) => `${p.text} (svar i gruppen)`) },
      { place: 'file names (<my-cases> case view)', expected: kept },
      { place: 'messages from the officer, and a status note (<case-messages>)', expected: [...texts((p) => `${p.text} (från handläggaren)`), `${payloads[0]!.text} (status)`] },
      { place: 'messages from the citizen (<case-messages>)', expected: texts((p) => `${p.text} (från medborgaren)`) },
      { place: 'file names of messages\' attachments (<case-messages>)', expected: messageFiles.map(keptFileName) },
    ]);

    enter('<case-messages>: typing, and <my-profile>');
    const box = messages.getByLabel('Skriv ett meddelande till handläggaren');
    const typed = payloads.filter((p) => p.id % 6 === 1);
    for (const p of typed) {
      await box.fill(`${p.text} (skrivet)`);
      await messages.getByRole('button', { name: 'Skicka' }).click();
      await messages.getByText(`${p.text} (skrivet)`, { exact: true }).waitFor();
    }
    // The profile takes only an e-mail address and a phone number: payloads typed there are refused where they were typed.
    const profile = page.locator('my-profile');
    await profile.getByRole('radio', { name: 'E-post' }).check();
    for (const p of typed) {
      await profile.getByLabel('E-postadress').fill(p.text);
      await profile.getByRole('button', { name: 'Spara' }).click();
      await profile.getByText('Skriv e-postadressen i rätt format', { exact: false }).first().waitFor();
    }
    await look(page, '<case-messages> and <my-profile>', [
      { place: 'messages typed into <case-messages>', expected: typed.map((p) => `${p.text} (skrivet)`) },
    ]);
    await anna.close();
  } finally {
    await browser?.close();
    await kit?.stop();
    await new Promise((resolve) => site?.close(resolve) ?? resolve(undefined));
    await rm(servicesDir, { recursive: true, force: true });
  }
  report.places = report.places.filter((place) => place.tried > 0);
  report.tried = report.places.reduce((sum, place) => sum + place.tried, 0);
  report.rendered = report.places.reduce((sum, place) => sum + place.shownLiterally, 0);
  report.durationMs = Date.now() - started;
  return report;
}

/**
 * The other side: each payload rendered on purpose the careless way its `context` names, in a page of
 * the same site with the same policy. Returns, per payload, whether it was caught — it ran
 * (`__xss`), or it left a dangerous node, or the policy reported it. A payload never caught could
 * not show that the kit is safe.
 */
export async function unsafeRenderCheck(payloads: readonly XssPayload[] = XSS_PAYLOADS): Promise<{ id: number; context: XssContext; ran: boolean; nodes: number }[]> {
  const site = createServer((_request, response) => {
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy-Report-Only': "require-trusted-types-for 'script'; script-src 'none' 'report-sample'; object-src 'none'",
    });
    response.end('<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Osäkert</title></head><body><main></main></body></html>');
  });
  await new Promise<void>((resolve) => site.listen(0, 'localhost', resolve));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const context = await browser.newContext();
    const ran = new Set<number>();
    await context.addInitScript({ content: KEEP_NAMES });
    await context.exposeBinding(XSS_MARKER, (_source, id: unknown) => void ran.add(Number(id)));
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(event.sample));
    });
    const page = await context.newPage();
    await page.goto(`http://localhost:${(site.address() as AddressInfo).port}/`);
    // All at once, each in a box of its own (every other one in a shadow root, as the kit's widgets render).
    await page.evaluate((all) => {
      const main = document.querySelector('main')!;
      for (const { text, context: how, id } of all) {
        const box = document.createElement('div');
        box.id = `p${id}`;
        const host = id % 2 ? box : box.attachShadow({ mode: 'open' });
        main.append(box);
        const setHtml = (markup: string) => {
          if (host instanceof ShadowRoot) host.innerHTML = markup;
          else host.innerHTML = markup;
        };
        const runScript = (source: string) => {
          const script = document.createElement('script');
          script.textContent = source;
          document.body.append(script);
        };
        const decodeEntities = (value: string) => {
          const area = document.createElement('textarea');
          area.innerHTML = value;
          return area.value;
        };
        switch (how) {
          case 'html': setHtml(text); break;
          case 'filtered-once': setHtml(text.replace(/<\/?script>/gi, '')); break;
          case 'attribute-double': setHtml(`<div title="${text}">x</div>`); break;
          case 'attribute-single': setHtml(`<div title='${text}'>x</div>`); break;
          case 'attribute-unquoted': setHtml(`<img src=${text}>`); break;
          case 'url': setHtml(`<a href="${text}">länk</a>`); break;
          case 'textarea': setHtml(`<textarea>${text}</textarea>`); break;
          case 'title': setHtml(`<title>${text}</title>`); break;
          case 'style': setHtml(`<style>${text}</style>`); break;
          case 'comment': setHtml(`<!-- ${text} -->`); break;
          case 'cdata': setHtml(`<svg><![CDATA[${text}]]></svg>`); break;
          case 'script-block': setHtml(`<noscript>${text}</noscript>`); break;
          case 'js-string-double': runScript(`var x = "${text}";`); break;
          case 'js-string-single': runScript(`var x = '${text}';`); break;
          case 'js-string-escaped': runScript(`var x = "${text.replace(/"/g, '\\"')}";`); break;
          case 'template-literal': try { new Function(`return \`${text}\``)(); } catch { /* a syntax error is not a catch */ } break;
          case 'client-template': setHtml(text.replace(/\{\{(.+?)\}\}/g, (_all, expression: string) => {
            try { return String(new Function(`with (this) { return ${expression} }`).call({})); } catch { return ''; }
          })); break;
          case 'unicode-unescaped': setHtml(JSON.parse(`"${text}"`) as string); break;
          case 'entity-decoded': setHtml(decodeEntities(text)); break;
          case 'url-decoded': setHtml(decodeURIComponent(text)); break;
          case 'nfkc': setHtml(text.normalize('NFKC')); break;
          case 'eval': try { eval(text); } catch { /* ignored */ } break;
          case 'script-url': { const script = document.createElement('script'); script.src = text; document.body.append(script); break; }
          case 'markdown-link': {
            const link = /\[([^\]]+)\]\(([^)\s]+)\)/.exec(text);
            setHtml(link ? `<a href="${link[2]}">${link[1]}</a>` : text);
            break;
          }
        }
      }
    }, payloads.map(({ text, context: how, id }) => ({ text, context: how, id })));
    await page.waitForTimeout(500);
    const results = [];
    for (const payload of payloads) {
      // The harness's own scripts go into <body>; what a payload made is in its box.
      const nodes = await dangerousNodes(page, `#p${payload.id}`);
      results.push({ id: payload.id, context: payload.context, ran: ran.has(payload.id), nodes: nodes.length });
    }
    return results;
  } finally {
    await browser.close();
    await new Promise((resolve) => site.close(resolve));
  }
}
