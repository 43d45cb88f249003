-- B1's reference for the Social Contract's graduations on SQLite: the engine's own CSV import of
-- graduations.csv (run from its folder) onto the contracts emgek imported, in one transaction,
-- writing what emgek writes of each: what its grant still commits released (its balance read
-- from the ledger), the contract completed, its graduation with the day the family's right to
-- the benefit is limited until (three years, the rules' figure), the household's benefit ended
-- with the change in its history, and an audit line. emgek checks each row through the
-- graduation's use case (an active contract whose term is over).
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
.import --csv graduations.csv staging_graduations
BEGIN;
CREATE TEMP TABLE graduating AS
SELECT c.contract_id, a.household_id, l.programme_id, s.graduated_on,
    (SELECT coalesce(sum(CASE WHEN p.to_account = 'committed' THEN p.amount_tyiyn ELSE 0 END)
        - sum(CASE WHEN p.from_account = 'committed' THEN p.amount_tyiyn ELSE 0 END), 0)
     FROM ledger_postings p WHERE p.contract_id = c.contract_id) AS committed
FROM staging_graduations s JOIN contracts c ON c.number = s.contract_number
    JOIN applications a ON a.application_id = c.application_id JOIN calls l ON l.call_id = a.call_id
WHERE c.status = 'active';
INSERT INTO ledger_postings (programme_id, from_account, to_account, amount_tyiyn, contract_id, idempotency_key, actor,
    created_at, updated_at)
SELECT programme_id, 'committed', 'available', committed, contract_id, NULL, 'bench', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM graduating WHERE committed > 0;
UPDATE contracts SET status = 'completed', updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE contract_id IN (SELECT contract_id FROM graduating);
INSERT INTO graduations (contract_id, household_id, graduated_on, benefit_limited_until, created_at, updated_at)
SELECT contract_id, household_id, graduated_on, date(graduated_on, '+3 years'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM graduating;
INSERT INTO household_changes (household_id, actor, source, what, before_json, after_json, created_at, updated_at)
SELECT h.household_id, 'bench', 'import', 'household.update',
    json_object('aiyl_okmotu', h.aiyl_okmotu, 'benefit_monthly_som', printf('%.2f', h.benefit_monthly_tyiyn / 100.0),
        'benefit_since', h.benefit_since, 'consent', CASE WHEN h.consent THEN 'yes' ELSE 'no' END,
        'household_ref', h.household_ref, 'oblast', h.oblast_code, 'phone', h.phone, 'rayon', h.rayon_code, 'village', h.village),
    json_object('aiyl_okmotu', h.aiyl_okmotu, 'benefit_monthly_som', '', 'benefit_since', '', 'consent', CASE WHEN h.consent THEN 'yes' ELSE 'no' END,
        'household_ref', h.household_ref, 'oblast', h.oblast_code, 'phone', h.phone, 'rayon', h.rayon_code, 'village', h.village),
    strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM households h WHERE h.household_id IN (SELECT household_id FROM graduating) AND h.benefit_since IS NOT NULL;
UPDATE households SET benefit_since = NULL, benefit_monthly_tyiyn = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE household_id IN (SELECT household_id FROM graduating) AND benefit_since IS NOT NULL;
-- Each record's audit line, as emgek writes one per record (its hash and the previous one's are
-- random hex of the same length: SQL has no SHA-256 here), numbered after the chain's head.
INSERT INTO audit_log (audit_id, at_micros, actor, ip, action, object, detail, prev_hash, hash, created_at, updated_at)
SELECT h.last_id + row_number() OVER (ORDER BY g.contract_id), CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER),
    'bench', '', 'contract.complete', 'contract:' || g.contract_id,
    json_object('benefit_limited_until', date(g.graduated_on, '+3 years'), 'graduated_on', g.graduated_on, 'released', g.committed),
    lower(hex(randomblob(32))), lower(hex(randomblob(32))), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM graduating g, audit_head h;
UPDATE audit_head SET last_id = (SELECT max(audit_id) FROM audit_log), updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
DROP TABLE graduating;
DROP TABLE staging_graduations;
COMMIT;
