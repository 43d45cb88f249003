-- Prison enterprises: facilities and their headcounts, workshops and their assets, inmates
-- and their work, monthly timesheets and closed payroll runs, production and sales, customers'
-- orders, costs, funding, training, release and follow-up, and the enterprises' rules by date
-- of effect.

CREATE TABLE facilities (
    facility_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        TEXT NOT NULL,               -- names the facility in access grants: facility:CODE
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,               -- prison::facility::FacilityKind code
    rayon_code  TEXT NOT NULL REFERENCES rayons (rayon_code),
    locality    TEXT NOT NULL,               -- the village or town, e.g. Stepnoe
    capacity    BIGINT NOT NULL CHECK (capacity >= 0),
    description TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT facilities_code_unique UNIQUE (code)
);

-- Headcounts on given days: the denominator of the share of inmates in work.
CREATE TABLE facility_populations (
    facility_population_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    facility_id            BIGINT NOT NULL REFERENCES facilities (facility_id),
    counted_on             DATE NOT NULL,
    inmates                BIGINT NOT NULL CHECK (inmates >= 0),
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL,
    CONSTRAINT facility_populations_unique UNIQUE (facility_id, counted_on)
);

CREATE TABLE workshops (
    workshop_id  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    facility_id  BIGINT NOT NULL REFERENCES facilities (facility_id),
    code         TEXT NOT NULL,
    name         TEXT NOT NULL,
    activity     TEXT NOT NULL,              -- sewing, bakery, soya milk, …
    opened_on    DATE NOT NULL,
    wage_tyiyn   BIGINT NOT NULL CHECK (wage_tyiyn >= 0), -- the usual monthly wage, offered for new work
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT workshops_code_unique UNIQUE (facility_id, code)
);

CREATE TABLE assets (
    asset_id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workshop_id    BIGINT NOT NULL REFERENCES workshops (workshop_id),
    name           TEXT NOT NULL,
    funding_source TEXT NOT NULL,            -- donor_project | state_budget | own_profits
    value_tyiyn    BIGINT NOT NULL CHECK (value_tyiyn >= 0),
    acquired_on    DATE NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

-- The few facts kept about an inmate: visible only to the facility's staff and HQ roles that need them.
CREATE TABLE inmates (
    inmate_id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    facility_id     BIGINT NOT NULL REFERENCES facilities (facility_id),
    register_number TEXT NOT NULL,
    full_name       TEXT NOT NULL,
    sex             TEXT NOT NULL,           -- female | male
    released_on     DATE,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT inmates_register_unique UNIQUE (facility_id, register_number)
);

CREATE TABLE work_assignments (
    work_assignment_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inmate_id          BIGINT NOT NULL REFERENCES inmates (inmate_id),
    workshop_id        BIGINT NOT NULL REFERENCES workshops (workshop_id),
    starts             DATE NOT NULL,
    ends               DATE,                 -- open while the inmate works there
    wage_tyiyn         BIGINT NOT NULL CHECK (wage_tyiyn >= 0), -- for a full month
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX work_assignments_workshop ON work_assignments (workshop_id, starts);
CREATE INDEX work_assignments_dates ON work_assignments (starts, ends);

CREATE TABLE deduction_orders (
    deduction_order_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inmate_id          BIGINT NOT NULL REFERENCES inmates (inmate_id),
    kind               TEXT NOT NULL,        -- prison::payroll::DeductionKind code
    rate_bp            BIGINT NOT NULL CHECK (rate_bp > 0 AND rate_bp <= 10000),
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX deduction_orders_inmate ON deduction_orders (inmate_id);

CREATE TABLE timesheets (
    timesheet_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workshop_id  BIGINT NOT NULL REFERENCES workshops (workshop_id),
    month        DATE NOT NULL,              -- the first day of the month
    inmate_id    BIGINT NOT NULL REFERENCES inmates (inmate_id),
    working_days BIGINT NOT NULL,
    days_worked  BIGINT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT timesheets_unique UNIQUE (workshop_id, month, inmate_id)
);

-- A closed month's pay; the preview is computed and never stored.
CREATE TABLE payroll_runs (
    payroll_run_id  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workshop_id     BIGINT NOT NULL REFERENCES workshops (workshop_id),
    month           DATE NOT NULL,
    gross_tyiyn     BIGINT NOT NULL,
    withheld_tyiyn  BIGINT NOT NULL,
    net_tyiyn       BIGINT NOT NULL,
    closed_by       TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT payroll_runs_unique UNIQUE (workshop_id, month)
);

CREATE TABLE payroll_lines (
    payroll_line_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payroll_run_id  BIGINT NOT NULL REFERENCES payroll_runs (payroll_run_id),
    inmate_id       BIGINT NOT NULL REFERENCES inmates (inmate_id),
    days_worked     BIGINT NOT NULL,
    gross_tyiyn     BIGINT NOT NULL,
    deductions_json TEXT NOT NULL,           -- [[kind, tyiyn], …]
    net_tyiyn       BIGINT NOT NULL,         -- credited to the inmate's personal account
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX payroll_lines_inmate ON payroll_lines (inmate_id);

CREATE TABLE production (
    production_id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workshop_id       BIGINT NOT NULL REFERENCES workshops (workshop_id),
    produced_on       DATE NOT NULL,         -- the day, or the first day of a month recorded whole
    whole_month       BOOLEAN NOT NULL,
    product           TEXT NOT NULL,
    unit              TEXT NOT NULL,         -- prison::production::Unit code
    quantity          BIGINT NOT NULL CHECK (quantity > 0),
    internal_quantity BIGINT NOT NULL CHECK (internal_quantity >= 0),
    transfer_price    BIGINT NOT NULL CHECK (transfer_price >= 0), -- tyiyn a unit, inside the Prison Service
    inmates_fed       BIGINT NOT NULL CHECK (inmates_fed >= 0),
    created_by        TEXT NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX production_workshop ON production (workshop_id, produced_on);

CREATE TABLE sales (
    sale_id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workshop_id  BIGINT NOT NULL REFERENCES workshops (workshop_id),
    sold_on      DATE NOT NULL,
    customer     TEXT NOT NULL,
    product      TEXT NOT NULL,
    quantity     BIGINT NOT NULL CHECK (quantity > 0),
    unit_price   BIGINT NOT NULL CHECK (unit_price >= 0), -- tyiyn
    amount_tyiyn BIGINT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX sales_workshop ON sales (workshop_id, sold_on);

-- The rules by date of effect (prison::rules::EnterpriseRules): the share of profit paid to the
-- state budget, and the share of pay deductions must leave an inmate.
CREATE TABLE enterprise_rules (
    enterprise_rules_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    effective_from      DATE NOT NULL,
    state_budget_bp     BIGINT NOT NULL CHECK (state_budget_bp >= 0 AND state_budget_bp <= 10000),
    inmate_min_net_bp   BIGINT NOT NULL CHECK (inmate_min_net_bp >= 0 AND inmate_min_net_bp <= 10000),
    created_by          TEXT NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CONSTRAINT enterprise_rules_unique UNIQUE (effective_from)
);

-- A workshop's costs other than wages (closed payrolls give those).
CREATE TABLE costs (
    cost_id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workshop_id  BIGINT NOT NULL REFERENCES workshops (workshop_id),
    spent_on     DATE NOT NULL,
    category     TEXT NOT NULL,              -- prison::finance::CostCategory code
    description  TEXT NOT NULL,
    amount_tyiyn BIGINT NOT NULL CHECK (amount_tyiyn > 0),
    created_by   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX costs_workshop ON costs (workshop_id, spent_on);

-- Money promised to the income-generating activities (by the state or a donor) and paid out.
CREATE TABLE funding_commitments (
    funding_commitment_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source                TEXT NOT NULL,     -- state_budget | donor_project
    purpose               TEXT NOT NULL,
    committed_on          DATE NOT NULL,
    amount_tyiyn          BIGINT NOT NULL CHECK (amount_tyiyn > 0),
    created_by            TEXT NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL
);

CREATE TABLE funding_disbursements (
    funding_disbursement_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    funding_commitment_id   BIGINT NOT NULL REFERENCES funding_commitments (funding_commitment_id),
    facility_id             BIGINT REFERENCES facilities (facility_id),
    disbursed_on            DATE NOT NULL,
    amount_tyiyn            BIGINT NOT NULL CHECK (amount_tyiyn > 0),
    created_by              TEXT NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL
);
CREATE INDEX funding_disbursements_commitment ON funding_disbursements (funding_commitment_id);

-- Vocational training in a facility, and who took it.
CREATE TABLE courses (
    course_id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    facility_id BIGINT NOT NULL REFERENCES facilities (facility_id),
    name        TEXT NOT NULL,
    trade       TEXT NOT NULL,               -- the skill it gives: seamstress, hairdresser, …
    starts      DATE NOT NULL,
    months      BIGINT NOT NULL,
    places      BIGINT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX courses_facility ON courses (facility_id, starts);

CREATE TABLE enrolments (
    enrolment_id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id          BIGINT NOT NULL REFERENCES courses (course_id),
    inmate_id          BIGINT NOT NULL REFERENCES inmates (inmate_id),
    enrolled_on        DATE NOT NULL,
    status             TEXT NOT NULL,        -- enrolled | completed | dropped
    finished_on        DATE,
    certificate_number TEXT,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    CONSTRAINT enrolments_unique UNIQUE (course_id, inmate_id),
    CONSTRAINT enrolments_certificate_unique UNIQUE (certificate_number)
);
CREATE INDEX enrolments_inmate ON enrolments (inmate_id);

-- Employment after release, 3, 6 and 12 months on.
CREATE TABLE follow_ups (
    follow_up_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inmate_id    BIGINT NOT NULL REFERENCES inmates (inmate_id),
    months_after BIGINT NOT NULL,
    checked_on   DATE NOT NULL,
    outcome      TEXT NOT NULL,              -- prison::reintegration::Outcome code
    note         TEXT NOT NULL,              -- employer or trade, as told
    created_by   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT follow_ups_unique UNIQUE (inmate_id, months_after)
);

-- Customers' orders (2,500 uniforms for the Customs Service): lines, deliveries (each a sale),
-- invoices and their payments.
CREATE TABLE orders (
    order_id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workshop_id BIGINT NOT NULL REFERENCES workshops (workshop_id),
    customer    TEXT NOT NULL,
    ordered_on  DATE NOT NULL,
    due_on      DATE NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX orders_workshop ON orders (workshop_id, ordered_on);

CREATE TABLE order_lines (
    order_line_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id      BIGINT NOT NULL REFERENCES orders (order_id),
    product       TEXT NOT NULL,
    quantity      BIGINT NOT NULL CHECK (quantity > 0),
    unit_price    BIGINT NOT NULL CHECK (unit_price >= 0), -- tyiyn
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX order_lines_order ON order_lines (order_id);

-- A delivery against an order line is recorded as a sale that names the line.
ALTER TABLE sales ADD COLUMN order_line_id BIGINT REFERENCES order_lines (order_line_id);
CREATE INDEX sales_order_line ON sales (order_line_id);

CREATE TABLE invoices (
    invoice_id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id     BIGINT NOT NULL REFERENCES orders (order_id),
    number       TEXT NOT NULL,
    issued_on    DATE NOT NULL,
    amount_tyiyn BIGINT NOT NULL CHECK (amount_tyiyn > 0),
    created_by   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT invoices_number_unique UNIQUE (number)
);

CREATE TABLE invoice_payments (
    invoice_payment_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invoice_id         BIGINT NOT NULL REFERENCES invoices (invoice_id),
    paid_on            DATE NOT NULL,
    amount_tyiyn       BIGINT NOT NULL CHECK (amount_tyiyn > 0),
    reference          TEXT NOT NULL,        -- the bank's reference: the same payment twice is one
    created_by         TEXT NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    CONSTRAINT invoice_payments_reference_unique UNIQUE (invoice_id, reference)
);
