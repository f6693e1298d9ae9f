import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Answers, ItemAnswers } from '../../src/contract/cases.js';
import { ServiceDefinition, type Field } from '../../src/contract/definition.js';
import { evaluate } from '../../src/forms/conditions.js';
import { activeWarnings, endingOutcome } from '../../src/forms/outcomes.js';
import { validateAnswers } from '../../src/forms/validate.js';
import { viewForm } from '../../src/forms/visibility.js';
import bostadsanpassningJson from '../../server/demo-services/bostadsanpassning.json' with { type: 'json' };
import forskoleplatsJson from '../../server/demo-services/forskoleplats.json' with { type: 'json' };
import skolskjutsJson from '../../server/demo-services/skolskjuts.json' with { type: 'json' };
import specialkostJson from '../../server/demo-services/specialkost.json' with { type: 'json' };
import varmepumpJson from '../../server/demo-services/varmepump.json' with { type: 'json' };

/**
 * The demo e-services: each one a complete, realistic set of answers passes, and the
 * conditions show and hide what a citizen would expect.
 */

const today = '2026-11-24';
const file = (n: number) => [`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`];
const errorsOf = (definition: ServiceDefinition, answers: Answers) =>
  validateAnswers(definition, answers, { today }).errors.map((error) => [error.path, error.code]);
const visible = (definition: ServiceDefinition, answers: Answers, id: string) => viewForm(definition, answers).isVisible(id);
const stepIds = (definition: ServiceDefinition, answers: Answers) => viewForm(definition, answers).steps.map((step) => step.id);
const without = (answers: Answers, ...ids: string[]): Answers =>
  Object.fromEntries(Object.entries(answers).filter(([id]) => !ids.includes(id)));

function group(definition: ServiceDefinition, id: string): Extract<Field, { type: 'group' }> {
  const field = definition.steps.flatMap((step) => step.fields).find((candidate) => candidate.id === id);
  if (!field || field.type !== 'group') throw new Error(`${id} is not a repeating group`);
  return field;
}

function itemVisible(definition: ServiceDefinition, answers: Answers, groupId: string, item: ItemAnswers, childId: string) {
  const owner = group(definition, groupId);
  const child = owner.fields.find((field) => field.id === childId);
  assert.ok(child, `${groupId} has no question ${childId}`);
  return viewForm(definition, answers).item(owner, item).isVisible(child);
}

describe('demo e-service: skolskjuts', () => {
  const definition = ServiceDefinition.parse(skolskjutsJson);
  const complete: Answers = {
    child: '201704121233',
    school: 'norrby',
    grade: '3',
    placementSchool: true,
    startDate: '2027-01-11',
    homeAddress: { street: 'Skogsvägen 14', postalCode: '12345', city: 'Exempelby' },
    distanceKm: '4,2',
    reason: 'avstand',
    tripTimes: ['morgon', 'eftermiddag'],
    guardianPhone: '070-123 45 67',
    guardianEmail: 'sara.lind@exempel.se',
    confirm: true,
  };
  const medical: Answers = {
    ...complete,
    reason: 'medicinska',
    medicalDescription: 'Alva använder rullstol efter en olycka och kan inte ta sig fram på grusvägen.',
    medicalCertificate: file(1),
    medicalDuration: 'tillfalligt',
    medicalEndDate: '2027-06-11',
    travelNeeds: ['rullstol', 'dorrtilldorr'],
  };

  it('accepts a complete application and normalises the answers', () => {
    const { values, errors } = validateAnswers(definition, complete, { today });
    assert.deepEqual(errors, []);
    assert.equal(values.distanceKm, 4.2);
    assert.deepEqual(values.homeAddress, { street: 'Skogsvägen 14', postalCode: '123 45', city: 'Exempelby' });
  });

  it('asks the medical step only when the reason is medical, and then requires a certificate', () => {
    assert.deepEqual(stepIds(definition, complete), ['barnet', 'resvag', 'kontakt']);
    assert.deepEqual(stepIds(definition, medical), ['barnet', 'resvag', 'medicinska', 'kontakt']);
    assert.deepEqual(errorsOf(definition, medical), []);
    assert.deepEqual(errorsOf(definition, { ...medical, medicalCertificate: [] }), [['medicalCertificate', 'required']]);
    assert.equal(validateAnswers(definition, { ...complete, medicalCertificate: file(1) }, { today }).values.medicalCertificate, undefined);
  });

  it('explains the distance rules when the route is shorter than the limit for the year and no other reason is given', () => {
    const short = { ...complete, distanceKm: '1,5' };
    assert.equal(visible(definition, complete, 'distanceRulesInfo'), false);
    assert.equal(visible(definition, short, 'distanceRulesInfo'), true);
    assert.equal(visible(definition, { ...short, reason: 'trafikfara' }, 'distanceRulesInfo'), false);
    assert.equal(visible(definition, { ...complete, grade: '8', distanceKm: '3,5' }, 'distanceRulesInfo'), true);
    assert.equal(visible(definition, { ...complete, grade: '8', distanceKm: '4' }, 'distanceRulesInfo'), false);
  });

  it('asks for the route description and the second address only for their reasons', () => {
    assert.deepEqual(errorsOf(definition, { ...complete, reason: 'trafikfara' }), [['trafficDescription', 'required']]);
    const alternate = { ...complete, reason: 'vaxelvis' };
    assert.equal(visible(definition, alternate, 'alternateResidenceInfo'), true);
    assert.deepEqual(errorsOf(definition, alternate), [
      ['secondAddress', 'required'], ['secondDistanceKm', 'required'], ['alternateSchedule', 'required'],
    ]);
    assert.deepEqual(errorsOf(definition, {
      ...alternate,
      secondAddress: { street: 'Åkervägen 3', postalCode: '123 47', city: 'Exempelby' },
      secondDistanceKm: 5,
      alternateSchedule: 'annat',
      alternateScheduleDescription: 'Måndag–onsdag hos mamma, torsdag–söndag hos pappa.',
    }), []);
  });
});

describe('demo e-service: specialkost', () => {
  const definition = ServiceDefinition.parse(specialkostJson);
  const complete: Answers = {
    child: '201908234568',
    unit: 'solrosen',
    groupOrClass: 'Humlan',
    startDate: '2026-12-01',
    dietReason: 'medicinsk',
    allergies: [
      { food: 'notter', severity: 'svar', airborne: false, reaction: 'Svullnad i läpparna och andningsbesvär inom några minuter.' },
      { food: 'annat', otherFood: 'Ärtor och baljväxter', severity: 'lindrig' },
    ],
    emergencyMedicine: true,
    certificate: file(2),
    guardianPhone: '073-987 65 43',
    guardianEmail: 'lina.haddad@exempel.se',
    otherGuardianEmail: 'sami.haddad@exempel.se',
    confirm: true,
  };

  it('accepts a complete notification', () => {
    assert.deepEqual(errorsOf(definition, complete), []);
  });

  it('asks inside each allergy what "something else" is, and how strongly the child reacts', () => {
    assert.equal(itemVisible(definition, complete, 'allergies', { food: 'annat' }, 'otherFood'), true);
    assert.equal(itemVisible(definition, complete, 'allergies', { food: 'gluten' }, 'otherFood'), false);
    assert.equal(itemVisible(definition, complete, 'allergies', { food: 'fisk', severity: 'svar' }, 'airborne'), true);
    assert.equal(itemVisible(definition, complete, 'allergies', { food: 'fisk', severity: 'lindrig' }, 'airborne'), false);
    const missing = { ...complete, allergies: [{ food: 'annat', severity: 'mattlig' }] };
    assert.deepEqual(errorsOf(definition, missing), [['allergies.0.otherFood', 'required']]);
  });

  it('requires a certificate for medical reasons only', () => {
    assert.deepEqual(errorsOf(definition, { ...complete, certificate: [] }), [['certificate', 'required']]);
    const religious: Answers = {
      ...without(complete, 'emergencyMedicine', 'certificate'), dietReason: 'livsaskadning', allergies: [{ food: 'flask', severity: 'svar' }],
    };
    const { values, errors } = validateAnswers(definition, religious, { today });
    assert.deepEqual(errors, []);
    // The severity question reads the form-level reason, so it is not asked for a religious diet.
    assert.deepEqual(values.allergies, [{ food: 'flask' }]);
    assert.equal(visible(definition, religious, 'vegetarianInfo'), true);
    assert.equal(visible(definition, religious, 'emergencyMedicine'), false);
  });

  it('takes between one and ten allergies', () => {
    assert.deepEqual(errorsOf(definition, { ...complete, allergies: [] }), [['allergies', 'required']]);
    const eleven = Array.from({ length: 11 }, () => ({ food: 'gluten', severity: 'mattlig' }));
    assert.deepEqual(errorsOf(definition, { ...complete, allergies: eleven }), [['allergies', 'maxItems']]);
  });
});

describe('demo e-service: förskoleplats', () => {
  const definition = ServiceDefinition.parse(forskoleplatsJson);
  const complete: Answers = {
    child: '202403152388',
    startDate: '2027-03-01',
    hoursPerWeek: '40',
    preschoolChoices: [{ preschool: 'solrosen' }, { preschool: 'trollskogen' }],
    siblingAtPreschool: true,
    siblingDetails: 'Elsa, Solrosens förskola',
    specialNeeds: false,
    otherLanguage: true,
    homeLanguage: 'Finska',
    guardianSituation: 'arbetar',
    employerOrSchool: 'Exempelby vårdcentral',
    otherGuardian: true,
    otherGuardianSituation: 'studerar',
    guardianPhone: '+46 70 555 12 34',
    guardianEmail: 'johan.nilsson@exempel.se',
    confirm: true,
  };

  it('accepts a complete application and keeps the order of the choices', () => {
    const { values, errors } = validateAnswers(definition, complete, { today });
    assert.deepEqual(errors, []);
    assert.deepEqual(values.preschoolChoices, [{ preschool: 'solrosen' }, { preschool: 'trollskogen' }]);
    assert.equal(values.guardianPhone, '0705551234');
  });

  it('asks about the sibling and the support needed only when the answer is yes', () => {
    assert.equal(visible(definition, complete, 'siblingDetails'), true);
    assert.equal(visible(definition, { ...complete, siblingAtPreschool: false }, 'siblingDetails'), false);
    assert.equal(visible(definition, complete, 'specialNeedsDescription'), false);
    assert.deepEqual(errorsOf(definition, { ...complete, specialNeeds: true }), [['specialNeedsDescription', 'required']]);
  });

  it('tells a parent looking for work about the 15 hours', () => {
    const lookingForWork = { ...without(complete, 'employerOrSchool'), guardianSituation: 'arbetssokande' };
    assert.equal(visible(definition, complete, 'fifteenHoursInfo'), false);
    assert.equal(visible(definition, lookingForWork, 'fifteenHoursInfo'), true);
    assert.equal(visible(definition, { ...lookingForWork, hoursPerWeek: 15 }, 'fifteenHoursInfo'), false);
  });

  it('takes one to three preschools and a start date within a year', () => {
    assert.deepEqual(errorsOf(definition, { ...complete, preschoolChoices: [] }), [['preschoolChoices', 'required']]);
    const four = ['solrosen', 'hagen', 'ekorren', 'tallbacken'].map((preschool) => ({ preschool }));
    assert.deepEqual(errorsOf(definition, { ...complete, preschoolChoices: four }), [['preschoolChoices', 'maxItems']]);
    assert.deepEqual(errorsOf(definition, { ...complete, startDate: '2027-12-01' }), [['startDate', 'dateMax']]);
  });
});

describe('demo e-service: bostadsanpassning', () => {
  const definition = ServiceDefinition.parse(bostadsanpassningJson);
  const complete: Answers = {
    applicantPersonnummer: '19520214-1122',
    applicantName: 'Karin Berg',
    applicantPhone: '0123-456 78',
    applicantEmail: 'karin.berg@exempel.se',
    applicantAddress: { street: 'Storgatan 5 lgh 1203', postalCode: '123 44', city: 'Exempelby' },
    contactPreference: 'telefon',
    interpreter: false,
    applyingForSelf: false,
    personName: 'Erik Berg',
    personPersonnummer: '19480706-3211',
    relation: 'partner',
    sameAddress: true,
    housingType: 'lagenhet',
    tenure: 'hyresratt',
    landlordName: 'Exempelbyhem AB',
    landlordPhone: '0123-45 90 00',
    landlordConsent: file(3),
    yearBuilt: 1968,
    floor: 2,
    elevator: false,
    householdSize: 2,
    movingIn: false,
    diagnosis: 'Parkinsons sjukdom sedan 2019.',
    difficulties: 'Erik kan inte kliva över badkarskanten och snubblar på trösklarna.',
    aids: ['rollator', 'annat'],
    aidsOther: 'Duschstol',
    permanence: 'varaktig',
    measures: ['trosklar', 'dusch', 'stodhandtag'],
    measuresLocation: 'Trösklar mellan hall, sovrum och badrum. Badkaret i badrummet byts mot dusch med stödhandtag.',
    workStarted: false,
    otCertificate: file(4),
    costEstimate: file(5),
    previousGrant: true,
    previousGrantDate: '2019-05-14',
    previousGrantMeasures: 'Stödhandtag i badrummet',
    confirm: true,
  };

  it('accepts a complete application', () => {
    assert.deepEqual(errorsOf(definition, complete), []);
  });

  it('asks about the person with the disability only when applying for someone else', () => {
    assert.deepEqual(stepIds(definition, complete), ['sokande', 'personen', 'bostaden', 'behov', 'atgarder', 'underlag']);
    const self = { ...complete, applyingForSelf: true };
    assert.deepEqual(stepIds(definition, self), ['sokande', 'bostaden', 'behov', 'atgarder', 'underlag']);
    assert.equal(validateAnswers(definition, self, { today }).values.personName, undefined);
    assert.deepEqual(errorsOf(definition, { ...complete, relation: 'godman' }), [['authorityDocument', 'required']]);
  });

  it("requires the landlord's consent from a tenant but not from an owner", () => {
    assert.deepEqual(errorsOf(definition, without(complete, 'landlordConsent')), [['landlordConsent', 'required']]);
    assert.deepEqual(errorsOf(definition, { ...without(complete, 'landlordName', 'landlordConsent'), tenure: 'bostadsratt' }), [
      ['landlordName', 'required'], ['landlordConsent', 'required'],
    ]);
    const owner = { ...without(complete, 'landlordName', 'landlordPhone', 'landlordConsent', 'floor', 'elevator'), housingType: 'villa', tenure: 'agare' };
    assert.deepEqual(errorsOf(definition, owner), []);
    assert.equal(visible(definition, owner, 'floor'), false);
    assert.equal(visible(definition, owner, 'elevator'), false);
    assert.equal(visible(definition, complete, 'floor'), true);
  });

  it('needs at least one adaptation, an occupational therapist certificate and a past date for an earlier grant', () => {
    assert.deepEqual(errorsOf(definition, { ...complete, measures: [] }), [['measures', 'required']]);
    assert.deepEqual(errorsOf(definition, { ...complete, measures: ['annat'] }), [['measuresOther', 'required']]);
    assert.deepEqual(errorsOf(definition, without(complete, 'otCertificate')), [['otCertificate', 'required']]);
    assert.deepEqual(errorsOf(definition, { ...complete, previousGrantDate: '2026-12-01' }), [['previousGrantDate', 'dateMax']]);
    assert.equal(visible(definition, { ...complete, previousGrant: false }, 'previousGrantDate'), false);
    assert.equal(visible(definition, { ...complete, permanence: 'tillfallig' }, 'temporaryInfo'), true);
    assert.equal(visible(definition, { ...complete, workStarted: true }, 'workStartedInfo'), true);
  });
});

describe('demo e-service: värmepump', () => {
  const definition = ServiceDefinition.parse(varmepumpJson);
  const complete: Answers = {
    effekt: '12',
    borrhal: [{ djup: '120' }],
    brunn: '45',
    fastighet: 'Exempelby Ängen 1:23',
  };
  const holds = (answers: Answers) => {
    const view = viewForm(definition, answers);
    return { view, holds: (condition: Parameters<typeof evaluate>[0]) => evaluate(condition, view.lookup) };
  };

  it('accepts a complete notice and keeps the total depth and the number of boreholes with it', () => {
    const { values, errors } = validateAnswers(definition, complete, { today });
    assert.deepEqual(errors, []);
    assert.deepEqual([values.effekt, values.totaltDjup, values.antalBorrhal], [12, 120, 1]);
    assert.equal(endingOutcome(definition, holds(complete).holds), undefined);
  });

  it('warns about a well nearer than 30 m without stopping the notice', () => {
    const near = { ...complete, brunn: '25' };
    const { view, holds: nearHolds } = holds(near);
    assert.deepEqual(Object.keys(activeWarnings(view, nearHolds)), ['brunn']);
    assert.deepEqual(errorsOf(definition, near), []);
  });

  it('warns beside a borehole deeper than 300 m, that borehole alone, without stopping the notice', () => {
    const deep = { ...complete, borrhal: [{ djup: '120' }, { djup: '320' }] };
    const view = viewForm(definition, deep);
    const warned = activeWarnings(view, (condition, lookup = view.lookup) => evaluate(condition, lookup));
    assert.deepEqual(Object.keys(warned), ['borrhal.1.djup']);
    assert.match(warned['borrhal.1.djup']!.sv, /djupare än 300 m/);
    assert.deepEqual(errorsOf(definition, deep), []);
  });

  it('ends the form for a pump over 100 kW and for more than 800 m of boreholes in all', () => {
    assert.equal(endingOutcome(definition, holds({ ...complete, effekt: '150' }).holds)?.title.sv, 'Anläggningen kräver tillstånd');
    const deep = { ...complete, borrhal: [{ djup: '300' }, { djup: '300' }, { djup: '250' }] };
    assert.equal(endingOutcome(definition, holds(deep).holds)?.title.sv, 'Borrningen kräver tillstånd');
  });
});
