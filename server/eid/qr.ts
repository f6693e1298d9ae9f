import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * BankID's animated QR code. Its content changes every second:
 *
 *   bankid.<qrStartToken>.<time>.<qrAuthCode>
 *
 * where time is the whole seconds since the order started and qrAuthCode is
 * HMAC-SHA256 of String(time), keyed with qrStartSecret, in lower-case hex.
 * qrStartSecret stays on the server: the browser is only ever sent this string.
 */
export function qrAuthCode(qrStartSecret: string, time: number): string {
  return createHmac('sha256', qrStartSecret).update(String(time)).digest('hex');
}

export function qrData(qrStartToken: string, qrStartSecret: string, time: number): string {
  if (!Number.isInteger(time) || time < 0) throw new RangeError(`QR time must be a whole number of seconds ≥ 0, not ${time}`);
  return `bankid.${qrStartToken}.${time}.${qrAuthCode(qrStartSecret, time)}`;
}

/** Whole seconds from `startedAt` to `now` (never negative: clocks of two servers may differ a little). */
export function qrTime(startedAt: Date | number, now: Date | number): number {
  const elapsed = Number(now) - Number(startedAt);
  return Math.max(0, Math.floor(elapsed / 1000));
}

/** The QR content to show at `now` for an order that started at `startedAt`. */
export function qrDataAt(
  order: { qrStartToken: string; qrStartSecret: string; startedAt: Date | number },
  now: Date | number,
): string {
  return qrData(order.qrStartToken, order.qrStartSecret, qrTime(order.startedAt, now));
}

export interface ParsedQrData {
  qrStartToken: string;
  time: number;
  qrAuthCode: string;
}

/** Splits a QR string, or returns null when it is not one. */
export function parseQrData(data: string): ParsedQrData | null {
  const match = /^bankid\.([^.]+)\.(0|[1-9]\d{0,6})\.([0-9a-f]{64})$/.exec(data);
  if (!match) return null;
  return { qrStartToken: match[1]!, time: Number(match[2]), qrAuthCode: match[3]! };
}

/** True when `qrAuthCode` is the right HMAC for `time` (compared in constant time). */
export function verifyQrAuthCode(qrStartSecret: string, time: number, code: string): boolean {
  const expected = Buffer.from(qrAuthCode(qrStartSecret, time), 'hex');
  const given = Buffer.from(code, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
