import { TEST_CARD } from './representations.js';
import { escapeHtml } from '../../../http/html.js';

/**
 * The simulator's payment menu: the page `redirect-checkout` points at, where a tester plays the payer.
 * Swedbank Pay's real menu is a script application; this one is a plain HTML form (no script), in
 * Swedish or English after the payment order's `language`. It offers what matters to the e-service:
 * pay with the test card, have the card declined (and then try again on the same order, as the real
 * menu lets the payer), cancel (back to `cancelUrl`), or leave without a word. No card number is typed,
 * stored or sent: the page only shows Swedbank Pay's public test card.
 *
 * Every value from the payment order goes through `escapeHtml`, in text and in attributes alike.
 */

export type MenuState =
  /** Waiting for the payer. */
  | 'open'
  /** The card was just declined; the payer may try again. */
  | 'declined'
  /** Paid, seen again (a reload, or the payer came back). */
  | 'paid'
  /** A second "pay" on a paid order: nothing happened, and the page says so. */
  | 'alreadyPaid'
  /** Cancelled by the payer or aborted by the merchant. */
  | 'aborted'
  /** Failed: the payment order ran out of time. */
  | 'closed';

export interface MenuView {
  language: string;
  state: MenuState;
  payeeName?: string;
  description: string;
  amount: number;
  currency: string;
  /** Where the form posts: the menu's own URL. */
  actionUrl: string;
  /** The e-service's page (the first host URL), for a payer who leaves without choosing. */
  leaveUrl: string;
  completeUrl: string;
  cancelUrl: string;
}

const TEXTS = {
  sv: {
    title: 'Betala',
    banner: 'Swedbank Pay-simulatorn – testläge, inga riktiga pengar dras.',
    to: 'Mottagare',
    regarding: 'Avser',
    amount: 'Belopp',
    card: 'Betala med kort',
    testCard: (number: string) => `Testkort ${number} (Visa), giltigt till 12/30. Inget riktigt kort används och inga kortuppgifter sparas eller skickas.`,
    pay: (amount: string) => `Betala ${amount}`,
    decline: 'Betala men låt kortet nekas',
    cancel: 'Avbryt betalningen',
    leave: 'Lämna sidan utan att välja',
    declined: 'Kortet nekades. Du kan försöka igen eller avbryta betalningen.',
    paid: 'Betalningen är genomförd.',
    alreadyPaid: 'Betalningen är redan genomförd. Inget har dragits en gång till.',
    aborted: 'Betalningen är avbruten.',
    closed: 'Betalningen gick inte att genomföra: tiden för den har gått ut.',
    back: 'Tillbaka till e-tjänsten',
    merchant: 'Testkommunen',
  },
  en: {
    title: 'Pay',
    banner: 'The Swedbank Pay simulator – test mode, no real money is taken.',
    to: 'Payee',
    regarding: 'Regarding',
    amount: 'Amount',
    card: 'Pay by card',
    testCard: (number: string) => `Test card ${number} (Visa), valid until 12/30. No real card is used and no card details are stored or sent.`,
    pay: (amount: string) => `Pay ${amount}`,
    decline: 'Pay but have the card declined',
    cancel: 'Cancel the payment',
    leave: 'Leave the page without choosing',
    declined: 'The card was declined. You can try again or cancel the payment.',
    paid: 'The payment is complete.',
    alreadyPaid: 'The payment is already complete. Nothing has been charged a second time.',
    aborted: 'The payment has been cancelled.',
    closed: 'The payment could not be made: its time has run out.',
    back: 'Back to the e-service',
    merchant: 'The test municipality',
  },
} as const;

export { escapeHtml };

export function menuPage(view: MenuView): string {
  const lang = view.language.startsWith('sv') ? 'sv' : 'en';
  const t = TEXTS[lang];
  const amount = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-US', { style: 'currency', currency: view.currency }).format(view.amount / 100);
  const cardNumber = TEST_CARD.number.replace(/(\d{4})(?=\d)/g, '$1 ');
  const payable = view.state === 'open' || view.state === 'declined';
  const notice = {
    open: '',
    declined: `<p class="notice error" role="alert">${escapeHtml(t.declined)}</p>`,
    paid: `<p class="notice" role="status">${escapeHtml(t.paid)}</p>`,
    alreadyPaid: `<p class="notice" role="status">${escapeHtml(t.alreadyPaid)}</p>`,
    aborted: `<p class="notice" role="status">${escapeHtml(t.aborted)}</p>`,
    closed: `<p class="notice error" role="status">${escapeHtml(t.closed)}</p>`,
  }[view.state];
  const backUrl = view.state === 'paid' || view.state === 'alreadyPaid' ? view.completeUrl : view.state === 'aborted' ? view.cancelUrl : view.leaveUrl;
  const actions = payable
    ? `<form method="post" action="${escapeHtml(view.actionUrl)}">
  <fieldset>
    <legend>${escapeHtml(t.card)}</legend>
    <p>${escapeHtml(t.testCard(cardNumber))}</p>
    <button type="submit" name="action" value="approve" class="primary">${escapeHtml(t.pay(amount))}</button>
    <button type="submit" name="action" value="decline">${escapeHtml(t.decline)}</button>
  </fieldset>
  <button type="submit" name="action" value="cancel">${escapeHtml(t.cancel)}</button>
</form>
<p><a href="${escapeHtml(view.leaveUrl)}">${escapeHtml(t.leave)}</a></p>`
    : `<p><a href="${escapeHtml(backUrl)}">${escapeHtml(t.back)}</a></p>`;

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${t.title} ${amount} – ${view.description}`)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #fdf6ee; color: #2f2424; }
  header { background: #512b2b; color: #fff; padding: .75rem 1.5rem; }
  main { max-width: 32rem; margin: 0 auto; padding: 1.5rem; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  fieldset { border: 2px solid #b9aaa0; padding: 1rem; margin: 0 0 1rem; }
  legend { font-weight: 600; padding: 0 .25rem; }
  button { font: inherit; padding: .5rem .9rem; margin: .25rem .25rem .25rem 0; border: 2px solid #2f2424; background: #fff; color: #2f2424; cursor: pointer; }
  button.primary { background: #fdc129; border-color: #2f2424; }
  button:focus-visible, a:focus-visible { outline: 3px solid #1f6feb; outline-offset: 2px; }
  .notice { padding: .75rem 1rem; border-left: 6px solid #2e7d32; background: #fff; }
  .notice.error { border-left-color: #b3261e; }
</style>
</head>
<body>
<header><p>${escapeHtml(t.banner)}</p></header>
<main>
<h1>${escapeHtml(`${t.title} ${amount}`)}</h1>
<dl>
  <dt>${escapeHtml(t.to)}</dt><dd>${escapeHtml(view.payeeName ?? t.merchant)}</dd>
  <dt>${escapeHtml(t.regarding)}</dt><dd>${escapeHtml(view.description)}</dd>
  <dt>${escapeHtml(t.amount)}</dt><dd>${escapeHtml(amount)}</dd>
</dl>
${notice}
${actions}
</main>
</body>
</html>
`;
}

/** A menu link that leads nowhere (an unknown or mistyped token). */
export function menuNotFoundPage(): string {
  return `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Betalningen finns inte</title></head>
<body><main><h1>Betalningen finns inte</h1><p>Länken leder inte till någon betalning i Swedbank Pay-simulatorn.</p></main></body>
</html>
`;
}
