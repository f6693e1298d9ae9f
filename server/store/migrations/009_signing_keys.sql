-- The Idempotency-Key of a signing start (the applicant's POST /api/signatures, a cosigner's
-- POST /api/cosigning/requests/{id}/signatures), claimed in the database. The request that starts a
-- BankID order inserts or locks the key's row in the transaction that also stores the order, so a second
-- request with the key — at the same moment, on any instance — waits for the first and then returns its
-- order instead of starting another one (BankID cancels a person's order when a second one starts).
CREATE TABLE signing_keys (
  -- person:<personnummer> for the applicant, cosign:<request id>:<personnummer> for a cosigner.
  scope      text        NOT NULL,
  key        text        NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX signing_keys_created ON signing_keys (created_at);
