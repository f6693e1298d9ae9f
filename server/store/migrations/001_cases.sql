-- E-service definitions, each version kept: a case points at the version it was filled against.
CREATE TABLE service_definitions (
  service_id      text        NOT NULL,
  version         integer     NOT NULL,
  municipality_id text        NOT NULL,
  definition      jsonb       NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (service_id, version)
);

CREATE TABLE cases (
  id                 uuid        PRIMARY KEY,
  case_number        text        NOT NULL UNIQUE,
  service_id         text        NOT NULL,
  service_version    integer     NOT NULL,
  municipality_id    text        NOT NULL,
  status             text        NOT NULL,
  lang               text        NOT NULL,
  answers            jsonb       NOT NULL,
  -- Only a hash: a leaked database must not hand out receipts.
  receipt_token_hash text        NOT NULL,
  submitted_at       timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (service_id, service_version) REFERENCES service_definitions (service_id, version)
);
CREATE INDEX cases_municipality_submitted ON cases (municipality_id, submitted_at);

-- One counter per prefix and year, so case numbers read FEL-2026-00001, FEL-2026-00002, …
CREATE TABLE case_number_counters (
  prefix     text    NOT NULL,
  year       integer NOT NULL,
  last_value integer NOT NULL,
  PRIMARY KEY (prefix, year)
);

-- A retried submission with the same key returns the first case instead of making a second.
CREATE TABLE idempotency_keys (
  scope        text        NOT NULL,
  key          text        NOT NULL,
  request_hash text        NOT NULL,
  case_id      uuid        NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  -- The first answer, returned as it was to a retry (it holds no answers, only the receipt).
  response     jsonb       NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
