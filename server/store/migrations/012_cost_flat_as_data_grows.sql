-- Periodic jobs whose cost stays flat as cases pile up over the years: each finds what it looks for
-- through an index that holds little more than that, instead of reading every case.

-- When the case was last closed (server/services/case-status.ts sets it with the status). Retention counts
-- a closed case's days from here, instead of working out every closed case's closing time from its history.
ALTER TABLE cases ADD COLUMN closed_at timestamptz NULL;
UPDATE cases c SET closed_at = h.closed_at
  FROM (SELECT case_id, max(at) AS closed_at FROM case_status_history WHERE status = 'closed' GROUP BY case_id) h
 WHERE h.case_id = c.id;
-- Retention (server/jobs/retention.ts) reads each e-service version's closed cases oldest closing first.
CREATE INDEX cases_closed ON cases (service_id, service_version, closed_at) WHERE status = 'closed';

-- The cosigning deadline job's cleanup of cases never sent: few rows among all cases.
CREATE INDEX cases_unsent ON cases (updated_at) WHERE status IN ('cosignExpired', 'cosignDeclined');

-- Its cases past the deadline (SELECT DISTINCT case_id … LIMIT): PostgreSQL may walk the requests in case_id order
-- to stop early, which through the unique (case_id, personal_number) index reads every request when none is due;
-- this index holds the pending ones only, a few at any time.
CREATE INDEX cosign_requests_pending_case ON cosign_requests (case_id) WHERE status = 'pending';

-- The receipt catch-up at a notification worker's start reads the cases sent in the last day.
CREATE INDEX cases_submitted ON cases (submitted_at);

-- Deleting a case (retention, the cleanup of unsent cases) cascades to these rows: without an index on
-- the reference, each deleted case reads the whole table.
CREATE INDEX idempotency_keys_case ON idempotency_keys (case_id);
CREATE INDEX notifications_case ON notifications (case_id);
CREATE INDEX one_per_person_cases_case ON one_per_person_cases (case_id);
CREATE INDEX signings_case ON signings (case_id);
CREATE INDEX attachments_message_for_case ON attachments (message_for_case_id) WHERE message_for_case_id IS NOT NULL;
