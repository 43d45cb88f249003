-- An application's documents, apart from its status: the business plan, and from submission
-- the household's facts and the assessment, frozen. An allocation moves a whole call's
-- applications on at once (100,000 of them at national scale); with these texts inline, each
-- change of status rewrote a row of a kilobyte or more, and the run spent most of its time
-- writing pages (docs/benchmarks.md, B2). Now a status change rewrites a narrow row.
CREATE TABLE application_documents (
    application_id  BIGINT PRIMARY KEY REFERENCES applications (application_id),
    plan_json       TEXT NOT NULL,     -- the business plan; amounts in tyiyn
    snapshot_json   TEXT,              -- household facts frozen at submission
    assessment_json TEXT               -- eligibility and priority computed at submission
);
INSERT INTO application_documents (application_id, plan_json, snapshot_json, assessment_json)
    SELECT application_id, plan_json, snapshot_json, assessment_json FROM applications;
ALTER TABLE applications DROP COLUMN plan_json;
ALTER TABLE applications DROP COLUMN snapshot_json;
ALTER TABLE applications DROP COLUMN assessment_json;
