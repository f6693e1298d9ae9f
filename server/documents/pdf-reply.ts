import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../../src/contract/text.js';
import { problem, ProblemError } from '../problem.js';
import type { CasePdf } from './case-pdfs.js';

/**
 * The language the PDF is asked for in: `?lang=sv` or `?lang=en`, or undefined for the case's own. Anything
 * else is 400 invalid-query rather than a quiet Swedish PDF for someone who asked for another language.
 */
export function pdfLanguage(request: FastifyRequest, problemLang: Language): Language | undefined {
  const { lang } = request.query as { lang?: unknown };
  if (lang === undefined) return undefined;
  if (lang === 'sv' || lang === 'en') return lang;
  const detail = problemLang === 'en' ? 'lang: sv or en.' : 'lang: sv eller en.';
  throw new ProblemError(problem(400, 'invalid-query', problemLang === 'en' ? 'The query is not valid' : 'Frågan i adressen är inte giltig', detail,
    [{ path: 'lang', code: 'invalid', message: detail }]));
}

/**
 * 409 for a case not sent to the municipality (it waits for its payment or for a cosigner, or ended unsent):
 * its PDF is of what the municipality received, so there is none yet.
 */
export function pdfNotYet(lang: Language) {
  return problem(409, 'case-not-sent',
    lang === 'en' ? 'The case has not been sent to the municipality' : 'Ärendet är inte inskickat till kommunen',
    lang === 'en'
      ? 'The PDF of the case can be fetched once it is sent: when it is paid, or when everyone has signed it.'
      : 'Ärendets PDF finns när ärendet är inskickat: när det är betalt, eller när alla har skrivit under.');
}

/** A download named after the case (its number is letters, digits and dashes: nothing to escape), never cached. */
export function sendPdf(reply: FastifyReply, pdf: CasePdf): FastifyReply {
  return reply
    .type('application/pdf')
    .header('Content-Disposition', `attachment; filename="${pdf.caseNumber}.pdf"`)
    .header('Cache-Control', 'no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .send(pdf.bytes);
}
