import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SubmitCaseResponse } from '../../src/contract/cases.js';
import { lease } from '../../server/jobs/lease.js';
import { runRetention } from '../../server/jobs/retention.js';
import { changeStatus } from '../../server/services/case-status.js';
import { KIT_HEADERS, newKey, startTestBackend, VALID_FAULT_REPORT, type TestBackend } from '../support/backend.js';

const DAY = 86_400_000;
const NOW = new Date('2030-06-01T12:00:00Z');
const ago = (days: number, extraMs = 0) => new Date(NOW.getTime() - days * DAY + extraMs).toISOString();

let backend: TestBackend;
before(async () => {
  backend = await startTestBackend();
});
after(() => backend.close());

/** A fault report (felanmalan keeps closed cases 730 days) closed `closedDaysAgo` days before NOW, with a file, a message and a signature. */
async function closedCase(closedAt: string): Promise<{ caseId: string; attachmentId: string }> {
  const response = await backend.app.inject({
    method: 'POST', url: '/api/cases', headers: { ...KIT_HEADERS, 'idempotency-key': newKey() }, payload: VALID_FAULT_REPORT,
  });
  const { caseId } = SubmitCaseResponse.parse(response.json()).receipt;
  await backend.db.transaction((tx) => changeStatus(tx, caseId, 'closed', 'officer', new Date(closedAt)));
  const attachmentId = randomUUID();
  await backend.db.query(
    `INSERT INTO attachments (id, service_id, field_id, file_name, kind, size_bytes, sha256, case_id, claimed_at)
     VALUES ($1, 'felanmalan', 'photos', 'foto.png', 'png', 3, 'x', $2, now())`, [attachmentId, caseId]);
  await backend.db.query(`INSERT INTO attachment_blobs (id, bytes) VALUES ($1, '\\x010203')`, [attachmentId]);
  await backend.db.query(`INSERT INTO case_messages (id, case_id, sender, body, sent_at) VALUES ($1, $2, 'officer', 'Klart.', now())`, [randomUUID(), caseId]);
  await backend.db.query(
    `INSERT INTO case_signatures (case_id, order_ref, personal_number, name, signature, ocsp_response, completion, user_visible_data, signed_at)
     VALUES ($1, $2, '198001012387', 'Anna Andersson', 's', 'o', '{}', 'u', now())`, [caseId, randomUUID()]);
  return { caseId, attachmentId };
}

async function draft(expiresAt: string): Promise<string> {
  const id = randomUUID();
  await backend.db.query(
    `INSERT INTO drafts (id, owner_personal_number, service_id, service_version, answers, version, created_at, updated_at, expires_at)
     VALUES ($1, '198001012387', 'felanmalan', 1, '{}', 1, $2, $2, $3)`, [id, ago(40), expiresAt]);
  return id;
}

async function count(table: string, column: string, id: string): Promise<number> {
  const { rows } = await backend.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${table} WHERE ${column} = $1`, [id]);
  return Number(rows[0]!.n);
}

describe('retention (gallring)', () => {
  it('deletes drafts past expires_at and closed cases past closedCaseDays since closing, with everything that belongs to them, and nothing earlier', async () => {
    const expiredDraft = await draft(ago(0, -1));
    const liveDraft = await draft(ago(0, 60_000));
    const old = await closedCase(ago(730, -1));
    const young = await closedCase(ago(730, 60_000));
    // Sent long ago but never closed: kept whatever its age.
    const open = await closedCase(ago(2000));
    await backend.db.query(`UPDATE cases SET status = 'inProgress', submitted_at = $2 WHERE id = $1`, [open.caseId, ago(3000)]);

    const deleted = await runRetention(backend.db, NOW);
    assert.equal(deleted, 2);
    assert.equal(await count('drafts', 'id', expiredDraft), 0);
    assert.equal(await count('drafts', 'id', liveDraft), 1);
    assert.equal(await count('cases', 'id', old.caseId), 0);
    for (const [table, column] of [['attachments', 'case_id'], ['case_messages', 'case_id'], ['case_signatures', 'case_id'],
      ['case_status_history', 'case_id'], ['idempotency_keys', 'case_id'], ['notifications', 'case_id']] as const) {
      assert.equal(await count(table, column, old.caseId), 0, table);
    }
    assert.equal(await count('attachment_blobs', 'id', old.attachmentId), 0);
    for (const kept of [young, open]) {
      assert.equal(await count('cases', 'id', kept.caseId), 1);
      assert.equal(await count('attachment_blobs', 'id', kept.attachmentId), 1);
      assert.equal(await count('case_messages', 'case_id', kept.caseId), 1);
    }
    assert.equal(await runRetention(backend.db, NOW), 0, 'a second run finds nothing more');
    assert.equal(await runRetention(backend.db, new Date(NOW.getTime() + 61_000)), 2, 'a minute later the younger case and the other draft go');
  });

  it('counts from the latest closing of a case that was reopened and closed again, and takes exactly the cases due', async () => {
    const reopened = await closedCase(ago(800));
    // Reopened in the database (nothing in the API reopens a closed case), then closed again 100 days ago.
    await backend.db.query(`UPDATE cases SET status = 'inProgress' WHERE id = $1`, [reopened.caseId]);
    await backend.db.transaction((tx) => changeStatus(tx, reopened.caseId, 'closed', 'officer', new Date(ago(100))));
    const due = [await closedCase(ago(731)), await closedCase(ago(730, -1))];
    const notYet = await closedCase(ago(729));

    assert.equal(await runRetention(backend.db, NOW), 2);
    for (const { caseId } of due) assert.equal(await count('cases', 'id', caseId), 0);
    for (const { caseId } of [reopened, notYet]) assert.equal(await count('cases', 'id', caseId), 1);
    assert.equal(await runRetention(backend.db, new Date(NOW.getTime() + 2 * DAY)), 1, 'the one closed 729 days ago, two days later');
    assert.equal(await count('cases', 'id', reopened.caseId), 1, 'kept: its latest closing was 102 days ago');
    assert.equal(await runRetention(backend.db, new Date(NOW.getTime() + 630 * DAY)), 1, '730 days after its latest closing it goes');
    assert.equal(await count('cases', 'id', reopened.caseId), 0);
  });

  it('runs on one instance at a time: a second holder of the lease does nothing until it expires', async () => {
    let clock = NOW;
    const instanceA = lease(backend.db, 'retention', { holder: 'instance-a', ttlMs: 10 * 60_000, now: () => clock });
    const instanceB = lease(backend.db, 'retention', { holder: 'instance-b', ttlMs: 10 * 60_000, now: () => clock });
    await closedCase(ago(800));
    const ran: string[] = [];
    const work = (who: string) => async () => {
      ran.push(who);
      return runRetention(backend.db, clock);
    };
    // Both at once: one deletes, the other is refused the lease.
    const [a, b] = await Promise.all([instanceA.run(work('a')), instanceB.run(work('b'))]);
    assert.deepEqual(ran, ['a']);
    assert.deepEqual([a, b], [1, 0]);
    await closedCase(ago(800));
    clock = new Date(NOW.getTime() + 9 * 60_000);
    assert.equal(await instanceB.run(work('b')), 0, 'B waits while A holds the lease');
    assert.deepEqual(ran, ['a']);
    assert.equal(await instanceA.run(work('a')), 1, 'A renews its own lease');
    await closedCase(ago(800));
    clock = new Date(clock.getTime() + 10 * 60_000);
    assert.equal(await instanceB.run(work('b')), 1, 'after it expired, B takes over');
    assert.equal(await instanceA.run(work('a')), 0, 'and now A waits');
    assert.deepEqual(ran, ['a', 'a', 'b']);
    await instanceB.release();
    assert.equal(await instanceA.run(async () => 7), 7, 'a released lease is free at once');
  });
});
