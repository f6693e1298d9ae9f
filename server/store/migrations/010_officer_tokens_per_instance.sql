-- OFFICER_TOKENS are no longer stored: each instance checks the tokens its own setting lists, in
-- memory, so one instance's start can never revoke another's. Only the demo's tokens (made at a
-- start without OFFICER_TOKENS) stay in officer_credentials; the rows stored from OFFICER_TOKENS go.
DELETE FROM officer_credentials WHERE label = 'OFFICER_TOKENS';
