-- Official exchange rates, and One Village – One Product: producers, their products with photos,
-- brand certifications, the outlets that sell them and export contracts.

-- The National Bank's official rates: som for one unit of a currency, times 10,000 (89.4500 →
-- 894500), in force from `rate_on` until the next rate of that currency.
CREATE TABLE exchange_rates (
    exchange_rate_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    currency         TEXT NOT NULL CHECK (currency <> 'KGS'), -- ISO 4217
    rate_on          DATE NOT NULL,
    som_x10000       BIGINT NOT NULL CHECK (som_x10000 > 0),
    created_by       TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT exchange_rates_unique UNIQUE (currency, rate_on)
);

-- Who makes the products: a family business funded by a Social Contract (its contract), a
-- cooperative, a prison workshop (the workshop) or another enterprise, in its village and rayon.
CREATE TABLE ovop_producers (
    ovop_producer_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             TEXT NOT NULL,   -- ovop::catalogue::ProducerKind code
    name             TEXT NOT NULL,
    rayon_code       TEXT NOT NULL REFERENCES rayons (rayon_code),
    village          TEXT NOT NULL,
    contract_id      BIGINT REFERENCES contracts (contract_id),
    workshop_id      BIGINT REFERENCES workshops (workshop_id),
    contact          TEXT NOT NULL,   -- phone or e-mail for buyers
    publish_contact  BOOLEAN NOT NULL, -- the producer agreed that the catalogue shows name, village and contact
    created_by       TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT ovop_producers_household CHECK ((kind = 'household') = (contract_id IS NOT NULL)),
    CONSTRAINT ovop_producers_workshop CHECK ((kind = 'prison_workshop') = (workshop_id IS NOT NULL))
);
CREATE INDEX ovop_producers_rayon ON ovop_producers (rayon_code);

CREATE TABLE ovop_products (
    ovop_product_id  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ovop_producer_id BIGINT NOT NULL REFERENCES ovop_producers (ovop_producer_id),
    category         TEXT NOT NULL,   -- ovop::catalogue::Category code
    name_ky          TEXT NOT NULL,
    name_ru          TEXT NOT NULL,
    name_en          TEXT NOT NULL,
    description_ky   TEXT NOT NULL,
    description_ru   TEXT NOT NULL,
    description_en   TEXT NOT NULL,
    local_resources  TEXT NOT NULL,   -- ovop::catalogue::LocalResource codes, comma-separated
    developed_on     DATE NOT NULL,   -- the programme counts products developed by year
    published        BOOLEAN NOT NULL, -- shown in the public catalogue
    created_by       TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX ovop_products_producer ON ovop_products (ovop_producer_id);

-- Photos of a product for the catalogue, kept in the database like receipts.
CREATE TABLE ovop_product_photos (
    ovop_product_photo_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ovop_product_id       BIGINT NOT NULL REFERENCES ovop_products (ovop_product_id),
    content_type          TEXT NOT NULL,  -- image/jpeg | image/png, read from the bytes
    size_bytes            BIGINT NOT NULL,
    sha256                TEXT NOT NULL,  -- hex: the same photo twice is one photo
    content               BYTEA NOT NULL,
    created_by            TEXT NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    CONSTRAINT ovop_product_photos_unique UNIQUE (ovop_product_id, sha256)
);

-- A brand committee's assessment of a product: a region's committee (its oblast) or the national
-- commission (no oblast); a passed assessment carries the certificate and its validity.
CREATE TABLE ovop_certifications (
    ovop_certification_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ovop_product_id       BIGINT NOT NULL REFERENCES ovop_products (ovop_product_id),
    level                 TEXT NOT NULL CHECK (level IN ('regional', 'national')),
    oblast_code           TEXT REFERENCES oblasts (oblast_code),
    assessed_on           DATE NOT NULL,
    scores_json           TEXT NOT NULL,  -- points by criterion code
    total                 BIGINT NOT NULL,
    max_points            BIGINT NOT NULL,
    passed                BOOLEAN NOT NULL,
    certificate_number    TEXT,
    valid_from            DATE,
    valid_until           DATE,
    comment               TEXT NOT NULL,
    created_by            TEXT NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    CONSTRAINT ovop_certifications_number_unique UNIQUE (certificate_number),
    CONSTRAINT ovop_certifications_level CHECK ((level = 'regional') = (oblast_code IS NOT NULL)),
    CONSTRAINT ovop_certifications_certificate CHECK (
        passed = (certificate_number IS NOT NULL)
        AND passed = (valid_from IS NOT NULL AND valid_until IS NOT NULL))
);
CREATE INDEX ovop_certifications_product ON ovop_certifications (ovop_product_id);

-- Where products are sold: shops, markets, fairs, hotels, online, at home or abroad.
CREATE TABLE ovop_outlets (
    ovop_outlet_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL,     -- shop | market | fair | hotel | online
    country        TEXT NOT NULL,     -- ISO 3166 alpha-2; KG at home
    rayon_code     TEXT REFERENCES rayons (rayon_code), -- at home
    address        TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE ovop_product_outlets (
    ovop_product_outlet_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ovop_product_id        BIGINT NOT NULL REFERENCES ovop_products (ovop_product_id),
    ovop_outlet_id         BIGINT NOT NULL REFERENCES ovop_outlets (ovop_outlet_id),
    created_by             TEXT NOT NULL,
    created_at             TIMESTAMPTZ NOT NULL,
    CONSTRAINT ovop_product_outlets_unique UNIQUE (ovop_product_id, ovop_outlet_id)
);

-- Export contracts, with the value in the contract's currency and its som and dollar equivalents
-- at the official rates of the day it was signed, fixed when recorded (the rates used are kept).
CREATE TABLE ovop_export_contracts (
    ovop_export_contract_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ovop_producer_id        BIGINT NOT NULL REFERENCES ovop_producers (ovop_producer_id),
    ovop_product_id         BIGINT REFERENCES ovop_products (ovop_product_id),
    reference               TEXT NOT NULL,  -- the contract's number: once per producer
    buyer                   TEXT NOT NULL,
    country                 TEXT NOT NULL,  -- ISO 3166 alpha-2
    signed_on               DATE NOT NULL,
    quantity                BIGINT NOT NULL CHECK (quantity > 0),
    unit                    TEXT NOT NULL,  -- prison::production::Unit code
    currency                TEXT NOT NULL,
    value_minor             BIGINT NOT NULL CHECK (value_minor > 0), -- hundredths of the currency
    rate_x10000             BIGINT NOT NULL CHECK (rate_x10000 > 0),
    som_tyiyn               BIGINT NOT NULL,
    usd_rate_x10000         BIGINT NOT NULL CHECK (usd_rate_x10000 > 0),
    usd_cents               BIGINT NOT NULL,
    created_by              TEXT NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL,
    CONSTRAINT ovop_export_contracts_reference_unique UNIQUE (ovop_producer_id, reference)
);
CREATE INDEX ovop_export_contracts_signed ON ovop_export_contracts (signed_on);

-- The rules brand committees certify by, as versions by date of effect: the pass mark (a share of
-- the most points, in basis points) and how many years a certificate is valid.
CREATE TABLE ovop_rules (
    ovop_rules_id  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    effective_from DATE NOT NULL,
    pass_bp        BIGINT NOT NULL CHECK (pass_bp BETWEEN 1 AND 10000),
    validity_years BIGINT NOT NULL CHECK (validity_years BETWEEN 1 AND 10),
    created_by     TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT ovop_rules_unique UNIQUE (effective_from)
);
