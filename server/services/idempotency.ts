import { createHash, timingSafeEqual } from 'node:crypto';
import type { SubmitCaseRequest } from '../../src/contract/cases.js';
import type { Language } from '../../src/contract/text.js';
import { problem } from '../problem.js';

/**
 * Idempotency-Key, as POST /api/cases and POST /api/signatures share it: each key lives in a
 * scope (the logged-in person's own, or the anonymous one) and stands for one request body,
 * compared by the hash of its case fields in canonical form.
 */

const ANONYMOUS_SCOPE = 'anonymous';

/** The idempotency scope: a logged-in person's own key space, or the shared anonymous one. */
export function idempotencyScope(personalNumber: string | undefined): string {
  return personalNumber ? `person:${personalNumber}` : ANONYMOUS_SCOPE;
}

/** The hash a repeated request must match: of the case's fields only, in canonical form. */
export function requestHashOf(request: SubmitCaseRequest): string {
  const { serviceId, serviceVersion, lang, answers } = request;
  return sha256(canonicalJson({ serviceId, serviceVersion, lang, answers }));
}

export function keyReused(lang: Language) {
  return problem(422, 'idempotency-key-reused',
    lang === 'en' ? 'The Idempotency-Key was already used for other answers' : 'Idempotency-Key har redan använts för andra svar',
    'Send a new Idempotency-Key with each new submission.');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with sorted keys, so the same answers in another order hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Whether two hex hashes are the same, in constant time (a receipt token's hash against the stored one). */
export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
