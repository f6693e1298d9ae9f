import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import '../../src/elements/case-messages/case-messages.js';
import { KitClient } from '../../src/client/kit-client.js';
import type { CaseMessages } from '../../src/elements/case-messages/case-messages.component.js';
import {
  CITIZEN, IDS, MESSAGES, MY_PAGES_BACKEND_URL, NEW_FROM_OFFICER, myPagesBackend, type MyPagesScript,
} from '../../stories/support/my-pages-example.js';
import { focused, shadow } from './helpers.js';

/**
 * <case-messages> against a scripted fake backend passed as the KitClient's fetch; each test has
 * a backend URL of its own.
 */

let tests = 0;
const CASE = IDS.caseSkolskjuts;

async function mount(script: MyPagesScript, caseId = CASE) {
  const base = `${MY_PAGES_BACKEND_URL}messages${++tests}/`;
  const backend = myPagesBackend(script, base);
  const client = new KitClient(base, backend.fetch);
  const el = await fixture<CaseMessages>(html`<case-messages case=${caseId} .client=${client}></case-messages>`);
  return { el, backend, client };
}

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const all = (el: HTMLElement, selector: string) => [...shadow(el).querySelectorAll<HTMLElement>(selector)];
const liveRegion = (el: HTMLElement) => text(shadow(el).querySelector('.base > [role=status]'));
const textarea = (el: HTMLElement) => shadow(el).querySelector<HTMLTextAreaElement>('textarea')!;
const sendButton = (el: HTMLElement) => shadow(el).querySelector<HTMLButtonElement>('[part=send-button]')!;

async function ready(el: CaseMessages) {
  await waitUntil(() => shadow(el).querySelector('form'), 'the messages did not appear', { timeout: 5000 });
  await el.updateComplete;
}

async function press(target: HTMLElement, key = 'Enter') {
  target.focus();
  await sendKeys({ press: key });
}

describe('<case-messages>', () => {
  it('asks for a login when nobody is logged in', async () => {
    const { el } = await mount({});
    await waitUntil(() => shadow(el).querySelector('eid-login'));
    expect(text(shadow(el).querySelector('[part=login-notice]'))).to.equal('Logga in med e-legitimation för att se meddelandena.');
    await expect(el).to.be.accessible();
  });

  it('is loading while the messages are on their way', async () => {
    const { el } = await mount({ user: CITIZEN, messages: ['never'] });
    await waitUntil(() => text(shadow(el).querySelector('[part=loading]')) === 'Hämtar meddelanden…');
    await expect(el).to.be.accessible();
  });

  it('says when the messages could not be loaded, and tries again by keyboard', async () => {
    const { el } = await mount({ user: CITIZEN, messages: [{ problem: { status: 500 } }, MESSAGES] });
    await waitUntil(() => shadow(el).querySelector('[part=load-error]'));
    expect(text(shadow(el).querySelector('[part=load-error] p'))).to.equal('Meddelandena kunde inte hämtas just nu.');
    await expect(el).to.be.accessible();
    await press(shadow(el).querySelector<HTMLButtonElement>('[part=retry-button]')!);
    await ready(el);
    expect(all(el, '[part=message]')).to.have.length(3);
  });

  it('has an empty state that invites a first message', async () => {
    const { el } = await mount({ user: CITIZEN, messages: [{ messages: [] }] });
    await ready(el);
    expect(text(shadow(el).querySelector('[part=empty]'))).to.equal('Inga meddelanden ännu. Här kan du skriva till handläggaren.');
    await expect(el).to.be.accessible();
  });

  it('shows the messages oldest first, who wrote them, "Nytt" on the unread one, attachments as links, and marks them read', async () => {
    const shuffled = { messages: [MESSAGES.messages[2]!, MESSAGES.messages[0]!, MESSAGES.messages[1]!] };
    const { el, backend, client } = await mount({ user: CITIZEN, messages: [shuffled] });
    const read = oneEvent(el, 'case-messages-read');
    await ready(el);
    await expect(el).to.be.accessible();
    const messages = all(el, '[part=message]');
    expect(messages.map((m) => text(m.querySelector('.message__meta strong')))).to.deep.equal(['Från handläggaren', 'Från dig', 'Från handläggaren']);
    expect(messages.map((m) => text(m.querySelector('[part=new-tag]')))).to.deep.equal(['', '', 'Nytt']);
    expect(text(messages[0]!.querySelector('time'))).to.equal('4 november 2026 kl. 14:00');
    const link = messages[2]!.querySelector('a')!;
    expect(text(link)).to.equal('kartmall.pdf');
    expect(link.href).to.equal(`${client.baseUrl}api/my/cases/${CASE}/attachments/${IDS.messageAttachment}`);
    expect((await read).detail.caseId).to.equal(CASE);
    expect(backend.sent.filter((r) => r.path === `api/my/cases/${CASE}/messages/read` && r.method === 'POST')).to.have.length(1);
    // "Nytt" stays while the citizen is looking.
    await el.updateComplete;
    expect(all(el, '[part=new-tag]')).to.have.length(1);
  });

  it('does not mark anything read when all is read already', async () => {
    const read = { messages: MESSAGES.messages.map((m) => ({ ...m, readAt: '2026-11-20T00:00:00Z' })) };
    const { el, backend } = await mount({ user: CITIZEN, messages: [read] });
    await ready(el);
    expect(all(el, '[part=new-tag]')).to.have.length(0);
    expect(backend.sent.some((r) => r.path.endsWith('/read'))).to.equal(false);
  });

  it('sends a message by keyboard, busy meanwhile, clears the box and says it was sent', async () => {
    const { el, backend } = await mount({ user: CITIZEN });
    await ready(el);
    textarea(el).focus();
    await sendKeys({ type: 'Här är kartan.' });
    await el.updateComplete;
    expect(text(shadow(el).querySelector('[part=character-count]'))).to.equal('Du har 4986 tecken kvar');
    const sent = oneEvent(el, 'case-messages-sent');
    await press(sendButton(el));
    expect((await sent).detail.message.body).to.equal('Här är kartan.');
    await el.updateComplete;
    expect(backend.sent.find((r) => r.method === 'POST' && r.path === `api/my/cases/${CASE}/messages`)?.body).to.deep.equal({ body: 'Här är kartan.' });
    const last = all(el, '[part=message]').at(-1)!;
    expect(text(last.querySelector('.message__body'))).to.equal('Här är kartan.');
    expect(text(last.querySelector('strong'))).to.equal('Från dig');
    expect(textarea(el).value).to.equal('');
    expect(liveRegion(el)).to.equal('Ditt meddelande är skickat.');
    await expect(el).to.be.accessible();
  });

  it('is busy while sending', async () => {
    const { el } = await mount({ user: CITIZEN, send: ['never'] });
    await ready(el);
    textarea(el).value = 'Hej';
    textarea(el).dispatchEvent(new Event('input'));
    await press(sendButton(el));
    await el.updateComplete;
    expect(text(sendButton(el))).to.equal('Skickar…');
    expect(sendButton(el).getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('keeps the text when sending fails, and says so', async () => {
    const { el } = await mount({ user: CITIZEN, send: ['network-error'] });
    await ready(el);
    textarea(el).focus();
    await sendKeys({ type: 'Viktigt' });
    await press(sendButton(el));
    await waitUntil(() => shadow(el).querySelector('[part=send-error]'));
    expect(text(shadow(el).querySelector('[part=send-error]'))).to.equal('Meddelandet kunde inte skickas. Texten finns kvar – försök igen.');
    expect(textarea(el).value).to.equal('Viktigt');
    await expect(el).to.be.accessible();
  });

  it('shows an error summary for an empty message, whose link leads to the text box', async () => {
    const { el, backend } = await mount({ user: CITIZEN });
    await ready(el);
    await press(sendButton(el));
    await el.updateComplete;
    const summary = shadow(el).querySelector<HTMLElement>('[part=error-summary]')!;
    expect(focused(el)).to.equal(summary);
    expect(text(summary.querySelector('a'))).to.equal('Skriv ett meddelande');
    expect(text(shadow(el).querySelector('#message-error'))).to.equal('Fel: Skriv ett meddelande');
    expect(textarea(el).getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    await press(summary.querySelector('a')!);
    expect(focused(el)).to.equal(textarea(el));
    expect(backend.sent.some((r) => r.method === 'POST' && r.path.endsWith('/messages'))).to.equal(false);
  });

  it('counts down to 5000 characters and refuses a longer message', async () => {
    const { el } = await mount({ user: CITIZEN });
    await ready(el);
    textarea(el).value = 'a'.repeat(5003);
    textarea(el).dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(text(shadow(el).querySelector('[part=character-count]'))).to.equal('Du har 3 tecken för mycket');
    await press(sendButton(el));
    await el.updateComplete;
    expect(text(shadow(el).querySelector('#message-error'))).to.equal('Fel: Meddelandet får vara högst 5000 tecken');
  });

  it('finds new messages from the officer, announces them politely and marks them read', async () => {
    const { el, backend } = await mount({ user: CITIZEN, messages: [MESSAGES, { messages: [...MESSAGES.messages, NEW_FROM_OFFICER] }] });
    await ready(el);
    expect(liveRegion(el)).to.equal('');
    await el.refresh();
    await waitUntil(() => liveRegion(el) === 'Nytt meddelande från handläggaren', 'no announcement');
    const last = all(el, '[part=message]').at(-1)!;
    expect(text(last.querySelector('.message__body'))).to.equal(NEW_FROM_OFFICER.body);
    expect(text(last.querySelector('[part=new-tag]'))).to.equal('Nytt');
    await waitUntil(() => backend.sent.filter((r) => r.path.endsWith('/messages/read')).length === 2, 'the new one was not marked read');
    // The region was there from the start: only its text changed.
    expect(shadow(el).querySelector('.base > [role=status]')!.getAttribute('aria-live')).to.equal('polite');
  });

  it('polls while the page is visible', async () => {
    const { el, backend } = await mount({ user: CITIZEN });
    el.pollSeconds = 1;
    await ready(el);
    const before = backend.sent.filter((r) => r.method === 'GET' && r.path.endsWith('/messages')).length;
    await waitUntil(() => backend.sent.filter((r) => r.method === 'GET' && r.path.endsWith('/messages')).length > before, 'no poll', { timeout: 3000 });
  });
});
