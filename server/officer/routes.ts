import { randomUUID } from 'node:crypto';
import { OfficerRefundRequest } from '../payments/officer.js';
import type { PaymentService } from '../payments/service.js';
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { FILE_KINDS } from '../../src/contract/attachments.js';
import type { OfficerToken } from '../config.js';
import { DatabaseBlobStore } from '../attachments/db-store.js';
import type { AttachmentBlobStore } from '../attachments/store.js';
import type { CasePdfs } from '../documents/case-pdfs.js';
import { pdfLanguage, sendPdf } from '../documents/pdf-reply.js';
import { queueNotification } from '../notify/notifications.js';
import { problem, ProblemError } from '../problem.js';
import { changeStatus } from '../services/case-status.js';
import { addOfficerMessage } from '../services/messages.js';
import type { Database } from '../store/database.js';
import { requireOfficer } from './auth.js';
import { caseAttachment, caseDetails, decodeCursor, listCases, ownCase } from './cases.js';
import { OfficerListStatus, OfficerMessageRequest, OfficerStatusRequest } from './schemas.js';

export interface OfficerRouteOptions {
  db: Database;
  /** OFFICER_TOKENS: the tokens this instance accepts; empty: the demo tokens in the database. */
  tokens: OfficerToken[];
  blobs?: AttachmentBlobStore;
  now?: () => Date;
  /** Refunds of paid cases (server/payments/). */
  payments?: PaymentService;
  /** The PDF of a case (server/documents/). */
  pdfs: CasePdfs;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

const notFound = () => new ProblemError(problem(404, 'case-not-found', 'The case was not found'));

function invalid(detail: string, path: string, code = 'invalid'): ProblemError {
  return new ProblemError(problem(400, 'invalid-body', 'The request is not valid', detail, [{ path, code, message: detail }]));
}

function parseBody<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw invalid(issue.message, issue.path.join('.') || 'body', issue.code);
  }
  return result.data;
}

/**
 * /api/officer/*: a municipality's case system reads its cases and answers the citizen. Every
 * route needs a bearer token of the municipality; a case of another municipality is answered
 * 404, exactly as one that does not exist. Errors are in English: the reader is a program.
 */
export async function officerRoutes(app: FastifyInstance, options: OfficerRouteOptions): Promise<void> {
  const { db } = options;
  const blobs = options.blobs ?? new DatabaseBlobStore(db);
  const now = options.now ?? (() => new Date());

  await app.register(async (scope) => {
    // Every route here is called by a program with a bearer token: no Origin/X-Requested-With check, no citizen session.
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, auth: 'bearer' };
    });
    // onRequest: the token is checked before any body is read.
    scope.addHook('onRequest', requireOfficer(db, options.tokens));

    scope.get('/api/officer/cases', async (request) => {
      const query = request.query as Record<string, string | undefined>;
      const status = query.status === undefined ? undefined : OfficerListStatus.safeParse(query.status);
      if (status && !status.success) throw invalid(`status must be one of ${OfficerListStatus.options.join(', ')}`, 'status');
      const since = query.since === undefined ? undefined : new Date(query.since);
      if (since && Number.isNaN(since.getTime())) throw invalid('since must be a date and time in ISO 8601, e.g. 2026-11-24T00:00:00Z', 'since');
      const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw invalid(`limit must be a whole number from 1 to ${MAX_LIMIT}`, 'limit');
      const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      if (query.cursor !== undefined && !cursor) throw invalid('cursor must be a nextCursor this API gave', 'cursor');
      return listCases(db, request.officer!.municipalityId, {
        limit, ...(status ? { status: status.data } : {}), ...(since ? { since } : {}), ...(cursor ? { cursor } : {}),
      });
    });

    scope.get('/api/officer/cases/:caseId', async (request) => {
      const { caseId } = request.params as { caseId: string };
      const details = await caseDetails(db, request.officer!.municipalityId, caseId);
      if (!details) throw notFound();
      request.log.info({ caseId, municipalityId: request.officer!.municipalityId }, 'officer read a case');
      return details;
    });

    scope.get('/api/officer/cases/:caseId/attachments/:attachmentId', async (request, reply) => {
      const { caseId, attachmentId } = request.params as { caseId: string; attachmentId: string };
      const file = await caseAttachment(db, request.officer!.municipalityId, caseId, attachmentId);
      const bytes = file && (await blobs.get(attachmentId));
      if (!file || !bytes) throw new ProblemError(problem(404, 'attachment-not-found', 'The attachment was not found'));
      return reply
        .type(FILE_KINDS[file.kind].mime)
        .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
        .header('Cache-Control', 'no-store')
        .send(bytes);
    });

    // The case as the municipality archives it: PDF/A, each question under its summaryLabel.
    scope.get('/api/officer/cases/:caseId/pdf', async (request, reply) => {
      const { caseId } = request.params as { caseId: string };
      const municipalityId = request.officer!.municipalityId;
      const lang = pdfLanguage(request, 'en');
      const pdf = (await ownCase(db, municipalityId, caseId)) ? await options.pdfs.make(caseId, 'other', lang) : undefined;
      if (!pdf) throw notFound();
      request.log.info({ caseId, municipalityId }, 'officer fetched a case PDF');
      return sendPdf(reply, pdf);
    });

    scope.post('/api/officer/cases/:caseId/status', async (request) => {
      const { caseId } = request.params as { caseId: string };
      const body = parseBody(OfficerStatusRequest, request.body);
      const municipalityId = request.officer!.municipalityId;
      await db.transaction(async (tx) => {
        if (!(await ownCase(tx, municipalityId, caseId))) throw notFound();
        const at = now();
        await changeStatus(tx, caseId, body.status, 'officer', at, 'en');
        if (body.note) await addOfficerMessage(tx, caseId, body.note, at);
        // One notice for the change and its note: the citizen reads both on Mina sidor.
        await queueNotification(tx, caseId, body.note ? 'message' : 'status', `officer:${randomUUID()}`, at);
      });
      request.log.info({ caseId, municipalityId, status: body.status }, 'officer changed a status');
      return caseDetails(db, municipalityId, caseId);
    });

    scope.post('/api/officer/cases/:caseId/refunds', async (request, reply) => {
      const { caseId } = request.params as { caseId: string };
      const body = parseBody(OfficerRefundRequest, request.body);
      const municipalityId = request.officer!.municipalityId;
      if (!options.payments || !(await ownCase(db, municipalityId, caseId))) throw notFound();
      const refund = await options.payments.refund(caseId, body);
      request.log.info({ caseId, municipalityId, refundId: refund.id, amount: refund.amount, state: refund.state }, 'officer refunded a payment');
      if (refund.state === 'failed') {
        throw new ProblemError(problem(502, 'refund-failed', 'The payment provider did not make the refund',
          'Nothing was given back; the amount can be asked for again.'));
      }
      return reply.code(201).send(refund);
    });

    scope.post('/api/officer/cases/:caseId/messages', async (request, reply) => {
      const { caseId } = request.params as { caseId: string };
      const body = parseBody(OfficerMessageRequest, request.body);
      const municipalityId = request.officer!.municipalityId;
      const message = await db.transaction(async (tx) => {
        if (!(await ownCase(tx, municipalityId, caseId))) throw notFound();
        const at = now();
        const sent = await addOfficerMessage(tx, caseId, body.body, at);
        await queueNotification(tx, caseId, 'message', `message:${sent.id}`, at);
        return sent;
      });
      // The words stay out of the log: they are about a person.
      request.log.info({ caseId, municipalityId, messageId: message.id }, 'officer sent a message');
      return reply.code(201).send(message);
    });
  });
}
