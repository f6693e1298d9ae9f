-- Signing through the e-ID broker (the Signature Extension of the Swedish OpenID Connect profile) beside BankID.
-- A signing is a BankID order (sameDevice, otherDevice) or a round trip to the broker (broker); the broker's answer
-- comes to the callback, which keeps it here until the citizen's page asks for it and the case is made.
ALTER TABLE signings DROP CONSTRAINT signings_method_check;
ALTER TABLE signings ADD CONSTRAINT signings_method_check CHECK (method IN ('sameDevice', 'otherDevice', 'broker'));
-- signed, cancelled or failed; NULL while the citizen is at the broker.
ALTER TABLE signings ADD COLUMN broker_outcome text CHECK (broker_outcome IN ('signed', 'cancelled', 'failed'));
-- For signed: who signed, the signature their e-ID made and the ID token that carried it.
ALTER TABLE signings ADD COLUMN broker_signature jsonb;
-- The broker's round trip a login row starts is a signature's: the signing it answers.
ALTER TABLE oidc_logins ADD COLUMN signing_order_ref text;
-- Which e-ID made a signature (BankID, or the broker's Freja eID, Telia, eIDAS).
ALTER TABLE case_signatures ADD COLUMN eid text NOT NULL DEFAULT 'bankid';
