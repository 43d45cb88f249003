-- Indicators: the bank's day of a paid tranche (grants disbursed are reported by it), and
-- targets per indicator and period.

ALTER TABLE payment_orders ADD COLUMN paid_on DATE;  -- the day the bank paid, once paid
UPDATE payment_orders SET paid_on = (updated_at AT TIME ZONE 'UTC')::date WHERE status = 'paid';

CREATE TABLE indicator_targets (
    indicator_target_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    indicator   TEXT NOT NULL,               -- indicators::LIBRARY code
    year        BIGINT NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    quarter     BIGINT NOT NULL CHECK (quarter BETWEEN 0 AND 4), -- 0: the whole year
    oblast_code TEXT NOT NULL,               -- '' for the whole country
    value       BIGINT NOT NULL CHECK (value >= 0), -- in the indicator's unit: a count, people, tyiyn, basis points
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT indicator_targets_unique UNIQUE (indicator, year, quarter, oblast_code)
);
