import * as z from 'zod/mini';
import { FileKind } from './fields.js';
import { UUID } from './patterns.js';

/**
 * Files a citizen attaches while filling in a form. Uploading answers with the
 * attachment; the form's answer to a file question is the list of attachment ids,
 * and sending the case claims them. Unclaimed uploads are deleted after a while.
 */
export const AttachmentId = z.string().check(z.regex(UUID));

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

export { DEFAULT_FILE_KINDS, DEFAULT_MAX_FILE_MB, FILE_KINDS, UPLOAD_FILE_PART, UPLOAD_PATH } from './files.js';
