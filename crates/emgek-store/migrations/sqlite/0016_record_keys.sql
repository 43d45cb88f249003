-- The numbers a programme's records carry in the files they are imported from (the ministry's
-- register numbers of producers and products), so that a file imported twice adds nothing. Typed
-- records have none. Expand-only: the columns are new and may stay empty.
ALTER TABLE ovop_producers ADD COLUMN register_ref TEXT;
CREATE UNIQUE INDEX ovop_producers_register_ref ON ovop_producers (register_ref);
ALTER TABLE ovop_products ADD COLUMN register_ref TEXT;
CREATE UNIQUE INDEX ovop_products_register_ref ON ovop_products (register_ref);
