-- Rate limits shared by every instance (server/http/rate-limit.ts): one row per route and client
-- address in the current window. The key is a SHA-256 of the two, never the address itself; a row is
-- deleted soon after its window ends.
CREATE TABLE rate_limits (
  key      text        PRIMARY KEY,
  hits     integer     NOT NULL,
  reset_at timestamptz NOT NULL
);
CREATE INDEX rate_limits_reset ON rate_limits (reset_at);
