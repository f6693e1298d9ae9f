/**
 * Where the bytes of attachments live. The metadata (name, kind, size, which case
 * claimed it) is always in the database; the bytes sit behind this interface so an
 * S3-compatible object store can hold them instead of the database.
 *
 * Keys are the attachments' ids (random UUIDs). `put` of an id already stored
 * replaces it; `delete` of an id not stored does nothing.
 */
export interface AttachmentBlobStore {
  put(id: string, bytes: Buffer): Promise<void>;
  get(id: string): Promise<Buffer | undefined>;
  delete(id: string): Promise<void>;
}
