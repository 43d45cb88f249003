//! SQL for commissions, reviews, allocation runs, contracts and the ledger, compiled for each
//! backend like `queries.rs` (and expanded in the same modules).

macro_rules! allocation_queries {
    () => {
        use emgek_domain::social_contract::allocation::{Allocation, Candidate, Reason, Usage};
        use emgek_domain::social_contract::ledger::{Account, Ledger, Posting};
        use crate::programmes::{AllocationRun, CommissionMemberRow, CommissionRow, ContractRow, NewReview, ReviewRow, ReviewSubject};

        pub async fn create_commission(pool: &Pool<Db>, by: &Actor, call_id: i64, rayon: &str, name: &str, quorum: i64, conflict_rule: &str) -> Result<i64> {
            let mut tx = pool.begin().await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO commissions (kind, call_id, rayon_code, name, quorum, conflict_rule, created_at, updated_at) \
                 VALUES ('district', $1, $2, $3, $4, $5, $6, $6) RETURNING commission_id",
            )
            .bind(call_id)
            .bind(rayon)
            .bind(name)
            .bind(quorum)
            .bind(conflict_rule)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "call": call_id, "rayon": rayon, "name": name, "quorum": quorum, "conflict_rule": conflict_rule });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "commission.create", format!("commission:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn commission(pool: &Pool<Db>, id: i64) -> Result<CommissionRow> {
            sqlx::query_as("SELECT commission_id, call_id, rayon_code, name, quorum, conflict_rule FROM commissions WHERE commission_id = $1 AND kind = 'district'")
                .bind(id)
                .fetch_optional(pool)
                .await?
                .ok_or(StoreError::NotFound)
        }

        pub async fn add_commission_member(pool: &Pool<Db>, by: &Actor, commission_id: i64, user_id: i64, aiyl_okmotu: &str) -> Result<()> {
            let mut tx = pool.begin().await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            sqlx::query(
                "INSERT INTO commission_members (commission_id, user_id, aiyl_okmotu, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
            )
            .bind(commission_id)
            .bind(user_id)
            .bind(aiyl_okmotu)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "user": user_id, "aiyl_okmotu": aiyl_okmotu });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "commission.member", format!("commission:{commission_id}"), detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        /// Every commission of a call, by rayon, with its members.
        pub async fn commissions(pool: &Pool<Db>, call_id: i64) -> Result<Vec<(CommissionRow, Vec<CommissionMemberRow>)>> {
            let rows: Vec<CommissionRow> = sqlx::query_as(
                "SELECT commission_id, call_id, rayon_code, name, quorum, conflict_rule FROM commissions WHERE call_id = $1 AND kind = 'district' ORDER BY rayon_code",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await?;
            let members: Vec<(i64, i64, String)> = sqlx::query_as(
                "SELECT m.commission_id, m.user_id, m.aiyl_okmotu FROM commission_members m \
                 JOIN commissions c ON c.commission_id = m.commission_id WHERE c.call_id = $1 ORDER BY m.user_id",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|c| {
                    let of = members
                        .iter()
                        .filter(|(id, _, _)| *id == c.commission_id)
                        .map(|(_, user_id, aiyl_okmotu)| CommissionMemberRow { user_id: *user_id, aiyl_okmotu: aiyl_okmotu.clone() })
                        .collect();
                    (c, of)
                })
                .collect())
        }

        /// The commission that reviews a call's applications from a rayon, with its members.
        pub async fn commission_for(pool: &Pool<Db>, call_id: i64, rayon: &str) -> Result<Option<(CommissionRow, Vec<CommissionMemberRow>)>> {
            let c: Option<CommissionRow> = sqlx::query_as(
                "SELECT commission_id, call_id, rayon_code, name, quorum, conflict_rule FROM commissions WHERE call_id = $1 AND rayon_code = $2 AND kind = 'district'",
            )
            .bind(call_id)
            .bind(rayon)
            .fetch_optional(pool)
            .await?;
            let Some(c) = c else { return Ok(None) };
            let members: Vec<CommissionMemberRow> =
                sqlx::query_as("SELECT user_id, aiyl_okmotu FROM commission_members WHERE commission_id = $1 ORDER BY user_id")
                    .bind(c.commission_id)
                    .fetch_all(pool)
                    .await?;
            Ok(Some((c, members)))
        }

        pub async fn record_review(pool: &Pool<Db>, by: &Actor, r: &NewReview) -> Result<()> {
            let mut tx = pool.begin().await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            sqlx::query(
                "INSERT INTO reviews (application_id, enterprise_plan_id, user_id, conflict, scores_json, total, recommendation, comment, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
            )
            .bind(r.subject.application_id())
            .bind(r.subject.enterprise_plan_id())
            .bind(r.user_id)
            .bind(r.conflict)
            .bind(to_json(&r.scores))
            .bind(i64::from(r.total))
            .bind(&r.recommendation)
            .bind(&r.comment)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "conflict": r.conflict, "scores": r.scores, "total": r.total, "recommendation": r.recommendation });
            write_audit(&mut tx, slot, &AuditEntry::new(by, r.subject.review_action(), r.subject.target(), detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        /// The reviews of one subject, in the order they were given.
        pub async fn reviews(pool: &Pool<Db>, subject: ReviewSubject) -> Result<Vec<ReviewRow>> {
            let (sql, id) = match subject {
                ReviewSubject::Application(id) => (
                    "SELECT review_id, user_id, conflict, scores_json, total, recommendation, comment, created_at \
                     FROM reviews WHERE application_id = $1 ORDER BY review_id",
                    id,
                ),
                ReviewSubject::EnterprisePlan(id) => (
                    "SELECT review_id, user_id, conflict, scores_json, total, recommendation, comment, created_at \
                     FROM reviews WHERE enterprise_plan_id = $1 ORDER BY review_id",
                    id,
                ),
            };
            Ok(sqlx::query_as(sql).bind(id).fetch_all(pool).await?)
        }

        /// Approved applications and those on the waiting list, as allocation sees them, and
        /// what the call's funded applications already use.
        pub async fn allocation_input(pool: &Pool<Db>, call_id: i64) -> Result<(Vec<Candidate>, Usage)> {
            let rows: Vec<(i64, String, String, Option<i64>, Option<i64>, Option<i64>, i64, String)> = sqlx::query_as(
                "SELECT application_id, oblast_code, rayon_code, priority, score_x100, submitted_seq, grant_requested_tyiyn, status \
                 FROM applications WHERE call_id = $1 AND status IN ('approved', 'waiting_list', 'funded')",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await?;
            let mut candidates = Vec::new();
            let mut usage = Usage::default();
            for (id, oblast, rayon, priority, score, seq, grant, status) in rows {
                if status == "funded" {
                    usage.spent += grant;
                    usage.funded += 1;
                    *usage.by_oblast.entry(oblast).or_default() += 1;
                    *usage.by_rayon.entry(rayon).or_default() += 1;
                } else {
                    candidates.push(Candidate {
                        application_id: id,
                        oblast,
                        rayon,
                        priority: u32::try_from(priority.unwrap_or(0)).unwrap_or(0),
                        score: score.unwrap_or(0),
                        submitted: seq.unwrap_or(i64::MAX),
                        grant,
                    });
                }
            }
            Ok((candidates, usage))
        }

        async fn ledger_in(conn: &mut Conn, programme_id: i64) -> Result<Ledger> {
            let rows: Vec<(String, String, i64, Option<i64>)> = sqlx::query_as(
                "SELECT from_account, to_account, amount_tyiyn, contract_id FROM ledger_postings WHERE programme_id = $1 ORDER BY ledger_posting_id",
            )
            .bind(programme_id)
            .fetch_all(&mut *conn)
            .await?;
            let parse = |s: &str| serde_json::from_value::<Account>(serde_json::Value::String(s.to_string())).map_err(|e| StoreError::Corrupt(e.to_string()));
            let mut postings = Vec::with_capacity(rows.len());
            for (from, to, amount, contract) in rows {
                postings.push(Posting { from: parse(&from)?, to: parse(&to)?, amount, contract });
            }
            Ledger::replay(postings).map_err(|e| StoreError::Corrupt(format!("the ledger does not replay: {e}")))
        }

        pub async fn ledger(pool: &Pool<Db>, programme_id: i64) -> Result<Ledger> {
            let mut conn = pool.acquire().await?;
            ledger_in(&mut conn, programme_id).await
        }

        async fn insert_posting(conn: &mut Conn, programme_id: i64, p: &Posting, key: Option<&str>, actor: &str, now: OffsetDateTime) -> Result<()> {
            let account = |a: Account| serde_json::to_value(a).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            sqlx::query(
                "INSERT INTO ledger_postings (programme_id, from_account, to_account, amount_tyiyn, contract_id, idempotency_key, actor, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
            )
            .bind(programme_id)
            .bind(account(p.from))
            .bind(account(p.to))
            .bind(p.amount)
            .bind(p.contract)
            .bind(key)
            .bind(actor)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            Ok(())
        }

        /// Commits an allocation in one transaction: every decision recorded, funded applications
        /// moved on with a numbered contract each and their grants committed in the ledger
        /// (after the budget is appropriated, once), the rest put on the waiting list. A
        /// concurrent change of any application refuses the whole run.
        #[allow(clippy::too_many_arguments)]
        pub async fn commit_allocation(
            pool: &Pool<Db>,
            by: &Actor,
            call_id: i64,
            programme_id: i64,
            allocation: &Allocation,
            budget: i64,
            term_months: i64,
            year: i32,
        ) -> Result<AllocationRun> {
            let mut tx = pool.begin().await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let mut ledger = ledger_in(&mut tx, programme_id).await?;
            let mut new_postings = Vec::new();
            if ledger.balance(Account::Appropriation) == 0 && budget > 0 {
                ledger.fund(budget).map_err(|_| StoreError::Conflict("ledger.insufficient"))?;
                new_postings.push(ledger.postings().last().cloned().expect("just posted"));
            }
            let funded = allocation.decisions.iter().filter(|d| d.reason == Reason::Funded).count() as i64;
            let waiting = allocation.decisions.len() as i64 - funded;
            let run_id: i64 = sqlx::query_scalar(
                "INSERT INTO allocation_runs (call_id, actor, funded, waiting, spent_tyiyn, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, 0, $5, $5) RETURNING allocation_run_id",
            )
            .bind(call_id)
            .bind(&by.name)
            .bind(funded)
            .bind(waiting)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let mut sequences: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
            let mut contracts = Vec::new();
            let mut spent = 0i64;
            for d in &allocation.decisions {
                sqlx::query(
                    "INSERT INTO allocation_decisions (allocation_run_id, application_id, rank, reason, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $5)",
                )
                .bind(run_id)
                .bind(d.application_id)
                .bind(i64::from(d.rank))
                .bind(d.reason.code())
                .bind(now)
                .execute(&mut *tx)
                .await?;
                let (to, from): (&str, &[&str]) = if d.reason == Reason::Funded { ("funded", &["approved", "waiting_list"]) } else { ("waiting_list", &["approved", "waiting_list"]) };
                let row: Option<(String, String, i64)> = sqlx::query_as(
                    "SELECT status, oblast_code, grant_requested_tyiyn FROM applications WHERE application_id = $1 AND call_id = $2",
                )
                .bind(d.application_id)
                .bind(call_id)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((status, oblast, grant)) = row.filter(|r| from.contains(&r.0.as_str())) else {
                    return Err(StoreError::Conflict("allocation.stale"));
                };
                if status != to {
                    sqlx::query("UPDATE applications SET status = $1, updated_at = $2 WHERE application_id = $3")
                        .bind(to)
                        .bind(now)
                        .bind(d.application_id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query(
                        "INSERT INTO application_events (application_id, actor, from_status, to_status, reason, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $6)",
                    )
                    .bind(d.application_id)
                    .bind(&by.name)
                    .bind(&status)
                    .bind(to)
                    .bind(d.reason.code())
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                if d.reason != Reason::Funded {
                    continue;
                }
                let next = match sequences.get(&oblast) {
                    Some(n) => *n + 1,
                    None => {
                        let prefix = format!("SC-{year}-{oblast}-%");
                        let used: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contracts WHERE number LIKE $1").bind(prefix).fetch_one(&mut *tx).await?;
                        used + 1
                    }
                };
                sequences.insert(oblast.clone(), next);
                let number = emgek_domain::social_contract::contract::contract_number(year, &oblast, u32::try_from(next).unwrap_or(u32::MAX));
                let contract_id: i64 = sqlx::query_scalar(
                    "INSERT INTO contracts (application_id, number, status, grant_tyiyn, term_months, extended_months, created_at, updated_at) \
                     VALUES ($1, $2, 'draft', $3, $4, 0, $5, $5) RETURNING contract_id",
                )
                .bind(d.application_id)
                .bind(&number)
                .bind(grant)
                .bind(term_months)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                ledger.commit(contract_id, grant).map_err(|_| StoreError::Conflict("ledger.insufficient"))?;
                new_postings.push(ledger.postings().last().cloned().expect("just posted"));
                spent += grant;
                contracts.push((contract_id, number));
            }
            for p in &new_postings {
                insert_posting(&mut tx, programme_id, p, None, &by.name, now).await?;
            }
            sqlx::query("UPDATE allocation_runs SET spent_tyiyn = $1 WHERE allocation_run_id = $2").bind(spent).bind(run_id).execute(&mut *tx).await?;
            let detail = serde_json::json!({ "call": call_id, "funded": funded, "waiting": waiting, "spent": spent });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "allocation.commit", format!("allocation:{run_id}"), detail)).await?;
            tx.commit().await?;
            Ok(AllocationRun { run_id, funded, waiting, spent, contracts })
        }

        pub async fn contract_of(pool: &Pool<Db>, application_id: i64) -> Result<Option<ContractRow>> {
            Ok(sqlx::query_as(
                "SELECT contract_id, application_id, number, status, grant_tyiyn, term_months, extended_months, starts \
                 FROM contracts WHERE application_id = $1",
            )
            .bind(application_id)
            .fetch_optional(pool)
            .await?)
        }
    };
}

pub(crate) use allocation_queries;
