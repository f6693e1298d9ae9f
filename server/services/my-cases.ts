import type { Attachment } from '../../src/contract/attachments.js';
import type { CasePayment, FeeDue } from '../../src/contract/payments.js';
import { casePayment, paidPaymentSql, type PaidPayment } from '../payments/case-payment.js';
import type { Answers } from '../../src/contract/cases.js';
import type { FileKind } from '../../src/contract/fields.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import {
  type CaseDetails, type CaseStatus, type CaseSummary, isUnsent, type MyCases, type NamedChild, type StatusChange, UNSENT_STATUSES, Uuid,
} from '../../src/contract/my-pages.js';
import { isStorableTime } from '../../src/contract/storable.js';
import type { Language, LocalizedText } from '../../src/contract/text.js';
import type { AttachmentBlobStore } from '../attachments/store.js';
import { problem, ProblemError } from '../problem.js';
import { childQuestions, listableChildren } from '../registry/prefill.js';
import type { PopulationRegister } from '../registry/register.js';
import type { Queryable } from '../store/database.js';
import { caseNotFound } from './case-status.js';
import type { CompanyRegister } from '../companies/register.js';
import { companiesActedFor, mayActFor } from '../companies/service.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const iso = (value: Date | string) => new Date(value).toISOString();

interface SummaryRow {
  kind: 'draft' | 'case' | 'cosignRequest';
  id: string;
  case_number: string | null;
  service_id: string;
  status: CaseStatus;
  created_at: Date | string;
  updated_at: Date | string;
  submitted_at: Date | string | null;
  unread: number | string;
  title: LocalizedText;
  municipality: LocalizedText;
  organisation_number: string | null;
  organisation_name: string | null;
}

interface AttachmentRow {
  id: string;
  file_name: string;
  kind: FileKind;
  size_bytes: number | string;
  uploaded_at: Date | string;
  field_id: string;
  message_id: string | null;
}

export function toAttachment(row: Pick<AttachmentRow, 'id' | 'file_name' | 'kind' | 'size_bytes' | 'uploaded_at'>): Attachment {
  return { id: row.id, fileName: row.file_name, kind: row.kind, sizeBytes: Number(row.size_bytes), uploadedAt: iso(row.uploaded_at) };
}

/** UNSENT_STATUSES as SQL: cases the municipality cannot see. */
const UNSENT = `(${UNSENT_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** Times to the millisecond, as JavaScript and the cursor carry them. */
const MS = (column: string) => `date_trunc('milliseconds', ${column})`;

/**
 * The person's drafts and cases, newest change first, in every municipality. The cursor is
 * the last row's (updated_at, id), so a page never repeats or skips a row while others change.
 */
const LIST_SQL = `
WITH items AS (
  SELECT 'draft' AS kind, d.id, NULL::text AS case_number, d.service_id, 'draft' AS status,
         d.created_at, ${MS('d.updated_at')} AS updated_at, NULL::timestamptz AS submitted_at, 0 AS unread,
         sd.definition -> 'title' AS title, sd.definition -> 'municipality' -> 'name' AS municipality,
         NULL::text AS organisation_number, NULL::text AS organisation_name
    FROM drafts d JOIN service_definitions sd ON sd.service_id = d.service_id AND sd.version = d.service_version
   WHERE d.owner_personal_number = $1 AND d.expires_at > $2
  UNION ALL
  -- A case not sent (yet) has no submittedAt; its createdAt is when the applicant signed it.
  SELECT 'case', c.id, c.case_number, c.service_id, c.status,
         c.submitted_at, ${MS('c.updated_at')}, CASE WHEN c.status IN ${UNSENT} THEN NULL ELSE c.submitted_at END,
         (SELECT count(*) FROM case_messages m WHERE m.case_id = c.id AND m.sender = 'officer' AND m.read_at IS NULL)::integer,
         sd.definition -> 'title', sd.definition -> 'municipality' -> 'name', c.organisation_number, c.organisation_name
    FROM cases c JOIN service_definitions sd ON sd.service_id = c.service_id AND sd.version = c.service_version
   WHERE c.applicant_personal_number = $1
  UNION ALL
  -- A company's sent cases, to everyone the company register lets act for it now ($6: its organisationsnummer);
  -- one still being signed is the applicant's until it is sent.
  SELECT 'case', c.id, c.case_number, c.service_id, c.status,
         c.submitted_at, ${MS('c.updated_at')}, c.submitted_at,
         (SELECT count(*) FROM case_messages m WHERE m.case_id = c.id AND m.sender = 'officer' AND m.read_at IS NULL)::integer,
         sd.definition -> 'title', sd.definition -> 'municipality' -> 'name', c.organisation_number, c.organisation_name
    FROM cases c JOIN service_definitions sd ON sd.service_id = c.service_id AND sd.version = c.service_version
   WHERE c.organisation_number = ANY($6::text[]) AND c.applicant_personal_number IS DISTINCT FROM $1 AND c.status NOT IN ${UNSENT}
  UNION ALL
  -- Someone else's case this person is asked to sign (flerpartssignering): found here without the link.
  -- Its status while it waits or once it ended unsent; once sent, only that it was (the rest is the applicant's).
  SELECT 'cosignRequest', r.id, c.case_number, c.service_id,
         CASE WHEN c.status IN ${UNSENT} THEN c.status ELSE 'submitted' END,
         r.created_at, ${MS('c.updated_at')}, CASE WHEN c.status IN ${UNSENT} THEN NULL ELSE c.submitted_at END, 0,
         sd.definition -> 'title', sd.definition -> 'municipality' -> 'name', c.organisation_number, c.organisation_name
    FROM cosign_requests r JOIN cases c ON c.id = r.case_id
    JOIN service_definitions sd ON sd.service_id = c.service_id AND sd.version = c.service_version
   WHERE r.personal_number = $1
)
SELECT * FROM items
 WHERE $3::timestamptz IS NULL OR (updated_at, id) < ($3::timestamptz, $4::uuid)
 ORDER BY updated_at DESC, id DESC
 LIMIT $5`;

function toSummary(row: SummaryRow): CaseSummary {
  return {
    id: row.id,
    kind: row.kind,
    ...(row.case_number ? { caseNumber: row.case_number } : {}),
    serviceId: row.service_id,
    serviceTitle: row.title,
    municipality: row.municipality,
    status: row.status,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(row.submitted_at ? { submittedAt: iso(row.submitted_at) } : {}),
    unreadMessages: Number(row.unread),
    ...organisationOf(row),
  };
}

/** A company's case names its company (as the register named it when the case was sent). */
function organisationOf(row: { organisation_number: string | null; organisation_name: string | null }): Pick<CaseSummary, 'organisation'> {
  return row.organisation_number && row.organisation_name
    ? { organisation: { organisationNumber: row.organisation_number, name: row.organisation_name } }
    : {};
}

export function encodeCursor(updatedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt, id])).toString('base64url');
}

function invalidQuery(lang: Language, detail: string) {
  return new ProblemError(problem(400, 'invalid-query',
    lang === 'en' ? 'The query is not valid' : 'Frågan i adressen är inte giltig', detail));
}

/** The cursor's (updated_at, id), or 400 invalid-query. */
export function decodeCursor(cursor: string, lang: Language): [string, string] {
  try {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw new Error('not base64url');
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string'
      && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value[0]) && isStorableTime(new Date(value[0]))
      && Uuid.safeParse(value[1]).success) {
      return [value[0], value[1]];
    }
  } catch {
    // Falls through to the refusal.
  }
  throw invalidQuery(lang, 'cursor: use the nextCursor of the previous page.');
}

export function pageSize(raw: unknown, lang: Language): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const text = typeof raw === 'string' ? raw : '';
  const size = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  if (!(size >= 1 && size <= MAX_PAGE_SIZE)) throw invalidQuery(lang, `limit: a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  return size;
}

/** The case's payment, for an e-service with a fee: due (Väntar på betalning), due after the others sign, or paid, with when and how. */
function paymentOf(row: CaseRow): { payment?: CasePayment } {
  const payment = casePayment({ fee: row.fee_definition ?? undefined }, row.fee, row.paid, row.status);
  return payment ? { payment } : {};
}

interface CaseRow {
  id: string;
  case_number: string;
  service_id: string;
  service_version: number;
  status: CaseStatus;
  answers: Answers | string;
  submitted_at: Date | string;
  updated_at: Date | string;
  title: LocalizedText;
  municipality: LocalizedText;
  unread: number | string;
  fee: FeeDue | null;
  fee_definition: ServiceDefinition['fee'] | null;
  paid: PaidPayment | null;
  applicant_eid: string | null;
  applicant_personal_number: string | null;
  organisation_number: string | null;
  organisation_name: string | null;
}

/** What a logged-in citizen may read about their own cases; anyone else's is 404 case-not-found. */
export class MyCasesService {
  constructor(
    private readonly db: Queryable,
    private readonly blobs: AttachmentBlobStore,
    private readonly now: () => Date = () => new Date(),
    /** Names the children a case's answers name; without it they stay personnummer. */
    private readonly register?: PopulationRegister,
    /** The company register: a company's cases are shown to everyone it lets act for the company. */
    private readonly companies?: CompanyRegister,
  ) {}

  async list(owner: string, query: { cursor?: unknown; limit?: unknown }, lang: Language): Promise<MyCases> {
    const limit = pageSize(query.limit, lang);
    if (query.cursor !== undefined && typeof query.cursor !== 'string') throw invalidQuery(lang, 'cursor');
    const [after, afterId] = query.cursor !== undefined ? decodeCursor(query.cursor, lang) : [null, null];
    // The register down: the person's own cases are still listed, their companies' not (never guessed).
    const companies = await companiesActedFor(this.companies, owner);
    const { rows } = await this.db.query<SummaryRow>(LIST_SQL, [owner, this.now().toISOString(), after, afterId, limit + 1, companies]);
    const items = rows.slice(0, limit).map(toSummary);
    const last = items.at(-1);
    return { items, ...(rows.length > limit && last ? { nextCursor: encodeCursor(last.updatedAt, last.id) } : {}) };
  }

  /** Every case the person sent, id first: for the export. */
  async caseIds(owner: string): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      'SELECT id FROM cases WHERE applicant_personal_number = $1 ORDER BY submitted_at, id', [owner]);
    return rows.map((row) => row.id);
  }

  /**
   * The person's own case — or a company's sent case the company register lets the person act for now — or 404: the
   * door every /api/my/cases/{caseId}… route goes through.
   */
  async ownCase(owner: string, caseId: string, lang: Language): Promise<CaseRow> {
    if (!Uuid.safeParse(caseId).success) throw new ProblemError(caseNotFound(lang));
    const { rows } = await this.db.query<CaseRow>(
      `SELECT c.id, c.case_number, c.service_id, c.service_version, c.status, c.answers, c.submitted_at, c.updated_at,
              sd.definition -> 'title' AS title, sd.definition -> 'municipality' -> 'name' AS municipality,
              (SELECT count(*) FROM case_messages m WHERE m.case_id = c.id AND m.sender = 'officer' AND m.read_at IS NULL)::integer AS unread,
              c.fee, sd.definition -> 'fee' AS fee_definition, ${paidPaymentSql('c')} AS paid, c.applicant_eid,
              c.applicant_personal_number, c.organisation_number, c.organisation_name
         FROM cases c JOIN service_definitions sd ON sd.service_id = c.service_id AND sd.version = c.service_version
        WHERE c.id = $1 AND (c.applicant_personal_number = $2 OR (c.organisation_number IS NOT NULL AND c.status NOT IN ${UNSENT}))`,
      [caseId, owner],
    );
    const row = rows[0];
    if (!row) throw new ProblemError(caseNotFound(lang));
    if (row.applicant_personal_number !== owner && !(await mayActFor(this.companies, owner, row.organisation_number!))) {
      throw new ProblemError(caseNotFound(lang));
    }
    return row;
  }

  async details(owner: string, caseId: string, lang: Language): Promise<CaseDetails> {
    const row = await this.ownCase(owner, caseId, lang);
    const answers = typeof row.answers === 'string' ? (JSON.parse(row.answers) as Answers) : row.answers;
    const [attachments, signatures, history, children] = await Promise.all([
      this.db.query<AttachmentRow>(
        `SELECT id, file_name, kind, size_bytes, uploaded_at, field_id, message_id FROM attachments
          WHERE case_id = $1 AND message_id IS NULL ORDER BY uploaded_at, id`, [row.id]),
      this.db.query<{ name: string; signed_at: Date | string; eid: string }>(
        'SELECT name, signed_at, eid FROM case_signatures WHERE case_id = $1 ORDER BY signed_at', [row.id]),
      this.db.query<{ status: CaseStatus; at: Date | string }>(
        'SELECT status, at FROM case_status_history WHERE case_id = $1 ORDER BY at, id', [row.id]),
      this.children(owner, row, answers),
    ]);
    return {
      id: row.id,
      kind: 'case',
      caseNumber: row.case_number,
      serviceId: row.service_id,
      serviceTitle: row.title,
      municipality: row.municipality,
      status: row.status,
      createdAt: iso(row.submitted_at),
      updatedAt: iso(row.updated_at),
      // Not sent (yet): the municipality has not got it. Its createdAt is when the applicant signed it.
      ...(isUnsent(row.status) ? {} : { submittedAt: iso(row.submitted_at) }),
      unreadMessages: Number(row.unread),
      serviceVersion: Number(row.service_version),
      answers,
      attachments: attachments.rows.map((a) => ({ ...toAttachment(a), fieldId: a.field_id })),
      ...(children.length ? { children } : {}),
      signatures: signatures.rows.map((s) => ({ name: s.name, signedAt: iso(s.signed_at), eid: s.eid })),
      history: history.rows.map((h): StatusChange => ({ status: h.status, at: iso(h.at) })),
      ...paymentOf(row),
      ...(row.applicant_eid ? { eid: row.applicant_eid } : {}),
      ...organisationOf(row),
    };
  }

  /**
   * The children the case's "Which child?" answers name, by name: the one a cosigned case is about as
   * the register named it when the case was signed, any other as the register names the person's
   * children now (never one with protected identity). A register that can't be reached names none:
   * the case is still shown, the child as a personnummer.
   */
  private async children(owner: string, row: CaseRow, answers: Answers): Promise<NamedChild[]> {
    const { rows: definitions } = await this.db.query<{ definition: ServiceDefinition }>(
      'SELECT definition FROM service_definitions WHERE service_id = $1 AND version = $2', [row.service_id, row.service_version]);
    const definition = definitions[0]?.definition;
    if (!definition) return [];
    const chosen = new Set(childQuestions(definition).map((field) => answers[field.id]).filter((value): value is string => typeof value === 'string'));
    if (chosen.size === 0) return [];
    const { rows: stored } = await this.db.query<{ personal_number: string; name: string }>(
      `SELECT DISTINCT child_personal_number AS personal_number, child_name AS name FROM cosign_requests
        WHERE case_id = $1 AND child_personal_number IS NOT NULL AND child_name IS NOT NULL`, [row.id]);
    const named = stored.filter((child) => chosen.has(child.personal_number))
      .map((child): NamedChild => ({ personalNumber: child.personal_number, name: child.name }));
    const missing = [...chosen].filter((personalNumber) => !named.some((child) => child.personalNumber === personalNumber));
    if (missing.length && this.register) {
      try {
        const custody = listableChildren(await this.register.children(owner));
        for (const personalNumber of missing) {
          const child = custody.find((candidate) => candidate.personalNumber === personalNumber);
          if (child) named.push({ personalNumber, name: child.name });
        }
      } catch {
        // The register is down or slow: the case is still shown, the child by personnummer.
      }
    }
    return named;
  }

  /** A file of the person's case (an answer's or a message's) with its bytes; 404 attachment-not-found otherwise. */
  async attachment(owner: string, caseId: string, attachmentId: string, lang: Language): Promise<{ attachment: Attachment; bytes: Buffer }> {
    const row = await this.ownCase(owner, caseId, lang);
    const notFound = () => new ProblemError(problem(404, 'attachment-not-found', lang === 'en' ? 'The file was not found' : 'Filen finns inte'));
    if (!Uuid.safeParse(attachmentId).success) throw notFound();
    const { rows } = await this.db.query<AttachmentRow>(
      'SELECT id, file_name, kind, size_bytes, uploaded_at, field_id, message_id FROM attachments WHERE id = $1 AND case_id = $2',
      [attachmentId, row.id],
    );
    if (!rows[0]) throw notFound();
    const bytes = await this.blobs.get(attachmentId);
    if (!bytes) throw notFound();
    return { attachment: toAttachment(rows[0]), bytes };
  }
}
