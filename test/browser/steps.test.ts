import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { Answers } from '../../src/contract/cases.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import { $, backend, control, focused, formReady, question, shadow, submitButton } from './helpers.js';

/** "villkor" (test/fixtures/services/): three steps, the second shown only for a project. */
const STEP_ONE = { namn: 'Exempelby IF', medlemmar: '120', ungdom: false, typ: 'projekt' };
const STEP_TWO = { projektnamn: 'Sommarläger', kostnad: '20000' };
const STEP_THREE = { kontaktnamn: 'Anna Andersson', epost: 'anna@example.com', intygar: true };

const text = (el: EServiceForm, selector: string) => $(el, selector).textContent!.replace(/\s+/g, ' ').trim();
const summary = (el: EServiceForm) => [...shadow(el).querySelectorAll('.error-summary a')].map((a) => a.textContent);

async function open(lang?: string): Promise<EServiceForm> {
  const el = await fixture<EServiceForm>(
    lang
      ? html`<e-service-form lang=${lang} service="villkor" backend=${backend}></e-service-form>`
      : html`<e-service-form service="villkor" backend=${backend}></e-service-form>`,
  );
  await formReady(el);
  return el;
}

async function continueTo(el: EServiceForm, answers: Answers) {
  el.setAnswers({ ...(el as unknown as { answers: Answers }).answers, ...answers });
  await el.updateComplete;
  const before = text(el, '.page-title');
  submitButton(el).click();
  // The next page, or the errors that keep the citizen here (the review's part may come a moment later).
  await waitUntil(() => text(el, '.page-title') !== before || shadow(el).querySelector('.error-summary'), 'Continue did nothing');
  await el.updateComplete;
}

describe('<e-service-form> with steps', () => {
  beforeEach(() => sessionStorage.clear());

  it('shows where the citizen is, and checks only the current step on Continue', async () => {
    const el = await open();
    // The project step joins only when the grant is for a project.
    expect(text(el, '[part=step-indicator]')).to.equal('Steg 1 av 2');
    expect(text(el, '.page-title')).to.equal('Föreningen');
    expect(submitButton(el).textContent!.trim()).to.equal('Fortsätt');
    await expect(el).to.be.accessible();
    submitButton(el).click();
    await el.updateComplete;
    expect(summary(el)).to.deep.equal([
      'Fyll i ”Föreningens namn”', 'Fyll i ”Antal medlemmar”', 'Välj ett alternativ för ”Har föreningen ungdomsverksamhet?”', 'Välj ett alternativ för ”Vad söker ni bidrag för?”',
    ]);
    await expect(el).to.be.accessible();
  });

  it('asks follow-up questions and steps as the answers call for them', async () => {
    const el = await open();
    expect(shadow(el).querySelector('#field-ungaMedlemmar')).to.equal(null);
    control(el, 'ungdom').click(); // Ja
    await el.updateComplete;
    expect(shadow(el).querySelector('#field-ungaMedlemmar')).not.to.equal(null);
    question(el, 'typ').shadowRoot!.querySelector<HTMLInputElement>('#control-1')!.click(); // projekt
    await el.updateComplete;
    expect(text(el, '[part=step-indicator]')).to.equal('Steg 1 av 3');
    question(el, 'typ').shadowRoot!.querySelector<HTMLInputElement>('#control')!.click(); // drift
    await el.updateComplete;
    expect(text(el, '[part=step-indicator]')).to.equal('Steg 1 av 2');
  });

  it('moves between steps with Continue, Back and the browser’s back button, keeping the answers', async () => {
    const el = await open();
    await continueTo(el, STEP_ONE);
    expect(text(el, '.page-title')).to.equal('Projektet');
    expect(text(el, '[part=step-indicator]')).to.equal('Steg 2 av 3');
    expect(focused(el)).to.equal($(el, '.page-title'));
    await expect(el).to.be.accessible();

    $(el, '[part=back-button]').click();
    await waitUntil(() => text(el, '.page-title') === 'Föreningen', 'Back did not return to step 1');
    expect(control(el, 'namn').value).to.equal('Exempelby IF');

    await continueTo(el, {});
    await continueTo(el, STEP_TWO);
    expect(text(el, '.page-title')).to.equal('Kontaktperson');
    history.back();
    await waitUntil(() => text(el, '.page-title') === 'Projektet', 'the browser’s back button did not return to step 2');
    expect(control(el, 'projektnamn').value).to.equal('Sommarläger');
  });

  it('lets the citizen check the answers, change one and come back, then send', async () => {
    const el = await open();
    await continueTo(el, STEP_ONE);
    await continueTo(el, STEP_TWO);
    await continueTo(el, STEP_THREE);
    expect(text(el, '.page-title')).to.equal('Granska dina uppgifter');
    const rows = [...shadow(el).querySelectorAll('.summary-list__row')].map((row) => [
      row.querySelector('dt')!.textContent!.trim(), row.querySelector('.summary-list__value')!.textContent!.replace(/\s+/g, ' ').trim(),
    ]);
    expect(rows).to.deep.include.members([
      ['Föreningens namn', 'Exempelby IF'], ['Har föreningen ungdomsverksamhet?', 'Nej'], ['Vad söker ni bidrag för?', 'Ett projekt'],
      ['Kostnad', '20000 kronor'], ['Budget i korthet', 'Inte angivet'], ['Jag intygar att uppgifterna är riktiga', 'Ja'],
    ]);
    expect(rows.map(([key]) => key)).not.to.include('Antal medlemmar under 20 år');
    expect(submitButton(el).textContent!.trim()).to.equal('Skicka');
    await expect(el).to.be.accessible();

    const change = [...shadow(el).querySelectorAll<HTMLButtonElement>('.summary-list__row button')].find((b) => b.textContent!.includes('Kostnad'))!;
    expect(change.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Ändra Kostnad');
    change.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await waitUntil(() => focused(el) === control(el, 'kostnad'), 'Change did not move focus to the question');
    await sendKeys({ press: 'End' });
    await sendKeys({ type: '0' });
    await sendKeys({ press: 'Enter' });
    // 200000 kronor now makes the budget required.
    await waitUntil(() => summary(el).length === 1, 'the new rule was not applied');
    expect(summary(el)).to.deep.equal(['Fyll i ”Budget i korthet”']);
    await continueTo(el, { budget: 'Buss 120 000, mat 80 000' });
    expect(text(el, '.page-title')).to.equal('Granska dina uppgifter');

    const sent = oneEvent(el, 'e-service-submitted');
    submitButton(el).click();
    const { detail } = await sent;
    expect(detail.caseNumber).to.match(/^VIL-\d{4}-\d{5}$/);
    expect(Object.keys(sessionStorage).filter((key) => key.startsWith('esk:form:'))).to.deep.equal([]);
  });

  it('keeps unsent answers through a reload of the page, and says so', async () => {
    const first = await open();
    await continueTo(first, STEP_ONE);
    first.remove();
    const again = await open();
    expect(text(again, '.page-title')).to.equal('Projektet');
    expect(text(again, '[role=status]')).to.equal('Vi har fyllt i de svar du skrev tidigare.');
    $(again, '[part=back-button]').click();
    await waitUntil(() => shadow(again).querySelector('#field-namn'));
    expect(control(again, 'namn').value).to.equal('Exempelby IF');
  });

  it('forgets the unsent answers, on the page and in the tab, when the citizen logs out', async () => {
    const el = await open();
    await continueTo(el, STEP_ONE);
    expect(Object.keys(sessionStorage).some((key) => key.startsWith('esk:form:'))).to.equal(true);
    window.dispatchEvent(new CustomEvent('eid-logout', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(Object.keys(sessionStorage).filter((key) => key.startsWith('esk:form:'))).to.deep.equal([]);
    expect(text(el, '.page-title')).to.equal('Föreningen');
    expect(control(el, 'namn').value).to.equal('');
  });

  it('asks before the citizen leaves with unsent answers, and not before', async () => {
    const el = await open();
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).to.equal(false);
    el.setAnswers({ namn: 'Exempelby IF' });
    expect(leave()).to.equal(true);
  });

  it('speaks English throughout', async () => {
    const el = await open('en');
    expect(text(el, '[part=step-indicator]')).to.equal('Step 1 of 2');
    expect(submitButton(el).textContent!.trim()).to.equal('Continue');
    await continueTo(el, STEP_ONE);
    expect(text(el, '[part=back-button]')).to.equal('Back');
    await continueTo(el, STEP_TWO);
    await continueTo(el, STEP_THREE);
    expect(text(el, '.page-title')).to.equal('Check your answers');
    expect(text(el, '.summary-list__row button')).to.match(/^Change /);
  });
});
