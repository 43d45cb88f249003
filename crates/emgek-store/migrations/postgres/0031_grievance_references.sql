-- A grievance brought from another register keeps its number there: the key that makes a file
-- sent twice add nothing. None for those registered in emgek.
ALTER TABLE grievances ADD COLUMN source_ref TEXT;
CREATE UNIQUE INDEX grievances_source_ref ON grievances (source_ref) WHERE source_ref IS NOT NULL;
