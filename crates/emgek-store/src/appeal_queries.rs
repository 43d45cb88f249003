//! SQL for appeals, compiled for each backend like `queries.rs`.

macro_rules! appeal_queries {
    () => {
        use crate::appeals::{AppealOutcome, AppealRow, ContractEnding, NewAppeal};

        const APPEAL_COLUMNS: &str = "appeal_id, application_id, grievance_id, contested, status, grounds, lodged_on, \
             decided_on, outcome_reason, score_x100, created_by, created_at FROM appeals";

        pub async fn lodge_appeal(pool: &Pool<Db>, by: &Actor, a: &NewAppeal) -> Result<(i64, i64, i32)> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let holds: Option<String> = sqlx::query_scalar("SELECT status FROM applications WHERE application_id = $1")
                .bind(a.application_id)
                .fetch_optional(&mut *tx)
                .await?;
            if holds.as_deref() != Some(a.contested_status.as_str()) {
                return Err(StoreError::Conflict("appeal.changed"));
            }
            let (grievance_id, seq, mut detail) = insert_grievance(&mut tx, by, &a.grievance).await?;
            let appeal_id: i64 = sqlx::query_scalar(
                "INSERT INTO appeals (application_id, grievance_id, contested, status, grounds, lodged_on, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'lodged', $4, $5, $6, $7, $7) RETURNING appeal_id",
            )
            .bind(a.application_id)
            .bind(grievance_id)
            .bind(&a.contested)
            .bind(&a.grounds)
            .bind(a.lodged_on)
            .bind(&by.name)
            .bind(a.grievance.at)
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| match e.as_database_error() {
                Some(d) if d.is_unique_violation() => StoreError::Conflict("appeal.lodged_already"),
                _ => StoreError::from(e),
            })?;
            detail["appeal"] = serde_json::json!({ "application": a.application_id, "contested": a.contested });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "appeal.lodge", format!("appeal:{appeal_id}"), detail)).await?;
            tx.commit().await?;
            Ok((appeal_id, grievance_id, seq))
        }

        pub async fn appeal(pool: &Pool<Db>, id: i64) -> Result<AppealRow> {
            let sql = format!("SELECT {APPEAL_COLUMNS} WHERE appeal_id = $1");
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?.ok_or(StoreError::NotFound)
        }

        pub async fn appeals_of_application(pool: &Pool<Db>, application_id: i64) -> Result<Vec<AppealRow>> {
            let sql = format!("SELECT {APPEAL_COLUMNS} WHERE application_id = $1 ORDER BY appeal_id");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(application_id).fetch_all(pool).await?)
        }

        pub async fn decide_appeal(pool: &Pool<Db>, by: &Actor, o: &AppealOutcome) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let status = if o.upheld { "upheld" } else { "dismissed" };
            let n = sqlx::query(
                "UPDATE appeals SET status = $1, decided_on = $2, outcome_reason = $3, score_x100 = $4, updated_at = $5 \
                 WHERE appeal_id = $6 AND status = 'lodged'",
            )
            .bind(status)
            .bind(o.decided_on)
            .bind(&o.reason)
            .bind(o.score_x100)
            .bind(o.at)
            .bind(o.appeal_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n != 1 {
                return Err(StoreError::Conflict("appeal.not_lodged"));
            }
            // The application moves only if it still holds what was contested.
            let n = if o.upheld && o.contested == "termination" {
                set_aside_claim(&mut tx, by, o).await?
            } else if o.upheld {
                sqlx::query(
                    "UPDATE applications SET status = $1, score_x100 = $2, decided_on = $3, updated_at = $4 \
                     WHERE application_id = $5 AND status = $6",
                )
                .bind(&o.status)
                .bind(o.score_x100)
                .bind(o.decided_on)
                .bind(o.at)
                .bind(o.application_id)
                .bind(&o.contested_status)
                .execute(&mut *tx)
                .await?
                .rows_affected()
            } else {
                sqlx::query("SELECT 1 FROM applications WHERE application_id = $1 AND status = $2")
                    .bind(o.application_id)
                    .bind(&o.contested_status)
                    .fetch_optional(&mut *tx)
                    .await?
                    .map_or(0, |_| 1)
            };
            if n != 1 {
                return Err(StoreError::Conflict("appeal.changed"));
            }
            let event_id: i64 = sqlx::query_scalar(
                "INSERT INTO application_events (application_id, actor, from_status, to_status, reason, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING application_event_id",
            )
            .bind(o.application_id)
            .bind(&by.name)
            .bind(&o.contested_status)
            .bind(&o.status)
            .bind(&o.history)
            .bind(o.at)
            .fetch_one(&mut *tx)
            .await?;
            let told: Vec<crate::notices::NewNotice> = o
                .notices
                .iter()
                .map(|n| crate::notices::NewNotice { event_key: format!("application:{}:{event_id}", o.application_id), ..n.clone() })
                .collect();
            insert_notices(&mut tx, &told).await?;
            let mut audits = apply_grievance_steps(&mut tx, by, std::slice::from_ref(&o.closing)).await?;
            let detail = serde_json::json!({
                "application": o.application_id, "outcome": status, "status": o.status, "score_x100": o.score_x100,
            });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "appeal.decide", format!("appeal:{}", o.appeal_id), detail)).await?;
            write_audits(&mut tx, &std::mem::take(&mut audits)).await?;
            tx.commit().await?;
            Ok(())
        }

        /// Sets aside what is still due of the contract's refund claim, and marks its
        /// termination set aside: 1 when the application still holds what was contested.
        async fn set_aside_claim(conn: &mut Conn, by: &Actor, o: &AppealOutcome) -> Result<u64> {
            let held: Option<(i64, i64)> = sqlx::query_as(
                "SELECT k.contract_id, c.programme_id FROM contracts k JOIN applications a ON a.application_id = k.application_id \
                 JOIN calls c ON c.call_id = a.call_id WHERE k.application_id = $1 AND k.status = 'terminated' AND a.status = $2",
            )
            .bind(o.application_id)
            .bind(&o.contested_status)
            .fetch_optional(&mut *conn)
            .await?;
            let Some((contract_id, programme_id)) = held else {
                return Ok(0);
            };
            let mut ledger = contract_ledger_in(&mut *conn, contract_id).await?;
            let due = ledger.contract_balance(contract_id, emgek_domain::social_contract::ledger::Account::RefundDue);
            if due > 0 {
                ledger.set_aside_claim(contract_id, due).map_err(|e| StoreError::Conflict(e.rule()))?;
                let p = ledger.postings().last().cloned().ok_or_else(|| StoreError::Corrupt("set-aside not posted".into()))?;
                insert_posting(&mut *conn, programme_id, &p, None, &by.name, o.at).await?;
                sqlx::query(
                    "UPDATE refund_claims SET amount_tyiyn = amount_tyiyn - $1, set_aside_tyiyn = set_aside_tyiyn + $1, \
                     set_aside_on = $2, updated_at = $3 WHERE contract_id = $4",
                )
                .bind(due)
                .bind(o.decided_on)
                .bind(o.at)
                .bind(contract_id)
                .execute(&mut *conn)
                .await?;
            }
            sqlx::query("UPDATE contracts SET termination = 'set_aside', updated_at = $1 WHERE contract_id = $2")
                .bind(o.at)
                .bind(contract_id)
                .execute(&mut *conn)
                .await?;
            Ok(1)
        }

        pub async fn contract_ending(pool: &Pool<Db>, contract_id: i64) -> Result<ContractEnding> {
            sqlx::query_as(
                "SELECT k.contract_id, k.application_id, k.status, k.terminated_on, k.terminated_by, k.termination, \
                 r.claimed_on, r.amount_tyiyn AS claimed_tyiyn, r.repaid_tyiyn, k.updated_at \
                 FROM contracts k LEFT JOIN refund_claims r ON r.contract_id = k.contract_id WHERE k.contract_id = $1",
            )
            .bind(contract_id)
            .fetch_optional(pool)
            .await?
            .ok_or(StoreError::NotFound)
        }

        pub async fn status_since(pool: &Pool<Db>, application_id: i64) -> Result<Option<Date>> {
            let at: Option<OffsetDateTime> = sqlx::query_scalar(
                "SELECT e.created_at FROM application_events e JOIN applications a ON a.application_id = e.application_id \
                 WHERE e.application_id = $1 AND e.to_status = a.status ORDER BY e.application_event_id DESC LIMIT 1",
            )
            .bind(application_id)
            .fetch_optional(pool)
            .await?;
            Ok(at.map(|t| t.date()))
        }

        pub async fn took_part(pool: &Pool<Db>, application_id: i64) -> Result<Vec<String>> {
            Ok(sqlx::query_scalar(
                "SELECT u.username FROM reviews r JOIN users u ON u.user_id = r.user_id WHERE r.application_id = $1 \
                 UNION SELECT actor FROM application_events WHERE application_id = $1 \
                 UNION SELECT terminated_by FROM contracts WHERE application_id = $1 AND terminated_by IS NOT NULL",
            )
            .bind(application_id)
            .fetch_all(pool)
            .await?)
        }
    };
}

pub(crate) use appeal_queries;
