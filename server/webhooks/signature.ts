import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-ESK-Signature';
export const TIMESTAMP_HEADER = 'X-ESK-Timestamp';
export const EVENT_HEADER = 'X-ESK-Event';

/**
 * `sha256=` and the hex HMAC-SHA256, keyed with the municipality's secret, of the timestamp
 * (Unix seconds, as sent in X-ESK-Timestamp), a dot and the raw body. Binding the timestamp
 * lets a receiver refuse an old delivery replayed.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute, compare in constant time, and refuse a timestamp far from its own clock. */
export function verifyWebhook(
  secret: string, timestamp: string, body: string, signature: string, now: Date, toleranceSeconds = 300,
): boolean {
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(now.getTime() / 1000 - seconds) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
