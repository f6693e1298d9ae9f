import type { Queryable } from '../store/database.js';
import type { AttachmentBlobStore } from './store.js';

/**
 * Keeps the bytes in the database (`attachment_blobs`, bytea), on PGlite and PostgreSQL alike.
 * A blob row belongs to its `attachments` row: put the metadata first; deleting it deletes the bytes.
 */
export class DatabaseBlobStore implements AttachmentBlobStore {
  constructor(private readonly db: Queryable) {}

  async put(id: string, bytes: Buffer): Promise<void> {
    await this.db.query(
      `INSERT INTO attachment_blobs (id, bytes) VALUES ($1, $2)
       ON CONFLICT (id) DO UPDATE SET bytes = EXCLUDED.bytes`,
      [id, bytes],
    );
  }

  async get(id: string): Promise<Buffer | undefined> {
    const { rows } = await this.db.query<{ bytes: Uint8Array }>('SELECT bytes FROM attachment_blobs WHERE id = $1', [id]);
    const bytes = rows[0]?.bytes;
    return bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined;
  }

  async delete(id: string): Promise<void> {
    await this.db.query('DELETE FROM attachment_blobs WHERE id = $1', [id]);
  }
}
