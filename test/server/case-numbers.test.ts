import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CaseService } from '../../server/services/cases.js';
import { DefinitionStore } from '../../server/services/definitions.js';
import { idempotencyScope } from '../../server/services/idempotency.js';
import { stockholmYear } from '../../server/stockholm-time.js';
import { SubmitCaseResponse } from '../../src/contract/cases.js';
import { KIT_HEADERS, newKey, startTestBackend, VALID_FAULT_REPORT, type TestBackend } from '../support/backend.js';

let backend: TestBackend;
before(async () => {
  backend = await startTestBackend();
});
after(() => backend.close());

const serial = (caseNumber: string) => Number(caseNumber.split('-')[2]);

describe('case numbers', () => {
  it('numbers 50 cases sent at once one after another: each its own, with no gaps', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, () => backend.app.inject({
      method: 'POST', url: '/api/cases', headers: { ...KIT_HEADERS, 'idempotency-key': newKey() }, payload: JSON.stringify(VALID_FAULT_REPORT),
    })));
    assert.deepEqual([...new Set(responses.map((response) => response.statusCode))], [201]);
    const numbers = responses.map((response) => SubmitCaseResponse.parse(response.json()).receipt.caseNumber);
    const serials = numbers.map(serial).sort((a, b) => a - b);
    assert.deepEqual(serials, Array.from({ length: 50 }, (_, i) => serials[0]! + i));
    assert.ok(numbers.every((number) => /^FEL-\d{4}-\d{5}$/.test(number)));
    const { rows } = await backend.db.query<{ case_number: string }>('SELECT case_number FROM cases WHERE case_number = ANY($1)', [numbers]);
    assert.equal(rows.length, 50, 'each number is the stored one');
  });

  it('continues after the last number the counter of earlier versions gave', async () => {
    const fresh = await startTestBackend();
    try {
      const year = stockholmYear(new Date());
      await fresh.db.query('INSERT INTO case_number_counters (prefix, year, last_value) VALUES ($1, $2, 41)', ['FEL', year]);
      const send = () => fresh.app.inject({
        method: 'POST', url: '/api/cases', headers: { ...KIT_HEADERS, 'idempotency-key': newKey() }, payload: JSON.stringify(VALID_FAULT_REPORT),
      });
      assert.equal(SubmitCaseResponse.parse((await send()).json()).receipt.caseNumber, `FEL-${year}-00042`);
      assert.equal(SubmitCaseResponse.parse((await send()).json()).receipt.caseNumber, `FEL-${year}-00043`);
    } finally {
      await fresh.close();
    }
  });

  // Only where two transactions can be open at once: PGlite is one connection, its transactions run
  // one after the other whatever they lock. CI runs this file on PostgreSQL too (server-postgres).
  if (process.env.DATABASE_URL) it('takes the number at the very end: a case whose transaction is still open does not hold up the next one of its prefix', async () => {
    const cases = new CaseService(backend.db, new DefinitionStore(backend.db));
    const definition = await cases.definition(VALID_FAULT_REPORT.serviceId, VALID_FAULT_REPORT.serviceVersion, 'sv');
    const input = () => ({ definition, values: { ...VALID_FAULT_REPORT.answers }, lang: 'sv' as const, idempotencyKey: newKey(), requestHash: 'test' });

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let recording!: () => void;
    const inside = new Promise<void>((resolve) => (recording = resolve));
    const slowInput = input();
    // The first case stops in the middle of its transaction, its row written, until released.
    const slow = cases.create(slowInput, { record: async () => { recording(); await held; } });
    await inside;
    try {
      const quick = await Promise.race([
        cases.create(input()),
        new Promise<'held up'>((resolve) => setTimeout(() => resolve('held up'), 5_000)),
      ]);
      assert.notEqual(quick, 'held up', 'the second case is made while the first is still open');
      release();
      const first = (await slow)!.response.receipt.caseNumber;
      const second = (quick as Awaited<ReturnType<CaseService['create']>>)!.response.receipt.caseNumber;
      assert.equal(serial(first), serial(second) + 1, 'numbered in the order they were finished, with no gap');
      const replayed = await cases.replay(idempotencyScope(undefined), slowInput.idempotencyKey, 'test', 'sv');
      assert.equal(replayed?.receipt.caseNumber, first, 'a retry gets the number too');
    } finally {
      release();
      await slow.catch(() => undefined);
    }
  });
});
