-- BankID orders (server/eid/orders.ts), kept here so that any server instance can collect
-- an order another one started. qr_start_secret makes the animated QR code: it never
-- leaves the server, only the QR strings computed from it do.
CREATE TABLE bankid_orders (
  order_ref       text        PRIMARY KEY,
  kind            text        NOT NULL CHECK (kind IN ('auth', 'sign')),
  qr_start_token  text        NOT NULL,
  qr_start_secret text        NOT NULL,
  -- When BankID gave us the order: the QR code's time counts whole seconds from here.
  started_at      timestamptz NOT NULL,
  -- When we last asked BankID (collect), so that no instance asks more often than every 2 s.
  last_collect_at timestamptz NULL,
  -- pending, failed or complete as BankID says, or cancelled when we cancelled it.
  status          text        NOT NULL CHECK (status IN ('pending', 'failed', 'complete', 'cancelled')),
  hint_code       text        NULL,
  -- completionData as BankID gave it: user, device, bankIdIssueDate, signature, ocspResponse.
  completion      jsonb       NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
-- A cleanup job removes old orders.
CREATE INDEX bankid_orders_created ON bankid_orders (created_at);
