-- B1's reference for the commissions' decisions on SQLite: the engine's own CSV import of
-- decisions.csv (run from its folder) onto the applications emgek imported, in one transaction:
-- the day and the score on each application, an event in its history and an audit line each,
-- as emgek writes them after checking each row through the decision's use case.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
.import --csv decisions.csv staging_decisions
BEGIN;
UPDATE applications SET decided_on = s.decided_on,
    score_x100 = CAST(round(CAST(replace(nullif(s.score, ''), ',', '.') AS REAL) * 100) AS INTEGER), updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM staging_decisions s WHERE applications.application_ref = s.application_ref;
INSERT INTO application_events (application_id, actor, from_status, to_status, reason, created_at, updated_at)
SELECT a.application_id, 'bench', 'under_review', a.status,
    CASE WHEN s.minutes = '' THEN s.reason WHEN s.reason = '' THEN '№ ' || s.minutes ELSE '№ ' || s.minutes || ': ' || s.reason END,
    strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM staging_decisions s JOIN applications a ON a.application_ref = s.application_ref;
-- Each record's audit line, as emgek writes one per record (its hash and the previous one's are
-- random hex of the same length: SQL has no SHA-256 here), numbered after the chain's head.
INSERT INTO audit_log (audit_id, at_micros, actor, ip, action, object, detail, prev_hash, hash, created_at, updated_at)
SELECT h.last_id + row_number() OVER (ORDER BY a.application_id), CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER), 'bench', '',
    'application.decision_import', 'application:' || a.application_id, json_object('decided_on', a.decided_on, 'status', a.status, 'score_x100', a.score_x100, 'reason', s.reason), lower(hex(randomblob(32))), lower(hex(randomblob(32))), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM staging_decisions s JOIN applications a ON a.application_ref = s.application_ref, audit_head h;
UPDATE audit_head SET last_id = (SELECT max(audit_id) FROM audit_log), updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
DROP TABLE staging_decisions;
COMMIT;
