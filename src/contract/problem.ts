import * as z from 'zod/mini';

/**
 * RFC 9457 problem details, with the field errors a form shows beside its questions.
 * `path` names the question (its field id); `code` is stable for programs;
 * `message` is in the language the request asked for.
 */
export const FieldProblem = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type FieldProblem = z.infer<typeof FieldProblem>;

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(FieldProblem)),
  /** When a call to BankID failed: BankID's own errorCode (alreadyInProgress, maintenance…), for the RFA message. */
  errorCode: z.optional(z.string()),
  /** 409 draft-conflict: the version stored now (save over it only on purpose). */
  currentVersion: z.optional(z.int()),
  /** 409 already-used: the citizen's existing case of a once-per-person e-service. */
  caseId: z.optional(z.string()),
});
export type Problem = z.infer<typeof Problem>;

export { PROBLEM_CONTENT_TYPE } from './http.js';
