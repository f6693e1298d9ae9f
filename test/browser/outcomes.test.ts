import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import { $, backend, control, focused, formReady, shadow, submitButton } from './helpers.js';

/**
 * "varmepump" (a demo e-service, server/demo-services/, loaded by the browser tests' backend): a heat pump over
 * 100 kW ends the form (it needs a permit, not a notice), and a well nearer than 30 m is warned about without
 * stopping the citizen.
 */
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const WARNING = 'Varning: Avståndet till brunnen är kortare än 30 m – kontrollera att det stämmer';

async function open(): Promise<EServiceForm> {
  const el = await fixture<EServiceForm>(html`<e-service-form service="varmepump" backend=${backend}></e-service-form>`);
  await formReady(el);
  return el;
}

/** Types into a question of a repeating group's item (`group.index.id`). */
async function typeInGroup(el: EServiceForm, path: string, value: string) {
  const [groupId, index, id] = path.split('.');
  const group = shadow(el).querySelector<HTMLElement>(`#field-${groupId}`)!;
  await (group as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  const item = group.shadowRoot!.querySelector<HTMLElement>(`#field-${groupId}-${index}-${id}`)!;
  await (item as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  item.shadowRoot!.querySelector<HTMLInputElement>('#control')!.focus();
  await sendKeys({ type: value });
  await el.updateComplete;
}

async function typeInto(el: EServiceForm, path: string, value: string) {
  control(el, path).focus();
  await sendKeys({ type: value });
  await el.updateComplete;
}

describe('<e-service-form> outcomes and warnings', () => {
  beforeEach(() => sessionStorage.clear());

  it('ends the form on an answer that makes the citizen not eligible: the reason, no Send, and the way back by keyboard', async () => {
    const el = await open();
    await typeInto(el, 'effekt', '150');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).querySelector('[part=outcome]'), 'the form did not end');
    const outcome = $(el, '[part=outcome]');
    expect(text(outcome.querySelector('h3'))).to.equal('Anläggningen kräver tillstånd');
    expect(text(outcome)).to.contain('En värmepump på mer än 100 kW anmäls inte här: den kräver tillstånd.');
    expect(shadow(el).querySelector('form'), 'no questions, no Send').to.equal(null);
    await waitUntil(() => focused(el)?.id === 'outcome-title', 'focus did not move to the outcome');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Tab' });
    expect(text(focused(el))).to.equal('Ändra dina svar');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).querySelector('form'), 'the questions did not come back');
    expect(control(el, 'effekt').value, 'the answer is kept to change').to.equal('150');
    await typeInto(el, 'effekt', '{Backspace}');
    control(el, 'effekt').select();
    await sendKeys({ type: '12' });
    submitButton(el).click();
    await waitUntil(() => text(shadow(el).querySelector('.page-title')) === 'Borrhålet', 'Continue did not go on');
    await expect(el).to.be.accessible();
  });

  it('warns beside an answer, says so as it comes, repeats it on the review, and still sends', async () => {
    const el = await open();
    await typeInto(el, 'effekt', '12');
    submitButton(el).click();
    await waitUntil(() => text(shadow(el).querySelector('.page-title')) === 'Borrhålet', 'no second step');
    await el.updateComplete;
    await typeInGroup(el, 'borrhal.0.djup', '120');
    await typeInto(el, 'brunn', '25');
    const warning = await waitUntil(() => shadow(el).querySelector('[part=warning]'), 'no warning').then(() => $(el, '[part=warning]'));
    expect(text(warning)).to.equal(WARNING);
    expect(warning.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
    await typeInto(el, 'fastighet', 'Exempelby Ängen 1:23');
    submitButton(el).click();
    await waitUntil(() => text(shadow(el).querySelector('.page-title')) === 'Granska dina uppgifter', 'no review');
    expect([...shadow(el).querySelectorAll('.summary-list .warning')].map((p) => text(p))).to.deep.equal([WARNING]);
    expect([...shadow(el).querySelectorAll('.summary-list [part=computed]')].map((p) => text(p))).to.deep.equal(['Totalt borrdjup: 120 m', 'Antal borrhål: 1']);
    await expect(el).to.be.accessible();
    const sent = oneEvent(el, 'e-service-submitted');
    submitButton(el).click();
    expect((await sent).detail.caseNumber).to.match(/^VP-/);
  });

  it('works out the sum over the boreholes as the citizen types, says it, and ends the form past 800 m in all', async () => {
    const el = await open();
    await typeInto(el, 'effekt', '12');
    submitButton(el).click();
    await waitUntil(() => text(shadow(el).querySelector('.page-title')) === 'Borrhålet', 'no second step');
    await el.updateComplete;
    await typeInGroup(el, 'borrhal.0.djup', '400');
    const total = () => text(shadow(el).querySelector('[part=computed] output'));
    await waitUntil(() => total() === '400 m', `the sum said ${total()}`);
    // An <output>: a screen reader hears the new sum as it changes.
    expect(shadow(el).querySelector('[part=computed] output')).to.not.equal(null);
    await expect(el).to.be.accessible();
    const group = shadow(el).querySelector<HTMLElement>('#field-borrhal')!;
    [...group.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Lägg till'))!.click();
    await el.updateComplete;
    await typeInGroup(el, 'borrhal.1.djup', '401');
    await waitUntil(() => total() === '801 m', `the sum said ${total()}`);
    await typeInto(el, 'brunn', '40');
    await typeInto(el, 'fastighet', 'Exempelby Ängen 1:23');
    submitButton(el).click();
    await waitUntil(() => text(shadow(el).querySelector('[part=outcome] h3')) === 'Borrningen kräver tillstånd', 'the form did not end past 800 m');
  });

  it('takes the warning away when the answer no longer meets it', async () => {
    const el = await open();
    await typeInto(el, 'effekt', '12');
    submitButton(el).click();
    await waitUntil(() => text(shadow(el).querySelector('.page-title')) === 'Borrhålet', 'no second step');
    await el.updateComplete;
    await typeInGroup(el, 'borrhal.0.djup', '100');
    await typeInto(el, 'brunn', '2');
    await waitUntil(() => shadow(el).querySelector('[part=warning]'), 'no warning');
    await typeInto(el, 'brunn', '50');
    await waitUntil(() => !shadow(el).querySelector('[part=warning]'), 'the warning stayed at 250 m');
    await expect(el).to.be.accessible();
  });
});
