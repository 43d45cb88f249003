-- The day a commission decided an application: set by its decision in emgek, or brought from the
-- commission's minutes with the average score (`emgek import sc-decisions`), so that a file of
-- decisions imported twice adds nothing. Expand-only: the column is new and may stay empty (an
-- application decided before it has only its score).
ALTER TABLE applications ADD COLUMN decided_on DATE;
