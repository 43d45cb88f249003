-- An appeal of a contract's termination for a violation (and of the refund claimed with it).
-- A termination keeps the day it took effect, who recorded it and why: whoever recorded it takes no
-- part in hearing its appeal. Expand-only: empty on the terminations held before, which are read
-- by the moment they were recorded.
ALTER TABLE contracts ADD COLUMN terminated_on TEXT;
ALTER TABLE contracts ADD COLUMN terminated_by TEXT;
ALTER TABLE contracts ADD COLUMN termination TEXT;     -- violation | agreement (an appeal upheld: set_aside)
-- An upheld appeal sets aside what is still due of the claim: the claim becomes what was repaid,
-- and what was set aside, and when, is kept beside it.
ALTER TABLE refund_claims ADD COLUMN set_aside_tyiyn BIGINT NOT NULL DEFAULT 0;
ALTER TABLE refund_claims ADD COLUMN set_aside_on TEXT;

-- An appeal may now contest a termination: SQLite changes a CHECK by building the table again
-- (its reviews' references are checked once, at the end of the migration's transaction).
PRAGMA defer_foreign_keys = ON;
CREATE TABLE appeals_new (
    appeal_id       INTEGER PRIMARY KEY,
    application_id  BIGINT NOT NULL REFERENCES applications (application_id),
    grievance_id    BIGINT NOT NULL REFERENCES grievances (grievance_id),
    contested       TEXT NOT NULL CHECK (contested IN ('rejection', 'waiting_list', 'termination')),
    status          TEXT NOT NULL CHECK (status IN ('lodged', 'upheld', 'dismissed')),
    grounds         TEXT NOT NULL,          -- what the family contests, in its words
    lodged_on       TEXT NOT NULL,
    decided_on      TEXT,
    outcome_reason  TEXT,
    score_x100      BIGINT,                 -- the hearing's average score, when decided
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    -- A decision is appealed once: a rejection, a place on the waiting list, a termination.
    CONSTRAINT appeals_once UNIQUE (application_id, contested)
);
INSERT INTO appeals_new SELECT appeal_id, application_id, grievance_id, contested, status, grounds, lodged_on,
    decided_on, outcome_reason, score_x100, created_by, created_at, updated_at FROM appeals;
DROP TABLE appeals;
ALTER TABLE appeals_new RENAME TO appeals;
CREATE INDEX appeals_status ON appeals (status, application_id);
