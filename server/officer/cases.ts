import type { Answers } from '../../src/contract/cases.js';
import { pridOf } from '../../src/contract/person-key.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { FileKind } from '../../src/contract/fields.js';
import type { CaseStatus, Message } from '../../src/contract/my-pages.js';
import { isStorableTime } from '../../src/contract/storable.js';
import { problem, ProblemError } from '../problem.js';
import { officerPayment } from '../payments/officer.js';
import { NOT_SENT_SQL } from '../services/case-status.js';
import type { Queryable } from '../store/database.js';
import type { OfficerCaseDetails, OfficerCaseSummary } from './schemas.js';

/** Cases the municipality sees: not one still waiting for a cosigner's signature, nor one that was never sent (expired, declined). */
const HIDDEN = NOT_SENT_SQL;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isUuid = (value: string) => UUID.test(value);
const iso = (value: Date | string) => new Date(value).toISOString();

interface CaseRow {
  id: string;
  case_number: string;
  service_id: string;
  service_version: number;
  municipality_id: string;
  status: CaseStatus;
  lang: 'sv' | 'en';
  answers: Answers;
  applicant_personal_number: string | null;
  applicant_eid: string | null;
  applicant_loa: string | null;
  organisation_number: string | null;
  organisation_name: string | null;
  submitted_at: Date | string;
  updated_at: Date | string;
  definition: ServiceDefinition;
}

function summary(row: CaseRow): OfficerCaseSummary {
  return {
    id: row.id, caseNumber: row.case_number, serviceId: row.service_id, serviceVersion: row.service_version,
    serviceTitle: row.definition.title, status: row.status, submittedAt: iso(row.submitted_at), updatedAt: iso(row.updated_at),
    ...(row.organisation_number && row.organisation_name
      ? { organisation: { organisationNumber: row.organisation_number, name: row.organisation_name } }
      : {}),
  };
}

export interface ListQuery {
  status?: string;
  since?: Date;
  limit: number;
  cursor?: { submittedAt: string; id: string };
}

export function encodeCursor(item: OfficerCaseSummary): string {
  return Buffer.from(`${item.submittedAt}|${item.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): ListQuery['cursor'] | undefined {
  const [submittedAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const at = new Date(submittedAt ?? '');
  if (!id || !isUuid(id) || !isStorableTime(at)) return undefined;
  return { submittedAt: at.toISOString(), id };
}

/** One municipality's cases, newest first. */
export async function listCases(db: Queryable, municipalityId: string, query: ListQuery): Promise<{ items: OfficerCaseSummary[]; nextCursor?: string }> {
  if (query.since && !isStorableTime(query.since)) {
    const detail = 'since must be a date and time in the years 0001–9999, e.g. 2026-11-24T00:00:00Z';
    throw new ProblemError(problem(400, 'invalid-body', 'The request is not valid', detail, [{ path: 'since', code: 'invalid', message: detail }]));
  }
  const { rows } = await db.query<CaseRow>(
    `SELECT c.*, d.definition FROM cases c
       JOIN service_definitions d ON d.service_id = c.service_id AND d.version = c.service_version
      WHERE c.municipality_id = $1 AND c.status NOT IN ${HIDDEN}
        AND ($2::text IS NULL OR c.status = $2)
        AND ($3::timestamptz IS NULL OR c.submitted_at >= $3)
        AND ($4::timestamptz IS NULL OR (c.submitted_at, c.id) < ($4::timestamptz, $5::uuid))
      ORDER BY c.submitted_at DESC, c.id DESC LIMIT $6`,
    [municipalityId, query.status ?? null, query.since?.toISOString() ?? null,
      query.cursor?.submittedAt ?? null, query.cursor?.id ?? null, query.limit + 1],
  );
  const items = rows.slice(0, query.limit).map(summary);
  return rows.length > query.limit ? { items, nextCursor: encodeCursor(items.at(-1)!) } : { items };
}

/** Whether the case exists, is sent, and is this municipality's: every other case is the same 404. */
export async function ownCase(db: Queryable, municipalityId: string, caseId: string): Promise<boolean> {
  if (!isUuid(caseId)) return false;
  const { rows } = await db.query(
    `SELECT 1 FROM cases WHERE id = $1 AND municipality_id = $2 AND status NOT IN ${HIDDEN}`, [caseId, municipalityId]);
  return rows.length > 0;
}

export async function caseDetails(db: Queryable, municipalityId: string, caseId: string): Promise<OfficerCaseDetails | undefined> {
  if (!isUuid(caseId)) return undefined;
  const { rows } = await db.query<CaseRow>(
    `SELECT c.*, d.definition FROM cases c
       JOIN service_definitions d ON d.service_id = c.service_id AND d.version = c.service_version
      WHERE c.id = $1 AND c.municipality_id = $2 AND c.status NOT IN ${HIDDEN}`, [caseId, municipalityId]);
  const row = rows[0];
  if (!row) return undefined;

  const files = await db.query<{ id: string; field_id: string; file_name: string; kind: FileKind; size_bytes: number; uploaded_at: Date | string; message_id: string | null }>(
    'SELECT id, field_id, file_name, kind, size_bytes, uploaded_at, message_id FROM attachments WHERE case_id = $1 ORDER BY uploaded_at, id', [caseId]);
  const signatures = await db.query<{
    personal_number: string; name: string; signed_at: Date | string; order_ref: string; signature: string; ocsp_response: string; eid: string;
    id_token: string | null;
  }>(
    `SELECT personal_number, name, signed_at, order_ref, signature, ocsp_response, eid, completion->>'idToken' AS id_token
       FROM case_signatures WHERE case_id = $1 ORDER BY signed_at`, [caseId]);
  const history = await db.query<{ status: CaseStatus; at: Date | string; changed_by: 'citizen' | 'officer' | 'system' }>(
    'SELECT status, at, changed_by FROM case_status_history WHERE case_id = $1 ORDER BY at, id', [caseId]);
  const messages = await db.query<{ id: string; sender: 'citizen' | 'officer'; body: string; sent_at: Date | string; read_at: Date | string | null }>(
    'SELECT id, sender, body, sent_at, read_at FROM case_messages WHERE case_id = $1 ORDER BY sent_at, id', [caseId]);

  const payment = await officerPayment(db, caseId);

  const attachment = (file: (typeof files.rows)[number]) => ({
    id: file.id, fileName: file.file_name, kind: file.kind, sizeBytes: file.size_bytes, uploadedAt: iso(file.uploaded_at),
  });
  const applicant = row.applicant_personal_number;
  return {
    ...summary(row),
    municipalityId: row.municipality_id,
    lang: row.lang,
    answers: row.answers,
    applicant: applicant
      ? {
        ...officerPerson(applicant), ...optionalName(applicantName(row, signatures.rows)),
        ...(row.applicant_eid ? { eid: row.applicant_eid } : {}), ...(row.applicant_loa ? { loa: row.applicant_loa } : {}),
      }
      : null,
    attachments: files.rows.map((file) => ({ ...attachment(file), fieldId: file.field_id, ...(file.message_id ? { messageId: file.message_id } : {}) })),
    signatures: signatures.rows.map((s) => ({
      ...officerPerson(s.personal_number), name: s.name, signedAt: iso(s.signed_at), orderRef: s.order_ref,
      signature: s.signature, ocspResponse: s.ocsp_response, eid: s.eid, ...(s.id_token ? { idToken: s.id_token } : {}),
    })),
    history: history.rows.map((h) => ({ status: h.status, at: iso(h.at), by: h.changed_by })),
    messages: messages.rows.map((m): Message => ({
      id: m.id, from: m.sender, body: m.body, sentAt: iso(m.sent_at), ...(m.read_at ? { readAt: iso(m.read_at) } : {}),
      attachments: files.rows.filter((file) => file.message_id === m.id).map(attachment),
    })),
    ...(payment ? { payment } : {}),
  };
}

const optionalName = (name: string | undefined) => (name ? { name } : {});

/** The applicant's name: from their BankID signature, else from an answer prefilled from the population register. */
/** A person as the officer API names them: by personnummer, or a foreign e-ID's by its prid (src/contract/person-key.ts). */
function officerPerson(key: string): { personalNumber: string } | { foreignId: string } {
  const prid = pridOf(key);
  return prid ? { foreignId: prid } : { personalNumber: key };
}

function applicantName(row: CaseRow, signatures: { personal_number: string; name: string }[]): string | undefined {
  const signed = signatures.find((s) => s.personal_number === row.applicant_personal_number);
  if (signed) return signed.name;
  for (const step of row.definition.steps) {
    for (const field of step.fields) {
      const value = row.answers[field.id];
      if ('prefill' in field && field.prefill === 'person.name' && typeof value === 'string') return value;
    }
  }
  return undefined;
}

/** The file of one of the case's attachments, if the case is the municipality's. */
export async function caseAttachment(db: Queryable, municipalityId: string, caseId: string, attachmentId: string) {
  if (!isUuid(caseId) || !isUuid(attachmentId)) return undefined;
  const { rows } = await db.query<{ file_name: string; kind: FileKind }>(
    `SELECT a.file_name, a.kind FROM attachments a JOIN cases c ON c.id = a.case_id
      WHERE a.id = $1 AND a.case_id = $2 AND c.municipality_id = $3 AND c.status NOT IN ${HIDDEN}`,
    [attachmentId, caseId, municipalityId]);
  return rows[0];
}
