-- B1's reference for the Social Contract's tranches on SQLite: the engine's own CSV import of
-- payments.csv (run from its folder) into emgek's payment orders, on the contracts emgek
-- imported, and a paid tranche's posting from committed to disbursed in the programme's ledger,
-- in one transaction. emgek checks each row through the tranche's use case (its contract, the
-- rules' tranches, the grant not exceeded) and writes its order, posting and audit line.
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
DROP TABLE staging_payments;
COMMIT;
