import * as v from 'valibot';
import type { SigningState, StartSigningResponse } from '../../contract/signing.js';
import { SubmitCaseResponseSchema } from './cases.js';
import { check } from './check.js';

/** Signing a case with BankID (src/contract/signing.ts). */

export const StartSigningResponseCheck = check<StartSigningResponse>(v.looseObject({
  orderRef: v.string(),
  autoStartToken: v.optional(v.string()),
  result: v.optional(SubmitCaseResponseSchema),
  // `authorizationUrl` (signing at the e-ID broker) passes through: broker-signing.ts checks it before it goes there.
}));

export const SigningStateEntries = {
  status: v.picklist(['pending', 'failed', 'complete']),
  hintCode: v.optional(v.string()),
  qrData: v.optional(v.string()),
  result: v.optional(SubmitCaseResponseSchema),
};
export const SigningStateCheck = check<SigningState>(v.looseObject(SigningStateEntries));
