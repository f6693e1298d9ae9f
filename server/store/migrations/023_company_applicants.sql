-- Companies as applicants (src/contract/companies.ts): a company's case carries its organisationsnummer and its name
-- as the company register gave them when the case was sent. Mina sidor lists a company's cases to everyone the
-- register lets act for it, so they are looked up by organisationsnummer too.
ALTER TABLE cases ADD COLUMN organisation_number text;
ALTER TABLE cases ADD COLUMN organisation_name text;
CREATE INDEX cases_organisation_number ON cases (organisation_number, updated_at DESC) WHERE organisation_number IS NOT NULL;
-- The company a signing is for, checked against the register when it started (with the other signatory, when the
-- applicant signs jointly): it makes the case when the signature completes.
ALTER TABLE signings ADD COLUMN company jsonb;
-- The company chosen in a draft, to continue with.
ALTER TABLE drafts ADD COLUMN company jsonb;
-- A request to sign for a company (två i förening): the cosigner must still be its signatory when they sign.
ALTER TABLE cosign_requests ADD COLUMN organisation_number text;
