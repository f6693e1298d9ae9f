/**
 * A link an editor or a backend gives (`my-pages-url`, `continue-url`, a copy's `url`) as an href,
 * only if it leads to a web page: `javascript:` and other schemes would run or open something
 * else when a citizen follows the link. Relative addresses are read against the page.
 */
export function safeHref(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const { protocol } = new URL(value, document.baseURI);
    return protocol === 'https:' || protocol === 'http:' ? value : undefined;
  } catch {
    return undefined;
  }
}
