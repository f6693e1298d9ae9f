/**
 * A part fetched when first needed (a dynamic import, and what the widget makes of it), fetched once:
 * every caller gets the same promise. After a failure (the connection went) the next call tries again,
 * so a widget's Try again can fetch it anew.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
