/**
 * The statuses a case moves through, named the same everywhere (the kit's texts `status.<value>`):
 * Utkast, Väntar på betalning, Väntar på flerpartssignering, Inskickat, Under handläggning, Väntar på komplettering, Avslutat —
 * and, for a case the others did not sign in time or declined, Inte underskrivet i tid, Nekad underskrift
 * (never sent: the applicant can start again from a copy). Plain values, without zod, for the browser;
 * src/contract/my-pages.ts makes the schema of them.
 */
export const CASE_STATUSES = ['draft', 'awaitingPayment', 'awaitingCosign', 'submitted', 'inProgress', 'awaitingSupplement', 'closed', 'cosignExpired', 'cosignDeclined'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const isCaseStatus = (status: string): status is CaseStatus => (CASE_STATUSES as readonly string[]).includes(status);

/**
 * A case in one of these was never sent to the municipality: it waits to be paid, or for the others to sign, or they
 * did not sign in time, or one declined. The municipality cannot see it, so it has no `submittedAt`
 * and takes no messages (409 `case-not-sent`).
 */
export const UNSENT_STATUSES: readonly CaseStatus[] = ['awaitingPayment', 'awaitingCosign', 'cosignExpired', 'cosignDeclined'];
export const isUnsent = (status: string): boolean => (UNSENT_STATUSES as readonly string[]).includes(status);
