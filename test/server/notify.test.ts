import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { SubmitCaseResponse } from '../../src/contract/cases.js';
import { DevOutbox, SmtpMailer, type SmsSender } from '../../server/notify/channels.js';
import { runNotifications } from '../../server/notify/notifications.js';
import { KIT_HEADERS, newKey, startTestBackend, VALID_FAULT_REPORT, type TestBackend } from '../support/backend.js';
import { smtpInbox, type SmtpInbox } from '../support/smtp-inbox.js';

const TOKEN = 'officer-token-of-exempelby-for-notify-tests';
const ANNA = '198001012387';

let backend: TestBackend;
let smtp: SmtpInbox;
let smtpUrl: string;
let inbox: ParsedMail[];

before(async () => {
  smtp = await smtpInbox();
  smtpUrl = smtp.url;
  inbox = smtp.mail;
  backend = await startTestBackend({ config: { officerTokens: [{ municipalityId: 'exempelby', token: TOKEN }] } });
});
after(async () => {
  await backend.close();
  await smtp.close();
});

const mailer = () => new SmtpMailer(smtpUrl, 'Exempelby kommun <e-tjanster@exempelby.se>');

function jobLog() {
  const lines: string[] = [];
  const push = (object: object, message: string) => void lines.push(`${message} ${JSON.stringify(object)}`);
  return { lines, log: { info: push, warn: push, error: push } };
}

async function run(options: { now?: Date; sms?: SmsSender; log?: ReturnType<typeof jobLog>['log'] } = {}) {
  const sender = mailer();
  try {
    return await runNotifications(backend.db, {
      mailer: sender, sms: options.sms ?? new DevOutbox(), maxAttempts: 3, now: () => options.now ?? new Date(), log: options.log ?? jobLog().log,
    });
  } finally {
    sender.close();
  }
}

async function newCase(answers: Record<string, unknown> = {}, applicant?: string) {
  const response = await backend.app.inject({
    method: 'POST', url: '/api/cases', headers: { ...KIT_HEADERS, 'idempotency-key': newKey() },
    payload: { ...VALID_FAULT_REPORT, answers: { ...VALID_FAULT_REPORT.answers, ...answers } },
  });
  const { receipt } = SubmitCaseResponse.parse(response.json());
  if (applicant) {
    // As if the applicant had sent it logged in: the case is theirs, and its receipt (queued with the case) is queued anew for them.
    await backend.db.query('UPDATE cases SET applicant_personal_number = $2 WHERE id = $1', [receipt.caseId, applicant]);
    await backend.db.query('DELETE FROM notifications WHERE event_key = $1', [`receipt:${receipt.caseId}`]);
  }
  return receipt;
}

async function profile(email: string | null, phone: string | null, notifyBy: string) {
  await backend.db.query(
    `INSERT INTO profiles (personal_number, email, phone, notify_by, updated_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (personal_number) DO UPDATE SET email = EXCLUDED.email, phone = EXCLUDED.phone, notify_by = EXCLUDED.notify_by`,
    [ANNA, email, phone, notifyBy]);
}

const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;

function officer(url: string, body: unknown) {
  return backend.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
}

describe('notifications', () => {
  it('e-mails a receipt with the case number to the address answered in the form, over SMTP, once', async () => {
    await backend.db.query(`UPDATE notifications SET next_attempt_at = NULL`);
    inbox.length = 0;
    const receipt = await newCase({ email: 'kalle.karlsson@example.com' });
    assert.ok((await run()) >= 1);
    const mail = inbox.find((m) => to(m) === 'kalle.karlsson@example.com');
    assert.ok(mail, 'arrived');
    assert.equal(mail.subject, `Vi har tagit emot ditt ärende ${receipt.caseNumber}`);
    assert.match(mail.text ?? '', new RegExp(`Ärendenummer: ${receipt.caseNumber}`));
    assert.match(mail.text ?? '', /Exempelby kommun tog emot ditt ärende ”Felanmälan/);
    assert.ok(!(mail.text ?? '').includes('Storgatan'), 'no answers in the receipt');
    assert.equal((Array.isArray(mail.from) ? mail.from[0] : mail.from)?.value[0]?.address, 'e-tjanster@exempelby.se');
    const count = inbox.length;
    await run();
    assert.equal(inbox.length, count, 'not twice');
  });

  it("uses the profile's e-mail over the form's, and tells of an officer's message and status without personal content", async () => {
    await profile('anna.profil@example.com', null, 'email');
    const receipt = await newCase({ email: 'anna.formular@example.com' }, ANNA);
    inbox.length = 0;
    await run();
    assert.deepEqual(inbox.map(to), ['anna.profil@example.com']);
    assert.match(inbox[0]!.subject ?? '', new RegExp(receipt.caseNumber));

    inbox.length = 0;
    assert.equal((await officer(`/api/officer/cases/${receipt.caseId}/messages`, { body: 'Ditt barn Maja har fått plats på Solrosen.' })).statusCode, 201);
    assert.equal((await officer(`/api/officer/cases/${receipt.caseId}/status`, { status: 'inProgress' })).statusCode, 200);
    await run();
    assert.equal(inbox.length, 2);
    const [message, status] = [inbox.find((m) => /meddelande/.test(m.subject ?? ''))!, inbox.find((m) => /Nytt om/.test(m.subject ?? ''))!];
    assert.equal(message.subject, 'Nytt meddelande från Exempelby kommun');
    assert.match(message.text ?? '', /^Du har fått ett nytt meddelande i ett ärende hos Exempelby kommun\. Logga in på Mina sidor för att läsa det\./);
    assert.match(status.text ?? '', /har fått en ny status\. Logga in på Mina sidor/);
    for (const mail of [message, status]) {
      assert.equal(to(mail), 'anna.profil@example.com');
      for (const personal of ['Maja', 'Solrosen', receipt.caseNumber, 'Storgatan', 'Under handläggning', 'inProgress', 'Anna']) {
        assert.ok(!`${mail.subject}\n${mail.text}`.includes(personal), `a notice holds ${personal}`);
      }
    }
  });

  it('sends an SMS through the SmsSender when the profile says sms, and nothing when it says none', async () => {
    await profile('anna.profil@example.com', '070-123 45 67', 'sms');
    const sms = new DevOutbox();
    inbox.length = 0;
    const receipt = await newCase({}, ANNA);
    await run({ sms });
    assert.equal(inbox.length, 0, 'no e-mail');
    assert.equal(sms.list().length, 1);
    assert.equal(sms.list()[0]!.to, '070-123 45 67');
    assert.match(sms.list()[0]!.text, new RegExp(`har tagit emot ditt ärende ${receipt.caseNumber}`));

    await profile('anna.profil@example.com', '070-123 45 67', 'none');
    const quiet = await newCase({ email: 'anna.formular@example.com' }, ANNA);
    await officer(`/api/officer/cases/${quiet.caseId}/messages`, { body: 'Hej' });
    await run({ sms });
    assert.equal(inbox.length, 0);
    assert.equal(sms.list().length, 1);
    const { rows } = await backend.db.query<{ channel: string }>('SELECT channel FROM notifications WHERE case_id = $1', [quiet.caseId]);
    assert.deepEqual(rows.map((row) => row.channel), ['none', 'none']);
  });

  it('marks a message sent while another of its batch is still on its way, so that a slow one sends no other twice', async () => {
    await backend.db.query(`UPDATE notifications SET next_attempt_at = NULL`);
    await profile('anna.profil@example.com', '070-123 45 67', 'sms');
    const slow = await newCase({}, ANNA);
    const quick = await newCase({}, ANNA);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const sms: SmsSender = { send: async ({ text }) => (text.includes(slow.caseNumber) ? held : undefined) };
    const sentAt = async (caseId: string) =>
      (await backend.db.query<{ sent_at: Date | null }>('SELECT sent_at FROM notifications WHERE case_id = $1', [caseId])).rows[0]?.sent_at ?? null;
    const running = run({ sms });
    try {
      // Past the moment a batch's marks wait for each other, well inside the claim (30 s) that another worker respects.
      const deadline = Date.now() + 10_000;
      while (!(await sentAt(quick.caseId)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(await sentAt(quick.caseId), 'the quick one is marked sent while the slow one is on its way');
      assert.equal(await sentAt(slow.caseId), null, 'the slow one is not, yet');
    } finally {
      release();
    }
    assert.equal(await running, 2);
    assert.ok(await sentAt(slow.caseId), 'and then the slow one');
    await profile('anna.profil@example.com', null, 'email');
  });

  it('retries when the SMTP server refuses, after the backoff, and logs no address', async () => {
    await backend.db.query(`UPDATE notifications SET next_attempt_at = NULL`);
    inbox.length = 0;
    smtp.refusing = true;
    const { log, lines } = jobLog();
    await newCase({ email: 'retry.person@example.com' });
    const start = new Date();
    assert.equal(await run({ now: start, log }), 0);
    smtp.refusing = false;
    assert.equal(await run({ now: new Date(start.getTime() + 10_000), log }), 0, 'not before 30 s');
    assert.equal(await run({ now: new Date(start.getTime() + 31_000), log }), 1);
    assert.deepEqual(inbox.map(to), ['retry.person@example.com']);
    assert.match(lines.join('\n'), /notification: failed, will retry/);
    assert.ok(!lines.join('\n').includes('retry.person'));
    assert.ok(!backend.logs.join('\n').includes('@example.com'), 'the app logs no address either');
  });

  it('shows the demo outbox at /dev/outbox only without SMTP_URL', async () => {
    const outbox = new DevOutbox();
    await outbox.send({ to: 'anna@example.com', subject: 'Vi har tagit emot ditt ärende FEL-2030-00001', text: 'Ärendenummer: FEL-2030-00001 <b>' });
    const demo = await startTestBackend({ app: {} });
    const withOutbox = await (await import('../../server/app.js')).buildApp({
      config: { ...(await import('../../server/config.js')).readConfig({}), kitDir: undefined, demoDir: undefined }, db: demo.db, devOutbox: outbox,
      logStream: { write: () => true } as unknown as NodeJS.WritableStream,
    });
    try {
      const page = await withOutbox.inject({ method: 'GET', url: '/dev/outbox' });
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(page.body, /<html lang="sv">/);
      assert.match(page.body, /<h1>Utkorg \(demo\)<\/h1>/);
      assert.match(page.body, /Vi har tagit emot ditt ärende FEL-2030-00001/);
      assert.match(page.body, /&lt;b&gt;/, 'escaped');
      assert.equal((await demo.app.inject({ method: 'GET', url: '/dev/outbox' })).statusCode, 404, 'not without an outbox');
      const smtpApp = await (await import('../../server/app.js')).buildApp({
        config: { ...(await import('../../server/config.js')).readConfig({ SMTP_URL: smtpUrl }), kitDir: undefined, demoDir: undefined },
        db: demo.db, devOutbox: outbox, logStream: { write: () => true } as unknown as NodeJS.WritableStream,
      });
      assert.equal((await smtpApp.inject({ method: 'GET', url: '/dev/outbox' })).statusCode, 404, 'not with SMTP_URL');
      await smtpApp.close();
    } finally {
      await withOutbox.close();
      await demo.close();
    }
  });
});
