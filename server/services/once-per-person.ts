import type { Answers } from '../../src/contract/cases.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import { perChildField } from '../../src/contract/once-per-person.js';
import type { Problem } from '../../src/contract/problem.js';
import type { Language } from '../../src/contract/text.js';
import { problem, ProblemError } from '../problem.js';
import type { Queryable } from '../store/database.js';
import { limitAt, limitWords, type Limit } from './once-per-person-limit.js';

/**
 * One case per person (`onePerPerson` in a definition) — ever, a month, a year, a round or per child
 * (src/contract/once-per-person.ts): another case from the same person within the same limit —
 * submitted, signed, or a draft started — is refused with 409 already-used and the first case's id.
 * `one_per_person_cases` (migrations 006 and 022) holds a row per e-service, person and limit key
 * (./once-per-person-limit.ts), written in the case's own transaction, so two requests at once still make one case.
 */
export function alreadyUsedProblem(lang: Language, caseId: string, limit: Limit = { key: '', kind: 'once' }): Problem & { caseId: string } {
  const { title, detail } = limitWords(limit, lang);
  return { ...problem(409, 'already-used', title, detail), caseId };
}

/** The person's case of this e-service under the limit key ('' for one case ever), if any. */
export async function existingCaseOf(db: Queryable, serviceId: string, personalNumber: string, key = ''): Promise<string | undefined> {
  const { rows } = await db.query<{ case_id: string }>(
    'SELECT case_id FROM one_per_person_cases WHERE service_id = $1 AND personal_number = $2 AND scope = $3',
    [serviceId, personalNumber, key],
  );
  return rows[0]?.case_id;
}

export interface UsedOptions {
  /** Today, by the server's clock: the month, year or round it falls in. */
  now?: Date;
  /** The answers sent, for a perChild limit: without them (a draft, the form opening) no child is named yet. */
  answers?: Answers;
}

/**
 * The person's case that uses the e-service up now, if any: what the form is told when it opens. Never for
 * perChild, where it depends on the child the form has yet to ask about.
 */
export async function usedNow(db: Queryable, definition: ServiceDefinition, personalNumber: string, now: Date): Promise<string | undefined> {
  const limit = limitAt(definition.onePerPerson, now);
  return limit ? existingCaseOf(db, definition.id, personalNumber, limit.key) : undefined;
}

/** Before anything is asked of BankID or stored: 409 already-used when the person's case uses up the e-service now. */
export async function checkNotUsed(
  db: Queryable, definition: ServiceDefinition, personalNumber: string | undefined, lang: Language, options: UsedOptions = {},
): Promise<void> {
  if (!personalNumber) return;
  const child = perChildField(definition.onePerPerson);
  const limit = limitAt(definition.onePerPerson, options.now ?? new Date(), child === undefined ? undefined : options.answers?.[child]);
  if (!limit) return;
  const existing = await existingCaseOf(db, definition.id, personalNumber, limit.key);
  if (existing) throw new ProblemError(alreadyUsedProblem(lang, existing, limit));
}

/**
 * Inside the case's transaction: claims the person's one case under the limit, or 409 already-used (rolling
 * the case back). The limit is read from the case row just made — its checked answers (the child) and the
 * time it was made (the month, year or round) — so it is the stored case that counts, by the server's clock.
 */
export async function claimOnePerPerson(
  tx: Queryable, definition: ServiceDefinition, personalNumber: string | undefined, caseId: string, lang: Language,
): Promise<void> {
  if (!definition.onePerPerson || !personalNumber) return;
  const limit = definition.onePerPerson === true ? limitAt(true, new Date()) : await limitOfCase(tx, definition, caseId);
  if (!limit) return;
  const { rows } = await tx.query(
    `INSERT INTO one_per_person_cases (service_id, personal_number, scope, case_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (service_id, personal_number, scope) DO NOTHING RETURNING case_id`,
    [definition.id, personalNumber, limit.key, caseId],
  );
  if (rows.length === 0) {
    const existing = await existingCaseOf(tx, definition.id, personalNumber, limit.key);
    throw new ProblemError(alreadyUsedProblem(lang, existing ?? '', limit));
  }
}

async function limitOfCase(tx: Queryable, definition: ServiceDefinition, caseId: string): Promise<Limit | undefined> {
  const child = perChildField(definition.onePerPerson);
  const { rows } = await tx.query<{ submitted_at: Date | string; child: string | null }>(
    'SELECT submitted_at, answers ->> $2::text AS child FROM cases WHERE id = $1',
    [caseId, child ?? ''],
  );
  const row = rows[0];
  if (!row) throw new Error(`the case ${caseId} to claim once-per-person for is not in this transaction`);
  return limitAt(definition.onePerPerson, new Date(row.submitted_at), row.child ?? undefined);
}
