import type { ServiceDefinition } from '../../src/contract/definition.js';
import { UUID } from '../../src/contract/patterns.js';
import type { Language } from '../../src/contract/text.js';
import type { FeeDue } from '../../src/forms/fees.js';
import type { Problem } from '../../src/contract/problem.js';
import { ProblemError } from '../problem.js';
import { caseNotFound } from '../services/case-status.js';
import { sameHash, sha256 } from '../services/idempotency.js';
import type { Queryable } from '../store/database.js';

/**
 * Who asks about a case's payment: the logged-in citizen (the session's person), or the browser that sent the
 * case (its receipt token, the only proof a case sent without login has). Either is enough, nothing else is.
 */
export interface CaseAccess {
  personalNumber?: string | undefined;
  receiptToken?: string | undefined;
}

export interface PayableCase {
  id: string;
  caseNumber: string;
  status: string;
  lang: Language;
  fee: FeeDue | null;
  definition: ServiceDefinition;
}

/**
 * The case, when `access` may pay for it and follow its payment; otherwise 404 — to anyone else a case that
 * exists and one that does not look the same.
 */
export async function checkCaseAccess(
  db: Queryable, caseId: string, access: CaseAccess, lang: Language, notFound: () => Problem = () => caseNotFound(lang),
): Promise<PayableCase> {
  if (!UUID.test(caseId)) throw new ProblemError(notFound());
  const { rows } = await db.query<{
    id: string; case_number: string; status: string; lang: Language; fee: FeeDue | null;
    applicant_personal_number: string | null; receipt_token_hash: string; definition: ServiceDefinition;
  }>(
    `SELECT c.id, c.case_number, c.status, c.lang, c.fee, c.applicant_personal_number, c.receipt_token_hash, d.definition
       FROM cases c JOIN service_definitions d ON d.service_id = c.service_id AND d.version = c.service_version
      WHERE c.id = $1`,
    [caseId],
  );
  const row = rows[0];
  const byPerson = !!row?.applicant_personal_number && row.applicant_personal_number === access.personalNumber;
  const byToken = !!row && !!access.receiptToken && sameHash(row.receipt_token_hash, sha256(access.receiptToken));
  if (!row || !(byPerson || byToken)) throw new ProblemError(notFound());
  return { id: row.id, caseNumber: row.case_number, status: row.status, lang: row.lang, fee: row.fee, definition: row.definition };
}
