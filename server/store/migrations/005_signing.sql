-- Who sent a case: the logged-in citizen's personnummer (12 digits), or NULL for a case sent without login.
ALTER TABLE cases ADD COLUMN applicant_personal_number text NULL;
CREATE INDEX cases_applicant ON cases (applicant_personal_number) WHERE applicant_personal_number IS NOT NULL;

-- Who uploaded a file while logged in: only that person's case may claim it. NULL: an anonymous upload.
ALTER TABLE attachments ADD COLUMN owner_personal_number text NULL;

-- A case being signed with BankID (server/services/signing.ts): the answers, already checked, wait
-- here until BankID says the order is complete, and the poll that sees it makes the case.
-- case_id is set in the same transaction as the case, so one signing makes at most one case.
CREATE TABLE signings (
  order_ref         text        PRIMARY KEY,
  personal_number   text        NOT NULL,
  service_id        text        NOT NULL,
  service_version   integer     NOT NULL,
  lang              text        NOT NULL,
  method            text        NOT NULL CHECK (method IN ('sameDevice', 'otherDevice')),
  -- The answers as checked when the signing started: exactly what is signed and then stored.
  answers           jsonb       NOT NULL,
  -- The text the BankID app showed (simpleMarkdownV1), as sent.
  user_visible_data text        NOT NULL,
  auto_start_token  text        NOT NULL,
  idempotency_key   text        NOT NULL,
  request_hash      text        NOT NULL,
  created_at        timestamptz NOT NULL,
  -- Set when BankID completed the order for someone other than personal_number: no case.
  refused_at        timestamptz NULL,
  case_id           uuid        NULL REFERENCES cases (id) ON DELETE CASCADE,
  FOREIGN KEY (service_id, service_version) REFERENCES service_definitions (service_id, version)
);
CREATE INDEX signings_key ON signings (personal_number, idempotency_key, created_at);
CREATE INDEX signings_created ON signings (created_at);

-- The BankID signature of a case: what BankID returned at completion, kept as evidence.
CREATE TABLE case_signatures (
  case_id           uuid        PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  order_ref         text        NOT NULL UNIQUE,
  personal_number   text        NOT NULL,
  name              text        NOT NULL,
  -- Base64 of BankID's XML signature (it holds usrVisibleData and the signer's certificate chain).
  signature         text        NOT NULL,
  -- Base64 of the DER OCSP response for the signer's certificate at signing time.
  ocsp_response     text        NOT NULL,
  -- The rest of completionData: user, device (ipAddress, uhi), bankIdIssueDate, stepUp, risk.
  completion        jsonb       NOT NULL,
  user_visible_data text        NOT NULL,
  signed_at         timestamptz NOT NULL
);
