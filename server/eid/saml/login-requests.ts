import type { CacheProvider } from '@node-saml/node-saml';
import type { Queryable } from '../../store/database.js';

/**
 * node-saml's record of the AuthnRequests it made (validateInResponseTo: always), kept in the database as the one
 * login row each belongs to (saml_logins, found by its RelayState's SHA-256): every server instance knows it, and
 * a response is taken only for the request of the login it names, once.
 *
 * - saveAsync: the request's ID goes on the login row the route made just before;
 * - getAsync: the request is one this login made and no answer has been heard for it (its start time, which
 *   node-saml checks against requestIdExpirationPeriodMs);
 * - removeAsync: an answer was heard — right or wrong, the request takes no other.
 */
export function loginRequests(db: Queryable, relaySha256: string, now: () => Date): CacheProvider {
  return {
    async saveAsync(requestId, issuedAt) {
      const { rows } = await db.query(
        'UPDATE saml_logins SET request_id = $2 WHERE relay_sha256 = $1 AND request_id IS NULL RETURNING relay_sha256', [relaySha256, requestId]);
      // A request no login row holds could never be answered: better not sent.
      if (!rows.length) throw new Error('the AuthnRequest has no login to belong to');
      return { value: issuedAt, createdAt: Date.parse(issuedAt) };
    },
    async getAsync(requestId) {
      const { rows } = await db.query<{ created_at: Date | string }>(
        'SELECT created_at FROM saml_logins WHERE relay_sha256 = $1 AND request_id = $2 AND answered_at IS NULL', [relaySha256, requestId]);
      return rows[0] ? new Date(rows[0].created_at).toISOString() : null;
    },
    async removeAsync(requestId) {
      if (!requestId) return null;
      const { rows } = await db.query<{ request_id: string }>(
        'UPDATE saml_logins SET answered_at = $3 WHERE relay_sha256 = $1 AND request_id = $2 AND answered_at IS NULL RETURNING request_id',
        [relaySha256, requestId, now().toISOString()]);
      return rows[0]?.request_id ?? null;
    },
  };
}
