-- An import commits as it goes on SQLite, a batch of rows at a time, so that it never holds the
-- database's one write lock for long (other users' writes wait at most a batch). What stays
-- all-or-nothing is the import as a whole: until it is done, its record says 'running', and an
-- import that stops half-way (refused, failed, or its process killed) is undone from what it
-- left here: the households it created (households.import_id), the people it added to
-- households that were there before (members.import_id), the history it wrote
-- (household_changes.import_id), and each household and person it changed as they were before
-- (the two import_undo tables). On PostgreSQL an import is one transaction, and these tables
-- only ever hold rows inside it.
ALTER TABLE imports ADD COLUMN state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('running', 'done', 'undone'));
CREATE INDEX imports_running ON imports (import_id) WHERE state = 'running';
ALTER TABLE members ADD COLUMN import_id BIGINT REFERENCES imports (import_id);
CREATE INDEX members_import ON members (import_id) WHERE import_id IS NOT NULL;
ALTER TABLE household_changes ADD COLUMN import_id BIGINT REFERENCES imports (import_id);
CREATE INDEX household_changes_import ON household_changes (import_id) WHERE import_id IS NOT NULL;

CREATE TABLE import_undo_households (
    import_id             BIGINT NOT NULL REFERENCES imports (import_id),
    household_id          BIGINT NOT NULL REFERENCES households (household_id),
    household_ref         TEXT NOT NULL,
    oblast_code           TEXT NOT NULL,
    rayon_code            TEXT NOT NULL,
    aiyl_okmotu           TEXT NOT NULL,
    village               TEXT NOT NULL,
    place_key             TEXT NOT NULL,
    phone                 TEXT,
    benefit_since         TEXT,
    benefit_monthly_tyiyn BIGINT,
    consent               BOOLEAN NOT NULL,
    updated_at            TEXT NOT NULL,
    PRIMARY KEY (import_id, household_id)
);

CREATE TABLE import_undo_members (
    import_id       BIGINT NOT NULL REFERENCES imports (import_id),
    member_id       BIGINT NOT NULL REFERENCES members (member_id),
    household_id    BIGINT NOT NULL,
    pin             TEXT NOT NULL,
    full_name       TEXT NOT NULL,
    full_name_latin TEXT,
    name_key        TEXT NOT NULL,
    birth_date      TEXT NOT NULL,
    sex             TEXT NOT NULL,
    relation        TEXT NOT NULL,
    disability      TEXT NOT NULL,
    review          TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (import_id, member_id)
);
