-- Social Contract, fourth part: monthly reports of funded businesses and field visits.

CREATE TABLE monthly_reports (
    monthly_report_id INTEGER PRIMARY KEY,
    contract_id       BIGINT NOT NULL REFERENCES contracts (contract_id),
    month             TEXT NOT NULL,         -- the first day of the month reported on
    revenue_tyiyn     BIGINT NOT NULL CHECK (revenue_tyiyn >= 0),
    costs_tyiyn       BIGINT NOT NULL CHECK (costs_tyiyn >= 0),
    jobs              BIGINT NOT NULL,       -- people working in the business that month
    purchases_json    TEXT NOT NULL,         -- [{line, amount}]: spending against the plan's budget lines, in tyiyn
    receipts          TEXT NOT NULL,         -- the receipts shown: numbers or short notes, one per line
    created_by        TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CONSTRAINT monthly_reports_month_unique UNIQUE (contract_id, month)
);

CREATE TABLE field_visits (
    field_visit_id INTEGER PRIMARY KEY,
    contract_id    BIGINT NOT NULL REFERENCES contracts (contract_id),
    visited_on     TEXT NOT NULL,
    outcome        TEXT NOT NULL,            -- operating | struggling | closed
    reasons        TEXT NOT NULL,
    visitor        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX field_visits_contract ON field_visits (contract_id, visited_on);
