-- One case per person a month, a year, a round or per child (onePerPerson, src/contract/once-per-person.ts):
-- a person holds one case per e-service and limit key (server/services/once-per-person-limit.ts) — '' for one
-- case ever, as every row so far — instead of one per e-service. Still one row claimed in the case's own
-- transaction, so two cases at once under one key still make one; the key (service, person, scope) is the
-- lookup the checks make, so the primary key stays their index.
ALTER TABLE one_per_person_cases ADD COLUMN scope text NOT NULL DEFAULT '';
ALTER TABLE one_per_person_cases DROP CONSTRAINT one_per_person_cases_pkey;
ALTER TABLE one_per_person_cases ADD PRIMARY KEY (service_id, personal_number, scope);
