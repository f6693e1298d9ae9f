import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldProblem } from '../../src/contract/problem.js';
import { CHARACTERS, isStorableText } from '../../src/contract/storable.js';
import type { Language } from '../../src/contract/text.js';
import { t } from '../../src/i18n/index.js';
import '../../src/i18n/messages.js';
import '../../src/i18n/messages.validation.js';
import { problem, ProblemError, sendProblem } from '../problem.js';
import { requestLanguage } from './language.js';

/** The names and values of a path's parameters or a query string that the database could not hold. */
function unstorable(values: unknown, lang: Language): FieldProblem[] {
  if (!values || typeof values !== 'object') return [];
  return Object.entries(values as Record<string, unknown>)
    .filter(([name, value]) => !isStorableText(name) || [value].flat().some((item) => typeof item === 'string' && !isStorableText(item)))
    .map(([name]) => ({ path: name, code: CHARACTERS, message: t(lang, 'validation.characters', { label: name }) }));
}

/**
 * Every route's path parameters (ids, case numbers, order references) and query string are looked at
 * before anything else: one with a NUL or half a surrogate pair (`%00`, `\uD800`) is refused with 400
 * and its name, so no route can hand it on to the database.
 */
export function refuseUnstorableParameters(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const lang = requestLanguage(request);
    const inPath = unstorable(request.params, lang);
    if (inPath.length > 0) {
      throw new ProblemError(problem(400, 'invalid-path', lang === 'en' ? 'The address is not valid' : 'Adressen är inte giltig', undefined, inPath));
    }
    const inQuery = unstorable(request.query, lang);
    if (inQuery.length > 0) {
      throw new ProblemError(problem(400, 'invalid-query',
        lang === 'en' ? 'The query is not valid' : 'Frågan i adressen är inte giltig', undefined, inQuery));
    }
  });
}

/**
 * Fastify's `frameworkErrors`: a path that does not decode (`%ED%A0%80`, half a surrogate pair in UTF-8)
 * is refused with a problem too, like every other 400.
 */
export function badAddress(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  const lang = requestLanguage(request);
  const code = (error as { code?: string }).code;
  void sendProblem(reply, code === 'FST_ERR_BAD_URL'
    ? problem(400, 'invalid-path', lang === 'en' ? 'The address is not valid' : 'Adressen är inte giltig')
    : problem(400, 'bad-request', error.message));
}
