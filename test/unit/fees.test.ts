import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServiceDefinition } from '../../src/contract/definition.js';
import { feeFor } from '../../src/forms/fees.js';
import parking from '../../server/demo-services/parkeringstillstand.json' with { type: 'json' };

const text = (sv: string) => ({ sv, en: sv });

/** A permit for vehicles: a base fee, reduced on a yes, and a sum per vehicle of a kind. */
function definition(fee: unknown, extra: Record<string, unknown> = {}) {
  return ServiceDefinition.safeParse({
    ...parking,
    steps: [{
      id: 'steg', title: text('Steg'), fields: [
        { id: 'reducedFee', type: 'yesNo', label: text('Nedsatt avgift?') },
        { id: 'wantsVehicles', type: 'yesNo', label: text('Fordon?'), required: false },
        {
          id: 'vehicles', type: 'group', label: text('Fordon'), itemLabel: text('Fordon'), required: false,
          visibleWhen: { field: 'wantsVehicles', equals: true },
          fields: [
            { id: 'kind', type: 'radio', label: text('Slag'), options: [{ value: 'bil', label: text('Bil') }, { value: 'mc', label: text('MC') }] },
          ],
        },
      ],
    }],
    fee,
    ...extra,
  });
}

const PERMIT_FEE = {
  lines: [
    { text: text('Avgift'), amount: 400, when: { not: { field: 'reducedFee', equals: true } } },
    { text: text('Nedsatt avgift'), amount: 200, when: { field: 'reducedFee', equals: true } },
    { text: text('Per bil'), amount: 12.5, perItemOf: 'vehicles', when: { field: 'kind', equals: 'bil' } },
  ],
  vatPercent: 25,
  description: text('Tillstånd'),
};

describe('the fee worked out from the answers', () => {
  const parsed = definition(PERMIT_FEE);
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  const permit = parsed.data;

  it('charges the line whose condition holds: 400 kr, or 200 kr when the fee is reduced', () => {
    assert.equal(feeFor(permit, { reducedFee: false })?.amount, 40_000);
    assert.equal(feeFor(permit, { reducedFee: true })?.amount, 20_000);
    assert.deepEqual(feeFor(permit, { reducedFee: true })?.lines.map((line) => line.text.sv), ['Nedsatt avgift']);
  });

  it('counts a per-item line once for each item whose own condition holds, in whole öre', () => {
    const due = feeFor(permit, { reducedFee: false, wantsVehicles: true, vehicles: [{ kind: 'bil' }, { kind: 'mc' }, { kind: 'bil' }] })!;
    assert.deepEqual(due.lines.at(-1), { text: text('Per bil'), count: 2, unitAmount: 1_250, amount: 2_500 });
    assert.equal(due.amount, 42_500);
    // 25 % moms inside 425 kr: 85 kr.
    assert.equal(due.vatAmount, 8_500);
  });

  it('reads a hidden group as no items: answers left behind by a changed answer cost nothing', () => {
    assert.equal(feeFor(permit, { reducedFee: false, wantsVehicles: false, vehicles: [{ kind: 'bil' }] })?.amount, 40_000);
  });

  it('says nothing for an e-service without a fee, and 0 when nothing holds (free for a reason the form asks)', () => {
    const { fee: _none, ...free } = permit;
    assert.equal(feeFor(free, { reducedFee: false }), undefined);
    const demo = ServiceDefinition.parse(parking);
    assert.equal(feeFor(demo, { disabledPermit: false })?.amount, 20_000);
    assert.equal(feeFor(demo, { disabledPermit: true })?.amount, 0);
  });

  it('rounds the moms to the öre', () => {
    const sixPercent = definition({ ...PERMIT_FEE, vatPercent: 6, lines: [{ text: text('Kopia'), amount: 33.33 }] });
    assert.ok(sixPercent.success);
    // 33,33 kr × 6/106 = 1,8866… kr
    assert.equal(feeFor(sixPercent.data, {})?.vatAmount, 189);
  });
});

describe('a fee in a definition', () => {
  const refusal = (fee: unknown, extra: Record<string, unknown> = {}) => {
    const result = definition(fee, extra);
    assert.equal(result.success, false, 'accepted');
    return JSON.stringify(result.error!.issues);
  };

  it('is refused when a line counts the items of something that is no repeating group', () => {
    assert.match(refusal({ ...PERMIT_FEE, lines: [{ text: text('X'), amount: 1, perItemOf: 'reducedFee' }] }), /perItemOf must name a repeating group/);
  });

  it('is refused when a condition names no question, or asks the register', () => {
    assert.match(refusal({ ...PERMIT_FEE, lines: [{ text: text('X'), amount: 1, when: { field: 'nosuch', equals: true } }] }), /only questions of the definition/);
    assert.match(refusal({ ...PERMIT_FEE, lines: [{ text: text('X'), amount: 1, when: { field: 'reducedFee', otherGuardians: true } }] }), /never the register/);
  });

  it('is refused with an amount of part of an öre, nothing, a negative or an unknown moms rate', () => {
    for (const amount of [12.345, 0, -5]) refusal({ ...PERMIT_FEE, lines: [{ text: text('X'), amount }] });
    refusal({ ...PERMIT_FEE, vatPercent: 20 });
    refusal({ ...PERMIT_FEE, description: text('En beskrivning som är alldeles för lång för ett kontoutdrag') });
  });

  it('goes with cosigning: the others sign first, then the applicant pays (server/cosigning/service.ts)', () => {
    const cosigned = definition({ ...PERMIT_FEE, lines: PERMIT_FEE.lines.slice(0, 2) }, {
      login: 'required', signing: 'sign', cosigning: { who: 'namedPerson', personField: 'partner', inviteField: 'partnerEmail' },
      steps: [{
        id: 'steg', title: text('Steg'), fields: [
          { id: 'reducedFee', type: 'yesNo', label: text('Nedsatt avgift?') },
          { id: 'partner', type: 'personnummer', label: text('Medsökande') },
          { id: 'partnerEmail', type: 'email', label: text('Medsökandes e-post') },
        ],
      }],
    });
    assert.equal(cosigned.success, true, JSON.stringify(cosigned.error?.issues));
  });
});
