import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
// Only the one-file kit: it registers <cosign-status> when the page first holds one.
import '../../src/index.js';
import { KitClient } from '../../src/client/kit-client.js';
import type { CosignSigningState } from '../../src/contract/cosign.js';
import type { CosignStatus } from '../../src/elements/cosign-status/cosign-status.component.js';
import {
  CERTIFICATE, CHILD, COSIGN_BACKEND_URL, COSIGN_IDS, COSIGNER, APPLICANT, COPY, DEADLINE, OVERVIEW_DECLINED, OVERVIEW_EXPIRED, REFUSALS, REQUEST,
  REQUEST_OLD_VERSION, SIGNED_REQUEST, TOKEN, cosignBackend, refusal, type CosignScript, type Refusal,
} from '../../stories/support/cosign-example.js';
import { focused, shadow } from './helpers.js';

/**
 * <cosign-status> against a scripted fake backend passed as the KitClient's fetch. Each test has a
 * backend URL of its own, so no session store is shared between tests.
 */

let tests = 0;

async function mount(script: CosignScript, attributes: { invitation?: string; request?: string; case?: string; lang?: string; continueUrl?: string } = { invitation: TOKEN }) {
  const base = `${COSIGN_BACKEND_URL}cosign${++tests}/`;
  const backend = cosignBackend(script, base);
  const client = new KitClient(base, backend.fetch);
  const el = await fixture<CosignStatus>(html`<cosign-status .client=${client} invitation=${attributes.invitation ?? ''}
    request=${attributes.request ?? ''} case=${attributes.case ?? ''} lang=${attributes.lang ?? 'sv'}
    continue-url=${attributes.continueUrl ?? ''}></cosign-status>`);
  await customElements.whenDefined('cosign-status');
  await el.updateComplete;
  el.openBankId = () => {};
  return { el, backend };
}

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const shown = (node: Element | null | undefined) => (node as HTMLElement | null | undefined)?.innerText?.replace(/\s+/g, ' ').trim() ?? '';
const part = (el: HTMLElement, name: string) => shadow(el).querySelector<HTMLElement>(`[part~=${name}]`);
const all = (el: HTMLElement, selector: string) => [...shadow(el).querySelectorAll<HTMLElement>(selector)];
const liveRegion = (el: HTMLElement) => text(shadow(el).querySelector('.base > [role=status]'));
const until = (what: () => unknown, message: string, timeout = 5000) => waitUntil(what, message, { timeout });

function button(root: ParentNode, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label || text(b).startsWith(`${label} `));
  if (!found) throw new Error(`no button "${label}" (there are: ${[...root.querySelectorAll('button')].map((b) => text(b)).join(', ')})`);
  return found;
}

async function press(target: HTMLElement, key = 'Enter') {
  target.focus();
  await sendKeys({ press: key });
}

async function ready(el: CosignStatus) {
  await until(() => part(el, 'sign-button') || part(el, 'outcome') || part(el, 'refusal') || part(el, 'cosigner'), 'the widget did not get ready');
  await el.updateComplete;
}

/** Each row of a summary list: "key: value". */
const rows = (list: Element) => [...list.querySelectorAll('.summary-list__row')].map((row) => `${text(row.querySelector('dt'))}: ${shown(row.querySelector('dd'))}`);

const deadlineText = (lang: 'sv' | 'en') =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' }).format(new Date(DEADLINE));

const SV_REFUSALS: Record<Refusal, string> = {
  'not-for-you': 'Den här inbjudan gäller inte dig. Kontrollera att du har loggat in med rätt BankID.',
  'invitation-expired': 'Tiden för att skriva under har gått ut. Ansökan skickas inte in, men den som bad dig skriva under kan börja om.',
  'invitation-used': 'Inbjudan har redan öppnats av någon annan. Be den som bad dig skriva under att skicka en ny.',
  'already-signed': 'Du har redan skrivit under. Du behöver inte göra något mer.',
  declined: 'Underskriften är nekad, så ansökan skickas inte in. Det går inte längre att skriva under.',
  'case-not-awaiting-cosign': 'Ansökan väntar inte längre på underskrifter, så det finns inget att skriva under.',
};
const EN_REFUSALS: Record<Refusal, string> = {
  'not-for-you': 'This invitation is not for you. Check that you have logged in with the right BankID.',
  'invitation-expired': 'The time to sign has run out. The application will not be sent, but the person who asked you to sign can start again.',
  'invitation-used': 'The invitation has already been opened by someone else. Ask the person who asked you to sign to send a new one.',
  'already-signed': 'You have already signed. You do not need to do anything more.',
  declined: 'Signing has been declined, so the application will not be sent. It can no longer be signed.',
  'case-not-awaiting-cosign': 'The application is no longer waiting for signatures, so there is nothing to sign.',
};

describe('<cosign-status>', () => {
  it('is registered by the one-file kit when the page first holds one', async () => {
    expect(customElements.get('cosign-status')).to.equal(undefined);
    const element = document.createElement('cosign-status');
    document.body.append(element);
    await customElements.whenDefined('cosign-status');
    element.remove();
  });

  describe("the cosigner's view", () => {
    it('asks for a login first (the link alone grants nothing), then opens the invitation', async () => {
      const { el, backend } = await mount({});
      await until(() => shadow(el).querySelector('eid-login'), 'no login');
      await expect(el).to.be.accessible();
      expect(text(part(el, 'login-notice'))).to.equal('Logga in med BankID för att se vad du ombeds skriva under.');
      expect(backend.sent.some((r) => r.path.startsWith('api/cosigning'))).to.equal(false);
      const login = shadow(el).querySelector('eid-login')!;
      await until(() => login.shadowRoot?.querySelector('button'), 'no login buttons');
      await press(button(login.shadowRoot!, 'BankID på en annan enhet'));
      await ready(el);
      expect(backend.sent.find((r) => r.path === 'api/cosigning/open')).to.deep.include({ method: 'POST', body: { token: TOKEN } });
    });

    it('shows who asked, the deadline with the days left, and the answers read-only', async () => {
      const { el } = await mount({ user: COSIGNER });
      await ready(el);
      await expect(el).to.be.accessible();
      expect(text(part(el, 'title'))).to.equal('Ansökan om plats i förskola');
      expect(text(part(el, 'asked-by'))).to.equal('Anna Andersson vill att du skriver under');
      const [facts, answers] = all(el, '.summary-list');
      expect(rows(facts!)).to.deep.equal(['Kommun: Exempelby kommun', `Sista dag att skriva under: ${deadlineText('sv')} (14 dagar kvar)`]);
      expect(rows(answers!)).to.deep.equal([
        'Vilket barn gäller ansökan?: Elsa Andersson', 'Önskad förskola: Solrosen', 'Hur mycket behöver barnet vara i förskolan?: Heltid',
        'Intyg om barnets behov: intyg.png', 'Den sökande vårdnadshavarens telefonnummer: 070-123 45 67',
      ]);
      expect(shadow(el).querySelectorAll('input, textarea, select')).to.have.length(0);
      expect(text(part(el, 'sign-button'))).to.equal('Skriv under');
      expect(text(part(el, 'decline-button'))).to.equal('Neka');
    });

    it('names the company a request to sign jointly is for', async () => {
      const forCompany = { ...REQUEST, organisation: { organisationNumber: '5568112345', name: 'Torgcaféet i Exempelby AB' } };
      const { el } = await mount({ user: COSIGNER, open: [forCompany] });
      await ready(el);
      expect(rows(all(el, '.summary-list')[0]!)).to.deep.equal([
        'Kommun: Exempelby kommun', 'Företag: Torgcaféet i Exempelby AB, 556811-2345', `Sista dag att skriva under: ${deadlineText('sv')} (14 dagar kvar)`,
      ]);
      await expect(el).to.be.accessible();
    });

    it('says that an applicant with protected personal data has their contact details withheld', async () => {
      const withheld = { ...REQUEST, answers: Object.fromEntries(Object.entries(REQUEST.answers).filter(([id]) => !/phone|email/i.test(id))), contactWithheld: true };
      const { el } = await mount({ user: COSIGNER, open: [withheld] });
      await ready(el);
      expect(text(part(el, 'contact-withheld'))).to.equal('Den som ansökte har skyddade personuppgifter. Därför visas inte hens adress, telefonnummer eller e-postadress här. Kommunen har dem.');
      expect(shown(all(el, '.summary-list')[1]!)).not.to.contain('070-123 45 67');
      await expect(el).to.be.accessible();
    });

    it('names the child and the certificate, and asks the questions in words meant for someone other than the applicant', async () => {
      const { el } = await mount({ user: COSIGNER });
      await ready(el);
      await expect(el).to.be.accessible();
      const answers = all(el, '.summary-list')[1]!;
      const shownText = shown(answers);
      // The child by name, the file by its name: never the personnummer or the file's id.
      expect(shownText).to.contain('Vilket barn gäller ansökan? Elsa Andersson');
      expect(shownText).to.contain('Intyg om barnets behov intyg.png');
      expect(shownText).not.to.contain(CHILD.personalNumber);
      expect(shownText).not.to.contain(CERTIFICATE.id);
      // "Ditt telefonnummer" would be the reader's own: the summaryLabel says whose it is.
      expect(shownText).to.contain('Den sökande vårdnadshavarens telefonnummer 070-123 45 67');
      expect(shownText).not.to.contain('Ditt telefonnummer');
      // Read by keyboard: from the heading, the next stop is Skriv under (the answers are text, not controls).
      part(el, 'title')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(part(el, 'sign-button'));

      el.setAttribute('lang', 'en');
      await until(() => shown(all(el, '.summary-list')[1]).includes('The applying guardian’s phone number'), 'no English');
      expect(rows(all(el, '.summary-list')[1]!)).to.deep.equal([
        'Which child is the application for?: Elsa Andersson', 'Preferred preschool: Solrosen',
        'How much does the child need to be at preschool?: Full time', 'Certificate of the child’s needs: intyg.png',
        'The applying guardian’s phone number: 070-123 45 67',
      ]);
      await expect(el).to.be.accessible();
    });

    it('shows the answers under their ids when the e-service has changed since', async () => {
      const { el } = await mount({ user: COSIGNER, open: [REQUEST_OLD_VERSION] });
      await ready(el);
      expect(rows(all(el, '.summary-list')[1]!)).to.deep.equal([
        'child: Elsa Andersson', 'preschool: Solrosen', 'hours: full', 'certificate: intyg.png', 'phone: 070-123 45 67',
      ]);
      expect(text(shadow(el).querySelector('.muted'))).to.contain('E-tjänsten har ändrats');
      await expect(el).to.be.accessible();
    });

    it('reads the invitation from the page address when no attribute names one', async () => {
      const before = location.href;
      history.replaceState(null, '', `?invitation=${TOKEN}x`);
      try {
        const { el, backend } = await mount({ user: COSIGNER }, {});
        await ready(el);
        expect(backend.sent.find((r) => r.path === 'api/cosigning/open')?.body).to.deep.equal({ token: `${TOKEN}x` });
        expect(location.search, 'the token leaves the address once opened, the request takes its place').to.equal(`?request=${COSIGN_IDS.request}`);
      } finally {
        history.replaceState(null, '', before);
      }
    });

    it('opens a request by its id when it comes from Mina sidor', async () => {
      const { el, backend } = await mount({ user: COSIGNER }, { request: COSIGN_IDS.request });
      await ready(el);
      expect(backend.sent.some((r) => r.path === 'api/cosigning/open')).to.equal(false);
      expect(backend.sent.find((r) => r.path === `api/cosigning/requests/${COSIGN_IDS.request}`)?.method).to.equal('GET');
    });

    it('opens the request a link from <my-cases> names in the page address (?request=<id>)', async () => {
      const before = location.href;
      history.replaceState(null, '', `?request=${COSIGN_IDS.request}`);
      try {
        const { el, backend } = await mount({ user: COSIGNER }, {});
        await ready(el);
        expect(backend.sent.some((r) => r.path === 'api/cosigning/open')).to.equal(false);
        expect(backend.sent.find((r) => r.path === `api/cosigning/requests/${COSIGN_IDS.request}`)?.method).to.equal('GET');
        await expect(el).to.be.accessible();
      } finally {
        history.replaceState(null, '', before);
      }
    });

    it('says so when the link carries no invitation', async () => {
      const { el } = await mount({ user: COSIGNER }, {});
      await until(() => part(el, 'refusal'), 'no message');
      expect(text(part(el, 'refusal'))).to.contain('Länken saknar sin inbjudan');
      await expect(el).to.be.accessible();
    });

    it('is loading while the invitation is opened', async () => {
      const { el } = await mount({ user: COSIGNER, open: ['never'] });
      await until(() => text(part(el, 'loading')) === 'Hämtar det du ombeds skriva under…', 'no loading');
      expect(part(el, 'loading')!.getAttribute('aria-busy')).to.equal('true');
      await expect(el).to.be.accessible();
    });

    it('says what went wrong and tries again by keyboard', async () => {
      const { el, backend } = await mount({ user: COSIGNER, open: ['network-error', REQUEST] });
      await until(() => part(el, 'load-error'), 'no error');
      await expect(el).to.be.accessible();
      expect(text(part(el, 'load-error')!.querySelector('p'))).to.equal('Det du ombeds skriva under kunde inte hämtas just nu.');
      await press(button(shadow(el), 'Försök igen'));
      await ready(el);
      expect(backend.sent.filter((r) => r.path === 'api/cosigning/open')).to.have.length(2);
    });

    for (const code of Object.keys(REFUSALS) as Refusal[]) {
      it(`says plainly why it cannot be signed: ${code}, in Swedish and English`, async () => {
        const { el } = await mount({ user: COSIGNER, open: [refusal(code)] });
        await until(() => part(el, 'refusal'), 'no refusal');
        expect(text(part(el, 'refusal'))).to.equal(SV_REFUSALS[code]);
        expect(part(el, 'refusal')!.getAttribute('role')).to.equal('alert');
        // Nothing about the case is shown, and no Try again.
        expect(part(el, 'asked-by')).to.equal(null);
        expect(shadow(el).querySelector('button')).to.equal(null);
        await expect(el).to.be.accessible();
        el.setAttribute('lang', 'en');
        await until(() => text(part(el, 'refusal')) === EN_REFUSALS[code], `English: "${text(part(el, 'refusal'))}"`);
      });
    }

    it('signs on another device: starts the order with a key of its own, shows the QR code and BankID’s messages, then says what happens next', async () => {
      const pending = (hintCode: string): CosignSigningState => ({ status: 'pending', hintCode, qrData: 'bankid.abc.0.aa' });
      const { el, backend } = await mount({
        user: COSIGNER,
        polls: [pending('outstandingTransaction'), pending('outstandingTransaction'), pending('userSign'), { status: 'complete', request: SIGNED_REQUEST }],
      });
      await ready(el);
      const signed = oneEvent(el, 'cosign-status-signed');
      await press(part(el, 'sign-button')!);
      await until(() => focused(el)?.id === 'sign-title', 'focus did not move to the signing steps');
      expect(text(part(el, 'signing')!.querySelector('p:not(.status)'))).to.equal('Vill du använda BankID på den här enheten eller på en annan enhet?');
      await press(button(part(el, 'signing')!, 'BankID på en annan enhet'));
      await until(() => shadow(el).querySelector('canvas[part=qr]'), 'no QR code');
      expect(liveRegion(el)).to.equal('Starta BankID-appen.');
      expect(text(part(el, 'signing-status'))).to.equal('Starta BankID-appen.');
      expect(shadow(el).querySelector('canvas')!.getAttribute('aria-label')).to.contain('QR-kod');
      await expect(el).to.be.accessible();
      const start = backend.sent.findIndex((r) => r.path === `api/cosigning/requests/${COSIGN_IDS.request}/signatures`);
      expect(backend.sent[start]).to.deep.include({ method: 'POST', body: { method: 'otherDevice' } });
      expect(backend.headers[start]!.get('Idempotency-Key')).to.match(/^[0-9a-f-]{36}$/);
      await until(() => text(part(el, 'outcome')), 'not signed', 8000);
      expect(text(part(el, 'outcome'))).to.equal('Du har skrivit under. Ärendet skickas till kommunen när alla har skrivit under.');
      expect(focused(el)?.id).to.equal('outcome');
      expect((await signed).detail).to.deep.equal({ requestId: COSIGN_IDS.request, caseId: COSIGN_IDS.caseId });
      expect(part(el, 'sign-button')).to.equal(null);
      expect(backend.sent.filter((r) => r.path.startsWith('api/cosigning/signatures/')).length).to.be.greaterThan(1);
      await expect(el).to.be.accessible();
    });

    it('signs on this device with the autostart link, and says when the case is now sent', async () => {
      const { el } = await mount({ user: COSIGNER, polls: [{ status: 'complete', request: SIGNED_REQUEST, caseSubmitted: true }] });
      const opened: string[] = [];
      el.openBankId = (url) => opened.push(url);
      await ready(el);
      await press(part(el, 'sign-button')!);
      await press(button(part(el, 'signing')!, 'BankID på den här enheten'));
      await until(() => part(el, 'outcome'), 'not signed');
      expect(opened[0]).to.match(/^bankid:\/\/\/\?autostarttoken=auto-token&redirect=null$/);
      expect(text(part(el, 'outcome'))).to.equal('Du har skrivit under. Ärendet är nu inskickat.');
    });

    it('cancels the order and goes back to its buttons', async () => {
      const { el, backend } = await mount({ user: COSIGNER, polls: [{ status: 'pending', hintCode: 'outstandingTransaction', qrData: 'bankid.abc.0.aa' }] });
      await ready(el);
      await press(part(el, 'sign-button')!);
      await press(button(part(el, 'signing')!, 'BankID på en annan enhet'));
      await until(() => shadow(el).querySelector('canvas'), 'no QR code');
      await press(button(part(el, 'signing')!, 'Avbryt'));
      await until(() => liveRegion(el) === 'Åtgärden avbröts.', 'not cancelled');
      expect(backend.sent.some((r) => r.method === 'DELETE' && r.path.startsWith('api/cosigning/signatures/'))).to.equal(true);
      await press(button(part(el, 'signing')!, 'Avbryt'));
      await until(() => focused(el)?.id === 'sign-button', 'focus did not return to Skriv under');
    });

    it('says so when signing is refused, e.g. the time ran out meanwhile', async () => {
      const { el } = await mount({ user: COSIGNER, start: [refusal('invitation-expired')] });
      await ready(el);
      await press(part(el, 'sign-button')!);
      await press(button(part(el, 'signing')!, 'BankID på en annan enhet'));
      await until(() => part(el, 'refusal'), 'no refusal');
      expect(text(part(el, 'refusal'))).to.equal(SV_REFUSALS['invitation-expired']);
      expect(part(el, 'signing')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('declines after a confirmation, and can step back from it', async () => {
      const { el, backend } = await mount({ user: COSIGNER });
      await ready(el);
      await press(part(el, 'decline-button')!);
      await until(() => focused(el)?.id === 'decline-question', 'focus did not move to the question');
      expect(text(part(el, 'confirm')!.querySelector('p'))).to.equal('Vill du neka att skriva under? Anna Andersson får besked, och ansökan skickas inte in.');
      await expect(el).to.be.accessible();
      await press(button(part(el, 'confirm')!, 'Avbryt'));
      await until(() => focused(el)?.id === 'decline-button', 'focus did not return to Neka');
      expect(backend.sent.some((r) => r.path.endsWith('/decline'))).to.equal(false);
      await press(part(el, 'decline-button')!);
      const declined = oneEvent(el, 'cosign-status-declined');
      await press(button(part(el, 'confirm')!, 'Ja, neka'));
      await until(() => part(el, 'outcome'), 'not declined');
      expect(text(part(el, 'outcome'))).to.equal('Du har nekat. Anna Andersson får besked.');
      expect(focused(el)?.id).to.equal('outcome');
      expect(backend.sent.find((r) => r.path.endsWith('/decline'))).to.deep.include({ method: 'POST', path: `api/cosigning/requests/${COSIGN_IDS.request}/decline` });
      expect((await declined).detail).to.deep.equal({ requestId: COSIGN_IDS.request, caseId: COSIGN_IDS.caseId });
      await expect(el).to.be.accessible();
    });

    it('keeps the question when declining fails', async () => {
      const { el } = await mount({ user: COSIGNER, decline: 'network-error' });
      await ready(el);
      await press(part(el, 'decline-button')!);
      await press(button(part(el, 'confirm')!, 'Ja, neka'));
      await until(() => part(el, 'confirm')?.querySelector('[role=alert]'), 'no error');
      expect(text(part(el, 'confirm')!.querySelector('[role=alert]'))).to.equal('Det gick inte att neka just nu. Försök igen.');
    });

    it('speaks English with English dates', async () => {
      const { el } = await mount({ user: COSIGNER }, { invitation: TOKEN, lang: 'en' });
      await until(() => text(part(el, 'asked-by')) === 'Anna Andersson wants you to sign', 'not in English');
      expect(rows(all(el, '.summary-list')[0]!)[1]).to.equal(`Last day to sign: ${deadlineText('en')} (14 days left)`);
      expect(text(part(el, 'sign-button'))).to.equal('Sign');
      await expect(el).to.be.accessible();
    });
  });

  describe("the applicant's view", () => {
    const applicant = { case: COSIGN_IDS.caseId, continueUrl: '/{serviceId}.html?case={id}' };

    it('asks for a login when nobody is logged in', async () => {
      const { el } = await mount({}, applicant);
      await until(() => shadow(el).querySelector('eid-login'), 'no login');
      expect(text(part(el, 'login-notice'))).to.equal('Logga in med e-legitimation för att se vilka som har skrivit under.');
      await expect(el).to.be.accessible();
    });

    it('is loading, and says what went wrong with Try again', async () => {
      const { el } = await mount({ user: APPLICANT, overview: ['never'] }, applicant);
      await until(() => text(part(el, 'loading')) === 'Hämtar underskrifterna…', 'no loading');
      await expect(el).to.be.accessible();
      const second = await mount({ user: APPLICANT, overview: [{ problem: { status: 500 } }, OVERVIEW_EXPIRED] }, applicant);
      await until(() => part(second.el, 'load-error'), 'no error');
      expect(text(part(second.el, 'load-error')!.querySelector('p'))).to.equal('Underskrifterna kunde inte hämtas just nu.');
      await expect(second.el).to.be.accessible();
      await press(button(shadow(second.el), 'Försök igen'));
      await until(() => part(second.el, 'cosigner'), 'not loaded');
    });

    it('shows who has signed and who has not, the deadline and days left, with status tags', async () => {
      const { el } = await mount({ user: APPLICANT }, applicant);
      await ready(el);
      await expect(el).to.be.accessible();
      expect(rows(shadow(el).querySelector('.summary-list')!)).to.deep.equal([
        'E-tjänst: Ansökan om plats i förskola',
        'Ärendenummer: FSK-2026-00007',
        'Status: Väntar på flerpartssignering',
        `Alla ska ha skrivit under senast: ${deadlineText('sv')} (14 dagar kvar)`,
      ]);
      const people = all(el, '[part=cosigner]');
      expect(people.map((row) => text(row.querySelector('[role=heading]')))).to.deep.equal(['Den andra vårdnadshavaren', 'Karin Berg']);
      expect(part(el, 'title')!.getAttribute('aria-level')).to.equal('2');
      expect(people[0]!.querySelector('[role=heading]')!.getAttribute('aria-level')).to.equal('3');
      expect(people.map((row) => text(row.querySelector('[part=status-tag]')))).to.deep.equal(['Har inte skrivit under', 'Har skrivit under']);
      expect(text(people[0]!.querySelector('p'))).to.equal('Inbjudan skickad 20 november 2026 till e***@example.se');
      expect(text(people[1]!.querySelector('p'))).to.equal('Skrev under 21 november 2026');
      // Only who has not signed can be invited again.
      expect(people[1]!.querySelector('button')).to.equal(null);
      expect(text(people[0]!.querySelector('[part=resend-button]'))).to.equal('Skicka inbjudan igen (Den andra vårdnadshavaren)');
    });

    it('sends the invitation again by keyboard, and says so', async () => {
      const { el, backend } = await mount({ user: APPLICANT }, applicant);
      await ready(el);
      const reinvited = oneEvent(el, 'cosign-status-reinvited');
      await press(part(el, 'resend-button')!);
      await until(() => liveRegion(el), 'nothing said');
      expect(liveRegion(el)).to.equal('Inbjudan har skickats igen till e***@example.se.');
      expect(backend.sent.find((r) => r.path.endsWith('/invitation'))).to.deep.include({
        method: 'POST', path: `api/my/cases/${COSIGN_IDS.caseId}/cosigning/${COSIGN_IDS.request}/invitation`, body: {},
      });
      expect((await reinvited).detail).to.deep.equal({ caseId: COSIGN_IDS.caseId, requestId: COSIGN_IDS.request });
      expect(focused(el)?.id).to.equal(`resend-${COSIGN_IDS.request}`);
      await expect(el).to.be.accessible();
    });

    it('corrects the address: errors GOV.UK style, then the invitation goes to the new one', async () => {
      const { el, backend } = await mount({ user: APPLICANT }, applicant);
      await ready(el);
      await press(part(el, 'change-button')!);
      const input = `email-${COSIGN_IDS.request}`;
      await until(() => focused(el)?.id === input, 'focus did not move to the field');
      await expect(el).to.be.accessible();
      // Empty.
      await sendKeys({ press: 'Enter' });
      await until(() => focused(el)?.classList.contains('error-summary'), 'the summary did not take focus');
      expect(text(part(el, 'error-summary')!.querySelector('a'))).to.equal('Skriv e-postadressen som inbjudan ska skickas till');
      expect(text(part(el, 'error-message'))).to.equal('Fel: Skriv e-postadressen som inbjudan ska skickas till');
      await expect(el).to.be.accessible();
      // The summary's link moves focus to the field.
      await press(part(el, 'error-summary')!.querySelector('a')!);
      expect(focused(el)?.id).to.equal(input);
      await sendKeys({ type: 'erik@' });
      await sendKeys({ press: 'Enter' });
      await until(() => text(part(el, 'error-message')).includes('rätt format'), 'no format error');
      const field = shadow(el).querySelector<HTMLInputElement>(`#${input}`)!;
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expect(field.getAttribute('aria-describedby')).to.equal(`${input}-hint ${input}-error`);
      expect(backend.sent.some((r) => r.path.endsWith('/invitation'))).to.equal(false);
      field.focus();
      field.select();
      await sendKeys({ type: 'erik.andersson@example.se' });
      await sendKeys({ press: 'Enter' });
      await until(() => liveRegion(el), 'nothing said');
      expect(backend.sent.find((r) => r.path.endsWith('/invitation'))?.body).to.deep.equal({ email: 'erik.andersson@example.se' });
      expect(liveRegion(el)).to.equal('Inbjudan har skickats igen till erik.andersson@example.se.');
      expect(focused(el)?.id).to.equal(`resend-${COSIGN_IDS.request}`);
      expect(part(el, 'change-form')).to.equal(null);
      expect(text(part(el, 'cosigner')!.querySelector('p'))).to.match(/^Inbjudan skickad .* till e\*\*\*@/);
    });

    it('shows the backend’s error beside the field', async () => {
      const problem = { status: 400, type: '/problems/invalid-body', title: 'Ogiltig', errors: [{ path: 'email', code: 'invalid', message: 'Adressen finns inte' }] };
      const { el } = await mount({ user: APPLICANT, reinvite: [{ problem }] }, applicant);
      await ready(el);
      await press(part(el, 'change-button')!);
      await sendKeys({ type: 'erik@example.se' });
      await sendKeys({ press: 'Enter' });
      await until(() => part(el, 'error-message'), 'no error');
      expect(text(part(el, 'error-message'))).to.equal('Fel: Adressen finns inte');
      await expect(el).to.be.accessible();
    });

    it('starts again from a copy of a case not signed in time, with a link to the new draft', async () => {
      const { el, backend } = await mount({ user: APPLICANT, overview: [OVERVIEW_EXPIRED] }, applicant);
      await ready(el);
      await expect(el).to.be.accessible();
      expect(text(part(el, 'status-tag'))).to.equal('Inte underskrivet i tid');
      expect(shown(shadow(el).querySelector('.summary-list'))).to.contain('(Tiden har gått ut)');
      expect(text(shadow(el).querySelector('.notice'))).to.contain('Alla skrev inte under i tid');
      expect(part(el, 'resend-button')).to.equal(null);
      const copied = oneEvent(el, 'cosign-status-copied');
      await press(part(el, 'copy-button')!);
      await until(() => part(el, 'continue-link'), 'no link');
      expect(part(el, 'continue-link')!.getAttribute('href')).to.equal(`/forskoleplats.html?case=${COPY.id}`);
      expect(text(part(el, 'outcome'))).to.equal('En kopia av ansökan är sparad som utkast.');
      expect(focused(el)?.id).to.equal('copied');
      expect((await copied).detail).to.deep.equal({ caseId: COSIGN_IDS.caseId, draftId: COPY.id, serviceId: 'forskoleplats', url: `/forskoleplats.html?case=${COPY.id}` });
      expect(backend.sent.find((r) => r.path.endsWith('/copy'))?.method).to.equal('POST');
      await expect(el).to.be.accessible();
    });

    it('offers the copy for a declined case too, and says when making it fails', async () => {
      const { el } = await mount({ user: APPLICANT, overview: [OVERVIEW_DECLINED], copy: 'network-error' }, applicant);
      await ready(el);
      expect(text(shadow(el).querySelector('.notice'))).to.contain('Någon har nekat att skriva under');
      expect(text(all(el, '[part=cosigner] [role=heading]')[0])).to.equal('Erik Andersson');
      await press(part(el, 'copy-button')!);
      await until(() => shadow(el).querySelector('.error[role=alert]'), 'no error');
      expect(text(shadow(el).querySelector('.error[role=alert]'))).to.equal('Det gick inte att skapa en kopia just nu. Försök igen.');
      await expect(el).to.be.accessible();
    });
  });
});
