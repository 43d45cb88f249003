//! SQL for the outbox of notices, compiled for each backend like `queries.rs`. Each change of a
//! notice's state names the states it may come from and the try it is for.

macro_rules! notice_queries {
    () => {
        use crate::notices::{NewNotice, NoticeCount, NoticeRow, NoticeTemplateRow, Settled};

        const NOTICE_COLUMNS: &str = "notice_id, event, event_key, channel, address, language, template_version, body, \
             household_id, grievance_id, state, attempts, next_attempt_ms, sent_at, delivered_at, last_report, last_error, created_at";

        /// Writes notices inside the transaction of their event: rendered, and withheld when
        /// their address opted out or their text looks as if it carries a PIN. A notice whose
        /// event was told already is not written again.
        pub(crate) async fn insert_notices(conn: &mut Conn, notices: &[NewNotice]) -> Result<()> {
            for n in notices {
                // A placeholder left empty leaves no space at either end.
                let body = emgek_domain::notice::render(&n.template, &n.values).trim().to_string();
                let personal = emgek_domain::notice::looks_personal(&body);
                let at_ms = (n.at.unix_timestamp_nanos() / 1_000_000) as i64;
                sqlx::query(
                    "INSERT INTO notices (event, event_key, channel, address, language, template_version, body, household_id, \
                     grievance_id, state, attempts, next_attempt_ms, last_error, created_at, updated_at) \
                     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, \
                       CASE WHEN $10 OR o.address IS NOT NULL THEN 'withheld' ELSE 'queued' END, 0, $11, \
                       CASE WHEN $10 THEN 'personal_data' WHEN o.address IS NOT NULL THEN 'opted_out' END, $12, $12 \
                     FROM (SELECT 1 AS one) AS x LEFT JOIN notice_opt_outs AS o ON o.address = $4 \
                     WHERE TRUE ON CONFLICT (event_key) DO NOTHING",
                )
                .bind(&n.event)
                .bind(&n.event_key)
                .bind(&n.channel)
                .bind(&n.address)
                .bind(&n.language)
                .bind(n.template_version)
                .bind(&body)
                .bind(n.household_id)
                .bind(n.grievance_id)
                .bind(personal)
                .bind(at_ms)
                .bind(n.at)
                .execute(&mut *conn)
                .await?;
            }
            Ok(())
        }

        pub async fn reports_missing(pool: &Pool<Db>, month: time::Date, kind: &str, limit: i64) -> Result<Vec<(i64, String, i64, String, String)>> {
            let next = emgek_domain::social_contract::monitoring::next_month(month);
            let key_end = format!(":{kind}:{:04}-{:02}", month.year(), u8::from(month.month()));
            Ok(sqlx::query_as(
                "SELECT k.contract_id, k.number, h.household_id, h.phone, h.language FROM contracts k \
                 JOIN applications a ON a.application_id = k.application_id \
                 JOIN households h ON h.household_id = a.household_id \
                 WHERE k.status = 'active' AND k.starts < $1 AND h.phone IS NOT NULL AND h.consent \
                   AND NOT EXISTS (SELECT 1 FROM monthly_reports r WHERE r.contract_id = k.contract_id AND r.month = $2) \
                   AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.event_key = 'contract:' || CAST(k.contract_id AS TEXT) || $3) \
                 ORDER BY k.contract_id LIMIT $4",
            )
            .bind(next)
            .bind(month)
            .bind(key_end)
            .bind(limit)
            .fetch_all(pool)
            .await?)
        }

        pub async fn add_notices(pool: &Pool<Db>, notices: &[NewNotice]) -> Result<()> {
            let mut tx = begin(pool).await?;
            insert_notices(&mut tx, notices).await?;
            tx.commit().await?;
            Ok(())
        }

        pub async fn claim_notices(
            pool: &Pool<Db>,
            now_ms: i64,
            lease_until_ms: i64,
            limit: i64,
            sms: bool,
            email: bool,
        ) -> Result<Vec<NoticeRow>> {
            let mut tx = begin(pool).await?;
            // The outer `state = 'queued'` is checked again on the row itself: of two servers
            // claiming at once, the second finds the first's notices taken.
            let sql = format!(
                "UPDATE notices SET state = 'sending', attempts = attempts + 1, lease_until_ms = $1, unsure_since_ms = NULL \
                 WHERE state = 'queued' AND notice_id IN \
                   (SELECT notice_id FROM notices WHERE state = 'queued' AND next_attempt_ms <= $2 \
                    AND ((channel = 'sms' AND $4) OR (channel = 'email' AND $5)) \
                    ORDER BY next_attempt_ms, notice_id LIMIT $3) \
                 RETURNING {NOTICE_COLUMNS}"
            );
            let mut rows: Vec<NoticeRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(lease_until_ms)
                .bind(now_ms)
                .bind(limit)
                .bind(sms)
                .bind(email)
                .fetch_all(&mut *tx)
                .await?;
            tx.commit().await?;
            rows.sort_by_key(|r| (r.next_attempt_ms, r.notice_id));
            Ok(rows)
        }

        pub async fn notice_sent(pool: &Pool<Db>, notice_id: i64, attempt: i32, at: OffsetDateTime) -> Result<bool> {
            let mut tx = begin(pool).await?;
            let n = sqlx::query(
                "UPDATE notices SET state = 'sent', sent_at = $1, lease_until_ms = NULL, last_error = NULL, updated_at = $1 \
                 WHERE notice_id = $2 AND attempts = $3 AND state IN ('sending', 'unsure')",
            )
            .bind(at)
            .bind(notice_id)
            .bind(attempt)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            tx.commit().await?;
            Ok(n == 1)
        }

        pub async fn notice_not_sent(
            pool: &Pool<Db>,
            notice_id: i64,
            attempt: i32,
            error: &str,
            next_attempt_ms: Option<i64>,
            at: OffsetDateTime,
        ) -> Result<bool> {
            let mut tx = begin(pool).await?;
            let error: String = error.chars().take(500).collect();
            let n = sqlx::query(
                "UPDATE notices SET state = CASE WHEN $1 IS NULL THEN 'failed' ELSE 'queued' END, \
                 next_attempt_ms = COALESCE($1, next_attempt_ms), lease_until_ms = NULL, last_error = $2, updated_at = $3 \
                 WHERE notice_id = $4 AND attempts = $5 AND state IN ('sending', 'unsure')",
            )
            .bind(next_attempt_ms)
            .bind(&error)
            .bind(at)
            .bind(notice_id)
            .bind(attempt)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            tx.commit().await?;
            Ok(n == 1)
        }

        pub async fn notice_report(
            pool: &Pool<Db>,
            notice_id: i64,
            attempt: i32,
            report: i32,
            state: Option<&str>,
            at: OffsetDateTime,
        ) -> Result<bool> {
            let mut tx = begin(pool).await?;
            // A report is for a try: one for an earlier try than the last says nothing of it.
            // `sent` never undoes `delivered` or `failed`.
            let n = match state {
                Some("sent") => sqlx::query(
                    "UPDATE notices SET state = 'sent', sent_at = COALESCE(sent_at, $1), lease_until_ms = NULL, \
                     unsure_since_ms = NULL, last_report = $2, updated_at = $1 \
                     WHERE notice_id = $3 AND attempts = $4 AND state IN ('sending', 'unsure', 'queued', 'sent')",
                ),
                Some("delivered") => sqlx::query(
                    "UPDATE notices SET state = 'delivered', sent_at = COALESCE(sent_at, $1), delivered_at = $1, \
                     lease_until_ms = NULL, unsure_since_ms = NULL, last_report = $2, updated_at = $1 \
                     WHERE notice_id = $3 AND attempts = $4 AND state IN ('sending', 'unsure', 'queued', 'sent')",
                ),
                Some(_) => sqlx::query(
                    "UPDATE notices SET state = 'failed', lease_until_ms = NULL, unsure_since_ms = NULL, last_report = $2, \
                     last_error = 'not delivered (report ' || CAST($2 AS TEXT) || ')', updated_at = $1 \
                     WHERE notice_id = $3 AND attempts = $4 AND state IN ('sending', 'unsure', 'queued', 'sent')",
                ),
                None => sqlx::query(
                    "UPDATE notices SET last_report = $2, updated_at = $1 WHERE notice_id = $3 AND attempts = $4",
                ),
            }
            .bind(at)
            .bind(report)
            .bind(notice_id)
            .bind(attempt)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            tx.commit().await?;
            Ok(n == 1)
        }

        pub async fn settle_abandoned_notices(pool: &Pool<Db>, now_ms: i64, sms_grace_ms: i64) -> Result<Settled> {
            let mut tx = begin(pool).await?;
            let unsure = sqlx::query(
                "UPDATE notices SET state = 'unsure', unsure_since_ms = $1, lease_until_ms = NULL \
                 WHERE state = 'sending' AND lease_until_ms < $1",
            )
            .bind(now_ms)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            let requeued = sqlx::query(
                "UPDATE notices SET state = 'queued', next_attempt_ms = $1, unsure_since_ms = NULL \
                 WHERE state = 'unsure' AND (channel = 'email' OR unsure_since_ms <= $2)",
            )
            .bind(now_ms)
            .bind(now_ms - sms_grace_ms)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            tx.commit().await?;
            Ok(Settled { unsure, requeued })
        }

        pub async fn notice(pool: &Pool<Db>, notice_id: i64) -> Result<NoticeRow> {
            let sql = format!("SELECT {NOTICE_COLUMNS} FROM notices WHERE notice_id = $1");
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(notice_id)
                .fetch_optional(pool)
                .await?
                .ok_or(StoreError::NotFound)
        }

        pub async fn grievance_notices(pool: &Pool<Db>, grievance_id: i64) -> Result<Vec<NoticeRow>> {
            let sql = format!("SELECT {NOTICE_COLUMNS} FROM notices WHERE grievance_id = $1 ORDER BY notice_id");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(grievance_id).fetch_all(pool).await?)
        }

        pub async fn notices_after(pool: &Pool<Db>, after_id: i64, limit: i64) -> Result<Vec<NoticeRow>> {
            let sql = format!("SELECT {NOTICE_COLUMNS} FROM notices WHERE notice_id > $1 ORDER BY notice_id LIMIT $2");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(after_id).bind(limit).fetch_all(pool).await?)
        }

        pub async fn notice_counts(pool: &Pool<Db>) -> Result<Vec<NoticeCount>> {
            Ok(sqlx::query_as(
                "SELECT channel, event, state, COUNT(*) AS notices FROM notices GROUP BY channel, event, state \
                 ORDER BY channel, event, state",
            )
            .fetch_all(pool)
            .await?)
        }

        pub async fn opt_out(pool: &Pool<Db>, by: &Actor, address: &str, via: &str, at: OffsetDateTime) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            sqlx::query("INSERT INTO notice_opt_outs (address, via, created_at) VALUES ($1, $2, $3) ON CONFLICT (address) DO NOTHING")
                .bind(address)
                .bind(via)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            // Notices not yet sent to the address are withheld too.
            sqlx::query(
                "UPDATE notices SET state = 'withheld', last_error = 'opted_out', updated_at = $1 \
                 WHERE address = $2 AND state = 'queued'",
            )
            .bind(at)
            .bind(address)
            .execute(&mut *tx)
            .await?;
            // The audit line names the channel, never the number or the address.
            let channel = if address.contains('@') { "email" } else { "sms" };
            let detail = serde_json::json!({ "via": via, "channel": channel });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "notice.opt_out", "notices", detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        pub async fn opted_out(pool: &Pool<Db>, address: &str) -> Result<bool> {
            let n: Option<i32> = sqlx::query_scalar("SELECT 1 FROM notice_opt_outs WHERE address = $1")
                .bind(address)
                .fetch_optional(pool)
                .await?;
            Ok(n.is_some())
        }

        pub async fn grievance_told_to(pool: &Pool<Db>, address: &str, grievance_id: i64) -> Result<bool> {
            let n: Option<i32> = sqlx::query_scalar("SELECT 1 FROM notices WHERE address = $1 AND grievance_id = $2 LIMIT 1")
                .bind(address)
                .bind(grievance_id)
                .fetch_optional(pool)
                .await?;
            Ok(n.is_some())
        }

        pub async fn last_decision_told_to(pool: &Pool<Db>, address: &str) -> Result<Option<i64>> {
            Ok(sqlx::query_scalar(
                "SELECT grievance_id FROM notices WHERE address = $1 AND event = 'grievance_closed' \
                 ORDER BY notice_id DESC LIMIT 1",
            )
            .bind(address)
            .fetch_optional(pool)
            .await?
            .flatten())
        }

        pub async fn household_by_phone(pool: &Pool<Db>, phone: &str) -> Result<Option<(i64, String)>> {
            Ok(sqlx::query_as("SELECT household_id, rayon_code FROM households WHERE phone = $1 ORDER BY household_id LIMIT 1")
                .bind(phone)
                .fetch_optional(pool)
                .await?)
        }

        pub async fn add_notice_template(
            pool: &Pool<Db>,
            by: &Actor,
            event: &str,
            language: &str,
            body: &str,
            at: OffsetDateTime,
        ) -> Result<i32> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let version: i32 = sqlx::query_scalar(
                "INSERT INTO notice_templates (event, language, version, body, created_by, created_at) \
                 SELECT $1, $2, COALESCE(MAX(version), 0) + 1, $3, $4, $5 FROM notice_templates WHERE event = $1 AND language = $2 \
                 RETURNING version",
            )
            .bind(event)
            .bind(language)
            .bind(body)
            .bind(&by.name)
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "event": event, "language": language, "version": version });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "notice.template", format!("notice_template:{event}:{language}"), detail))
                .await?;
            tx.commit().await?;
            Ok(version)
        }

        pub async fn notice_templates(pool: &Pool<Db>) -> Result<Vec<NoticeTemplateRow>> {
            Ok(sqlx::query_as(
                "SELECT event, language, version, body, created_by, created_at FROM notice_templates \
                 ORDER BY event, language, version DESC",
            )
            .fetch_all(pool)
            .await?)
        }
    };
}

pub(crate) use notice_queries;
