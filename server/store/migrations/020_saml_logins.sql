-- A login through a SAML 2.0 e-ID broker (the Swedish eID Framework, server/eid/saml/), found by its RelayState's
-- SHA-256 and bound to the browser that started it (the esk_eid cookie's SHA-256). request_id is the AuthnRequest's
-- ID, node-saml's record of it (validateInResponseTo): a response is taken only InResponseTo it, and only once
-- (answered_at). The IdP's answer comes to the ACS by a cross-site POST that carries no cookie, so what it said
-- waits here (outcome, and for 'done' the person and the level of assurance) until the browser, sent on to
-- /api/eid/saml/finish with its cookie, takes it (consumed_at).
CREATE TABLE saml_logins (
  relay_sha256     text        PRIMARY KEY,
  binding_sha256   text        NOT NULL,
  request_id       text        UNIQUE,
  eid              text        NOT NULL,
  return_url       text        NOT NULL,
  created_at       timestamptz NOT NULL,
  answered_at      timestamptz,
  outcome          text        CHECK (outcome IN ('done', 'cancelled', 'failed', 'noPersonalNumber')),
  personal_number  text,
  name             text,
  given_name       text,
  surname          text,
  loa              text,
  consumed_at      timestamptz
);
CREATE INDEX saml_logins_created ON saml_logins (created_at);
