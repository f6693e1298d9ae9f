import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ServiceDefinition } from '../../src/contract/definition.js';
import { evaluate } from '../../src/forms/conditions.js';
import { activeWarnings, endingOutcome } from '../../src/forms/outcomes.js';
import { validateAnswers } from '../../src/forms/validate.js';
import { viewForm } from '../../src/forms/visibility.js';

const text = (sv: string, en = sv) => ({ sv, en });

/** A heat-pump notice: a warning on a short distance to the well, and the form ends for a pump over 100 kW. */
const HEAT_PUMP = {
  schemaVersion: 1, id: 'varmepump', version: 1,
  municipality: { id: 'exempelby', name: text('Exempelby kommun') },
  title: text('Anmälan om värmepump', 'Heat pump notice'), description: text('Test'), contact: { text: text('Kontakt') },
  login: 'none', caseNumberPrefix: 'VP', receipt: { title: text('Tack'), text: text('Tack') },
  retention: { closedCaseDays: 30, draftDays: 30 },
  outcomes: [{
    when: { field: 'effekt', greaterThan: 100 },
    title: text('Anläggningen kräver tillstånd', 'The installation needs a permit'),
    text: text('En värmepump på mer än 100 kW anmäls inte här.', 'A heat pump of more than 100 kW is not notified here.'),
  }],
  steps: [{
    id: 'pump', title: text('Värmepumpen'),
    fields: [
      { id: 'effekt', type: 'number', label: text('Effekt', 'Output'), unit: text('kW') },
      { id: 'brunn', type: 'number', label: text('Avstånd till närmaste brunn', 'Distance to the nearest well'), unit: text('m'),
        warnings: [{ when: { field: 'brunn', lessThan: 30 }, message: text('Avståndet till brunnen är kortare än 30 m – kontrollera att det stämmer', 'The distance to the well is less than 30 m – check that it is right') }] },
    ],
  }],
};
const definition = ServiceDefinition.parse(HEAT_PUMP);
const holdsFor = (answers: Record<string, unknown>) => {
  const view = viewForm(definition, answers as never);
  return { view, holds: (condition: Parameters<typeof evaluate>[0]) => evaluate(condition, view.lookup) };
};

describe('computed values', () => {
  const fixture = ServiceDefinition.parse(JSON.parse(readFileSync(new URL('../../server/demo-services/varmepump.json', import.meta.url), 'utf8')));
  const answers = { effekt: '12', borrhal: [{ djup: '120,5' }, { djup: '80' }, {}], brunn: '40', fastighet: 'Exempelby Ängen 1:23' };

  it('sums a number question over a repeating group, counts its items, and keeps both with the answers', () => {
    const view = viewForm(fixture, answers as never);
    assert.equal(view.lookup('totaltDjup'), 200.5);
    assert.equal(view.lookup('antalBorrhal'), 3);
    const { values, errors } = validateAnswers(fixture, { ...answers, borrhal: [{ djup: '120,5' }, { djup: '80' }] } as never);
    assert.deepEqual(errors, []);
    assert.deepEqual([values.totaltDjup, values.antalBorrhal], [200.5, 2]);
  });

  it('is read by conditions as an answer is: over 800 m in all ends the form', () => {
    const deep = { ...answers, borrhal: [{ djup: '400' }, { djup: '400' }, { djup: '1' }] };
    const view = viewForm(fixture, deep as never);
    assert.equal(endingOutcome(fixture, (condition) => evaluate(condition, view.lookup))?.title.sv, 'Borrningen kräver tillstånd');
  });

  it('is never taken from what the browser sends', () => {
    const { errors } = validateAnswers(fixture, { ...answers, totaltDjup: 5 } as never);
    assert.deepEqual(errors.map((error) => `${error.path}:${error.code}`), ['borrhal.2.djup:required', 'totaltDjup:unknownField']);
  });

  it('refuses a computed value that names no repeating group, sums no number question, or takes a question\'s id', () => {
    const raw = JSON.parse(readFileSync(new URL('../../server/demo-services/varmepump.json', import.meta.url), 'utf8'));
    for (const computed of [
      { id: 'x', label: text('X'), sum: { group: 'effekt', field: 'djup' } },
      { id: 'x', label: text('X'), sum: { group: 'borrhal', field: 'nowhere' } },
      { id: 'x', label: text('X'), count: 'borrhal', sum: { group: 'borrhal', field: 'djup' } },
      { id: 'effekt', label: text('X'), count: 'borrhal' },
    ]) {
      const result = ServiceDefinition.safeParse({ ...raw, computed: [computed] });
      assert.equal(result.success, false, JSON.stringify(computed));
    }
  });
});

describe('warnings and outcomes', () => {
  it('warns beside an answer that meets its warning, without making the answers invalid', () => {
    const { view, holds } = holdsFor({ effekt: '12', brunn: '25' });
    assert.deepEqual(activeWarnings(view, holds), { brunn: HEAT_PUMP.steps[0]!.fields[1]!.warnings![0]!.message });
    assert.deepEqual(validateAnswers(definition, { effekt: '12', brunn: '25' }).errors, []);
    assert.deepEqual(activeWarnings(...Object.values(holdsFor({ effekt: '12', brunn: '45' })) as [never, never]), {});
  });

  it('ends the form with the outcome whose condition holds, and only then', () => {
    assert.equal(endingOutcome(definition, holdsFor({ effekt: '150' }).holds)?.title.sv, 'Anläggningen kräver tillstånd');
    assert.equal(endingOutcome(definition, holdsFor({ effekt: '100' }).holds), undefined);
  });

  it('refuses an outcome or a warning that names a question the definition does not have, inside a repeating group too', () => {
    const unknownOutcome = { ...HEAT_PUMP, outcomes: [{ ...HEAT_PUMP.outcomes[0]!, when: { field: 'nowhere', equals: true } }] };
    assert.equal(ServiceDefinition.safeParse(unknownOutcome).success, false);
    const inGroup = withWells({ field: 'nowhere', lessThan: 5 });
    const result = ServiceDefinition.safeParse(inGroup);
    assert.equal(result.success, false);
    assert.match(JSON.stringify(result.error!.issues), /every condition must name a question/);
  });
});

/** The heat-pump notice with a repeating group of wells, each warned of when shallow (`when` over the item's answers). */
function withWells(when: unknown) {
  const definition = structuredClone(HEAT_PUMP) as typeof HEAT_PUMP & { steps: { fields: unknown[] }[] };
  definition.steps[0]!.fields.push({
    id: 'brunnar', type: 'group', label: text('Brunnar'), itemLabel: text('Brunn'), required: false,
    fields: [
      { id: 'grav', type: 'yesNo', label: text('Grävd brunn?') },
      { id: 'djup', type: 'number', label: text('Djup'), visibleWhen: { field: 'grav', equals: false },
        warnings: [{ when, message: text('Grund brunn', 'Shallow well') }, { when: { field: 'djup', lessThan: 10 }, message: text('Ganska grund') }] },
    ],
  });
  return definition;
}

describe('warnings inside a repeating group', () => {
  const wells = ServiceDefinition.parse(withWells({ all: [{ field: 'djup', lessThan: 5 }, { field: 'effekt', lessThan: 50 }] }));
  const warnings = (answers: Record<string, unknown>) => {
    const view = viewForm(wells, answers as never);
    return Object.fromEntries(Object.entries(activeWarnings(view, (condition, lookup = view.lookup) => evaluate(condition, lookup))).map(([path, message]) => [path, message.sv]));
  };

  it('warns beside each item\'s own answer, by its path, over that item\'s answers (and the form\'s)', () => {
    const answers = { effekt: '12', brunn: '40', brunnar: [{ grav: false, djup: '3' }, { grav: false, djup: '30' }, { grav: false, djup: '8' }] };
    assert.deepEqual(warnings(answers), { 'brunnar.0.djup': 'Grund brunn', 'brunnar.2.djup': 'Ganska grund' });
    // The condition also reads the form's questions: a bigger pump, and the first item meets only the second warning.
    assert.deepEqual(warnings({ ...answers, effekt: '60' }), { 'brunnar.0.djup': 'Ganska grund', 'brunnar.2.djup': 'Ganska grund' });
    assert.deepEqual(validateAnswers(wells, answers).errors, [], 'a warning does not make the answers invalid');
  });

  it('says nothing of a question hidden in its item, or of a hidden group, and goes with the top-level warnings', () => {
    assert.deepEqual(warnings({ effekt: '12', brunn: '25', brunnar: [{ grav: true, djup: '3' }, { grav: false, djup: '3' }] }), {
      brunn: 'Avståndet till brunnen är kortare än 30 m – kontrollera att det stämmer', 'brunnar.1.djup': 'Grund brunn',
    });
    const hiddenGroup = ServiceDefinition.parse({ ...withWells({ field: 'djup', lessThan: 5 }), steps: withWells({ field: 'djup', lessThan: 5 }).steps.map((step) => ({
      ...step, fields: step.fields.map((field) => ((field as { id: string }).id === 'brunnar' ? { ...(field as object), visibleWhen: { field: 'effekt', lessThan: 5 } } : field)),
    })) });
    const view = viewForm(hiddenGroup, { effekt: '12', brunnar: [{ grav: false, djup: '3' }] } as never);
    assert.deepEqual(activeWarnings(view, (condition, lookup = view.lookup) => evaluate(condition, lookup)), {});
  });
});
