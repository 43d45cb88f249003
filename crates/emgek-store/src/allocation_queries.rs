//! SQL for commissions, reviews, allocation runs, contracts and the ledger, compiled for each
//! backend like `queries.rs` (and expanded in the same modules).

macro_rules! allocation_queries {
    () => {
        use emgek_domain::social_contract::allocation::{Candidate, Usage};
        use emgek_domain::social_contract::ledger::{Account, Ledger, Posting};
        use crate::programmes::{CommissionMemberRow, CommissionRow, ContractRow, NewReview, ReviewRow, ReviewSubject};

        pub async fn create_commission(pool: &Pool<Db>, by: &Actor, call_id: i64, rayon: &str, name: &str, quorum: i64, conflict_rule: &str) -> Result<i64> {
            let mut tx = begin(pool).await?;
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
            let mut tx = begin(pool).await?;
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
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            if let ReviewSubject::Appeal(appeal) = r.subject {
                sqlx::query(
                    "INSERT INTO appeal_reviews (appeal_id, user_id, conflict, scores_json, total, recommendation, comment, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
                )
                .bind(appeal)
                .bind(r.user_id)
                .bind(r.conflict)
                .bind(to_json(&r.scores))
                .bind(i64::from(r.total))
                .bind(&r.recommendation)
                .bind(&r.comment)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            } else {
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
            }
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
                ReviewSubject::Appeal(id) => (
                    "SELECT appeal_review_id AS review_id, user_id, conflict, scores_json, total, recommendation, comment, created_at \
                     FROM appeal_reviews WHERE appeal_id = $1 ORDER BY appeal_review_id",
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

        /// A contract's own accounts, summed from its postings (`Ledger::of_contract`): what a
        /// movement out of one of them checks, without reading the programme's whole ledger.
        async fn contract_ledger_in(conn: &mut Conn, contract_id: i64) -> Result<Ledger> {
            let rows: Vec<(String, i64)> = sqlx::query_as(
                "SELECT account, CAST(SUM(amount) AS BIGINT) FROM ( \
                   SELECT to_account AS account, amount_tyiyn AS amount FROM ledger_postings WHERE contract_id = $1 \
                   UNION ALL SELECT from_account, -amount_tyiyn FROM ledger_postings WHERE contract_id = $1 \
                 ) moves GROUP BY account",
            )
            .bind(contract_id)
            .fetch_all(&mut *conn)
            .await?;
            let parse = |s: &str| serde_json::from_value::<Account>(serde_json::Value::String(s.to_string())).map_err(|e| StoreError::Corrupt(e.to_string()));
            let mut balances = Vec::with_capacity(rows.len());
            for (account, amount) in rows {
                balances.push((parse(&account)?, amount));
            }
            Ok(Ledger::of_contract(contract_id, balances))
        }

        pub async fn contract_ledger(pool: &Pool<Db>, contract_id: i64) -> Result<Ledger> {
            let mut conn = pool.acquire().await?;
            contract_ledger_in(&mut conn, contract_id).await
        }

        pub async fn ledger(pool: &Pool<Db>, programme_id: i64) -> Result<Ledger> {
            let mut conn = pool.acquire().await?;
            ledger_in(&mut conn, programme_id).await
        }

        async fn insert_posting(conn: &mut Conn, programme_id: i64, p: &Posting, key: Option<&str>, actor: &str, now: OffsetDateTime) -> Result<()> {
            sqlx::query(
                "INSERT INTO ledger_postings (programme_id, from_account, to_account, amount_tyiyn, contract_id, idempotency_key, actor, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
            )
            .bind(programme_id)
            .bind(account_code(p.from))
            .bind(account_code(p.to))
            .bind(p.amount)
            .bind(p.contract)
            .bind(key)
            .bind(actor)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            Ok(())
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
