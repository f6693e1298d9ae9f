import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CaseNumber, IDEMPOTENCY_KEY_HEADER, RECEIPT_TOKEN_HEADER, SubmitCaseRequest } from '../../src/contract/cases.js';
import { parseAnswered } from '../http/body.js';
import { perMinute } from '../http/rate-limit.js';
import { requestLanguage } from '../http/language.js';
import { problem, ProblemError } from '../problem.js';
import { caseNotFound } from '../services/case-status.js';
import type { CaseService } from '../services/cases.js';
import type { CasePdfs } from '../documents/case-pdfs.js';
import { pdfLanguage, pdfNotYet, sendPdf } from '../documents/pdf-reply.js';
import { personal } from './drafts.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{16,128}$/;

/** The request's Idempotency-Key, or 400 idempotency-key-missing. */
export function idempotencyKey(request: FastifyRequest): string {
  const key = request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
    throw new ProblemError(problem(400, 'idempotency-key-missing', `Send an ${IDEMPOTENCY_KEY_HEADER} header`,
      '16 to 128 letters, digits or -_:. — a new random value (such as a UUID) for each new submission.'));
  }
  return key;
}

export function caseRoutes(app: FastifyInstance, cases: CaseService, casesPerMinute: number, pdfs: CasePdfs): void {
  app.post('/api/cases', { config: perMinute(casesPerMinute) }, async (request, reply) => {
    const lang = requestLanguage(request);
    const key = idempotencyKey(request);
    const body = await parseAnswered(SubmitCaseRequest, request.body, lang, (id, version) => cases.definition(id, version, lang).catch(() => undefined));
    // Logged in (with any e-service): the case records who sent it, and the key is that person's own.
    const { response, created } = await cases.submit(body, key, lang, request.session);
    request.log.info({ caseId: response.receipt.caseId, serviceId: response.receipt.serviceId, created }, 'case submitted');
    return reply.code(created ? 201 : 200).send(response);
  });

  /** The receipt, for whoever holds its token (sent as a header); anyone else: 404, as for no case. */
  const tokenReceipt = async (request: FastifyRequest<{ Params: { caseNumber: string } }>) => {
    const token = request.headers[RECEIPT_TOKEN_HEADER.toLowerCase()];
    const receipt =
      typeof token === 'string' && CaseNumber.safeParse(request.params.caseNumber).success
        ? await cases.receipt(request.params.caseNumber, token)
        : undefined;
    if (!receipt) throw new ProblemError(problem(404, 'case-not-found', 'Case not found'));
    return receipt;
  };

  app.get<{ Params: { caseNumber: string } }>('/api/cases/:caseNumber/receipt', tokenReceipt);

  // The case as a PDF (server/documents/), beside the receipt, with the same token. Making one costs
  // a tenth of a second of CPU: limited per address as sending is.
  app.get<{ Params: { caseNumber: string } }>('/api/cases/:caseNumber/pdf', { config: perMinute(casesPerMinute) }, async (request, reply) => {
    const lang = requestLanguage(request);
    const receipt = await tokenReceipt(request);
    const pdf = await pdfs.make(receipt.caseId, 'applicant', pdfLanguage(request, lang));
    if (!pdf) throw new ProblemError(pdfNotYet(lang));
    return sendPdf(reply, pdf);
  });

  // Mina sidor's "Betala": the logged-in citizen's own case, by id, to pay later without the receipt token.
  app.get<{ Params: { caseId: string } }>('/api/my/cases/:caseId/receipt', async (request, reply) => {
    const { session, lang } = personal(request, reply);
    const receipt = await cases.ownReceipt(request.params.caseId, session.personalNumber);
    if (!receipt) throw new ProblemError(caseNotFound(lang));
    return receipt;
  });
}
