import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UPLOAD_FILE_PART } from '../../src/contract/attachments.js';
import type { Language } from '../../src/contract/text.js';
import { DatabaseBlobStore } from '../attachments/db-store.js';
import { AttachmentService, type FileQuestion, MESSAGE_FILE_QUESTION, maxFileBytes, uploadProblems } from '../attachments/service.js';
import type { AttachmentBlobStore } from '../attachments/store.js';
import { requestLanguage } from '../http/language.js';
import { perMinute } from '../http/rate-limit.js';
import { problem, ProblemError } from '../problem.js';
import type { DefinitionStore } from '../services/definitions.js';
import type { CompanyRegister } from '../companies/register.js';
import type { Database } from '../store/database.js';

export interface AttachmentRouteOptions {
  db: Database;
  definitions: DefinitionStore;
  /** Where the bytes go; the database unless given. */
  blobs?: AttachmentBlobStore;
  now?: () => Date;
  /** Uploads allowed per client address and minute. */
  uploadsPerMinute?: number;
  /** The company register: whoever may act for a company attaches files to messages on its cases too. */
  companies?: CompanyRegister;
}

/**
 * `POST /api/attachments?serviceId=…&fieldId=…` (multipart/form-data, one part named `file`)
 * and `DELETE /api/attachments/:id`. The multipart parser lives in this plugin's own context,
 * so every other route still takes JSON only.
 */
export async function attachmentRoutes(app: FastifyInstance, options: AttachmentRouteOptions): Promise<void> {
  const service = new AttachmentService(options.db, options.blobs ?? new DatabaseBlobStore(options.db), options.definitions, options.now, options.companies);

  await app.register(async (scope) => {
    await scope.register(multipart, {
      // The file's own limit is set per request from its question; the app's JSON body limit plays no part.
      limits: { fieldNameSize: 100, fieldSize: 1024, headerPairs: 20 },
    });

    // A body that is neither multipart nor JSON fails before the handler: say what this route takes.
    scope.setErrorHandler((error: { code?: string }, request) => {
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw new ProblemError(uploadProblems.notMultipart(requestLanguage(request)));
      throw error;
    });

    scope.post('/api/attachments', { config: perMinute(options.uploadsPerMinute ?? 60) }, async (request, reply) => {
      const lang = requestLanguage(request);
      const { serviceId, fieldId, messageFor } = request.query as Record<string, unknown>;
      if (messageFor !== undefined) {
        // A file for a message on Mina sidor: the uploader's own case only (404 as for no case at all).
        const owner = request.session?.personalNumber;
        if (!owner) throw new ProblemError(problem(401, 'not-logged-in', lang === 'en' ? 'You are not logged in' : 'Du är inte inloggad'));
        if (typeof messageFor !== 'string' || serviceId !== undefined || fieldId !== undefined) {
          throw new ProblemError(uploadProblems.missingQuery(lang));
        }
        const caseServiceId = await service.messageCase(messageFor, owner, lang);
        if (!request.isMultipart()) throw new ProblemError(uploadProblems.notMultipart(lang));
        const upload = await readOneFile(request, MESSAGE_FILE_QUESTION, lang);
        const attachment = await service.save(caseServiceId, MESSAGE_FILE_QUESTION, upload.fileName, upload.bytes, lang, owner, messageFor);
        request.log.info({ attachmentId: attachment.id, caseId: messageFor, kind: attachment.kind, sizeBytes: attachment.sizeBytes }, 'message attachment uploaded');
        return reply.code(201).send(attachment);
      }
      if (typeof serviceId !== 'string' || typeof fieldId !== 'string' || !serviceId || !fieldId) {
        throw new ProblemError(uploadProblems.missingQuery(lang));
      }
      const owner = request.session?.personalNumber;
      const field = await service.fileQuestion(serviceId, fieldId, lang, owner);
      if (!request.isMultipart()) throw new ProblemError(uploadProblems.notMultipart(lang));

      const upload = await readOneFile(request, field, lang);
      const attachment = await service.save(serviceId, field, upload.fileName, upload.bytes, lang, owner);
      // The file's name can say who the citizen is: it stays out of the log.
      request.log.info(
        { attachmentId: attachment.id, serviceId, fieldId, kind: attachment.kind, sizeBytes: attachment.sizeBytes },
        'attachment uploaded',
      );
      return reply.code(201).send(attachment);
    });

    scope.delete<{ Params: { id: string } }>('/api/attachments/:id', async (request, reply) => {
      await service.remove(request.params.id, requestLanguage(request), request.session?.personalNumber);
      request.log.info({ attachmentId: request.params.id }, 'attachment deleted');
      return reply.code(204).send();
    });
  });
}

/** Streams the one part named `file` into memory, stopping at the question's size limit. */
async function readOneFile(request: FastifyRequest, field: FileQuestion, lang: Language): Promise<{ fileName: string; bytes: Buffer }> {
  let upload: { fileName: string; bytes: Buffer } | undefined;
  try {
    const parts = request.parts({ limits: { fileSize: maxFileBytes(field), files: 1, parts: 2 } });
    for await (const part of parts) {
      if (upload) throw new ProblemError(uploadProblems.oneFileOnly(lang));
      if (part.type !== 'file' || part.fieldname !== UPLOAD_FILE_PART) throw new ProblemError(uploadProblems.noFile(lang));
      upload = { fileName: part.filename, bytes: await part.toBuffer() };
    }
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    switch ((error as { code?: string }).code) {
      case 'FST_REQ_FILE_TOO_LARGE':
        throw new ProblemError(uploadProblems.tooLarge(field, lang));
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
      case 'FST_FIELDS_LIMIT':
        throw new ProblemError(uploadProblems.oneFileOnly(lang));
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        throw new ProblemError(uploadProblems.notMultipart(lang));
    }
    // Malformed multipart, a missing boundary, or a connection that broke off mid-file.
    throw new ProblemError(uploadProblems.brokenUpload(lang));
  }
  if (!upload) throw new ProblemError(uploadProblems.noFile(lang));
  return upload;
}
