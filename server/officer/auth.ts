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
 * The tokens OFFICER_TOKENS lists, by their SHA-256: each instance checks its own, in memory, and
 * nothing of them is stored, so one instance's settings can never revoke another's tokens. Every
 * instance of a platform must therefore be given the same OFFICER_TOKENS (from one secret source).
 */
export type OfficerTokenMap = ReadonlyMap<string, string>;

export function officerTokenMap(tokens: OfficerToken[]): OfficerTokenMap {
  return new Map(tokens.map((item) => [tokenHash(item.token), item.municipalityId]));
}

/**
 * For an instance with OFFICER_TOKENS set: forgets the demo tokens an earlier start without it
 * stored, so a production database never opens to a token printed on some developer's terminal.
 */
export async function forgetDemoTokens(db: Queryable): Promise<void> {
  await db.query('DELETE FROM officer_credentials WHERE label = $1', [DEMO_LABEL]);
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

/**
 * The municipality a bearer token belongs to, or undefined. With OFFICER_TOKENS set, only the tokens
 * it lists (this instance's, in memory); without, the demo tokens stored in the database.
 */
export async function officerFor(db: Queryable, tokens: OfficerTokenMap, authorization: string | undefined): Promise<Officer | undefined> {
  const match = /^Bearer ([\x21-\x7e]{16,512})$/.exec(authorization ?? '');
  if (!match) return undefined;
  if (tokens.size > 0) {
    const municipalityId = tokens.get(tokenHash(match[1]!));
    return municipalityId ? { municipalityId, label: ENV_LABEL } : undefined;
  }
  const { rows } = await db.query<{ municipality_id: string; label: string }>(
    'SELECT municipality_id, label FROM officer_credentials WHERE token_sha256 = $1 AND label = $2', [tokenHash(match[1]!), DEMO_LABEL]);
  const row = rows[0];
  return row ? { municipalityId: row.municipality_id, label: row.label } : undefined;
}

/** A request hook: 401 without a token of a municipality; the request carries `officer` after it. */
export function requireOfficer(db: Queryable, configured: OfficerToken[]) {
  const tokens = officerTokenMap(configured);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const officer = await officerFor(db, tokens, request.headers.authorization);
    if (!officer) {
      reply.header('WWW-Authenticate', 'Bearer realm="officer"');
      return sendProblem(reply, problem(401, 'officer-unauthorized', 'A valid officer token is required',
        'Send Authorization: Bearer <token>, a token of the municipality (OFFICER_TOKENS).'));
    }
    request.officer = officer;
  };
}
