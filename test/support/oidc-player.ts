/**
 * Plays the citizen at the bundled test OpenID provider (server/eid/oidc/test-provider/) over HTTP, as a browser
 * would: follows its redirects with its cookies, and on its page approves the login as a test person or cancels.
 * `onPage` sees the page the citizen reads (for a signature, the text they sign).
 * Resolves to the URL the provider sends the browser back to (the relying party's redirect URI with `code` and
 * `state`, or `error`), without following it: the test hands that to the server itself.
 */
export async function playTestProvider(
  authorizationUrl: string, answer: { person: string } | 'cancel', redirectUri: string, onPage: (html: string) => void = () => undefined,
): Promise<URL> {
  const cookies = new Map<string, string>();
  const send = async (url: URL, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string> | undefined), cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  };
  let url = new URL(authorizationUrl);
  let answered = false;
  for (let hops = 0; hops < 10; hops++) {
    if (url.href.startsWith(redirectUri)) return url;
    const response = await send(url);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location')!, url);
      continue;
    }
    const page = await response.text();
    if (response.status !== 200 || !url.pathname.startsWith('/interaction/') || answered) {
      throw new Error(`the test provider answered ${response.status} at ${url.pathname}: ${page.slice(0, 300)}`);
    }
    answered = true;
    onPage(page);
    const form: Record<string, string> = answer === 'cancel' ? { action: 'cancel' } : { action: 'approve', person: answer.person };
    const posted = await send(url, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    if (posted.status < 300 || posted.status >= 400) throw new Error(`the test provider answered ${posted.status} to the form: ${(await posted.text()).slice(0, 300)}`);
    url = new URL(posted.headers.get('location')!, url);
  }
  throw new Error('the test provider never sent the browser back');
}
