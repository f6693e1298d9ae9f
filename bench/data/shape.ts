/**
 * The shape of the seeded data, the same at every size but for the number of cases: they come at one
 * rate, a county's platform's (a million in three years), so a size is how far back the history goes —
 * 10 000 cases are the last 11 days, 1 000 000 the last three years. Data grows with time, as it does in
 * use: what a periodic job should find at a run (what was sent in the last day, what came due since
 * the last run) is the same at both sizes, and only what it should not need to read grows.
 */
export const CASES_A_DAY = 913;

/** Logged-in citizens have this many cases each on average (each size has cases ÷ this many citizens). */
export const CASES_A_CITIZEN = 10;

/** The citizen whose Mina sidor is measured: as many cases at every size, spread over the whole history. */
export const BUSY_CITIZEN = '198001012387';
export const BUSY_CITIZEN_CASES = 200;

/**
 * What came due since a job's last run, made apart from the history (where nothing is due: a running
 * server deleted it in time): closed fault reports past their 730 days, cosigned cases never sent past
 * their draft days, expired drafts, unclaimed uploads, ended sessions and BankID leftovers.
 */
export const DUE = { closedCases: 50, unsentCases: 20, drafts: 20, uploads: 30, sessions: 50, bankIdLeftovers: 20 } as const;

/** What lives at any time whatever the size: drafts being filled in, logged-in sessions, BankID orders under way. */
export const LIVE = { drafts: 3000, sessions: 500, bankIdOrders: 200, rateLimits: 300 } as const;

/** Notifications waiting to be sent at a run of the worker, and webhook deliveries. */
export const PENDING = { notifications: 5, webhookDeliveries: 3 } as const;

/** The municipality whose case officer's list is measured; it has a webhook. */
export const MUNICIPALITY = 'exempelby';

/** A deterministic number in 0 … 2^31 for case g and a salt (SQL): the same seed gives the same data. */
export const hash = (salt: number, of = 'g') => `(hashint4(${of} + ${salt * 1_000_003}) & 2147483647)`;
