-- A correction of a household's record that a grievance showed was needed: its line of the
-- household's history names the grievance (and the grievance's steps name the correction).
ALTER TABLE household_changes ADD COLUMN grievance_id BIGINT REFERENCES grievances (grievance_id);
