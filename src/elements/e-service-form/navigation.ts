/**
 * Leaving the page for the payment provider's card page or the Swish app. The one step a test cannot follow
 * in-page (`location.assign` cannot be replaced), so a test, a story or a page may replace `assign` to see where
 * the citizen would go.
 */
export const navigation = { assign: (url: string) => location.assign(url) };
