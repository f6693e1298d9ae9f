import type { Queryable } from '../../server/store/database.js';
import { BUSY_CITIZEN, CASES_A_CITIZEN, DUE, LIVE } from './shape.js';

/**
 * What lives beside the cases, as much at every size: citizens' profiles, drafts being filled in,
 * logged-in sessions, BankID orders and signings under way, rate limits, uploads not yet sent — and
 * what of it came due since the cleanup jobs' last runs.
 */
export async function seedAround(db: Queryable, cases: number, now: Date): Promise<void> {
  const at = now.toISOString();
  const citizens = Math.max(100, Math.round(cases / CASES_A_CITIZEN));
  const person = (of: string) => `'19' || lpad((1 + ${of} % ${citizens})::text, 10, '0')`;
  await db.query(`INSERT INTO profiles (personal_number, email, phone, notify_by, updated_at)
    SELECT '19' || lpad(p::text, 10, '0'), 'person' || p || '@example.com', '+4670' || lpad(p::text, 7, '0'),
           CASE WHEN p % 5 = 0 THEN 'sms' ELSE 'email' END, $1::timestamptz
      FROM generate_series(1, ${citizens}) p
    UNION ALL SELECT '${BUSY_CITIZEN}', 'busy@example.com', NULL, 'email', $1`, [at]);
  // Drafts saved over the last 30 days (live), and those whose expires_at passed since retention last ran.
  await db.query(`INSERT INTO drafts (id, owner_personal_number, service_id, service_version, answers, step_id, version, created_at, updated_at, expires_at)
    SELECT md5('draft' || d)::uuid, CASE WHEN d % 600 = 0 THEN '${BUSY_CITIZEN}' ELSE ${person('d')} END, 'felanmalan', 1,
           jsonb_build_object('description', 'Utkast ' || d), NULL, 1 + d % 4, t, t,
           CASE WHEN d > ${LIVE.drafts} THEN $1::timestamptz - (d - ${LIVE.drafts}) * interval '1 minute' ELSE t + interval '30 days' END
      FROM generate_series(1, ${LIVE.drafts + DUE.drafts}) d, LATERAL (SELECT $1::timestamptz - d * interval '14 minutes' AS t) x`, [at]);
  await db.query(`INSERT INTO sessions (id_sha256, personal_number, name, given_name, surname, created_at, last_seen_at, idle_expires_at, absolute_expires_at)
    SELECT md5('session' || s) || md5('id' || s), ${person('s')}, 'Person ' || s, 'Person', '' || s, t, t,
           CASE WHEN s > ${LIVE.sessions} THEN $1::timestamptz - interval '1 minute' ELSE t + interval '30 minutes' END, t + interval '12 hours'
      FROM generate_series(1, ${LIVE.sessions + DUE.sessions}) s, LATERAL (SELECT $1::timestamptz - (s % 25) * interval '1 minute' AS t) x`, [at]);
  // BankID orders of the last minutes, and those over an hour old that the session cleanup deletes.
  const orders = `FROM generate_series(1, ${LIVE.bankIdOrders + DUE.bankIdLeftovers}) o,
    LATERAL (SELECT CASE WHEN o > ${LIVE.bankIdOrders} THEN $1::timestamptz - interval '2 hours' ELSE $1::timestamptz - (o % 50) * interval '1 second' END AS t) x`;
  await db.query(`INSERT INTO bankid_orders (order_ref, kind, qr_start_token, qr_start_secret, started_at, status, created_at)
    SELECT 'order-' || o, CASE WHEN o % 2 = 0 THEN 'auth' ELSE 'sign' END, md5('qr' || o), md5('secret' || o), t,
           CASE WHEN o % 3 = 0 THEN 'complete' ELSE 'pending' END, t ${orders}`, [at]);
  await db.query(`INSERT INTO eid_logins (order_ref, binding_sha256, method, created_at)
    SELECT 'order-' || o, md5('binding' || o), 'otherDevice', t ${orders} WHERE o % 2 = 0`, [at]);
  await db.query(`INSERT INTO signings (order_ref, personal_number, service_id, service_version, lang, method, answers, user_visible_data,
                                        auto_start_token, idempotency_key, request_hash, created_at)
    SELECT 'order-' || o, ${person('o')}, 'skolskjuts', 3, 'sv', 'otherDevice', '{}', 'Jag ansöker', md5('start' || o), 'key-' || o, md5('hash' || o), t
      ${orders} WHERE o % 2 = 1`, [at]);
  await db.query(`INSERT INTO signing_keys (scope, key, created_at) SELECT 'person:' || ${person('o')}, 'key-' || o, t ${orders} WHERE o % 2 = 1`, [at]);
  await db.query(`INSERT INTO rate_limits (key, hits, reset_at)
    SELECT md5('limit' || r), 1 + r % 9, CASE WHEN r > ${LIVE.rateLimits} THEN $1::timestamptz - interval '1 second' ELSE $1::timestamptz + interval '30 seconds' END
      FROM generate_series(1, ${LIVE.rateLimits + 30}) r`, [at]);
  // Uploads no case claimed: those of the last hours, and those over a day old that the cleanup deletes.
  await db.query(`INSERT INTO attachments (id, service_id, field_id, file_name, kind, size_bytes, sha256, uploaded_at, owner_personal_number)
    SELECT md5('upload' || u)::uuid, 'felanmalan', 'photos', 'foto.jpg', 'jpeg', 16, md5('upload' || u),
           CASE WHEN u > 50 THEN $1::timestamptz - interval '25 hours' ELSE $1::timestamptz - u * interval '5 minutes' END, ${person('u')}
      FROM generate_series(1, ${50 + DUE.uploads}) u`, [at]);
}
