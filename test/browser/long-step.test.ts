import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { KitClient } from '../../src/client/kit-client.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import { stressForm } from '../../bench/stress-definition.js';
import { control, focused, shadow, submitButton } from './helpers.js';

/** The bench's 300 questions on one step (255 shown until q001 is answered), served from memory. */
const definition = JSON.stringify(stressForm('stress-300-one-step'));
const client = new KitClient('http://kit.test/', async () => new Response(definition, { status: 200, headers: { 'Content-Type': 'application/json' } }));

const shownIds = (el: EServiceForm) => [...shadow(el).querySelectorAll('form > [id^="field-"]')].map((element) => element.id.slice('field-'.length));

async function open(): Promise<EServiceForm> {
  const el = await fixture<EServiceForm>(html`<e-service-form service="stress-300-one-step" .client=${client}></e-service-form>`);
  await waitUntil(() => shadow(el).querySelector('form'), 'the form did not render', { timeout: 15_000 });
  return el;
}

describe('<e-service-form> with a step of 300 questions', () => {
  beforeEach(() => sessionStorage.clear());

  it('shows the first questions at once and the rest, in order, right after', async () => {
    const el = await open();
    const first = shownIds(el);
    // The first frame holds what a screen shows, not all 300.
    expect(first.length).to.be.greaterThan(5).and.lessThan(40);
    await el.updateComplete;
    const all = shownIds(el);
    // In the definition's order (as screen readers and Tab meet them), the first ones first.
    const order = JSON.parse(definition).steps[0].fields.map((field: { id: string }) => field.id);
    expect(all.length).to.be.greaterThan(200);
    expect(all.slice(0, first.length)).to.deep.equal(first);
    expect(all).to.deep.equal(order.filter((id: string) => all.includes(id)));
    expect(shadow(el).querySelector('#field-q299')).not.to.equal(null);
  });

  it('leads from the error summary to a question far down the step', async () => {
    const el = await open();
    await el.updateComplete;
    submitButton(el).click();
    await waitUntil(() => shadow(el).querySelector('.error-summary a'), 'no error summary', { timeout: 10_000 });
    const links = [...shadow(el).querySelectorAll<HTMLAnchorElement>('.error-summary a')];
    expect(links.length).to.be.greaterThan(100);
    const last = links.at(-1)!;
    const target = last.getAttribute('href')!.slice('#field-'.length);
    expect(Number(target.slice(1))).to.be.greaterThan(250);
    last.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).activeElement?.id === `field-${target}` && focused(el) !== shadow(el).activeElement, `focus did not reach ${target}`);
    await expect(el).to.be.accessible();
  });

  it('types into a question below the first screenful and keeps the answer', async () => {
    const el = await open();
    await el.updateComplete;
    const input = control(el, 'q242');
    input.focus();
    await sendKeys({ type: 'Lång' });
    await el.updateComplete;
    expect((el as unknown as { answers: Record<string, unknown> }).answers.q242).to.equal('Lång');
    expect(input.value).to.equal('Lång');
  });
});
