import type { Queryable } from '../../server/store/database.js';
import { BUSY_CITIZEN, BUSY_CITIZEN_CASES, CASES_A_CITIZEN, CASES_A_DAY, DUE, hash } from './shape.js';

/**
 * The cases, first as facts in a work table (seed_cases, one row per case number g, g = 1 the newest),
 * from which the other seed files make each case's rows. A case's e-service is one whose retention
 * still keeps a case of its age (a running server deleted the others); its status follows its age.
 */
export async function seedCaseFacts(db: Queryable, cases: number, now: Date): Promise<void> {
  await db.query(`CREATE UNLOGGED TABLE seed_services AS
    SELECT (row_number() OVER (ORDER BY (definition->'retention'->>'closedCaseDays')::int DESC, service_id) - 1)::int AS r,
           service_id, version, municipality_id, definition->>'caseNumberPrefix' AS prefix,
           (definition->'retention'->>'closedCaseDays')::int AS closed_days,
           definition->>'login' AS login, definition ? 'signing' AS signs, definition ? 'cosigning' AS cosigns,
           coalesce(definition->'onePerPerson' = 'true'::jsonb, false) AS once
      FROM service_definitions`);
  const citizens = Math.max(100, Math.round(cases / CASES_A_CITIZEN));
  const busyEvery = Math.max(1, Math.floor(cases / BUSY_CITIZEN_CASES));
  await db.query(`CREATE UNLOGGED TABLE seed_cases AS
    WITH aged AS (
      SELECT g, $2::timestamptz - ((g - 1) * 86400.0 / ${CASES_A_DAY} + ${hash(1)} % 90) * interval '1 second' AS submitted_at,
             (g - 1)::float / ${CASES_A_DAY} AS age_days
        FROM generate_series(1, $1::int) g),
    placed AS (
      SELECT a.*, s.*, ${hash(3)} % 100 AS roll
        FROM aged a
        CROSS JOIN LATERAL (SELECT count(*)::int AS k FROM seed_services WHERE closed_days > a.age_days + 30) eligible
        JOIN seed_services s ON s.r = ${hash(2)} % eligible.k),
    statused AS (
      SELECT p.*, CASE
          WHEN cosigns AND age_days < 30 AND roll % 4 = 0 THEN 'awaitingCosign'
          WHEN cosigns AND age_days >= 30 AND age_days < 60 AND roll % 20 = 0 THEN 'cosignExpired'
          WHEN age_days < 1 THEN 'submitted'
          WHEN age_days < 14 THEN (ARRAY['submitted', 'inProgress', 'awaitingSupplement', 'closed'])[1 + roll % 4]
          WHEN roll < 92 THEN 'closed' WHEN roll < 97 THEN 'inProgress' ELSE 'awaitingSupplement' END AS status
        FROM placed p)
    SELECT g, md5('case' || g)::uuid AS id, service_id, version, municipality_id, prefix, signs, cosigns, once, status, submitted_at,
           CASE WHEN status = 'closed' THEN least(submitted_at + (1 + ${hash(4)} % 13) * interval '1 day', submitted_at + ($2::timestamptz - submitted_at) / 2) END AS closed_at,
           CASE WHEN status IN ('inProgress', 'awaitingSupplement') THEN least(submitted_at + interval '1 day', submitted_at + ($2::timestamptz - submitted_at) / 2)
                WHEN status = 'cosignExpired' THEN submitted_at + interval '30 days' END AS moved_at,
           CASE WHEN once THEN '29' || lpad(g::text, 10, '0')
                WHEN g % ${busyEvery} = 0 THEN '${BUSY_CITIZEN}'
                WHEN login = 'none' AND ${hash(5)} % 10 >= 3 THEN NULL
                ELSE '19' || lpad((1 + ${hash(6)} % ${citizens})::text, 10, '0') END AS applicant
      FROM statused`, [cases, now.toISOString()]);
  await seedDueFacts(db, cases, now);
  await db.query('ALTER TABLE seed_cases ADD PRIMARY KEY (g)');
}

/** What came due since the last run: fault reports closed 731 days ago, cosigned cases that ended unsent 31 days ago. */
async function seedDueFacts(db: Queryable, cases: number, now: Date): Promise<void> {
  await db.query(`INSERT INTO seed_cases
    SELECT $1::int + g, md5('case' || ($1::int + g))::uuid, s.service_id, s.version, s.municipality_id, s.prefix, s.signs, s.cosigns, s.once,
           'closed', $2::timestamptz - interval '745 days', $2::timestamptz - interval '731 days' - g * interval '1 minute', NULL, NULL
      FROM generate_series(1, ${DUE.closedCases}) g JOIN seed_services s ON s.service_id = 'felanmalan'`, [cases, now.toISOString()]);
  await db.query(`INSERT INTO seed_cases
    SELECT $1::int + ${DUE.closedCases} + g, md5('case' || ($1::int + ${DUE.closedCases} + g))::uuid, s.service_id, s.version, s.municipality_id,
           s.prefix, s.signs, s.cosigns, s.once, 'cosignExpired', $2::timestamptz - interval '61 days', NULL,
           $2::timestamptz - interval '31 days' - g * interval '1 minute', '19' || lpad(g::text, 10, '0')
      -- One e-service that others sign (there are several: specialkost, uteservering), or each case number would come twice.
      FROM generate_series(1, ${DUE.unsentCases}) g CROSS JOIN (SELECT * FROM seed_services WHERE cosigns ORDER BY service_id LIMIT 1) s`, [cases, now.toISOString()]);
}

/** The cases themselves, each with its history of statuses, Idempotency-Key, signature and once-per-person claim. */
export async function seedCases(db: Queryable): Promise<void> {
  await db.query(`INSERT INTO cases (id, case_number, service_id, service_version, municipality_id, status, lang, answers,
                                     receipt_token_hash, submitted_at, applicant_personal_number, updated_at, closed_at)
    SELECT id, prefix || '-' || extract(year FROM submitted_at)::int || '-' || lpad(g::text, 7, '0'), service_id, version, municipality_id,
           status, CASE WHEN g % 20 = 0 THEN 'en' ELSE 'sv' END,
           jsonb_build_object('description', 'Ärende ' || g || ': ' || repeat('beskrivning ', 12), 'place', 'Storgatan ' || g % 200,
                              'email', 'person' || g % 5000 || '@example.com', 'urgent', 'nej'),
           md5('receipt' || g) || md5('token' || g), submitted_at, applicant, coalesce(closed_at, moved_at, submitted_at), closed_at
      FROM seed_cases`);
  await db.query(`INSERT INTO case_status_history (case_id, status, at, changed_by)
    SELECT id, CASE WHEN cosigns AND status IN ('awaitingCosign', 'cosignExpired') THEN 'awaitingCosign' ELSE 'submitted' END, submitted_at, 'citizen'
      FROM seed_cases
    UNION ALL SELECT id, 'inProgress', submitted_at + (coalesce(closed_at, moved_at) - submitted_at) / 2, 'officer'
      FROM seed_cases WHERE status IN ('inProgress', 'awaitingSupplement', 'closed')
    UNION ALL SELECT id, status, coalesce(closed_at, moved_at), CASE WHEN status = 'cosignExpired' THEN 'system' ELSE 'officer' END
      FROM seed_cases WHERE status IN ('awaitingSupplement', 'closed', 'cosignExpired')`);
  await db.query(`INSERT INTO idempotency_keys (scope, key, request_hash, case_id, response, created_at)
    SELECT coalesce('person:' || applicant, 'anonymous'), 'seed-' || g, md5('request' || g), id,
           jsonb_build_object('receipt', jsonb_build_object('caseId', id, 'caseNumber', 'seeded', 'submittedAt', submitted_at)), submitted_at
      FROM seed_cases`);
  await db.query(`INSERT INTO case_signatures (case_id, order_ref, personal_number, name, signature, ocsp_response, completion, user_visible_data, signed_at)
    SELECT id, md5('order' || g), applicant, 'Sökande ' || g, repeat(md5('signature' || g), 16), repeat(md5('ocsp' || g), 8),
           jsonb_build_object('device', jsonb_build_object('ipAddress', '192.0.2.1')), 'Jag ansöker', submitted_at
      FROM seed_cases WHERE signs AND applicant IS NOT NULL`);
  await db.query(`INSERT INTO one_per_person_cases (service_id, personal_number, case_id)
    SELECT service_id, applicant, id FROM seed_cases WHERE once AND status NOT IN ('cosignExpired', 'cosignDeclined')`);
}
