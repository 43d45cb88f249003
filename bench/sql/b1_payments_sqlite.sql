-- B1's reference for the Social Contract's tranches on SQLite: the engine's own CSV import of
-- payments.csv (run from its folder) into emgek's payment orders, on the contracts emgek
-- imported, and a paid tranche's posting from committed to disbursed in the programme's ledger,
-- in one transaction. emgek checks each row through the tranche's use case (its contract, the
-- rules' tranches, the grant not exceeded) and writes its order, posting and audit line; so does
-- this.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
.import --csv payments.csv staging_payments
BEGIN;
INSERT OR IGNORE INTO payment_orders (contract_id, tranche_no, amount_tyiyn, status, idempotency_key, bank_reference,
    paid_on, created_at, updated_at)
SELECT c.contract_id, CAST(p.tranche AS INTEGER), CAST(round(p.amount_som * 100) AS INTEGER),
    CASE WHEN p.paid_on = '' THEN 'ordered' ELSE 'paid' END, 'import-' || c.contract_id || '-' || p.tranche,
    CASE WHEN p.paid_on = '' THEN '' ELSE 'import-' || c.contract_id || '-' || p.tranche END, NULLIF(p.paid_on, ''),
    strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM staging_payments p JOIN contracts c ON c.number = p.contract_number;
INSERT INTO ledger_postings (programme_id, from_account, to_account, amount_tyiyn, contract_id, idempotency_key, actor,
    created_at, updated_at)
SELECT l.programme_id, 'committed', 'disbursed', o.amount_tyiyn, o.contract_id, 'payment:' || o.payment_order_id,
    'bench', o.created_at, o.created_at
FROM payment_orders o JOIN contracts c ON c.contract_id = o.contract_id
    JOIN applications a ON a.application_id = c.application_id JOIN calls l ON l.call_id = a.call_id
WHERE o.status = 'paid';
-- Each record's audit line, as emgek writes one per record (its hash and the previous one's are
-- random hex of the same length: SQL has no SHA-256 here), numbered after the chain's head.
INSERT INTO audit_log (audit_id, at_micros, actor, ip, action, object, detail, prev_hash, hash, created_at, updated_at)
SELECT h.last_id + row_number() OVER (ORDER BY o.payment_order_id), CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER), 'bench', '',
    'payment.import', 'payment:' || o.payment_order_id, json_object('contract', o.contract_id, 'tranche', o.tranche_no, 'amount', o.amount_tyiyn, 'paid_on', o.paid_on, 'status', o.status, 'bank_reference', o.bank_reference), lower(hex(randomblob(32))), lower(hex(randomblob(32))), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM payment_orders o, audit_head h;
UPDATE audit_head SET last_id = (SELECT max(audit_id) FROM audit_log), updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
DROP TABLE staging_payments;
COMMIT;
