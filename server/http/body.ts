import type { z } from 'zod/mini';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { FieldProblem } from '../../src/contract/problem.js';
import { CHARACTERS } from '../../src/contract/storable.js';
import type { Language } from '../../src/contract/text.js';
import { errorMessage } from '../../src/forms/messages.js';
import { t } from '../../src/i18n/index.js';
import '../../src/i18n/messages.js';
import '../../src/i18n/messages.validation.js';
import { problem, ProblemError } from '../problem.js';

type Issue = z.core.$ZodIssue;

/** The check of src/contract/storable.ts failed: text the database cannot hold (in a value or a key). */
function isCharacters(issue: Issue): boolean {
  if (issue.code === 'custom') return (issue.params as { code?: string } | undefined)?.code === CHARACTERS;
  return issue.code === 'invalid_key' && issue.issues.some(isCharacters);
}

/** One field error, in the request's language where the kit has words for it. */
export function fieldProblem(issue: Issue, lang: Language): FieldProblem {
  const path = issue.path.map(String).join('.') || '(body)';
  const label = String(issue.path.at(-1) ?? '(body)');
  if (isCharacters(issue)) return { path, code: CHARACTERS, message: t(lang, 'validation.characters', { label }) };
  if (issue.code === 'too_big' && issue.origin === 'number') {
    return { path, code: 'max', message: t(lang, 'validation.max', { label, max: String(issue.maximum) }) };
  }
  if (issue.code === 'too_small' && issue.origin === 'number') {
    return { path, code: 'min', message: t(lang, 'validation.min', { label, min: String(issue.minimum) }) };
  }
  return { path, code: issue.code, message: issue.message };
}

function invalidBody(issues: Issue[], lang: Language): ProblemError {
  return new ProblemError(
    problem(400, 'invalid-body', lang === 'en' ? 'The request body is not valid' : 'Anropets innehåll är inte giltigt', undefined,
      issues.map((issue) => fieldProblem(issue, lang))),
  );
}

/** Parses a request body with a contract schema, or throws a 400 that names every wrong field. */
export function parseBody<Schema extends z.ZodMiniType>(schema: Schema, body: unknown, lang: Language): z.infer<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data as z.infer<Schema>;
  throw invalidBody(result.error.issues, lang);
}

/**
 * A body with answers to an e-service (a case, a draft): as parseBody, but when what is wrong is only
 * text in the answers that the database cannot hold, the refusal is the form's own — 400 `validation`,
 * each question by its path (`description`, `allergies.0.reaction`) with the message the form shows at
 * it. A citizen who pasted a NUL reads the same words whether the browser or the server caught it.
 */
export async function parseAnswered<Schema extends z.ZodMiniType>(
  schema: Schema, body: unknown, lang: Language,
  definitionOf: (serviceId: string, version: number) => Promise<ServiceDefinition | undefined>,
): Promise<z.infer<Schema>> {
  const result = schema.safeParse(body);
  if (result.success) return result.data as z.infer<Schema>;
  const { issues } = result.error;
  // Only the answers are wrong: the body is an object whose serviceId and serviceVersion passed.
  const onlyAnswers = issues.every((issue) => issue.path[0] === 'answers' && issue.path.length > 1 && isCharacters(issue));
  const { serviceId, serviceVersion } = (onlyAnswers ? body : {}) as { serviceId: string; serviceVersion: number };
  const definition = onlyAnswers ? await definitionOf(serviceId, serviceVersion) : undefined;
  if (!definition) throw invalidBody(issues, lang);
  const paths = [...new Set(issues.map((issue) => issue.path.slice(1).map(String).join('.')))];
  throw new ProblemError(
    problem(400, 'validation', lang === 'en' ? 'Some answers need correcting' : 'Några svar behöver rättas', undefined,
      paths.map((path) => ({ path, code: CHARACTERS, message: errorMessage({ path, code: CHARACTERS, params: {} }, definition, lang) }))),
  );
}
