import * as z from 'zod/mini';
import { CasePayment } from './payments.js';
import { Attachment, AttachmentId } from './attachments.js';
import { Answers, CaseNumber } from './cases.js';
import { CaseOrganisation, CompanyChoice } from './companies.js';
import { storableText, storedInt } from './storable.js';
import { EMAIL, PHONE, UUID } from './patterns.js';
import { CASE_STATUSES } from './statuses.js';
import { LocalizedText } from './text.js';

/**
 * Mina sidor: what a logged-in citizen has started and sent, in every municipality the platform
 * hosts, and the messages with the case officer. Every endpoint answers the session's person
 * only; a draft, case, attachment or message of anyone else is answered 404, exactly as one
 * that does not exist.
 *
 *   POST   /api/drafts                       SaveDraftRequest (no version)      → 201 Draft
 *   GET    /api/drafts/{draftId}                                                → Draft
 *   PUT    /api/drafts/{draftId}             SaveDraftRequest (with version)    → Draft | 409 draft-conflict
 *   DELETE /api/drafts/{draftId}                                                → 204
 *   GET    /api/my/cases?cursor=&limit=                                         → MyCases
 *   GET    /api/my/cases/{caseId}                                               → CaseDetails
 *   GET    /api/my/cases/{caseId}/attachments/{attachmentId}                    → the file's bytes
 *   GET    /api/my/cases/{caseId}/messages                                      → MessageList
 *   POST   /api/my/cases/{caseId}/messages   SendMessageRequest                 → 201 Message
 *   POST   /api/my/cases/{caseId}/messages/read                                 → 204 (all read)
 *   GET    /api/my/profile                                                      → Profile
 *   PUT    /api/my/profile                   Profile                            → Profile
 *   GET    /api/my/export                                                       → everything stored about the person (JSON)
 *
 * A draft is sent by POST /api/cases (or POST /api/signatures) with its `draftId`: the draft
 * becomes the case in the same transaction.
 */

export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;
export { UNSENT_STATUSES, isUnsent } from './statuses.js';

/** The statuses a municipality's case system may set (the others come from the citizen's own actions). */
export const OfficerStatus = z.enum(['inProgress', 'awaitingSupplement', 'closed']);
export type OfficerStatus = z.infer<typeof OfficerStatus>;

export const Uuid = z.string().check(z.regex(UUID));

export const SaveDraftRequest = z.object({
  serviceId: storableText().check(z.minLength(1), z.maxLength(64)),
  serviceVersion: storedInt(1),
  answers: Answers,
  /** The step the citizen was on, to continue there. */
  stepId: z.optional(storableText().check(z.maxLength(64))),
  /** The version this save builds on; absent when creating. An older one than stored: 409 draft-conflict. */
  version: z.optional(storedInt(1)),
  /** An e-service for companies: the company chosen so far (checked against the register only when sent). */
  company: z.optional(CompanyChoice),
});
export type SaveDraftRequest = z.infer<typeof SaveDraftRequest>;

export const Draft = z.object({
  id: Uuid,
  serviceId: z.string(),
  serviceVersion: z.int(),
  answers: Answers,
  stepId: z.optional(z.string()),
  /** Raised by one with each save. */
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When the draft is deleted unless saved again (the service's retention). */
  expiresAt: z.string(),
  company: z.optional(CompanyChoice),
});
export type Draft = z.infer<typeof Draft>;

/** One row of <my-cases>: a draft or a case. */
export const CaseSummary = z.object({
  /** The draft's or the case's id. */
  id: Uuid,
  /** A draft, a case, or a request to cosign someone else's case (flerpartssignering). */
  kind: z.enum(['draft', 'case', 'cosignRequest']),
  caseNumber: z.optional(CaseNumber),
  serviceId: z.string(),
  serviceTitle: LocalizedText,
  municipality: LocalizedText,
  status: CaseStatus,
  /**
   * A draft: when it was first saved. A case: when the applicant sent it, or signed it when others sign
   * too. A request to cosign: when the person was asked.
   */
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When the municipality got the case; absent for a draft and for a case never sent (UNSENT_STATUSES). */
  submittedAt: z.optional(z.string()),
  /** Messages from the case officer the citizen has not read. */
  unreadMessages: z.int().check(z.minimum(0)),
  /**
   * A company's case: the company, as the register named it when it was sent. Listed to everyone the company register
   * lets act for the company, not only to the person who sent it.
   */
  organisation: z.optional(CaseOrganisation),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/** Newest first; `nextCursor` fetches the next page. */
export const MyCases = z.object({
  items: z.array(CaseSummary),
  nextCursor: z.optional(z.string()),
});
export type MyCases = z.infer<typeof MyCases>;

export const StatusChange = z.object({ status: CaseStatus, at: z.string() });
export type StatusChange = z.infer<typeof StatusChange>;

/** Who signed, when, and with which e-ID (`bankid`, or the broker's `freja`, `telia`, `eidas`). */
export const CaseSignature = z.object({ name: z.string(), signedAt: z.string(), eid: z.optional(z.string()) });

/** A file of the case's answers, with the question it answers. */
export const CaseAttachment = z.object({ ...Attachment.shape, fieldId: z.string() });
export type CaseAttachment = z.infer<typeof CaseAttachment>;

/** A child a "Which child?" answer names (the answer is the personnummer), by name, from the population register. */
export const NamedChild = z.object({ personalNumber: z.string(), name: z.string() });
export type NamedChild = z.infer<typeof NamedChild>;

export const CaseDetails = z.object({
  ...CaseSummary.shape,
  serviceVersion: z.int(),
  answers: Answers,
  attachments: z.array(CaseAttachment),
  /** The children the answers name, for showing them by name; a child the register no longer gives stays a personnummer. */
  children: z.optional(z.array(NamedChild)),
  signatures: z.array(CaseSignature),
  /** Every status the case has had, oldest first. */
  history: z.array(StatusChange),
  /** E-services with a fee: what the case costs, and whether and how it was paid (Väntar på betalning while due). */
  payment: z.optional(CasePayment),
  /** The e-ID the citizen logged in with to send it: 'bankid', 'freja', 'telia' or 'eidas'. */
  eid: z.optional(z.string()),
});
export type CaseDetails = z.infer<typeof CaseDetails>;

export const Message = z.object({
  id: Uuid,
  from: z.enum(['citizen', 'officer']),
  body: z.string(),
  sentAt: z.string(),
  /** When the citizen read a message from the officer; absent: unread. */
  readAt: z.optional(z.string()),
  attachments: z.array(Attachment),
});
export type Message = z.infer<typeof Message>;

export const MessageList = z.object({ messages: z.array(Message) });
export type MessageList = z.infer<typeof MessageList>;

export const SendMessageRequest = z.object({
  body: storableText().check(z.minLength(1), z.maxLength(5000)),
  /** Files uploaded first with POST /api/attachments?messageFor={caseId}. */
  attachmentIds: z.optional(z.array(AttachmentId).check(z.maxLength(5))),
});
export type SendMessageRequest = z.infer<typeof SendMessageRequest>;

/** How the citizen wants to hear that something happened: never the content itself, only that there is news. */
export const Profile = z.object({
  email: z.optional(z.email({ pattern: EMAIL })),
  phone: z.optional(z.string().check(z.regex(PHONE))),
  notifyBy: z.enum(['email', 'sms', 'none']),
});
export type Profile = z.infer<typeof Profile>;
