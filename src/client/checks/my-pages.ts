import * as v from 'valibot';
import type { CaseDetails, Draft, Message, MessageList, MyCases, Profile } from '../../contract/my-pages.js';
import { CASE_STATUSES } from '../../contract/statuses.js';
import { AttachmentEntries } from './attachments.js';
import { Answers } from './cases.js';
import { check } from './check.js';
import { LocalizedText } from './text.js';

/** Mina sidor's answers (src/contract/my-pages.ts). */

const int = v.pipe(v.number(), v.integer());
export const CaseStatus = v.picklist(CASE_STATUSES);

export const DraftSchema = v.looseObject({
  id: v.string(),
  serviceId: v.string(),
  serviceVersion: int,
  answers: Answers,
  stepId: v.optional(v.string()),
  version: int,
  createdAt: v.string(),
  updatedAt: v.string(),
  expiresAt: v.string(),
});
export const DraftCheck = check<Draft>(DraftSchema);

const summary = {
  id: v.string(),
  kind: v.picklist(['draft', 'case', 'cosignRequest']),
  caseNumber: v.optional(v.string()),
  serviceId: v.string(),
  serviceTitle: LocalizedText,
  municipality: LocalizedText,
  status: CaseStatus,
  createdAt: v.string(),
  updatedAt: v.string(),
  submittedAt: v.optional(v.string()),
  unreadMessages: int,
  organisation: v.optional(v.looseObject({ organisationNumber: v.string(), name: v.string() })),
};
export const MyCasesCheck = check<MyCases>(v.looseObject({ items: v.array(v.looseObject(summary)), nextCursor: v.optional(v.string()) }));

export const CaseAttachment = v.looseObject({ ...AttachmentEntries, fieldId: v.string() });
export const NamedChild = v.looseObject({ personalNumber: v.string(), name: v.string() });

export const CaseDetailsCheck = check<CaseDetails>(v.looseObject({
  ...summary,
  serviceVersion: int,
  answers: Answers,
  attachments: v.array(CaseAttachment),
  children: v.optional(v.array(NamedChild)),
  signatures: v.array(v.looseObject({ name: v.string(), signedAt: v.string(), eid: v.optional(v.string()) })),
  history: v.array(v.looseObject({ status: CaseStatus, at: v.string() })),
  eid: v.optional(v.string()),
}));

const MessageSchema = v.looseObject({
  id: v.string(),
  from: v.picklist(['citizen', 'officer']),
  body: v.string(),
  sentAt: v.string(),
  readAt: v.optional(v.string()),
  attachments: v.array(v.looseObject(AttachmentEntries)),
});
export const MessageCheck = check<Message>(MessageSchema);
export const MessageListCheck = check<MessageList>(v.looseObject({ messages: v.array(MessageSchema) }));

export const ProfileCheck = check<Profile>(v.looseObject({
  email: v.optional(v.string()),
  phone: v.optional(v.string()),
  notifyBy: v.picklist(['email', 'sms', 'none']),
}));
