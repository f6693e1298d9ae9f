import type { Queryable } from '../store/database.js';

/** A session's activity not yet written: the slid idle expiry and when it was seen. */
export interface PendingActivity {
  lastSeenAt: Date;
  idleExpiresAt: Date;
}

/** How long an instance keeps activity before writing it: other instances see a slide this much later. */
export const ACTIVITY_FLUSH_MS = 1_000;

/**
 * Activity slides a session's idle expiry on every authenticated request. Written as it happens, that was an
 * UPDATE of the session row — a commit and a WAL flush — per request, as many as the requests themselves. Here
 * the latest activity of each session is kept for a moment (ACTIVITY_FLUSH_MS) and then written for all sessions
 * at once, in one statement: one write a second however busy the citizens are. The expiry stays exact: this
 * instance reads its own unwritten activity (SessionStore.find merges it), and every other instance sees it at
 * most a second later — a session is never ended for lack of a slide that happened, unless it was idle for all
 * but the last second of SESSION_IDLE_MINUTES.
 */
export class SessionActivity {
  readonly #pending = new Map<string, PendingActivity>();
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(private readonly db: Queryable, private readonly flushMs = ACTIVITY_FLUSH_MS) {}

  /** Notes activity; written within flushMs. A later slide of the same session replaces an earlier one. */
  note(idSha256: string, activity: PendingActivity): void {
    const known = this.#pending.get(idSha256);
    if (known && known.idleExpiresAt >= activity.idleExpiresAt) return;
    this.#pending.set(idSha256, activity);
    // unref: a process with nothing else to do is not kept alive for this; close() writes what is left.
    this.#timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
  }

  /** The activity of a session this instance has not written yet. */
  pending(idSha256: string): PendingActivity | undefined {
    return this.#pending.get(idSha256);
  }

  /** The session ended (logout, expiry): nothing of it is to be written. */
  forget(idSha256: string): void {
    this.#pending.delete(idSha256);
  }

  /** Writes every pending slide in one statement; one that fails is kept and tried again with the next. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.size === 0) return this.#writing;
    const batch = [...this.#pending];
    this.#pending.clear();
    // One write at a time, in order: an older slide never lands after a newer one.
    this.#writing = this.#writing.then(() => this.#write(batch)).catch(() => {
      if (this.#closed) return;
      for (const [id, activity] of batch) this.note(id, activity);
    });
    return this.#writing;
  }

  /** The server stops: what is pending is written now (before the database closes), and nothing is kept after. */
  close(): Promise<void> {
    this.#closed = true;
    return this.flush();
  }

  /** As the old per-request UPDATE did: only a live session slides, and never backwards. */
  async #write(batch: [string, PendingActivity][]): Promise<void> {
    await this.db.query(
      `UPDATE sessions s SET last_seen_at = a.seen, idle_expires_at = a.idle
         FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS a (id, seen, idle)
        WHERE s.id_sha256 = a.id AND s.idle_expires_at > a.seen AND s.absolute_expires_at > a.seen AND s.idle_expires_at < a.idle`,
      [batch.map(([id]) => id), batch.map(([, a]) => a.lastSeenAt.toISOString()), batch.map(([, a]) => a.idleExpiresAt.toISOString())],
    );
  }
}
