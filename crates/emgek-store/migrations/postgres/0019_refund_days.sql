-- The days a refund was claimed and last repaid. Claims and repayments brought from files carry
-- days in the past; typed ones take the day they are recorded. Expand-only: empty on the claims
-- held before, which are read by the moments they were recorded, as before.
ALTER TABLE refund_claims ADD COLUMN claimed_on DATE;
ALTER TABLE refund_claims ADD COLUMN repaid_on DATE;
-- A contract's own postings, read when a tranche is paid, a contract ends or a refund is repaid
-- (instead of the programme's whole ledger).
CREATE INDEX ledger_postings_contract ON ledger_postings (contract_id);
