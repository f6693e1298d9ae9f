import * as v from 'valibot';
import type { Problem } from '../../contract/problem.js';
import { check } from './check.js';

const FieldProblem = v.looseObject({ path: v.string(), code: v.string(), message: v.string() });

/** An error's problem details (src/contract/problem.ts): what the kit reads to say what went wrong. */
export const ProblemCheck = check<Problem>(v.looseObject({
  type: v.string(),
  title: v.string(),
  status: v.pipe(v.number(), v.integer()),
  detail: v.optional(v.string()),
  instance: v.optional(v.string()),
  errors: v.optional(v.array(FieldProblem)),
  errorCode: v.optional(v.string()),
  currentVersion: v.optional(v.pipe(v.number(), v.integer())),
  caseId: v.optional(v.string()),
}));
