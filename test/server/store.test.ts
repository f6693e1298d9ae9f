import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { openDatabase } from '../../server/store/database.js';
import { SubmitCaseResponse } from '../../src/contract/cases.js';
import { migrate } from '../../server/store/migrate.js';
import { KIT_HEADERS, newKey, startTestBackend, VALID_FAULT_REPORT } from '../support/backend.js';

const MIGRATIONS = [
  '001_cases.sql', '002_attachments.sql', '003_bankid_orders.sql', '004_sessions.sql', '005_signing.sql', '006_my_pages.sql',
  '007_officer_notify.sql', '008_cosigning.sql', '009_signing_keys.sql', '010_officer_tokens_per_instance.sql', '011_rate_limits.sql',
  '012_cost_flat_as_data_grows.sql',
  '013_rate_limits_unlogged.sql',
  '014_payments.sql',
  '015_payment_due_notice.sql',
  '016_payment_callback_url.sql',
  '017_oidc_logins.sql',
  '018_case_eid.sql',
  '019_broker_signing.sql',
  '020_saml_logins.sql',
  '021_broker_signing_page.sql',
  '022_one_per_person_periods.sql',
  '023_company_applicants.sql',
];

describe('the database', () => {
  it('applies each migration once, however often the server starts', async () => {
    const backend = await startTestBackend();
    try {
      assert.deepEqual(await migrate(backend.db), []);
      const { rows } = await backend.db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(rows.map((row) => row.version), MIGRATIONS);
    } finally {
      await backend.close();
    }
  });

  it('migrates a fresh database when two instances start at the same moment', async () => {
    // Two handles on one fresh database (on PostgreSQL two pools on one new schema, as two instances have).
    const databaseUrl = process.env.DATABASE_URL;
    for (let attempt = 0; attempt < 5; attempt++) {
      const schema = databaseUrl ? `test_migrate_${randomBytes(6).toString('hex')}` : undefined;
      const first = await openDatabase({ databaseUrl, dataDir: ':memory:', schema });
      const second = databaseUrl ? await openDatabase({ databaseUrl, schema }) : first;
      try {
        const [a, b] = await Promise.all([migrate(first), migrate(second)]);
        assert.equal(a.length + b.length, MIGRATIONS.length, 'each migration applied once, by one of the two');
        const { rows } = await first.query<{ count: string }>('SELECT count(*) AS count FROM schema_migrations');
        assert.equal(Number(rows[0]!.count), MIGRATIONS.length);
      } finally {
        if (databaseUrl) await first.exec(`DROP SCHEMA ${schema} CASCADE`);
        await first.close();
        if (second !== first) await second.close();
      }
    }
  });

  it('keeps a case across a restart of the embedded database', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'esk-data-'));
    try {
      const first = await startTestBackend({ dataDir });
      const response = await first.app.inject({
        method: 'POST', url: '/api/cases', payload: JSON.stringify(VALID_FAULT_REPORT),
        headers: { ...KIT_HEADERS, 'idempotency-key': newKey() },
      });
      const { receipt, receiptToken } = SubmitCaseResponse.parse(response.json());
      await first.close();

      const second = await startTestBackend({ dataDir });
      try {
        const again = await second.app.inject({
          method: 'GET', url: `/api/cases/${receipt.caseNumber}/receipt`, headers: { 'x-receipt-token': receiptToken },
        });
        assert.equal(again.statusCode, 200);
        assert.equal(again.json().caseNumber, receipt.caseNumber);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
