-- The language a family is written to (its notices by SMS): Kyrgyz or Russian. Expand-only:
-- households held before are written to in Kyrgyz, as they were.
ALTER TABLE households ADD COLUMN language TEXT NOT NULL DEFAULT 'ky' CHECK (language IN ('ky', 'ru'));
-- An import's undoing puts a household's language back with the rest of it.
ALTER TABLE import_undo_households ADD COLUMN language TEXT NOT NULL DEFAULT 'ky';
