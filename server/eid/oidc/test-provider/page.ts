import { escapeHtml } from '../../../http/html.js';
import type { SimPerson } from '../../simulator/persons.js';
import type { ForeignTestPerson } from '../../simulator/foreign-persons.js';
import { foreignPersonKey } from '../../../../src/contract/person-key.js';
import type { OidcEid } from '../config.js';

/** What the test provider's page shows: the login it is for, the e-ID asked for, and who can log in. */
export interface InteractionView {
  uid: string;
  eid: OidcEid;
  persons: readonly SimPerson[];
  /** For eIDAS: people with a foreign e-ID and no Swedish number (named by their prid). */
  foreignPersons?: readonly ForeignTestPerson[] | undefined;
  /** For a signature: the sign message to show (Swedish) and the digest of what is signed. */
  sign?: { message: string; tbsDigest: string } | undefined;
  /** Where the form posts: by default this provider's /interaction/<uid> (the SAML test IdP has its own). */
  action?: string | undefined;
  /** The protocol the provider speaks, as the page names it: by default OpenID Connect. */
  protocol?: string | undefined;
}

export const EID_NAMES: Record<OidcEid, string> = {
  freja: 'Freja eID',
  telia: 'Telia e-legitimation',
  eidas: 'Utländsk e-legitimation (eIDAS)',
};

/**
 * The page in place of the e-ID app: a form to choose a test person and approve the login as them, or cancel.
 * Plain HTML, one form, labels on every control: a keyboard and a screen reader get through it as a mouse does.
 */
export function interactionPage(view: InteractionView): string {
  const name = EID_NAMES[view.eid];
  const verb = view.sign ? 'Skriv under' : 'Logga in';
  // As an e-ID app does: the text the citizen signs, in full, before the button that signs it.
  const signed = view.sign
    ? `
    <h2>Det här skriver du under</h2>
    <pre class="sign-message">${escapeHtml(view.sign.message)}</pre>
    <p class="note">Det som signeras (SHA-256): <code>${escapeHtml(view.sign.tbsDigest)}</code></p>`
    : '';
  const people = view.persons.map((person, index) => `
        <li><label><input type="radio" name="person" value="${escapeHtml(person.personalNumber)}"${index === 0 ? ' checked' : ''}>
          ${escapeHtml(person.name)} (${escapeHtml(person.personalNumber)})</label> <span class="note">${escapeHtml(person.note)}</span></li>`).join('') +
    (view.foreignPersons ?? []).map((person) => `
        <li><label><input type="radio" name="person" value="${escapeHtml(foreignPersonKey(person.prid))}">
          ${escapeHtml(person.name)} (${escapeHtml(person.prid)})</label> <span class="note">${escapeHtml(person.note)}</span></li>`).join('');
  return `<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${verb} med ${escapeHtml(name)} – testleverantör</title>
  <style>
    body { font: 1rem/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
    fieldset { border: 1px solid #767676; padding: 0.5rem 1rem; }
    ul { list-style: none; padding: 0; }
    li { margin: 0.4rem 0; }
    .note { color: #555; font-size: 0.9rem; }
    .sign-message { white-space: pre-wrap; font: inherit; border-left: 4px solid #767676; padding-left: 1rem; }
    button { font: inherit; padding: 0.5rem 1.2rem; margin-right: 0.5rem; }
    :focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
  </style>
</head>
<body>
  <main>
    <h1>${verb} med ${escapeHtml(name)}</h1>
    <p>Det här är den lokala testleverantören av e-legitimation (${escapeHtml(view.protocol ?? 'OpenID Connect')}), som en e-legitimationsbroker. Välj vem som ${view.sign ? 'skriver under' : 'loggar in'}.</p>${signed}
    <form method="post" action="${escapeHtml(view.action ?? `/interaction/${view.uid}`)}">
      <fieldset>
        <legend>Testperson</legend>
        <ul>${people}
        </ul>
      </fieldset>
      <p>
        <button type="submit" name="action" value="approve">${view.sign ? 'Skriv under' : 'Godkänn'}</button>
        <button type="submit" name="action" value="cancel">Avbryt</button>
      </p>
    </form>
  </main>
</body>
</html>`;
}
