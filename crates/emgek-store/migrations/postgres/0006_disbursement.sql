-- Social Contract, third part: payment orders for tranches, their bank confirmations, refund
-- claims after violations, and graduations.

CREATE TABLE payment_orders (
    payment_order_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contract_id      BIGINT NOT NULL REFERENCES contracts (contract_id),
    tranche_no       BIGINT NOT NULL,          -- 1 for the first tranche
    amount_tyiyn     BIGINT NOT NULL CHECK (amount_tyiyn > 0),
    status           TEXT NOT NULL,            -- ordered | sent | paid | failed
    idempotency_key  TEXT NOT NULL,            -- the request's key: a retried request returns this order
    bank_reference   TEXT NOT NULL,            -- the bank's reference once confirmed
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT payment_orders_idempotency_unique UNIQUE (idempotency_key)
);
-- A tranche is ordered once, unless the bank refused the earlier order.
CREATE UNIQUE INDEX payment_orders_one_per_tranche ON payment_orders (contract_id, tranche_no) WHERE status <> 'failed';

CREATE TABLE refund_claims (
    refund_claim_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contract_id     BIGINT NOT NULL REFERENCES contracts (contract_id),
    amount_tyiyn    BIGINT NOT NULL,           -- claimed: what was disbursed
    repaid_tyiyn    BIGINT NOT NULL,
    reason          TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT refund_claims_contract_unique UNIQUE (contract_id)
);

CREATE TABLE graduations (
    graduation_id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contract_id           BIGINT NOT NULL REFERENCES contracts (contract_id),
    household_id          BIGINT NOT NULL REFERENCES households (household_id),
    graduated_on          DATE NOT NULL,
    benefit_limited_until DATE NOT NULL,       -- the household's right to the benefit is limited until then
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    CONSTRAINT graduations_contract_unique UNIQUE (contract_id)
);
