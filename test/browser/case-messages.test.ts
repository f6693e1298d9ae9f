import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import '../../src/elements/case-messages/case-messages.js';
import { KitClient } from '../../src/client/kit-client.js';
import type { CaseMessages } from '../../src/elements/case-messages/case-messages.component.js';
import {
  CITIZEN, IDS, MESSAGES, MY_PAGES_BACKEND_URL, NEW_FROM_OFFICER, myPagesBackend, type MyPagesBackend, type MyPagesScript,
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

const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
const pdf = (name: string, size?: number) => new File([size ? new Uint8Array(size) : PDF], name, { type: 'application/pdf' });
const fileInput = (el: HTMLElement) => shadow(el).querySelector<HTMLInputElement>('#files')!;
const listedFiles = (el: HTMLElement) => all(el, '[part=file] span').map(text);
const fileError = (el: HTMLElement) => text(shadow(el).querySelector('[part=file-error]'));
const uploads = (backend: MyPagesBackend) => backend.sent.filter((r) => r.method === 'POST' && r.path === 'api/attachments');

/** What the file picker does once the citizen has chosen (a test cannot open the browser's dialog). */
function pick(el: HTMLElement, files: File[]) {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  fileInput(el).files = transfer.files;
  fileInput(el).dispatchEvent(new Event('change', { bubbles: true }));
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

  it('sends a message by keyboard, busy meanwhile, clears the box, says it was sent and gives the sent message focus', async () => {
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
    // Focus is not left on the button: the message itself, where it now stands in the list; Tab goes on to write another.
    expect(focused(el)).to.equal(last);
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(textarea(el));
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

  it('refuses a message with a NUL or half an emoji in it, at the text box, and sends nothing', async () => {
    const { el, backend } = await mount({ user: CITIZEN });
    await ready(el);
    for (const pasted of ['Hej\u0000då', 'Hej \ud83d']) {
      textarea(el).value = pasted;
      textarea(el).dispatchEvent(new Event('input'));
      await press(sendButton(el));
      await el.updateComplete;
      expect(text(shadow(el).querySelector('#message-error'))).to.equal(
        'Fel: ”Skriv ett meddelande till handläggaren” innehåller ett tecken som inte kan sparas, till exempel ett osynligt styrtecken eller en halv emoji – ta bort det eller skriv texten igen');
      expect(textarea(el).getAttribute('aria-invalid')).to.equal('true');
    }
    await expect(el).to.be.accessible();
    expect(backend.sent.some((r) => r.method === 'POST' && r.path.endsWith('/messages'))).to.equal(false);
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

  describe('attachments', () => {
    it('offers a labelled file input after the text box, with the limits as its hint', async () => {
      const { el } = await mount({ user: CITIZEN });
      await ready(el);
      const input = fileInput(el);
      expect(text(shadow(el).querySelector('label[for=files]'))).to.equal('Bifoga filer (valfritt)');
      expect(text(shadow(el).querySelector('#files-hint'))).to.equal('PDF, JPEG, PNG, högst 10 MB per fil, högst 5 filer.');
      expect(input.getAttribute('aria-describedby')).to.equal('files-hint');
      expect(input.multiple).to.equal(true);
      expect(input.accept).to.contain('application/pdf');
      await press(textarea(el), 'Tab');
      expect(focused(el)).to.equal(input);
      // Focused by keyboard, it shows it as the text box does (the browser's own thin ring is not enough).
      const style = getComputedStyle(input);
      expect([style.outlineStyle, style.outlineWidth]).to.deep.equal(['solid', '3px']);
      expect(style.boxShadow).not.to.equal('none');
      await expect(el).to.be.accessible();
    });

    it('uploads a file for the case, lists and announces it, sends its id and shows it as a link in the sent message', async () => {
      const { el, backend, client } = await mount({ user: CITIZEN });
      await ready(el);
      textarea(el).focus();
      await sendKeys({ type: 'Här är kartan.' });
      pick(el, [pdf('karta.pdf')]);
      await waitUntil(() => listedFiles(el).includes('karta.pdf'), 'the upload did not finish');
      expect(uploads(backend)[0]!.query).to.equal(`?messageFor=${CASE}`);
      await waitUntil(() => liveRegion(el) === 'karta.pdf är uppladdad.', 'not announced');
      expect(text(shadow(el).querySelector('[part=file] button'))).to.equal('Ta bort karta.pdf');
      await expect(el).to.be.accessible();

      const sent = oneEvent(el, 'case-messages-sent');
      await press(sendButton(el));
      const { message } = (await sent).detail;
      const request = backend.sent.find((r) => r.method === 'POST' && r.path === `api/my/cases/${CASE}/messages`)!;
      expect(request.body).to.deep.equal({ body: 'Här är kartan.', attachmentIds: [message.attachments[0]!.id] });
      await el.updateComplete;
      const link = all(el, '[part=message]').at(-1)!.querySelector('a')!;
      expect(text(link)).to.equal('karta.pdf');
      expect(link.href).to.equal(`${client.baseUrl}api/my/cases/${CASE}/attachments/${message.attachments[0]!.id}`);
      expect(listedFiles(el)).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });

    it('shows an upload in progress, asks to wait for it before sending, and cancels it by keyboard', async () => {
      const { el, backend } = await mount({ user: CITIZEN, upload: ['never'] });
      await ready(el);
      pick(el, [pdf('karta.pdf')]);
      await waitUntil(() => liveRegion(el) === 'Laddar upp karta.pdf…', 'the upload was not announced');
      const progress = shadow(el).querySelector('[part=file] progress')!;
      expect(progress.getAttribute('aria-label')).to.equal('Laddar upp karta.pdf: 0 %');
      await expect(el).to.be.accessible();

      textarea(el).value = 'Hej';
      textarea(el).dispatchEvent(new Event('input'));
      await press(sendButton(el));
      await el.updateComplete;
      const summary = shadow(el).querySelector<HTMLElement>('[part=error-summary]')!;
      expect(focused(el)).to.equal(summary);
      expect(text(summary.querySelector('a'))).to.equal('Vänta tills filerna är uppladdade innan du skickar');
      expect(fileError(el)).to.equal('Fel: Vänta tills filerna är uppladdade innan du skickar');
      expect(fileInput(el).getAttribute('aria-invalid')).to.equal('true');
      expect(backend.sent.some((r) => r.method === 'POST' && r.path.endsWith('/messages'))).to.equal(false);
      await expect(el).to.be.accessible();
      await press(summary.querySelector('a')!);
      expect(focused(el)).to.equal(fileInput(el));

      const cancel = shadow(el).querySelector<HTMLButtonElement>('[part=file] button')!;
      expect(text(cancel)).to.equal('Avbryt uppladdningen av karta.pdf');
      await press(cancel);
      await el.updateComplete;
      expect(listedFiles(el)).to.deep.equal([]);
      expect(focused(el)).to.equal(fileInput(el));
      // Nothing to wait for any more: the error is gone.
      expect(shadow(el).querySelector('[part=error-summary]')).to.equal(null);
      expect(fileError(el)).to.equal('');
      await expect(el).to.be.accessible();
    });

    it('removes an uploaded file by keyboard, says so, and deletes the upload', async () => {
      const { el, backend } = await mount({ user: CITIZEN });
      await ready(el);
      pick(el, [pdf('karta.pdf'), pdf('foto.pdf')]);
      await waitUntil(() => listedFiles(el).length === 2, 'the uploads did not finish');
      const [, attachment] = uploads(backend);
      expect(attachment).to.exist;
      await press(shadow(el).querySelector<HTMLButtonElement>('[part=file] button')!);
      await waitUntil(() => liveRegion(el) === 'karta.pdf är borttagen.', 'not announced');
      expect(listedFiles(el)).to.deep.equal(['foto.pdf']);
      expect(focused(el)).to.equal(fileInput(el));
      expect(backend.sent.filter((r) => r.method === 'DELETE' && r.path.startsWith('api/attachments/'))).to.have.length(1);
      await expect(el).to.be.accessible();
    });

    it('says why the server refused a file, and announces it', async () => {
      const refused = { problem: { status: 400, type: '/problems/validation', title: 'Filen är inte en PDF, JPG eller PNG' } };
      const { el } = await mount({ user: CITIZEN, upload: [refused, 'network-error'] });
      await ready(el);
      pick(el, [pdf('karta.pdf')]);
      await waitUntil(() => fileError(el), 'no error shown');
      expect(fileError(el)).to.equal('Fel: karta.pdf kunde inte laddas upp: Filen är inte en PDF, JPG eller PNG');
      await waitUntil(() => liveRegion(el) === 'karta.pdf kunde inte laddas upp: Filen är inte en PDF, JPG eller PNG', 'not announced');
      expect(fileInput(el).getAttribute('aria-describedby')).to.equal('files-hint files-error');
      expect(listedFiles(el)).to.deep.equal([]);
      await expect(el).to.be.accessible();
      pick(el, [pdf('karta.pdf')]);
      await waitUntil(() => fileError(el).endsWith('det gick inte att nå e-tjänsten'), 'no offline error');
    });

    it('refuses too large, wrong and too many files before uploading them', async () => {
      const { el, backend } = await mount({ user: CITIZEN });
      await ready(el);
      pick(el, [pdf('stor.pdf', 10 * 1024 * 1024 + 1)]);
      await waitUntil(() => fileError(el));
      expect(fileError(el)).to.equal('Fel: stor.pdf kunde inte laddas upp: filen är större än 10 MB');
      pick(el, [new File(['hej'], 'text.txt', { type: 'text/plain' })]);
      await waitUntil(() => fileError(el).includes('text.txt'));
      expect(fileError(el)).to.equal('Fel: text.txt kunde inte laddas upp: filen ska vara PDF, JPEG, PNG');
      expect(uploads(backend)).to.have.length(0);
      pick(el, [1, 2, 3, 4, 5, 6].map((n) => pdf(`${n}.pdf`)));
      await waitUntil(() => fileError(el).includes('6.pdf'), 'the sixth was not refused');
      expect(fileError(el)).to.equal('Fel: 6.pdf kunde inte laddas upp: du kan bifoga högst 5 filer');
      expect(listedFiles(el)).to.have.length(5);
      expect(uploads(backend)).to.have.length(5);
      await expect(el).to.be.accessible();
    });

    it('keeps the files with the text when sending fails', async () => {
      const { el } = await mount({ user: CITIZEN, send: ['network-error'] });
      await ready(el);
      textarea(el).value = 'Kartan';
      textarea(el).dispatchEvent(new Event('input'));
      pick(el, [pdf('karta.pdf')]);
      await waitUntil(() => listedFiles(el).length === 1, 'the upload did not finish');
      await press(sendButton(el));
      await waitUntil(() => shadow(el).querySelector('[part=send-error]'));
      expect(listedFiles(el)).to.deep.equal(['karta.pdf']);
      await expect(el).to.be.accessible();
    });
  });
});
