import type { Answers } from '../../src/contract/cases.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import { isForeignPersonKey } from '../../src/contract/person-key.js';
import type { CasePayment, FeeDue } from '../../src/contract/payments.js';
import type { Language } from '../../src/contract/text.js';
import { casePayment, paidPaymentSql, type PaidPayment } from '../payments/case-payment.js';
import { childQuestions, listableChildren } from '../registry/prefill.js';
import type { PopulationRegister } from '../registry/register.js';
import { NOT_SENT_SQL } from '../services/case-status.js';
import type { Queryable } from '../store/database.js';

/** Everything a case's PDF shows, read in one place for the three routes that make it. */
export interface CaseDocument {
  caseNumber: string;
  /** The language the citizen used: the PDF's unless another is asked for. */
  lang: Language;
  definition: ServiceDefinition;
  submittedAt: Date;
  answers: Answers;
  /** The files the answers name (not those of messages), in the order they were uploaded. */
  attachments: { id: string; fileName: string }[];
  signatures: { personKey: string; name: string; signedAt: Date; eid: string }[];
  /** The children the answers name, by name where known. */
  children: { personalNumber: string; name: string }[];
  payment?: CasePayment;
  /** The company that applied, as the company register named it when the case was sent. */
  organisation?: { number: string; name: string };
}

interface CaseRow {
  case_number: string;
  lang: Language;
  definition: ServiceDefinition;
  submitted_at: Date | string;
  answers: Answers | string;
  applicant_personal_number: string | null;
  status: string;
  fee: FeeDue | null;
  paid: PaidPayment | null;
  organisation_number: string | null;
  organisation_name: string | null;
}

/**
 * The case as its PDF shows it, or undefined when there is no such case or it was never sent to the
 * municipality (it waits for its payment or for a cosigner, or ended unsent): the PDF is of what the
 * municipality received. Who may read it is the route's to decide before it asks.
 */
export async function loadCaseDocument(db: Queryable, caseId: string, register?: PopulationRegister): Promise<CaseDocument | undefined> {
  const { rows } = await db.query<CaseRow>(
    `SELECT c.case_number, c.lang, d.definition, c.submitted_at, c.answers, c.applicant_personal_number, c.status, c.fee,
            c.organisation_number, c.organisation_name, ${paidPaymentSql('c')} AS paid
       FROM cases c JOIN service_definitions d ON d.service_id = c.service_id AND d.version = c.service_version
      WHERE c.id = $1 AND c.status NOT IN ${NOT_SENT_SQL}`,
    [caseId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const answers = typeof row.answers === 'string' ? (JSON.parse(row.answers) as Answers) : row.answers;
  const [attachments, signatures, children] = await Promise.all([
    db.query<{ id: string; file_name: string }>(
      'SELECT id, file_name FROM attachments WHERE case_id = $1 AND message_id IS NULL ORDER BY uploaded_at, id', [caseId]),
    db.query<{ personal_number: string; name: string; signed_at: Date | string; eid: string }>(
      'SELECT personal_number, name, signed_at, eid FROM case_signatures WHERE case_id = $1 ORDER BY signed_at', [caseId]),
    namedChildren(db, caseId, row, answers, register),
  ]);
  const payment = casePayment(row.definition, row.fee, row.paid, row.status);
  return {
    caseNumber: row.case_number,
    lang: row.lang,
    definition: row.definition,
    submittedAt: new Date(row.submitted_at),
    answers,
    attachments: attachments.rows.map((file) => ({ id: file.id, fileName: file.file_name })),
    signatures: signatures.rows.map((s) => ({ personKey: s.personal_number, name: s.name, signedAt: new Date(s.signed_at), eid: s.eid })),
    children,
    ...(payment ? { payment } : {}),
    ...(row.organisation_number ? { organisation: { number: row.organisation_number, name: row.organisation_name ?? '' } } : {}),
  };
}

/**
 * The children the answers name: as the register named them when a cosigned case was signed, else as the
 * register names the applicant's children now (never one with protected identity). A register that can't
 * be reached names none, and the PDF shows the personnummer, as Mina sidor does.
 */
async function namedChildren(
  db: Queryable, caseId: string, row: CaseRow, answers: Answers, register: PopulationRegister | undefined,
): Promise<{ personalNumber: string; name: string }[]> {
  const chosen = new Set(childQuestions(row.definition).map((field) => answers[field.id]).filter((value): value is string => typeof value === 'string'));
  if (chosen.size === 0) return [];
  const { rows: stored } = await db.query<{ personal_number: string; name: string }>(
    `SELECT DISTINCT child_personal_number AS personal_number, child_name AS name FROM cosign_requests
      WHERE case_id = $1 AND child_personal_number IS NOT NULL AND child_name IS NOT NULL`, [caseId]);
  const named = stored.filter((child) => chosen.has(child.personal_number)).map((child) => ({ personalNumber: child.personal_number, name: child.name }));
  const missing = [...chosen].filter((personalNumber) => !named.some((child) => child.personalNumber === personalNumber));
  const applicant = row.applicant_personal_number;
  if (missing.length && register && applicant && !isForeignPersonKey(applicant)) {
    try {
      const custody = listableChildren(await register.children(applicant));
      for (const personalNumber of missing) {
        const child = custody.find((candidate) => candidate.personalNumber === personalNumber);
        if (child) named.push({ personalNumber, name: child.name });
      }
    } catch {
      // The register is down or slow: the PDF is still made, the child by personnummer.
    }
  }
  return named;
}
