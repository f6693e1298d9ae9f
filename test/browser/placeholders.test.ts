import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import { $, backend, focused, formReady, shadow } from './helpers.js';

/**
 * What an author whose CMS strips scripts and unknown tags can still write: a div with data-*
 * attributes, which the kit (loaded for the whole site) turns into the element.
 */

const until = (what: () => unknown, message: string) => waitUntil(what, message, { timeout: 10_000 });

describe('placeholders', () => {
  let warnings: string[];
  const warn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  });
  afterEach(() => {
    console.warn = warn;
  });

  it('turn into the element with its attributes, and the e-service works, accessibly and by keyboard', async () => {
    // The site template names the server once; the author's placeholder goes in the content.
    const host = await fixture<HTMLElement>(html`<e-service-config backend=${backend}>
      <div class="cms-block" id="felanmalan-block" data-e-service-form data-service="felanmalan" data-lang="en"></div>
    </e-service-config>`);
    await until(() => host.querySelector('e-service-form'), 'the placeholder was not replaced');
    const form = host.querySelector<EServiceForm>('e-service-form')!;
    expect(host.querySelector('[data-e-service-form]')).to.equal(null);
    expect([form.getAttribute('service'), form.getAttribute('lang'), form.id, form.className])
      .to.deep.equal(['felanmalan', 'en', 'felanmalan-block', 'cms-block']);
    await formReady(form);
    await until(() => $(form, '.title').textContent?.includes('Report'), 'not in English');
    await expect(form).to.be.accessible();
    // The first question takes the keyboard.
    form.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(form)?.tagName).to.match(/INPUT|SELECT|TEXTAREA|BUTTON/);
  });

  it('turn into elements when the CMS adds them later, Mina sidor’s widgets too', async () => {
    const config = await fixture<HTMLElement>(html`<e-service-config backend=${backend}><main></main></e-service-config>`);
    const host = config.querySelector('main')!;
    host.innerHTML = `<div data-eid-login></div><div data-my-cases data-continue-url="/{serviceId}.html?case={id}"></div>`;
    await until(() => host.querySelector('eid-login') && host.querySelector('my-cases'), 'the later placeholders were not replaced');
    await until(() => customElements.get('my-cases') && host.querySelector('my-cases')!.shadowRoot, 'Mina sidor was not fetched');
    expect(host.querySelector('my-cases')!.getAttribute('continue-url')).to.equal('/{serviceId}.html?case={id}');
    await until(() => host.querySelector('eid-login')!.shadowRoot?.querySelector('button'), 'the login has no buttons');
    await expect(host.querySelector('eid-login')!).to.be.accessible();
  });

  it('keep the widgets an <e-service-config> placeholder holds, configured by it', async () => {
    const host = await fixture<HTMLElement>(html`<e-service-config backend=${backend}>
      <div data-e-service-config data-lang="en"><div data-e-service-form data-service="felanmalan"></div></div>
    </e-service-config>`);
    await until(() => host.querySelector('e-service-config > e-service-config > e-service-form'), 'not nested as written');
    const form = host.querySelector<EServiceForm>('e-service-form')!;
    await formReady(form);
    await until(() => shadow(form).querySelector('.title')?.textContent?.includes('Report'), 'not configured by the inner <e-service-config lang="en">');
  });

  it('never take the server from a placeholder: an author cannot send the page’s answers and logins elsewhere', async () => {
    const host = await fixture<HTMLElement>(html`<e-service-config backend=${backend}>
      <div data-e-service-form data-service="felanmalan" data-backend="https://evil.example/"></div>
      <div data-e-service-config data-backend="https://evil.example/"><div data-eid-login></div></div>
    </e-service-config>`);
    await until(() => host.querySelector('e-service-form') && host.querySelector('eid-login'), 'not replaced');
    expect(host.querySelector('e-service-form')!.hasAttribute('backend')).to.equal(false);
    expect(host.querySelector('e-service-config e-service-config')!.hasAttribute('backend')).to.equal(false);
    await formReady(host.querySelector<EServiceForm>('e-service-form')!);
    expect(warnings.filter((warning) => warning.includes('data-backend is not taken from a placeholder'))).to.have.length(2);
  });

  it('carry over no attribute but the element’s own: no event handler, no script link, each left out with a warning', async () => {
    const host = await fixture<HTMLElement>(html`<e-service-config backend=${backend}>
      <div data-e-service-form data-service="felanmalan" data-onclick="window.__placeholderHacked = true"
        data-my-pages-url="javascript:window.__placeholderHacked=true" style="display:none" data-style="color:red"></div>
    </e-service-config>`);
    await until(() => host.querySelector('e-service-form'), 'the placeholder was not replaced');
    const form = host.querySelector<EServiceForm>('e-service-form')!;
    expect([...form.attributes].map((a) => a.name).sort()).to.deep.equal(['service']);
    form.click();
    expect((window as { __placeholderHacked?: boolean }).__placeholderHacked).to.equal(undefined);
    expect(warnings.join('\n')).to.contain('takes no attribute "onclick"');
    expect(warnings.join('\n')).to.contain('data-my-pages-url="javascript:window.__placeholderHacked=true" on a <e-service-form> placeholder is not a web address');
    expect(warnings.join('\n')).to.contain('takes no attribute "style"');
  });
});
