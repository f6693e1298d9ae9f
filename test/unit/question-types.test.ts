import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ServiceDefinition } from '../../src/contract/definition.js';
import { errorMessage } from '../../src/forms/messages.js';
import { parseTime } from '../../src/forms/conditions.js';
import { parseOrganisationsnummer, parsePersonnummer, parsePhone, parsePostalCode } from '../../src/forms/swedish.js';
import { validateAnswers } from '../../src/forms/validate.js';
import { loadLanguage } from '../../src/i18n/index.js';

const TODAY = '2026-11-24';
const text = (sv: string, en = sv) => ({ sv, en });

/** A definition with one question of each kind, to check each kind's rules. */
const definition = ServiceDefinition.parse({
  schemaVersion: 1, id: 'alla-fragor', version: 1,
  municipality: { id: 'exempelby', name: text('Exempelby kommun', 'Exempelby Municipality') },
  title: text('Alla frågor', 'All questions'), description: text('Test'), contact: { text: text('Kontakt') },
  login: 'none', caseNumberPrefix: 'TST', receipt: { title: text('Tack'), text: text('Tack') },
  retention: { closedCaseDays: 30, draftDays: 30 },
  steps: [{
    id: 'steg', title: text('Steg'),
    fields: [
      { id: 'antal', type: 'number', label: text('Antal barn', 'Number of children'), min: 1, max: 10, required: false },
      { id: 'avstand', type: 'number', label: text('Avstånd', 'Distance'), decimals: 1, required: false },
      { id: 'telefon', type: 'phone', label: text('Telefon'), required: false },
      { id: 'pnr', type: 'personnummer', label: text('Personnummer'), required: false },
      { id: 'pnrUtanSam', type: 'personnummer', label: text('Personnummer'), allowSamordningsnummer: false, required: false },
      { id: 'postnr', type: 'postalCode', label: text('Postnummer'), required: false },
      { id: 'orgnr', type: 'organisationsnummer', label: text('Organisationsnummer'), required: false },
      { id: 'firma', type: 'organisationsnummer', label: text('Företagets nummer'), allowPersonnummer: true, required: false },
      { id: 'oppnar', type: 'time', label: text('Öppnar', 'Opens'), min: '07:00', max: '22:00', required: false },
      { id: 'stanger', type: 'time', label: text('Stänger', 'Closes'), required: false,
        rules: [{ holds: { field: 'stanger', onOrAfter: { field: 'oppnar' } }, message: text('Stängningstiden kan inte vara före öppningstiden', 'The closing time cannot be before the opening time') }] },
      { id: 'fastighet', type: 'text', label: text('Fastighetsbeteckning', 'Property designation'), required: false,
        pattern: { regex: '\\p{Lu}[\\p{L} ]* \\p{L}+ \\d+:\\d+', message: text('Skriv som Exempelby Ängen 1:23', 'Write it like Exempelby Ängen 1:23') } },
      { id: 'start', type: 'date', label: text('Startdatum', 'Start date'), minDaysFromToday: 0, maxDaysFromToday: 365, required: false },
      { id: 'samtycke', type: 'yesNo', label: text('Samtycke') , required: false },
      { id: 'intygar', type: 'checkbox', label: text('Jag intygar', 'I confirm') },
      { id: 'hjalpmedel', type: 'checkboxGroup', label: text('Hjälpmedel', 'Aids'), maxSelected: 2, required: false,
        options: [{ value: 'rollator', label: text('Rollator') }, { value: 'rullstol', label: text('Rullstol') }, { value: 'annat', label: text('Annat') }] },
      { id: 'intyg', type: 'file', label: text('Intyg', 'Certificate'), maxFiles: 2, required: false },
      { id: 'info', type: 'info', text: text('Läs detta.') },
      { id: 'adress', type: 'address', label: text('Adress', 'Address'), required: false },
      { id: 'allergier', type: 'group', label: text('Allergier', 'Allergies'), itemLabel: text('Allergi', 'Allergy'), maxItems: 2, required: false,
        fields: [
          { id: 'vad', type: 'select', label: text('Vad?', 'What?'), options: [{ value: 'notter', label: text('Nötter') }, { value: 'annat', label: text('Annat') }] },
          { id: 'beskriv', type: 'text', label: text('Beskriv', 'Describe'), visibleWhen: { field: 'vad', equals: 'annat' } },
        ] },
    ],
  }],
});

const base = { intygar: true };
const check = (answers: Record<string, unknown>) => validateAnswers(definition, { ...base, ...answers } as never, { today: TODAY });
const codes = (answers: Record<string, unknown>) => check(answers).errors.map((e) => `${e.path}:${e.code}`);

describe('Swedish formats', () => {
  it('reads a personnummer with or without hyphen and checks date and check digit', () => {
    assert.deepEqual(parsePersonnummer('19121212-1212'), { ok: true, value: '19121212-1212', samordningsnummer: false, birthDate: '1912-12-12' });
    assert.equal(parsePersonnummer('191212121212').ok, true);
    assert.deepEqual(parsePersonnummer('19121212-1213'), { ok: false, reason: 'checksum' });
    assert.deepEqual(parsePersonnummer('19121312-1212'), { ok: false, reason: 'date' });
    assert.deepEqual(parsePersonnummer('121212-1212'), { ok: false, reason: 'format' });
  });

  it('recognises a samordningsnummer (day + 60)', () => {
    const result = parsePersonnummer('19121272-1219');
    assert.equal(result.ok && result.samordningsnummer, true);
    assert.equal(result.ok && result.birthDate, '1912-12-12');
  });

  it('reads Swedish phone numbers as people write them', () => {
    for (const [input, expected] of [['070-123 45 67', '0701234567'], ['+46 70 123 45 67', '0701234567'], ['08-123 456 78', '0812345678'], ['0046 8 1234567', '081234567']] as const) {
      assert.equal(parsePhone(input), expected, input);
    }
    for (const bad of ['123', '070-123 45 67 89 00', '+47 123 45 678', 'ring mig']) assert.equal(parsePhone(bad), undefined, bad);
  });

  it('reads postal codes with or without the space', () => {
    assert.equal(parsePostalCode('12345'), '123 45');
    assert.equal(parsePostalCode('123 45'), '123 45');
    assert.equal(parsePostalCode('01234'), undefined);
    assert.equal(parsePostalCode('1234'), undefined);
  });
});

describe('organisationsnummer and time of day', () => {
  it('reads an organisationsnummer in its ten-digit and 16-prefixed forms, and checks its check digit', () => {
    assert.deepEqual(parseOrganisationsnummer('802456-1238'), { ok: true, value: '802456-1238', soleTrader: false });
    assert.deepEqual(parseOrganisationsnummer('16 8024561238'), { ok: true, value: '802456-1238', soleTrader: false });
    assert.deepEqual(parseOrganisationsnummer('802456-1234'), { ok: false, reason: 'checksum' });
    assert.deepEqual(parseOrganisationsnummer('556'), { ok: false, reason: 'format' });
    // The third digit of a legal person's number is 2 or more: 19121212… is a person, not a company.
    assert.deepEqual(parseOrganisationsnummer('121212-1212'), { ok: false, reason: 'format' });
  });

  it('takes a sole trader\'s personnummer only where the question allows it', () => {
    assert.deepEqual(parseOrganisationsnummer('19121212-1212'), { ok: false, reason: 'personnummer' });
    assert.deepEqual(parseOrganisationsnummer('19121212-1212', true), { ok: true, value: '19121212-1212', soleTrader: true });
    assert.deepEqual(parseOrganisationsnummer('19121212-1213', true), { ok: false, reason: 'checksum' });
  });

  it('reads a time of day as people type it', () => {
    assert.deepEqual(['14:30', '1430', '14.30', '9:05', ' 7:45 ', '24:00', '12:60', 'kväll'].map(parseTime),
      ['14:30', '14:30', '14:30', '09:05', '07:45', undefined, undefined, undefined]);
  });

  it('checks them as questions: normalised, limits, and a pattern\'s own message', () => {
    assert.deepEqual(check({ orgnr: '8024561238', firma: '191212121212', oppnar: '730', fastighet: 'Exempelby Ängen 1:23' }).values,
      { intygar: true, orgnr: '802456-1238', firma: '19121212-1212', oppnar: '07:30', fastighet: 'Exempelby Ängen 1:23' });
    assert.deepEqual(codes({ orgnr: '802456-1234', firma: '1234', oppnar: '06:59', fastighet: 'Ängen 1:23' }),
      ['orgnr:organisationsnummerChecksum', 'firma:organisationsnummer', 'oppnar:timeMin', 'fastighet:pattern']);
    assert.deepEqual(codes({ orgnr: '19121212-1212', oppnar: '22:01' }), ['orgnr:organisationsnummerPerson', 'oppnar:timeMax']);
    assert.deepEqual(codes({ oppnar: 'kväll' }), ['oppnar:time']);
  });

  it('checks a question\'s own rules once it is answered, with their own messages, and only then', () => {
    assert.deepEqual(codes({ oppnar: '11:00', stanger: '10:30' }), ['stanger:rule']);
    assert.deepEqual(check({ oppnar: '11:00', stanger: '10:30' }).errors[0]!.params, { rule: 0 });
    assert.deepEqual(codes({ oppnar: '11:00', stanger: '2330' }), []);
    // Not answered, or not a time at all: its own type's error, not the rule's.
    assert.deepEqual(codes({ oppnar: '11:00' }), []);
    assert.deepEqual(codes({ oppnar: '11:00', stanger: 'sent' }), ['stanger:time']);
  });

  it('refuses a definition whose pattern is no regular expression', () => {
    const broken = structuredClone(definition) as { steps: { fields: { id: string; pattern?: { regex: string } }[] }[] };
    broken.steps[0]!.fields.find((field) => field.id === 'fastighet')!.pattern!.regex = '([a-z';
    const result = ServiceDefinition.safeParse(broken);
    assert.equal(result.success, false);
    assert.match(JSON.stringify(result.error!.issues), /regular expression/);
  });
});

describe('each question type', () => {
  it('number: Swedish decimal comma, whole numbers, limits', () => {
    assert.deepEqual(check({ antal: '3', avstand: '2,5' }).values, { ...base, antal: 3, avstand: 2.5 });
    assert.deepEqual(codes({ antal: '2,5' }), ['antal:wholeNumber']);
    assert.deepEqual(codes({ avstand: '2,55' }), ['avstand:decimals']);
    assert.deepEqual(codes({ antal: '0' }), ['antal:min']);
    assert.deepEqual(codes({ antal: 11 }), ['antal:max']);
    assert.deepEqual(codes({ antal: 'tre' }), ['antal:number']);
  });

  it('personnummer: normalised, and a samordningsnummer refused where not allowed', () => {
    assert.equal(check({ pnr: '191212121212' }).values.pnr, '19121212-1212');
    assert.deepEqual(codes({ pnr: '19121272-1219' }), []);
    assert.deepEqual(codes({ pnrUtanSam: '19121272-1219' }), ['pnrUtanSam:samordningsnummer']);
    assert.deepEqual(codes({ pnr: '1912121212' }), ['pnr:personnummer']);
  });

  it('phone and postal code are stored in one form', () => {
    assert.deepEqual(check({ telefon: '070-123 45 67', postnr: '12345' }).values, { ...base, telefon: '0701234567', postnr: '123 45' });
  });

  it('date: a real date within the days allowed from today', () => {
    assert.deepEqual(codes({ start: '2026-11-24' }), []);
    assert.deepEqual(codes({ start: '2026-11-23' }), ['start:dateMin']);
    assert.deepEqual(codes({ start: '2027-11-25' }), ['start:dateMax']);
    assert.deepEqual(codes({ start: '2026-02-30' }), ['start:date']);
    assert.deepEqual(codes({ start: '24/11/2026' }), ['start:date']);
  });

  it('yes/no takes a boolean, and "no" is an answer', () => {
    assert.equal(check({ samtycke: false }).values.samtycke, false);
    assert.deepEqual(codes({ samtycke: 'ja' }), ['samtycke:type']);
  });

  it('a required checkbox must be ticked', () => {
    assert.deepEqual(codes({ intygar: false }), ['intygar:required']);
    assert.deepEqual(codes({ intygar: undefined }), ['intygar:required']);
  });

  it('checkbox group: only offered options, at most the maximum, kept in the order offered', () => {
    assert.deepEqual(check({ hjalpmedel: ['rullstol', 'rollator'] }).values.hjalpmedel, ['rollator', 'rullstol']);
    assert.deepEqual(codes({ hjalpmedel: ['rollator', 'rullstol', 'annat'] }), ['hjalpmedel:maxSelected']);
    assert.deepEqual(codes({ hjalpmedel: ['skateboard'] }), ['hjalpmedel:option']);
  });

  it('file: a list of attachment ids, at most maxFiles', () => {
    const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    assert.deepEqual(codes({ intyg: [id(1), id(2)] }), []);
    assert.deepEqual(codes({ intyg: [id(1), id(2), id(3)] }), ['intyg:maxFiles']);
    assert.deepEqual(codes({ intyg: ['../etc/passwd'] }), ['intyg:type']);
  });

  it('address: each part named when missing, the postal code checked', () => {
    assert.deepEqual(check({ adress: { street: 'Storgatan 1', postalCode: '12345', city: 'Exempelby' } }).values.adress, { street: 'Storgatan 1', postalCode: '123 45', city: 'Exempelby' });
    assert.deepEqual(codes({ adress: { street: 'Storgatan 1', postalCode: '1', city: '' } }), ['adress.postalCode:postalCode', 'adress.city:required']);
  });

  it('repeating group: each item checked with its own conditions, and the count limited', () => {
    const ok = check({ allergier: [{ vad: 'notter' }, { vad: 'annat', beskriv: 'Kiwi' }] });
    assert.deepEqual(ok.errors, []);
    assert.deepEqual(ok.values.allergier, [{ vad: 'notter' }, { vad: 'annat', beskriv: 'Kiwi' }]);
    // "beskriv" is hidden in the first item, so its answer there is dropped.
    assert.deepEqual(check({ allergier: [{ vad: 'notter', beskriv: 'x' }] }).values.allergier, [{ vad: 'notter' }]);
    assert.deepEqual(codes({ allergier: [{ vad: 'annat' }] }), ['allergier.0.beskriv:required']);
    assert.deepEqual(codes({ allergier: [{ vad: 'notter' }, { vad: 'notter' }, { vad: 'notter' }] }), ['allergier:maxItems']);
    assert.deepEqual(codes({ allergier: [{ vad: 'notter', ukulele: 1 }] }), ['allergier.0.ukulele:unknownField']);
  });

  it('information text takes no answer', () => {
    assert.deepEqual(codes({ info: 'x' }), []);
    assert.equal('info' in check({ info: 'x' }).values, false);
  });
});

describe('messages for each type', () => {
  // English is loaded when first needed (the server loads it at start).
  before(() => loadLanguage('en'));
  const message = (path: string, code: string, params = {}, lang: 'sv' | 'en' = 'sv') =>
    errorMessage({ path, code: code as never, params }, definition, lang);

  it('say what to fix, in Swedish and English', () => {
    assert.equal(message('pnr', 'personnummer'), 'Skriv ett personnummer med 12 siffror, till exempel 19900101-1234');
    assert.equal(message('pnr', 'personnummer', {}, 'en'), 'Enter a personal identity number with 12 digits, like 19900101-1234');
    assert.equal(message('antal', 'min', { min: 1 }), '”Antal barn” ska vara 1 eller mer');
    assert.equal(message('start', 'dateMin', { date: '2026-11-24' }, 'en'), '“Start date” must be 2026-11-24 or later');
    assert.equal(message('intygar', 'required', {}, 'en'), 'Tick the box “I confirm” to continue');
    assert.equal(message('adress.city', 'required'), 'Fyll i postort');
    assert.equal(message('orgnr', 'organisationsnummer'), 'Skriv ett organisationsnummer med tio siffror, till exempel 556677-8899');
    assert.equal(message('orgnr', 'organisationsnummerPerson', {}, 'en'), 'Enter the company’s organisation number, not a personal identity number');
    assert.equal(message('oppnar', 'timeMin', { time: '07:00' }), '”Öppnar” får vara tidigast 07:00');
    assert.equal(message('oppnar', 'time', {}, 'en'), 'Enter “Opens” as hours and minutes, like 14:30');
    assert.equal(message('fastighet', 'pattern'), 'Skriv som Exempelby Ängen 1:23');
    assert.equal(message('fastighet', 'pattern', {}, 'en'), 'Write it like Exempelby Ängen 1:23');
    assert.equal(message('stanger', 'rule', { rule: 0 }), 'Stängningstiden kan inte vara före öppningstiden');
    assert.equal(message('stanger', 'rule', { rule: 0 }, 'en'), 'The closing time cannot be before the opening time');
  });

  it('name the item of a repeating group', () => {
    assert.equal(message('allergier.1.beskriv', 'required'), 'Allergi 2: Fyll i ”Beskriv”');
    assert.equal(message('allergier.0.vad', 'required', {}, 'en'), 'Allergy 1: Select an option for “What?”');
  });
});
