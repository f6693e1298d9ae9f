import type { CaseStatus } from '../../src/contract/my-pages.js';
import { UNSENT_STATUSES } from '../../src/contract/statuses.js';
import type { Language } from '../../src/contract/text.js';
import { problem, ProblemError } from '../problem.js';
import type { Queryable } from '../store/database.js';

/**
 * The statuses of a case the municipality does not see, as an SQL list for `status NOT IN …`: a draft, and
 * every status of a case never sent (waiting to be paid or for others to sign, or never signed by them).
 */
export const NOT_SENT_SQL = `(${['draft', ...UNSENT_STATUSES].map((status) => `'${status}'`).join(', ')})`;

/** Who set a status: the citizen's own action, the municipality's case officer, or the platform. */
export type StatusChangedBy = 'citizen' | 'officer' | 'system';

/** A case's status as stored (a draft is not a case: 'draft' never appears here). */
export type StoredCaseStatus = Exclude<CaseStatus, 'draft'>;

/** Where each status may go. Loose on purpose: an officer may move between the open statuses freely. */
const NEXT: Record<StoredCaseStatus, readonly StoredCaseStatus[]> = {
  // Paid: sent to the municipality (server/payments/).
  awaitingPayment: ['submitted', 'closed'],
  // Everyone has signed: sent, or — for an e-service with a fee — paid first.
  awaitingCosign: ['submitted', 'awaitingPayment', 'closed', 'cosignExpired', 'cosignDeclined'],
  submitted: ['inProgress', 'awaitingSupplement', 'closed'],
  inProgress: ['inProgress', 'awaitingSupplement', 'closed'],
  awaitingSupplement: ['inProgress', 'awaitingSupplement', 'closed'],
  closed: [],
  // Never sent: the applicant starts again from a copy of the answers.
  cosignExpired: [],
  cosignDeclined: [],
};

/**
 * One row of a case's history: the first in the case's own transaction (CaseService.create), then each change.
 * A closing also sets the case's closed_at, the latest closing in its history, from which retention counts
 * (server/jobs/retention.ts) without reading the history of every closed case.
 */
export async function recordStatus(
  tx: Queryable, caseId: string, status: StoredCaseStatus, by: StatusChangedBy, at: Date,
): Promise<void> {
  await tx.query(
    'INSERT INTO case_status_history (case_id, status, at, changed_by) VALUES ($1, $2, $3, $4)',
    [caseId, status, at.toISOString(), by],
  );
  if (status === 'closed') {
    // GREATEST, not the new time alone: the latest closing wins even if this one is stamped earlier.
    await tx.query('UPDATE cases SET closed_at = GREATEST(closed_at, $2) WHERE id = $1', [caseId, at.toISOString()]);
  }
}

export function caseNotFound(lang: Language = 'sv') {
  return problem(404, 'case-not-found', lang === 'en' ? 'The case was not found' : 'Ärendet finns inte');
}

/**
 * 409 for a message (or a message's file) on a case the municipality cannot see: it waits for the
 * others to sign, or was never sent (UNSENT_STATUSES). Nobody would read it.
 */
export function caseNotSent(lang: Language = 'sv') {
  return problem(409, 'case-not-sent',
    lang === 'en' ? 'The case has not been sent to the municipality' : 'Ärendet är inte inskickat till kommunen',
    lang === 'en'
      ? 'The municipality sees the case only once everyone has signed it, so nobody there can read a message about it yet.'
      : 'Kommunen ser ärendet först när alla har skrivit under, så ingen där kan läsa ett meddelande om det än.');
}

/**
 * Moves a case to `status` inside the caller's transaction: the case row (status, updated_at) and
 * a row of history. Locks the case row, so two changes at once are applied one after the other.
 * 404 case-not-found; 409 case-closed once closed (nothing follows closed); 409
 * invalid-status-change for any other move the table above does not allow.
 */
export async function changeStatus(
  tx: Queryable, caseId: string, status: StoredCaseStatus, by: StatusChangedBy, at: Date, lang: Language = 'sv',
): Promise<{ from: StoredCaseStatus; to: StoredCaseStatus }> {
  const { rows } = await tx.query<{ status: StoredCaseStatus }>('SELECT status FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
  const from = rows[0]?.status;
  if (!from) throw new ProblemError(caseNotFound(lang));
  if (from === 'closed') {
    throw new ProblemError(problem(409, 'case-closed',
      lang === 'en' ? 'The case is closed' : 'Ärendet är avslutat', 'A closed case keeps its status.'));
  }
  if (!NEXT[from].includes(status)) {
    throw new ProblemError(problem(409, 'invalid-status-change',
      lang === 'en' ? 'The case cannot get that status now' : 'Ärendet kan inte få den statusen nu', `${from} → ${status}`));
  }
  await tx.query('UPDATE cases SET status = $2, updated_at = $3 WHERE id = $1', [caseId, status, at.toISOString()]);
  await recordStatus(tx, caseId, status, by, at);
  // A case the others never signed was never sent: it does not use up a once-per-person e-service.
  if (status === 'cosignExpired' || status === 'cosignDeclined') {
    await tx.query('DELETE FROM one_per_person_cases WHERE case_id = $1', [caseId]);
  }
  return { from, to: status };
}
