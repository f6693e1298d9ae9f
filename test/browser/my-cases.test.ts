import type { CaseSummary } from '../../src/contract/my-pages.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import '../../src/elements/my-cases/my-cases.js';
import { KitClient } from '../../src/client/kit-client.js';
import type { MyCases } from '../../src/elements/my-cases/my-cases.component.js';
import {
  CITIZEN, DETAILS_OLD_VERSION, EMPTY_PAGE, FIRST_PAGE, IDS, MY_PAGES_BACKEND_URL, SECOND_PAGE, myPagesBackend, type MyPagesScript,
} from '../../stories/support/my-pages-example.js';
import { focused, shadow } from './helpers.js';

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
    expect(focused(el)?.id).to.equal('list-title');
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
    await expect(el).to.be.accessible();
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

  it('says when a case could not be loaded, and tries again', async () => {
    const { el } = await mount({ user: CITIZEN, details: [{ problem: { status: 503 } }] });
    await ready(el);
    await press(shadow(el).querySelector<HTMLButtonElement>(`#open-${IDS.caseSkolskjuts}`)!);
    await waitUntil(() => shadow(el).querySelector('[part=load-error]'));
    expect(text(shadow(el).querySelector('[part=load-error] p'))).to.equal('Ärendet kunde inte hämtas just nu.');
    await expect(el).to.be.accessible();
    expect(button(shadow(el), 'Försök igen')).to.exist;
  });

  it('asks for a login again when the backend says the session is gone', async () => {
    const { el } = await mount({ user: CITIZEN, cases: [{ problem: { status: 401, title: 'Inte inloggad' } }] });
    await waitUntil(() => shadow(el).querySelector('eid-login'), 'no login after a 401');
    await expect(el).to.be.accessible();
  });
});
