-- Flerpartssignering (server/cosigning/): a case that others must sign too waits, status awaitingCosign,
-- until each required cosigner has signed; only then is it submitted.

-- The statuses a case not signed in time, or declined, ends in.
ALTER TABLE case_status_history DROP CONSTRAINT IF EXISTS case_status_history_status_check;
ALTER TABLE case_status_history ADD CONSTRAINT case_status_history_status_check
  CHECK (status IN ('awaitingCosign', 'submitted', 'inProgress', 'awaitingSupplement', 'closed', 'cosignExpired', 'cosignDeclined'));

-- A case now has one signature per signer: the applicant's and each cosigner's.
ALTER TABLE case_signatures DROP CONSTRAINT case_signatures_pkey;
ALTER TABLE case_signatures ADD PRIMARY KEY (case_id, personal_number);

-- The invitation, its reminder and the notices about a cosigned case go through the same outbox.
ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('receipt', 'message', 'status', 'cosignInvitation', 'cosignReminder', 'cosignExpired', 'cosignDeclined'));

-- One person who must sign a case after its applicant. Made in the applicant's signing transaction.
CREATE TABLE cosign_requests (
  id                    uuid        PRIMARY KEY,
  case_id               uuid        NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  -- Who must sign: the other guardian from the population register, or the personnummer answered.
  personal_number       text        NOT NULL,
  -- Their name when the register gave it (otherGuardians), or once they logged in.
  name                  text        NULL,
  -- otherGuardians: the child the case is about; the register must still say the cosigner is a guardian.
  child_personal_number text        NULL,
  child_name            text        NULL,
  applicant_name        text        NOT NULL,
  -- Only the SHA-256 of the link's single-use token; a new invitation replaces it (the old link stops working).
  token_sha256          text        NOT NULL UNIQUE,
  -- Where the invitation went (personal data: deleted with the case).
  invite_channel        text        NULL CHECK (invite_channel IN ('email', 'sms')),
  invite_to             text        NULL,
  invited_at            timestamptz NOT NULL,
  -- The first person who opened the link: the link is theirs from then on.
  opened_by             text        NULL,
  opened_at             timestamptz NULL,
  status                text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'signed', 'declined', 'expired')),
  deadline              timestamptz NOT NULL,
  reminded_at           timestamptz NULL,
  signed_at             timestamptz NULL,
  declined_at           timestamptz NULL,
  created_at            timestamptz NOT NULL,
  UNIQUE (case_id, personal_number)
);
CREATE INDEX cosign_requests_person ON cosign_requests (personal_number);
CREATE INDEX cosign_requests_pending ON cosign_requests (deadline) WHERE status = 'pending';

-- A cosigner's BankID sign order, as `signings` for the applicant's.
CREATE TABLE cosign_signings (
  order_ref         text        PRIMARY KEY,
  request_id        uuid        NOT NULL REFERENCES cosign_requests (id) ON DELETE CASCADE,
  personal_number   text        NOT NULL,
  method            text        NOT NULL CHECK (method IN ('sameDevice', 'otherDevice')),
  user_visible_data text        NOT NULL,
  auto_start_token  text        NOT NULL,
  idempotency_key   text        NOT NULL,
  created_at        timestamptz NOT NULL,
  refused_at        timestamptz NULL,
  -- Set in the transaction that stored the signature.
  signed_at         timestamptz NULL
);
CREATE INDEX cosign_signings_key ON cosign_signings (request_id, idempotency_key);
