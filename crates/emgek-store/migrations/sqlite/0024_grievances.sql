-- Grievances: the calendar of working days, the grievance rules' versions, the register of
-- grievances with numbers gap-free within a year, and each grievance's steps.

-- The days a year's published calendar names: public holidays, working days made days off and
-- weekend days made working days (grievance::calendar). Loaded a year at a time, like the
-- official rates; any other Saturday or Sunday is a day off, any other weekday a working day.
CREATE TABLE calendar_days (
    day         TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('holiday', 'day_off', 'working_day')),
    name        TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- grievance::rules::GrievanceRules, each in force from its day until the next version's.
CREATE TABLE grievance_rules (
    grievance_rules_id INTEGER PRIMARY KEY,
    effective_from     TEXT NOT NULL UNIQUE,
    rules_json         TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

-- The last number given in each year: a grievance takes the next in its own transaction, so the
-- numbers of a year have no gaps.
CREATE TABLE grievance_numbers (
    year     INTEGER PRIMARY KEY,
    last_seq INTEGER NOT NULL CHECK (last_seq BETWEEN 1 AND 999999)
);

-- A grievance: who complains (or nobody: anonymous), how it came, what about, where it is
-- answered, its deadlines and its answer. Personal data: the complainant's name and contact,
-- the summary.
CREATE TABLE grievances (
    grievance_id        INTEGER PRIMARY KEY,
    year                INTEGER NOT NULL,
    seq                 INTEGER NOT NULL,
    channel             TEXT NOT NULL,   -- grievance::case::Channel
    category            TEXT NOT NULL,   -- a code of the rules in force on received_on
    severity            TEXT NOT NULL,
    sensitive           BOOLEAN NOT NULL,
    team                TEXT NOT NULL,   -- grievance::rules::Team
    level               TEXT NOT NULL,   -- grievance::case::Level: rises when a deadline is missed
    status              TEXT NOT NULL,   -- grievance::case::Status
    standing            TEXT NOT NULL,   -- grievance::case::Standing, kept by the sweep
    oblast_code         TEXT NOT NULL,
    rayon_code          TEXT NOT NULL REFERENCES rayons (rayon_code),
    anonymous           BOOLEAN NOT NULL,
    complainant_name    TEXT NOT NULL,   -- '' when anonymous
    complainant_contact TEXT NOT NULL,   -- a phone, an e-mail or an address; '' when none
    member_id           BIGINT REFERENCES members (member_id),
    language            TEXT NOT NULL,   -- ky | ru | en: the answer's language
    about_kind          TEXT NOT NULL,   -- what it is about: none, household, application, decision…
    about_ref           TEXT NOT NULL,   -- that record's number, as the complainant gave it
    household_id        BIGINT REFERENCES households (household_id),
    summary             TEXT NOT NULL,
    received_on         TEXT NOT NULL,
    acknowledge_by      TEXT NOT NULL,
    answer_by           TEXT NOT NULL,
    acknowledged_on     TEXT,
    extended            BOOLEAN NOT NULL,
    decision            TEXT,            -- grievance::case::Decision, when closed
    decision_reason     TEXT,
    closed_on           TEXT,
    satisfied           BOOLEAN,         -- the complainant's word after the answer
    created_by          TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CONSTRAINT grievances_number UNIQUE (year, seq),
    CONSTRAINT grievances_closed CHECK ((status = 'closed') = (decision IS NOT NULL))
);
CREATE INDEX grievances_open ON grievances (status, answer_by);
CREATE INDEX grievances_rayon ON grievances (rayon_code, received_on);

-- Each step of a grievance, in order: received, acknowledged, extended, escalated, closed,
-- feedback; with its reason or note and who took it.
CREATE TABLE grievance_events (
    grievance_event_id INTEGER PRIMARY KEY,
    grievance_id       BIGINT NOT NULL REFERENCES grievances (grievance_id),
    step               TEXT NOT NULL,
    level              TEXT NOT NULL,
    detail             TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX grievance_events_grievance ON grievance_events (grievance_id);
