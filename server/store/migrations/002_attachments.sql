-- Files a citizen attaches while filling in a form. An upload is unclaimed until a case
-- names it in a file answer; unclaimed uploads are deleted after a while (server/jobs/).
CREATE TABLE attachments (
  id          uuid        PRIMARY KEY,
  service_id  text        NOT NULL,
  field_id    text        NOT NULL,
  -- The citizen's file name, cleaned of paths and control characters: never written to a log.
  file_name   text        NOT NULL,
  -- The type read from the file's own bytes (pdf, jpeg, png, heic, docx, odt).
  kind        text        NOT NULL,
  size_bytes  integer     NOT NULL CHECK (size_bytes > 0),
  sha256      text        NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  case_id     uuid        NULL REFERENCES cases (id) ON DELETE CASCADE,
  claimed_at  timestamptz NULL,
  CHECK ((case_id IS NULL) = (claimed_at IS NULL))
);
CREATE INDEX attachments_case ON attachments (case_id);
-- The cleanup job looks for old uploads no case has claimed.
CREATE INDEX attachments_unclaimed ON attachments (uploaded_at) WHERE case_id IS NULL;

-- The bytes, for the database blob store (server/attachments/db-store.ts). An object store
-- can take its place; deleting the metadata row deletes the bytes here too.
CREATE TABLE attachment_blobs (
  id    uuid  PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
  bytes bytea NOT NULL
);
