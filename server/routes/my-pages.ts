import type { FastifyInstance } from 'fastify';
import { FILE_KINDS } from '../../src/contract/attachments.js';
import { type CaseDetails, isUnsent, type Message, type MessageList, type MyCases, type Profile, SendMessageRequest } from '../../src/contract/my-pages.js';
import type { CasePdfs } from '../documents/case-pdfs.js';
import { pdfLanguage, pdfNotYet, sendPdf } from '../documents/pdf-reply.js';
import { parseBody } from '../http/body.js';
import { perMinute } from '../http/rate-limit.js';
import { ProblemError } from '../problem.js';
import type { MessageService } from '../services/messages.js';
import type { MyCasesService } from '../services/my-cases.js';
import { exportFor, parseProfile, profileOf, saveProfile } from '../services/profile.js';
import type { Database } from '../store/database.js';
import { personal } from './drafts.js';

export interface MyPagesRouteOptions {
  db: Database;
  myCases: MyCasesService;
  messages: MessageService;
  now?: () => Date;
  /** Messages one client address may send a minute. */
  messagesPerMinute: number;
  /** The PDF of a case (server/documents/). */
  pdfs: CasePdfs;
}

/** RFC 8187 / 6266: the file's own name, UTF-8, percent-encoded (no quotes to escape, no header injection). */
export function contentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename*=UTF-8''${encoded}`;
}

/**
 * Mina sidor (src/contract/my-pages.ts): the session's person's cases and drafts in every
 * municipality, a case's details, files and messages, the profile and the personal data export.
 * 401 not-logged-in without a session; someone else's case answers 404 case-not-found, exactly as
 * one that does not exist.
 */
export function myPagesRoutes(app: FastifyInstance, { db, myCases, messages, now = () => new Date(), messagesPerMinute, pdfs }: MyPagesRouteOptions): void {
  app.get('/api/my/cases', async (request, reply): Promise<MyCases> => {
    const { session, lang } = personal(request, reply);
    const { cursor, limit } = request.query as Record<string, unknown>;
    return myCases.list(session.personalNumber, { cursor, limit }, lang);
  });

  app.get<{ Params: { caseId: string } }>('/api/my/cases/:caseId', async (request, reply): Promise<CaseDetails> => {
    const { session, lang } = personal(request, reply);
    return myCases.details(session.personalNumber, request.params.caseId, lang);
  });

  app.get<{ Params: { caseId: string; attachmentId: string } }>(
    '/api/my/cases/:caseId/attachments/:attachmentId', async (request, reply) => {
      const { session, lang } = personal(request, reply);
      const { attachment, bytes } = await myCases.attachment(session.personalNumber, request.params.caseId, request.params.attachmentId, lang);
      return reply
        .header('Content-Type', FILE_KINDS[attachment.kind].mime)
        .header('Content-Disposition', contentDisposition(attachment.fileName))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Length', String(bytes.length))
        .send(bytes);
    });

  app.get<{ Params: { caseId: string } }>('/api/my/cases/:caseId/pdf', async (request, reply) => {
    const { session, lang } = personal(request, reply);
    const own = await myCases.ownCase(session.personalNumber, request.params.caseId, lang);
    const pdf = isUnsent(own.status) ? undefined : await pdfs.make(own.id, 'applicant', pdfLanguage(request, lang));
    if (!pdf) throw new ProblemError(pdfNotYet(lang));
    return sendPdf(reply, pdf);
  });

  app.get<{ Params: { caseId: string } }>('/api/my/cases/:caseId/messages', async (request, reply): Promise<MessageList> => {
    const { session, lang } = personal(request, reply);
    return messages.list(session.personalNumber, request.params.caseId, lang);
  });

  app.post<{ Params: { caseId: string } }>('/api/my/cases/:caseId/messages', { config: perMinute(messagesPerMinute) }, async (request, reply) => {
    const { session, lang } = personal(request, reply);
    // The case first: someone else's case is 404 whatever the body says.
    await myCases.ownCase(session.personalNumber, request.params.caseId, lang);
    const body = parseBody(SendMessageRequest, request.body, lang);
    const message: Message = await messages.send(session.personalNumber, request.params.caseId, body, lang);
    request.log.info({ caseId: request.params.caseId, messageId: message.id, attachments: message.attachments.length }, 'message from the citizen');
    return reply.code(201).send(message);
  });

  app.post<{ Params: { caseId: string } }>('/api/my/cases/:caseId/messages/read', async (request, reply) => {
    const { session, lang } = personal(request, reply);
    await messages.markRead(session.personalNumber, request.params.caseId, lang);
    return reply.code(204).send();
  });

  app.get('/api/my/profile', async (request, reply): Promise<Profile> => {
    const { session } = personal(request, reply);
    return profileOf(db, session.personalNumber);
  });

  app.put('/api/my/profile', async (request, reply): Promise<Profile> => {
    const { session, lang } = personal(request, reply);
    const profile = parseProfile(request.body, lang);
    const saved = await saveProfile(db, session.personalNumber, profile, now());
    request.log.info({ notifyBy: saved.notifyBy }, 'profile saved');
    return saved;
  });

  app.get('/api/my/export', async (request, reply) => {
    const { session, lang } = personal(request, reply);
    const data = await exportFor(db, myCases, session, now(), lang);
    request.log.info({ cases: data.cases.length, drafts: data.drafts.length }, 'personal data exported');
    return reply
      .header('Content-Type', 'application/json; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="registerutdrag.json"')
      .send(JSON.stringify(data, null, 2));
  });
}
