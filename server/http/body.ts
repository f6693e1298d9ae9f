import type { z } from 'zod/mini';
import type { Language } from '../../src/contract/text.js';
import { problem, ProblemError } from '../problem.js';

/** Parses a request body with a contract schema, or throws a 400 that names every wrong field. */
export function parseBody<Schema extends z.ZodMiniType>(schema: Schema, body: unknown, lang: Language): z.infer<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data as z.infer<Schema>;
  throw new ProblemError(
    problem(400, 'invalid-body', lang === 'en' ? 'The request body is not valid' : 'Anropets innehåll är inte giltigt', undefined,
      result.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || '(body)',
        code: issue.code,
        message: issue.message,
      })),
    ),
  );
}
