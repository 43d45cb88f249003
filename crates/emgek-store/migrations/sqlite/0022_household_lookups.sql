-- A household's applications and training read from indexes instead of every row: freezing an
-- application's facts asks whether the household was funded before (`funding_history`) and
-- whether it attended the call's training (`attended_training`); each scanned the whole table,
-- so importing the L country's 96,530 applications slowed as they came in (12 ms a row at
-- 90,000 applications).
CREATE INDEX applications_household ON applications (household_id, status);
CREATE INDEX training_attendance_household ON training_attendance (household_id);
