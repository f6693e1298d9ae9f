import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Queryable } from '../store/database.js';

/**
 * A lease in the database (`job_leases`), so that a job runs on one server instance at a time
 * however many share the database. Taking it is one atomic statement: the row is inserted, or
 * taken over when it has expired, or renewed when this holder already has it; otherwise no row
 * comes back and the caller leaves the work to the holder. Times are the caller's clock (so tests
 * can move it); instances' clocks must agree to well within the lease's length.
 */
export async function acquireLease(db: Queryable, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO job_leases (name, holder, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE job_leases.expires_at <= $4 OR job_leases.holder = EXCLUDED.holder
     RETURNING holder`,
    [name, holder, new Date(now.getTime() + ttlMs).toISOString(), now.toISOString()],
  );
  return rows.length > 0;
}

/** Gives the lease up (at shutdown), so another instance need not wait for it to expire. */
export async function releaseLease(db: Queryable, name: string, holder: string): Promise<void> {
  await db.query('DELETE FROM job_leases WHERE name = $1 AND holder = $2', [name, holder]);
}

/** A name for this process as a lease holder: the host, the process and a random part. */
export function newHolderId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export interface Lease {
  readonly name: string;
  readonly holder: string;
  /** Runs `work` only while this holder has the lease; otherwise returns 0 without running it. */
  run(work: () => Promise<number>): Promise<number>;
  release(): Promise<void>;
}

export function lease(db: Queryable, name: string, options: { holder?: string; ttlMs: number; now?: () => Date }): Lease {
  const holder = options.holder ?? newHolderId();
  const now = options.now ?? (() => new Date());
  return {
    name,
    holder,
    async run(work) {
      if (!(await acquireLease(db, name, holder, now(), options.ttlMs))) return 0;
      return work();
    },
    release: () => releaseLease(db, name, holder),
  };
}
