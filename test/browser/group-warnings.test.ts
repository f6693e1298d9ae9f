import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import { $, backend, control, focused, formReady, question, shadow, submitButton } from './helpers.js';

/**
 * Warnings inside a repeating group: "varmepump" (a demo e-service, server/demo-services/) warns of a borehole deeper
 * than 300 m beside that borehole's depth — each item on its own — as it warns of a near well beside a top-level
 * answer: said as it comes, repeated on the review under its item, and never in the way of sending.
 */
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const DEEP = 'Varning: Ett borrhål djupare än 300 m är ovanligt – kontrollera att djupet stämmer';

const group = (el: EServiceForm) => $(el, '#field-borrhal');
/** The warnings the group shows, each with the path of the question it follows. */
const groupWarnings = (el: EServiceForm) => [...group(el).shadowRoot!.querySelectorAll('[part=warning]')].map((warning) => {
  const before = warning.previousElementSibling;
  return `${before?.getAttribute('path')}: ${text(warning)}`;
});

async function typeHere(el: EServiceForm, value: string) {
  await sendKeys({ type: value });
  await el.updateComplete;
  await (group(el) as unknown as { updateComplete: Promise<unknown> }).updateComplete;
}

describe('<e-service-form> warnings inside a repeating group', () => {
  beforeEach(() => sessionStorage.clear());

  it('warns beside the one borehole that meets the warning, by keyboard, on the review too, and still sends', async () => {
    const el = await fixture<EServiceForm>(html`<e-service-form service="varmepump" backend=${backend}></e-service-form>`);
    await formReady(el);
    control(el, 'effekt').focus();
    await sendKeys({ type: '12' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(shadow(el).querySelector('.page-title')) === 'Borrhålet', 'Continue did not go on');
    await el.updateComplete;
    await waitUntil(() => group(el).shadowRoot?.querySelector('[path="borrhal.0.djup"]'), 'no first borehole');

    // The first borehole, 320 m: the warning follows its depth, as a status that is said when it comes.
    control(el, 'borrhal.0.djup').focus();
    await typeHere(el, '320');
    await waitUntil(() => groupWarnings(el).length === 1, 'no warning beside the borehole');
    expect(groupWarnings(el)).to.deep.equal([`borrhal.0.djup: ${DEEP}`]);
    expect(group(el).shadowRoot!.querySelector('[part=warning]')!.getAttribute('role')).to.equal('status');
    expect(shadow(el).querySelector('[part=warning]'), 'no warning of the well yet').to.equal(null);
    await expect(el).to.be.accessible();

    // Tab past the warning (it takes no focus) to "Lägg till borrhål", Enter, Tab into the new borehole: 120 m, no warning.
    await sendKeys({ press: 'Tab' });
    expect(text(focused(el))).to.equal('Lägg till borrhål');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => group(el).shadowRoot!.querySelector('[path="borrhal.1.djup"]'), 'no second borehole');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(control(el, 'borrhal.1.djup'));
    await typeHere(el, '120');
    expect(groupWarnings(el)).to.deep.equal([`borrhal.0.djup: ${DEEP}`]);
    await expect(el).to.be.accessible();

    // The second borehole goes past 300 m as well, then the first comes back to 30 m: each item is warned of on its own.
    await typeHere(el, '0');
    await waitUntil(() => groupWarnings(el).length === 2, `the second borehole (1200 m?) ${groupWarnings(el).join(' | ')}`);
    control(el, 'borrhal.1.djup').select();
    await typeHere(el, '310');
    control(el, 'borrhal.0.djup').focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    await waitUntil(() => groupWarnings(el).length === 1, `the first borehole's warning stayed: ${groupWarnings(el).join(' | ')}`);
    expect(groupWarnings(el)).to.deep.equal([`borrhal.1.djup: ${DEEP}`]);
    expect(question(el, 'borrhal.0.djup')).to.not.equal(null);

    control(el, 'brunn').focus();
    await sendKeys({ type: '40' });
    control(el, 'fastighet').focus();
    await sendKeys({ type: 'Exempelby Ängen 1:23' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(shadow(el).querySelector('.page-title')) === 'Granska dina uppgifter', 'no review');
    // On the review the warning follows the depth of Borrhål 2, and only that one.
    const items = [...shadow(el).querySelectorAll('.summary-list .review-item')];
    expect(items.map((item) => text(item))).to.deep.equal(['Borrhål 1 Djup: 32 m', `Borrhål 2 Djup: 310 m${DEEP}`]);
    expect([...shadow(el).querySelectorAll('.summary-list .warning')].map((p) => text(p))).to.deep.equal([DEEP]);
    expect(text(items[1]!.querySelector('li .warning'))).to.equal(DEEP);
    await expect(el).to.be.accessible();

    const sent = oneEvent(el, 'e-service-submitted');
    submitButton(el).focus();
    await sendKeys({ press: 'Enter' });
    expect((await sent).detail.caseNumber).to.match(/^VP-/);
  });
});
