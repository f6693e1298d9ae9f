import type { FastifyRequest } from 'fastify';
import type { Language } from '../../src/contract/text.js';
import { toLanguage } from '../../src/i18n/index.js';

/** The language for problem texts: the body's `lang` if any, else Accept-Language, else Swedish. */
export function requestLanguage(request: FastifyRequest): Language {
  const body = request.body as { lang?: unknown } | undefined;
  if (body && typeof body.lang === 'string') return toLanguage(body.lang);
  const accept = request.headers['accept-language'];
  return toLanguage(typeof accept === 'string' ? accept.split(',')[0] : undefined);
}
