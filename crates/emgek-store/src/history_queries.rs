//! SQL for carrying over a programme's earlier records in bulk, compiled for each backend like
//! `queries.rs`: the contracts a ministry funded before emgek, with their tranches, monthly
//! reports and graduations, in one transaction and one audit entry.

macro_rules! history_queries {
    () => {
        use crate::history::{Applicants, ApplicationAtHand, CarriedContract, ImportedApplication, ImportedContract, ImportedDecision, ImportedPayment};

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

        /// What freezing their applications' facts reads of these households' history.
        pub async fn applicants(pool: &Pool<Db>, household_ids: &[i64]) -> Result<Applicants> {
            let mut found = Applicants::default();
            for chunk in household_ids.chunks(crate::audit::AUDIT_ROWS) {
                let list = |sql: &str| {
                    let mut query = QueryBuilder::<Db>::new(sql);
                    let mut each = query.separated(", ");
                    for id in chunk {
                        each.push_bind(*id);
                    }
                    query
                };
                let mut open = list(
                    "SELECT call_id, household_id, application_id FROM applications \
                     WHERE status NOT IN ('rejected', 'withdrawn') AND household_id IN (",
                );
                open.push(") ORDER BY application_id");
                found.open.extend(open.build_query_as::<(i64, i64, i64)>().fetch_all(pool).await?);
                let mut attended = list(
                    "SELECT DISTINCT t.call_id, a.household_id FROM training_attendance a \
                     JOIN trainings t ON t.training_id = a.training_id WHERE a.household_id IN (",
                );
                attended.push(")");
                found.attended.extend(attended.build_query_as::<(i64, i64)>().fetch_all(pool).await?);
                let mut funded = list(
                    "SELECT household_id, MAX(updated_at) FROM applications WHERE status = 'funded' AND household_id IN (",
                );
                funded.push(") GROUP BY household_id");
                let last: Vec<(i64, OffsetDateTime)> = funded.build_query_as().fetch_all(pool).await?;
                found.funded.extend(last.into_iter().map(|(h, at)| (h, at.date())));
            }
            Ok(found)
        }

        /// These applications as checking a decision or a contract on each needs them.
        pub async fn applications_at_hand(pool: &Pool<Db>, ids: &[i64]) -> Result<Vec<ApplicationAtHand>> {
            let mut found = Vec::with_capacity(ids.len());
            for chunk in ids.chunks(crate::audit::AUDIT_ROWS) {
                let mut query = QueryBuilder::<Db>::new(
                    "SELECT a.application_id, a.call_id, a.oblast_code, a.rayon_code, a.status, a.rules_effective_from, \
                       (a.decided_on IS NOT NULL OR a.score_x100 IS NOT NULL), a.grant_requested_tyiyn, c.number \
                     FROM applications a LEFT JOIN contracts c ON c.application_id = a.application_id \
                     WHERE a.application_id IN (",
                );
                let mut each = query.separated(", ");
                for id in chunk {
                    each.push_bind(*id);
                }
                query.push(")");
                type Row = (i64, i64, String, String, String, Option<time::Date>, bool, i64, Option<String>);
                let rows: Vec<Row> = query.build_query_as().fetch_all(pool).await?;
                for (id, call_id, oblast, rayon, status, rules_from, decided, grant_requested, contract) in rows {
                    let status = Status::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("status {status}")))?;
                    found.push(ApplicationAtHand { id, call_id, oblast, rayon, status, rules_from, decided, grant_requested, contract });
                }
            }
            Ok(found)
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

        /// The applications go a few hundred to a statement, numbered next in their calls' order
        /// of submission (their ids read back by number), then their plans and frozen facts, one
        /// event each from draft to its status, and their audit lines.
        pub async fn import_applications(pool: &Pool<Db>, by: &Actor, applications: &[ImportedApplication<'_>]) -> Result<()> {
            let mut tx = begin(pool).await?;
            let now = OffsetDateTime::now_utc();
            let mut entries = Vec::with_capacity(applications.len());
            // Each call's last number of submission, read once.
            let mut last_seq: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
            for chunk in applications.chunks(crate::audit::AUDIT_ROWS) {
                let mut numbered = Vec::with_capacity(chunk.len());
                for a in chunk {
                    let seq = match last_seq.get_mut(&a.call_id) {
                        Some(seq) => seq,
                        None => {
                            let last: i64 = sqlx::query_scalar(
                                "SELECT COALESCE(MAX(submitted_seq), 0) FROM applications WHERE call_id = $1",
                            )
                            .bind(a.call_id)
                            .fetch_one(&mut *tx)
                            .await?;
                            last_seq.entry(a.call_id).or_insert(last)
                        }
                    };
                    *seq += 1;
                    numbered.push((a, *seq, a.plan.figures().grant_requested.minor()));
                }
                let mut insert = QueryBuilder::<Db>::new(
                    "INSERT INTO applications (call_id, household_id, oblast_code, rayon_code, status, grant_requested_tyiyn, \
                       rules_effective_from, eligible, priority, submitted_seq, application_ref, created_at, updated_at) ",
                );
                insert.push_values(&numbered, |mut b, (a, seq, grant)| {
                    let (household_id, oblast, rayon) = a.household;
                    let s = a.submission;
                    b.push_bind(a.call_id)
                        .push_bind(household_id)
                        .push_bind(oblast)
                        .push_bind(rayon)
                        .push_bind(a.status.code())
                        .push_bind(*grant)
                        .push_bind(s.rules_from)
                        .push_bind(s.assessment.eligible)
                        .push_bind(i64::from(s.assessment.priority))
                        .push_bind(*seq)
                        .push_bind(a.reference)
                        .push_bind(now)
                        .push_bind(now);
                });
                insert.push(" RETURNING application_id, application_ref");
                let ids: std::collections::HashMap<String, i64> =
                    insert.build_query_as::<(i64, String)>().fetch_all(&mut *tx).await?.into_iter().map(|(id, r)| (r, id)).collect();
                let mut written = Vec::with_capacity(numbered.len());
                for (a, _, grant) in &numbered {
                    let id = *ids.get(a.reference).ok_or_else(|| StoreError::Corrupt(format!("application {} not written", a.reference)))?;
                    written.push((id, *a, *grant));
                }
                let mut documents = QueryBuilder::<Db>::new(
                    "INSERT INTO application_documents (application_id, plan_json, snapshot_json, assessment_json) ",
                );
                documents.push_values(&written, |mut b, (id, a, _)| {
                    b.push_bind(*id)
                        .push_bind(to_json(a.plan))
                        .push_bind(to_json(&a.submission.snapshot))
                        .push_bind(to_json(&a.submission.assessment));
                });
                documents.build().execute(&mut *tx).await?;
                let mut events = QueryBuilder::<Db>::new(
                    "INSERT INTO application_events (application_id, actor, from_status, to_status, reason, created_at, updated_at) ",
                );
                events.push_values(&written, |mut b, (id, a, _)| {
                    b.push_bind(*id)
                        .push_bind(&by.name)
                        .push_bind("draft")
                        .push_bind(a.status.code())
                        .push_bind(format!("imported: {}", a.reference))
                        .push_bind(now)
                        .push_bind(now);
                });
                events.build().execute(&mut *tx).await?;
                for (id, a, grant) in written {
                    let detail = serde_json::json!({
                        "reference": a.reference, "call": a.call_id, "household": a.household.0,
                        "status": a.status.code(), "grant_requested": grant,
                    });
                    entries.push(AuditEntry::new(by, "application.import", format!("application:{id}"), detail));
                }
            }
            write_audits(&mut tx, &entries).await?;
            tx.commit().await?;
            Ok(())
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

        /// The decisions go a few hundred to a statement: the applications' day and score in one
        /// `UPDATE … FROM (VALUES …)`, their events in one `INSERT`, then their audit lines.
        pub async fn import_decisions(pool: &Pool<Db>, by: &Actor, decisions: &[ImportedDecision<'_>]) -> Result<()> {
            let mut tx = begin(pool).await?;
            let now = OffsetDateTime::now_utc();
            let mut entries = Vec::with_capacity(decisions.len());
            for chunk in decisions.chunks(crate::audit::AUDIT_ROWS) {
                // VALUES names its columns column1, column2, … on both engines.
                let mut update = QueryBuilder::<Db>::new(
                    "UPDATE applications SET decided_on = v.column2, score_x100 = v.column3, updated_at = v.column4 FROM (",
                );
                update.push_values(chunk, |mut b, d| {
                    b.push_bind(d.application_id).push_bind(d.decided_on).push_bind(d.score_x100).push_bind(now);
                });
                update.push(") AS v WHERE applications.application_id = v.column1");
                update.build().execute(&mut *tx).await?;
                let mut events = QueryBuilder::<Db>::new(
                    "INSERT INTO application_events (application_id, actor, from_status, to_status, reason, created_at, updated_at) ",
                );
                events.push_values(chunk, |mut b, d| {
                    b.push_bind(d.application_id)
                        .push_bind(&by.name)
                        .push_bind("under_review")
                        .push_bind(d.status.code())
                        .push_bind(d.reason)
                        .push_bind(now)
                        .push_bind(now);
                });
                events.build().execute(&mut *tx).await?;
                for d in chunk {
                    let detail = serde_json::json!({
                        "decided_on": d.decided_on.to_string(), "status": d.status.code(),
                        "score_x100": d.score_x100, "reason": d.reason,
                    });
                    entries.push(AuditEntry::new(by, "application.decision_import", format!("application:{}", d.application_id), detail));
                }
            }
            write_audits(&mut tx, &entries).await?;
            tx.commit().await?;
            Ok(())
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
        /// The contracts of these numbers that are held: (number, id).
        pub async fn contract_ids_by_numbers(pool: &Pool<Db>, numbers: &[&str]) -> Result<Vec<(String, i64)>> {
            let mut found = Vec::new();
            for chunk in numbers.chunks(crate::audit::AUDIT_ROWS) {
                let mut query = QueryBuilder::<Db>::new("SELECT number, contract_id FROM contracts WHERE number IN (");
                let mut each = query.separated(", ");
                for n in chunk {
                    each.push_bind(*n);
                }
                query.push(")");
                found.extend(query.build_query_as::<(String, i64)>().fetch_all(pool).await?);
            }
            Ok(found)
        }

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
