-- B1's reference for the Social Contract's monthly reports on SQLite: the engine's own CSV import
-- of monthly_reports.csv (run from its folder) into emgek's table and its constraints, on the
-- contracts emgek imported, in one transaction. emgek checks each row through the report's use
-- case and writes it with its audit line; this writes the same rows in one statement.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
.import --csv monthly_reports.csv staging_reports
BEGIN;
INSERT OR IGNORE INTO monthly_reports (contract_id, month, revenue_tyiyn, costs_tyiyn, jobs, purchases_json, receipts,
    created_by, created_at, updated_at)
SELECT c.contract_id, s.month || '-01', CAST(round(s.revenue_som * 100) AS INTEGER),
    CAST(round(s.costs_som * 100) AS INTEGER), CAST(coalesce(nullif(s.jobs, ''), '0') AS INTEGER), '[]', '', 'bench',
    strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM staging_reports s JOIN contracts c ON c.number = s.contract_number;
DROP TABLE staging_reports;
COMMIT;
