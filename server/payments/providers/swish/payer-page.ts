import type { PaymentRequestStatus, PayerOutcome, SimulatedPaymentRequest } from './ledger.js';
import { escapeHtml } from '../../../http/html.js';

/**
 * The payer's side of the Swish simulator: a plain HTML page where a tester plays the Swish app.
 * It lists payment requests for one payer number (e-commerce: the request "arrives in the app")
 * or one token (m-commerce: the app was opened by the app link or a scanned QR code), and each
 * waiting request has four buttons: approve, decline, let the time run out, cancel in BankID.
 *
 * Plain forms posting to the simulator, no script at all, so it works under a strict CSP and
 * with any assistive technology; every value from a request is HTML-escaped.
 */

export type PageLanguage = 'sv' | 'en';

export interface PayerPageModel {
  lang: PageLanguage;
  payer: string;
  token: string;
  /** The e-service's return URL given with the app link (swish://…&callbackurl=…): offered once the request has ended. */
  returnUrl: string;
  requests: readonly SimulatedPaymentRequest[];
  notice?: { kind: 'done' | 'unchanged'; outcome: PayerOutcome; status: PaymentRequestStatus } | { kind: 'missing' };
  now: number;
}

const TEXT = {
  sv: {
    title: 'Swish-simulatorn – betalarens app',
    intro: 'Spela Swish-appen: godkänn, neka eller låt tiden gå ut för betalningsförfrågningar som en e-tjänst har skickat. Inga riktiga pengar rör sig.',
    find: 'Visa förfrågningar',
    payer: 'Ditt Swish-nummer (för förfrågningar till ett nummer)',
    token: 'Token (från QR-kod eller app-länk)',
    show: 'Visa',
    none: 'Inga betalningsförfrågningar här.',
    list: 'Betalningsförfrågningar',
    to: 'till',
    message: 'Meddelande',
    reference: 'Mottagarens referens',
    payerLabel: 'Betalare',
    thisDevice: 'Den här enheten eller QR-kod',
    status: 'Status',
    answerWithin: 'Svara inom',
    seconds: 's',
    bankReference: 'Bankens referens',
    actions: 'Svara på förfrågan',
    approve: 'Godkänn',
    decline: 'Neka',
    timeout: 'Låt tiden gå ut',
    cancel: 'Avbryt i BankID',
    back: 'Tillbaka till e-tjänsten',
    other: 'In English',
    statuses: { CREATED: 'Väntar på svar', PAID: 'Betald', DECLINED: 'Nekad', ERROR: 'Fel', CANCELLED: 'Återkallad av mottagaren' },
    done: { approve: 'Betalningen är godkänd.', decline: 'Du nekade betalningen.', timeout: 'Tiden gick ut (TM01).', cancel: 'Du avbröt signeringen i BankID (BANKIDCL).' },
    unchanged: 'Inget ändrades: förfrågan har redan avslutats',
    alreadyPaid: 'Redan betald – inget ändrades, ingen betalning till.',
    missing: 'Det finns ingen sådan betalningsförfrågan.',
  },
  en: {
    title: 'Swish simulator – the payer’s app',
    intro: 'Play the Swish app: approve, decline or let the time run out for payment requests an e-service has sent. No real money moves.',
    find: 'Show requests',
    payer: 'Your Swish number (for requests sent to a number)',
    token: 'Token (from a QR code or app link)',
    show: 'Show',
    none: 'No payment requests here.',
    list: 'Payment requests',
    to: 'to',
    message: 'Message',
    reference: 'Payee’s reference',
    payerLabel: 'Payer',
    thisDevice: 'This device or QR code',
    status: 'Status',
    answerWithin: 'Answer within',
    seconds: 's',
    bankReference: 'Bank reference',
    actions: 'Answer the request',
    approve: 'Approve',
    decline: 'Decline',
    timeout: 'Let the time run out',
    cancel: 'Cancel in BankID',
    back: 'Back to the e-service',
    other: 'På svenska',
    statuses: { CREATED: 'Waiting for an answer', PAID: 'Paid', DECLINED: 'Declined', ERROR: 'Error', CANCELLED: 'Withdrawn by the payee' },
    done: { approve: 'The payment is approved.', decline: 'You declined the payment.', timeout: 'The time ran out (TM01).', cancel: 'You cancelled the BankID signing (BANKIDCL).' },
    unchanged: 'Nothing changed: the request has already ended',
    alreadyPaid: 'Already paid – nothing changed, no second payment.',
    missing: 'There is no such payment request.',
  },
} as const;

export { escapeHtml };

/** The query string that keeps the page's state (language, filter, return URL) across a post and back. */
export function pageQuery(model: Pick<PayerPageModel, 'lang' | 'payer' | 'token' | 'returnUrl'>, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  if (model.lang !== 'sv') query.set('lang', model.lang);
  if (model.payer) query.set('payer', model.payer);
  if (model.token) query.set('token', model.token);
  if (model.returnUrl) query.set('callbackurl', model.returnUrl);
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  const text = query.toString();
  return text ? `?${text}` : '';
}

export function renderPayerPage(model: PayerPageModel): string {
  const t = TEXT[model.lang];
  const other: PageLanguage = model.lang === 'sv' ? 'en' : 'sv';
  const hidden = (name: string, value: string) => (value ? `<input type="hidden" name="${name}" value="${escapeHtml(value)}">` : '');
  return `<!doctype html>
<html lang="${model.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<link rel="stylesheet" href="/sim/style.css">
</head>
<body>
<header><p class="brand">${escapeHtml(t.title)}</p><a href="/sim/${escapeHtml(pageQuery({ ...model, lang: other }))}" lang="${other}">${escapeHtml(t.other)}</a></header>
<main>
<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro)}</p>
<form method="get" action="/sim/" class="find">
  <fieldset>
    <legend>${escapeHtml(t.find)}</legend>
    ${hidden('lang', model.lang === 'sv' ? '' : model.lang)}
    <label for="payer">${escapeHtml(t.payer)}</label>
    <input id="payer" name="payer" inputmode="numeric" autocomplete="tel" value="${escapeHtml(model.payer)}">
    <label for="token">${escapeHtml(t.token)}</label>
    <input id="token" name="token" autocomplete="off" value="${escapeHtml(model.token)}">
    <button type="submit">${escapeHtml(t.show)}</button>
  </fieldset>
</form>
<div role="status" class="notice">${renderNotice(model)}</div>
<h2>${escapeHtml(t.list)}</h2>
${model.requests.length === 0 ? `<p>${escapeHtml(t.none)}</p>` : `<ul class="requests">${model.requests.map((request) => renderRequest(request, model)).join('')}</ul>`}
</main>
</body>
</html>
`;
}

function renderNotice(model: PayerPageModel): string {
  const t = TEXT[model.lang];
  const notice = model.notice;
  if (!notice) return '';
  if (notice.kind === 'missing') return `<p>${escapeHtml(t.missing)}</p>`;
  if (notice.kind === 'done') return `<p>${escapeHtml(t.done[notice.outcome])}</p>`;
  if (notice.outcome === 'approve' && notice.status === 'PAID') return `<p>${escapeHtml(t.alreadyPaid)}</p>`;
  return `<p>${escapeHtml(`${t.unchanged} (${t.statuses[notice.status]}).`)}</p>`;
}

function renderRequest(request: SimulatedPaymentRequest, model: PayerPageModel): string {
  const t = TEXT[model.lang];
  const headingId = `r-${request.id}`;
  const secondsLeft = Math.max(0, Math.ceil((Date.parse(request.answerBy) - model.now) / 1000));
  const status = request.status === 'ERROR' ? `${t.statuses.ERROR} (${request.errorCode ?? ''})` : t.statuses[request.status];
  const row = (label: string, value: string) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;
  const answer = request.status === 'CREATED'
    ? `<form method="post" action="/sim/requests/${escapeHtml(request.id)}${escapeHtml(pageQuery(model))}" aria-label="${escapeHtml(t.actions)}">
      <button type="submit" name="action" value="approve" class="approve">${escapeHtml(t.approve)}</button>
      <button type="submit" name="action" value="decline">${escapeHtml(t.decline)}</button>
      <button type="submit" name="action" value="timeout">${escapeHtml(t.timeout)}</button>
      <button type="submit" name="action" value="cancel">${escapeHtml(t.cancel)}</button>
    </form>`
    : isReturnable(model.returnUrl) ? `<p><a href="${escapeHtml(model.returnUrl)}">${escapeHtml(t.back)}</a></p>` : '';
  return `
  <li><section aria-labelledby="${escapeHtml(headingId)}">
    <h3 id="${escapeHtml(headingId)}">${escapeHtml(formatAmount(request.amount, model.lang))} ${escapeHtml(t.to)} ${escapeHtml(request.payeeAlias)}</h3>
    <dl>
      ${request.message ? row(t.message, request.message) : ''}
      ${request.payeePaymentReference ? row(t.reference, request.payeePaymentReference) : ''}
      ${row(t.payerLabel, request.token ? (request.payerAlias ?? t.thisDevice) : (request.payerAlias ?? ''))}
      ${row(t.status, status)}
      ${request.status === 'CREATED' ? row(t.answerWithin, `${secondsLeft} ${t.seconds}`) : ''}
      ${request.paymentReference ? row(t.bankReference, request.paymentReference) : ''}
    </dl>
    ${answer}
  </section></li>`;
}

function formatAmount(kronor: number, lang: PageLanguage): string {
  const text = kronor.toFixed(2);
  return lang === 'sv' ? `${text.replace('.', ',')} kr` : `SEK ${text}`;
}

/** Only a web address goes into the back link: never javascript: or the like. */
function isReturnable(url: string): boolean {
  return URL.canParse(url) && ['http:', 'https:'].includes(new URL(url).protocol);
}

export const PAYER_PAGE_CSS = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f3f2f1; color: #0b0c0c; }
header { display: flex; justify-content: space-between; align-items: center; background: #1e3a5f; color: #fff; padding: .75rem 1.5rem; }
header a { color: #fff; }
.brand { margin: 0; font-weight: 700; }
main { max-width: 50rem; margin: 0 auto; padding: 1.5rem; }
fieldset { border: 2px solid #b1b4b6; padding: 1rem; }
label { display: block; margin-top: .5rem; font-weight: 600; }
input { font: inherit; padding: .35rem; border: 2px solid #0b0c0c; width: min(100%, 24rem); }
button { font: inherit; margin: .5rem .5rem 0 0; padding: .45rem .8rem; border: 2px solid #0b0c0c; background: #fff; cursor: pointer; }
button.approve { background: #00703c; color: #fff; border-color: #00703c; }
button:focus-visible, a:focus-visible, input:focus-visible { outline: 3px solid #ffdd00; outline-offset: 0; }
.notice p { background: #fff; border-left: 6px solid #1d70b8; padding: .5rem 1rem; }
.requests { list-style: none; padding: 0; }
.requests section { background: #fff; border: 2px solid #b1b4b6; padding: 1rem 1.25rem; margin-bottom: 1rem; }
.requests h3 { margin: 0 0 .5rem; font-size: 1.15rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
`;
