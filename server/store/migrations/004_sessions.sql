-- Login sessions (server/sessions/). The browser holds a random 32-byte id in the HttpOnly
-- cookie esk_session: only its SHA-256 is stored, so a copy of this table logs nobody in.
CREATE TABLE sessions (
  id_sha256           text        PRIMARY KEY,
  personal_number     text        NOT NULL,
  name                text        NOT NULL,
  given_name          text        NOT NULL,
  surname             text        NOT NULL,
  created_at          timestamptz NOT NULL,
  last_seen_at        timestamptz NOT NULL,
  -- Slides forward with activity (SESSION_IDLE_MINUTES), never past absolute_expires_at.
  idle_expires_at     timestamptz NOT NULL,
  -- created_at + SESSION_MAX_HOURS: the session ends then whatever the activity.
  absolute_expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_idle_expires ON sessions (idle_expires_at);

-- A BankID login order and the browser that started it: only that browser (the holder of
-- the short-lived HttpOnly cookie esk_eid whose SHA-256 is binding_sha256) may poll or
-- cancel it. consumed_at is set when its completion made a session, so it makes only one.
CREATE TABLE eid_logins (
  order_ref      text        PRIMARY KEY,
  binding_sha256 text        NOT NULL,
  method         text        NOT NULL CHECK (method IN ('sameDevice', 'otherDevice')),
  created_at     timestamptz NOT NULL,
  consumed_at    timestamptz NULL
);
CREATE INDEX eid_logins_created ON eid_logins (created_at);
