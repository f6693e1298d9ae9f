/**
 * Plays the citizen at the bundled SAML test IdP (server/eid/saml/test-idp/) over HTTP, as a browser would: opens the
 * IdP's page with the AuthnRequest, approves the login as a test person or cancels, and reads the page the IdP
 * answers with — the HTTP-POST binding's form. `onPage` sees the page the citizen reads.
 * Resolves to that form (where it posts, and its fields: SAMLResponse, RelayState) without posting it: the test
 * hands it to the server itself, as the browser would, cross-site and so without the server's cookies.
 */
export interface AcsForm {
  action: URL;
  fields: Record<string, string>;
}

export async function playTestIdp(
  authorizationUrl: string, answer: { person: string } | 'cancel', onPage: (html: string) => void = () => undefined,
): Promise<AcsForm> {
  const url = new URL(authorizationUrl);
  const shown = await fetch(url, { redirect: 'manual' });
  const page = await shown.text();
  if (shown.status !== 200) throw new Error(`the test IdP answered ${shown.status} at ${url.pathname}: ${page.slice(0, 300)}`);
  onPage(page);
  const form: Record<string, string> = answer === 'cancel' ? { action: 'cancel' } : { action: 'approve', person: answer.person };
  const posted = await fetch(new URL(formOf(page).action, url), {
    method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual',
  });
  const answered = await posted.text();
  if (posted.status !== 200) throw new Error(`the test IdP answered ${posted.status} to the form: ${answered.slice(0, 300)}`);
  const acs = formOf(answered);
  return { action: new URL(acs.action, url), fields: acs.fields };
}

/** The page's (first) form: where it posts, and its hidden fields. */
export function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form\b[^>]*\baction="([^"]*)"/i.exec(html)?.[1];
  if (action === undefined) throw new Error(`no form on the page: ${html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const input of html.matchAll(/<input\b[^>]*>/gi)) {
    const type = /\btype="([^"]*)"/i.exec(input[0])?.[1];
    const name = /\bname="([^"]*)"/i.exec(input[0])?.[1];
    const value = /\bvalue="([^"]*)"/i.exec(input[0])?.[1];
    if (type === 'hidden' && name !== undefined) fields[unescape(name)] = unescape(value ?? '');
  }
  return { action: unescape(action), fields };
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescape = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!);
