import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { Problem } from '../../src/contract/problem.js';
import type { Language } from '../../src/contract/text.js';
import { problem, ProblemError } from '../problem.js';
import type { Queryable } from '../store/database.js';

/**
 * One case per person (`onePerPerson` in a definition): a second case from the same person —
 * submitted, signed, or a draft started — is refused with 409 already-used and the first case's id.
 * `one_per_person_cases` (migration 006) holds a row per e-service and person, written in the
 * case's own transaction, so two requests at once still make one case.
 */
export function alreadyUsedProblem(lang: Language, caseId: string): Problem & { caseId: string } {
  return {
    ...problem(409, 'already-used',
      lang === 'en' ? 'You have already used this e-service' : 'Du har redan använt tjänsten',
      lang === 'en' ? 'You can send only one application. Find it under My pages.' : 'Du kan bara skicka en ansökan. Du hittar den under Mina sidor.'),
    caseId,
  };
}

/** The person's case of this e-service, if any. */
export async function existingCaseOf(db: Queryable, serviceId: string, personalNumber: string): Promise<string | undefined> {
  const { rows } = await db.query<{ case_id: string }>(
    'SELECT case_id FROM one_per_person_cases WHERE service_id = $1 AND personal_number = $2',
    [serviceId, personalNumber],
  );
  return rows[0]?.case_id;
}

/** Before anything is asked of BankID or stored: 409 already-used when the person has a case of a once-per-person e-service. */
export async function checkNotUsed(
  db: Queryable, definition: ServiceDefinition, personalNumber: string | undefined, lang: Language,
): Promise<void> {
  if (!definition.onePerPerson || !personalNumber) return;
  const existing = await existingCaseOf(db, definition.id, personalNumber);
  if (existing) throw new ProblemError(alreadyUsedProblem(lang, existing));
}

/** Inside the case's transaction: claims the person's one case, or 409 already-used (rolling the case back). */
export async function claimOnePerPerson(
  tx: Queryable, definition: ServiceDefinition, personalNumber: string | undefined, caseId: string, lang: Language,
): Promise<void> {
  if (!definition.onePerPerson || !personalNumber) return;
  const { rows } = await tx.query(
    `INSERT INTO one_per_person_cases (service_id, personal_number, case_id) VALUES ($1, $2, $3)
     ON CONFLICT (service_id, personal_number) DO NOTHING RETURNING case_id`,
    [definition.id, personalNumber, caseId],
  );
  if (rows.length === 0) {
    const existing = await existingCaseOf(tx, definition.id, personalNumber);
    throw new ProblemError(alreadyUsedProblem(lang, existing ?? ''));
  }
}
