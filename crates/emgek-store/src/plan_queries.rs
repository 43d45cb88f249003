//! SQL for prison enterprises' business plans, their budget lines and purchases, and the
//! national Expert Group, compiled for each backend like `queries.rs`. Reviews of plans are
//! written by `record_review` in `allocation_queries.rs`, the review engine both programmes use.

macro_rules! plan_queries {
    () => {
        // `Event`, `Status`, `ApplicationEvent` and `CommissionMemberRow` come with the
        // Social Contract's queries, expanded in the same module.
        use crate::plans::{NewPlan, NewPurchase, PanelRow, PlanLineRow, PlanRow, PurchaseRow};

        const PLAN_COLUMNS: &str = "p.enterprise_plan_id, p.facility_id, p.title, p.activity, p.summary, p.currency, \
             p.inmate_jobs, p.status, p.score_x100, p.submitted_on, p.decided_on, p.created_by, \
             CAST(COALESCE((SELECT SUM(l.amount_minor) FROM enterprise_plan_lines l WHERE l.enterprise_plan_id = p.enterprise_plan_id), 0) AS BIGINT) AS budget_minor, \
             CAST(COALESCE((SELECT SUM(x.amount_minor) FROM enterprise_plan_purchases x WHERE x.enterprise_plan_id = p.enterprise_plan_id), 0) AS BIGINT) AS spent_minor";

        pub async fn create_plan(pool: &Pool<Db>, by: &Actor, p: &NewPlan) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO enterprise_plans (facility_id, title, activity, summary, currency, inmate_jobs, status, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $8) RETURNING enterprise_plan_id",
            )
            .bind(p.facility_id)
            .bind(&p.title)
            .bind(&p.activity)
            .bind(&p.summary)
            .bind(&p.currency)
            .bind(p.inmate_jobs)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "facility": p.facility_id, "title": p.title, "currency": p.currency });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "enterprise_plan.create", format!("enterprise_plan:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        /// Every plan, latest first (a few hundred at most for a whole country).
        pub async fn plans(pool: &Pool<Db>) -> Result<Vec<PlanRow>> {
            let sql = format!("SELECT {PLAN_COLUMNS} FROM enterprise_plans p ORDER BY p.enterprise_plan_id DESC");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await?)
        }

        pub async fn plan(pool: &Pool<Db>, id: i64) -> Result<PlanRow> {
            let sql = format!("SELECT {PLAN_COLUMNS} FROM enterprise_plans p WHERE p.enterprise_plan_id = $1");
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?.ok_or(StoreError::NotFound)
        }

        /// The plan's status, if its lines may still change (a draft, or returned for revision).
        async fn editable_plan(conn: &mut Conn, id: i64) -> Result<()> {
            let status: Option<String> = sqlx::query_scalar("SELECT status FROM enterprise_plans WHERE enterprise_plan_id = $1")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
            match status.as_deref().and_then(Status::parse) {
                None => Err(StoreError::NotFound),
                Some(Status::Draft | Status::Returned) => Ok(()),
                Some(_) => Err(StoreError::Conflict("plan.not_editable")),
            }
        }

        pub async fn add_plan_line(pool: &Pool<Db>, by: &Actor, plan: i64, item: &str, category: &str, amount_minor: i64) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            editable_plan(&mut tx, plan).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO enterprise_plan_lines (enterprise_plan_id, item, category, amount_minor, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING enterprise_plan_line_id",
            )
            .bind(plan)
            .bind(item)
            .bind(category)
            .bind(amount_minor)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "line": id, "item": item, "category": category, "amount_minor": amount_minor });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "enterprise_plan.line", format!("enterprise_plan:{plan}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn remove_plan_line(pool: &Pool<Db>, by: &Actor, plan: i64, line: i64) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            editable_plan(&mut tx, plan).await?;
            let gone = sqlx::query("DELETE FROM enterprise_plan_lines WHERE enterprise_plan_line_id = $1 AND enterprise_plan_id = $2")
                .bind(line)
                .bind(plan)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if gone == 0 {
                return Err(StoreError::NotFound);
            }
            let detail = serde_json::json!({ "line": line });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "enterprise_plan.line_removed", format!("enterprise_plan:{plan}"), detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        /// A plan's budget lines with what has been spent on each.
        pub async fn plan_lines(pool: &Pool<Db>, plan: i64) -> Result<Vec<PlanLineRow>> {
            Ok(sqlx::query_as(
                "SELECT l.enterprise_plan_line_id, l.item, l.category, l.amount_minor, \
                     CAST(COALESCE((SELECT SUM(x.amount_minor) FROM enterprise_plan_purchases x \
                               WHERE x.enterprise_plan_line_id = l.enterprise_plan_line_id), 0) AS BIGINT) AS spent_minor \
                 FROM enterprise_plan_lines l WHERE l.enterprise_plan_id = $1 ORDER BY l.enterprise_plan_line_id",
            )
            .bind(plan)
            .fetch_all(pool)
            .await?)
        }

        /// Moves a plan along the road every reviewed subject travels (`application::Status`),
        /// with the Expert Group's average score on a decision; `on` is the day of a submission
        /// or a decision.
        pub async fn plan_transition(
            pool: &Pool<Db>,
            by: &Actor,
            id: i64,
            event: Event,
            reason: &str,
            score_x100: Option<i64>,
            on: Date,
        ) -> Result<Status> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let status: Option<String> = sqlx::query_scalar("SELECT status FROM enterprise_plans WHERE enterprise_plan_id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            let before = status.as_deref().and_then(Status::parse).ok_or(StoreError::NotFound)?;
            let after = before.after(event).map_err(|_| StoreError::Conflict("application.transition"))?;
            let now = OffsetDateTime::now_utc();
            let (submitted, decided) = match after {
                Status::Submitted => (Some(on), None),
                Status::Approved | Status::Rejected => (None, Some(on)),
                _ => (None, None),
            };
            sqlx::query(
                "UPDATE enterprise_plans SET status = $1, score_x100 = COALESCE($2, score_x100), \
                     submitted_on = COALESCE($3, submitted_on), decided_on = COALESCE($4, decided_on), updated_at = $5 \
                 WHERE enterprise_plan_id = $6",
            )
            .bind(after.code())
            .bind(score_x100)
            .bind(submitted)
            .bind(decided)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO enterprise_plan_events (enterprise_plan_id, actor, from_status, to_status, reason, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .bind(id)
            .bind(&by.name)
            .bind(before.code())
            .bind(after.code())
            .bind(reason)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "before": before.code(), "after": after.code(), "reason": reason, "score_x100": score_x100 });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "enterprise_plan.status", format!("enterprise_plan:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(after)
        }

        pub async fn plan_events(pool: &Pool<Db>, id: i64) -> Result<Vec<ApplicationEvent>> {
            Ok(sqlx::query_as(
                "SELECT actor, from_status, to_status, reason, created_at FROM enterprise_plan_events \
                 WHERE enterprise_plan_id = $1 ORDER BY enterprise_plan_event_id",
            )
            .bind(id)
            .fetch_all(pool)
            .await?)
        }

        /// Records a purchase against a line of an approved plan, atomically with the check that
        /// the line's purchases stay within what was approved. Touching the line first makes
        /// concurrent purchases on it wait for each other (a row lock on PostgreSQL; SQLite
        /// already has one writer).
        pub async fn record_purchase(pool: &Pool<Db>, by: &Actor, p: &NewPurchase) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let touched = sqlx::query(
                "UPDATE enterprise_plan_lines SET updated_at = $1 WHERE enterprise_plan_line_id = $2 AND enterprise_plan_id = $3",
            )
            .bind(now)
            .bind(p.line_id)
            .bind(p.plan_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if touched == 0 {
                return Err(StoreError::NotFound);
            }
            let status: String = sqlx::query_scalar("SELECT status FROM enterprise_plans WHERE enterprise_plan_id = $1")
                .bind(p.plan_id)
                .fetch_one(&mut *tx)
                .await?;
            if status != Status::Approved.code() {
                return Err(StoreError::Conflict("plan.not_approved"));
            }
            let (approved, spent): (i64, i64) = sqlx::query_as(
                "SELECT l.amount_minor, CAST(COALESCE((SELECT SUM(x.amount_minor) FROM enterprise_plan_purchases x \
                     WHERE x.enterprise_plan_line_id = l.enterprise_plan_line_id), 0) AS BIGINT) \
                 FROM enterprise_plan_lines l WHERE l.enterprise_plan_line_id = $1",
            )
            .bind(p.line_id)
            .fetch_one(&mut *tx)
            .await?;
            emgek_domain::prison::plan::check_purchase(approved, spent, p.amount_minor)
                .map_err(|_| StoreError::Conflict("plan.over_budget"))?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO enterprise_plan_purchases (enterprise_plan_id, enterprise_plan_line_id, purchased_on, supplier, method, \
                     reference, amount_minor, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING enterprise_plan_purchase_id",
            )
            .bind(p.plan_id)
            .bind(p.line_id)
            .bind(p.purchased_on)
            .bind(&p.supplier)
            .bind(&p.method)
            .bind(&p.reference)
            .bind(p.amount_minor)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({
                "purchase": id, "line": p.line_id, "on": p.purchased_on.to_string(), "supplier": p.supplier,
                "method": p.method, "reference": p.reference, "amount_minor": p.amount_minor,
            });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "enterprise_plan.purchase", format!("enterprise_plan:{}", p.plan_id), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn purchases(pool: &Pool<Db>, plan: i64) -> Result<Vec<PurchaseRow>> {
            Ok(sqlx::query_as(
                "SELECT enterprise_plan_purchase_id, enterprise_plan_line_id, purchased_on, supplier, method, reference, amount_minor, created_by \
                 FROM enterprise_plan_purchases WHERE enterprise_plan_id = $1 ORDER BY purchased_on, enterprise_plan_purchase_id",
            )
            .bind(plan)
            .fetch_all(pool)
            .await?)
        }

        /// The national Expert Group and its members, once set up.
        pub async fn expert_group(pool: &Pool<Db>) -> Result<Option<(PanelRow, Vec<CommissionMemberRow>)>> {
            let c: Option<PanelRow> = sqlx::query_as(
                "SELECT commission_id, name, quorum, conflict_rule FROM commissions WHERE kind = 'expert_group'",
            )
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

        /// Sets up the Expert Group, or renames it and changes its quorum. Members declare their
        /// conflicts themselves: the group has no place-based rule.
        pub async fn set_expert_group(pool: &Pool<Db>, by: &Actor, name: &str, quorum: i64) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let existing: Option<i64> = sqlx::query_scalar("SELECT commission_id FROM commissions WHERE kind = 'expert_group'")
                .fetch_optional(&mut *tx)
                .await?;
            let id = match existing {
                Some(id) => {
                    sqlx::query("UPDATE commissions SET name = $1, quorum = $2, updated_at = $3 WHERE commission_id = $4")
                        .bind(name)
                        .bind(quorum)
                        .bind(now)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    id
                }
                None => {
                    sqlx::query_scalar(
                        "INSERT INTO commissions (kind, call_id, rayon_code, name, quorum, conflict_rule, created_at, updated_at) \
                         VALUES ('expert_group', NULL, NULL, $1, $2, 'none', $3, $3) RETURNING commission_id",
                    )
                    .bind(name)
                    .bind(quorum)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?
                }
            };
            let detail = serde_json::json!({ "name": name, "quorum": quorum });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "expert_group.set", format!("commission:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }
    };
}

pub(crate) use plan_queries;
