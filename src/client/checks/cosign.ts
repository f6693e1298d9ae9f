import * as v from 'valibot';
import type { CosignOverview, CosignRequestView, CosignSigningState, StartCosignResponse } from '../../contract/cosign.js';
import { Answers } from './cases.js';
import { check } from './check.js';
import { CaseAttachment, NamedChild } from './my-pages.js';
import { SigningStateEntries } from './signing.js';
import { LocalizedText } from './text.js';

/** Flerpartssignering's answers (src/contract/cosign.ts). */

const CosignerStatus = v.picklist(['pending', 'signed', 'declined', 'expired']);

export const CosignOverviewCheck = check<CosignOverview>(v.looseObject({
  caseId: v.string(),
  caseNumber: v.optional(v.string()),
  serviceId: v.string(),
  serviceTitle: LocalizedText,
  status: v.string(),
  deadline: v.string(),
  cosigners: v.array(v.looseObject({
    requestId: v.string(),
    name: v.optional(v.string()),
    invitedAt: v.optional(v.string()),
    sentTo: v.optional(v.string()),
    status: CosignerStatus,
    signedAt: v.optional(v.string()),
  })),
}));

const RequestView = v.looseObject({
  requestId: v.string(),
  caseId: v.string(),
  serviceId: v.string(),
  serviceVersion: v.pipe(v.number(), v.integer()),
  serviceTitle: LocalizedText,
  municipality: LocalizedText,
  askedBy: v.string(),
  deadline: v.string(),
  status: CosignerStatus,
  answers: Answers,
  attachments: v.array(CaseAttachment),
  children: v.optional(v.array(NamedChild)),
  signedAt: v.optional(v.string()),
  contactWithheld: v.optional(v.boolean()),
  organisation: v.optional(v.looseObject({ organisationNumber: v.string(), name: v.string() })),
});
export const CosignRequestViewCheck = check<CosignRequestView>(RequestView);

export const StartCosignResponseCheck = check<StartCosignResponse>(v.looseObject({ orderRef: v.string(), autoStartToken: v.optional(v.string()) }));

export const CosignSigningStateCheck = check<CosignSigningState>(v.looseObject({
  ...SigningStateEntries,
  request: v.optional(RequestView),
  caseSubmitted: v.optional(v.boolean()),
  awaitingPayment: v.optional(v.boolean()),
}));
