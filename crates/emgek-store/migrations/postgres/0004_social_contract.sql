-- Social Contract, first part: programmes and their rules by date of effect, calls, trainings
-- and attendance, applications with their business plans and the facts a decision rests on.

CREATE TABLE programmes (
    programme_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         TEXT NOT NULL,              -- stable, e.g. social-contract
    kind         TEXT NOT NULL,              -- social_contract | prison_enterprise (later)
    name_ky      TEXT NOT NULL,
    name_ru      TEXT NOT NULL,
    name_en      TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT programmes_code_unique UNIQUE (code)
);

CREATE TABLE programme_rules (
    programme_rules_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id       BIGINT NOT NULL REFERENCES programmes (programme_id),
    effective_from     DATE NOT NULL,        -- the rules apply from this day until the next version
    rules_json         TEXT NOT NULL,        -- social_contract::programme::ProgrammeRules; amounts in tyiyn
    created_by         TEXT NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    CONSTRAINT programme_rules_unique UNIQUE (programme_id, effective_from)
);

CREATE TABLE calls (
    call_id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES programmes (programme_id),
    title        TEXT NOT NULL,
    opens        DATE NOT NULL,
    closes       DATE NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE trainings (
    training_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id     BIGINT NOT NULL REFERENCES calls (call_id),
    title       TEXT NOT NULL,
    held_on     DATE NOT NULL,
    rayon_code  TEXT NOT NULL REFERENCES rayons (rayon_code),
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE training_attendance (
    training_attendance_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    training_id            BIGINT NOT NULL REFERENCES trainings (training_id),
    household_id           BIGINT NOT NULL REFERENCES households (household_id),
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL,
    CONSTRAINT training_attendance_unique UNIQUE (training_id, household_id)
);

CREATE TABLE applications (
    application_id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id               BIGINT NOT NULL REFERENCES calls (call_id),
    household_id          BIGINT NOT NULL REFERENCES households (household_id),
    oblast_code           TEXT NOT NULL,     -- the household's place when it applied: scope and quotas
    rayon_code            TEXT NOT NULL,
    status                TEXT NOT NULL,     -- social_contract::application::Status code
    plan_json             TEXT NOT NULL,     -- the business plan; amounts in tyiyn
    grant_requested_tyiyn BIGINT NOT NULL,
    snapshot_json         TEXT,              -- household facts frozen at submission
    assessment_json       TEXT,              -- eligibility and priority computed at submission
    rules_effective_from  DATE,              -- the rules version the assessment used
    eligible              BOOLEAN,
    priority              BIGINT,
    submitted_seq         BIGINT,            -- submission order, the last tie-break of allocation
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL
);
-- One open application per household per call.
CREATE UNIQUE INDEX applications_one_open ON applications (call_id, household_id)
    WHERE status NOT IN ('rejected', 'withdrawn');
CREATE INDEX applications_call_status ON applications (call_id, status);

CREATE TABLE application_events (
    application_event_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id       BIGINT NOT NULL REFERENCES applications (application_id),
    actor                TEXT NOT NULL,
    from_status          TEXT NOT NULL,
    to_status            TEXT NOT NULL,
    reason               TEXT NOT NULL,      -- why (returned for revision, rejected, …); may be empty
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX application_events_application ON application_events (application_id, application_event_id);
