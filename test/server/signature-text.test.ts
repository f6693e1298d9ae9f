import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServiceDefinition } from '../../src/contract/definition.js';
import skolskjuts from '../../server/demo-services/skolskjuts.json' with { type: 'json' };
import { signingText } from '../../server/services/signature-text.js';

describe('what the BankID app shows when signing', () => {
  it('stays within BankID’s 1 500 characters of base64 however long the title, the municipality and the name', () => {
    const long = 'Ansökan om ärendehandläggning för åtgärder i äldreomsorgens boenden '.repeat(30);
    const definition = ServiceDefinition.parse({
      ...skolskjuts, title: { sv: long, en: long }, municipality: { ...skolskjuts.municipality, name: { sv: long, en: long } },
    });
    const text = signingText(definition, { personalNumber: '198001012387', name: `Åsa-Märta ${'Öberg-'.repeat(40)}` }, 'sv', new Date('2026-12-06T10:00:00Z'));
    assert.ok(Buffer.from(text).toString('base64').length <= 1500, `${Buffer.from(text).toString('base64').length} characters of base64`);
    assert.match(text, /^# Ansökan om ärendehandläggning .*…\n/, 'the title is clipped, with …');
    assert.match(text, /\(19800101-2387\)/, 'the personnummer is whole');
  });

  it('keeps a title of usual length whole', () => {
    const text = signingText(ServiceDefinition.parse(skolskjuts), { personalNumber: '198001012387', name: 'Anna Andersson' }, 'sv', new Date('2026-12-06T10:00:00Z'));
    assert.match(text, new RegExp(`^# ${skolskjuts.title.sv}\\n\\nExempelby kommun\\n\\nJag, Anna Andersson \\(19800101-2387\\)`));
  });
});
