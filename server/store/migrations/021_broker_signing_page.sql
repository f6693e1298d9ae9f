-- A signing at the e-ID broker keeps the broker's page it was started with: a repeated start with the same
-- Idempotency-Key and answers is sent to the same page (one trip, one signing), as a repeated BankID start gets the
-- same order.
ALTER TABLE signings ADD COLUMN authorization_url text;
