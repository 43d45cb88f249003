-- B1's reference for the Social Contract's field visits on SQLite: the engine's own CSV import
-- of visits.csv (run from its folder) onto the contracts emgek imported, in one transaction: each
-- visit and its audit line, as emgek writes them after checking each row through the visit's use
-- case (the contract within reach, the day not in the future nor held with another outcome).
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
.import --csv visits.csv staging_visits
BEGIN;
INSERT INTO field_visits (contract_id, visited_on, outcome, reasons, visitor, created_at, updated_at)
SELECT c.contract_id, s.visited_on, s.outcome, s.reasons, 'bench', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM staging_visits s JOIN contracts c ON c.number = s.contract_number;
-- Each record's audit line, as emgek writes one per record (its hash and the previous one's are
-- random hex of the same length: SQL has no SHA-256 here), numbered after the chain's head.
INSERT INTO audit_log (audit_id, at_micros, actor, ip, action, object, detail, prev_hash, hash, created_at, updated_at)
SELECT h.last_id + row_number() OVER (ORDER BY s.rowid), CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER), 'bench', '',
    'monitoring.visit', 'contract:' || c.contract_id, json_object('outcome', s.outcome, 'reasons', s.reasons, 'visited_on', s.visited_on), lower(hex(randomblob(32))), lower(hex(randomblob(32))), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM staging_visits s JOIN contracts c ON c.number = s.contract_number, audit_head h;
UPDATE audit_head SET last_id = (SELECT max(audit_id) FROM audit_log), updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
DROP TABLE staging_visits;
COMMIT;
