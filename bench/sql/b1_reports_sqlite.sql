-- B1's reference for the Social Contract's monthly reports on SQLite: the engine's own CSV import
-- of monthly_reports.csv (run from its folder) into emgek's table and its constraints, on the
-- contracts emgek imported, in one transaction. emgek checks each row through the report's use
-- case and writes it with its audit line; this writes the same rows, and an audit line each, in
-- two statements.
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
-- Each record's audit line, as emgek writes one per record (its hash and the previous one's are
-- random hex of the same length: SQL has no SHA-256 here), numbered after the chain's head.
INSERT INTO audit_log (audit_id, at_micros, actor, ip, action, object, detail, prev_hash, hash, created_at, updated_at)
SELECT h.last_id + row_number() OVER (ORDER BY r.monthly_report_id), CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER), 'bench', '',
    'monitoring.report', 'contract:' || r.contract_id, json_object('month', r.month, 'revenue', r.revenue_tyiyn, 'costs', r.costs_tyiyn, 'jobs', r.jobs), lower(hex(randomblob(32))), lower(hex(randomblob(32))), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM monthly_reports r, audit_head h;
UPDATE audit_head SET last_id = (SELECT max(audit_id) FROM audit_log), updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
DROP TABLE staging_reports;
COMMIT;
