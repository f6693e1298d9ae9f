-- A login through the e-ID broker (OpenID Connect, server/eid/oidc/): what the callback checks the broker's answer
-- against, bound to the browser that started it (the esk_eid cookie's SHA-256), used once.
CREATE TABLE oidc_logins (
  state_sha256    text        PRIMARY KEY,
  binding_sha256  text        NOT NULL,
  nonce           text        NOT NULL,
  code_verifier   text        NOT NULL,
  eid             text        NOT NULL,
  return_url      text        NOT NULL,
  created_at      timestamptz NOT NULL,
  consumed_at     timestamptz
);
CREATE INDEX oidc_logins_created ON oidc_logins (created_at);

-- Which e-ID a session was made with, and its level of assurance: a BankID login, or the broker's e-ID and acr.
ALTER TABLE sessions ADD COLUMN eid text NOT NULL DEFAULT 'bankid';
ALTER TABLE sessions ADD COLUMN loa text;
