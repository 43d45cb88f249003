-- Business plans of prison enterprises, reviewed by the national Expert Group through the same
-- review engine as Social Contract applications: a commission is either a district's (reviewing
-- a call's applications from its rayon) or the Expert Group (national, no call); a review is of
-- an application or of an enterprise plan, never both.

ALTER TABLE commissions ADD COLUMN kind TEXT NOT NULL DEFAULT 'district'; -- district | expert_group
ALTER TABLE commissions ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE commissions ALTER COLUMN call_id DROP NOT NULL;
ALTER TABLE commissions ALTER COLUMN rayon_code DROP NOT NULL;
ALTER TABLE commissions ADD CONSTRAINT commissions_kind_check CHECK (
    (kind = 'district' AND call_id IS NOT NULL AND rayon_code IS NOT NULL)
    OR (kind = 'expert_group' AND call_id IS NULL AND rayon_code IS NULL));
-- One Expert Group for the whole Prison Service.
CREATE UNIQUE INDEX commissions_one_expert_group ON commissions (kind) WHERE kind = 'expert_group';

-- Business plans a prison manager writes for a workshop of his facility.
CREATE TABLE enterprise_plans (
    enterprise_plan_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    facility_id        BIGINT NOT NULL REFERENCES facilities (facility_id),
    title              TEXT NOT NULL,
    activity           TEXT NOT NULL,        -- what the workshop will make: soya milk, bread, textiles
    summary            TEXT NOT NULL,
    currency           TEXT NOT NULL CHECK (currency IN ('KGS', 'USD')), -- of the budget lines
    inmate_jobs        BIGINT NOT NULL CHECK (inmate_jobs >= 0),          -- inmates it will employ
    status             TEXT NOT NULL,        -- application::Status code: the same road as an application's
    score_x100         BIGINT,               -- the Expert Group's average score, times 100
    submitted_on       DATE,
    decided_on         DATE,
    created_by         TEXT NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX enterprise_plans_facility ON enterprise_plans (facility_id);

CREATE TABLE enterprise_plan_events (
    enterprise_plan_event_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_plan_id       BIGINT NOT NULL REFERENCES enterprise_plans (enterprise_plan_id),
    actor                    TEXT NOT NULL,
    from_status              TEXT NOT NULL,
    to_status                TEXT NOT NULL,
    reason                   TEXT NOT NULL,
    created_at               TIMESTAMPTZ NOT NULL,
    updated_at               TIMESTAMPTZ NOT NULL
);
CREATE INDEX enterprise_plan_events_plan ON enterprise_plan_events (enterprise_plan_id);

-- The budget: what the money buys, in the plan's currency (tyiyn or cents).
CREATE TABLE enterprise_plan_lines (
    enterprise_plan_line_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_plan_id      BIGINT NOT NULL REFERENCES enterprise_plans (enterprise_plan_id),
    item                    TEXT NOT NULL,
    category                TEXT NOT NULL,   -- prison::plan::LineCategory code
    amount_minor            BIGINT NOT NULL CHECK (amount_minor > 0),
    created_at              TIMESTAMPTZ NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL
);
CREATE INDEX enterprise_plan_lines_plan ON enterprise_plan_lines (enterprise_plan_id);

-- Procurement and spending against an approved plan's lines; a contract or invoice is
-- recorded once per plan.
CREATE TABLE enterprise_plan_purchases (
    enterprise_plan_purchase_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_plan_id          BIGINT NOT NULL REFERENCES enterprise_plans (enterprise_plan_id),
    enterprise_plan_line_id     BIGINT NOT NULL REFERENCES enterprise_plan_lines (enterprise_plan_line_id),
    purchased_on                DATE NOT NULL,
    supplier                    TEXT NOT NULL,
    method                      TEXT NOT NULL, -- prison::plan::Procurement code
    reference                   TEXT NOT NULL,
    amount_minor                BIGINT NOT NULL CHECK (amount_minor > 0),
    created_by                  TEXT NOT NULL,
    created_at                  TIMESTAMPTZ NOT NULL,
    updated_at                  TIMESTAMPTZ NOT NULL,
    CONSTRAINT enterprise_plan_purchases_reference_unique UNIQUE (enterprise_plan_id, reference)
);
CREATE INDEX enterprise_plan_purchases_plan ON enterprise_plan_purchases (enterprise_plan_id);

ALTER TABLE reviews ALTER COLUMN application_id DROP NOT NULL;
ALTER TABLE reviews ADD COLUMN enterprise_plan_id BIGINT REFERENCES enterprise_plans (enterprise_plan_id);
ALTER TABLE reviews ADD CONSTRAINT reviews_plan_unique UNIQUE (enterprise_plan_id, user_id);
ALTER TABLE reviews ADD CONSTRAINT reviews_one_subject CHECK ((application_id IS NULL) <> (enterprise_plan_id IS NULL));
