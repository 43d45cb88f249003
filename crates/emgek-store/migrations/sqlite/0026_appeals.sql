-- Appeals (emgek_domain::social_contract::appeal): a family contests a commission's decision
-- on its application. Each is also a grievance of the register (category appeal.decision),
-- which is closed with the appeal's outcome.
CREATE TABLE appeals (
    appeal_id       INTEGER PRIMARY KEY,
    application_id  BIGINT NOT NULL REFERENCES applications (application_id),
    grievance_id    BIGINT NOT NULL REFERENCES grievances (grievance_id),
    contested       TEXT NOT NULL CHECK (contested IN ('rejection', 'waiting_list')),
    status          TEXT NOT NULL CHECK (status IN ('lodged', 'upheld', 'dismissed')),
    grounds         TEXT NOT NULL,          -- what the family contests, in its words
    lodged_on       TEXT NOT NULL,
    decided_on      TEXT,
    outcome_reason  TEXT,
    score_x100      BIGINT,                 -- the hearing's average score, when decided
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    -- A decision is appealed once: a rejection, or a place on the waiting list.
    CONSTRAINT appeals_once UNIQUE (application_id, contested)
);
CREATE INDEX appeals_status ON appeals (status, application_id);

-- The hearing: reviews of the application by commission members who took no part in the
-- decision, as the review engine takes them (scores, recommendation or a declared conflict).
CREATE TABLE appeal_reviews (
    appeal_review_id INTEGER PRIMARY KEY,
    appeal_id        BIGINT NOT NULL REFERENCES appeals (appeal_id),
    user_id          BIGINT NOT NULL REFERENCES users (user_id),
    conflict         BOOLEAN NOT NULL,
    scores_json      TEXT NOT NULL,
    total            BIGINT NOT NULL,
    recommendation   TEXT NOT NULL,         -- approve (uphold) | reject (dismiss) | none
    comment          TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CONSTRAINT appeal_reviews_unique UNIQUE (appeal_id, user_id)
);
