import { createHash, randomUUID } from 'node:crypto';
import { checkPersonAllowed } from '../services/person-allowed.js';
import { fileTypeFromBuffer } from 'file-type';
import {
  type Attachment,
  AttachmentId,
  DEFAULT_FILE_KINDS,
  DEFAULT_MAX_FILE_MB,
  FILE_KINDS,
} from '../../src/contract/attachments.js';
import type { Answers } from '../../src/contract/cases.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { FieldProblem } from '../../src/contract/problem.js';
import type { Language } from '../../src/contract/text.js';
import type { Field, FileKind } from '../../src/contract/fields.js';
import { isUnsent } from '../../src/contract/my-pages.js';
import { errorMessage } from '../../src/forms/messages.js';
import { DEFAULT_MAX_FILES } from '../../src/forms/field-limits.js';
import { problem, ProblemError } from '../problem.js';
import { caseNotSent } from '../services/case-status.js';
import type { DefinitionStore } from '../services/definitions.js';
import type { Database, Queryable } from '../store/database.js';
import type { CompanyRegister } from '../companies/register.js';
import { mayActFor } from '../companies/service.js';
import type { AttachmentBlobStore } from './store.js';

export type FileQuestion = Extract<Field, { type: 'file' }>;

/** One megabyte, as the limits in definitions count it. */
export const BYTES_PER_MB = 1024 * 1024;
export const MAX_FILE_NAME_LENGTH = 200;

const KIND_BY_MIME: Record<string, FileKind> = {
  ...Object.fromEntries(Object.entries(FILE_KINDS).map(([kind, { mime }]) => [mime, kind as FileKind])),
  // HEIF stills from other cameras than Apple's carry this type; they open as HEIC.
  'image/heif': 'heic',
};

const KIND_LABELS: Record<FileKind, string> = { pdf: 'PDF', jpeg: 'JPG', png: 'PNG', heic: 'HEIC', docx: 'DOCX', odt: 'ODT' };

/** The largest file a question takes, in bytes. */
export function maxFileBytes(field: FileQuestion): number {
  return Math.floor((field.maxSizeMb ?? DEFAULT_MAX_FILE_MB) * BYTES_PER_MB);
}

export function acceptedKinds(field: FileQuestion): FileKind[] {
  return field.accept ?? DEFAULT_FILE_KINDS;
}

/** The kind a file really is, read from its bytes; its name and declared type play no part. */
export async function detectKind(bytes: Uint8Array): Promise<FileKind | undefined> {
  const detected = await fileTypeFromBuffer(bytes);
  return detected ? KIND_BY_MIME[detected.mime] : undefined;
}

/**
 * A file name fit to show a case handler: no folders, no control or bidirectional-override
 * characters (which can disguise "exe.pdf" as "fdp.exe"), at most 200 characters with the
 * ending kept. An empty result becomes "fil" plus the kind's ending.
 */
export function cleanFileName(raw: string | undefined, kind: FileKind): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  name = name.replace(/^\.+/, '').trim();
  if (!name) return `fil${FILE_KINDS[kind].extensions[0]}`;
  const chars = [...name];
  if (chars.length <= MAX_FILE_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const ending = dot > 0 && name.length - dot <= 10 ? [...name.slice(dot)] : [];
  return [...chars.slice(0, MAX_FILE_NAME_LENGTH - ending.length), ...ending].join('');
}

/** "PDF, JPG eller PNG" / "PDF, JPG or PNG". */
export function kindList(kinds: FileKind[], lang: Language): string {
  const labels = kinds.map((kind) => KIND_LABELS[kind]);
  if (labels.length === 1) return labels[0]!;
  return `${labels.slice(0, -1).join(', ')} ${lang === 'en' ? 'or' : 'eller'} ${labels.at(-1)}`;
}

function formatMb(mb: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 1 }).format(mb);
}

/** Every refusal of an upload, worded in the request's language. */
export const uploadProblems = {
  tooLarge: (field: FileQuestion, lang: Language) => {
    const mb = formatMb(field.maxSizeMb ?? DEFAULT_MAX_FILE_MB, lang);
    return problem(413, 'file-too-large',
      lang === 'en' ? `The file is too large – it can be at most ${mb} MB` : `Filen är för stor – den får vara högst ${mb} MB`,
      lang === 'en' ? 'Choose a smaller file, or make this one smaller.' : 'Välj en mindre fil, eller gör den här mindre.');
  },
  typeNotAllowed: (field: FileQuestion, lang: Language) => {
    const kinds = acceptedKinds(field);
    const list = kindList(kinds, lang);
    return problem(415, 'file-type-not-allowed',
      lang === 'en' ? `The file is not ${kinds[0] === 'odt' ? 'an' : 'a'} ${list}` : `Filen är inte en ${list}`,
      lang === 'en'
        ? "Choose another file. What counts is the file's content, not its name."
        : 'Välj en annan fil. Det är filens innehåll som räknas, inte dess namn.');
  },
  empty: (lang: Language) =>
    problem(400, 'file-empty', lang === 'en' ? 'The file is empty' : 'Filen är tom',
      lang === 'en' ? 'Choose a file that has something in it.' : 'Välj en fil som har innehåll.'),
  noFile: (lang: Language) =>
    problem(400, 'no-file', lang === 'en' ? 'No file arrived – choose a file and try again' : 'Ingen fil kom fram – välj en fil och försök igen',
      'Send multipart/form-data whose first part, named "file", holds the file.'),
  oneFileOnly: (lang: Language) =>
    problem(400, 'one-file-only', lang === 'en' ? 'Send one file at a time' : 'Skicka en fil i taget',
      'Send multipart/form-data with exactly one part, named "file".'),
  notMultipart: (lang: Language) =>
    problem(415, 'unsupported-media-type', lang === 'en' ? 'Send the file as multipart/form-data' : 'Skicka filen som multipart/form-data'),
  brokenUpload: (lang: Language) =>
    problem(400, 'upload-incomplete', lang === 'en' ? 'The file did not arrive whole – try again' : 'Filen kom inte fram hel – försök igen'),
  missingQuery: (lang: Language) =>
    problem(400, 'invalid-query', lang === 'en' ? 'Say which e-service and question the file is for' : 'Ange vilken e-tjänst och fråga filen hör till',
      'Send ?serviceId=…&fieldId=… with the upload.'),
};

/**
 * The limits of a file sent with a message on Mina sidor (POST /api/attachments?messageFor={caseId}):
 * PDF, JPG or PNG of at most 10 MB, as a file question without settings. Its id can't be a
 * question's (ids start with a letter), so no case can claim such a file for an answer.
 */
export const MESSAGE_FILE_QUESTION: FileQuestion = {
  id: '#message',
  type: 'file',
  label: { sv: 'Bifogad fil', en: 'Attached file' },
  required: false,
  accept: DEFAULT_FILE_KINDS,
  maxSizeMb: DEFAULT_MAX_FILE_MB,
};

interface AttachmentRow {
  id: string;
  message_for_case_id?: string | null;
  owner_personal_number: string | null;
  service_id: string;
  field_id: string;
  kind: FileKind;
  size_bytes: number;
  case_id: string | null;
}

/** Uploads and removals; claiming happens inside the submit transaction, see claimAttachments. */
export class AttachmentService {
  constructor(
    private readonly db: Database,
    private readonly blobs: AttachmentBlobStore,
    private readonly definitions: DefinitionStore,
    private readonly now: () => Date = () => new Date(),
    /** The company register: a company's case takes message files from everyone who may act for the company. */
    private readonly companies?: CompanyRegister,
  ) {}

  /**
   * The file question an upload is for, from the newest version of the e-service; refuses anything else.
   * An e-service with login "required" takes files only from someone logged in (`owner`), and one that needs a
   * Swedish personnummer none from a foreign e-ID without one.
   */
  async fileQuestion(serviceId: string, fieldId: string, lang: Language, owner?: string): Promise<FileQuestion> {
    const definition = await this.definitions.latest(serviceId);
    if (!definition) {
      throw new ProblemError(problem(404, 'service-not-found', lang === 'en' ? 'E-service not found' : 'E-tjänsten finns inte', serviceId));
    }
    if (definition.login === 'required' && !owner) {
      throw new ProblemError(problem(401, 'login-required', lang === 'en' ? 'Log in to use this e-service' : 'Logga in för att använda e-tjänsten'));
    }
    checkPersonAllowed(definition, owner, lang);
    const field = definition.steps.flatMap((step) => step.fields).find((candidate) => candidate.id === fieldId);
    if (!field || field.type !== 'file') {
      throw new ProblemError(problem(400, 'field-not-file',
        lang === 'en' ? 'The question does not take files' : 'Frågan tar inte emot filer', `${serviceId}: ${fieldId}`));
    }
    return field;
  }

  /**
   * For a file sent with a message: the e-service of the uploader's own case (or of a company's case the company
   * register lets the uploader act for now), or 404 case-not-found (the same for someone else's case as for none);
   * 409 case-not-sent for a case not sent (yet).
   */
  async messageCase(caseId: string, owner: string, lang: Language): Promise<string> {
    const { rows } = AttachmentId.safeParse(caseId).success
      ? await this.db.query<{ service_id: string; status: string; applicant_personal_number: string | null; organisation_number: string | null }>(
        `SELECT service_id, status, applicant_personal_number, organisation_number FROM cases
          WHERE id = $1 AND (applicant_personal_number = $2 OR organisation_number IS NOT NULL)`, [caseId, owner])
      : { rows: [] };
    // A company's case not sent yet is the applicant's alone, as on Mina sidor.
    const theirs = rows[0] && (rows[0].applicant_personal_number === owner
      || (!isUnsent(rows[0].status) && await mayActFor(this.companies, owner, rows[0].organisation_number!)));
    if (!rows[0] || !theirs) throw new ProblemError(problem(404, 'case-not-found', lang === 'en' ? 'The case was not found' : 'Ärendet finns inte'));
    // Nobody at the municipality could read the message the file is for.
    if (isUnsent(rows[0].status)) throw new ProblemError(caseNotSent(lang));
    return rows[0].service_id;
  }

  /**
   * Checks the bytes against the question and stores them, unclaimed. `owner` is the logged-in
   * uploader's personnummer: only that person's case may then claim the file. `messageFor`: a
   * file for a message on that case (MESSAGE_FILE_QUESTION), claimed when the message is sent.
   */
  async save(
    serviceId: string, field: FileQuestion, rawName: string | undefined, bytes: Buffer, lang: Language, owner?: string,
    messageFor?: string,
  ): Promise<Attachment> {
    if (bytes.length === 0) throw new ProblemError(uploadProblems.empty(lang));
    if (bytes.length > maxFileBytes(field)) throw new ProblemError(uploadProblems.tooLarge(field, lang));
    const kind = await detectKind(bytes);
    if (!kind || !acceptedKinds(field).includes(kind)) throw new ProblemError(uploadProblems.typeNotAllowed(field, lang));

    const attachment: Attachment = {
      id: randomUUID(),
      fileName: cleanFileName(rawName, kind),
      kind,
      sizeBytes: bytes.length,
      uploadedAt: this.now().toISOString(),
    };
    await this.db.query(
      `INSERT INTO attachments (id, service_id, field_id, file_name, kind, size_bytes, sha256, uploaded_at, owner_personal_number,
                                message_for_case_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [attachment.id, serviceId, field.id, attachment.fileName, kind, bytes.length,
        createHash('sha256').update(bytes).digest('hex'), attachment.uploadedAt, owner ?? null, messageFor ?? null],
    );
    try {
      await this.blobs.put(attachment.id, bytes);
    } catch (error) {
      await this.db.query('DELETE FROM attachments WHERE id = $1', [attachment.id]).catch(() => undefined);
      throw error;
    }
    return attachment;
  }

  /**
   * Removes an upload no case has claimed. The random id is what entitles the caller to an
   * anonymous upload; one made while logged in can be removed only by its owner (`requester`).
   */
  async remove(id: string, lang: Language, requester?: string): Promise<void> {
    const notFound = () =>
      new ProblemError(problem(404, 'attachment-not-found', lang === 'en' ? 'The file was not found' : 'Filen finns inte'));
    if (!AttachmentId.safeParse(id).success) throw notFound();
    const mine = '(owner_personal_number IS NULL OR owner_personal_number = $2)';
    const { rows } = await this.db.query(
      `DELETE FROM attachments WHERE id = $1 AND case_id IS NULL AND ${mine} RETURNING id`, [id, requester ?? null]);
    if (rows.length > 0) {
      await this.blobs.delete(id);
      return;
    }
    const claimed = await this.db.query(`SELECT 1 FROM attachments WHERE id = $1 AND ${mine}`, [id, requester ?? null]);
    if (claimed.rows.length === 0) throw notFound();
    throw new ProblemError(problem(409, 'attachment-claimed',
      lang === 'en' ? 'The file belongs to a case that has been sent and cannot be removed' : 'Filen hör till ett skickat ärende och kan inte tas bort'));
  }
}

const CLAIM_MESSAGES = {
  attachmentMissing: { sv: 'Filen finns inte längre – ladda upp den igen', en: 'The file is no longer there – upload it again' },
  attachmentClaimed: {
    sv: 'Filen hör redan till ett skickat ärende – ladda upp den igen',
    en: 'The file already belongs to a case that has been sent – upload it again',
  },
} as const;

/**
 * Inside the submit transaction: every attachment a file answer lists must exist, be
 * unclaimed, have been uploaded for this e-service and question by the same person (`owner`,
 * the applicant's personnummer; an anonymous case only takes anonymous uploads), and fit the
 * question's limits. Then they all become the case's. Someone else's upload counts as missing. Otherwise a 400 names the questions, and the
 * transaction — the case with it — is rolled back.
 */
export async function claimAttachments(
  tx: Queryable, definition: ServiceDefinition, answers: Answers, caseId: string, claimedAt: Date, lang: Language,
  owner?: string,
): Promise<number> {
  const claims = await inspectAttachments(tx, definition, answers, lang, owner, true);
  if (claims.length > 0) {
    const { rows } = await tx.query(
      `UPDATE attachments SET case_id = $1, claimed_at = $2
        WHERE case_id IS NULL AND id IN (${claims.map((_, i) => `$${i + 3}`).join(', ')}) RETURNING id`,
      [caseId, claimedAt.toISOString(), ...claims],
    );
    if (rows.length !== claims.length) {
      throw new ProblemError(problem(409, 'attachment-claimed', CLAIM_MESSAGES.attachmentClaimed[lang]));
    }
  }
  return claims.length;
}

/**
 * The same checks as claimAttachments, claiming nothing: before a signing starts, so that the
 * citizen does not sign answers whose files are gone (the claim at completion checks again).
 */
export async function checkAttachments(
  db: Queryable, definition: ServiceDefinition, answers: Answers, lang: Language, owner?: string,
): Promise<void> {
  await inspectAttachments(db, definition, answers, lang, owner, false);
}

/** The ids to claim, or a 400 naming each question whose files can't be claimed. */
async function inspectAttachments(
  tx: Queryable, definition: ServiceDefinition, answers: Answers, lang: Language, owner: string | undefined, lock: boolean,
): Promise<string[]> {
  const errors: FieldProblem[] = [];
  const claims: string[] = [];
  const refuse = (path: string, code: keyof typeof CLAIM_MESSAGES) => errors.push({ path, code, message: CLAIM_MESSAGES[code][lang] });

  for (const field of definition.steps.flatMap((step) => step.fields)) {
    const answer = answers[field.id];
    if (field.type !== 'file' || !Array.isArray(answer) || answer.length === 0) continue;
    const ids = [...new Set(answer as string[])];
    const max = field.maxFiles ?? DEFAULT_MAX_FILES;
    if (ids.length > max) {
      const error = { path: field.id, code: 'maxFiles' as const, params: { max } };
      errors.push({ path: field.id, code: error.code, message: errorMessage(error, definition, lang) });
      continue;
    }
    const { rows } = await tx.query<AttachmentRow>(
      `SELECT id, service_id, field_id, kind, size_bytes, case_id, owner_personal_number, message_for_case_id FROM attachments
        WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})${lock ? ' FOR UPDATE' : ''}`,
      ids,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const missing = ids.some((id) => {
      const row = byId.get(id);
      return !row || row.service_id !== definition.id || row.field_id !== field.id
        || row.owner_personal_number !== (owner ?? null) || (row.message_for_case_id ?? null) !== null
        // Only if the question changed since the upload: the file no longer fits it.
        || !acceptedKinds(field).includes(row.kind) || Number(row.size_bytes) > maxFileBytes(field);
    });
    if (missing) refuse(field.id, 'attachmentMissing');
    else if (rows.some((row) => row.case_id !== null)) refuse(field.id, 'attachmentClaimed');
    else claims.push(...ids);
  }

  if (errors.length > 0) {
    throw new ProblemError(problem(400, 'validation', lang === 'en' ? 'Some answers need correcting' : 'Några svar behöver rättas', undefined, errors));
  }
  return claims;
}
