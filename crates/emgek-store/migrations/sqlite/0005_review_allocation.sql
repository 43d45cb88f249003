-- Social Contract, second part: district commissions and their reviews, allocation runs, and
-- the contracts and ledger postings an allocation commits.

ALTER TABLE applications ADD COLUMN score_x100 BIGINT;     -- the commission's average score, times 100

CREATE TABLE commissions (
    commission_id INTEGER PRIMARY KEY,
    call_id       BIGINT NOT NULL REFERENCES calls (call_id),
    rayon_code    TEXT NOT NULL REFERENCES rayons (rayon_code), -- the district whose applications it reviews
    name          TEXT NOT NULL,
    quorum        BIGINT NOT NULL,           -- reviews without conflict needed before a decision
    conflict_rule TEXT NOT NULL,             -- none | same_aiyl_okmotu
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CONSTRAINT commissions_call_rayon_unique UNIQUE (call_id, rayon_code)
);

CREATE TABLE commission_members (
    commission_member_id INTEGER PRIMARY KEY,
    commission_id        BIGINT NOT NULL REFERENCES commissions (commission_id),
    user_id              BIGINT NOT NULL REFERENCES users (user_id),
    aiyl_okmotu          TEXT NOT NULL,      -- where the member lives, for the conflict-of-interest rule
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    CONSTRAINT commission_members_unique UNIQUE (commission_id, user_id)
);

CREATE TABLE reviews (
    review_id      INTEGER PRIMARY KEY,
    application_id BIGINT NOT NULL REFERENCES applications (application_id),
    user_id        BIGINT NOT NULL REFERENCES users (user_id),
    conflict       BOOLEAN NOT NULL,         -- the member declared a conflict of interest: no score
    scores_json    TEXT NOT NULL,            -- criterion code -> points
    total          BIGINT NOT NULL,
    recommendation TEXT NOT NULL,            -- approve | reject | return | none (with a conflict)
    comment        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CONSTRAINT reviews_unique UNIQUE (application_id, user_id)
);

CREATE TABLE allocation_runs (
    allocation_run_id INTEGER PRIMARY KEY,
    call_id           BIGINT NOT NULL REFERENCES calls (call_id),
    actor             TEXT NOT NULL,
    funded            BIGINT NOT NULL,
    waiting           BIGINT NOT NULL,
    spent_tyiyn       BIGINT NOT NULL,       -- grants committed by this run
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE TABLE allocation_decisions (
    allocation_decision_id INTEGER PRIMARY KEY,
    allocation_run_id      BIGINT NOT NULL REFERENCES allocation_runs (allocation_run_id),
    application_id         BIGINT NOT NULL REFERENCES applications (application_id),
    rank                   BIGINT NOT NULL,
    reason                 TEXT NOT NULL,    -- allocation::Reason code
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
);
CREATE INDEX allocation_decisions_run ON allocation_decisions (allocation_run_id, rank);

CREATE TABLE contracts (
    contract_id     INTEGER PRIMARY KEY,
    application_id  BIGINT NOT NULL REFERENCES applications (application_id),
    number          TEXT NOT NULL,           -- SC-YEAR-OBLAST-SEQUENCE
    status          TEXT NOT NULL,           -- draft | signed | active | completed | terminated
    grant_tyiyn     BIGINT NOT NULL,
    term_months     BIGINT NOT NULL,
    extended_months BIGINT NOT NULL,
    starts          TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CONSTRAINT contracts_application_unique UNIQUE (application_id),
    CONSTRAINT contracts_number_unique UNIQUE (number)
);

CREATE TABLE ledger_postings (
    ledger_posting_id INTEGER PRIMARY KEY,
    programme_id      BIGINT NOT NULL REFERENCES programmes (programme_id),
    from_account      TEXT NOT NULL,         -- ledger::Account
    to_account        TEXT NOT NULL,
    amount_tyiyn      BIGINT NOT NULL CHECK (amount_tyiyn > 0),
    contract_id       BIGINT REFERENCES contracts (contract_id),
    idempotency_key   TEXT,                  -- a retried request with the same key posts nothing new
    actor             TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CONSTRAINT ledger_postings_idempotency_unique UNIQUE (idempotency_key)
);
CREATE INDEX ledger_postings_programme ON ledger_postings (programme_id, ledger_posting_id);
