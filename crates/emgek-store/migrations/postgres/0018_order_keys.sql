-- A workshop's number of a customer's order brought from its files, so that a file imported
-- twice adds nothing. Orders typed in emgek have none. Expand-only: the column is new and may stay
-- empty.
ALTER TABLE orders ADD COLUMN order_ref TEXT;
CREATE UNIQUE INDEX orders_ref_unique ON orders (workshop_id, order_ref);
