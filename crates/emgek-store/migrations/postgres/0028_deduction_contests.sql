-- An inmate's contest of a payroll deduction: a grievance of the same register, answered in the
-- prison facility (never in the rayon's office around it) by those who may read inmates' records
-- there. While it is open the order it contests is suspended (no month's payroll withholds it);
-- upheld, the order ends that day. An order keeps who recorded it: that officer does not answer
-- its contest. Expand-only: the orders held before have no recorder, their grievances no
-- facility.
ALTER TABLE grievances ADD COLUMN facility_code TEXT REFERENCES facilities (code);
CREATE INDEX grievances_facility ON grievances (facility_code) WHERE facility_code IS NOT NULL;
ALTER TABLE deduction_orders ADD COLUMN recorded_by TEXT NOT NULL DEFAULT '';
ALTER TABLE deduction_orders ADD COLUMN suspended_by BIGINT REFERENCES grievances (grievance_id);
ALTER TABLE deduction_orders ADD COLUMN ended_on DATE;
ALTER TABLE deduction_orders ADD COLUMN ended_by BIGINT REFERENCES grievances (grievance_id);
