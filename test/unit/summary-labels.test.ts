import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServiceDefinition, type Field, type GroupItemField } from '../../src/contract/definition.js';
import { questionLabel } from '../../src/elements/my-cases/answers.js';
import bostadsanpassningJson from '../../server/demo-services/bostadsanpassning.json' with { type: 'json' };
import felanmalanJson from '../../server/demo-services/felanmalan.json' with { type: 'json' };
import forskoleplatsJson from '../../server/demo-services/forskoleplats.json' with { type: 'json' };
import skolskjutsJson from '../../server/demo-services/skolskjuts.json' with { type: 'json' };
import specialkostJson from '../../server/demo-services/specialkost.json' with { type: 'json' };
import tomtkoJson from '../../server/demo-services/tomtko.json' with { type: 'json' };

/**
 * A question asked of the applicant ("Ditt telefonnummer", "Vill du…", "Jag intygar…") reads wrong
 * to anyone else — the other guardian who cosigns, the case officer: they would take "Ditt" for
 * their own. Every demo e-service gives such a question a `summaryLabel` that says whose it is.
 */

const SPEAKS_TO_THE_READER = {
  sv: /(^|[^\p{L}])(du|dig|din|ditt|dina|jag|mig|min|mitt|mina)(?![\p{L}])/iu,
  en: /(^|[^\p{L}])(you|your|yours|i|me|my)(?![\p{L}])/iu,
};

const DEMO = {
  bostadsanpassning: bostadsanpassningJson, felanmalan: felanmalanJson, forskoleplats: forskoleplatsJson,
  skolskjuts: skolskjutsJson, specialkost: specialkostJson, tomtko: tomtkoJson,
};

function questions(definition: ServiceDefinition): (Field | GroupItemField)[] {
  const all: (Field | GroupItemField)[] = [];
  for (const field of definition.steps.flatMap((step) => step.fields)) {
    all.push(field);
    if (field.type === 'group') all.push(...field.fields);
  }
  return all.filter((field) => field.type !== 'info');
}

describe('demo e-services: questions as someone other than the applicant reads them', () => {
  for (const [name, json] of Object.entries(DEMO)) {
    it(`${name}: every question that speaks to the applicant has a summaryLabel that does not`, () => {
      const definition = ServiceDefinition.parse(json);
      for (const field of questions(definition)) {
        for (const lang of ['sv', 'en'] as const) {
          const asked = questionLabel(field, lang, 'applicant');
          const read = questionLabel(field, lang, 'other');
          assert.ok(!SPEAKS_TO_THE_READER[lang].test(read), `${name}.${field.id} (${lang}) reads "${read}" to someone else`);
          if (SPEAKS_TO_THE_READER[lang].test(asked)) assert.notEqual(read, asked);
        }
      }
    });
  }

  it('reads specialkost’s contact questions to the other guardian as the notifying guardian’s, and asks the applicant as before', () => {
    const definition = ServiceDefinition.parse(specialkostJson);
    const field = (id: string) => questions(definition).find((candidate) => candidate.id === id)!;
    assert.equal(questionLabel(field('guardianPhone'), 'sv', 'applicant'), 'Ditt telefonnummer');
    assert.equal(questionLabel(field('guardianPhone'), 'sv', 'other'), 'Telefonnummer till vårdnadshavaren som gjorde anmälan');
    assert.equal(questionLabel(field('guardianEmail'), 'en', 'other'), 'Email address of the guardian who made the notification');
    // A question that already reads the same to everyone keeps its label.
    assert.equal(questionLabel(field('child'), 'sv', 'other'), 'Vilket barn gäller anmälan?');
  });
});
