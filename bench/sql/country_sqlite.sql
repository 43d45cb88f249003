-- The programme records B2–B5 run over, loaded straight into a SQLite database that already
-- holds the registry (B1's import): synth's 2024 call (applications.csv, contracts.csv,
-- payments.csv, monthly_reports.csv; ~100,000 applications, ~60,000 contracts, ~720,000
-- reports at tier L) and, for B2, a 2025 call with 100,000 approved applications (one household
-- in ten) waiting for allocation. Run from synth's folder after bench/run made the programme,
-- its rules and the calls "2024" and "2025" through the API. A fixture, not a measurement:
-- emgek's own import of these files is not what B2–B5 measure.
.bail on
PRAGMA journal_mode = WAL;
CREATE TEMP TABLE s_app (application_ref, household_ref, call, status, sector, activity, grant_requested_som,
    own_contribution_som, jobs, priority, submitted_on, programme);
.import --csv --skip 1 applications.csv s_app
CREATE TEMP TABLE s_con (contract_number, application_ref, grant_som, starts, term_months, status);
.import --csv --skip 1 contracts.csv s_con
CREATE TEMP TABLE s_pay (contract_number, tranche, amount_som, paid_on);
.import --csv --skip 1 payments.csv s_pay
CREATE TEMP TABLE s_rep (contract_number, month, revenue_som, costs_som, jobs);
.import --csv --skip 1 monthly_reports.csv s_rep
CREATE INDEX temp.s_app_ref ON s_app (application_ref);

-- One plan for all (the sector is the application's): a cow, its year's projection.
CREATE TEMP TABLE k AS SELECT
    (SELECT created_at FROM users ORDER BY user_id LIMIT 1) AS now,
    (SELECT call_id FROM calls WHERE title = '2024') AS c24,
    (SELECT call_id FROM calls WHERE title = '2025') AS c25,
    '{"sector":"agriculture","activity":"Сүт уйлары","ovop_category":null,"local_resources":"жайыт",'
    || '"lines":[{"category":"livestock","item":"Уй","quantity":2,"unit_price":{"minor":4500000,"currency":"KGS"}}],'
    || '"own_contribution":{"minor":500000,"currency":"KGS"},"projection":['
    || substr(replace(hex(zeroblob(12)), '00',
        ',{"revenue":{"minor":1500000,"currency":"KGS"},"costs":{"minor":700000,"currency":"KGS"}}'), 2)
    || '],"jobs":1,"green":false}' AS plan;

BEGIN;
INSERT INTO applications (application_id, call_id, household_id, oblast_code, rayon_code, status,
    grant_requested_tyiyn, eligible, priority, score_x100, submitted_seq, created_at, updated_at)
SELECT a.rowid, k.c24, h.household_id, h.oblast_code, h.rayon_code, a.status,
    CAST(replace(a.grant_requested_som, '.', '') AS INTEGER),
    1, CAST(a.priority AS INTEGER), 1500 + (a.rowid * 7919) % 1500, a.rowid, k.now, k.now
FROM s_app a JOIN households h ON h.household_ref = a.household_ref, k;
INSERT INTO application_documents (application_id, plan_json)
SELECT x.application_id, replace(k.plan, '"agriculture"', '"' || a.sector || '"')
FROM s_app a JOIN applications x ON x.application_id = a.rowid, k;

INSERT INTO contracts (application_id, number, status, grant_tyiyn, term_months, extended_months, starts,
    created_at, updated_at)
SELECT a.rowid, c.contract_number, c.status, CAST(replace(c.grant_som, '.', '') AS INTEGER),
    CAST(c.term_months AS INTEGER), 0, c.starts, k.now, k.now
FROM s_con c JOIN s_app a ON a.application_ref = c.application_ref
    JOIN applications x ON x.application_id = a.rowid, k;

INSERT INTO payment_orders (contract_id, tranche_no, amount_tyiyn, status, idempotency_key, bank_reference, paid_on,
    created_at, updated_at)
SELECT c.contract_id, CAST(p.tranche AS INTEGER), CAST(replace(p.amount_som, '.', '') AS INTEGER),
    -- A tranche without its day paid is an order waiting for the bank, as emgek imports it.
    CASE WHEN p.paid_on = '' THEN 'ordered' ELSE 'paid' END,
    'synth-' || p.contract_number || '-' || p.tranche,
    CASE WHEN p.paid_on = '' THEN '' ELSE 'SYNTH-' || p.contract_number || '-' || p.tranche END, NULLIF(p.paid_on, ''),
    k.now, k.now
FROM s_pay p JOIN contracts c ON c.number = p.contract_number, k;

INSERT INTO monthly_reports (contract_id, month, revenue_tyiyn, costs_tyiyn, jobs, purchases_json, receipts,
    created_by, created_at, updated_at)
SELECT c.contract_id, r.month || '-01', CAST(replace(r.revenue_som, '.', '') AS INTEGER),
    CAST(replace(r.costs_som, '.', '') AS INTEGER), CAST(r.jobs AS INTEGER), '[]', '', 'synth', k.now, k.now
FROM s_rep r JOIN contracts c ON c.number = r.contract_number, k;

-- B2: one household in ten applies to the 2025 call and is approved; priority and score vary.
INSERT INTO applications (call_id, household_id, oblast_code, rayon_code, status, grant_requested_tyiyn,
    eligible, priority, score_x100, submitted_seq, created_at, updated_at)
SELECT k.c25, h.household_id, h.oblast_code, h.rayon_code, 'approved',
    (60 + h.household_id % 41) * 100000, 1, (h.household_id % 3) * 15 + (h.household_id % 7 = 0) * 30,
    1500 + (h.household_id * 7919) % 1500, h.household_id, k.now, k.now
FROM households h, k
WHERE h.household_id % 10 = 7
ORDER BY h.household_id
LIMIT 100000;
INSERT INTO application_documents (application_id, plan_json)
SELECT a.application_id, k.plan FROM applications a, k WHERE a.call_id = k.c25;
COMMIT;
ANALYZE;
