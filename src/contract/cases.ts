import * as z from 'zod/mini';
import { CASE_NUMBER, UUID } from './patterns.js';
import { storableText, storedInt } from './storable.js';
import { Language, LocalizedText } from './text.js';
import { CasePayment } from './payments.js';
import { CompanyChoice } from './companies.js';

/**
 * One answer. Each question type accepts its own shape, and the form engine checks which:
 * text as a string, a number, yes/no and a tick as booleans, several choices or files as
 * a list of strings, an address as an object of strings, a repeating group as a list of items.
 * Every string, names included, is text the database can hold (src/contract/storable.ts).
 */
const text = (max: number) => storableText().check(z.maxLength(max));
const ScalarAnswer = z.union([storableText(), z.number(), z.boolean(), z.null()]);
const ListAnswer = z.array(text(10_000)).check(z.maxLength(500));
const RecordAnswer = z.record(text(64), text(10_000));
const ItemAnswer = z.record(text(64), z.union([ScalarAnswer, ListAnswer, RecordAnswer]));
export const AnswerValue = z.union([ScalarAnswer, ListAnswer, RecordAnswer, z.array(ItemAnswer).check(z.maxLength(100))]);
export type AnswerValue = z.infer<typeof AnswerValue>;
export type ItemAnswers = z.infer<typeof ItemAnswer>;

export const Answers = z.record(storableText(), AnswerValue);
export type Answers = z.infer<typeof Answers>;

export const SubmitCaseRequest = z.object({
  serviceId: storableText().check(z.minLength(1), z.maxLength(64)),
  /** The definition version the form was filled against. */
  serviceVersion: storedInt(1),
  lang: Language,
  answers: Answers,
  /** The saved draft these answers continue: it becomes the case (and is gone) when the case is made. */
  draftId: z.optional(z.string().check(z.regex(UUID))),
  /** An e-service for companies (`applicants`): the company applying, chosen from GET /api/my/companies. */
  company: z.optional(CompanyChoice),
});
export type SubmitCaseRequest = z.infer<typeof SubmitCaseRequest>;

export const CaseNumber = z.string().check(z.regex(CASE_NUMBER));

export const CaseReceipt = z.object({
  caseId: z.string(),
  caseNumber: CaseNumber,
  serviceId: z.string(),
  serviceTitle: LocalizedText,
  municipality: LocalizedText,
  submittedAt: z.string(),
  title: LocalizedText,
  text: LocalizedText,
  /** E-services with a fee: what it costs and whether it is paid (a case not paid is not sent yet). */
  payment: z.optional(CasePayment),
});
export type CaseReceipt = z.infer<typeof CaseReceipt>;

/**
 * The answer to a submission. The receipt token lets the same browser fetch the
 * receipt again without a login; it is shown to no one else.
 */
export const SubmitCaseResponse = z.object({
  receipt: CaseReceipt,
  receiptToken: z.string(),
});
export type SubmitCaseResponse = z.infer<typeof SubmitCaseResponse>;

export { CLIENT_HEADER, CLIENT_HEADER_VALUE, IDEMPOTENCY_KEY_HEADER, RECEIPT_TOKEN_HEADER } from './http.js';
