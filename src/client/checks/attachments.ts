import * as v from 'valibot';
import type { Attachment } from '../../contract/attachments.js';
import { FILE_KIND_NAMES } from '../../contract/field-words.js';
import { check } from './check.js';

/** An uploaded file (src/contract/attachments.ts). */
export const AttachmentEntries = {
  id: v.string(),
  fileName: v.string(),
  kind: v.picklist(FILE_KIND_NAMES),
  sizeBytes: v.pipe(v.number(), v.integer()),
  uploadedAt: v.string(),
};
export const AttachmentCheck = check<Attachment>(v.looseObject(AttachmentEntries));
