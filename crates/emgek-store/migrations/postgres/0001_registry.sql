-- The household registry: reference geography, households, members, their change history and
-- the log of imports. Timestamps are written by the application.

CREATE TABLE oblasts (
    oblast_code TEXT PRIMARY KEY,          -- ISO 3166-2:KG, e.g. KG-C
    name_ky     TEXT NOT NULL,
    name_ru     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE rayons (
    rayon_code  TEXT PRIMARY KEY,          -- emgek's code: oblast code + three letters
    oblast_code TEXT NOT NULL REFERENCES oblasts (oblast_code),
    name_ky     TEXT NOT NULL,
    name_ru     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE imports (
    import_id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor              TEXT NOT NULL,
    file_name          TEXT NOT NULL,
    all_or_nothing     BOOLEAN NOT NULL,
    committed          BOOLEAN NOT NULL,   -- false: rolled back, nothing of it stayed
    rows_read          BIGINT NOT NULL,
    rows_rejected      BIGINT NOT NULL,
    households_created BIGINT NOT NULL,
    members_created    BIGINT NOT NULL,
    members_updated    BIGINT NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE households (
    household_id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_ref         TEXT NOT NULL,     -- number in the source registry; the import key
    oblast_code           TEXT NOT NULL REFERENCES oblasts (oblast_code),
    rayon_code            TEXT NOT NULL REFERENCES rayons (rayon_code),
    aiyl_okmotu           TEXT NOT NULL,
    village               TEXT NOT NULL,
    place_key             TEXT NOT NULL,     -- search key of aiyl okmotu + village, any script
    phone                 TEXT,              -- +996 and nine digits
    benefit_since         DATE,              -- need-based benefit (үй-бүлөгө көмөк) start date
    benefit_monthly_tyiyn BIGINT,            -- its monthly amount in tyiyn
    consent               BOOLEAN NOT NULL,  -- consent to processing of personal data
    import_id             BIGINT REFERENCES imports (import_id), -- the import that created it
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    CONSTRAINT households_ref_unique UNIQUE (household_ref)
);
CREATE INDEX households_rayon ON households (rayon_code, household_id);
CREATE INDEX households_oblast ON households (oblast_code, household_id);

CREATE TABLE members (
    member_id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id    BIGINT NOT NULL REFERENCES households (household_id),
    pin             TEXT NOT NULL,
    full_name       TEXT NOT NULL,           -- Cyrillic
    full_name_latin TEXT,
    name_key        TEXT NOT NULL,           -- search key of both spellings (names::search_key)
    birth_date      DATE NOT NULL,
    sex             TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    relation        TEXT NOT NULL,
    disability      TEXT NOT NULL,
    review          TEXT NOT NULL,           -- space-separated warning codes a person should review
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT members_pin_unique UNIQUE (pin)
);
CREATE INDEX members_household ON members (household_id);
CREATE INDEX members_name_key ON members (name_key);

CREATE TABLE household_changes (
    change_id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id BIGINT NOT NULL REFERENCES households (household_id),
    actor        TEXT NOT NULL,              -- who: the signed-in user, or "system"
    source       TEXT NOT NULL,              -- web | api | import | demo
    what         TEXT NOT NULL,              -- household.create | household.update | member.create | member.update
    before_json  TEXT,                       -- the record before, as in exports; null on create
    after_json   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX household_changes_household ON household_changes (household_id, change_id);
