import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { Answers } from '../../src/contract/cases.js';
import type { EServiceForm } from '../../src/elements/e-service-form/e-service-form.component.js';
import { $, backend, formReady, shadow, submitButton } from './helpers.js';

/** A number's unit on *Granska dina uppgifter*: "villkor" (test/fixtures/services/) asks the cost in kronor, one krona. */

const ANSWERS = {
  namn: 'Exempelby IF', medlemmar: '120', ungdom: false, typ: 'projekt',
  projektnamn: 'Sommarläger', kontaktnamn: 'Anna Andersson', epost: 'anna@example.com', intygar: true,
};

async function review(lang: 'sv' | 'en', kostnad: string) {
  sessionStorage.clear();
  const el = await fixture<EServiceForm>(html`<e-service-form lang=${lang} service="villkor" backend=${backend}></e-service-form>`);
  await formReady(el);
  el.setAnswers({ ...ANSWERS, kostnad } as Answers);
  for (let step = 0; step < 3; step++) {
    await el.updateComplete;
    submitButton(el).click();
  }
  await el.updateComplete;
  // English is fetched the first time it is needed.
  const title = lang === 'sv' ? 'Granska dina uppgifter' : 'Check your answers';
  await waitUntil(() => $(el, '.page-title').textContent!.trim() === title, `not "${title}"`);
  const row = [...shadow(el).querySelectorAll('.summary-list__row')].find((r) => ['Kostnad', 'Cost'].includes(r.querySelector('dt')!.textContent!.trim()))!;
  return { el, cost: row.querySelector('.summary-list__value')!.textContent!.replace(/\s+/g, ' ').trim() };
}

describe('a number with a unit on the review page', () => {
  afterEach(() => sessionStorage.clear());

  it('says "1 krona" and "2 kronor", accessibly', async () => {
    const one = await review('sv', '1');
    expect(one.cost).to.equal('1 krona');
    await expect(one.el).to.be.accessible();
    expect((await review('sv', '2')).cost).to.equal('2 kronor');
  });

  it('in English too', async () => {
    expect((await review('en', '1')).cost).to.equal('1 krona');
    expect((await review('en', '20000')).cost).to.equal('20000 kronor');
  });
});
