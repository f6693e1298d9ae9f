/**
 * Whether an error means the database cannot be reached just now (a restart, a failover, a network
 * break) rather than that the request was wrong: the answer is then 503 and the client tries again,
 * and the pool opens new connections once the database is back — no restart of the server needed.
 */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
/** PostgreSQL's SQLSTATEs for a server shutting down or starting (57P0x) and for broken connections (08xxx). */
const SQLSTATE = /^(57P0[123]|08\w{3})$/;
const MESSAGES = /Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed|the database system is (starting up|shutting down)/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK.has(code) || SQLSTATE.test(code))) return true;
  return typeof message === 'string' && MESSAGES.test(message);
}
