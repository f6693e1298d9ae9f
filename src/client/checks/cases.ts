import * as v from 'valibot';
import type { Answers as AnswersType, CaseReceipt, SubmitCaseResponse } from '../../contract/cases.js';
import { check } from './check.js';
import { LocalizedText } from './text.js';

/** Answers and a sent case's receipt (src/contract/cases.ts). */

const scalar = v.union([v.string(), v.number(), v.boolean(), v.null()]);
const list = v.array(v.string());
const record = v.record(v.string(), v.string());
const item = v.record(v.string(), v.union([scalar, list, record]));

export const Answers: v.GenericSchema<unknown, AnswersType> = v.record(v.string(), v.union([scalar, list, record, v.array(item)]));
export const AnswersCheck = check<AnswersType>(Answers);

export const CaseReceiptSchema = v.looseObject({
  caseId: v.string(),
  caseNumber: v.string(),
  serviceId: v.string(),
  serviceTitle: LocalizedText,
  municipality: LocalizedText,
  submittedAt: v.string(),
  title: LocalizedText,
  text: LocalizedText,
});
export const CaseReceiptCheck = check<CaseReceipt>(CaseReceiptSchema);

export const SubmitCaseResponseSchema = v.looseObject({ receipt: CaseReceiptSchema, receiptToken: v.string() });
export const SubmitCaseResponseCheck = check<SubmitCaseResponse>(SubmitCaseResponseSchema);
