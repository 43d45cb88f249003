//! SQL for indicators, compiled for each backend like `queries.rs`: the facts every indicator
//! is computed from (one pass over each table, grouped where the records allow) and targets.

macro_rules! indicator_queries {
    () => {
        use crate::indicators::{
            ContractRow as IndicatorContractRow, FacilityMoneyRow, HeadcountRow, NamedFacilityRow, ProductFactRow,
            RefundRow, ReleasedRow, ReportTotalsRow, TargetRow, TraineesRow,
        };
        use emgek_domain::indicators::facts::ExportFact;

        /// The id of the audit trail's last write: figures computed at one id stay true until
        /// it moves. Sign-ins and views of personal data are in the trail too but change no
        /// figure, so they do not count (the newest rows are read backwards by id until a
        /// write).
        pub async fn data_version(pool: &Pool<Db>) -> Result<i64> {
            Ok(sqlx::query_scalar(
                "SELECT COALESCE((SELECT audit_id FROM audit_log WHERE action NOT IN \
                   ('login.success', 'login.failure', 'login.locked', 'logout', 'household.view', 'member.view', \
                    'households.export') ORDER BY audit_id DESC LIMIT 1), 0)",
            )
            .fetch_one(pool)
            .await?)
        }

        /// Every signed contract with its place, its household head's sex and whether a member
        /// of the household has a disability.
        pub async fn indicator_contracts(pool: &Pool<Db>) -> Result<Vec<IndicatorContractRow>> {
            Ok(sqlx::query_as(
                "SELECT c.contract_id, c.number, cl.programme_id, a.oblast_code, a.rayon_code, c.status, c.starts, \
                   c.created_at, \
                   COALESCE((SELECT m.sex FROM members m WHERE m.household_id = a.household_id AND m.relation = 'head' \
                       ORDER BY m.member_id LIMIT 1), '') AS head_sex, \
                   EXISTS (SELECT 1 FROM members m WHERE m.household_id = a.household_id AND m.disability <> 'none') AS disability \
                 FROM contracts c JOIN applications a ON a.application_id = c.application_id \
                   JOIN calls cl ON cl.call_id = a.call_id \
                 WHERE c.status <> 'draft' ORDER BY c.contract_id",
            )
            .fetch_all(pool)
            .await?)
        }

        /// The birth date of every member of a household with a signed contract.
        pub async fn indicator_members(pool: &Pool<Db>) -> Result<Vec<(i64, Date)>> {
            Ok(sqlx::query_as(
                "SELECT c.contract_id, m.birth_date FROM contracts c \
                   JOIN applications a ON a.application_id = c.application_id \
                   JOIN members m ON m.household_id = a.household_id \
                 WHERE c.status <> 'draft'",
            )
            .fetch_all(pool)
            .await?)
        }

        pub async fn indicator_payments(pool: &Pool<Db>) -> Result<Vec<(i64, Date, i64)>> {
            Ok(sqlx::query_as(
                "SELECT contract_id, paid_on, amount_tyiyn FROM payment_orders \
                 WHERE status = 'paid' AND paid_on IS NOT NULL ORDER BY contract_id, tranche_no",
            )
            .fetch_all(pool)
            .await?)
        }

        /// Each contract's monthly reports summed: income, the last month with revenue, jobs.
        pub async fn indicator_reports(pool: &Pool<Db>) -> Result<Vec<ReportTotalsRow>> {
            Ok(sqlx::query_as(
                "SELECT contract_id, CAST(SUM(revenue_tyiyn - costs_tyiyn) AS BIGINT) AS net_income, \
                   MAX(CASE WHEN revenue_tyiyn > 0 THEN month END) AS last_trading, \
                   CAST(MAX(jobs) AS BIGINT) AS jobs \
                 FROM monthly_reports GROUP BY contract_id",
            )
            .fetch_all(pool)
            .await?)
        }

        pub async fn indicator_visits(pool: &Pool<Db>) -> Result<Vec<(i64, Date)>> {
            Ok(sqlx::query_as(
                "SELECT contract_id, MAX(visited_on) FROM field_visits WHERE outcome = 'operating' GROUP BY contract_id",
            )
            .fetch_all(pool)
            .await?)
        }

        pub async fn indicator_graduations(pool: &Pool<Db>) -> Result<Vec<(i64, Date)>> {
            Ok(sqlx::query_as("SELECT contract_id, graduated_on FROM graduations").fetch_all(pool).await?)
        }

        pub async fn indicator_refunds(pool: &Pool<Db>) -> Result<Vec<RefundRow>> {
            Ok(sqlx::query_as(
                "SELECT contract_id, amount_tyiyn, repaid_tyiyn, claimed_on, repaid_on, created_at, updated_at FROM refund_claims",
            )
            .fetch_all(pool)
            .await?)
        }

        /// Every product with its place and its first regional and national certificates.
        pub async fn indicator_products(pool: &Pool<Db>) -> Result<Vec<ProductFactRow>> {
            Ok(sqlx::query_as(
                "SELECT d.ovop_product_id, d.name_ky, d.name_ru, d.name_en, r.oblast_code, p.rayon_code, d.developed_on, \
                   (SELECT MIN(c.valid_from) FROM ovop_certifications c \
                      WHERE c.ovop_product_id = d.ovop_product_id AND c.passed AND c.level = 'regional') AS certified_on, \
                   (SELECT MIN(c.valid_from) FROM ovop_certifications c \
                      WHERE c.ovop_product_id = d.ovop_product_id AND c.passed AND c.level = 'national') AS national_on \
                 FROM ovop_products d JOIN ovop_producers p ON p.ovop_producer_id = d.ovop_producer_id \
                   JOIN rayons r ON r.rayon_code = p.rayon_code ORDER BY d.ovop_product_id",
            )
            .fetch_all(pool)
            .await?)
        }

        pub async fn indicator_exports(pool: &Pool<Db>) -> Result<Vec<ExportFact>> {
            let rows: Vec<(i64, i64, String, String, String, Date, String, i64, i64)> = sqlx::query_as(
                "SELECT e.ovop_export_contract_id, e.ovop_producer_id, e.reference, r.oblast_code, p.rayon_code, \
                   e.signed_on, e.country, e.som_tyiyn, e.usd_cents \
                 FROM ovop_export_contracts e JOIN ovop_producers p ON p.ovop_producer_id = e.ovop_producer_id \
                   JOIN rayons r ON r.rayon_code = p.rayon_code ORDER BY e.signed_on, e.ovop_export_contract_id",
            )
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(contract_id, producer_id, reference, oblast, rayon, signed_on, country, som_tyiyn, usd_cents)| {
                    ExportFact { contract_id, producer_id, reference, oblast, rayon, signed_on, country, som_tyiyn, usd_cents }
                })
                .collect())
        }

        pub async fn indicator_facilities(pool: &Pool<Db>) -> Result<Vec<NamedFacilityRow>> {
            Ok(sqlx::query_as(
                "SELECT f.facility_id, f.code, f.name, r.oblast_code, f.rayon_code FROM facilities f \
                   JOIN rayons r ON r.rayon_code = f.rayon_code ORDER BY f.facility_id",
            )
            .fetch_all(pool)
            .await?)
        }

        /// Each headcount with the inmates in productive work that day.
        pub async fn indicator_headcounts(pool: &Pool<Db>) -> Result<Vec<HeadcountRow>> {
            Ok(sqlx::query_as(
                "SELECT p.facility_id, p.counted_on, p.inmates, \
                   (SELECT COUNT(DISTINCT a.inmate_id) FROM work_assignments a \
                      JOIN workshops w ON w.workshop_id = a.workshop_id \
                      WHERE w.facility_id = p.facility_id AND a.starts <= p.counted_on \
                        AND (a.ends IS NULL OR a.ends >= p.counted_on)) AS working \
                 FROM facility_populations p ORDER BY p.facility_id, p.counted_on",
            )
            .fetch_all(pool)
            .await?)
        }

        /// Each facility's revenue (sales, internal supply at transfer prices) and costs (costs,
        /// wages) by day: the same lines a workshop's month of money adds up.
        pub async fn indicator_enterprise_money(pool: &Pool<Db>) -> Result<Vec<FacilityMoneyRow>> {
            Ok(sqlx::query_as(
                "SELECT w.facility_id, x.on_day, x.kind, CAST(SUM(x.amount) AS BIGINT) AS amount FROM ( \
                   SELECT workshop_id, sold_on AS on_day, 'revenue' AS kind, amount_tyiyn AS amount FROM sales \
                   UNION ALL SELECT workshop_id, produced_on, 'revenue', internal_quantity * transfer_price FROM production \
                   UNION ALL SELECT workshop_id, spent_on, 'costs', amount_tyiyn FROM costs \
                   UNION ALL SELECT workshop_id, month, 'costs', gross_tyiyn FROM payroll_runs \
                 ) x JOIN workshops w ON w.workshop_id = x.workshop_id \
                 GROUP BY w.facility_id, x.on_day, x.kind ORDER BY w.facility_id, x.on_day",
            )
            .fetch_all(pool)
            .await?)
        }

        pub async fn indicator_trainees(pool: &Pool<Db>) -> Result<Vec<TraineesRow>> {
            Ok(sqlx::query_as(
                "SELECT i.facility_id, e.finished_on, i.sex, COUNT(*) AS trainees FROM enrolments e \
                   JOIN inmates i ON i.inmate_id = e.inmate_id \
                 WHERE e.status = 'completed' AND e.certificate_number IS NOT NULL AND e.finished_on IS NOT NULL \
                 GROUP BY i.facility_id, e.finished_on, i.sex",
            )
            .fetch_all(pool)
            .await?)
        }

        /// Each released inmate's latest follow-up that reached them.
        pub async fn indicator_released(pool: &Pool<Db>) -> Result<Vec<ReleasedRow>> {
            Ok(sqlx::query_as(
                "SELECT i.facility_id, i.released_on, i.sex, f.outcome FROM inmates i \
                   JOIN follow_ups f ON f.inmate_id = i.inmate_id \
                 WHERE i.released_on IS NOT NULL AND f.outcome <> 'not_reached' \
                   AND f.months_after = (SELECT MAX(g.months_after) FROM follow_ups g \
                      WHERE g.inmate_id = i.inmate_id AND g.outcome <> 'not_reached')",
            )
            .fetch_all(pool)
            .await?)
        }

        /// Sets a target, replacing the one of the same indicator, period and place.
        pub async fn set_target(pool: &Pool<Db>, by: &Actor, t: &TargetRow) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            sqlx::query(
                "INSERT INTO indicator_targets (indicator, year, quarter, oblast_code, value, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
                 ON CONFLICT (indicator, year, quarter, oblast_code) \
                 DO UPDATE SET value = excluded.value, created_by = excluded.created_by, updated_at = excluded.updated_at",
            )
            .bind(&t.indicator)
            .bind(t.year)
            .bind(t.quarter)
            .bind(&t.oblast_code)
            .bind(t.value)
            .bind(&by.name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({
                "indicator": t.indicator, "year": t.year, "quarter": t.quarter, "oblast": t.oblast_code, "value": t.value
            });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "indicator.target", format!("indicator:{}", t.indicator), detail))
                .await?;
            tx.commit().await?;
            Ok(())
        }

        pub async fn targets(pool: &Pool<Db>) -> Result<Vec<TargetRow>> {
            Ok(sqlx::query_as(
                "SELECT indicator, year, quarter, oblast_code, value FROM indicator_targets \
                 ORDER BY indicator, year, quarter, oblast_code",
            )
            .fetch_all(pool)
            .await?)
        }
    };
}

pub(crate) use indicator_queries;
