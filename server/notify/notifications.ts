import { randomUUID } from 'node:crypto';
import type { Answers } from '../../src/contract/cases.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { Language } from '../../src/contract/text.js';
import type { JobLog } from '../jobs/schedule.js';
import { drainBatches } from '../outbox/drain.js';
import { NOT_SENT_SQL } from '../services/case-status.js';
import type { Queryable } from '../store/database.js';
import { BACKOFF_MS } from '../webhooks/deliveries.js';
import type { Mailer, SmsSender } from './channels.js';
import { noticeText, receiptText, type NotificationKind, type NotificationText } from './texts.js';

/** How far back the catch-up at a worker's start looks for a sent case without its receipt. */
export const RECEIPT_LOOKBACK_MS = 24 * 3_600_000;
/** What one worker claims at a time, and sends side by side. */
export const NOTIFY_BATCH = 10;
/**
 * How long a claimed notification is this worker's: another instance takes it over after that,
 * should this one die mid-send. Well above a send's own time limit, so a slow send is not made twice.
 */
export const NOTIFY_CLAIM_MS = 30_000;

interface CaseRow {
  id: string;
  case_number: string;
  lang: Language;
  answers: Answers;
  applicant_personal_number: string | null;
  submitted_at: Date | string;
  definition: ServiceDefinition;
}

export interface Recipient {
  channel: 'email' | 'sms';
  to: string;
}

/**
 * Who hears about a case, and how. A logged-in applicant with a profile: as its notifyBy says
 * (`none`: nobody, whatever the form asked). Otherwise the first e-mail question answered in the
 * form — for the receipt only: a notice says "log in to Mina sidor", which means nothing to
 * someone who sent the case without logging in.
 */
export async function recipientFor(db: Queryable, row: Pick<CaseRow, 'applicant_personal_number' | 'definition' | 'answers'>, kind: NotificationKind): Promise<Recipient | undefined> {
  if (row.applicant_personal_number) {
    const { rows } = await db.query<{ email: string | null; phone: string | null; notify_by: string }>(
      'SELECT email, phone, notify_by FROM profiles WHERE personal_number = $1', [row.applicant_personal_number],
    );
    const profile = rows[0];
    if (profile) {
      if (profile.notify_by === 'email' && profile.email) return { channel: 'email', to: profile.email };
      if (profile.notify_by === 'sms' && profile.phone) return { channel: 'sms', to: profile.phone };
      return undefined;
    }
  } else if (kind !== 'receipt') {
    return undefined;
  }
  const email = emailAnswer(row.definition, row.answers);
  return email ? { channel: 'email', to: email } : undefined;
}

function emailAnswer(definition: ServiceDefinition, answers: Answers): string | undefined {
  for (const step of definition.steps) {
    for (const field of step.fields) {
      const value = (answers as Record<string, unknown>)[field.id];
      if (field.type === 'email' && typeof value === 'string' && value.includes('@')) return value;
    }
  }
  return undefined;
}

async function caseRow(db: Queryable, caseId: string): Promise<HeldCase | undefined> {
  const { rows } = await db.query<CaseRow>(
    `SELECT c.id, c.case_number, c.lang, c.answers, c.applicant_personal_number, c.submitted_at, d.definition
       FROM cases c JOIN service_definitions d ON d.service_id = c.service_id AND d.version = c.service_version
      WHERE c.id = $1`, [caseId],
  );
  const row = rows[0];
  return row && {
    id: row.id, caseNumber: row.case_number, lang: row.lang, answers: row.answers, definition: row.definition,
    applicantPersonalNumber: row.applicant_personal_number, submittedAt: new Date(row.submitted_at),
  };
}

/** A case as a notice about it is written from: read back (queueNotification), or as the server holds it while making it. */
export interface HeldCase {
  id: string;
  caseNumber: string;
  lang: Language;
  answers: Answers;
  applicantPersonalNumber: string | null;
  submittedAt: Date;
  definition: ServiceDefinition;
}

/** Another recipient than the applicant (a cosigner), and the text for a kind other than receipt, message or status. */
export interface NotificationTo {
  recipient?: Recipient | undefined;
  text?: (definition: ServiceDefinition, lang: Language) => NotificationText;
}

/** One row of the outbox (`notifications`), in the order of NOTIFICATION_COLUMNS. */
export type NotificationRow = [
  id: string, caseId: string, eventKey: string, kind: NotificationKind, channel: 'email' | 'sms' | 'none', recipient: string | null,
  subject: string, body: string, nextAttemptAt: string | null, createdAt: string,
];

export const NOTIFICATION_COLUMNS = 'id, case_id, event_key, kind, channel, recipient, subject, body, next_attempt_at, created_at';

/**
 * The outbox row of one e-mail or SMS about a case, not yet stored. With no one to tell, channel `none`:
 * stored all the same, it records that the event was seen.
 */
export async function notificationRow(
  db: Queryable, held: HeldCase, kind: NotificationKind, eventKey: string, now: Date, to?: NotificationTo,
): Promise<NotificationRow> {
  const row = { applicant_personal_number: held.applicantPersonalNumber, definition: held.definition, answers: held.answers };
  const recipient = to && 'recipient' in to ? to.recipient : await recipientFor(db, row, kind);
  const lang: Language = held.lang === 'en' ? 'en' : 'sv';
  const text = to?.text
    ? to.text(held.definition, lang)
    : kind === 'receipt'
      ? receiptText(held.definition, held.caseNumber, held.submittedAt, lang)
      : noticeText(kind === 'message' ? 'message' : 'status', held.definition, lang);
  const sms = recipient?.channel === 'sms';
  return [randomUUID(), held.id, eventKey, kind, recipient?.channel ?? 'none', recipient?.to ?? null,
    sms ? '' : text.subject, sms ? text.sms : text.body, recipient ? now.toISOString() : null, now.toISOString()];
}

/**
 * Puts one e-mail or SMS in the outbox (`notifications`), in the caller's transaction where there
 * is one, so the news and its notice are stored together or not at all. `eventKey` queues each
 * event once.
 */
export async function queueNotification(
  db: Queryable, caseId: string, kind: NotificationKind, eventKey: string, now: Date, to?: NotificationTo,
): Promise<void> {
  const held = await caseRow(db, caseId);
  if (!held) return;
  await db.query(
    `INSERT INTO notifications (${NOTIFICATION_COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (event_key) DO NOTHING`,
    await notificationRow(db, held, kind, eventKey, now, to),
  );
}

/**
 * A cosigner's address: their own profile's choice when they have one (`none`: nobody), else where
 * the invitation went.
 */
export async function cosignerRecipient(
  db: Queryable, personalNumber: string, invitation: { channel: 'email' | 'sms' | null; to: string | null },
): Promise<Recipient | undefined> {
  const { rows } = await db.query<{ email: string | null; phone: string | null; notify_by: string | null }>(
    'SELECT email, phone, notify_by FROM profiles WHERE personal_number = $1', [personalNumber]);
  const profile = rows[0];
  if (profile) {
    if (profile.notify_by === 'email' && profile.email) return { channel: 'email', to: profile.email };
    if (profile.notify_by === 'sms' && profile.phone) return { channel: 'sms', to: profile.phone };
    if (profile.notify_by === 'none') return undefined;
    if (profile.notify_by === null && profile.email) return { channel: 'email', to: profile.email };
  }
  return invitation.channel && invitation.to ? { channel: invitation.channel, to: invitation.to } : undefined;
}

/**
 * The receipt of each case sent lately that has none yet. Each sent case queues its own receipt in its
 * own transaction (server/outbox/case-sent.ts); this catch-up, run once as a worker starts, covers
 * cases sent by a version of the server that did not.
 */
export async function queueReceipts(db: Queryable, now: Date): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT c.id FROM cases c
      WHERE c.status NOT IN ${NOT_SENT_SQL} AND c.submitted_at > $1
        AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.event_key = 'receipt:' || c.id::text)
      ORDER BY c.submitted_at LIMIT 500`,
    [new Date(now.getTime() - RECEIPT_LOOKBACK_MS).toISOString()],
  );
  for (const { id } of rows) await queueNotification(db, id, 'receipt', `receipt:${id}`, now);
  return rows.length;
}

export interface SendOptions {
  mailer: Mailer;
  sms: SmsSender;
  maxAttempts: number;
  now: () => Date;
  log: JobLog & { warn(object: object, message: string): void };
}

interface DueRow {
  id: string;
  kind: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Claims what is due (up to NOTIFY_BATCH rows no other worker holds: FOR UPDATE SKIP LOCKED) and
 * sends them side by side. A row is this worker's until its claim runs out; a worker that finds on
 * finishing that another has claimed it since (its attempts moved on) leaves the row to that one.
 * Logs say which notification, never to whom or what.
 */
export async function sendDueBatch(db: Queryable, options: SendOptions): Promise<{ claimed: number; sent: number }> {
  const now = options.now();
  const { rows } = await db.query<DueRow>(
    `WITH due AS (
       SELECT id FROM notifications WHERE next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT ${NOTIFY_BATCH} FOR UPDATE SKIP LOCKED)
     UPDATE notifications n SET attempts = n.attempts + 1, next_attempt_at = $2 FROM due WHERE n.id = due.id
     RETURNING n.id, n.kind, n.channel, n.recipient, n.subject, n.body, n.attempts`,
    [now.toISOString(), new Date(now.getTime() + NOTIFY_CLAIM_MS).toISOString()],
  );
  // Marked sent together, one statement for the batch rather than one per row (on a busy day, one per case sent).
  // But a slow send (a mail server taking its time) must not hold back the marks of the rows sent before it until
  // their claim runs out, or another worker would send them again: past MARK_TOGETHER_MS each is marked as it goes.
  const sent: DueRow[] = [];
  let marked = 0;
  let marking: Promise<unknown> = Promise.resolve();
  const mark = () => {
    const batch = sent.slice(marked);
    marked = sent.length;
    if (batch.length > 0) marking = marking.then(() => markSent(db, batch, now));
    return marking;
  };
  let late = false;
  // A failed mark fails the batch when it is awaited below; its rows are sent again once their claim runs out.
  const timer = setTimeout(() => {
    late = true;
    mark().catch(() => undefined);
  }, MARK_TOGETHER_MS);
  try {
    await Promise.all(rows.map(async (row) => {
      const done = await sendOne(db, row, options, now);
      if (!done) return;
      sent.push(done);
      if (late) await mark();
    }));
  } finally {
    clearTimeout(timer);
  }
  await mark();
  return { claimed: rows.length, sent: sent.length };
}

/** How long a batch's sent rows wait to be marked together: well inside NOTIFY_CLAIM_MS. */
const MARK_TOGETHER_MS = 2_000;

/** An invitation's link opens the request (after a login): it is not kept once sent. */
function markSent(db: Queryable, rows: DueRow[], now: Date) {
  return db.query(
    `UPDATE notifications n SET sent_at = $3, next_attempt_at = NULL,
            body = CASE WHEN n.kind = 'cosignInvitation' THEN '' ELSE n.body END
       FROM unnest($1::uuid[], $2::integer[]) AS s(id, attempts)
      WHERE n.id = s.id AND n.attempts = s.attempts`,
    [rows.map((row) => row.id), rows.map((row) => row.attempts), now.toISOString()],
  );
}

/** Sends one claimed row: the row when it went (marked sent by the caller), else undefined (its next attempt set here). */
async function sendOne(db: Queryable, row: DueRow, options: SendOptions, now: Date): Promise<DueRow | undefined> {
  try {
    if (row.channel === 'sms') await options.sms.send({ to: row.recipient, text: row.body });
    else await options.mailer.send({ to: row.recipient, subject: row.subject, text: row.body });
    return row;
  } catch (error) {
    const reason = (error as { code?: string; responseCode?: number }).responseCode ?? (error as { code?: string }).code ?? 'error';
    if (row.attempts >= options.maxAttempts) {
      await db.query('UPDATE notifications SET given_up_at = $2, next_attempt_at = NULL WHERE id = $1 AND attempts = $3',
        [row.id, now.toISOString(), row.attempts]);
      options.log.warn({ notificationId: row.id, kind: row.kind, channel: row.channel, attempts: row.attempts, reason }, 'notification: given up');
    } else {
      const next = new Date(now.getTime() + BACKOFF_MS[Math.min(row.attempts, BACKOFF_MS.length) - 1]!);
      await db.query('UPDATE notifications SET next_attempt_at = $2 WHERE id = $1 AND attempts = $3', [row.id, next.toISOString(), row.attempts]);
      options.log.info({ notificationId: row.id, kind: row.kind, channel: row.channel, attempts: row.attempts, reason }, 'notification: failed, will retry');
    }
    return undefined;
  }
}

/** Everything due now, batch after batch; returns how many went. */
export async function sendDue(db: Queryable, options: SendOptions): Promise<number> {
  return drainBatches(NOTIFY_BATCH, async () => {
    const { claimed, sent } = await sendDueBatch(db, options);
    return { claimed, done: sent };
  });
}

/** The catch-up, then whatever is due (tests run this; the worker runs them apart). */
export async function runNotifications(db: Queryable, options: SendOptions): Promise<number> {
  await queueReceipts(db, options.now());
  return sendDue(db, options);
}
