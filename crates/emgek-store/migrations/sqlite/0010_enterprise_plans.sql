-- Business plans of prison enterprises, reviewed by the national Expert Group through the same
-- review engine as Social Contract applications: a commission is either a district's (reviewing
-- a call's applications from its rayon) or the Expert Group (national, no call); a review is of
-- an application or of an enterprise plan, never both.
--
-- SQLite cannot loosen NOT NULL in place, so commissions, their members and reviews are rebuilt
-- (children dropped before parents, so no foreign key is ever broken) and renamed back.

CREATE TABLE commissions_v2 (
    commission_id INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,             -- district | expert_group
    call_id       BIGINT REFERENCES calls (call_id),          -- district only
    rayon_code    TEXT REFERENCES rayons (rayon_code),        -- district only
    name          TEXT NOT NULL,
    quorum        BIGINT NOT NULL,           -- reviews without conflict needed before a decision
    conflict_rule TEXT NOT NULL,             -- none | same_aiyl_okmotu
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CONSTRAINT commissions_call_rayon_unique UNIQUE (call_id, rayon_code),
    CONSTRAINT commissions_kind_check CHECK (
        (kind = 'district' AND call_id IS NOT NULL AND rayon_code IS NOT NULL)
        OR (kind = 'expert_group' AND call_id IS NULL AND rayon_code IS NULL))
);
INSERT INTO commissions_v2 (commission_id, kind, call_id, rayon_code, name, quorum, conflict_rule, created_at, updated_at)
    SELECT commission_id, 'district', call_id, rayon_code, name, quorum, conflict_rule, created_at, updated_at FROM commissions;

CREATE TABLE commission_members_v2 (
    commission_member_id INTEGER PRIMARY KEY,
    commission_id        BIGINT NOT NULL REFERENCES commissions_v2 (commission_id),
    user_id              BIGINT NOT NULL REFERENCES users (user_id),
    aiyl_okmotu          TEXT NOT NULL,      -- where the member lives, for the conflict-of-interest rule
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    CONSTRAINT commission_members_unique UNIQUE (commission_id, user_id)
);
INSERT INTO commission_members_v2 SELECT commission_member_id, commission_id, user_id, aiyl_okmotu, created_at, updated_at
    FROM commission_members;

-- Business plans a prison manager writes for a workshop of his facility.
CREATE TABLE enterprise_plans (
    enterprise_plan_id INTEGER PRIMARY KEY,
    facility_id        BIGINT NOT NULL REFERENCES facilities (facility_id),
    title              TEXT NOT NULL,
    activity           TEXT NOT NULL,        -- what the workshop will make: soya milk, bread, textiles
    summary            TEXT NOT NULL,
    currency           TEXT NOT NULL CHECK (currency IN ('KGS', 'USD')), -- of the budget lines
    inmate_jobs        BIGINT NOT NULL CHECK (inmate_jobs >= 0),          -- inmates it will employ
    status             TEXT NOT NULL,        -- application::Status code: the same road as an application's
    score_x100         BIGINT,               -- the Expert Group's average score, times 100
    submitted_on       TEXT,
    decided_on         TEXT,
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX enterprise_plans_facility ON enterprise_plans (facility_id);

CREATE TABLE enterprise_plan_events (
    enterprise_plan_event_id INTEGER PRIMARY KEY,
    enterprise_plan_id       BIGINT NOT NULL REFERENCES enterprise_plans (enterprise_plan_id),
    actor                    TEXT NOT NULL,
    from_status              TEXT NOT NULL,
    to_status                TEXT NOT NULL,
    reason                   TEXT NOT NULL,
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL
);
CREATE INDEX enterprise_plan_events_plan ON enterprise_plan_events (enterprise_plan_id);

-- The budget: what the money buys, in the plan's currency (tyiyn or cents).
CREATE TABLE enterprise_plan_lines (
    enterprise_plan_line_id INTEGER PRIMARY KEY,
    enterprise_plan_id      BIGINT NOT NULL REFERENCES enterprise_plans (enterprise_plan_id),
    item                    TEXT NOT NULL,
    category                TEXT NOT NULL,   -- prison::plan::LineCategory code
    amount_minor            BIGINT NOT NULL CHECK (amount_minor > 0),
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
);
CREATE INDEX enterprise_plan_lines_plan ON enterprise_plan_lines (enterprise_plan_id);

-- Procurement and spending against an approved plan's lines; a contract or invoice is
-- recorded once per plan.
CREATE TABLE enterprise_plan_purchases (
    enterprise_plan_purchase_id INTEGER PRIMARY KEY,
    enterprise_plan_id          BIGINT NOT NULL REFERENCES enterprise_plans (enterprise_plan_id),
    enterprise_plan_line_id     BIGINT NOT NULL REFERENCES enterprise_plan_lines (enterprise_plan_line_id),
    purchased_on                TEXT NOT NULL,
    supplier                    TEXT NOT NULL,
    method                      TEXT NOT NULL, -- prison::plan::Procurement code
    reference                   TEXT NOT NULL,
    amount_minor                BIGINT NOT NULL CHECK (amount_minor > 0),
    created_by                  TEXT NOT NULL,
    created_at                  TEXT NOT NULL,
    updated_at                  TEXT NOT NULL,
    CONSTRAINT enterprise_plan_purchases_reference_unique UNIQUE (enterprise_plan_id, reference)
);
CREATE INDEX enterprise_plan_purchases_plan ON enterprise_plan_purchases (enterprise_plan_id);

CREATE TABLE reviews_v2 (
    review_id          INTEGER PRIMARY KEY,
    application_id     BIGINT REFERENCES applications (application_id),
    enterprise_plan_id BIGINT REFERENCES enterprise_plans (enterprise_plan_id),
    user_id            BIGINT NOT NULL REFERENCES users (user_id),
    conflict           BOOLEAN NOT NULL,     -- the member declared a conflict of interest: no score
    scores_json        TEXT NOT NULL,        -- criterion code -> points
    total              BIGINT NOT NULL,
    recommendation     TEXT NOT NULL,        -- approve | reject | return | none (with a conflict)
    comment            TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CONSTRAINT reviews_unique UNIQUE (application_id, user_id),
    CONSTRAINT reviews_plan_unique UNIQUE (enterprise_plan_id, user_id),
    CONSTRAINT reviews_one_subject CHECK ((application_id IS NULL) <> (enterprise_plan_id IS NULL))
);
INSERT INTO reviews_v2 (review_id, application_id, user_id, conflict, scores_json, total, recommendation, comment, created_at, updated_at)
    SELECT review_id, application_id, user_id, conflict, scores_json, total, recommendation, comment, created_at, updated_at FROM reviews;

DROP TABLE reviews;
DROP TABLE commission_members;
DROP TABLE commissions;
ALTER TABLE commissions_v2 RENAME TO commissions;
ALTER TABLE commission_members_v2 RENAME TO commission_members;
ALTER TABLE reviews_v2 RENAME TO reviews;

-- One Expert Group for the whole Prison Service.
CREATE UNIQUE INDEX commissions_one_expert_group ON commissions (kind) WHERE kind = 'expert_group';
