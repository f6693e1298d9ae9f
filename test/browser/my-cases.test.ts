import type { CaseSummary } from '../../src/contract/my-pages.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import '../../src/elements/my-cases/my-cases.js';
import { KitClient } from '../../src/client/kit-client.js';
import type { MyCases } from '../../src/elements/my-cases/my-cases.component.js';
import {
  AWAITING_PAYMENT_DETAILS, AWAITING_PAYMENT_ROW, PAID_DETAILS, PAID_ROW,
  CITIZEN, DETAILS_OLD_VERSION, EMPTY_PAGE, FIRST_PAGE, IDS, MY_PAGES_BACKEND_URL, SECOND_PAGE, SKOLSKJUTS_DEFINITION, myPagesBackend, type MyPagesScript,
} from '../../stories/support/my-pages-example.js';
import {
  CERTIFICATE, CHILD, COPY, COSIGN_IDS, EXPIRED_DETAILS, EXPIRED_ROW, OVERVIEW_EXPIRED, cosignBackend, type CosignScript,
} from '../../stories/support/cosign-example.js';
import { focused, shadow } from './helpers.js';
import { renderCasePayment } from '../../src/elements/my-cases/payment.js';
import type { CasePayment } from '../../src/contract/payments.js';

/**
 * <my-cases> against a scripted fake backend passed as the KitClient's fetch. Each test has a
 * backend URL of its own, so no session store is shared between tests.
 */

let tests = 0;

async function mount(script: MyPagesScript, continueUrl?: string) {
  const base = `${MY_PAGES_BACKEND_URL}cases${++tests}/`;
  const backend = myPagesBackend(script, base);
  const client = new KitClient(base, backend.fetch);
  const el = await fixture<MyCases>(html`<my-cases .client=${client} continue-url=${continueUrl ?? ''}></my-cases>`);
  return { el, backend, client, base };
}

/** <my-cases> with a case others must sign too: the fake backend answers the nested <cosign-status> as well. */
async function mountCosigned(script: CosignScript = {}, continueUrl = '/{serviceId}.html?case={id}') {
  const base = `${MY_PAGES_BACKEND_URL}cosigned${++tests}/`;
  const backend = cosignBackend({ user: CITIZEN, ...script }, base);
  const el = await fixture<MyCases>(html`<my-cases .client=${new KitClient(base, backend.fetch)} continue-url=${continueUrl}></my-cases>`);
  return { el, backend };
}

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** As rendered: block elements apart. */
const shown = (node: Element | null | undefined) => (node as HTMLElement | null | undefined)?.innerText?.replace(/\s+/g, ' ').trim() ?? '';
const all = (el: HTMLElement, selector: string) => [...shadow(el).querySelectorAll<HTMLElement>(selector)];
const liveRegion = (el: HTMLElement) => text(shadow(el).querySelector('.base > [role=status]'));

function button(root: ParentNode, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label || text(b).startsWith(`${label} `));
  if (!found) throw new Error(`no button "${label}" (there are: ${[...root.querySelectorAll('button')].map((b) => text(b)).join(', ')})`);
  return found;
}

async function press(target: HTMLElement, key = 'Enter') {
  target.focus();
  await sendKeys({ press: key });
}

async function ready(el: MyCases) {
  await waitUntil(() => shadow(el).querySelector('.case, [part=empty]'), 'the list did not appear', { timeout: 5000 });
  await el.updateComplete;
}

/** Each group's heading and the case numbers (or titles, for drafts) under it. */
const groups = (el: MyCases) =>
  all(el, '.group').map((group) => ({
    title: text(group.querySelector('h3')),
    rows: [...group.querySelectorAll('.case')].map((row) => text(row.querySelector('h4'))),
  }));

describe('<my-cases>', () => {
  it('is registered by the one-file kit when the page first holds one of Mina sidor\'s widgets', async () => {
    // <my-profile> is not imported by this file: src/index.ts fetches it when one appears.
    expect(customElements.get('my-profile')).to.equal(undefined);
    const element = document.createElement('my-profile');
    document.body.append(element);
    await customElements.whenDefined('my-profile');
    element.remove();
  });

  it('asks for a login when nobody is logged in, and lists the cases after it', async () => {
    const { el } = await mount({});
    await waitUntil(() => shadow(el).querySelector('eid-login'), 'no login');
    await expect(el).to.be.accessible();
    expect(text(shadow(el).querySelector('[part=login-notice]'))).to.equal('Logga in med e-legitimation för att se dina ärenden.');
    const login = shadow(el).querySelector('eid-login')!;
    await waitUntil(() => login.shadowRoot?.querySelector('button'), 'no login buttons');
    await press(button(login.shadowRoot!, 'BankID på en annan enhet'));
    await ready(el);
    expect(all(el, '.case')).to.have.length(7);
  });

  it('is loading while the list is on its way', async () => {
    const { el } = await mount({ user: CITIZEN, cases: ['never'] });
    await waitUntil(() => text(shadow(el).querySelector('[part=loading]')) === 'Hämtar dina ärenden…');
    await expect(el).to.be.accessible();
    expect(shadow(el).querySelector('[part=loading]')!.getAttribute('aria-busy')).to.equal('true');
  });

  it('says what went wrong and tries again by keyboard', async () => {
    const { el, backend } = await mount({ user: CITIZEN, cases: ['network-error', FIRST_PAGE] });
    await waitUntil(() => shadow(el).querySelector('[part=load-error]'));
    await expect(el).to.be.accessible();
    expect(text(shadow(el).querySelector('[part=load-error] p'))).to.equal('Dina ärenden kunde inte hämtas just nu.');
    await press(button(shadow(el), 'Försök igen'));
    await ready(el);
    expect(backend.sent.filter((r) => r.path === 'api/my/cases')).to.have.length(2);
  });

  it('has an empty state that says what will be here', async () => {
    const { el } = await mount({ user: CITIZEN, cases: [EMPTY_PAGE] });
    await ready(el);
    await expect(el).to.be.accessible();
    expect(text(shadow(el).querySelector('[part=empty]'))).to.equal(
      'Du har inga ärenden ännu. Här ser du e-tjänster du har skickat in eller sparat.',
    );
    expect(shadow(el).querySelector('[part=more-button]')).to.equal(null);
  });

  it('groups drafts, ongoing and closed cases from several municipalities, with statuses, dates and unread messages', async () => {
    const { el } = await mount({ user: CITIZEN });
    await ready(el);
    await expect(el).to.be.accessible();
    expect(groups(el)).to.deep.equal([
      { title: 'Ej inskickade', rows: ['Ansökan om skolskjuts', 'Ansökan om bygglov'] },
      { title: 'Pågående', rows: ['Ansökan om skolskjuts', 'Ansökan om plats i förskola', 'Ansökan om bygglov', 'Anmälan om specialkost'] },
      { title: 'Avslutade', rows: ['Felanmälan: gata, park och belysning'] },
    ]);
    const rows = all(el, '.case');
    const ongoing = rows[2]!;
    expect(shown(ongoing.querySelector('.case__meta'))).to.equal(
      'Kommun: Exempelby kommun Ärendenummer: SKJ-2026-00042 Inskickat: 2 november 2026 Status: Under handläggning',
    );
    expect(text(ongoing.querySelector('[part=unread]'))).to.equal('2 olästa meddelanden');
    // Waiting for the other guardian: not sent, so when Anna signed it.
    expect(shown(rows[3]!.querySelector('.case__meta'))).to.equal(
      'Kommun: Exempelby kommun Ärendenummer: FSK-2026-00007 Underskrivet: 28 oktober 2026 Status: Väntar på flerpartssignering',
    );
    expect(text(rows[4]!.querySelector('[part=unread]'))).to.equal('1 oläst meddelande');
    expect(text(rows[1]!.querySelector('.case__meta'))).to.contain('Grannby kommun');
    expect(all(el, '[part=status-tag]').map(text)).to.deep.equal([
      'Utkast', 'Utkast', 'Under handläggning', 'Väntar på flerpartssignering', 'Väntar på komplettering', 'Inskickat', 'Avslutat',
    ]);
    // A draft saved at 15:30 UTC on 20 November: the 20th in Stockholm too.
    expect(shown(rows[0]!.querySelector('.case__meta'))).to.equal('Kommun: Exempelby kommun Senast sparat: 20 november 2026 Status: Utkast');
  });

  it('speaks English with English dates', async () => {
    const { el } = await mount({ user: CITIZEN });
    el.setAttribute('lang', 'en');
    await ready(el);
    await waitUntil(() => text(shadow(el).querySelector('h2')) === 'My cases');
    expect(groups(el).map((group) => group.title)).to.deep.equal(['Not sent', 'Ongoing', 'Closed']);
    expect(shown(all(el, '.case')[2]!.querySelector('.case__meta'))).to.contain('Sent: 2 November 2026');
    expect(shown(all(el, '.case')[3]!.querySelector('.case__meta'))).to.contain('Signed: 28 October 2026');
    expect(shown(all(el, '.case')[3]!.querySelector('.case__meta'))).not.to.contain('Sent');
    await expect(el).to.be.accessible();
  });

  it('makes no link of a continue-url that is not a web address: a button that fires my-cases-continue instead', async () => {
    const { el } = await mount({ user: CITIZEN }, 'javascript:window.__continueHacked=true//{id}');
    await ready(el);
    expect(all(el, 'a[part=continue-button]')).to.have.length(0);
    const button = all(el, 'button[part=continue-button]')[0]!;
    const fired = oneEvent(el, 'my-cases-continue');
    await press(button);
    expect((await fired).detail).to.deep.equal({ id: IDS.draftSkolskjuts, serviceId: 'skolskjuts' });
    expect((window as { __continueHacked?: boolean }).__continueHacked).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('continues a draft by a link made from continue-url, and fires my-cases-continue', async () => {
    const { el } = await mount({ user: CITIZEN }, '/e-tjanster/{serviceId}.html?draft={id}');
    await ready(el);
    const link = all(el, 'a[part=continue-button]')[0]!;
    expect(link.getAttribute('href')).to.equal(`/e-tjanster/skolskjuts.html?draft=${IDS.draftSkolskjuts}`);
    expect(text(link)).to.equal('Fortsätt Ansökan om skolskjuts');
    // The page takes over: the link is not followed.
    el.addEventListener('my-cases-continue', (event) => event.preventDefault(), { once: true });
    const fired = oneEvent(el, 'my-cases-continue');
    await press(link);
    const event = await fired;
    expect(event.detail).to.deep.equal({ id: IDS.draftSkolskjuts, serviceId: 'skolskjuts', url: `/e-tjanster/skolskjuts.html?draft=${IDS.draftSkolskjuts}` });
  });

  it('deletes a draft after a confirmation, by keyboard; Cancel keeps it', async () => {
    const { el, backend } = await mount({ user: CITIZEN });
    await ready(el);
    const row = () => all(el, '.case')[1]!;
    await press(button(row(), 'Ta bort'));
    await el.updateComplete;
    expect(text(row().querySelector('[part=confirm] p'))).to.equal('Vill du ta bort ”Ansökan om bygglov”? Det du har fyllt i går inte att få tillbaka.');
    expect(focused(el)?.id).to.equal(`confirm-${IDS.draftBygglov}`);
    await expect(el).to.be.accessible();

    await press(button(row(), 'Avbryt'));
    await el.updateComplete;
    expect(focused(el)?.id).to.equal(`delete-${IDS.draftBygglov}`);
    expect(backend.sent.some((r) => r.method === 'DELETE')).to.equal(false);

    await press(button(row(), 'Ta bort'));
    await el.updateComplete;
    const deleted = oneEvent(el, 'my-cases-deleted');
    await press(button(row(), 'Ja, ta bort'));
    expect((await deleted).detail.id).to.equal(IDS.draftBygglov);
    await el.updateComplete;
    expect(backend.sent.filter((r) => r.method === 'DELETE').map((r) => r.path)).to.deep.equal([`api/drafts/${IDS.draftBygglov}`]);
    expect(groups(el)[0]!.rows).to.deep.equal(['Ansökan om skolskjuts']);
    expect(liveRegion(el)).to.equal('”Ansökan om bygglov” är borttaget.');
    // The last draft: the row that now stands where it stood, the first ongoing case, and Tab reaches its button.
    expect(focused(el)?.id).to.equal(`case-${IDS.caseSkolskjuts}`);
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.id).to.equal(`open-${IDS.caseSkolskjuts}`);
    await expect(el).to.be.accessible();
  });

  it('after deleting gives focus to the next draft, and to the list’s heading once nothing is left', async () => {
    const { el } = await mount({ user: CITIZEN, cases: [{ items: FIRST_PAGE.items.filter((item) => item.status === 'draft') }] });
    await ready(el);
    await press(button(all(el, '.case')[0]!, 'Ta bort'));
    await el.updateComplete;
    await press(button(all(el, '.case')[0]!, 'Ja, ta bort'));
    await waitUntil(() => all(el, '.case').length === 1, 'the draft stays listed');
    await el.updateComplete;
    expect(focused(el)?.id).to.equal(`case-${IDS.draftBygglov}`);
    await sendKeys({ press: 'Tab' });
    expect(text(focused(el))).to.equal('Fortsätt Ansökan om bygglov');
    await expect(el).to.be.accessible();

    await press(button(all(el, '.case')[0]!, 'Ta bort'));
    await el.updateComplete;
    await press(button(all(el, '.case')[0]!, 'Ja, ta bort'));
    await waitUntil(() => all(el, '.case').length === 0, 'the draft stays listed');
    await el.updateComplete;
    expect(text(shadow(el).querySelector('[part=empty]'))).not.to.equal('');
    expect(focused(el)?.id).to.equal('list-title');
    await expect(el).to.be.accessible();
  });

  it('keeps the draft and says so when deleting fails', async () => {
    const { el } = await mount({ user: CITIZEN, deleteDraft: { problem: { status: 500 } } });
    await ready(el);
    await press(button(all(el, '.case')[0]!, 'Ta bort'));
    await el.updateComplete;
    await press(button(all(el, '.case')[0]!, 'Ja, ta bort'));
    await waitUntil(() => shadow(el).querySelector('[part=confirm] [role=alert]'));
    expect(text(shadow(el).querySelector('[part=confirm] [role=alert]'))).to.equal('Det gick inte att ta bort. Försök igen.');
    expect(all(el, '.case')).to.have.length(7);
    await expect(el).to.be.accessible();
  });

  it('is busy while more rows are on their way', async () => {
    const { el } = await mount({ user: CITIZEN, pages: { 'page-2': 'never' } });
    await ready(el);
    const more = shadow(el).querySelector<HTMLButtonElement>('[part=more-button]')!;
    await press(more);
    await el.updateComplete;
    expect(text(more)).to.equal('Hämtar fler…');
    expect(more.getAttribute('aria-disabled')).to.equal('true');
    expect(liveRegion(el)).to.equal('Hämtar fler…');
    await expect(el).to.be.accessible();
  });

  it('shows more with "Visa fler" by keyboard, and moves focus to the first new row', async () => {
    const { el, backend } = await mount({ user: CITIZEN, pages: { 'page-2': SECOND_PAGE } });
    await ready(el);
    await press(shadow(el).querySelector<HTMLButtonElement>('[part=more-button]')!);
    await waitUntil(() => all(el, '.case').length === 9, 'the second page did not arrive');
    await el.updateComplete;
    expect(backend.sent.find((r) => r.query === '?cursor=page-2')).to.exist;
    expect(focused(el)?.id).to.equal(`case-${IDS.moreInProgress}`);
    expect(liveRegion(el)).to.equal('2 ärenden till visas.');
    expect(groups(el)[1]!.rows.at(-1)).to.equal('Anmälan om specialkost');
    expect(groups(el)[2]!.rows).to.deep.equal(['Felanmälan: gata, park och belysning', 'Felanmälan: gata, park och belysning']);
    // The last page: no more button.
    expect(shadow(el).querySelector('[part=more-button]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('lists a request to cosign someone else’s case with a link to read and sign it, found without the invitation', async () => {
    const request: CaseSummary = {
      id: '7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', kind: 'cosignRequest', serviceId: 'specialkost', caseNumber: 'KOST-2026-00020',
      serviceTitle: { sv: 'Anmälan om specialkost', en: 'Special diet' }, municipality: { sv: 'Exempelby kommun', en: 'Exempelby Municipality' },
      status: 'awaitingCosign', createdAt: '2026-11-23T08:00:00Z', updatedAt: '2026-11-23T08:00:00Z', unreadMessages: 0,
    };
    const base = `${MY_PAGES_BACKEND_URL}cosign${++tests}/`;
    const backend = myPagesBackend({ user: CITIZEN, cases: [{ items: [request] }] }, base);
    const el = await fixture<MyCases>(html`<my-cases .client=${new KitClient(base, backend.fetch)} cosign-url="/medsignera.html?request={id}"></my-cases>`);
    await ready(el);
    const link = shadow(el).querySelector<HTMLAnchorElement>('[part=cosign-button]')!;
    expect(link.getAttribute('href')).to.equal(`/medsignera.html?request=${request.id}`);
    expect(text(link)).to.equal('Läs och skriv under Anmälan om specialkost');
    expect(shadow(el).querySelector(`#open-${request.id}`), 'no details of someone else’s case').to.equal(null);
    expect(text(shadow(el).querySelector('.tag'))).to.equal('Väntar på flerpartssignering');
    // Not sent: when the person was asked, not a "sent" date.
    expect(shown(shadow(el).querySelector('.case__meta'))).to.contain('Ombedd att skriva under: 23 november 2026');
    expect(shown(shadow(el).querySelector('.case__meta'))).not.to.contain('Inskickat');
    await expect(el).to.be.accessible();
  });

  describe('a case of an e-service that charges', () => {
    async function mountPayments(payUrl = '/e-tjanster/{serviceId}.html?pay={id}') {
      const base = `${MY_PAGES_BACKEND_URL}pay${++tests}/`;
      const backend = myPagesBackend({
        user: CITIZEN, cases: [{ items: [AWAITING_PAYMENT_ROW, PAID_ROW] }],
        caseDetails: { [IDS.caseAwaitingPayment]: AWAITING_PAYMENT_DETAILS, [IDS.casePaid]: PAID_DETAILS },
      }, base);
      const el = await fixture<MyCases>(html`<my-cases .client=${new KitClient(base, backend.fetch)} pay-url=${payUrl}></my-cases>`);
      await ready(el);
      return el;
    }

    it('lists one not paid as Väntar på betalning, made but not sent, with Betala to its e-service\'s page', async () => {
      const el = await mountPayments();
      const [waiting, paid] = all(el, '.case');
      expect(text(waiting!.querySelector('.tag'))).to.equal('Väntar på betalning');
      expect(shown(waiting!.querySelector('.case__meta'))).to.contain('Skapat: 30 november 2026');
      expect(shown(waiting!.querySelector('.case__meta'))).not.to.contain('Inskickat');
      const pay = waiting!.querySelector<HTMLAnchorElement>('[part=pay-button]')!;
      expect(pay.getAttribute('href')).to.equal(`/e-tjanster/parkeringstillstand.html?pay=${IDS.caseAwaitingPayment}`);
      expect(text(pay)).to.equal('Betala Ansökan om boendeparkering');
      expect(paid!.querySelector('[part=pay-button]'), 'nothing to pay on a paid case').to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('opens one not paid: the fee due and Betala, no signatures to wait for and no messages before it is sent', async () => {
      const el = await mountPayments();
      await press(shadow(el).querySelector<HTMLButtonElement>(`#open-${IDS.caseAwaitingPayment}`)!);
      await waitUntil(() => shadow(el).querySelector('[part=payment]'), 'the payment did not show');
      await waitUntil(() => shadow(el).querySelector('.timeline'), 'the details did not appear');
      expect(shown(shadow(el).querySelector('[part=payment]'))).to.equal('Att betala 200,00 kr');
      const pay = shadow(el).querySelector<HTMLAnchorElement>('.details [part=pay-button]')!;
      expect(pay.getAttribute('href')).to.equal(`/e-tjanster/parkeringstillstand.html?pay=${IDS.caseAwaitingPayment}`);
      expect(shadow(el).querySelector('cosign-status'), 'nobody else signs it').to.equal(null);
      expect(shadow(el).querySelector('case-messages'), 'no messages before it is sent').to.equal(null);
      expect(all(el, 'h3.heading').map(text)).to.deep.equal(['Avgift', 'Dina svar', 'Ärendets gång']);
      await expect(el).to.be.accessible();
      pay.focus();
      expect(focused(el)).to.equal(pay);
    });

    it('opens one paid: the e-ID it was sent with, what was paid, when and its reference, and the messages', async () => {
      const el = await mountPayments();
      await press(shadow(el).querySelector<HTMLButtonElement>(`#open-${IDS.casePaid}`)!);
      await waitUntil(() => shadow(el).querySelector('[part=payment]'), 'the payment did not show');
      expect(shown(all(el, '.summary-list')[0])).to.contain('Inloggad med Freja eID');
      const rows = [...shadow(el).querySelectorAll('[part=payment] .summary-list__row')].map((row) => shown(row));
      expect(rows).to.deep.equal(['Betalt belopp 200,00 kr', 'Betalt 12 november 2026 kl. 09:02', 'Betalningsreferens 1234567890']);
      expect(shadow(el).querySelector('.details [part=pay-button]')).to.equal(null);
      await waitUntil(() => shadow(el).querySelector('case-messages'), 'no messages on a sent case');
      await expect(el).to.be.accessible();
    });

    it('says of a fee that waits for the others to sign "Att betala när alla har skrivit under", with no Betala yet', async () => {
      const { fee } = AWAITING_PAYMENT_DETAILS.payment!;
      const payment: CasePayment = { state: 'afterCosigning', fee, methods: ['card', 'swish'] };
      const el = await fixture<HTMLElement>(html`<div>${renderCasePayment(payment, '/e-tjanster/parkeringstillstand.html?pay=1', 'Ansökan om boendeparkering', 'sv')}</div>`);
      const row = el.querySelector('[part=payment] .summary-list__row')!;
      expect(row.querySelector('dt')!.textContent!.trim()).to.equal('Att betala när alla har skrivit under');
      expect(row.querySelector('dd')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('200,00 kr');
      expect(el.querySelector('[part=pay-button]'), 'nothing to pay before everyone has signed').to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('makes no link of a pay-url that is not a web address', async () => {
      const el = await mountPayments('javascript:alert(1)');
      expect(shadow(el).querySelector('[part=pay-button]')).to.equal(null);
    });
  });

  it('opens the case a link names (?case=<id>), as an e-service used a second time links to it', async () => {
    const before = location.href;
    history.replaceState(history.state, '', `?case=${IDS.caseSkolskjuts}`);
    try {
      const { el } = await mount({ user: CITIZEN });
      await waitUntil(() => shadow(el).querySelector('.timeline'), 'the linked case did not open');
      expect(text(shadow(el).querySelector('#details-title'))).to.contain('Ansökan om skolskjuts');
      await expect(el).to.be.accessible();
    } finally {
      history.replaceState(history.state, '', before);
    }
  });

  it('opens a case: answers with the e-service\'s labels, files, signatures, history and messages; Back returns focus', async () => {
    const { el, client, backend } = await mount({ user: CITIZEN });
    await ready(el);
    const opened = oneEvent(el, 'my-cases-open');
    await press(shadow(el).querySelector<HTMLButtonElement>(`#open-${IDS.caseSkolskjuts}`)!);
    expect((await opened).detail).to.deep.equal({ id: IDS.caseSkolskjuts, caseNumber: 'SKJ-2026-00042' });
    await waitUntil(() => shadow(el).querySelector('.timeline'), 'the details did not appear');
    await waitUntil(() => shadow(el).querySelector('case-messages')?.shadowRoot?.querySelector('.messages'), 'no messages');
    await expect(el).to.be.accessible();
    expect(focused(el)?.id).to.equal('details-title');
    const lists = all(el, '.summary-list');
    const rowsOf = (list: HTMLElement) => [...list.querySelectorAll('.summary-list__row')].map((row) => shown(row));
    expect(rowsOf(lists[0]!)).to.deep.equal([
      'Ärendenummer SKJ-2026-00042', 'Kommun Exempelby kommun', 'Status Under handläggning', 'Inskickat 2 november 2026 kl. 10:15',
    ]);
    expect(rowsOf(lists[1]!)).to.deep.equal([
      'Vilken skola går barnet i? Centralskolan', 'Varför behöver barnet skolskjuts? Trafikfarlig väg', 'Intyg intyg-vagen.pdf',
    ]);
    const file = shadow(el).querySelector<HTMLAnchorElement>('a[download]')!;
    expect(file.href).to.equal(`${client.baseUrl}api/my/cases/${IDS.caseSkolskjuts}/attachments/${IDS.attachment}`);
    expect(text(file.parentElement)).to.equal('intyg-vagen.pdf (PDF, 47 kB)');
    expect(all(el, 'h3.heading').map(text)).to.deep.equal(['Dina svar', 'Bifogade filer', 'Underskrifter', 'Ärendets gång']);
    expect(text(shadow(el).querySelector('.signatures'))).to.equal('Anna Andersson, 2 november 2026 kl. 10:15');
    expect(all(el, '.timeline li').map(text)).to.deep.equal(['2 november 2026 kl. 10:15 Inskickat', '4 november 2026 kl. 14:00 Under handläggning']);

    // Reading the messages clears the row's unread count.
    await waitUntil(() => backend.sent.some((r) => r.path.endsWith('/messages/read')), 'the messages were not marked read');
    await press(button(shadow(el), 'Tillbaka till mina ärenden'));
    await el.updateComplete;
    expect(focused(el)?.id).to.equal(`open-${IDS.caseSkolskjuts}`);
    expect(all(el, '.case')[2]!.querySelector('[part=unread]')).to.equal(null);
  });

  it('shows the answers under their question ids when the case was sent on another version', async () => {
    const { el } = await mount({ user: CITIZEN, details: [DETAILS_OLD_VERSION] });
    await ready(el);
    await press(shadow(el).querySelector<HTMLButtonElement>(`#open-${IDS.caseSkolskjuts}`)!);
    await waitUntil(() => shadow(el).querySelector('.timeline'));
    expect(text(shadow(el).querySelector('.details .muted'))).to.equal('E-tjänsten har ändrats sedan du skickade in, så frågorna visas med sina id:n.');
    expect([...all(el, '.summary-list')[1]!.querySelectorAll('.summary-list__row')].map((row) => shown(row))).to.deep.equal([
      'school Centralskolan', 'reason traffic', 'certificate intyg-vagen.pdf',
    ]);
    await expect(el).to.be.accessible();
  });

  it('reads a case sent on an older version with that version’s questions, when the backend still has it', async () => {
    const older = { ...SKOLSKJUTS_DEFINITION, version: 3 };
    const { el, backend } = await mount({ user: CITIZEN, details: [DETAILS_OLD_VERSION], versions: { [`${SKOLSKJUTS_DEFINITION.id}@3`]: older } });
    await ready(el);
    await press(shadow(el).querySelector<HTMLButtonElement>(`#open-${IDS.caseSkolskjuts}`)!);
    await waitUntil(() => shadow(el).querySelector('.timeline'));
    expect(backend.sent.filter((request) => request.path.startsWith('api/services/')).map((request) => `${request.path}${request.query}`))
      .to.deep.equal([`api/services/${SKOLSKJUTS_DEFINITION.id}`, `api/services/${SKOLSKJUTS_DEFINITION.id}?version=3`]);
    expect(text(shadow(el).querySelector('.details'))).not.to.contain('E-tjänsten har ändrats');
    const rows = [...all(el, '.summary-list')[1]!.querySelectorAll('.summary-list__row')].map((row) => shown(row));
    expect(rows[0], 'under its question, not its id').not.to.match(/^school /);
    await expect(el).to.be.accessible();
  });

  it('says when a case could not be loaded, and tries again', async () => {
    const { el } = await mount({ user: CITIZEN, details: [{ problem: { status: 503 } }] });
    await ready(el);
    await press(shadow(el).querySelector<HTMLButtonElement>(`#open-${IDS.caseSkolskjuts}`)!);
    await waitUntil(() => shadow(el).querySelector('[part=load-error]'));
    expect(text(shadow(el).querySelector('[part=load-error] p'))).to.equal('Ärendet kunde inte hämtas just nu.');
    await expect(el).to.be.accessible();
    expect(button(shadow(el), 'Försök igen')).to.exist;
  });

  describe('a case others must sign too', () => {
    const open = async (el: MyCases) => {
      await ready(el);
      await press(shadow(el).querySelector<HTMLButtonElement>(`#open-${COSIGN_IDS.caseId}`)!);
      await waitUntil(() => shadow(el).querySelector('.timeline'), 'the case did not open');
      const nested = shadow(el).querySelector<HTMLElement>('cosign-status');
      if (nested) await waitUntil(() => nested.shadowRoot?.querySelector('[part=cosigner]'), 'no signatures');
      return nested;
    };
    const factRows = (el: MyCases) => [...all(el, '.summary-list')[0]!.querySelectorAll('.summary-list__row')].map((row) => shown(row));
    const answerRows = (el: MyCases) => [...all(el, '.summary-list')[1]!.querySelectorAll('.summary-list__row')].map((row) => shown(row));

    it('shows the chosen child by name and the certificate by its file name, in the applicant’s own words', async () => {
      const { el } = await mountCosigned();
      await open(el);
      await expect(el).to.be.accessible();
      expect(answerRows(el)).to.deep.equal([
        'Vilket barn gäller ansökan? Elsa Andersson', 'Önskad förskola Solrosen', 'Hur mycket behöver barnet vara i förskolan? Heltid',
        'Intyg om barnets behov intyg.png', 'Ditt telefonnummer 070-123 45 67',
      ]);
      const answers = shown(all(el, '.summary-list')[1]);
      expect(answers).not.to.contain(CHILD.personalNumber);
      expect(answers).not.to.contain(CERTIFICATE.id);
    });

    it('shows when it was signed, who has signed, the deadline and "Skicka inbjudan igen" by keyboard, and no messages to the case officer', async () => {
      const { el, backend } = await mountCosigned();
      const nested = (await open(el))!;
      await expect(el).to.be.accessible();
      expect(factRows(el)).to.deep.equal([
        'Ärendenummer FSK-2026-00007', 'Kommun Exempelby kommun', 'Status Väntar på flerpartssignering', 'Underskrivet 28 oktober 2026 kl. 11:00',
      ]);
      expect(shown(shadow(el).querySelector('.details'))).not.to.contain('Inskickat');
      // The signatures, inside the case: a heading under the case's, without repeating the case's facts.
      const inner = nested.shadowRoot!;
      expect(text(inner.querySelector('[part=title]'))).to.equal('Underskrifter');
      expect(inner.querySelector('[part=title]')!.getAttribute('aria-level')).to.equal('3');
      expect([...inner.querySelectorAll('.summary-list__row')].map((row) => text(row.querySelector('dt')))).to.deep.equal(['Alla ska ha skrivit under senast']);
      expect([...inner.querySelectorAll('[part=cosigner] [role=heading]')].map(text)).to.deep.equal(['Den andra vårdnadshavaren', 'Karin Berg']);
      const resend = inner.querySelector<HTMLButtonElement>('[part=resend-button]')!;
      await press(resend);
      await waitUntil(() => backend.sent.some((r) => r.path.endsWith('/invitation')), 'the invitation was not sent again');
      expect(backend.sent.find((r) => r.path.endsWith('/invitation'))?.path).to.equal(`api/my/cases/${COSIGN_IDS.caseId}/cosigning/${COSIGN_IDS.request}/invitation`);
      // The municipality cannot see the case yet: nothing to write to the case officer.
      expect(shadow(el).querySelector('case-messages')).to.equal(null);
      expect(shown(shadow(el).querySelector('.details'))).not.to.contain('Skriv ett meddelande till handläggaren');
      expect(backend.sent.some((r) => r.path.endsWith('/messages') || r.path.endsWith('/messages/read'))).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('offers a case not signed in time "Börja om med en kopia", whose link opens the e-service with the copy', async () => {
      const { el, backend } = await mountCosigned({
        overview: [OVERVIEW_EXPIRED],
        myPages: { cases: [{ items: [EXPIRED_ROW] }], caseDetails: { [COSIGN_IDS.caseId]: EXPIRED_DETAILS } },
      });
      await ready(el);
      expect(shown(shadow(el).querySelector('.case__meta'))).to.equal(
        'Kommun: Exempelby kommun Ärendenummer: FSK-2026-00007 Underskrivet: 28 oktober 2026 Status: Inte underskrivet i tid',
      );
      const nested = (await open(el))!;
      expect(factRows(el).at(-1)).to.equal('Underskrivet 28 oktober 2026 kl. 11:00');
      expect(shadow(el).querySelector('case-messages')).to.equal(null);
      const inner = nested.shadowRoot!;
      expect(text(inner.querySelector('.notice'))).to.contain('Alla skrev inte under i tid');
      await expect(el).to.be.accessible();
      await press(inner.querySelector<HTMLButtonElement>('[part=copy-button]')!);
      await waitUntil(() => inner.querySelector('[part=continue-link]'), 'no link to the copy');
      const link = inner.querySelector<HTMLAnchorElement>('[part=continue-link]')!;
      expect(link.getAttribute('href')).to.equal(`/forskoleplats.html?case=${COPY.id}`);
      expect(text(link)).to.equal('Fortsätt med kopian');
      expect(focused(el)?.id).to.equal('copied');
      // The list is fetched again, so that the new draft is there on the way back.
      await waitUntil(() => backend.sent.filter((r) => r.path === 'api/my/cases').length === 2, 'the list was not fetched again');
      await expect(el).to.be.accessible();
    });

    it('says so in English', async () => {
      const { el } = await mountCosigned({
        overview: [OVERVIEW_EXPIRED],
        myPages: { cases: [{ items: [EXPIRED_ROW] }], caseDetails: { [COSIGN_IDS.caseId]: EXPIRED_DETAILS } },
      });
      el.setAttribute('lang', 'en');
      await ready(el);
      await waitUntil(() => shown(shadow(el).querySelector('.case__meta')).includes('Signed: 28 October 2026'), 'no English date');
      const nested = (await open(el))!;
      expect(factRows(el).at(-1)).to.equal('Signed 28 October 2026 at 11:00');
      expect(answerRows(el)[0]).to.equal('Which child is the application for? Elsa Andersson');
      await waitUntil(() => text(nested.shadowRoot!.querySelector('[part=copy-button]')) === 'Start again with a copy', 'no English copy button');
      await expect(el).to.be.accessible();
    });
  });

  it('asks for a login again when the backend says the session is gone', async () => {
    const { el } = await mount({ user: CITIZEN, cases: [{ problem: { status: 401, title: 'Inte inloggad' } }] });
    await waitUntil(() => shadow(el).querySelector('eid-login'), 'no login after a 401');
    await expect(el).to.be.accessible();
  });

  it('names the company on a company\'s case, in the list and opened, for everyone who may act for it', async () => {
    const organisation = { organisationNumber: '5568112345', name: 'Torgcaféet i Exempelby AB' };
    const base = `${MY_PAGES_BACKEND_URL}company${++tests}/`;
    const backend = myPagesBackend({
      user: CITIZEN, cases: [{ items: [{ ...PAID_ROW, organisation }] }],
      caseDetails: { [IDS.casePaid]: { ...PAID_DETAILS, organisation } },
    }, base);
    const el = await fixture<MyCases>(html`<my-cases .client=${new KitClient(base, backend.fetch)}></my-cases>`);
    await ready(el);
    expect(shown(shadow(el).querySelector('.case__meta'))).to.contain('Företag: Torgcaféet i Exempelby AB, 556811-2345');
    await expect(el).to.be.accessible();
    await press(shadow(el).querySelector<HTMLButtonElement>(`#open-${IDS.casePaid}`)!);
    await waitUntil(() => shadow(el).querySelector('.summary-list'), 'the details did not appear');
    expect(shown(all(el, '.summary-list')[0])).to.contain('Företag Torgcaféet i Exempelby AB, 556811-2345');
    await expect(el).to.be.accessible();
  });
});
