-- The ministry's number of an application brought from its files, so that a file imported twice
-- adds nothing. Applications made in emgek have none. Expand-only: the column is new and may stay
-- empty.
ALTER TABLE applications ADD COLUMN application_ref TEXT;
CREATE UNIQUE INDEX applications_ref_unique ON applications (application_ref);
