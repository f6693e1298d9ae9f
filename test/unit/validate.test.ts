import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ServiceDefinition } from '../../src/contract/definition.js';
import { errorMessage } from '../../src/forms/messages.js';
import { validateAnswers } from '../../src/forms/validate.js';
import felanmalan from '../../server/demo-services/felanmalan.json' with { type: 'json' };
import { loadLanguage } from '../../src/i18n/index.js';

const definition = ServiceDefinition.parse(felanmalan);
const valid = { category: 'gata', place: 'Storgatan 12', description: 'Stort hål i asfalten', urgent: 'ja' };

describe('validateAnswers', () => {
  it('accepts a complete report and keeps the trimmed answers', () => {
    const { values, errors } = validateAnswers(definition, { ...valid, place: '  Storgatan 12 ', email: 'a.b@exempel.se' });
    assert.deepEqual(errors, []);
    assert.deepEqual(values, { ...valid, email: 'a.b@exempel.se' });
  });

  it('requires every question not marked optional, and only those', () => {
    const { errors } = validateAnswers(definition, {});
    assert.deepEqual(errors.map((e) => [e.path, e.code]), [
      ['category', 'required'], ['place', 'required'], ['description', 'required'], ['urgent', 'required'],
    ]);
  });

  it('treats blank text as unanswered', () => {
    const { errors } = validateAnswers(definition, { ...valid, place: ' \n\t ' });
    assert.deepEqual(errors.map((e) => [e.path, e.code]), [['place', 'required']]);
  });

  it('checks the e-mail address format', () => {
    for (const bad of ['anna', 'anna@', '@exempel.se', 'anna@exempel', 'anna andersson@exempel.se', 'anna@exempel..se']) {
      const { errors } = validateAnswers(definition, { ...valid, email: bad });
      assert.deepEqual(errors.map((e) => e.code), ['email'], bad);
    }
    for (const good of ['anna@exempel.se', 'anna.o-neill+kommun@post.exempel.se', 'åsa@exempelby.se']) {
      assert.deepEqual(validateAnswers(definition, { ...valid, email: good }).errors, [], good);
    }
  });

  it('counts characters as people see them when checking the maximum length', () => {
    const emoji = '🙂'.repeat(1000);
    assert.deepEqual(validateAnswers(definition, { ...valid, description: emoji }).errors, []);
    const { errors } = validateAnswers(definition, { ...valid, description: `${emoji}!` });
    assert.deepEqual(errors, [{ path: 'description', code: 'maxLength', params: { max: 1000, count: 1001 } }]);
  });

  it('refuses text the database cannot hold — a NUL, half a surrogate pair — with its own message, and keeps whole emoji', () => {
    for (const bad of ['a\u0000b', '\u0000', 'halv \ud83d', '\ude00 halv', '\ude00\ud83d']) {
      const { errors } = validateAnswers(definition, { ...valid, description: bad });
      assert.deepEqual(errors, [{ path: 'description', code: 'characters', params: {} }], JSON.stringify(bad));
    }
    assert.deepEqual(validateAnswers(definition, { ...valid, description: 'Lampan 💡 är släckt 🙂' }).errors, []);
    assert.equal(errorMessage({ path: 'description', code: 'characters', params: {} }, definition, 'sv'),
      '”Beskriv felet” innehåller ett tecken som inte kan sparas, till exempel ett osynligt styrtecken eller en halv emoji – ta bort det eller skriv texten igen');
  });

  it('accepts only the offered options of a choice', () => {
    const { errors } = validateAnswers(definition, { ...valid, category: 'Gatubelysning', urgent: 'kanske' });
    assert.deepEqual(errors.map((e) => [e.path, e.code]), [['category', 'option'], ['urgent', 'option']]);
  });

  it('refuses answers of the wrong type and answers to questions not asked', () => {
    const { errors } = validateAnswers(definition, { ...valid, place: 12, extra: 'x' });
    assert.deepEqual(errors.map((e) => [e.path, e.code]), [['place', 'type'], ['extra', 'unknownField']]);
  });
});

describe('errorMessage', () => {
  // English is loaded when first needed (the server loads it at start).
  before(() => loadLanguage('en'));
  it('says what to fix, in Swedish and in English', () => {
    const error = { path: 'email', code: 'email' as const, params: {} };
    assert.equal(errorMessage(error, definition, 'sv'), 'Skriv en e-postadress i rätt format, till exempel namn@exempel.se');
    assert.equal(errorMessage(error, definition, 'en'), 'Enter an email address in the correct format, like name@example.com');
  });

  it("uses the definition's own message for a missing answer", () => {
    const error = { path: 'urgent', code: 'required' as const, params: {} };
    assert.equal(errorMessage(error, definition, 'sv'), 'Välj om det är farligt för någon just nu');
  });

  it('names the question and the limit when an answer is too long', () => {
    const error = { path: 'description', code: 'maxLength' as const, params: { max: 1000, count: 1204 } };
    assert.equal(errorMessage(error, definition, 'en'), '“Describe the fault” must be 1000 characters or fewer – you have entered 1204');
  });
});
