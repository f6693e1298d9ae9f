-- Payments (server/payments/): a case of an e-service with a fee waits, status awaitingPayment, until the
-- provider says it is paid; only then is it sent (its receipt and webhook, through the outbox).
ALTER TABLE case_status_history DROP CONSTRAINT IF EXISTS case_status_history_status_check;
ALTER TABLE case_status_history ADD CONSTRAINT case_status_history_status_check
  CHECK (status IN ('awaitingPayment', 'awaitingCosign', 'submitted', 'inProgress', 'awaitingSupplement', 'closed',
                    'cosignExpired', 'cosignDeclined'));

-- What the case costs, worked out from its answers as it was made (src/forms/fees.ts): never the browser's word.
ALTER TABLE cases ADD COLUMN fee jsonb;
-- Cases never paid are deleted by retention once their e-service's draftDays have passed (server/jobs/retention.ts).
CREATE INDEX cases_awaiting_payment ON cases (service_id, service_version, updated_at) WHERE status = 'awaitingPayment';

-- One attempt to pay a case: each try (after a declined card, a Swish that timed out) is a row of its own,
-- with a reference of its own at the provider.
CREATE TABLE payments (
  id                uuid        PRIMARY KEY,
  case_id           uuid        NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  -- Ours, unique per attempt: Swedbank Pay's payeeReference, Swish's payeePaymentReference.
  reference         text        NOT NULL UNIQUE,
  provider          text        NOT NULL CHECK (provider IN ('swedbank-pay', 'swish')),
  method            text        NOT NULL CHECK (method IN ('card', 'swish')),
  -- The provider's id of it; null while it is being started.
  provider_ref      text,
  amount            integer     NOT NULL CHECK (amount > 0),
  vat_amount        integer     NOT NULL CHECK (vat_amount >= 0),
  currency          text        NOT NULL,
  -- starting: asked of the provider, no answer yet. duplicate: paid while another attempt of the case was
  -- paid already, and given back in full.
  state             text        NOT NULL CHECK (state IN ('starting', 'pending', 'paid', 'declined', 'timedOut', 'cancelled',
                                                          'failed', 'duplicate')),
  redirect_url      text,
  swish_token       text,
  instrument        text,
  payment_reference text,
  error_code        text,
  captured_at       timestamptz,
  paid_at           timestamptz,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  -- The reconciliation job looks at the attempt after this (server/jobs/payment-reconcile.ts): an open one is
  -- read from the provider, a paid one captured (and a duplicate given back). Null: nothing left to do.
  check_after       timestamptz
);
-- A case is paid once: a second attempt the provider also took money for becomes 'duplicate' and is given back.
CREATE UNIQUE INDEX payments_paid_once ON payments (case_id) WHERE state = 'paid';
CREATE INDEX payments_of_case ON payments (case_id, created_at);
CREATE INDEX payments_to_check ON payments (check_after) WHERE check_after IS NOT NULL;

-- Money given back: by the municipality's officer (whole or part), or by the platform for a duplicate payment.
CREATE TABLE payment_refunds (
  id            uuid        PRIMARY KEY,
  payment_id    uuid        NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
  reference     text        NOT NULL UNIQUE,
  amount        integer     NOT NULL CHECK (amount > 0),
  vat_amount    integer     NOT NULL CHECK (vat_amount >= 0),
  state         text        NOT NULL CHECK (state IN ('pending', 'refunded', 'failed')),
  provider_ref  text,
  error_code    text,
  reason        text,
  requested_by  text        NOT NULL CHECK (requested_by IN ('officer', 'system')),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX payment_refunds_of_payment ON payment_refunds (payment_id);
