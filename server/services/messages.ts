import { randomUUID } from 'node:crypto';
import type { Attachment } from '../../src/contract/attachments.js';
import type { FileKind } from '../../src/contract/fields.js';
import type { Message, MessageList, SendMessageRequest } from '../../src/contract/my-pages.js';
import type { Language } from '../../src/contract/text.js';
import { problem, ProblemError } from '../problem.js';
import type { Database, Queryable } from '../store/database.js';
import { isUnsent } from '../../src/contract/my-pages.js';
import { caseNotFound, caseNotSent } from './case-status.js';
import { type MyCasesService, toAttachment } from './my-cases.js';

/**
 * Messages between the citizen and the case officer (`case_messages`, migration 006). The citizen
 * reads and writes through /api/my/cases/{caseId}/messages; the officer API writes with
 * addOfficerMessage. Files come first through POST /api/attachments?messageFor={caseId} and are
 * claimed for the case when the message that names them is sent. A closed case still takes
 * messages: the officer decides what a message after the decision means.
 */

interface MessageRow {
  id: string;
  sender: 'citizen' | 'officer';
  body: string;
  sent_at: Date | string;
  read_at: Date | string | null;
}

interface AttachmentRow {
  id: string;
  message_id: string;
  file_name: string;
  kind: FileKind;
  size_bytes: number | string;
  uploaded_at: Date | string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

function toMessage(row: MessageRow, attachments: Attachment[]): Message {
  return {
    id: row.id,
    from: row.sender,
    body: row.body,
    sentAt: iso(row.sent_at),
    ...(row.read_at ? { readAt: iso(row.read_at) } : {}),
    attachments,
  };
}

/** Every message of a case, oldest first, with its files. */
export async function messagesOf(db: Queryable, caseId: string): Promise<Message[]> {
  const { rows } = await db.query<MessageRow>(
    'SELECT id, sender, body, sent_at, read_at FROM case_messages WHERE case_id = $1 ORDER BY sent_at, id', [caseId]);
  const files = await db.query<AttachmentRow>(
    `SELECT id, message_id, file_name, kind, size_bytes, uploaded_at FROM attachments
      WHERE case_id = $1 AND message_id IS NOT NULL ORDER BY uploaded_at, id`, [caseId]);
  const byMessage = new Map<string, Attachment[]>();
  for (const file of files.rows) {
    byMessage.set(file.message_id, [...(byMessage.get(file.message_id) ?? []), toAttachment(file)]);
  }
  return rows.map((row) => toMessage(row, byMessage.get(row.id) ?? []));
}

/**
 * Inside the caller's transaction: one message, and the files it names claimed for it. Each id
 * must be unclaimed and, when `uploader` is given, uploaded by that person for this case;
 * otherwise 400 validation (path attachmentIds, code attachmentMissing) and the caller rolls back.
 */
async function insertMessage(
  tx: Queryable, caseId: string, sender: 'citizen' | 'officer', body: string, at: Date,
  attachmentIds: readonly string[], uploader: string | undefined, lang: Language,
): Promise<Message> {
  const id = randomUUID();
  const sentAt = at.toISOString();
  const { rows } = await tx.query<MessageRow>(
    `INSERT INTO case_messages (id, case_id, sender, body, sent_at) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, sender, body, sent_at, read_at`,
    [id, caseId, sender, body, sentAt],
  );
  const ids = [...new Set(attachmentIds)];
  let attachments: Attachment[] = [];
  if (ids.length > 0) {
    const list = ids.map((_, i) => `$${i + 5}`).join(', ');
    const claimed = await tx.query<AttachmentRow>(
      `UPDATE attachments SET case_id = $1, claimed_at = $2, message_id = $3
        WHERE case_id IS NULL AND message_for_case_id = $1
          AND ($4::text IS NULL OR owner_personal_number = $4) AND id IN (${list})
        RETURNING id, message_id, file_name, kind, size_bytes, uploaded_at`,
      [caseId, sentAt, id, uploader ?? null, ...ids],
    );
    if (claimed.rows.length !== ids.length) {
      throw new ProblemError(problem(400, 'validation', lang === 'en' ? 'Some answers need correcting' : 'Några svar behöver rättas',
        undefined, [{
          path: 'attachmentIds', code: 'attachmentMissing',
          message: lang === 'en' ? 'The file is no longer there – upload it again' : 'Filen finns inte längre – ladda upp den igen',
        }]));
    }
    attachments = claimed.rows.map(toAttachment).sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt) || a.id.localeCompare(b.id));
  }
  // News on the case: it moves to the top of Mina sidor.
  await tx.query('UPDATE cases SET updated_at = GREATEST(updated_at, $2) WHERE id = $1', [caseId, sentAt]);
  return toMessage(rows[0]!, attachments);
}

/**
 * For the officer API: a message from the case officer, inside the caller's transaction. Files
 * the officer attaches are attachments rows with message_for_case_id = caseId (any uploader).
 * 404 case-not-found when the case does not exist.
 */
export async function addOfficerMessage(
  tx: Queryable, caseId: string, body: string, at: Date, attachmentIds: readonly string[] = [],
): Promise<Message> {
  const { rows } = await tx.query('SELECT 1 FROM cases WHERE id = $1', [caseId]);
  if (rows.length === 0) throw new ProblemError(caseNotFound('en'));
  return insertMessage(tx, caseId, 'officer', body, at, attachmentIds, undefined, 'en');
}

export class MessageService {
  constructor(
    private readonly db: Database,
    private readonly myCases: MyCasesService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(owner: string, caseId: string, lang: Language): Promise<MessageList> {
    const row = await this.myCases.ownCase(owner, caseId, lang);
    return { messages: await messagesOf(this.db, row.id) };
  }

  /** 409 case-not-sent on a case the municipality cannot see (it waits for a cosigner, or was never sent). */
  async send(owner: string, caseId: string, request: SendMessageRequest, lang: Language): Promise<Message> {
    const row = await this.myCases.ownCase(owner, caseId, lang);
    if (isUnsent(row.status)) throw new ProblemError(caseNotSent(lang));
    if (!request.body.trim()) {
      throw new ProblemError(problem(400, 'validation', lang === 'en' ? 'Some answers need correcting' : 'Några svar behöver rättas',
        undefined, [{ path: 'body', code: 'required', message: lang === 'en' ? 'Write a message' : 'Skriv ett meddelande' }]));
    }
    return this.db.transaction((tx) =>
      insertMessage(tx, row.id, 'citizen', request.body, this.now(), request.attachmentIds ?? [], owner, lang));
  }

  /** Marks every message from the officer read. */
  async markRead(owner: string, caseId: string, lang: Language): Promise<number> {
    const row = await this.myCases.ownCase(owner, caseId, lang);
    const { rows } = await this.db.query(
      `UPDATE case_messages SET read_at = $2 WHERE case_id = $1 AND sender = 'officer' AND read_at IS NULL RETURNING id`,
      [row.id, this.now().toISOString()]);
    return rows.length;
  }
}
