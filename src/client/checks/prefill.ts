import * as v from 'valibot';
import type { PrefillResponse } from '../../contract/prefill.js';
import { check } from './check.js';

/** What the population register says about the logged-in citizen (src/contract/prefill.ts). */
export const PrefillResponseCheck = check<PrefillResponse>(v.looseObject({
  person: v.looseObject({
    personalNumber: v.string(),
    name: v.string(),
    givenName: v.string(),
    surname: v.string(),
    address: v.optional(v.looseObject({ street: v.string(), postalCode: v.string(), city: v.string() })),
  }),
  protected: v.boolean(),
  children: v.array(v.looseObject({
    personalNumber: v.string(), name: v.string(), ownSchool: v.boolean(), otherGuardians: v.optional(v.boolean()),
  })),
  registerUnavailable: v.optional(v.boolean()),
  alreadyUsed: v.optional(v.looseObject({ caseId: v.string(), url: v.optional(v.string()), title: v.optional(v.string()), detail: v.optional(v.string()) })),
}));
