import * as z from 'zod/mini';
import { FileKind } from './fields.js';

/**
 * Files a citizen attaches while filling in a form. Uploading answers with the
 * attachment; the form's answer to a file question is the list of attachment ids,
 * and sending the case claims them. Unclaimed uploads are deleted after a while.
 */
export const AttachmentId = z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/));

export const Attachment = z.object({
  id: AttachmentId,
  /** The name the citizen's file had, cleaned of paths and control characters. */
  fileName: z.string(),
  /** The type read from the file's own bytes, not from its name. */
  kind: FileKind,
  sizeBytes: z.int().check(z.minimum(1)),
  uploadedAt: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

/** `POST /api/attachments?serviceId=…&fieldId=…` takes multipart/form-data with one part named `file`. */
export const UPLOAD_PATH = 'api/attachments';
export const UPLOAD_FILE_PART = 'file';

/** The MIME types each kind is served as, and the file endings a picker offers. */
export const FILE_KINDS: Record<FileKind, { mime: string; extensions: string[] }> = {
  pdf: { mime: 'application/pdf', extensions: ['.pdf'] },
  jpeg: { mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
  png: { mime: 'image/png', extensions: ['.png'] },
  heic: { mime: 'image/heic', extensions: ['.heic', '.heif'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'] },
  odt: { mime: 'application/vnd.oasis.opendocument.text', extensions: ['.odt'] },
};

/** Kinds a file question accepts when its definition does not say. */
export const DEFAULT_FILE_KINDS: FileKind[] = ['pdf', 'jpeg', 'png'];
export const DEFAULT_MAX_FILE_MB = 10;
