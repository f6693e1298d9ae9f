/** A route of this server that an e-ID broker sends the citizen back to, and the setting that names it. */
export interface OwnEndpoint {
  /** The setting, named in every refusal: OIDC_REDIRECT_URI, SAML_ACS_URL. */
  variable: string;
  /** The route it must end with: /api/eid/oidc/callback, /api/eid/saml/acs. */
  path: string;
  /** Whose answer the route takes, as a refusal says it: "the broker's", "the IdP's". */
  answerOf: string;
}

/**
 * This server's own endpoint as browsers reach it, registered with the broker: a URL ending with the route, with
 * no query or fragment (the broker adds its own query, and the callback reads only that), on https:// — http:// only
 * on localhost, for the demo and the tests.
 */
export function readOwnEndpoint(raw: string, { variable, path, answerOf }: OwnEndpoint, fail: (message: string) => never): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(`${variable} must be this server's ${path} as the browser reaches it, not "${raw}"`);
  }
  if (!url.pathname.endsWith(path) || url.search || url.hash) fail(`${variable} must end with ${path} (the route that takes ${answerOf} answer), not "${raw}"`);
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) fail(`${variable} must use https:// (http:// only on localhost), not "${raw}"`);
  return url.href;
}
