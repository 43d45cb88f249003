-- B1's reference for the Social Contract's contracts on SQLite: the engine's own CSV import of
-- contracts.csv (run from its folder) onto the funded applications emgek imported, in one
-- transaction, writing what emgek writes of each: the contract, its grant appropriated and
-- committed in the programme's ledger (two postings) and an audit line. emgek checks each row
-- through the contract's use case (its application funded and without a contract, the grant
-- within the request, the term, the start).
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
.import --csv contracts.csv staging_contracts
BEGIN;
INSERT OR IGNORE INTO contracts (application_id, number, status, grant_tyiyn, term_months, extended_months, starts,
    created_at, updated_at)
SELECT a.application_id, s.contract_number, s.status, CAST(round(CAST(s.grant_som AS REAL) * 100) AS INTEGER),
    CAST(s.term_months AS INTEGER), 0, s.starts, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM staging_contracts s JOIN applications a ON a.application_ref = s.application_ref
WHERE a.status = 'funded';
INSERT INTO ledger_postings (programme_id, from_account, to_account, amount_tyiyn, contract_id, idempotency_key, actor,
    created_at, updated_at)
SELECT l.programme_id, x.from_account, x.to_account, c.grant_tyiyn,
    CASE WHEN x.to_account = 'committed' THEN c.contract_id END, NULL, 'bench', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM staging_contracts s JOIN contracts c ON c.number = s.contract_number
    JOIN applications a ON a.application_id = c.application_id JOIN calls l ON l.call_id = a.call_id,
    (SELECT 'appropriation' AS from_account, 'available' AS to_account UNION ALL SELECT 'available', 'committed') x;
-- Each record's audit line, as emgek writes one per record (its hash and the previous one's are
-- random hex of the same length: SQL has no SHA-256 here), numbered after the chain's head.
INSERT INTO audit_log (audit_id, at_micros, actor, ip, action, object, detail, prev_hash, hash, created_at, updated_at)
SELECT h.last_id + row_number() OVER (ORDER BY c.contract_id), CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER), 'bench', '',
    'contract.import', 'contract:' || c.contract_id, json_object('application', c.application_id, 'grant', c.grant_tyiyn, 'number', c.number, 'starts', c.starts, 'status', c.status, 'term_months', c.term_months), lower(hex(randomblob(32))), lower(hex(randomblob(32))), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM staging_contracts s JOIN contracts c ON c.number = s.contract_number, audit_head h;
UPDATE audit_head SET last_id = (SELECT max(audit_id) FROM audit_log), updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
DROP TABLE staging_contracts;
COMMIT;
