//! SQL for prison enterprises' vocational courses, release and follow-up after it, and the
//! food output the indicators read, compiled for each backend like `queries.rs`.

macro_rules! prison_training_queries {
    () => {
        use crate::prison::{CourseRow, EnrolmentRow, FollowUpRow, NewCourse, OutcomeLine};

        pub async fn create_course(pool: &Pool<Db>, by: &Actor, c: &NewCourse) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO courses (facility_id, name, trade, starts, months, places, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING course_id",
            )
            .bind(c.facility_id)
            .bind(&c.name)
            .bind(&c.trade)
            .bind(c.starts)
            .bind(c.months)
            .bind(c.places)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "facility": c.facility_id, "name": c.name, "places": c.places });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "course.create", format!("course:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        const COURSE_COLUMNS: &str = "c.course_id, c.facility_id, c.name, c.trade, c.starts, c.months, c.places, \
             (SELECT COUNT(*) FROM enrolments e WHERE e.course_id = c.course_id AND e.status <> 'dropped') AS taken, \
             (SELECT COUNT(*) FROM enrolments e WHERE e.course_id = c.course_id AND e.status = 'completed') AS completed";

        pub async fn courses(pool: &Pool<Db>, facility: i64) -> Result<Vec<CourseRow>> {
            let sql = format!("SELECT {COURSE_COLUMNS} FROM courses c WHERE c.facility_id = $1 ORDER BY c.starts DESC, c.course_id");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(facility).fetch_all(pool).await?)
        }

        pub async fn course(pool: &Pool<Db>, id: i64) -> Result<CourseRow> {
            let sql = format!("SELECT {COURSE_COLUMNS} FROM courses c WHERE c.course_id = $1");
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?.ok_or(StoreError::NotFound)
        }

        /// Enrols an inmate while the course has a free place (`course.full` otherwise).
        pub async fn enrol(pool: &Pool<Db>, by: &Actor, course: i64, inmate: i64, on: Date) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let (places, taken): (i64, i64) = sqlx::query_as(
                "SELECT c.places, (SELECT COUNT(*) FROM enrolments e WHERE e.course_id = c.course_id AND e.status <> 'dropped') \
                 FROM courses c WHERE c.course_id = $1",
            )
            .bind(course)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
            if taken >= places {
                return Err(StoreError::Conflict("course.full"));
            }
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO enrolments (course_id, inmate_id, enrolled_on, status, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'enrolled', $4, $4) RETURNING enrolment_id",
            )
            .bind(course)
            .bind(inmate)
            .bind(on)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "course": course });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "course.enrol", format!("inmate:{inmate}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        const ENROLMENT_COLUMNS: &str = "e.enrolment_id, e.course_id, c.name AS course, c.trade, c.facility_id, e.inmate_id, \
             i.register_number, i.full_name, e.enrolled_on, e.status, e.finished_on, e.certificate_number";

        pub async fn enrolments(pool: &Pool<Db>, course: i64) -> Result<Vec<EnrolmentRow>> {
            let sql = format!(
                "SELECT {ENROLMENT_COLUMNS} FROM enrolments e JOIN courses c ON c.course_id = e.course_id \
                 JOIN inmates i ON i.inmate_id = e.inmate_id WHERE e.course_id = $1 ORDER BY i.register_number"
            );
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(course).fetch_all(pool).await?)
        }

        pub async fn inmate_enrolments(pool: &Pool<Db>, inmate: i64) -> Result<Vec<EnrolmentRow>> {
            let sql = format!(
                "SELECT {ENROLMENT_COLUMNS} FROM enrolments e JOIN courses c ON c.course_id = e.course_id \
                 JOIN inmates i ON i.inmate_id = e.inmate_id WHERE e.inmate_id = $1 ORDER BY e.enrolled_on"
            );
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(inmate).fetch_all(pool).await?)
        }

        pub async fn enrolment(pool: &Pool<Db>, id: i64) -> Result<EnrolmentRow> {
            let sql = format!(
                "SELECT {ENROLMENT_COLUMNS} FROM enrolments e JOIN courses c ON c.course_id = e.course_id \
                 JOIN inmates i ON i.inmate_id = e.inmate_id WHERE e.enrolment_id = $1"
            );
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?.ok_or(StoreError::NotFound)
        }

        /// Ends a place on a course: `completed` with its certificate, or `dropped`; only once.
        pub async fn finish_enrolment(
            pool: &Pool<Db>,
            by: &Actor,
            id: i64,
            status: &str,
            on: Date,
            certificate: Option<&str>,
        ) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let done = sqlx::query(
                "UPDATE enrolments SET status = $1, finished_on = $2, certificate_number = $3, updated_at = $4 \
                 WHERE enrolment_id = $5 AND status = 'enrolled'",
            )
            .bind(status)
            .bind(on)
            .bind(certificate)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if done == 0 {
                return Err(StoreError::Conflict("enrolment.finished"));
            }
            let detail = serde_json::json!({ "status": status, "on": on.to_string(), "certificate": certificate });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "course.finish", format!("enrolment:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        /// Releases an inmate: the day is kept and his open work ends on it.
        pub async fn release(pool: &Pool<Db>, by: &Actor, inmate: i64, on: Date) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let done = sqlx::query("UPDATE inmates SET released_on = $1, updated_at = $2 WHERE inmate_id = $3 AND released_on IS NULL")
                .bind(on)
                .bind(now)
                .bind(inmate)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if done == 0 {
                return Err(StoreError::Conflict("inmate.released"));
            }
            sqlx::query("UPDATE work_assignments SET ends = $1, updated_at = $2 WHERE inmate_id = $3 AND ends IS NULL")
                .bind(on)
                .bind(now)
                .bind(inmate)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE enrolments SET status = 'dropped', finished_on = $1, updated_at = $2 WHERE inmate_id = $3 AND status = 'enrolled'")
                .bind(on)
                .bind(now)
                .bind(inmate)
                .execute(&mut *tx)
                .await?;
            let detail = serde_json::json!({ "released_on": on.to_string() });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "inmate.release", format!("inmate:{inmate}"), detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        pub async fn add_follow_up(
            pool: &Pool<Db>,
            by: &Actor,
            inmate: i64,
            months_after: i64,
            checked_on: Date,
            outcome: &str,
            note: &str,
        ) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO follow_ups (inmate_id, months_after, checked_on, outcome, note, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING follow_up_id",
            )
            .bind(inmate)
            .bind(months_after)
            .bind(checked_on)
            .bind(outcome)
            .bind(note)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "months_after": months_after, "outcome": outcome });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "inmate.follow_up", format!("inmate:{inmate}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn follow_ups(pool: &Pool<Db>, inmate: i64) -> Result<Vec<FollowUpRow>> {
            Ok(sqlx::query_as(
                "SELECT follow_up_id, inmate_id, months_after, checked_on, outcome, note FROM follow_ups \
                 WHERE inmate_id = $1 ORDER BY months_after",
            )
            .bind(inmate)
            .fetch_all(pool)
            .await?)
        }

        /// Certificates earned and follow-ups taken, each with its facility and day.
        pub async fn outcome_lines(pool: &Pool<Db>) -> Result<Vec<OutcomeLine>> {
            Ok(sqlx::query_as(
                "SELECT c.facility_id, e.finished_on AS on_day, 'certified' AS kind FROM enrolments e \
                   JOIN courses c ON c.course_id = e.course_id WHERE e.status = 'completed' AND e.finished_on IS NOT NULL \
                 UNION ALL \
                 SELECT i.facility_id, f.checked_on, CAST(f.months_after AS TEXT) || ':' || f.outcome FROM follow_ups f \
                   JOIN inmates i ON i.inmate_id = f.inmate_id",
            )
            .fetch_all(pool)
            .await?)
        }

        /// For each facility, the most inmates its own food output fed on a day or in a month
        /// of the given month.
        pub async fn inmates_fed(pool: &Pool<Db>, first: Date, last: Date) -> Result<Vec<(i64, i64)>> {
            Ok(sqlx::query_as(
                "SELECT w.facility_id, CAST(MAX(p.inmates_fed) AS BIGINT) FROM production p \
                   JOIN workshops w ON w.workshop_id = p.workshop_id \
                 WHERE p.produced_on >= $1 AND p.produced_on <= $2 AND p.inmates_fed > 0 GROUP BY w.facility_id",
            )
            .bind(first)
            .bind(last)
            .fetch_all(pool)
            .await?)
        }

        /// Each facility's latest day with food output recorded.
        pub async fn last_food_days(pool: &Pool<Db>) -> Result<Vec<(i64, Date)>> {
            Ok(sqlx::query_as(
                "SELECT w.facility_id, MAX(p.produced_on) FROM production p JOIN workshops w ON w.workshop_id = p.workshop_id \
                 WHERE p.inmates_fed > 0 GROUP BY w.facility_id",
            )
            .fetch_all(pool)
            .await?)
        }
    };
}

pub(crate) use prison_training_queries;
