import { createHash, randomBytes } from 'node:crypto';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import { queueNotification, type Recipient } from '../notify/notifications.js';
import { invitationText } from '../notify/texts.js';
import type { Queryable } from '../store/database.js';

/** A new single-use link token (43 characters of base64url) and the SHA-256 that is all the database keeps. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: tokenHash(token) };
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** `${COSIGN_URL}?invitation=<token>` (or &invitation= when the page's address has a query already). */
export function invitationLink(cosignUrl: string, token: string): string {
  return `${cosignUrl}${cosignUrl.includes('?') ? '&' : '?'}invitation=${encodeURIComponent(token)}`;
}

/** Where the invitation goes: the answer to the definition's inviteField (an e-mail or a phone question). */
export function inviteAddress(definition: ServiceDefinition, answers: Record<string, unknown>): Recipient | undefined {
  const field = definition.cosigning?.inviteField;
  const type = definition.steps.flatMap((step) => step.fields).find((candidate) => candidate.id === field)?.type;
  const value = field ? answers[field] : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (type === 'email') return { channel: 'email', to: value.trim() };
  if (type === 'phone') return { channel: 'sms', to: value.trim() };
  return undefined;
}

/** a***@example.se, 070-*** 45 67: enough for the applicant to see where it went, not to read it out. */
export function maskAddress(channel: string | null, to: string | null): string | undefined {
  if (!to) return undefined;
  if (channel === 'email') {
    const at = to.lastIndexOf('@');
    return at > 0 ? `${to[0]}***${to.slice(at)}` : '***';
  }
  const digits = to.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}-*** ${digits.slice(-4, -2)} ${digits.slice(-2)}` : '***';
}

export interface InvitationInput {
  caseId: string;
  requestId: string;
  recipient: Recipient | undefined;
  askedBy: string;
  link: string;
  deadline: Date;
  /** A reminder: the link then leads to the page without a token (the person logs in and finds the request). */
  reminder?: boolean;
  /** Makes each sending its own event (a reinvitation is a new one). */
  eventKey: string;
}

/** Queues the invitation (or reminder) in the outbox, in the caller's transaction. */
export async function queueInvitation(db: Queryable, input: InvitationInput, now: Date): Promise<void> {
  await queueNotification(db, input.caseId, input.reminder ? 'cosignReminder' : 'cosignInvitation', input.eventKey, now, {
    recipient: input.recipient,
    text: (definition, lang) => invitationText(definition, input.askedBy, input.link, input.deadline, lang, input.reminder),
  });
}
