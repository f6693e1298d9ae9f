import * as v from 'valibot';
import type { ServiceDefinition, ServiceList } from '../../contract/definition.js';
import { check } from './check.js';
import { Condition } from './conditions.js';
import { Field } from './fields.js';
import { LocalizedText } from './text.js';

/**
 * An e-service definition as the browser checks it: every part the form reads, of the right kind.
 * The backend checks the rest — identifiers, lengths, that conditions name questions that exist,
 * that signing has a login — with the contract's full schema (src/contract/definition.ts) when it
 * loads the definition, so a definition it serves has passed it.
 */
const int = v.pipe(v.number(), v.integer());
const login = v.picklist(['none', 'optional', 'required']);
const Municipality = v.looseObject({ id: v.string(), name: LocalizedText });

export const ServiceDefinitionCheck = check<ServiceDefinition>(v.looseObject({
  schemaVersion: v.literal(1),
  id: v.string(),
  version: int,
  municipality: Municipality,
  title: LocalizedText,
  description: LocalizedText,
  contact: v.looseObject({ text: LocalizedText, email: v.optional(v.string()), phone: v.optional(v.string()) }),
  login,
  applicants: v.optional(v.picklist(['persons', 'companies', 'both'])),
  signing: v.optional(v.picklist(['none', 'sign'])),
  cosigning: v.optional(v.looseObject({
    who: v.picklist(['otherGuardians', 'namedPerson', 'companySignatories']),
    childField: v.optional(v.string()),
    personField: v.optional(v.string()),
    inviteField: v.optional(v.string()),
    deadlineDays: v.optional(int),
  })),
  // true, or the object forms (src/contract/once-per-person.ts): the form reads none of their parts, so only their kind.
  onePerPerson: v.optional(v.union([
    v.boolean(),
    v.strictObject({ per: v.picklist(['month', 'year']) }),
    v.strictObject({ from: v.string(), to: v.string() }),
    v.strictObject({ perChild: v.string() }),
  ])),
  caseNumberPrefix: v.string(),
  steps: v.array(v.looseObject({ id: v.string(), title: LocalizedText, visibleWhen: v.optional(Condition), fields: v.array(Field) })),
  receipt: v.looseObject({ title: LocalizedText, text: LocalizedText }),
  retention: v.looseObject({ closedCaseDays: int, draftDays: int }),
  privacyNotice: v.optional(LocalizedText),
  outcomes: v.optional(v.array(v.looseObject({ when: Condition, title: LocalizedText, text: LocalizedText }))),
  computed: v.optional(v.array(v.looseObject({
    id: v.string(), label: LocalizedText, unit: v.optional(LocalizedText),
    sum: v.optional(v.looseObject({ group: v.string(), field: v.string() })), count: v.optional(v.string()),
  }))),
  fee: v.optional(v.looseObject({
    lines: v.array(v.looseObject({ text: LocalizedText, amount: v.number(), when: v.optional(Condition), perItemOf: v.optional(v.string()) })),
    vatPercent: v.picklist([0, 6, 12, 25]),
    description: LocalizedText,
    methods: v.optional(v.array(v.picklist(['card', 'swish']))),
  })),
}));

/** The e-services a backend offers (`GET /api/services`). */
export const ServiceListCheck = check<ServiceList>(v.looseObject({
  services: v.array(v.looseObject({ id: v.string(), version: int, municipality: Municipality, title: LocalizedText, description: LocalizedText, login })),
}));
