import type { Queryable } from '../../server/store/database.js';
import { CASES_A_CITIZEN, hash } from './shape.js';

/** What belongs to a case besides its row (seed_cases' facts): cosigners' requests, messages with the officer, files. */
export async function seedCaseRows(db: Queryable, cases: number, now: Date): Promise<void> {
  const citizens = Math.max(100, Math.round(cases / CASES_A_CITIZEN));
  // Each cosigned case's other guardian: still to sign while the case waits, expired with it, signed once it was sent.
  await db.query(`INSERT INTO cosign_requests (id, case_id, personal_number, name, child_personal_number, child_name, applicant_name,
                                               token_sha256, invite_channel, invite_to, invited_at, status, deadline, reminded_at, signed_at, created_at)
    SELECT md5('cosign' || g)::uuid, id, '19' || lpad((1 + ${hash(7)} % ${citizens})::text, 10, '0'), 'Vårdnadshavare ' || g,
           '20' || lpad(g::text, 10, '0'), 'Barn ' || g, 'Sökande ' || g, md5('invite' || g) || md5('link' || g), 'email',
           'guardian' || g || '@example.com', submitted_at,
           CASE status WHEN 'awaitingCosign' THEN 'pending' WHEN 'cosignExpired' THEN 'expired' ELSE 'signed' END,
           submitted_at + interval '30 days',
           CASE WHEN submitted_at + interval '23 days' <= $1 THEN submitted_at + interval '23 days' END,
           CASE WHEN status NOT IN ('awaitingCosign', 'cosignExpired') THEN submitted_at + interval '1 hour' END, submitted_at
      FROM seed_cases WHERE cosigns`, [now.toISOString()]);
  // Three cases in ten have a question from the officer and the citizen's answer; the newest questions are unread.
  await db.query(`INSERT INTO case_messages (id, case_id, sender, body, sent_at, read_at)
    SELECT md5('officer' || g)::uuid, id, 'officer', 'Vi behöver veta mer om ärende ' || g || '.', at,
           CASE WHEN at < $1::timestamptz - interval '2 days' THEN at + interval '1 hour' END
      FROM (SELECT *, submitted_at + ($1::timestamptz - submitted_at) / 3 AS at FROM seed_cases) c
     WHERE status NOT IN ('awaitingCosign', 'cosignExpired') AND ${hash(8)} % 10 < 3
    UNION ALL
    SELECT md5('citizen' || g)::uuid, id, 'citizen', 'Här kommer svaret om ärende ' || g || '.', submitted_at + ($1::timestamptz - submitted_at) / 2, NULL
      FROM seed_cases WHERE status NOT IN ('awaitingCosign', 'cosignExpired') AND ${hash(8)} % 10 < 3`, [now.toISOString()]);
  // One case in five has a file (the bytes in the database blob store, kept small here).
  await db.query(`INSERT INTO attachments (id, service_id, field_id, file_name, kind, size_bytes, sha256, uploaded_at, case_id, claimed_at, owner_personal_number)
    SELECT md5('file' || g)::uuid, service_id, 'photos', 'foto-' || g || '.jpg', 'jpeg', 16, md5('bytes' || g), submitted_at, id, submitted_at, applicant
      FROM seed_cases WHERE ${hash(9)} % 5 = 0`);
  await db.query(`INSERT INTO attachment_blobs (id, bytes)
    SELECT md5('file' || g)::uuid, decode(md5('bytes' || g), 'hex') FROM seed_cases WHERE ${hash(9)} % 5 = 0`);
}
