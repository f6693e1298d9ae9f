-- The per-address counters are written on every limited request (a case, an upload, a login) and each write is
-- its own commit: unlogged, that commit waits for no WAL flush. What is lost with it is harmless: a crash or a
-- failover to a standby empties the table, and every address starts a new window.
ALTER TABLE rate_limits SET UNLOGGED;
