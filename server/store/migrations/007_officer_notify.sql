-- The officer API (server/officer/): one or more bearer tokens per municipality. Only the token's
-- SHA-256 is stored, so a copy of this table opens no case system's door.
CREATE TABLE officer_credentials (
  token_sha256    text        PRIMARY KEY,
  municipality_id text        NOT NULL,
  -- Where the token came from: 'OFFICER_TOKENS' (the environment) or 'demo' (made at start).
  label           text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX officer_credentials_municipality ON officer_credentials (municipality_id);

-- Leases for jobs (server/jobs/lease.ts): one holder at a time per job, across server instances.
CREATE TABLE job_leases (
  name       text        PRIMARY KEY,
  holder     text        NOT NULL,
  expires_at timestamptz NOT NULL
);

-- One row per case event a municipality's webhook is told about (server/webhooks/). No answers,
-- no personal data: the receiver fetches the case with its token.
CREATE TABLE webhook_deliveries (
  case_id         uuid        NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  event           text        NOT NULL,
  municipality_id text        NOT NULL,
  attempts        integer     NOT NULL DEFAULT 0,
  -- NULL once delivered or given up.
  next_attempt_at timestamptz NULL,
  delivered_at    timestamptz NULL,
  given_up_at     timestamptz NULL,
  -- The receiver's HTTP status of the last attempt; NULL when it could not be reached.
  last_status     integer     NULL,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (case_id, event)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL;

-- The outbox of e-mail and SMS to citizens (server/notify/): queued in the transaction that made
-- the news where it can be, sent by a job with retries. event_key makes each event queue once.
-- channel 'none' records an event considered with no one to tell (no address, or notifyBy none).
CREATE TABLE notifications (
  id              uuid        PRIMARY KEY,
  case_id         uuid        NULL REFERENCES cases (id) ON DELETE CASCADE,
  event_key       text        NOT NULL UNIQUE,
  kind            text        NOT NULL CHECK (kind IN ('receipt', 'message', 'status')),
  channel         text        NOT NULL CHECK (channel IN ('email', 'sms', 'none')),
  -- The address or number (personal data: deleted with the case, or a while after sending).
  recipient       text        NULL,
  subject         text        NOT NULL,
  body            text        NOT NULL,
  attempts        integer     NOT NULL DEFAULT 0,
  -- NULL once sent, given up, or when there is nothing to send.
  next_attempt_at timestamptz NULL,
  sent_at         timestamptz NULL,
  given_up_at     timestamptz NULL,
  created_at      timestamptz NOT NULL
);
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX notifications_done ON notifications (created_at) WHERE next_attempt_at IS NULL;

-- Cases sent before this migration: their receipt and webhook are not sent afterwards.
INSERT INTO notifications (id, case_id, event_key, kind, channel, subject, body, created_at)
  SELECT gen_random_uuid(), id, 'receipt:' || id::text, 'receipt', 'none', '', '', now() FROM cases;
