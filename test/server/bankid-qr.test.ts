import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { parseQrData, qrAuthCode, qrData, qrDataAt, qrTime, verifyQrAuthCode } from '../../server/eid/qr.js';

// The example from BankID's QR code guide (also used by other RP libraries' tests).
const TOKEN = '67df3917-fa0d-44e5-b327-edcc928297f8';
const SECRET = 'd28db9a7-4cde-429e-a983-359be676944c';

describe('the animated BankID QR code', () => {
  it('matches BankID’s documented example for seconds 0 and 1', () => {
    assert.equal(qrData(TOKEN, SECRET, 0), `bankid.${TOKEN}.0.dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8`);
    assert.equal(qrData(TOKEN, SECRET, 1), `bankid.${TOKEN}.1.949d559bf23403952a94d103e67743126381eda00f0b3cbddbf7c96b1adcbce2`);
  });

  it('is HMAC-SHA256 of the decimal time keyed with qrStartSecret', () => {
    for (const time of [2, 9, 10, 29, 123]) {
      assert.equal(qrAuthCode(SECRET, time), createHmac('sha256', Buffer.from(SECRET, 'utf8')).update(`${time}`, 'utf8').digest('hex'));
    }
  });

  it('counts whole seconds since the order started and changes every second', () => {
    const startedAt = new Date('2026-03-01T10:00:00.000Z');
    const at = (ms: number) => qrDataAt({ qrStartToken: TOKEN, qrStartSecret: SECRET, startedAt }, startedAt.getTime() + ms);
    assert.equal(qrTime(startedAt, startedAt.getTime() + 999), 0);
    assert.equal(qrTime(startedAt, startedAt.getTime() + 1000), 1);
    assert.equal(qrTime(startedAt, startedAt.getTime() - 500), 0, 'a clock a little behind never gives a negative time');
    assert.equal(at(0), at(999));
    const seen = new Set([0, 1000, 2000, 3000, 4000].map(at));
    assert.equal(seen.size, 5);
    assert.equal(parseQrData(at(4500))?.time, 4);
  });

  it('parses and verifies its own strings, and refuses tampered ones', () => {
    const data = qrData(TOKEN, SECRET, 7);
    const parsed = parseQrData(data);
    assert.deepEqual(parsed, { qrStartToken: TOKEN, time: 7, qrAuthCode: qrAuthCode(SECRET, 7) });
    assert.equal(verifyQrAuthCode(SECRET, 7, parsed!.qrAuthCode), true);
    assert.equal(verifyQrAuthCode(SECRET, 8, parsed!.qrAuthCode), false);
    assert.equal(verifyQrAuthCode('another-secret', 7, parsed!.qrAuthCode), false);
    assert.equal(parseQrData('bankid.x.01.abc'), null);
    assert.equal(parseQrData(`https://evil.example/${data}`), null);
    assert.throws(() => qrData(TOKEN, SECRET, -1), RangeError);
    assert.throws(() => qrData(TOKEN, SECRET, 1.5), RangeError);
  });
});
