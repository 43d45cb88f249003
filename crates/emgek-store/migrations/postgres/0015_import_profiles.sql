-- How an office's files name their columns: a named mapping of the file's headings to emgek's
-- columns (or to none: ignored), saved once and used again by the import page, the CLI
-- (--profile NAME) and the API (?profile=NAME). `office` is the scope code of the office that
-- saved it (`rayon:KG-C-SOK`, `oblast:KG-C`, `country`); a name is unique within an office.
CREATE TABLE import_profiles (
    import_profile_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    office      TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'households',
    columns     TEXT NOT NULL,     -- JSON: [{"heading": "…", "column": "pin" | null}]
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT import_profiles_unique UNIQUE (office, kind, name)
);
