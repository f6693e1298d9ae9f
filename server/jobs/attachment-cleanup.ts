import type { AttachmentBlobStore } from '../attachments/store.js';
import { ConfigError } from '../config.js';
import type { Queryable } from '../store/database.js';
import { scheduleJob, type JobLog } from './schedule.js';

/**
 * Deletes uploads that no case claimed and that are older than `olderThan`, and returns
 * how many — but not those a saved draft of their owner still names: a draft lives for weeks,
 * and its files must be there when the citizen comes back to send it (the draft's own expiry,
 * in the retention job, lets them go). The database blob store's bytes go with their rows;
 * another blob store is told about each id. Safe to run on several server instances at once.
 */
export async function deleteUnclaimedAttachments(db: Queryable, olderThan: Date, blobs?: AttachmentBlobStore, now = new Date()): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `DELETE FROM attachments a
      WHERE a.case_id IS NULL AND a.message_id IS NULL AND a.uploaded_at < $1
        AND NOT EXISTS (
          SELECT 1 FROM drafts d
           WHERE d.owner_personal_number = a.owner_personal_number AND d.expires_at > $2
             AND strpos(d.answers::text, a.id::text) > 0)
      RETURNING id`,
    [olderThan.toISOString(), now.toISOString()],
  );
  if (blobs) for (const { id } of rows) await blobs.delete(id);
  return rows.length;
}

export interface CleanupSettings {
  /** How often the job runs (ATTACHMENT_CLEANUP_MINUTES, default 60). */
  intervalMinutes: number;
  /** How old an unclaimed upload must be to go (UNCLAIMED_ATTACHMENT_HOURS, default 24). */
  maxAgeHours: number;
}

export function readCleanupSettings(env: NodeJS.ProcessEnv = process.env): CleanupSettings {
  return {
    intervalMinutes: positive(env, 'ATTACHMENT_CLEANUP_MINUTES', 60),
    maxAgeHours: positive(env, 'UNCLAIMED_ATTACHMENT_HOURS', 24),
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  // setInterval takes at most 2^31-1 ms (about 24 days); a longer wait would fire at once.
  if (!Number.isFinite(value) || value <= 0 || (name === 'ATTACHMENT_CLEANUP_MINUTES' && value > 35_000)) {
    throw new ConfigError(`${name} must be a positive number${name === 'ATTACHMENT_CLEANUP_MINUTES' ? ' of at most 35000' : ''}, not "${raw}"`);
  }
  return value;
}

/** Deletes unclaimed uploads older than the setting, once at start and then every interval. */
export function startAttachmentCleanup(
  db: Queryable, log: JobLog, settings: CleanupSettings = readCleanupSettings(), now: () => Date = () => new Date(),
): { stop(): void } {
  return scheduleJob('attachment-cleanup', settings.intervalMinutes * 60_000,
    () => deleteUnclaimedAttachments(db, new Date(now().getTime() - settings.maxAgeHours * 3_600_000), undefined, now()), log);
}
