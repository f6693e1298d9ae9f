import { html, type TemplateResult } from 'lit';
import type { KitClient } from '../client/kit-client.js';
import type { Language } from '../contract/text.js';
import { t } from '../i18n/index.js';
import '../elements/eid-login/eid-login.js';
import '../i18n/messages.page-login.js';

/**
 * One login per page. A widget that needs the citizen logged in (Mina sidor's, the form's login gate) shows its
 * own `<eid-login>` only when the page has none; when it has one — in its header, say — the widget says why to log
 * in and leads there, and that login logs in every widget on the page (they follow the page's one session). So
 * a logged-out Mina sidor shows one choice of e-IDs, not one per widget.
 */
export function renderLogin(lang: Language, client: Pick<KitClient, 'baseUrl' | 'fetch'> | undefined): TemplateResult {
  const page = pageLogin();
  return page
    ? html`<div class="actions"><button type="button" class="button button--secondary" part="login-link" @click=${(event: Event) => goTo(page, event.currentTarget as Element)}>${t(lang, 'login.toPage')}</button></div>`
    : html`<eid-login part="login" .client=${client} .fetch=${client?.fetch} lang=${lang}></eid-login>`;
}

/**
 * The page's own `<eid-login>`: one in the page itself (a widget's own is inside its shadow root, not found here)
 * that the citizen can see — one in a collapsed menu leads nowhere, so the widget shows its own.
 */
function pageLogin(): HTMLElement | undefined {
  return [...document.querySelectorAll<HTMLElement>('eid-login')].find((login) => login.checkVisibility?.() ?? true);
}

/** The widgets waiting to hear of a login at the page's: told once each. */
const waiting = new WeakSet<HTMLElement>();

/**
 * To the page's login: shown, and its first button focused, so that a keyboard user goes on from there. A login
 * made there is told to the widget that led there too (its `eid-login-success`), so that it takes focus back
 * as after a login of its own: the citizen comes back to where they were going.
 */
function goTo(login: HTMLElement, from: Element): void {
  if (!waiting.has(login)) {
    waiting.add(login);
    login.addEventListener('eid-login-success', (event) => {
      waiting.delete(login);
      from.dispatchEvent(new CustomEvent('eid-login-success', { detail: (event as CustomEvent).detail, bubbles: true, composed: true }));
    }, { once: true });
  }
  login.scrollIntoView({ block: 'center' });
  login.focus();
}
