import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OfficerToken } from '../config.js';
import { problem, sendProblem } from '../problem.js';
import type { Database, Queryable } from '../store/database.js';

export const ENV_LABEL = 'OFFICER_TOKENS';
export const DEMO_LABEL = 'demo';

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Stores the tokens OFFICER_TOKENS lists (their hashes), and forgets tokens it no longer lists
 * and any demo tokens. Every instance does the same at start, so they agree.
 */
export async function storeOfficerTokens(db: Database, tokens: OfficerToken[], now: Date = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const hashes = tokens.map((item) => tokenHash(item.token));
    await tx.query(`DELETE FROM officer_credentials WHERE label = $1 OR (label = $2 AND NOT (token_sha256 = ANY($3)))`,
      [DEMO_LABEL, ENV_LABEL, hashes]);
    for (const item of tokens) {
      await tx.query(
        `INSERT INTO officer_credentials (token_sha256, municipality_id, label, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (token_sha256) DO UPDATE SET municipality_id = EXCLUDED.municipality_id, label = EXCLUDED.label`,
        [tokenHash(item.token), item.municipalityId, ENV_LABEL, now.toISOString()]);
    }
  });
}

/**
 * For the demo (OFFICER_TOKENS unset): a new random token for each municipality, replacing the
 * previous start's. Returned once, to be printed; only the hashes are kept.
 */
export async function makeDemoTokens(db: Database, municipalityIds: string[], now: Date = new Date()): Promise<OfficerToken[]> {
  const tokens = [...new Set(municipalityIds)].sort().map((municipalityId) => ({ municipalityId, token: randomBytes(32).toString('base64url') }));
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM officer_credentials WHERE label = $1', [DEMO_LABEL]);
    for (const item of tokens) {
      await tx.query('INSERT INTO officer_credentials (token_sha256, municipality_id, label, created_at) VALUES ($1, $2, $3, $4)',
        [tokenHash(item.token), item.municipalityId, DEMO_LABEL, now.toISOString()]);
    }
  });
  return tokens;
}

export interface Officer {
  municipalityId: string;
  /** Where the token came from ('OFFICER_TOKENS' or 'demo'): for the log, never the token. */
  label: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    officer?: Officer;
  }
}

/** The municipality a bearer token belongs to, or undefined. */
export async function officerFor(db: Queryable, authorization: string | undefined): Promise<Officer | undefined> {
  const match = /^Bearer ([\x21-\x7e]{16,512})$/.exec(authorization ?? '');
  if (!match) return undefined;
  const { rows } = await db.query<{ municipality_id: string; label: string }>(
    'SELECT municipality_id, label FROM officer_credentials WHERE token_sha256 = $1', [tokenHash(match[1]!)]);
  const row = rows[0];
  return row ? { municipalityId: row.municipality_id, label: row.label } : undefined;
}

/** A request hook: 401 without a token of a municipality; the request carries `officer` after it. */
export function requireOfficer(db: Queryable) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const officer = await officerFor(db, request.headers.authorization);
    if (!officer) {
      reply.header('WWW-Authenticate', 'Bearer realm="officer"');
      return sendProblem(reply, problem(401, 'officer-unauthorized', 'A valid officer token is required',
        'Send Authorization: Bearer <token>, a token of the municipality (OFFICER_TOKENS).'));
    }
    request.officer = officer;
  };
}
