import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerSections } from '../../server/documents/answer-rows.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import { formatPersonnummer } from '../../src/contract/personnummer.js';
import { formatAnswer } from '../../src/elements/e-service-form/review.js';
import { answerText } from '../../src/forms/answer-text.js';
import { computedText } from '../../src/forms/outcomes.js';
import { validateAnswers } from '../../src/forms/validate.js';
import { loadLanguage } from '../../src/i18n/index.js';

/**
 * One plain-text formatter (src/forms/answer-text.ts) for every reader of an answer: the review in the browser and
 * the case's PDF on the server word a date, a choice, a time, an organisationsnummer, a personnummer, a child and a
 * number alike — the review from the answers the form engine keeps, the PDF from those the server stored.
 */
const text = (sv: string, en = sv) => ({ sv, en });
const DEFINITION = ServiceDefinition.parse({
  schemaVersion: 1, id: 'format', version: 1,
  municipality: { id: 'exempelby', name: text('Exempelby kommun') },
  title: text('Format'), description: text('Test'), contact: { text: text('Kontakt') },
  login: 'required', caseNumberPrefix: 'FMT', receipt: { title: text('Tack'), text: text('Tack') },
  retention: { closedCaseDays: 30, draftDays: 30 },
  steps: [{
    id: 'allt', title: text('Allt', 'All'),
    fields: [
      { id: 'datum', type: 'date', label: text('Datum', 'Date') },
      { id: 'val', type: 'radio', label: text('Val', 'Choice'), options: [{ value: 'buss', label: text('Med buss', 'By bus') }, { value: 'taxi', label: text('Med taxi', 'By taxi') }] },
      { id: 'tid', type: 'time', label: text('Tid', 'Time') },
      { id: 'orgnr', type: 'organisationsnummer', label: text('Organisationsnummer', 'Company number') },
      { id: 'pnr', type: 'personnummer', label: text('Personnummer', 'Personal number') },
      { id: 'barn', type: 'child', label: text('Barn', 'Child') },
      { id: 'djup', type: 'number', label: text('Djup', 'Depth'), unit: text('m'), decimals: 1 },
      { id: 'ja', type: 'yesNo', label: text('Ja?', 'Yes?') },
    ],
  }],
});
/** As a citizen types them: the form engine keeps each in its one written form. */
const TYPED = { datum: '20270315', val: 'buss', tid: '1830', orgnr: '8024561238', pnr: '198001012387', barn: '201605120243', djup: '12,5', ja: false };

describe('one plain-text formatter for the review and the PDF', () => {
  it('words each kind of answer the same on the review and in the PDF, in Swedish and English', async () => {
    await loadLanguage('en');
    const { values, errors } = validateAnswers(DEFINITION, TYPED);
    assert.deepEqual(errors, []);
    for (const lang of ['sv', 'en'] as const) {
      const [section] = answerSections(DEFINITION, values, lang, 'applicant', { fileName: () => undefined, childName: () => undefined });
      const inPdf = Object.fromEntries(section!.rows.map((row) => [row.id, row.answer.kind === 'lines' ? row.answer.lines.join('\n') : row.answer]));
      const onReview = Object.fromEntries(DEFINITION.steps[0]!.fields.map((field) => [field.id, formatAnswer(field, values[field.id], lang, (id) => id)]));
      assert.deepEqual(onReview, inPdf, lang);
    }
    const [section] = answerSections(DEFINITION, values, 'sv', 'applicant', { fileName: () => undefined, childName: () => undefined });
    assert.deepEqual(section!.rows.map((row) => row.answer), [
      '2027-03-15', 'Med buss', '18:30', '802456-1238', '19800101-2387', '20160512-0243', '12,5 m', 'Nej',
    ].map((line) => ({ kind: 'lines', lines: [line] })));
  });

  it('names a child by name where it is known, else by its personnummer as people write it', () => {
    const child = DEFINITION.steps[0]!.fields.find((field) => field.id === 'barn')!;
    assert.deepEqual(answerText(child, '201605120243', { lang: 'sv', fileName: () => undefined, childName: () => 'Maja' }), { kind: 'lines', lines: ['Maja'] });
  });

  it('writes a computed value with its unit, the number as the language writes it', () => {
    const total = { id: 'total', label: text('Totalt'), unit: text('m'), sum: { group: 'g', field: 'f' } };
    assert.equal(computedText(total, 440.5, 'sv'), '440,5 m');
    assert.equal(computedText(total, 440.5, 'en'), '440.5 m');
    assert.equal(computedText({ id: 'n', label: text('Antal'), count: 'g' }, 2, 'sv'), '2');
    assert.equal(computedText(total, undefined, 'sv'), '0 m');
  });
});

describe('formatPersonnummer', () => {
  it('writes twelve digits as ÅÅÅÅMMDD-NNNN and leaves anything else as it is', () => {
    assert.equal(formatPersonnummer('198001012387'), '19800101-2387');
    assert.equal(formatPersonnummer('19800101-2387'), '19800101-2387');
    assert.equal(formatPersonnummer('DE:8976543432'), 'DE:8976543432');
    assert.equal(formatPersonnummer('8001012387'), '8001012387');
  });
});
