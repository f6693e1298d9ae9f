import * as z from 'zod/mini';
import { Attachment } from '../../src/contract/attachments.js';
import { Answers, CaseNumber } from '../../src/contract/cases.js';
import { CaseStatus, Message, OfficerStatus } from '../../src/contract/my-pages.js';
import { storableText } from '../../src/contract/storable.js';
import { LocalizedText } from '../../src/contract/text.js';
import { CaseOrganisation } from '../../src/contract/companies.js';
import { OfficerPayment } from '../payments/officer.js';

/**
 * The officer API: what a municipality's case system (not a browser) reads and does, with a
 * bearer token of that municipality. Server-side only: the kit never calls it.
 */

/** The statuses the list can be filtered by: a case being cosigned is not the municipality's yet. */
export const OfficerListStatus = z.enum(['submitted', 'inProgress', 'awaitingSupplement', 'closed']);

export const OfficerCaseSummary = z.object({
  id: z.string(),
  caseNumber: CaseNumber,
  serviceId: z.string(),
  serviceVersion: z.int(),
  serviceTitle: LocalizedText,
  status: CaseStatus,
  submittedAt: z.string(),
  updatedAt: z.string(),
  /**
   * A company's case: the company that applies (its organisationsnummer, ten digits, and its name as the company
   * register gave them when the case was sent); `applicant` is then the signatory who sent it.
   */
  organisation: z.optional(CaseOrganisation),
});
export type OfficerCaseSummary = z.infer<typeof OfficerCaseSummary>;

/** Newest first; `nextCursor` (as `cursor=`) fetches the next, older page. */
export const OfficerCaseList = z.object({
  items: z.array(OfficerCaseSummary),
  nextCursor: z.optional(z.string()),
});

export const OfficerCaseDetails = z.object({
  ...OfficerCaseSummary.shape,
  municipalityId: z.string(),
  lang: z.enum(['sv', 'en']),
  answers: Answers,
  /**
   * Who sent it, when logged in: the personnummer — or, for a foreign e-ID without a Swedish number (a limited
   * profile), `foreignId`, its prid ("DE:8976543432": the country, then its identifier) — the name where a signature
   * gives it, the e-ID they logged in with ('bankid', 'freja', 'telia', 'eidas') and its level of assurance.
   */
  applicant: z.nullable(z.object({
    personalNumber: z.optional(z.string()), foreignId: z.optional(z.string()), name: z.optional(z.string()), eid: z.optional(z.string()), loa: z.optional(z.string()),
  })),
  /** The case's files, from its questions and from messages (`messageId`). */
  attachments: z.array(z.object({ ...Attachment.shape, fieldId: z.string(), messageId: z.optional(z.string()) })),
  /**
   * The signatures, as evidence: with BankID (`eid` "bankid") its base64 XML signature and OCSP response; through the
   * e-ID broker (`eid` "freja", "telia", "eidas") the userSignature the e-ID made, the ID token that carried it
   * (`idToken`, signed by the broker) and an empty ocspResponse.
   */
  signatures: z.array(z.object({
    personalNumber: z.optional(z.string()), foreignId: z.optional(z.string()), name: z.string(), signedAt: z.string(), orderRef: z.string(),
    signature: z.string(), ocspResponse: z.string(), eid: z.string(), idToken: z.optional(z.string()),
  })),
  /** Every status the case has had, oldest first, and who set it. */
  history: z.array(z.object({ status: CaseStatus, at: z.string(), by: z.enum(['citizen', 'officer', 'system']) })),
  /** Both ways, oldest first. */
  messages: z.array(Message),
  /** E-services with a fee: what the case cost, how it was paid, and what was given back. */
  payment: z.optional(OfficerPayment),
});
export type OfficerCaseDetails = z.infer<typeof OfficerCaseDetails>;

export const OfficerStatusRequest = z.object({
  status: OfficerStatus,
  /** Sent to the citizen as a message from the officer, in the same transaction (one notice for both). */
  note: z.optional(storableText().check(z.minLength(1), z.maxLength(5000))),
});

export const OfficerMessageRequest = z.object({
  body: storableText().check(z.minLength(1), z.maxLength(5000)),
});
