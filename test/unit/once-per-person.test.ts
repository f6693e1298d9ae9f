import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readDemoDefinitions } from '../../server/services/definitions.js';
import { limitAt } from '../../server/services/once-per-person-limit.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import felanmalan from '../../server/demo-services/felanmalan.json' with { type: 'json' };

/** The demo fault report with a login, a child question, and the onePerPerson setting given. */
function withSetting(onePerPerson: unknown, login = 'required'): unknown {
  const definition = structuredClone(felanmalan) as unknown as { login: string; steps: { fields: unknown[] }[] } & Record<string, unknown>;
  definition.login = login;
  definition.onePerPerson = onePerPerson;
  definition.steps[0]!.fields.unshift({ id: 'barn', type: 'child', label: { sv: 'Barn', en: 'Child' } });
  return definition;
}

/** What a municipality is told when its definition is refused at start: the file, then each problem on its line as "path: message". */
async function startRefusal(definition: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'esk-once-'));
  try {
    await writeFile(join(dir, 'tjanst.json'), JSON.stringify(definition));
    const refused = await readDemoDefinitions(dir).then(() => undefined, (error: Error) => error.message);
    assert.ok(refused, 'the definition is refused');
    assert.ok(refused.startsWith(`${join(dir, 'tjanst.json')} is not a valid e-service definition:\n  `), refused);
    return refused;
  } finally {
    await rm(dir, { recursive: true });
  }
}

describe('onePerPerson in a definition', () => {
  it('takes true, a month, a year, a round and a child question', () => {
    for (const setting of [true, false, { per: 'month' }, { per: 'year' }, { from: '2027-01-01', to: '2027-03-31' }, { from: '2027-01-01', to: '2027-01-01' }, { perChild: 'barn' }]) {
      const result = ServiceDefinition.safeParse(withSetting(setting));
      assert.equal(result.success, true, `${JSON.stringify(setting)}: ${JSON.stringify(result.error?.issues)}`);
    }
  });

  it('refuses a period word other than month or year, naming onePerPerson and the forms it takes', async () => {
    const message = await startRefusal(withSetting({ per: 'week' }));
    assert.match(message, /\n  onePerPerson: "per" is "month" or "year", not "week": one case per person is true, \{ "per": "month" \}/);
    assert.match(await startRefusal(withSetting({ per: 'month', perChild: 'barn' })), /\n  onePerPerson: one case per person is true, /, 'one form at a time');
    assert.match(await startRefusal(withSetting({ from: '2027-01-01' })), /\n  onePerPerson: one case per person is true, /, 'a round has both days');
  });

  it('refuses a round whose "to" is before its "from", or a day that does not exist', async () => {
    const result = ServiceDefinition.safeParse(withSetting({ from: '2027-03-31', to: '2027-01-01' }));
    assert.deepEqual(result.error?.issues.map((issue) => issue.path), [['onePerPerson', 'to']]);
    assert.match(await startRefusal(withSetting({ from: '2027-03-31', to: '2027-01-01' })), /\n  onePerPerson\.to: a round's "to" is on or after its "from"$/);
    assert.match(await startRefusal(withSetting({ from: '2027-02-01', to: '2027-02-30' })), /\n  onePerPerson\.to: a day written YYYY-MM-DD$/);
  });

  it('refuses perChild naming no child question of the definition', async () => {
    for (const perChild of ['place', 'finns-inte']) {
      const result = ServiceDefinition.safeParse(withSetting({ perChild }));
      assert.deepEqual(result.error?.issues.map((issue) => issue.path), [['onePerPerson', 'perChild']], perChild);
      assert.match(await startRefusal(withSetting({ perChild })), /\n  onePerPerson\.perChild: onePerPerson's perChild must name a child question/);
    }
  });

  it('still needs login "required" in every form', () => {
    for (const setting of [true, { per: 'month' }, { from: '2027-01-01', to: '2027-03-31' }]) {
      const definition = withSetting(setting, 'optional') as { steps: { fields: unknown[] }[] };
      definition.steps[0]!.fields.shift();
      const result = ServiceDefinition.safeParse(definition);
      assert.deepEqual(result.error?.issues.map((issue) => issue.path), [['login']], JSON.stringify(setting));
    }
  });
});

describe('the limit a case counts against', () => {
  it('a month and a year in Sweden\'s time, winter and summer', () => {
    assert.equal(limitAt({ per: 'month' }, new Date('2027-01-31T22:59:59Z'))?.key, 'month:2027-01', '23:59:59 CET');
    assert.equal(limitAt({ per: 'month' }, new Date('2027-01-31T23:00:00Z'))?.key, 'month:2027-02', '00:00 CET');
    assert.equal(limitAt({ per: 'month' }, new Date('2027-06-30T21:59:59Z'))?.key, 'month:2027-06', '23:59:59 CEST');
    assert.equal(limitAt({ per: 'month' }, new Date('2027-06-30T22:00:00Z'))?.key, 'month:2027-07', '00:00 CEST');
    assert.equal(limitAt({ per: 'year' }, new Date('2027-12-31T22:59:59Z'))?.key, 'year:2027');
    assert.equal(limitAt({ per: 'year' }, new Date('2027-12-31T23:00:00Z'))?.key, 'year:2028');
  });

  it('a round only on its days, both included; known by its first day', () => {
    const round = { from: '2027-01-01', to: '2027-03-31' };
    assert.equal(limitAt(round, new Date('2026-12-31T22:59:59Z')), undefined);
    assert.equal(limitAt(round, new Date('2026-12-31T23:00:00Z'))?.key, 'round:2027-01-01');
    assert.equal(limitAt(round, new Date('2027-03-31T21:59:59Z'))?.key, 'round:2027-01-01');
    assert.equal(limitAt(round, new Date('2027-03-31T22:00:00Z')), undefined);
    assert.deepEqual(limitAt(round, new Date('2027-02-01T12:00:00Z'))?.round, round);
  });

  it('a child by the personnummer answered; none named, no limit; true is the key every case had', () => {
    assert.equal(limitAt({ perChild: 'barn' }, new Date(), '201605120243')?.key, 'child:201605120243');
    assert.equal(limitAt({ perChild: 'barn' }, new Date(), undefined), undefined);
    assert.equal(limitAt({ perChild: 'barn' }, new Date(), 'Maja'), undefined);
    assert.deepEqual(limitAt(true, new Date()), { key: '', kind: 'once' });
    assert.equal(limitAt(false, new Date()), undefined);
    assert.equal(limitAt(undefined, new Date()), undefined);
  });
});
