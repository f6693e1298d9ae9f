import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../store/database.js';
import { SessionActivity } from './activity.js';

/**
 * Login sessions kept in the database (table sessions, migration 004), so that every server
 * instance knows them and logging out ends them everywhere at once. The browser holds only
 * a random 32-byte id (base64url); the table holds its SHA-256.
 */
export interface SessionPerson {
  personalNumber: string;
  name: string;
  givenName: string;
  surname: string;
  /** The e-ID the person logged in with: 'bankid', or the broker's 'freja', 'telia', 'eidas' (server/eid/oidc/). */
  eid?: string | undefined;
  /** Its level of assurance, as the broker named it (acr); none for BankID, which is LoA3 by what it is. */
  loa?: string | undefined;
}

export interface Session extends SessionPerson {
  /** SHA-256 of the cookie's id, base64url: the row's key. */
  idSha256: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

export interface SessionStoreOptions {
  idleMinutes: number;
  maxHours: number;
  now?: () => Date;
}

interface SessionRow {
  id_sha256: string;
  personal_number: string;
  name: string;
  given_name: string;
  surname: string;
  eid: string;
  loa: string | null;
  created_at: Date | string;
  last_seen_at: Date | string;
  idle_expires_at: Date | string;
  absolute_expires_at: Date | string;
}

const COLUMNS = 'id_sha256, personal_number, name, given_name, surname, eid, loa, created_at, last_seen_at, idle_expires_at, absolute_expires_at';
/** base64url of 32 bytes. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export class SessionStore {
  readonly #idleMs: number;
  readonly #maxMs: number;
  readonly #now: () => Date;
  readonly #activity: SessionActivity;

  constructor(
    private readonly db: Queryable,
    options: SessionStoreOptions,
  ) {
    this.#idleMs = options.idleMinutes * 60_000;
    this.#maxMs = options.maxHours * 3_600_000;
    this.#now = options.now ?? (() => new Date());
    this.#activity = new SessionActivity(db);
  }

  /** Starts a session; returns the id for the cookie (never stored) and the session. */
  async create(person: SessionPerson): Promise<{ id: string; session: Session }> {
    const id = newSecret();
    const now = this.#now();
    const absolute = new Date(now.getTime() + this.#maxMs);
    const idle = new Date(Math.min(now.getTime() + this.#idleMs, absolute.getTime()));
    const { rows } = await this.db.query<SessionRow>(
      `INSERT INTO sessions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10) RETURNING ${COLUMNS}`,
      [sha256(id), person.personalNumber, person.name, person.givenName, person.surname, person.eid ?? 'bankid', person.loa ?? null, now, idle, absolute],
    );
    return { id, session: toSession(rows[0]!) };
  }

  /** The live session for a cookie id, or null. An expired one is deleted on the way. */
  async find(id: string): Promise<Session | null> {
    if (!SESSION_ID.test(id)) return null;
    const { rows } = await this.db.query<SessionRow>(`SELECT ${COLUMNS} FROM sessions WHERE id_sha256 = $1`, [sha256(id)]);
    const row = rows[0];
    if (!row) return null;
    // Activity this instance saw and has not written yet counts as written.
    const stored = toSession(row);
    const pending = this.#activity.pending(stored.idSha256);
    const session = pending && pending.idleExpiresAt > stored.idleExpiresAt ? { ...stored, ...pending } : stored;
    if (this.isExpired(session)) {
      await this.delete(session);
      return null;
    }
    return session;
  }

  isExpired(session: Session): boolean {
    const now = this.#now().getTime();
    return now >= session.idleExpiresAt.getTime() || now >= session.absoluteExpiresAt.getTime();
  }

  /**
   * Activity: moves the idle expiry to now + SESSION_IDLE_MINUTES, never past the absolute one; an ended session
   * stays as it is. Written with other sessions' activity within a second (SessionActivity), not by this request.
   */
  async touch(session: Session): Promise<Session> {
    const now = this.#now();
    if (now >= session.idleExpiresAt || now >= session.absoluteExpiresAt) return session;
    const idleExpiresAt = new Date(Math.min(now.getTime() + this.#idleMs, session.absoluteExpiresAt.getTime()));
    this.#activity.note(session.idSha256, { lastSeenAt: now, idleExpiresAt });
    return { ...session, lastSeenAt: now, idleExpiresAt };
  }

  /** Writes the activity not yet written (tests, and the server as it stops). */
  flushActivity(): Promise<void> {
    return this.#activity.flush();
  }

  /** The server stops: pending activity is written before the database closes. */
  close(): Promise<void> {
    return this.#activity.close();
  }

  async delete(session: Pick<Session, 'idSha256'>): Promise<void> {
    this.#activity.forget(session.idSha256);
    await this.db.query('DELETE FROM sessions WHERE id_sha256 = $1', [session.idSha256]);
  }
}

function toSession(row: SessionRow): Session {
  return {
    idSha256: row.id_sha256,
    personalNumber: row.personal_number,
    name: row.name,
    givenName: row.given_name,
    surname: row.surname,
    eid: row.eid,
    loa: row.loa ?? undefined,
    createdAt: toDate(row.created_at),
    lastSeenAt: toDate(row.last_seen_at),
    idleExpiresAt: toDate(row.idle_expires_at),
    absoluteExpiresAt: toDate(row.absolute_expires_at),
  };
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}
