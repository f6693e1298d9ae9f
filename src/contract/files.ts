/**
 * Files: how each kind the server recognises (field-words.ts) is served and picked, and
 * where they are uploaded. Plain values, without zod, for the browser's file questions;
 * src/contract/attachments.ts and fields.ts make the schemas of them.
 */
import type { FileKind } from './field-words.js';

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
