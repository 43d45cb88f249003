//! SQL for grievances, compiled for each backend like `queries.rs`. Every write is audited in
//! the same transaction; the audit lines hold numbers, categories and places, never the
//! complainant's name, contact or words.

macro_rules! grievance_queries {
    () => {
        use crate::grievances::{CalendarDayRow, GrievanceEventRow, GrievanceFactRow, GrievanceRow, GrievanceStep, NewGrievance};

        pub async fn save_calendar_days(pool: &Pool<Db>, by: &Actor, days: &[(Date, String, String)]) -> Result<usize> {
            let mut tx = begin(pool).await?;
            let now = OffsetDateTime::now_utc();
            let mut audits = Vec::with_capacity(days.len());
            for (day, kind, name) in days {
                sqlx::query(
                    "INSERT INTO calendar_days (day, kind, name, created_by, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $5) \
                     ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, updated_at = excluded.updated_at",
                )
                .bind(day)
                .bind(kind)
                .bind(name)
                .bind(&by.name)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                let detail = serde_json::json!({ "kind": kind, "name": name });
                audits.push(AuditEntry::new(by, "calendar.day", format!("calendar:{day}"), detail));
            }
            write_audits(&mut tx, &audits).await?;
            tx.commit().await?;
            Ok(days.len())
        }

        pub async fn calendar_days(pool: &Pool<Db>) -> Result<Vec<CalendarDayRow>> {
            Ok(sqlx::query_as("SELECT day, kind, name FROM calendar_days ORDER BY day").fetch_all(pool).await?)
        }

        pub async fn add_grievance_rules(pool: &Pool<Db>, by: &Actor, effective_from: Date, rules_json: &str) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            sqlx::query("DELETE FROM grievance_rules WHERE effective_from = $1").bind(effective_from).execute(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO grievance_rules (effective_from, rules_json, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $4)",
            )
            .bind(effective_from)
            .bind(rules_json)
            .bind(&by.name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "effective_from": effective_from.to_string() });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "grievance_rules.add", "grievance_rules", detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        pub async fn grievance_rules(pool: &Pool<Db>) -> Result<Vec<String>> {
            Ok(sqlx::query_scalar("SELECT rules_json FROM grievance_rules ORDER BY effective_from").fetch_all(pool).await?)
        }

        pub async fn open_grievance(pool: &Pool<Db>, by: &Actor, g: &NewGrievance) -> Result<(i64, i32)> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let (id, seq, detail) = insert_grievance(&mut tx, by, g).await?;
            write_audit(&mut tx, slot, &AuditEntry::new(by, "grievance.open", format!("grievance:{id}"), detail)).await?;
            tx.commit().await?;
            Ok((id, seq))
        }

        pub async fn import_grievances(pool: &Pool<Db>, by: &Actor, gs: &[&NewGrievance]) -> Result<()> {
            let mut tx = begin(pool).await?;
            let mut audits = Vec::with_capacity(gs.len());
            for g in gs {
                let (id, _, detail) = insert_grievance(&mut tx, by, g).await?;
                audits.push(AuditEntry::new(by, "grievance.open", format!("grievance:{id}"), detail));
            }
            write_audits(&mut tx, &audits).await?;
            tx.commit().await?;
            Ok(())
        }

        /// Registers a grievance inside the caller's transaction: its id, its number in the
        /// year and the audit line's detail (for the caller to write).
        pub(crate) async fn insert_grievance(
            tx: &mut Conn,
            by: &Actor,
            g: &NewGrievance,
        ) -> Result<(i64, i32, serde_json::Value)> {
            let now = g.at;
            // The year's next number, taken inside this transaction: a grievance not saved
            // gives its number back, so the numbers have no gaps.
            let seq: i32 = sqlx::query_scalar(
                "INSERT INTO grievance_numbers (year, last_seq) VALUES ($1, 1) \
                 ON CONFLICT (year) DO UPDATE SET last_seq = grievance_numbers.last_seq + 1 RETURNING last_seq",
            )
            .bind(g.year)
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| match e.as_database_error() {
                Some(d) if d.is_check_violation() => StoreError::Conflict("grievance.numbers_used"),
                _ => StoreError::from(e),
            })?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO grievances (year, seq, channel, category, severity, sensitive, team, level, status, standing, \
                 oblast_code, rayon_code, anonymous, complainant_name, complainant_contact, member_id, language, \
                 about_kind, about_ref, household_id, summary, received_on, acknowledge_by, answer_by, extended, \
                 created_by, created_at, updated_at, facility_code, source_ref) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'received', $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
                 $19, $20, $21, $22, $23, FALSE, $24, $25, $25, $26, $27) RETURNING grievance_id",
            )
            .bind(g.year)
            .bind(seq)
            .bind(&g.channel)
            .bind(&g.category)
            .bind(&g.severity)
            .bind(g.sensitive)
            .bind(&g.team)
            .bind(&g.level)
            .bind(&g.standing)
            .bind(&g.oblast_code)
            .bind(&g.rayon_code)
            .bind(g.anonymous)
            .bind(&g.complainant_name)
            .bind(&g.complainant_contact)
            .bind(g.member_id)
            .bind(&g.language)
            .bind(&g.about_kind)
            .bind(&g.about_ref)
            .bind(g.household_id)
            .bind(&g.summary)
            .bind(g.received_on)
            .bind(g.acknowledge_by)
            .bind(g.answer_by)
            .bind(&by.name)
            .bind(now)
            .bind(&g.facility_code)
            .bind(&g.source_ref)
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| match e.as_database_error() {
                Some(d) if d.is_unique_violation() => StoreError::Conflict("grievance.reference_held"),
                _ => StoreError::from(e),
            })?;
            if let Some(order) = g.suspends_order {
                // The order is not withheld while its contest is open; one contest at a time.
                let held = sqlx::query(
                    "UPDATE deduction_orders SET suspended_by = $1, updated_at = $2 \
                     WHERE deduction_order_id = $3 AND suspended_by IS NULL AND ended_on IS NULL",
                )
                .bind(id)
                .bind(now)
                .bind(order)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if held != 1 {
                    return Err(StoreError::Conflict("deduction.contested_already"));
                }
            }
            sqlx::query(
                "INSERT INTO grievance_events (grievance_id, step, level, detail, created_by, created_at) \
                 VALUES ($1, 'received', $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(&g.level)
            .bind(&g.channel)
            .bind(&by.name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let number = emgek_domain::grievance::case::GrievanceNumber { year: g.year, seq: seq as u32 }.to_string();
            if let Some(notice) = &g.notice {
                // The complainant is told the number this transaction gave: one notice a grievance.
                let mut notice = notice.clone();
                notice.grievance_id = Some(id);
                notice.event_key = format!("grievance:{id}:received");
                notice.values.push((emgek_domain::notice::Placeholder::Number, number.clone()));
                insert_notices(tx, &[notice]).await?;
            }
            let detail = serde_json::json!({
                "number": number, "category": g.category, "channel": g.channel, "rayon": g.rayon_code,
                "sensitive": g.sensitive, "anonymous": g.anonymous, "answer_by": g.answer_by.to_string(),
            });
            Ok((id, seq, detail))
        }

        const GRIEVANCE_COLUMNS: &str = "grievance_id, year, seq, channel, category, severity, sensitive, team, level, \
             status, standing, oblast_code, rayon_code, anonymous, complainant_name, complainant_contact, member_id, \
             language, about_kind, about_ref, household_id, facility_code, summary, received_on, acknowledge_by, \
             answer_by, acknowledged_on, extended, decision, decision_reason, closed_on, satisfied, created_at FROM grievances";

        pub async fn grievance(pool: &Pool<Db>, id: i64) -> Result<GrievanceRow> {
            let sql = format!("SELECT {GRIEVANCE_COLUMNS} WHERE grievance_id = $1");
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?.ok_or(StoreError::NotFound)
        }

        pub async fn grievance_by_number(pool: &Pool<Db>, year: i32, seq: i32) -> Result<GrievanceRow> {
            let sql = format!("SELECT {GRIEVANCE_COLUMNS} WHERE year = $1 AND seq = $2");
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(year).bind(seq).fetch_optional(pool).await?.ok_or(StoreError::NotFound)
        }

        pub async fn grievances_since(pool: &Pool<Db>, from: Date, limit: i64) -> Result<Vec<GrievanceRow>> {
            let sql = format!("SELECT {GRIEVANCE_COLUMNS} WHERE received_on >= $1 ORDER BY grievance_id DESC LIMIT $2");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(from).bind(limit).fetch_all(pool).await?)
        }

        pub async fn grievances_within(
            pool: &Pool<Db>,
            read: &emgek_domain::access::Areas,
            sensitive: &emgek_domain::access::Areas,
            facilities: &emgek_domain::access::Facilities,
            open_only: bool,
            limit: i64,
        ) -> Result<Vec<GrievanceRow>> {
            let mut qb = QueryBuilder::new(format!("SELECT {GRIEVANCE_COLUMNS} g WHERE "));
            push_grievance_places(&mut qb, read, sensitive, facilities);
            if open_only {
                qb.push(" AND g.status <> 'closed'");
            }
            qb.push(" ORDER BY g.grievance_id DESC LIMIT ").push_bind(limit);
            Ok(qb.build_query_as().fetch_all(pool).await?)
        }

        /// Where grievances `g` may be read: those not sensitive of the places `read` reaches,
        /// the sensitive ones of the places `sensitive` reaches (neither a facility's), and the
        /// prison facilities' of the facilities named.
        fn push_grievance_places(
            qb: &mut QueryBuilder<Db>,
            read: &emgek_domain::access::Areas,
            sensitive: &emgek_domain::access::Areas,
            facilities: &emgek_domain::access::Facilities,
        ) {
            qb.push("((g.facility_code IS NULL AND ((NOT g.sensitive");
            push_places(qb, "g", Some(read));
            qb.push(") OR (g.sensitive");
            push_places(qb, "g", Some(sensitive));
            qb.push("))) OR (g.facility_code IS NOT NULL");
            push_facilities(qb, "g", facilities);
            qb.push("))");
        }

        /// ` AND alias.facility_code IN (…)` for the facilities named: none named, none of them.
        fn push_facilities(qb: &mut QueryBuilder<Db>, alias: &str, facilities: &emgek_domain::access::Facilities) {
            if !facilities.everywhere {
                qb.push(format!(" AND {alias}.facility_code IN ('' "));
                for code in &facilities.codes {
                    qb.push(", ").push_bind(code.clone());
                }
                qb.push(")");
            }
        }

        pub async fn grievance_facts(
            pool: &Pool<Db>,
            from: Date,
            to: Date,
            read: &emgek_domain::access::Areas,
            sensitive: &emgek_domain::access::Areas,
            facilities: &emgek_domain::access::Facilities,
        ) -> Result<Vec<GrievanceFactRow>> {
            let mut qb = QueryBuilder::new(
                "SELECT g.category, g.channel, g.oblast_code, g.received_on, g.answer_by, g.closed_on, g.anonymous, \
                 g.household_id, g.complainant_contact FROM grievances g WHERE ((g.received_on >= ",
            );
            qb.push_bind(from).push(" AND g.received_on <= ").push_bind(to);
            qb.push(") OR (g.closed_on >= ").push_bind(from).push(" AND g.closed_on <= ").push_bind(to).push(")) AND ");
            push_grievance_places(&mut qb, read, sensitive, facilities);
            Ok(qb.build_query_as().fetch_all(pool).await?)
        }

        pub async fn appeal_outcomes(
            pool: &Pool<Db>,
            from: Date,
            to: Date,
            read: &emgek_domain::access::Areas,
            sensitive: &emgek_domain::access::Areas,
            facilities: &emgek_domain::access::Facilities,
        ) -> Result<Vec<(String, i64)>> {
            let mut qb = QueryBuilder::new(
                "SELECT a.status, COUNT(*) FROM appeals a JOIN grievances g ON g.grievance_id = a.grievance_id \
                 WHERE a.decided_on >= ",
            );
            qb.push_bind(from).push(" AND a.decided_on <= ").push_bind(to).push(" AND ");
            push_grievance_places(&mut qb, read, sensitive, facilities);
            qb.push(" GROUP BY a.status ORDER BY a.status");
            Ok(qb.build_query_as().fetch_all(pool).await?)
        }

        pub async fn notice_states(
            pool: &Pool<Db>,
            from: OffsetDateTime,
            until: OffsetDateTime,
            areas: &emgek_domain::access::Areas,
            facilities: &emgek_domain::access::Facilities,
        ) -> Result<Vec<(String, i64)>> {
            // A notice lies where its household, else its grievance, does.
            let mut qb = QueryBuilder::new(
                "SELECT x.state, COUNT(*) FROM (SELECT n.state, n.created_at, \
                 COALESCE(h.oblast_code, g.oblast_code) AS oblast_code, COALESCE(h.rayon_code, g.rayon_code) AS rayon_code, \
                 g.facility_code FROM notices n LEFT JOIN households h ON h.household_id = n.household_id \
                 LEFT JOIN grievances g ON g.grievance_id = n.grievance_id) x WHERE x.created_at >= ",
            );
            qb.push_bind(from).push(" AND x.created_at < ").push_bind(until);
            qb.push(" AND ((x.facility_code IS NULL");
            push_places(&mut qb, "x", Some(areas));
            qb.push(") OR (x.facility_code IS NOT NULL");
            push_facilities(&mut qb, "x", facilities);
            qb.push(")) GROUP BY x.state ORDER BY x.state");
            Ok(qb.build_query_as().fetch_all(pool).await?)
        }

        pub async fn open_grievances(pool: &Pool<Db>) -> Result<Vec<GrievanceRow>> {
            let sql = format!("SELECT {GRIEVANCE_COLUMNS} WHERE status <> 'closed' ORDER BY answer_by, grievance_id");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await?)
        }

        pub async fn take_grievance_steps(pool: &Pool<Db>, by: &Actor, steps: &[GrievanceStep]) -> Result<()> {
            if steps.is_empty() {
                return Ok(());
            }
            let mut tx = begin(pool).await?;
            let audits = apply_grievance_steps(&mut tx, by, steps).await?;
            write_audits(&mut tx, &audits).await?;
            tx.commit().await?;
            Ok(())
        }

        /// Takes steps inside the caller's transaction: the audit lines for the caller to write.
        pub(crate) async fn apply_grievance_steps(tx: &mut Conn, by: &Actor, steps: &[GrievanceStep]) -> Result<Vec<AuditEntry>> {
            let mut audits = Vec::with_capacity(steps.len());
            for s in steps {
                let taken = sqlx::query(
                    "UPDATE grievances SET status = $1, level = $2, standing = $3, answer_by = $4, acknowledged_on = $5, \
                     extended = $6, decision = $7, decision_reason = $8, closed_on = $9, satisfied = $10, updated_at = $11 \
                     WHERE grievance_id = $12 AND status = $13 AND level = $14",
                )
                .bind(&s.status)
                .bind(&s.level)
                .bind(&s.standing)
                .bind(s.answer_by)
                .bind(s.acknowledged_on)
                .bind(s.extended)
                .bind(&s.decision)
                .bind(&s.decision_reason)
                .bind(s.closed_on)
                .bind(s.satisfied)
                .bind(s.at)
                .bind(s.grievance_id)
                .bind(&s.was_status)
                .bind(&s.was_level)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if taken != 1 {
                    return Err(StoreError::Conflict("grievance.changed"));
                }
                if s.step == "standing" {
                    continue;
                }
                if s.step == "closed" {
                    // The deduction order it held: ended when the contest is upheld, else
                    // withheld again from the next payroll.
                    if s.ends_order {
                        sqlx::query(
                            "UPDATE deduction_orders SET suspended_by = NULL, ended_on = $2, ended_by = $1, updated_at = $3 \
                             WHERE suspended_by = $1",
                        )
                        .bind(s.grievance_id)
                        .bind(s.closed_on)
                        .bind(s.at)
                        .execute(&mut *tx)
                        .await?;
                    } else {
                        sqlx::query("UPDATE deduction_orders SET suspended_by = NULL, updated_at = $2 WHERE suspended_by = $1")
                            .bind(s.grievance_id)
                            .bind(s.at)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                sqlx::query(
                    "INSERT INTO grievance_events (grievance_id, step, level, detail, created_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(s.grievance_id)
                .bind(&s.step)
                .bind(&s.level)
                .bind(&s.detail)
                .bind(&by.name)
                .bind(s.at)
                .execute(&mut *tx)
                .await?;
                let detail = serde_json::json!({
                    "step": s.step, "status": s.status, "level": s.level, "answer_by": s.answer_by.to_string(),
                    "decision": s.decision,
                });
                audits.push(AuditEntry::new(by, &format!("grievance.{}", s.step), format!("grievance:{}", s.grievance_id), detail));
                insert_notices(&mut *tx, &s.notices).await?;
            }
            Ok(audits)
        }

        pub async fn grievance_source_refs(pool: &Pool<Db>) -> Result<Vec<String>> {
            Ok(sqlx::query_scalar("SELECT source_ref FROM grievances WHERE source_ref IS NOT NULL").fetch_all(pool).await?)
        }

        pub async fn application_id_by_ref(pool: &Pool<Db>, application_ref: &str) -> Result<Option<i64>> {
            Ok(sqlx::query_scalar("SELECT application_id FROM applications WHERE application_ref = $1")
                .bind(application_ref)
                .fetch_optional(pool)
                .await?)
        }

        pub async fn grievance_events(pool: &Pool<Db>, id: i64) -> Result<Vec<GrievanceEventRow>> {
            Ok(sqlx::query_as(
                "SELECT step, level, detail, created_by, created_at FROM grievance_events \
                 WHERE grievance_id = $1 ORDER BY grievance_event_id",
            )
            .bind(id)
            .fetch_all(pool)
            .await?)
        }
    };
}
pub(crate) use grievance_queries;
