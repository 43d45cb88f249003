-- B1's reference on SQLite: the engine's own CSV import of households.csv (run from its folder)
-- into emgek's tables and indexes, leaving out the rows synth made invalid (truth/), as
-- emgek's validation does. Keys, constraints and indexes are emgek's own.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
.import --csv households.csv staging
.import --csv truth/invalid_rows.csv invalid
BEGIN;
DELETE FROM staging WHERE rowid + 1 IN (SELECT CAST("row" AS INTEGER) FROM invalid);
INSERT OR IGNORE INTO households (household_ref, oblast_code, rayon_code, aiyl_okmotu, village, place_key,
    phone, benefit_since, benefit_monthly_tyiyn, consent, language, created_at, updated_at)
SELECT household_ref, oblast, rayon, aiyl_okmotu, village, lower(aiyl_okmotu || ' ' || village),
    nullif(phone, ''), nullif(benefit_since, ''), CAST(nullif(benefit_monthly_som, '') AS INTEGER) * 100,
    consent = 'yes', coalesce(nullif(language, ''), 'ky'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM staging
WHERE rowid IN (SELECT min(rowid) FROM staging GROUP BY household_ref);
INSERT OR IGNORE INTO members (household_id, pin, full_name, full_name_latin, name_key, birth_date, sex,
    relation, disability, review, created_at, updated_at)
SELECT h.household_id, s.pin, s.full_name, nullif(s.full_name_latin, ''), lower(s.full_name), s.birth_date, s.sex,
    s.relation, coalesce(nullif(s.disability, ''), 'none'), '', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
    strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM staging s JOIN households h ON h.household_ref = s.household_ref;
DROP TABLE staging;
DROP TABLE invalid;
COMMIT;
