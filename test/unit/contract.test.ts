import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServiceDefinition } from '../../src/contract/definition.js';
import { sv as svCore } from '../../src/i18n/messages.js';
import { en } from '../../src/i18n/messages.en.js';
import { svMyPages } from '../../src/i18n/messages.my-pages.js';

const catalogues = { sv: { ...svCore, ...svMyPages }, en };
import { readDemoDefinitions } from '../../server/services/definitions.js';
import felanmalan from '../../server/demo-services/felanmalan.json' with { type: 'json' };

describe('e-service definitions', () => {
  it('every demo e-service follows the contract', async () => {
    const definitions = await readDemoDefinitions();
    assert.ok(definitions.length >= 1);
    for (const definition of definitions) assert.equal(ServiceDefinition.safeParse(definition).success, true, definition.id);
  });

  it('refuses a definition with a missing English text, naming where', () => {
    const broken = structuredClone(felanmalan) as { steps: { fields: { label: { en?: string } }[] }[] };
    delete broken.steps[0]!.fields[1]!.label.en;
    const result = ServiceDefinition.safeParse(broken);
    assert.equal(result.success, false);
    assert.deepEqual(result.error!.issues[0]!.path, ['steps', 0, 'fields', 1, 'label', 'en']);
  });

  it('refuses two questions with the same id', () => {
    const broken = structuredClone(felanmalan);
    broken.steps[0]!.fields[1]!.id = 'category';
    const result = ServiceDefinition.safeParse(broken);
    assert.equal(result.success, false);
    assert.match(result.error!.issues[0]!.message, /unique/);
  });

  it('refuses an unknown question type', () => {
    const broken = structuredClone(felanmalan) as { steps: { fields: { type: string }[] }[] };
    broken.steps[0]!.fields[0]!.type = 'slider';
    assert.equal(ServiceDefinition.safeParse(broken).success, false);
  });
});

describe('the kit texts', () => {
  it('exist in Swedish and English for every key, with the same placeholders', () => {
    assert.deepEqual(Object.keys(catalogues.en).sort(), Object.keys(catalogues.sv).sort());
    for (const key of Object.keys(catalogues.sv) as (keyof typeof catalogues.sv)[]) {
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      assert.deepEqual(placeholders(catalogues.en[key]), placeholders(catalogues.sv[key]), key);
      assert.ok(catalogues.en[key].trim() && catalogues.sv[key].trim(), key);
    }
  });
});
