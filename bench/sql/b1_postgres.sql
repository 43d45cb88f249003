-- B1's reference on PostgreSQL: \copy of households.csv (run from its folder) into emgek's
-- tables and indexes, leaving out the rows synth made invalid (truth/), as emgek's validation
-- does. Keys, constraints and indexes are emgek's own.
CREATE TEMP TABLE staging (n BIGSERIAL, household_ref TEXT, oblast TEXT, rayon TEXT, aiyl_okmotu TEXT,
    village TEXT, phone TEXT, benefit_since TEXT, benefit_monthly_som TEXT, consent TEXT, pin TEXT,
    full_name TEXT, full_name_latin TEXT, birth_date TEXT, sex TEXT, relation TEXT, disability TEXT,
    language TEXT);
CREATE TEMP TABLE invalid ("row" BIGINT, field TEXT, rule TEXT);
\copy staging (household_ref, oblast, rayon, aiyl_okmotu, village, phone, benefit_since, benefit_monthly_som, consent, pin, full_name, full_name_latin, birth_date, sex, relation, disability, language) FROM 'households.csv' WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL (household_ref, oblast, rayon, aiyl_okmotu, village, phone, benefit_since, benefit_monthly_som, consent, pin, full_name, full_name_latin, birth_date, sex, relation, disability, language))
\copy invalid FROM 'truth/invalid_rows.csv' WITH (FORMAT csv, HEADER true)
BEGIN;
DELETE FROM staging WHERE n + 1 IN (SELECT "row" FROM invalid);
INSERT INTO households (household_ref, oblast_code, rayon_code, aiyl_okmotu, village, place_key, phone,
    benefit_since, benefit_monthly_tyiyn, consent, language, created_at, updated_at)
SELECT DISTINCT ON (household_ref) household_ref, oblast, rayon, aiyl_okmotu, village,
    lower(aiyl_okmotu || ' ' || village), nullif(phone, ''), nullif(benefit_since, '')::date,
    nullif(benefit_monthly_som, '')::numeric * 100, consent = 'yes', coalesce(nullif(language, ''), 'ky'), now(), now()
FROM staging ORDER BY household_ref, n
ON CONFLICT DO NOTHING;
INSERT INTO members (household_id, pin, full_name, full_name_latin, name_key, birth_date, sex, relation,
    disability, review, created_at, updated_at)
SELECT h.household_id, s.pin, s.full_name, nullif(s.full_name_latin, ''), lower(s.full_name), s.birth_date::date,
    s.sex, s.relation, coalesce(nullif(s.disability, ''), 'none'), '', now(), now()
FROM staging s JOIN households h ON h.household_ref = s.household_ref
ON CONFLICT DO NOTHING;
COMMIT;
