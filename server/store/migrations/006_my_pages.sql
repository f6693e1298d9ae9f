-- Mina sidor (src/contract/my-pages.ts): drafts, the history of each case's status, messages with
-- the case officer, and how a citizen wants to hear about news.

-- A logged-in citizen's unfinished answers. version rises by one with each save: a save built on an
-- older version is refused (two tabs never overwrite each other). Gone when sent or past expires_at.
CREATE TABLE drafts (
  id                    uuid        PRIMARY KEY,
  owner_personal_number text        NOT NULL,
  service_id            text        NOT NULL,
  service_version       integer     NOT NULL,
  answers               jsonb       NOT NULL,
  step_id               text        NULL,
  version               integer     NOT NULL CHECK (version > 0),
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  -- updated_at + the e-service's retention.draftDays.
  expires_at            timestamptz NOT NULL,
  FOREIGN KEY (service_id, service_version) REFERENCES service_definitions (service_id, version)
);
CREATE INDEX drafts_owner ON drafts (owner_personal_number, updated_at);
CREATE INDEX drafts_expires ON drafts (expires_at);

-- When anything about a case last changed (its status, a message): Mina sidor lists newest first.
ALTER TABLE cases ADD COLUMN updated_at timestamptz NULL;
UPDATE cases SET updated_at = submitted_at;
ALTER TABLE cases ALTER COLUMN updated_at SET NOT NULL;
CREATE INDEX cases_applicant_updated ON cases (applicant_personal_number, updated_at) WHERE applicant_personal_number IS NOT NULL;

-- Every status a case has had, oldest first (server/services/case-status.ts).
CREATE TABLE case_status_history (
  id         bigserial   PRIMARY KEY,
  case_id    uuid        NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  status     text        NOT NULL
             CHECK (status IN ('awaitingCosign', 'submitted', 'inProgress', 'awaitingSupplement', 'closed')),
  at         timestamptz NOT NULL,
  changed_by text        NOT NULL CHECK (changed_by IN ('citizen', 'officer', 'system'))
);
CREATE INDEX case_status_history_case ON case_status_history (case_id, at);
INSERT INTO case_status_history (case_id, status, at, changed_by)
  SELECT id, status, submitted_at, 'citizen' FROM cases;

-- Messages between the citizen and the case officer (server/services/messages.ts).
CREATE TABLE case_messages (
  id      uuid        PRIMARY KEY,
  case_id uuid        NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  sender  text        NOT NULL CHECK (sender IN ('citizen', 'officer')),
  body    text        NOT NULL,
  sent_at timestamptz NOT NULL,
  -- When the citizen read a message from the officer; NULL: unread (always NULL for the citizen's own).
  read_at timestamptz NULL
);
CREATE INDEX case_messages_case ON case_messages (case_id, sent_at);
CREATE INDEX case_messages_unread ON case_messages (case_id) WHERE sender = 'officer' AND read_at IS NULL;

-- A file uploaded for a message (POST /api/attachments?messageFor={caseId}): message_for_case_id says
-- which case; sending the message sets message_id and claims it for that case (case_id, claimed_at).
ALTER TABLE attachments ADD COLUMN message_for_case_id uuid NULL REFERENCES cases (id) ON DELETE CASCADE;
ALTER TABLE attachments ADD COLUMN message_id uuid NULL REFERENCES case_messages (id) ON DELETE CASCADE;
CREATE INDEX attachments_message ON attachments (message_id) WHERE message_id IS NOT NULL;

-- A signing started from a draft: the draft is deleted in the transaction that makes the case.
ALTER TABLE signings ADD COLUMN draft_id uuid NULL;

-- One case per person (onePerPerson): a row per e-service and person, made in the case's transaction.
CREATE TABLE one_per_person_cases (
  service_id      text NOT NULL,
  personal_number text NOT NULL,
  case_id         uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  PRIMARY KEY (service_id, personal_number)
);

-- How the citizen wants to hear that something happened (never the content itself).
CREATE TABLE profiles (
  personal_number text        PRIMARY KEY,
  email           text        NULL,
  phone           text        NULL,
  -- NULL: not chosen yet; read as 'email' when there is an e-mail address, else 'none'.
  notify_by       text        NULL CHECK (notify_by IN ('email', 'sms', 'none')),
  updated_at      timestamptz NOT NULL
);
