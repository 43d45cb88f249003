//! SQL for carrying over a programme's earlier records in bulk, compiled for each backend like
//! `queries.rs`: the contracts a ministry funded before emgek, with their tranches, monthly
//! reports and graduations, in one transaction and one audit entry.

macro_rules! history_queries {
    () => {
        use crate::history::{CarriedContract, ImportedApplication, ImportedContract, ImportedDecision, ImportedPayment};

        pub async fn household_by_ref(pool: &Pool<Db>, reference: &str) -> Result<Option<i64>> {
            Ok(sqlx::query_scalar("SELECT household_id FROM households WHERE household_ref = $1")
                .bind(reference)
                .fetch_optional(pool)
                .await?)
        }

        pub async fn posting_held(pool: &Pool<Db>, key: &str) -> Result<bool> {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ledger_postings WHERE idempotency_key = $1")
                .bind(key)
                .fetch_one(pool)
                .await?;
            Ok(n > 0)
        }

        pub async fn application_refs(pool: &Pool<Db>) -> Result<Vec<(String, i64)>> {
            Ok(sqlx::query_as(
                "SELECT application_ref, application_id FROM applications WHERE application_ref IS NOT NULL",
            )
            .fetch_all(pool)
            .await?)
        }

        pub async fn open_application(pool: &Pool<Db>, call_id: i64, household_id: i64) -> Result<Option<i64>> {
            Ok(sqlx::query_scalar(
                "SELECT application_id FROM applications WHERE call_id = $1 AND household_id = $2 \
                   AND status NOT IN ('rejected', 'withdrawn')",
            )
            .bind(call_id)
            .bind(household_id)
            .fetch_optional(pool)
            .await?)
        }

        pub async fn import_applications(pool: &Pool<Db>, by: &Actor, applications: &[ImportedApplication<'_>]) -> Result<()> {
            let mut tx = begin(pool).await?;
            let now = OffsetDateTime::now_utc();
            let mut entries = Vec::with_capacity(applications.len());
            for a in applications {
                entries.push(imported_application_in(&mut tx, by, a, now).await?);
            }
            write_audits(&mut tx, &entries).await?;
            tx.commit().await?;
            Ok(())
        }

        /// An application brought from a file, in the transaction of `conn`: numbered next in
        /// its call's order of submission, its plan and frozen facts, one event from draft to
        /// its status; answers its audit entry.
        async fn imported_application_in(conn: &mut Conn, by: &Actor, a: &ImportedApplication<'_>, now: OffsetDateTime) -> Result<AuditEntry> {
            let (household_id, oblast, rayon) = a.household;
            let grant = a.plan.figures().grant_requested.minor();
            let s = a.submission;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO applications (call_id, household_id, oblast_code, rayon_code, status, grant_requested_tyiyn, \
                   rules_effective_from, eligible, priority, submitted_seq, application_ref, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
                   (SELECT COALESCE(MAX(submitted_seq), 0) + 1 FROM applications WHERE call_id = $1), $10, $11, $11) \
                 RETURNING application_id",
            )
            .bind(a.call_id)
            .bind(household_id)
            .bind(oblast)
            .bind(rayon)
            .bind(a.status.code())
            .bind(grant)
            .bind(s.rules_from)
            .bind(s.assessment.eligible)
            .bind(i64::from(s.assessment.priority))
            .bind(a.reference)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?;
            sqlx::query(
                "INSERT INTO application_documents (application_id, plan_json, snapshot_json, assessment_json) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(to_json(a.plan))
            .bind(to_json(&s.snapshot))
            .bind(to_json(&s.assessment))
            .execute(&mut *conn)
            .await?;
            sqlx::query(
                "INSERT INTO application_events (application_id, actor, from_status, to_status, reason, created_at, updated_at) \
                 VALUES ($1, $2, 'draft', $3, $4, $5, $5)",
            )
            .bind(id)
            .bind(&by.name)
            .bind(a.status.code())
            .bind(format!("imported: {}", a.reference))
            .bind(now)
            .execute(&mut *conn)
            .await?;
            let detail = serde_json::json!({
                "reference": a.reference, "call": a.call_id, "household": household_id,
                "status": a.status.code(), "grant_requested": grant,
            });
            Ok(AuditEntry::new(by, "application.import", format!("application:{id}"), detail))
        }

        pub async fn application_decided(pool: &Pool<Db>, application_id: i64) -> Result<bool> {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM applications WHERE application_id = $1 \
                   AND (decided_on IS NOT NULL OR score_x100 IS NOT NULL)",
            )
            .bind(application_id)
            .fetch_one(pool)
            .await?;
            Ok(n > 0)
        }

        pub async fn import_decisions(pool: &Pool<Db>, by: &Actor, decisions: &[ImportedDecision<'_>]) -> Result<()> {
            let mut tx = begin(pool).await?;
            let now = OffsetDateTime::now_utc();
            let mut entries = Vec::with_capacity(decisions.len());
            for d in decisions {
                entries.push(decision_in(&mut tx, by, d, now).await?);
            }
            write_audits(&mut tx, &entries).await?;
            tx.commit().await?;
            Ok(())
        }

        /// A commission's decision brought from its minutes, in the transaction of `conn`;
        /// answers its audit entry.
        async fn decision_in(conn: &mut Conn, by: &Actor, d: &ImportedDecision<'_>, now: OffsetDateTime) -> Result<AuditEntry> {
            sqlx::query("UPDATE applications SET decided_on = $1, score_x100 = $2, updated_at = $3 WHERE application_id = $4")
                .bind(d.decided_on)
                .bind(d.score_x100)
                .bind(now)
                .bind(d.application_id)
                .execute(&mut *conn)
                .await?;
            sqlx::query(
                "INSERT INTO application_events (application_id, actor, from_status, to_status, reason, created_at, updated_at) \
                 VALUES ($1, $2, 'under_review', $3, $4, $5, $5)",
            )
            .bind(d.application_id)
            .bind(&by.name)
            .bind(d.status.code())
            .bind(d.reason)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            let detail = serde_json::json!({
                "decided_on": d.decided_on.to_string(), "status": d.status.code(),
                "score_x100": d.score_x100, "reason": d.reason,
            });
            Ok(AuditEntry::new(by, "application.decision_import", format!("application:{}", d.application_id), detail))
        }

        /// The contracts go in a few hundred to a statement (their ids read back by number),
        /// then their postings and their audit lines likewise.
        pub async fn import_contracts(pool: &Pool<Db>, by: &Actor, contracts: &[ImportedContract<'_>]) -> Result<()> {
            let mut tx = begin(pool).await?;
            let now = OffsetDateTime::now_utc();
            let mut entries = Vec::with_capacity(contracts.len());
            for chunk in contracts.chunks(crate::audit::AUDIT_ROWS) {
                let mut query = QueryBuilder::<Db>::new(
                    "INSERT INTO contracts (application_id, number, status, grant_tyiyn, term_months, extended_months, starts, \
                     created_at, updated_at) ",
                );
                query.push_values(chunk, |mut b, c| {
                    b.push_bind(c.application_id)
                        .push_bind(c.number)
                        .push_bind(c.status)
                        .push_bind(c.grant_tyiyn)
                        .push_bind(c.term_months)
                        .push_bind(0_i64)
                        .push_bind(c.starts)
                        .push_bind(now)
                        .push_bind(now);
                });
                query.push(" RETURNING contract_id, number");
                let ids: std::collections::HashMap<String, i64> =
                    query.build_query_as::<(i64, String)>().fetch_all(&mut *tx).await?.into_iter().map(|(id, n)| (n, id)).collect();
                let mut postings = Vec::with_capacity(2 * chunk.len());
                for c in chunk {
                    let id = *ids.get(c.number).ok_or_else(|| StoreError::Corrupt(format!("contract {} not written", c.number)))?;
                    for (from, to, contract) in
                        [(Account::Appropriation, Account::Available, None), (Account::Available, Account::Committed, Some(id))]
                    {
                        postings.push((c.programme_id, Posting { from, to, amount: c.grant_tyiyn, contract }, None));
                    }
                    let detail = serde_json::json!({
                        "number": c.number, "application": c.application_id, "status": c.status,
                        "grant": c.grant_tyiyn, "term_months": c.term_months, "starts": c.starts,
                    });
                    entries.push(AuditEntry::new(by, "contract.import", format!("contract:{id}"), detail));
                }
                insert_keyed_postings(&mut tx, &postings, &by.name, now).await?;
            }
            write_audits(&mut tx, &entries).await?;
            tx.commit().await?;
            Ok(())
        }

        /// Postings of several programmes, each with its idempotency key if any, in statements
        /// of a few hundred.
        async fn insert_keyed_postings(
            conn: &mut Conn,
            postings: &[(i64, Posting, Option<String>)],
            actor: &str,
            now: OffsetDateTime,
        ) -> Result<()> {
            for chunk in postings.chunks(crate::audit::AUDIT_ROWS) {
                let mut query = QueryBuilder::<Db>::new(
                    "INSERT INTO ledger_postings (programme_id, from_account, to_account, amount_tyiyn, contract_id, \
                     idempotency_key, actor, created_at, updated_at) ",
                );
                query.push_values(chunk, |mut b, (programme, p, key)| {
                    b.push_bind(*programme)
                        .push_bind(crate::records::account_code(p.from))
                        .push_bind(crate::records::account_code(p.to))
                        .push_bind(p.amount)
                        .push_bind(p.contract)
                        .push_bind(key.clone())
                        .push_bind(actor)
                        .push_bind(now)
                        .push_bind(now);
                });
                query.build().execute(&mut *conn).await?;
            }
            Ok(())
        }

        /// Each tranche's payment order (paid, or ordered and waiting for the bank: its next
        /// file, or its confirmation), its posting in the ledger when paid, and its audit line,
        /// a few hundred to a statement.
        pub async fn import_payments(pool: &Pool<Db>, by: &Actor, payments: &[ImportedPayment]) -> Result<()> {
            let mut tx = begin(pool).await?;
            let now = OffsetDateTime::now_utc();
            let mut entries = Vec::with_capacity(payments.len());
            for chunk in payments.chunks(crate::audit::AUDIT_ROWS) {
                let orders: Vec<(&ImportedPayment, &str, String, String)> = chunk
                    .iter()
                    .map(|p| {
                        let key = format!("import-{}-{}", p.contract_id, p.tranche_no);
                        let status = if p.paid_on.is_some() { "paid" } else { "ordered" };
                        let reference = p.bank_reference.clone().unwrap_or_else(|| if p.paid_on.is_some() { key.clone() } else { String::new() });
                        (p, status, key, reference)
                    })
                    .collect();
                let mut query = QueryBuilder::<Db>::new(
                    "INSERT INTO payment_orders (contract_id, tranche_no, amount_tyiyn, status, idempotency_key, bank_reference, \
                     paid_on, created_at, updated_at) ",
                );
                query.push_values(&orders, |mut b, (p, status, key, reference)| {
                    b.push_bind(p.contract_id)
                        .push_bind(p.tranche_no)
                        .push_bind(p.amount_tyiyn)
                        .push_bind(*status)
                        .push_bind(key)
                        .push_bind(reference)
                        .push_bind(p.paid_on)
                        .push_bind(now)
                        .push_bind(now);
                });
                query.push(" RETURNING payment_order_id, idempotency_key");
                let ids: std::collections::HashMap<String, i64> =
                    query.build_query_as::<(i64, String)>().fetch_all(&mut *tx).await?.into_iter().map(|(id, k)| (k, id)).collect();
                let mut postings = Vec::new();
                for (p, status, key, reference) in &orders {
                    let id = *ids.get(key).ok_or_else(|| StoreError::Corrupt(format!("payment order {key} not written")))?;
                    if p.paid_on.is_some() {
                        let posting =
                            Posting { from: Account::Committed, to: Account::Disbursed, amount: p.amount_tyiyn, contract: Some(p.contract_id) };
                        postings.push((p.programme_id, posting, Some(format!("payment:{id}"))));
                    }
                    let detail = serde_json::json!({
                        "contract": p.contract_id, "tranche": p.tranche_no, "amount": p.amount_tyiyn, "paid_on": p.paid_on,
                        "status": status, "bank_reference": reference,
                    });
                    entries.push(AuditEntry::new(by, "payment.import", format!("payment:{id}"), detail));
                }
                insert_keyed_postings(&mut tx, &postings, &by.name, now).await?;
            }
            write_audits(&mut tx, &entries).await?;
            tx.commit().await?;
            Ok(())
        }

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
