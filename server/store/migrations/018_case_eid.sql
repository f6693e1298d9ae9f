-- The e-ID the applicant logged in with, and its level of assurance, stored with the case (for the municipality, in
-- the officer API, and the citizen, in Mina sidor): BankID, or the broker's Freja eID, Telia or eIDAS.
ALTER TABLE cases ADD COLUMN applicant_eid text;
ALTER TABLE cases ADD COLUMN applicant_loa text;
-- A signing made the case later, from the login it was started in.
ALTER TABLE signings ADD COLUMN login_eid text;
ALTER TABLE signings ADD COLUMN login_loa text;
