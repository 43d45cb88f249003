//! SQL for programmes, calls, trainings and applications, compiled for each backend like
//! `queries.rs` (and expanded in the same modules).

macro_rules! programme_queries {
    () => {
        use emgek_domain::social_contract::application::{Event, Status};
        use emgek_domain::social_contract::business_plan::BusinessPlan;
        use emgek_domain::social_contract::programme::{ProgrammeRules, RuleBook};
        use crate::programmes::{
            APPLICATIONS, APPLICATION_COLUMNS, ApplicationEvent, ApplicationRecord, ApplicationRow, CallRow, ProgrammeRow, Submission,
        };

        pub async fn create_programme(pool: &Pool<Db>, by: &Actor, code: &str, kind: &str, names: [&str; 3]) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO programmes (code, kind, name_ky, name_ru, name_en, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING programme_id",
            )
            .bind(code)
            .bind(kind)
            .bind(names[0])
            .bind(names[1])
            .bind(names[2])
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "code": code, "kind": kind, "names": names });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "programme.create", format!("programme:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn programmes(pool: &Pool<Db>) -> Result<Vec<ProgrammeRow>> {
            Ok(sqlx::query_as("SELECT programme_id, code, kind, name_ky, name_ru, name_en FROM programmes ORDER BY programme_id")
                .fetch_all(pool)
                .await?)
        }

        pub async fn programme(pool: &Pool<Db>, id: i64) -> Result<ProgrammeRow> {
            sqlx::query_as("SELECT programme_id, code, kind, name_ky, name_ru, name_en FROM programmes WHERE programme_id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?
                .ok_or(StoreError::NotFound)
        }

        /// Adds a version of the rules. Versions never change once written: a decision names
        /// the version it used; a change is a new version from a new date.
        pub async fn add_rules(pool: &Pool<Db>, by: &Actor, programme_id: i64, rules: &ProgrammeRules) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            sqlx::query(
                "INSERT INTO programme_rules (programme_id, effective_from, rules_json, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5)",
            )
            .bind(programme_id)
            .bind(rules.effective_from)
            .bind(to_json(rules))
            .bind(&by.name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "after": rules });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "programme.rules", format!("programme:{programme_id}"), detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        pub async fn rule_book(pool: &Pool<Db>, programme_id: i64) -> Result<RuleBook> {
            let rows: Vec<(String,)> =
                sqlx::query_as("SELECT rules_json FROM programme_rules WHERE programme_id = $1 ORDER BY effective_from")
                    .bind(programme_id)
                    .fetch_all(pool)
                    .await?;
            let mut book = RuleBook::default();
            for (text,) in rows {
                let rules: ProgrammeRules = serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                book.add(rules).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            }
            Ok(book)
        }

        pub async fn create_call(pool: &Pool<Db>, by: &Actor, programme_id: i64, title: &str, opens: time::Date, closes: time::Date) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO calls (programme_id, title, opens, closes, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING call_id",
            )
            .bind(programme_id)
            .bind(title)
            .bind(opens)
            .bind(closes)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "programme": programme_id, "title": title, "opens": opens.to_string(), "closes": closes.to_string() });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "call.create", format!("call:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn call(pool: &Pool<Db>, id: i64) -> Result<CallRow> {
            sqlx::query_as("SELECT call_id, programme_id, title, opens, closes FROM calls WHERE call_id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?
                .ok_or(StoreError::NotFound)
        }

        pub async fn calls(pool: &Pool<Db>, programme_id: i64) -> Result<Vec<CallRow>> {
            Ok(sqlx::query_as("SELECT call_id, programme_id, title, opens, closes FROM calls WHERE programme_id = $1 ORDER BY opens DESC")
                .bind(programme_id)
                .fetch_all(pool)
                .await?)
        }

        pub async fn create_training(pool: &Pool<Db>, by: &Actor, call_id: i64, title: &str, held_on: time::Date, rayon: &str) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO trainings (call_id, title, held_on, rayon_code, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING training_id",
            )
            .bind(call_id)
            .bind(title)
            .bind(held_on)
            .bind(rayon)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "call": call_id, "title": title, "held_on": held_on.to_string(), "rayon": rayon });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "training.create", format!("training:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        /// A call's trainings: (id, title, held on, rayon, households attending).
        pub async fn trainings(pool: &Pool<Db>, call_id: i64) -> Result<Vec<(i64, String, time::Date, String, i64)>> {
            Ok(sqlx::query_as(
                "SELECT t.training_id, t.title, t.held_on, t.rayon_code, \
                 (SELECT COUNT(*) FROM training_attendance a WHERE a.training_id = t.training_id) \
                 FROM trainings t WHERE t.call_id = $1 ORDER BY t.held_on DESC, t.training_id DESC",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await?)
        }

        /// The training's call and rayon.
        pub async fn training(pool: &Pool<Db>, id: i64) -> Result<(i64, String)> {
            sqlx::query_as("SELECT call_id, rayon_code FROM trainings WHERE training_id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?
                .ok_or(StoreError::NotFound)
        }

        /// Records that a household attended; recording it twice changes nothing.
        pub async fn record_attendance(pool: &Pool<Db>, by: &Actor, training_id: i64, household_id: i64) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let done = sqlx::query(
                "INSERT INTO training_attendance (training_id, household_id, created_at, updated_at) VALUES ($1, $2, $3, $3) \
                 ON CONFLICT (training_id, household_id) DO NOTHING",
            )
            .bind(training_id)
            .bind(household_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Ok(());
            }
            let detail = serde_json::json!({ "household": household_id });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "training.attendance", format!("training:{training_id}"), detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        pub async fn attended_training(pool: &Pool<Db>, call_id: i64, household_id: i64) -> Result<bool> {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM training_attendance a JOIN trainings t ON t.training_id = a.training_id \
                 WHERE t.call_id = $1 AND a.household_id = $2",
            )
            .bind(call_id)
            .bind(household_id)
            .fetch_one(pool)
            .await?;
            Ok(n > 0)
        }

        /// Whether the household has a funded application under way, and when it was last funded.
        pub async fn funding_history(pool: &Pool<Db>, household_id: i64) -> Result<(bool, Option<time::Date>)> {
            let last: Option<OffsetDateTime> = sqlx::query_scalar(
                "SELECT MAX(updated_at) FROM applications WHERE household_id = $1 AND status = 'funded'",
            )
            .bind(household_id)
            .fetch_one(pool)
            .await?;
            Ok((last.is_some(), last.map(|t| t.date())))
        }

        pub async fn create_application(
            pool: &Pool<Db>,
            by: &Actor,
            call_id: i64,
            household: (i64, &str, &str),
            plan: &BusinessPlan,
        ) -> Result<i64> {
            let (household_id, oblast, rayon) = household;
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let grant = plan.figures().grant_requested.minor();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO applications (call_id, household_id, oblast_code, rayon_code, status, \
                 grant_requested_tyiyn, created_at, updated_at) VALUES ($1, $2, $3, $4, 'draft', $5, $6, $6) \
                 RETURNING application_id",
            )
            .bind(call_id)
            .bind(household_id)
            .bind(oblast)
            .bind(rayon)
            .bind(grant)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query("INSERT INTO application_documents (application_id, plan_json) VALUES ($1, $2)")
                .bind(id)
                .bind(to_json(plan))
                .execute(&mut *tx)
                .await?;
            let detail = serde_json::json!({ "call": call_id, "household": household_id, "grant_requested": grant });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "application.create", format!("application:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        async fn application_in(conn: &mut Conn, id: i64) -> Result<ApplicationRecord> {
            let sql = format!("SELECT {APPLICATION_COLUMNS} FROM {APPLICATIONS} WHERE a.application_id = $1");
            let row: ApplicationRow =
                sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut *conn).await?.ok_or(StoreError::NotFound)?;
            row.record()
        }

        pub async fn application(pool: &Pool<Db>, id: i64) -> Result<ApplicationRecord> {
            let mut conn = pool.acquire().await?;
            application_in(&mut conn, id).await
        }

        /// Replaces the plan of a draft or of an application returned for revision.
        pub async fn update_plan(pool: &Pool<Db>, by: &Actor, id: i64, plan: &BusinessPlan) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let before = application_in(&mut tx, id).await?;
            if !matches!(before.status, Status::Draft | Status::Returned) {
                return Err(StoreError::Conflict("application.not_editable"));
            }
            let grant = plan.figures().grant_requested.minor();
            sqlx::query("UPDATE application_documents SET plan_json = $1 WHERE application_id = $2")
                .bind(to_json(plan))
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE applications SET grant_requested_tyiyn = $1, updated_at = $2 WHERE application_id = $3")
                .bind(grant)
                .bind(OffsetDateTime::now_utc())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let detail = serde_json::json!({ "before": before.plan, "after": plan });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "application.plan", format!("application:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        /// Moves an application on by `event`, if its status allows; submission freezes the facts
        /// and the assessment the decision will rest on.
        #[allow(clippy::too_many_arguments)]
        pub async fn transition_telling(
            pool: &Pool<Db>,
            by: &Actor,
            id: i64,
            event: Event,
            reason: &str,
            submission: Option<&Submission>,
            score_x100: Option<i64>,
            notices: &[crate::notices::NewNotice],
        ) -> Result<Status> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let before = application_in(&mut tx, id).await?;
            let after = before.status.after(event).map_err(|_| StoreError::Conflict("application.transition"))?;
            let now = OffsetDateTime::now_utc();
            if let (Event::Submit, Some(s)) = (event, submission) {
                let seq: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(submitted_seq), 0) + 1 FROM applications WHERE call_id = $1")
                    .bind(before.call_id)
                    .fetch_one(&mut *tx)
                    .await?;
                sqlx::query("UPDATE application_documents SET snapshot_json = $1, assessment_json = $2 WHERE application_id = $3")
                    .bind(to_json(&s.snapshot))
                    .bind(to_json(&s.assessment))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "UPDATE applications SET rules_effective_from = $1, eligible = $2, priority = $3, submitted_seq = $4 \
                     WHERE application_id = $5",
                )
                .bind(s.rules_from)
                .bind(s.assessment.eligible)
                .bind(i64::from(s.assessment.priority))
                .bind(seq)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            } else if event == Event::Submit {
                return Err(StoreError::Conflict("application.submission_missing"));
            }
            // A decision carries its score: the day it was taken is kept with it.
            sqlx::query(
                "UPDATE applications SET status = $1, score_x100 = COALESCE($2, score_x100), \
                   decided_on = COALESCE($3, decided_on), updated_at = $4 WHERE application_id = $5",
            )
                .bind(after.code())
                .bind(score_x100)
                .bind(score_x100.map(|_| now.date()))
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let event_id: i64 = sqlx::query_scalar(
                "INSERT INTO application_events (application_id, actor, from_status, to_status, reason, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING application_event_id",
            )
            .bind(id)
            .bind(&by.name)
            .bind(before.status.code())
            .bind(after.code())
            .bind(reason)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let told: Vec<crate::notices::NewNotice> = notices
                .iter()
                .map(|n| crate::notices::NewNotice { event_key: format!("application:{id}:{event_id}"), ..n.clone() })
                .collect();
            insert_notices(&mut tx, &told).await?;
            let detail = serde_json::json!({ "before": before.status.code(), "after": after.code(), "reason": reason });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "application.status", format!("application:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(after)
        }

        pub async fn application_events(pool: &Pool<Db>, id: i64) -> Result<Vec<ApplicationEvent>> {
            Ok(sqlx::query_as(
                "SELECT actor, from_status, to_status, reason, created_at FROM application_events \
                 WHERE application_id = $1 ORDER BY application_event_id",
            )
            .bind(id)
            .fetch_all(pool)
            .await?)
        }

        /// A call's applications within reach, optionally of one status, oldest first.
        pub async fn list_applications(
            pool: &Pool<Db>,
            call_id: i64,
            areas: &emgek_domain::access::Areas,
            status: Option<Status>,
            page: PageRequest,
        ) -> Result<Page<ApplicationRecord>> {
            let filter = |q: &mut QueryBuilder<Db>| {
                q.push(" WHERE a.call_id = ").push_bind(call_id);
                if let Some(s) = status {
                    q.push(" AND a.status = ").push_bind(s.code());
                }
                push_places(q, "a", Some(areas));
            };
            let mut count = QueryBuilder::<Db>::new("SELECT COUNT(*) FROM applications a");
            filter(&mut count);
            let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
            let mut q = QueryBuilder::<Db>::new(format!("SELECT {APPLICATION_COLUMNS} FROM {APPLICATIONS}"));
            filter(&mut q);
            q.push(" ORDER BY a.application_id LIMIT ").push_bind(i64::from(page.per_page));
            q.push(" OFFSET ").push_bind(page.offset());
            let rows: Vec<ApplicationRow> = q.build_query_as().fetch_all(pool).await?;
            let items = rows.into_iter().map(ApplicationRow::record).collect::<Result<Vec<_>>>()?;
            Ok(Page { items, total, request: page })
        }
    };
}

pub(crate) use programme_queries;
