//! SQL for carrying over a programme's earlier records in bulk, compiled for each backend like
//! `queries.rs`: the contracts a ministry funded before emgek, with their tranches, monthly
//! reports and graduations, in one transaction and one audit entry.

macro_rules! history_queries {
    () => {
        use crate::history::CarriedContract;

        /// Households whose number begins with `prefix`, by number.
        pub async fn household_ids_by_ref(pool: &Pool<Db>, prefix: &str) -> Result<Vec<(String, i64)>> {
            Ok(sqlx::query_as(
                "SELECT household_ref, household_id FROM households WHERE household_ref LIKE $1 ORDER BY household_ref",
            )
            .bind(format!("{prefix}%"))
            .fetch_all(pool)
            .await?)
        }

        /// The contract that carries a number, if any.
        pub async fn contract_id_by_number(pool: &Pool<Db>, number: &str) -> Result<Option<i64>> {
            Ok(sqlx::query_scalar("SELECT contract_id FROM contracts WHERE number = $1")
                .bind(number)
                .fetch_optional(pool)
                .await?)
        }

        /// Writes every carried-over contract, or none: each as a funded application, a
        /// completed contract, its grant committed and paid in the programme's ledger (the
        /// budget appropriated for them first), its monthly reports and, if it graduated, its
        /// graduation. Returns how many.
        pub async fn carry_over_contracts(
            pool: &Pool<Db>,
            by: &Actor,
            programme_id: i64,
            rows: &[CarriedContract],
        ) -> Result<usize> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let total: i64 = rows.iter().map(|r| r.grant_tyiyn).sum();
            if total > 0 {
                let p = Posting { from: Account::Appropriation, to: Account::Available, amount: total, contract: None };
                insert_posting(&mut tx, programme_id, &p, None, &by.name, now).await?;
            }
            for r in rows {
                let application: i64 = sqlx::query_scalar(
                    "INSERT INTO applications (call_id, household_id, oblast_code, rayon_code, status, \
                       grant_requested_tyiyn, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, 'funded', $5, $6, $6) RETURNING application_id",
                )
                .bind(r.call_id)
                .bind(r.household_id)
                .bind(&r.oblast)
                .bind(&r.rayon)
                .bind(r.grant_tyiyn)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query("INSERT INTO application_documents (application_id, plan_json) VALUES ($1, $2)")
                    .bind(application)
                    .bind(&r.plan_json)
                    .execute(&mut *tx)
                    .await?;
                let contract: i64 = sqlx::query_scalar(
                    "INSERT INTO contracts (application_id, number, status, grant_tyiyn, term_months, extended_months, starts, \
                       created_at, updated_at) \
                     VALUES ($1, $2, 'completed', $3, $4, 0, $5, $6, $6) RETURNING contract_id",
                )
                .bind(application)
                .bind(&r.number)
                .bind(r.grant_tyiyn)
                .bind(i64::try_from(r.months.len()).unwrap_or(12))
                .bind(r.starts)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                for (from, to) in [(Account::Available, Account::Committed), (Account::Committed, Account::Disbursed)] {
                    let p = Posting { from, to, amount: r.grant_tyiyn, contract: Some(contract) };
                    insert_posting(&mut tx, programme_id, &p, None, &by.name, now).await?;
                }
                sqlx::query(
                    "INSERT INTO payment_orders (contract_id, tranche_no, amount_tyiyn, status, idempotency_key, bank_reference, \
                       paid_on, created_at, updated_at) VALUES ($1, 1, $2, 'paid', $3, $4, $5, $6, $6)",
                )
                .bind(contract)
                .bind(r.grant_tyiyn)
                .bind(format!("carried-{}", r.number))
                .bind(format!("CARRIED-{}", r.number))
                .bind(r.starts)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                let mut month = emgek_domain::social_contract::monitoring::month_of(r.starts);
                for (revenue, costs, jobs) in &r.months {
                    sqlx::query(
                        "INSERT INTO monthly_reports (contract_id, month, revenue_tyiyn, costs_tyiyn, jobs, purchases_json, \
                           receipts, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, '[]', '', $6, $7, $7)",
                    )
                    .bind(contract)
                    .bind(month)
                    .bind(revenue)
                    .bind(costs)
                    .bind(jobs)
                    .bind(&by.name)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    month = emgek_domain::social_contract::monitoring::next_month(month);
                }
                if let Some((on, limited_until)) = r.graduated {
                    sqlx::query(
                        "INSERT INTO graduations (contract_id, household_id, graduated_on, benefit_limited_until, created_at, \
                           updated_at) VALUES ($1, $2, $3, $4, $5, $5)",
                    )
                    .bind(contract)
                    .bind(r.household_id)
                    .bind(on)
                    .bind(limited_until)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            let detail = serde_json::json!({ "contracts": rows.len(), "grants": total });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "contracts.carry_over", format!("programme:{programme_id}"), detail))
                .await?;
            tx.commit().await?;
            Ok(rows.len())
        }
    };
}

pub(crate) use history_queries;
