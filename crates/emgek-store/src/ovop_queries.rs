//! SQL for exchange rates and One Village – One Product, compiled for each backend like
//! `queries.rs`. Every write is audited in the same transaction.

macro_rules! ovop_queries {
    () => {
        use crate::ovop::{
            CertificationRow, ExportContractRow, NewCertification, NewExportContract, NewOutlet, NewProducer, NewProduct,
            OutletRow, PhotoRow, ProducerRow, ProductRow, RateRow,
        };

        /// Adds official rates in one transaction: all of them, or none if one is already set
        /// for its currency and day (`rate.exists`).
        pub async fn add_rates(pool: &Pool<Db>, by: &Actor, rates: &[(String, Date, i64)]) -> Result<usize> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            for (currency, on, som_x10000) in rates {
                sqlx::query(
                    "INSERT INTO exchange_rates (currency, rate_on, som_x10000, created_by, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $5)",
                )
                .bind(currency)
                .bind(on)
                .bind(som_x10000)
                .bind(&by.name)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            let first = rates.first().map(|r| r.1.to_string());
            let last = rates.last().map(|r| r.1.to_string());
            let detail = serde_json::json!({ "rates": rates.len(), "first": first, "last": last });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "rates.add", "exchange_rates", detail)).await?;
            tx.commit().await?;
            Ok(rates.len())
        }

        /// Every rate, latest first.
        pub async fn rates(pool: &Pool<Db>) -> Result<Vec<RateRow>> {
            Ok(sqlx::query_as(
                "SELECT currency, rate_on, som_x10000, created_by FROM exchange_rates ORDER BY rate_on DESC, currency",
            )
            .fetch_all(pool)
            .await?)
        }

        /// The rate of `currency` in force on `on`: the latest set on or before it.
        pub async fn rate_on(pool: &Pool<Db>, currency: &str, on: Date) -> Result<Option<i64>> {
            Ok(sqlx::query_scalar(
                "SELECT som_x10000 FROM exchange_rates WHERE currency = $1 AND rate_on <= $2 ORDER BY rate_on DESC LIMIT 1",
            )
            .bind(currency)
            .bind(on)
            .fetch_optional(pool)
            .await?)
        }

        /// Adds a version of the certification rules (once per date of effect: `rules.version_exists`).
        pub async fn add_ovop_rules(pool: &Pool<Db>, by: &Actor, r: &emgek_domain::ovop::certification::CertificationRules) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            sqlx::query(
                "INSERT INTO ovop_rules (effective_from, pass_bp, validity_years, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5)",
            )
            .bind(r.effective_from)
            .bind(i64::from(r.pass_bp))
            .bind(i64::from(r.validity_years))
            .bind(&by.name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "from": r.effective_from.to_string(), "pass_bp": r.pass_bp, "validity_years": r.validity_years });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "ovop.rules", "ovop_rules", detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        /// Every version of the certification rules, latest first.
        pub async fn ovop_rules(pool: &Pool<Db>) -> Result<Vec<emgek_domain::ovop::certification::CertificationRules>> {
            let rows: Vec<(Date, i64, i64)> =
                sqlx::query_as("SELECT effective_from, pass_bp, validity_years FROM ovop_rules ORDER BY effective_from DESC")
                    .fetch_all(pool)
                    .await?;
            Ok(rows
                .into_iter()
                .map(|(effective_from, pass_bp, years)| emgek_domain::ovop::certification::CertificationRules {
                    effective_from,
                    pass_bp: u32::try_from(pass_bp).unwrap_or(0),
                    validity_years: u8::try_from(years).unwrap_or(0),
                })
                .collect())
        }

        pub async fn create_producer(pool: &Pool<Db>, by: &Actor, p: &NewProducer) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO ovop_producers (kind, name, rayon_code, village, contract_id, workshop_id, contact, publish_contact, created_by, created_at, updated_at, register_ref) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING ovop_producer_id",
            )
            .bind(&p.kind)
            .bind(&p.name)
            .bind(&p.rayon_code)
            .bind(&p.village)
            .bind(p.contract_id)
            .bind(p.workshop_id)
            .bind(&p.contact)
            .bind(p.publish_contact)
            .bind(&by.name)
            .bind(now)
            .bind(&p.register_ref)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "kind": p.kind, "rayon": p.rayon_code, "contract": p.contract_id, "workshop": p.workshop_id });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "ovop.producer", format!("ovop_producer:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        const PRODUCER_COLUMNS: &str = "p.ovop_producer_id, p.kind, p.name, p.rayon_code, r.oblast_code, p.village, \
             p.contract_id, p.workshop_id, p.contact, p.publish_contact, \
             (SELECT COUNT(*) FROM ovop_products x WHERE x.ovop_producer_id = p.ovop_producer_id) AS products, \
             p.register_ref FROM ovop_producers p JOIN rayons r ON r.rayon_code = p.rayon_code";

        pub async fn producers(pool: &Pool<Db>) -> Result<Vec<ProducerRow>> {
            let sql = format!("SELECT {PRODUCER_COLUMNS} ORDER BY p.name, p.ovop_producer_id");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await?)
        }

        pub async fn producer(pool: &Pool<Db>, id: i64) -> Result<ProducerRow> {
            let sql = format!("SELECT {PRODUCER_COLUMNS} WHERE p.ovop_producer_id = $1");
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?.ok_or(StoreError::NotFound)
        }

        pub async fn create_product(pool: &Pool<Db>, by: &Actor, p: &NewProduct) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let [name_ky, name_ru, name_en] = &p.names;
            let [description_ky, description_ru, description_en] = &p.descriptions;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO ovop_products (ovop_producer_id, category, name_ky, name_ru, name_en, description_ky, description_ru, description_en, \
                 local_resources, developed_on, published, created_by, created_at, updated_at, register_ref) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14) RETURNING ovop_product_id",
            )
            .bind(p.producer_id)
            .bind(&p.category)
            .bind(name_ky)
            .bind(name_ru)
            .bind(name_en)
            .bind(description_ky)
            .bind(description_ru)
            .bind(description_en)
            .bind(&p.local_resources)
            .bind(p.developed_on)
            .bind(p.published)
            .bind(&by.name)
            .bind(now)
            .bind(&p.register_ref)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "producer": p.producer_id, "category": p.category, "name": name_en, "published": p.published });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "ovop.product", format!("ovop_product:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        /// Shows a product in the public catalogue or takes it out.
        pub async fn publish_product(pool: &Pool<Db>, by: &Actor, id: i64, published: bool) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let done = sqlx::query("UPDATE ovop_products SET published = $2, updated_at = $3 WHERE ovop_product_id = $1")
                .bind(id)
                .bind(published)
                .bind(OffsetDateTime::now_utc())
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            let detail = serde_json::json!({ "published": published });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "ovop.publish", format!("ovop_product:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        const PRODUCT_COLUMNS: &str = "x.ovop_product_id, x.ovop_producer_id, p.name AS producer_name, p.kind AS producer_kind, \
             p.rayon_code, r.oblast_code, p.village, p.contact, p.publish_contact, x.category, x.name_ky, x.name_ru, x.name_en, \
             x.description_ky, x.description_ru, x.description_en, x.local_resources, x.developed_on, x.published, \
             (SELECT COUNT(*) FROM ovop_product_photos f WHERE f.ovop_product_id = x.ovop_product_id) AS photos, \
             (SELECT MIN(f.ovop_product_photo_id) FROM ovop_product_photos f WHERE f.ovop_product_id = x.ovop_product_id) AS first_photo, \
             x.register_ref FROM ovop_products x JOIN ovop_producers p ON p.ovop_producer_id = x.ovop_producer_id \
             JOIN rayons r ON r.rayon_code = p.rayon_code";

        /// Every product, newest first (a few thousand for a whole country).
        pub async fn products(pool: &Pool<Db>) -> Result<Vec<ProductRow>> {
            let sql = format!("SELECT {PRODUCT_COLUMNS} ORDER BY x.developed_on DESC, x.ovop_product_id DESC");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await?)
        }

        pub async fn product(pool: &Pool<Db>, id: i64) -> Result<ProductRow> {
            let sql = format!("SELECT {PRODUCT_COLUMNS} WHERE x.ovop_product_id = $1");
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?.ok_or(StoreError::NotFound)
        }

        /// Adds a photo to a product; the same photo twice is one (its id again, `false`).
        pub async fn add_photo(pool: &Pool<Db>, by: &Actor, product: i64, content_type: &str, content: &[u8]) -> Result<(i64, bool)> {
            use sha2::{Digest, Sha256};
            let digest = hex::encode(Sha256::digest(content));
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let inserted: Option<i64> = sqlx::query_scalar(
                "INSERT INTO ovop_product_photos (ovop_product_id, content_type, size_bytes, sha256, content, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (ovop_product_id, sha256) DO NOTHING RETURNING ovop_product_photo_id",
            )
            .bind(product)
            .bind(content_type)
            .bind(content.len() as i64)
            .bind(&digest)
            .bind(content)
            .bind(&by.name)
            .bind(OffsetDateTime::now_utc())
            .fetch_optional(&mut *tx)
            .await?;
            let Some(id) = inserted else {
                tx.rollback().await?;
                let id = sqlx::query_scalar("SELECT ovop_product_photo_id FROM ovop_product_photos WHERE ovop_product_id = $1 AND sha256 = $2")
                    .bind(product)
                    .bind(&digest)
                    .fetch_one(pool)
                    .await?;
                return Ok((id, false));
            };
            let detail = serde_json::json!({ "photo": id, "type": content_type, "bytes": content.len(), "sha256": digest });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "ovop.photo", format!("ovop_product:{product}"), detail)).await?;
            tx.commit().await?;
            Ok((id, true))
        }

        pub async fn photos(pool: &Pool<Db>, product: i64) -> Result<Vec<PhotoRow>> {
            Ok(sqlx::query_as(
                "SELECT ovop_product_photo_id, ovop_product_id, content_type, size_bytes FROM ovop_product_photos \
                 WHERE ovop_product_id = $1 ORDER BY ovop_product_photo_id",
            )
            .bind(product)
            .fetch_all(pool)
            .await?)
        }

        /// A photo with its bytes.
        pub async fn photo(pool: &Pool<Db>, id: i64) -> Result<(PhotoRow, Vec<u8>)> {
            let row: Option<(i64, i64, String, i64, Vec<u8>)> = sqlx::query_as(
                "SELECT ovop_product_photo_id, ovop_product_id, content_type, size_bytes, content FROM ovop_product_photos \
                 WHERE ovop_product_photo_id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?;
            let (ovop_product_photo_id, ovop_product_id, content_type, size_bytes, content) = row.ok_or(StoreError::NotFound)?;
            Ok((PhotoRow { ovop_product_photo_id, ovop_product_id, content_type, size_bytes }, content))
        }

        pub async fn record_certification(pool: &Pool<Db>, by: &Actor, c: &NewCertification) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let (number, from, until) = match &c.certificate {
                Some((n, f, u)) => (Some(n.clone()), Some(*f), Some(*u)),
                None => (None, None, None),
            };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO ovop_certifications (ovop_product_id, level, oblast_code, assessed_on, scores_json, total, max_points, passed, \
                 certificate_number, valid_from, valid_until, comment, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING ovop_certification_id",
            )
            .bind(c.product_id)
            .bind(&c.level)
            .bind(&c.oblast_code)
            .bind(c.assessed_on)
            .bind(&c.scores_json)
            .bind(c.total)
            .bind(c.max_points)
            .bind(c.certificate.is_some())
            .bind(&number)
            .bind(from)
            .bind(until)
            .bind(&c.comment)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "level": c.level, "total": c.total, "max": c.max_points, "certificate": number, "until": until.map(|d| d.to_string()) });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "ovop.certification", format!("ovop_product:{}", c.product_id), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        const CERTIFICATION_COLUMNS: &str = "ovop_certification_id, ovop_product_id, level, oblast_code, assessed_on, scores_json, total, \
             max_points, passed, certificate_number, valid_from, valid_until, comment, created_by FROM ovop_certifications";

        /// A product's assessments, latest first.
        pub async fn certifications(pool: &Pool<Db>, product: i64) -> Result<Vec<CertificationRow>> {
            let sql = format!("SELECT {CERTIFICATION_COLUMNS} WHERE ovop_product_id = $1 ORDER BY assessed_on DESC, ovop_certification_id DESC");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(product).fetch_all(pool).await?)
        }

        /// Every passed assessment: the certificates the catalogue and the indicators read.
        pub async fn certificates(pool: &Pool<Db>) -> Result<Vec<CertificationRow>> {
            let sql = format!("SELECT {CERTIFICATION_COLUMNS} WHERE passed ORDER BY ovop_product_id, assessed_on");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await?)
        }

        pub async fn create_outlet(pool: &Pool<Db>, by: &Actor, o: &NewOutlet) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO ovop_outlets (name, kind, country, rayon_code, address, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ovop_outlet_id",
            )
            .bind(&o.name)
            .bind(&o.kind)
            .bind(&o.country)
            .bind(&o.rayon_code)
            .bind(&o.address)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "name": o.name, "kind": o.kind, "country": o.country });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "ovop.outlet", format!("ovop_outlet:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn outlets(pool: &Pool<Db>) -> Result<Vec<OutletRow>> {
            Ok(sqlx::query_as("SELECT ovop_outlet_id, name, kind, country, rayon_code, address FROM ovop_outlets ORDER BY country, name")
                .fetch_all(pool)
                .await?)
        }

        /// A product is sold at an outlet (once: `outlet.already_linked`).
        pub async fn sell_at(pool: &Pool<Db>, by: &Actor, product: i64, outlet: i64) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            sqlx::query("INSERT INTO ovop_product_outlets (ovop_product_id, ovop_outlet_id, created_by, created_at) VALUES ($1, $2, $3, $4)")
                .bind(product)
                .bind(outlet)
                .bind(&by.name)
                .bind(OffsetDateTime::now_utc())
                .execute(&mut *tx)
                .await?;
            let detail = serde_json::json!({ "outlet": outlet });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "ovop.sold_at", format!("ovop_product:{product}"), detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        pub async fn product_outlets(pool: &Pool<Db>, product: i64) -> Result<Vec<OutletRow>> {
            Ok(sqlx::query_as(
                "SELECT o.ovop_outlet_id, o.name, o.kind, o.country, o.rayon_code, o.address FROM ovop_outlets o \
                 JOIN ovop_product_outlets l ON l.ovop_outlet_id = o.ovop_outlet_id WHERE l.ovop_product_id = $1 ORDER BY o.name",
            )
            .bind(product)
            .fetch_all(pool)
            .await?)
        }

        pub async fn record_export_contract(pool: &Pool<Db>, by: &Actor, e: &NewExportContract) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO ovop_export_contracts (ovop_producer_id, ovop_product_id, reference, buyer, country, signed_on, quantity, unit, \
                 currency, value_minor, rate_x10000, som_tyiyn, usd_rate_x10000, usd_cents, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING ovop_export_contract_id",
            )
            .bind(e.producer_id)
            .bind(e.product_id)
            .bind(&e.reference)
            .bind(&e.buyer)
            .bind(&e.country)
            .bind(e.signed_on)
            .bind(e.quantity)
            .bind(&e.unit)
            .bind(&e.currency)
            .bind(e.value_minor)
            .bind(e.rate_x10000)
            .bind(e.som_tyiyn)
            .bind(e.usd_rate_x10000)
            .bind(e.usd_cents)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "producer": e.producer_id, "country": e.country, "currency": e.currency,
                "value_minor": e.value_minor, "som_tyiyn": e.som_tyiyn, "usd_cents": e.usd_cents });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "ovop.export", format!("ovop_export:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        /// Every export contract, latest first.
        pub async fn export_contracts(pool: &Pool<Db>) -> Result<Vec<ExportContractRow>> {
            Ok(sqlx::query_as(
                "SELECT e.ovop_export_contract_id, e.ovop_producer_id, e.ovop_product_id, p.name AS producer_name, p.rayon_code, r.oblast_code, \
                 e.reference, e.buyer, e.country, e.signed_on, e.quantity, e.unit, e.currency, e.value_minor, e.rate_x10000, e.som_tyiyn, \
                 e.usd_rate_x10000, e.usd_cents FROM ovop_export_contracts e \
                 JOIN ovop_producers p ON p.ovop_producer_id = e.ovop_producer_id JOIN rayons r ON r.rayon_code = p.rayon_code \
                 ORDER BY e.signed_on DESC, e.ovop_export_contract_id DESC",
            )
            .fetch_all(pool)
            .await?)
        }
    };
}

pub(crate) use ovop_queries;
