-- A workshop's number of a sale outside any order (a receipt or invoice number) brought from its
-- files, so that a file imported twice adds nothing. Sales typed in emgek, and deliveries on
-- orders, have none. Expand-only: the column is new and may stay empty.
ALTER TABLE sales ADD COLUMN sale_ref TEXT;
CREATE UNIQUE INDEX sales_ref_unique ON sales (workshop_id, sale_ref);
