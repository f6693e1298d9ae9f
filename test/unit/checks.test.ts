import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { AttachmentCheck } from '../../src/client/checks/attachments.js';
import { AnswersCheck, CaseReceiptCheck, SubmitCaseResponseCheck } from '../../src/client/checks/cases.js';
import type { Check } from '../../src/client/checks/check.js';
import { CosignOverviewCheck, CosignRequestViewCheck, CosignSigningStateCheck, StartCosignResponseCheck } from '../../src/client/checks/cosign.js';
import { ServiceDefinitionCheck, ServiceListCheck } from '../../src/client/checks/definition.js';
import { OrderStateCheck, SessionStateCheck, StartLoginResponseCheck } from '../../src/client/checks/eid.js';
import { CaseDetailsCheck, DraftCheck, MessageCheck, MessageListCheck, MyCasesCheck, ProfileCheck } from '../../src/client/checks/my-pages.js';
import { CasePaymentCheck, PaymentStatusCheck } from '../../src/client/checks/payments.js';
import { PrefillResponseCheck } from '../../src/client/checks/prefill.js';
import { ProblemCheck } from '../../src/client/checks/problem.js';
import { SigningStateCheck, StartSigningResponseCheck } from '../../src/client/checks/signing.js';
import { Attachment } from '../../src/contract/attachments.js';
import { Answers, CaseReceipt, SubmitCaseResponse } from '../../src/contract/cases.js';
import { CosignOverview, CosignRequestView, CosignSigningState, StartCosignResponse } from '../../src/contract/cosign.js';
import { ServiceDefinition, ServiceList } from '../../src/contract/definition.js';
import { OrderState, SessionState, StartLoginResponse } from '../../src/contract/eid.js';
import { CaseDetails, Draft, Message, MessageList, MyCases, Profile } from '../../src/contract/my-pages.js';
import { EMAIL, PHONE, SWISH_MOBILE } from '../../src/contract/patterns.js';
import { CasePayment, PaymentStatus, StartPaymentRequest } from '../../src/contract/payments.js';
import { PrefillResponse } from '../../src/contract/prefill.js';
import { Problem } from '../../src/contract/problem.js';
import { SigningState, StartSigningResponse } from '../../src/contract/signing.js';

/**
 * The browser checks the backend's answers with its own light schemas (src/client/checks/), the
 * backend with the contract's zod schemas. TypeScript holds each check to the contract's type; this
 * holds them to each other on real answers: both accept every sample, and for every part of it, the
 * browser refuses it left out or of the wrong kind exactly when the contract finds the shape wrong — so
 * a check that forgets a part, or asks for one the contract does not, fails here. (The rules beyond the
 * shape — lengths, patterns, cross-references — are the backend's.)
 */

type Zod = { safeParse(data: unknown): { success: boolean; error?: { issues: { code: string }[] } } };

/**
 * Whether the contract finds the value of the right shape: refused for a part missing or of the wrong
 * kind, not for the rules the backend alone checks (lengths, patterns, cross-references).
 */
const SHAPE = new Set(['invalid_type', 'invalid_union', 'invalid_value', 'unrecognized_keys']);
const shaped = (contract: Zod, data: unknown) => contract.safeParse(data).error?.issues.every((issue) => !SHAPE.has(issue.code)) ?? true;
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;
const definitionsIn = (dir: string) => readdirSync(dir).filter((file) => file.endsWith('.json')).map((file) => json(`${dir}/${file}`));

/** Every part of a value with its path; array items after the first stand for the first, unless they differ in kind. */
function* parts(value: unknown, path: (string | number)[] = [], seen = new Set<string>()): Generator<(string | number)[]> {
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const next = [...path, Array.isArray(value) ? Number(key) : key];
    // One of each shape: a question of a type, a condition of a kind, is walked once.
    const shape = next.map((step) => (typeof step === 'number' ? '#' : step)).join('.') +
      (child && typeof child === 'object' && !Array.isArray(child) ? `:${Object.keys(child).sort().join(',')}` : '');
    if (seen.has(shape)) continue;
    seen.add(shape);
    yield next;
    yield* parts(child, next, seen);
  }
}

function changed(sample: unknown, path: (string | number)[], change: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = structuredClone(sample) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  change(parent, path.at(-1)!);
  return copy;
}

/** Of another kind than the value it replaces: a number for text, text for anything else. */
const wrongKind = (value: unknown) => (typeof value === 'string' ? 42 : 'x');

function agree(name: string, contract: Zod, check: Check<unknown>, samples: unknown[]) {
  it(`${name}: the browser's check and the contract agree`, () => {
    for (const sample of samples) {
      assert.equal(contract.safeParse(sample).success, true, `${name}: the sample follows the contract`);
      const checked = check.safeParse(sample);
      assert.ok(checked.success, `${name}: the browser accepts what the contract does`);
      assert.deepEqual(checked.data, sample, `${name}: and passes it on whole`);
      for (const path of parts(sample)) {
        const where = `${name} at ${path.join('.')}`;
        const parent = path.slice(0, -1).reduce<unknown>((node, step) => (node as Record<string | number, unknown>)[step], sample);
        if (!Array.isArray(parent)) {
          const without = changed(sample, path, (node, key) => delete node[key]);
          assert.equal(check.safeParse(without).success, shaped(contract, without), `${where} left out`);
        }
        const value = path.reduce<unknown>((node, step) => (node as Record<string | number, unknown>)[step], sample);
        const wrong = changed(sample, path, (node, key) => (node[key] = wrongKind(value)));
        assert.equal(check.safeParse(wrong).success, shaped(contract, wrong), `${where} of the wrong kind`);
      }
    }
  });
}

const text = (sv: string) => ({ sv, en: `${sv} (en)` });
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const receipt = {
  caseId: uuid(1), caseNumber: 'FEL-2026-00042', serviceId: 'felanmalan', serviceTitle: text('Felanmälan'),
  municipality: text('Exempelstad'), submittedAt: '2026-12-06T10:00:00Z', title: text('Tack'), text: text('Vi hör av oss.'),
};
const submitted = { receipt, receiptToken: 'token-1' };
const user = { name: 'Anna Andersson', givenName: 'Anna', surname: 'Andersson' };
const attachment = { id: uuid(2), fileName: 'foto.jpg', kind: 'jpeg', sizeBytes: 1200, uploadedAt: '2026-12-06T10:00:00Z' };
const answers = {
  place: 'Storgatan 1', count: 3, ok: true, nothing: null, colours: ['red', 'blue'],
  address: { street: 'Storgatan 1', postalCode: '12345', city: 'Exempelstad' },
  members: [{ name: 'Anna', age: 7, allergic: false, kinds: ['nuts'], home: { city: 'Exempelstad' } }],
};
const summary = {
  id: uuid(3), kind: 'case', caseNumber: 'FEL-2026-00042', serviceId: 'felanmalan', serviceTitle: text('Felanmälan'),
  municipality: text('Exempelstad'), status: 'submitted', createdAt: '2026-12-06T10:00:00Z', updatedAt: '2026-12-06T10:00:00Z',
  submittedAt: '2026-12-06T10:00:00Z', unreadMessages: 1,
};
const requestView = {
  requestId: uuid(4), caseId: uuid(5), serviceId: 'forskoleplats', serviceVersion: 2, serviceTitle: text('Förskoleplats'),
  municipality: text('Exempelstad'), askedBy: 'Anna Andersson', deadline: '2027-01-03T10:00:00Z', status: 'signed', answers,
  attachments: [{ ...attachment, fieldId: 'photo' }], children: [{ personalNumber: '201901012384', name: 'Ella' }],
  signedAt: '2026-12-06T10:00:00Z', contactWithheld: true,
};

/** The parts of a definition no demo e-service has: a question of each remaining type and word. */
const rarest = {
  schemaVersion: 1, id: 'ovrigt', version: 1, municipality: { id: 'exempelstad', name: text('Exempelstad') },
  title: text('Övrigt'), description: text('Det som ingen annan e-tjänst har.'),
  contact: { text: text('Ring oss'), email: 'info@exempelstad.se', phone: '08-123 45 67' },
  login: 'required', signing: 'sign',
  cosigning: { who: 'namedPerson', personField: 'other', inviteField: 'otherEmail', deadlineDays: 14 },
  caseNumberPrefix: 'OVR', receipt: { title: text('Tack'), text: text('Klart.') }, retention: { closedCaseDays: 365, draftDays: 30 },
  steps: [{
    id: 'forsta', title: text('Första'),
    fields: [
      { id: 'other', type: 'personnummer', label: text('Den andra'), allowSamordningsnummer: true },
      { id: 'otherEmail', type: 'email', label: text('Den andras e-post') },
      { id: 'zip', type: 'postalCode', label: text('Postnummer') },
      { id: 'pick', type: 'checkboxGroup', label: text('Välj'), options: [{ value: 'a', label: text('A') }], minSelected: 1, maxSelected: 1 },
    ],
  }],
};

/** onePerPerson's object forms (src/contract/once-per-person.ts), beside a child question for perChild. */
const limited = [{ per: 'month' }, { from: '2027-01-01', to: '2027-03-31' }, { perChild: 'barn' }].map((onePerPerson) => ({
  ...rarest, id: 'begransad', onePerPerson,
  steps: [{ ...rarest.steps[0]!, fields: [{ id: 'barn', type: 'child', label: text('Barn') }, ...rarest.steps[0]!.fields] }],
}));

describe('the browser\'s checks of the backend\'s answers', () => {
  const definitions = [...definitionsIn('server/demo-services'), ...definitionsIn('test/fixtures/services'), rarest, ...limited];
  agree('ServiceDefinition', ServiceDefinition, ServiceDefinitionCheck, definitions);
  agree('ServiceList', ServiceList, ServiceListCheck, [{ services: [{ id: 'felanmalan', version: 1, municipality: { id: 'exempelstad', name: text('Exempelstad') }, title: text('Felanmälan'), description: text('Anmäl ett fel'), login: 'none' }] }]);
  agree('StartLoginResponse', StartLoginResponse, StartLoginResponseCheck, [{ orderRef: 'o-1', autoStartToken: 't-1' }]);
  agree('OrderState', OrderState, OrderStateCheck, [{ status: 'pending', hintCode: 'outstandingTransaction', qrData: 'bankid.x.1.y' }, { status: 'complete', user }]);
  agree('SessionState', SessionState, SessionStateCheck, [
    { authenticated: true, user, idleExpiresAt: '2026-12-06T10:20:00Z', absoluteExpiresAt: '2026-12-06T18:00:00Z', idleSecondsLeft: 1200, idleTimeoutSeconds: 1200 },
    { authenticated: false },
  ]);
  agree('Problem', Problem, ProblemCheck, [{
    type: '/problems/validation', title: 'Några svar behöver rättas', status: 400, detail: 'd', instance: '/api/cases',
    errors: [{ path: 'place', code: 'required', message: 'Skriv var felet är' }], errorCode: 'alreadyInProgress', currentVersion: 3, caseId: uuid(6),
  }]);
  agree('PrefillResponse', PrefillResponse, PrefillResponseCheck, [{
    person: { personalNumber: '198001012384', ...user, address: { street: 'Storgatan 1', postalCode: '12345', city: 'Exempelstad' } },
    protected: false, children: [{ personalNumber: '201901012384', name: 'Ella', ownSchool: true, otherGuardians: true }],
    registerUnavailable: false, alreadyUsed: { caseId: uuid(7), url: '/mina-sidor.html' },
  }]);
  agree('CaseReceipt', CaseReceipt, CaseReceiptCheck, [receipt]);
  agree('SubmitCaseResponse', SubmitCaseResponse, SubmitCaseResponseCheck, [submitted]);
  agree('StartSigningResponse', StartSigningResponse, StartSigningResponseCheck, [{ orderRef: 'o-2', autoStartToken: 't-2', result: submitted }]);
  agree('SigningState', SigningState, SigningStateCheck, [{ status: 'pending', hintCode: 'userSign', qrData: 'q' }, { status: 'complete', result: submitted }]);
  agree('Attachment', Attachment, AttachmentCheck, [attachment]);
  agree('Answers', Answers, AnswersCheck, [answers]);
  agree('Draft', Draft, DraftCheck, [{
    id: uuid(8), serviceId: 'felanmalan', serviceVersion: 1, answers, stepId: 'plats', version: 2,
    createdAt: '2026-12-06T10:00:00Z', updatedAt: '2026-12-06T10:00:00Z', expiresAt: '2027-01-06T10:00:00Z',
  }]);
  agree('MyCases', MyCases, MyCasesCheck, [{ items: [summary], nextCursor: 'c-1' }]);
  agree('CaseDetails', CaseDetails, CaseDetailsCheck, [{
    ...summary, serviceVersion: 1, answers, attachments: [{ ...attachment, fieldId: 'photo' }],
    children: [{ personalNumber: '201901012384', name: 'Ella' }], signatures: [{ name: 'Anna Andersson', signedAt: '2026-12-06T10:00:00Z' }],
    history: [{ status: 'submitted', at: '2026-12-06T10:00:00Z' }],
  }]);
  const message = { id: uuid(9), from: 'officer', body: 'Hej', sentAt: '2026-12-06T10:00:00Z', readAt: '2026-12-06T11:00:00Z', attachments: [attachment] };
  agree('Message', Message, MessageCheck, [message]);
  agree('MessageList', MessageList, MessageListCheck, [{ messages: [message] }]);
  agree('Profile', Profile, ProfileCheck, [{ email: 'anna@example.se', phone: '070-123 45 67', notifyBy: 'email' }]);
  agree('CosignOverview', CosignOverview, CosignOverviewCheck, [{
    caseId: uuid(10), caseNumber: 'FSK-2026-00001', serviceId: 'forskoleplats', serviceTitle: text('Förskoleplats'), status: 'awaitingCosign',
    deadline: '2027-01-03T10:00:00Z',
    cosigners: [{ requestId: uuid(11), name: 'Bo', invitedAt: '2026-12-06T10:00:00Z', sentTo: 'b***@example.se', status: 'signed', signedAt: '2026-12-06T12:00:00Z' }],
  }]);
  agree('CosignRequestView', CosignRequestView, CosignRequestViewCheck, [requestView]);
  agree('StartCosignResponse', StartCosignResponse, StartCosignResponseCheck, [{ orderRef: 'o-3', autoStartToken: 't-3' }]);
  agree('CosignSigningState', CosignSigningState, CosignSigningStateCheck, [{ status: 'complete', result: submitted, request: requestView, caseSubmitted: true }]);
  const fee = {
    lines: [{ text: text('Boendeparkering, ett år'), count: 1, unitAmount: 20000, amount: 20000 }, { text: text('Torgplats'), count: 2, unitAmount: 1250, amount: 2500 }],
    amount: 22500, vatAmount: 500, vatPercent: 25, currency: 'SEK',
  };
  agree('CasePayment', CasePayment, CasePaymentCheck, [
    { state: 'due', fee, methods: ['card', 'swish'] },
    { state: 'paid', fee, methods: ['swish'], paidAt: '2026-12-06T10:05:00Z', paymentReference: 'E1234', instrument: 'Swish', refunded: 2500 },
  ]);
  agree('PaymentStatus', PaymentStatus, PaymentStatusCheck, [
    { paymentId: uuid(12), caseId: uuid(13), method: 'card', state: 'pending', amount: 20000, redirectUrl: 'https://pay.example/menu/1', errorCode: 'carddeclined' },
    { paymentId: uuid(14), caseId: uuid(13), method: 'swish', state: 'pending', amount: 20000, swishToken: 'c28a4061470f4af48973bd2a4642b4fa' },
    { paymentId: uuid(15), caseId: uuid(13), method: 'swish', state: 'timedOut', amount: 20000, errorCode: 'TM01' },
  ]);

  it('refuses an answer that is not what the contract describes, with nothing of it passed on', () => {
    assert.equal(ServiceDefinitionCheck.safeParse({ ...rarest, steps: [{ id: 'x', title: text('X'), fields: [{ id: 'q', type: 'hologram', label: text('Q') }] }] }).success, false);
    assert.equal(SessionStateCheck.safeParse({ authenticated: 'yes' }).success, false);
    assert.equal(SessionStateCheck.safeParse('<html>Bad gateway</html>').success, false);
    assert.equal(OrderStateCheck.safeParse({ status: 'paused' }).success, false);
  });

  it('uses the contract\'s own patterns for what a citizen types: zod\'s e-mail pattern, the phone pattern, the Swish number', async () => {
    const { regexes } = await import('zod/v4/core');
    assert.equal(EMAIL.source, regexes.email.source);
    for (const [email, ok] of [['anna@example.se', true], ['anna@', false], ['anna example.se', false]] as const) {
      assert.equal(EMAIL.test(email), ok, email);
      assert.equal(Profile.safeParse({ email, notifyBy: 'email' }).success, ok, `${email}: the contract agrees`);
    }
    for (const [phone, ok] of [['070-123 45 67', true], ['+46 70 123 45 67', true], ['070 abc', false]] as const) {
      assert.equal(PHONE.test(phone), ok, phone);
      assert.equal(Profile.safeParse({ phone, notifyBy: 'sms' }).success, ok, `${phone}: the contract agrees`);
    }
    // The payment step checks a Swish number with the pattern the payment routes check it with.
    for (const [payerMobile, ok] of [['070-123 45 67', true], ['+46 70 123 45 67', true], ['08-123 45 67', false], ['0701', false]] as const) {
      assert.equal(SWISH_MOBILE.test(payerMobile), ok, payerMobile);
      assert.equal(StartPaymentRequest.safeParse({ method: 'swish', returnUrl: 'https://www.exempelby.se/parkering', payerMobile }).success, ok, `${payerMobile}: the contract agrees`);
    }
  });
});
