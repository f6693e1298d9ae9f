import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SubmitCaseRequest } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import { SaveDraftRequest, SendMessageRequest } from '../../src/contract/my-pages.js';
import { INT_MAX, isStorableText } from '../../src/contract/storable.js';
import { sv as svCore } from '../../src/i18n/messages.js';
import { en } from '../../src/i18n/messages.en.js';
import { svBankId } from '../../src/i18n/messages.bankid.js';
import { svDrafts } from '../../src/i18n/messages.drafts.js';
import { svEid } from '../../src/i18n/messages.eid.js';
import { svBroker } from '../../src/i18n/messages.broker.js';
import { svPageLogin } from '../../src/i18n/messages.page-login.js';
import { svFiles } from '../../src/i18n/messages.files.js';
import { svRegister } from '../../src/i18n/messages.register.js';
import { svSigning } from '../../src/i18n/messages.signing.js';
import { svPayment } from '../../src/i18n/messages.payment.js';
import { svCompany } from '../../src/i18n/messages.company.js';
import { svMyPages } from '../../src/i18n/messages.my-pages.js';
import { svSession } from '../../src/components/session-timeout.messages.js';
import { svOutcomes } from '../../src/i18n/messages.outcomes.js';
import { svValidation } from '../../src/i18n/messages.validation.js';
import { svPdf } from '../../src/i18n/messages.pdf.js';
import { svSending } from '../../src/i18n/messages.sending.js';
import { svGroups } from '../../src/i18n/messages.groups.js';
import { svReview } from '../../src/i18n/messages.review.js';

const catalogues = { sv: { ...svCore, ...svEid, ...svBroker, ...svPageLogin, ...svBankId, ...svFiles, ...svDrafts, ...svRegister, ...svSigning, ...svPayment, ...svMyPages, ...svSession, ...svOutcomes, ...svValidation, ...svPdf, ...svCompany, ...svSending, ...svGroups, ...svReview }, en };
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

describe('what the database can hold (src/contract/storable.ts)', () => {
  it('text: no NUL and no lone surrogate; whole surrogate pairs (emoji) and every other character are fine', () => {
    for (const good of ['', 'Åsa', '🙂', 'a🙂b', '\u0001\u001f\u007f', '\ufffd', '\ud83d\ude00\ud83d\ude00']) assert.ok(isStorableText(good), JSON.stringify(good));
    for (const bad of ['\u0000', 'a\u0000', '\ud83d', 'a\ud83db', '\ude00', 'a\ude00', '\ude00\ud83d', '\ud83d\ud83d\ude00']) {
      assert.ok(!isStorableText(bad), JSON.stringify(bad));
    }
  });

  it('the requests refuse it in every string that is stored, and integers past an integer column', () => {
    const body = { serviceId: 'x', serviceVersion: 1, lang: 'sv', answers: {} };
    const codes = (value: unknown) => {
      const result = SubmitCaseRequest.safeParse(value);
      return result.success ? [] : result.error.issues.map((issue) => [issue.path.join('.'), issue.code]);
    };
    assert.deepEqual(codes(body), []);
    assert.deepEqual(codes({ ...body, serviceVersion: INT_MAX }), []);
    assert.deepEqual(codes({ ...body, serviceVersion: INT_MAX + 1 }), [['serviceVersion', 'too_big']]);
    assert.deepEqual(codes({ ...body, answers: { a: 'x\u0000', b: ['\ud800'], c: { street: '\udc00' }, d: [{ e: 'ok', f: ['\u0000'] }] } }),
      [['answers.a', 'custom'], ['answers.b.0', 'custom'], ['answers.c.street', 'custom'], ['answers.d.0.f.0', 'custom']]);
    assert.deepEqual(codes({ ...body, answers: { 'a\u0000': 'x' } }), [['answers.a\u0000', 'invalid_key']]);
    assert.equal(SaveDraftRequest.safeParse({ serviceId: 'x', serviceVersion: 1, answers: {}, stepId: '\u0000' }).success, false);
    assert.equal(SaveDraftRequest.safeParse({ serviceId: 'x', serviceVersion: 1, answers: {}, version: 2 ** 31 }).success, false);
    assert.equal(SendMessageRequest.safeParse({ body: 'hej\ud800' }).success, false);
  });
});
