import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Answers } from '../../src/contract/cases.js';
import { ServiceDefinition, type Field } from '../../src/contract/definition.js';
import { formatAnswer } from '../../src/elements/e-service-form/review.js';
import { countsAsOne } from '../../src/i18n/index.js';
import bostadsanpassningJson from '../../server/demo-services/bostadsanpassning.json' with { type: 'json' };
import forskoleplatsJson from '../../server/demo-services/forskoleplats.json' with { type: 'json' };

/**
 * A number's unit among the answers (the review page, <my-cases>, <cosign-status>): "1 person" and
 * "2 personer", as the definition's `unit` and `unitOne` say.
 */

const field = (definition: unknown, id: string): Field => {
  const found = ServiceDefinition.parse(definition).steps.flatMap((step) => step.fields).find((candidate) => candidate.id === id);
  assert.ok(found, `no question ${id}`);
  return found;
};
const shown = (f: Field, value: Answers[string], lang: 'sv' | 'en') => formatAnswer(f, value, lang, (id) => id);

describe('a number with a unit among the answers', () => {
  it('says one person in the singular and more in the plural, in Swedish and English (bostadsanpassning)', () => {
    const household = field(bostadsanpassningJson, 'householdSize');
    assert.equal(shown(household, '1', 'sv'), '1 person');
    assert.equal(shown(household, '2', 'sv'), '2 personer');
    assert.equal(shown(household, '1', 'en'), '1 person');
    assert.equal(shown(household, '2', 'en'), '2 people');
    // An answer stored as a number reads the same.
    assert.equal(shown(household, 1, 'sv'), '1 person');
    assert.equal(shown(household, 12, 'en'), '12 people');
  });

  it('takes the plural for 0, for decimals and for 11 or 21 (förskoleplats: timme, timmar)', () => {
    const hours = field(forskoleplatsJson, 'hoursPerWeek');
    assert.equal(shown(hours, '1', 'sv'), '1 timme');
    assert.equal(shown(hours, '1', 'en'), '1 hour');
    for (const value of ['0', '1,5', '1,0', '11', '21', '40']) {
      assert.equal(shown(hours, value, 'sv'), `${value} timmar`);
      assert.equal(shown(hours, value, 'en'), `${value} hours`);
    }
  });

  it('keeps `unit` for every count when a definition has no `unitOne` (as before)', () => {
    const distance: Field = { id: 'distance', type: 'number', label: { sv: 'Avstånd', en: 'Distance' }, unit: { sv: 'km', en: 'km' } };
    assert.equal(shown(distance, '1', 'sv'), '1 km');
    assert.equal(shown(distance, '3', 'en'), '3 km');
  });
});

describe('countsAsOne', () => {
  it('is 1 as written, in Swedish and English', () => {
    for (const lang of ['sv', 'en'] as const) {
      assert.deepEqual(['1', 1, ' 1 ', '-1'].map((n) => countsAsOne(lang, n)), [true, true, true, true]);
      assert.deepEqual(['0', '2', '1,0', '1.5', '0,5', '', 'ett'].map((n) => countsAsOne(lang, n)), [false, false, false, false, false, false, false]);
    }
  });
});
