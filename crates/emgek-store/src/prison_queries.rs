//! SQL for prison enterprises' facilities, workshops, inmates, their work and pay, and the
//! rules, compiled for each backend like `queries.rs` (and expanded in the same modules).
//! Inmates' names never reach the audit trail: entries name inmates by id. The money and the
//! training are in `prison_trade_queries.rs` and `prison_training_queries.rs`.

macro_rules! prison_queries {
    () => {
        use emgek_domain::prison::payroll::PayLine;
        use emgek_domain::prison::rules::EnterpriseRules;
        use crate::prison::{
            AssetRow, AssignmentRow, DeductionRow, FacilityRow, InmateRow, NewFacility, NewInmate, NewWorkshop,
            PayrollLineRow, PayrollRunRow, TimesheetLine, Work, Worker, WorkingShare, WorkshopRow,
        };

        type Date = time::Date;

        const FACILITY_COLUMNS: &str = "facility_id, code, name, kind, rayon_code, locality, capacity, description";
        const WORKSHOP_COLUMNS: &str = "workshop_id, facility_id, code, name, activity, opened_on, wage_tyiyn";
        pub async fn create_facility(pool: &Pool<Db>, by: &Actor, f: &NewFacility) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO facilities (code, name, kind, rayon_code, locality, capacity, description, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING facility_id",
            )
            .bind(&f.code)
            .bind(&f.name)
            .bind(&f.kind)
            .bind(&f.rayon_code)
            .bind(&f.locality)
            .bind(f.capacity)
            .bind(&f.description)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "code": f.code, "name": f.name, "kind": f.kind, "capacity": f.capacity });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "facility.create", format!("facility:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn facilities(pool: &Pool<Db>) -> Result<Vec<FacilityRow>> {
            let sql = format!("SELECT {FACILITY_COLUMNS} FROM facilities ORDER BY name");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await?)
        }

        pub async fn facility(pool: &Pool<Db>, id: i64) -> Result<FacilityRow> {
            let sql = format!("SELECT {FACILITY_COLUMNS} FROM facilities WHERE facility_id = $1");
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?.ok_or(StoreError::NotFound)
        }

        pub async fn add_population(pool: &Pool<Db>, by: &Actor, facility: i64, on: Date, inmates: i64) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            sqlx::query(
                "INSERT INTO facility_populations (facility_id, counted_on, inmates, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $4)",
            )
            .bind(facility)
            .bind(on)
            .bind(inmates)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "counted_on": on.to_string(), "inmates": inmates });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "facility.population", format!("facility:{facility}"), detail))
                .await?;
            tx.commit().await?;
            Ok(())
        }

        /// Headcounts of a facility, latest first.
        pub async fn populations(pool: &Pool<Db>, facility: i64) -> Result<Vec<(Date, i64)>> {
            Ok(sqlx::query_as(
                "SELECT counted_on, inmates FROM facility_populations WHERE facility_id = $1 ORDER BY counted_on DESC",
            )
            .bind(facility)
            .fetch_all(pool)
            .await?)
        }

        pub async fn create_workshop(pool: &Pool<Db>, by: &Actor, w: &NewWorkshop) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO workshops (facility_id, code, name, activity, opened_on, wage_tyiyn, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING workshop_id",
            )
            .bind(w.facility_id)
            .bind(&w.code)
            .bind(&w.name)
            .bind(&w.activity)
            .bind(w.opened_on)
            .bind(w.wage_tyiyn)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "facility": w.facility_id, "code": w.code, "name": w.name, "wage_tyiyn": w.wage_tyiyn });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "workshop.create", format!("workshop:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn workshops(pool: &Pool<Db>, facility: i64) -> Result<Vec<WorkshopRow>> {
            let sql = format!("SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE facility_id = $1 ORDER BY name");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(facility).fetch_all(pool).await?)
        }

        pub async fn workshop(pool: &Pool<Db>, id: i64) -> Result<WorkshopRow> {
            let sql = format!("SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE workshop_id = $1");
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?.ok_or(StoreError::NotFound)
        }

        pub async fn add_asset(
            pool: &Pool<Db>,
            by: &Actor,
            workshop: i64,
            name: &str,
            funding_source: &str,
            value_tyiyn: i64,
            acquired_on: Date,
        ) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO assets (workshop_id, name, funding_source, value_tyiyn, acquired_on, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING asset_id",
            )
            .bind(workshop)
            .bind(name)
            .bind(funding_source)
            .bind(value_tyiyn)
            .bind(acquired_on)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "workshop": workshop, "name": name, "funding_source": funding_source, "value_tyiyn": value_tyiyn });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "asset.add", format!("asset:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn assets(pool: &Pool<Db>, workshop: i64) -> Result<Vec<AssetRow>> {
            Ok(sqlx::query_as(
                "SELECT asset_id, workshop_id, name, funding_source, value_tyiyn, acquired_on FROM assets \
                 WHERE workshop_id = $1 ORDER BY acquired_on, asset_id",
            )
            .bind(workshop)
            .fetch_all(pool)
            .await?)
        }

        async fn insert_inmate(conn: &mut Conn, i: &NewInmate, now: OffsetDateTime) -> Result<i64> {
            Ok(sqlx::query_scalar(
                "INSERT INTO inmates (facility_id, register_number, full_name, sex, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING inmate_id",
            )
            .bind(i.facility_id)
            .bind(&i.register_number)
            .bind(&i.full_name)
            .bind(&i.sex)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?)
        }

        async fn insert_assignment(
            conn: &mut Conn,
            inmate: i64,
            workshop: i64,
            starts: Date,
            ends: Option<Date>,
            wage: i64,
            now: OffsetDateTime,
        ) -> Result<i64> {
            // An inmate works in one workshop at a time: new work ends the open one the day before.
            sqlx::query(
                "UPDATE work_assignments SET ends = $1, updated_at = $2 WHERE inmate_id = $3 AND ends IS NULL AND starts < $4",
            )
            .bind(starts - time::Duration::days(1))
            .bind(now)
            .bind(inmate)
            .bind(starts)
            .execute(&mut *conn)
            .await?;
            Ok(sqlx::query_scalar(
                "INSERT INTO work_assignments (inmate_id, workshop_id, starts, ends, wage_tyiyn, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING work_assignment_id",
            )
            .bind(inmate)
            .bind(workshop)
            .bind(starts)
            .bind(ends)
            .bind(wage)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?)
        }

        pub async fn add_inmate(pool: &Pool<Db>, by: &Actor, i: &NewInmate) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let id = insert_inmate(&mut tx, i, OffsetDateTime::now_utc()).await?;
            let detail = serde_json::json!({ "facility": i.facility_id });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "inmate.add", format!("inmate:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        /// Many inmates with their work at once, in one transaction and one audit entry (the
        /// demonstration data and imports): each inmate with his spells of work.
        pub async fn add_inmates_with_work(
            pool: &Pool<Db>,
            by: &Actor,
            facility: i64,
            items: &[(NewInmate, Vec<Work>)],
        ) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            for (inmate, work) in items {
                let id = insert_inmate(&mut tx, inmate, now).await?;
                for w in work {
                    insert_assignment(&mut tx, id, w.workshop_id, w.starts, w.ends, w.wage_tyiyn, now).await?;
                }
            }
            let detail = serde_json::json!({ "facility": facility, "inmates": items.len() });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "inmate.bulk_add", format!("facility:{facility}"), detail))
                .await?;
            tx.commit().await?;
            Ok(())
        }

        pub async fn inmates(pool: &Pool<Db>, facility: i64) -> Result<Vec<InmateRow>> {
            Ok(sqlx::query_as(
                "SELECT inmate_id, facility_id, register_number, full_name, sex, released_on FROM inmates \
                 WHERE facility_id = $1 ORDER BY register_number",
            )
            .bind(facility)
            .fetch_all(pool)
            .await?)
        }

        pub async fn inmate(pool: &Pool<Db>, id: i64) -> Result<InmateRow> {
            sqlx::query_as(
                "SELECT inmate_id, facility_id, register_number, full_name, sex, released_on FROM inmates WHERE inmate_id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?
            .ok_or(StoreError::NotFound)
        }

        pub async fn assign_work(
            pool: &Pool<Db>,
            by: &Actor,
            inmate: i64,
            workshop: i64,
            starts: Date,
            wage: i64,
        ) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let id = insert_assignment(&mut tx, inmate, workshop, starts, None, wage, OffsetDateTime::now_utc()).await?;
            let detail = serde_json::json!({ "workshop": workshop, "starts": starts.to_string(), "wage_tyiyn": wage });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "inmate.assign", format!("inmate:{inmate}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn assignments(pool: &Pool<Db>, inmate: i64) -> Result<Vec<AssignmentRow>> {
            Ok(sqlx::query_as(
                "SELECT work_assignment_id, inmate_id, workshop_id, starts, ends, wage_tyiyn FROM work_assignments \
                 WHERE inmate_id = $1 ORDER BY starts",
            )
            .bind(inmate)
            .fetch_all(pool)
            .await?)
        }

        pub async fn add_deduction(pool: &Pool<Db>, by: &Actor, inmate: i64, kind: &str, rate_bp: i64) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            sqlx::query(
                "INSERT INTO deduction_orders (inmate_id, kind, rate_bp, recorded_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5)",
            )
            .bind(inmate)
            .bind(kind)
            .bind(rate_bp)
            .bind(&by.name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "kind": kind, "rate_bp": rate_bp });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "inmate.deduction", format!("inmate:{inmate}"), detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        /// A deduction order with its contest: the open one that suspends it, else the one that
        /// ended it.
        const DEDUCTION_COLUMNS: &str = "d.deduction_order_id, d.inmate_id, d.kind, d.rate_bp, d.recorded_by, d.ended_on, \
             d.suspended_by IS NOT NULL AS suspended, g.grievance_id AS contest_id, g.year AS contest_year, \
             g.seq AS contest_seq \
             FROM deduction_orders d LEFT JOIN grievances g ON g.grievance_id = COALESCE(d.suspended_by, d.ended_by)";

        pub async fn inmate_deductions(pool: &Pool<Db>, inmate: i64) -> Result<Vec<DeductionRow>> {
            let sql = format!("SELECT {DEDUCTION_COLUMNS} WHERE d.inmate_id = $1 ORDER BY d.deduction_order_id");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(inmate).fetch_all(pool).await?)
        }

        pub async fn deduction_order(pool: &Pool<Db>, id: i64) -> Result<DeductionRow> {
            let sql = format!("SELECT {DEDUCTION_COLUMNS} WHERE d.deduction_order_id = $1");
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?.ok_or(StoreError::NotFound)
        }

        /// The inmates who worked in the workshop some day of the month (first and last day
        /// given), with their wage and the month's timesheet line if one was kept.
        pub async fn month_workers(pool: &Pool<Db>, workshop: i64, first: Date, last: Date) -> Result<Vec<Worker>> {
            Ok(sqlx::query_as(
                "SELECT i.inmate_id, i.register_number, i.full_name, MAX(a.wage_tyiyn) AS wage_tyiyn, \
                        t.working_days, t.days_worked \
                 FROM work_assignments a JOIN inmates i ON i.inmate_id = a.inmate_id \
                 LEFT JOIN timesheets t ON t.workshop_id = a.workshop_id AND t.month = $2 AND t.inmate_id = a.inmate_id \
                 WHERE a.workshop_id = $1 AND a.starts <= $3 AND (a.ends IS NULL OR a.ends >= $2) \
                 GROUP BY i.inmate_id, i.register_number, i.full_name, t.working_days, t.days_worked \
                 ORDER BY i.register_number",
            )
            .bind(workshop)
            .bind(first)
            .bind(last)
            .fetch_all(pool)
            .await?)
        }

        /// The deduction orders of the inmates who worked in the workshop that month.
        pub async fn month_deductions(pool: &Pool<Db>, workshop: i64, first: Date, last: Date) -> Result<Vec<DeductionRow>> {
            Ok(sqlx::query_as(
                sqlx::AssertSqlSafe(format!(
                    "SELECT {DEDUCTION_COLUMNS} \
                     WHERE d.suspended_by IS NULL AND d.ended_on IS NULL \
                     AND d.inmate_id IN (SELECT a.inmate_id FROM work_assignments a WHERE a.workshop_id = $1 \
                         AND a.starts <= $3 AND (a.ends IS NULL OR a.ends >= $2)) \
                     ORDER BY d.inmate_id, d.deduction_order_id"
                )),
            )
            .bind(workshop)
            .bind(first)
            .bind(last)
            .fetch_all(pool)
            .await?)
        }

        async fn payroll_closed(conn: &mut Conn, workshop: i64, month: Date) -> Result<bool> {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payroll_runs WHERE workshop_id = $1 AND month = $2")
                .bind(workshop)
                .bind(month)
                .fetch_one(&mut *conn)
                .await?;
            Ok(n > 0)
        }

        /// Keeps the month's timesheet lines, replacing those kept before; refused once the
        /// month's payroll is closed.
        pub async fn save_timesheet(
            pool: &Pool<Db>,
            by: &Actor,
            workshop: i64,
            month: Date,
            lines: &[TimesheetLine],
        ) -> Result<()> {
            save_timesheets(pool, by, &[(workshop, month, lines.to_vec())]).await
        }

        /// Workshops' timesheets of a month (workshop, month, lines), each replacing the
        /// inmates' days held, in one transaction with an audit entry each; none if a payroll
        /// of those months is closed.
        pub async fn save_timesheets(pool: &Pool<Db>, by: &Actor, sheets: &[(i64, Date, Vec<TimesheetLine>)]) -> Result<()> {
            let mut tx = begin(pool).await?;
            let now = OffsetDateTime::now_utc();
            let mut entries = Vec::with_capacity(sheets.len());
            for (workshop, month, lines) in sheets {
                let (workshop, month) = (*workshop, *month);
                if payroll_closed(&mut tx, workshop, month).await? {
                    return Err(StoreError::Conflict("payroll.closed"));
                }
                for l in lines {
                    sqlx::query("DELETE FROM timesheets WHERE workshop_id = $1 AND month = $2 AND inmate_id = $3")
                        .bind(workshop)
                        .bind(month)
                        .bind(l.inmate_id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query(
                        "INSERT INTO timesheets (workshop_id, month, inmate_id, working_days, days_worked, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $6)",
                    )
                    .bind(workshop)
                    .bind(month)
                    .bind(l.inmate_id)
                    .bind(l.working_days)
                    .bind(l.days_worked)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                let days: i64 = lines.iter().map(|l| l.days_worked).sum();
                let detail = serde_json::json!({ "month": month.to_string(), "lines": lines.len(), "days_worked": days });
                entries.push(AuditEntry::new(by, "timesheet.save", format!("workshop:{workshop}"), detail));
            }
            write_audits(&mut tx, &entries).await?;
            tx.commit().await?;
            Ok(())
        }

        /// Closes the month's payroll with the lines computed from its timesheet: once closed,
        /// the month's timesheet and pay no longer change (a second close is `payroll.closed`).
        pub async fn close_payroll(
            pool: &Pool<Db>,
            by: &Actor,
            workshop: i64,
            month: Date,
            lines: &[(i64, i64, PayLine)],
        ) -> Result<i64> {
            let mut tx = begin(pool).await?;
            if payroll_closed(&mut tx, workshop, month).await? {
                return Err(StoreError::Conflict("payroll.closed"));
            }
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let gross: i64 = lines.iter().map(|(_, _, p)| p.gross).sum();
            let net: i64 = lines.iter().map(|(_, _, p)| p.net).sum();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO payroll_runs (workshop_id, month, gross_tyiyn, withheld_tyiyn, net_tyiyn, closed_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING payroll_run_id",
            )
            .bind(workshop)
            .bind(month)
            .bind(gross)
            .bind(gross - net)
            .bind(net)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            for (inmate, days, p) in lines {
                let deductions: Vec<(&str, i64)> = p.deductions.iter().map(|(k, a)| (k.code(), *a)).collect();
                sqlx::query(
                    "INSERT INTO payroll_lines (payroll_run_id, inmate_id, days_worked, gross_tyiyn, deductions_json, net_tyiyn, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
                )
                .bind(id)
                .bind(inmate)
                .bind(days)
                .bind(p.gross)
                .bind(serde_json::to_string(&deductions).unwrap_or_default())
                .bind(p.net)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            let detail = serde_json::json!({ "month": month.to_string(), "lines": lines.len(), "gross_tyiyn": gross, "net_tyiyn": net });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "payroll.close", format!("workshop:{workshop}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn payroll_run(pool: &Pool<Db>, workshop: i64, month: Date) -> Result<Option<(PayrollRunRow, Vec<PayrollLineRow>)>> {
            let run: Option<PayrollRunRow> = sqlx::query_as(
                "SELECT payroll_run_id, workshop_id, month, gross_tyiyn, withheld_tyiyn, net_tyiyn, closed_by, created_at \
                 FROM payroll_runs WHERE workshop_id = $1 AND month = $2",
            )
            .bind(workshop)
            .bind(month)
            .fetch_optional(pool)
            .await?;
            let Some(run) = run else { return Ok(None) };
            let lines = sqlx::query_as(
                "SELECT inmate_id, days_worked, gross_tyiyn, deductions_json, net_tyiyn FROM payroll_lines \
                 WHERE payroll_run_id = $1 ORDER BY payroll_line_id",
            )
            .bind(run.payroll_run_id)
            .fetch_all(pool)
            .await?;
            Ok(Some((run, lines)))
        }

        /// What has been credited to an inmate's personal account by closed payrolls, in tyiyn.
        pub async fn personal_account(pool: &Pool<Db>, inmate: i64) -> Result<i64> {
            Ok(sqlx::query_scalar("SELECT CAST(COALESCE(SUM(net_tyiyn), 0) AS BIGINT) FROM payroll_lines WHERE inmate_id = $1")
                .bind(inmate)
                .fetch_one(pool)
                .await?)
        }

        pub async fn add_enterprise_rules(pool: &Pool<Db>, by: &Actor, rules: &EnterpriseRules) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            sqlx::query(
                "INSERT INTO enterprise_rules (effective_from, state_budget_bp, inmate_min_net_bp, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5)",
            )
            .bind(rules.effective_from)
            .bind(i64::from(rules.state_budget_bp))
            .bind(i64::from(rules.inmate_min_net_bp))
            .bind(&by.name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "after": rules });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "enterprise.rules", "enterprise_rules", detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        pub async fn enterprise_rules(pool: &Pool<Db>) -> Result<Vec<EnterpriseRules>> {
            let rows: Vec<(Date, i64, i64)> = sqlx::query_as(
                "SELECT effective_from, state_budget_bp, inmate_min_net_bp FROM enterprise_rules ORDER BY effective_from",
            )
            .fetch_all(pool)
            .await?;
            let bp = |v: i64| u32::try_from(v).unwrap_or(0);
            Ok(rows
                .into_iter()
                .map(|(effective_from, budget, min_net)| EnterpriseRules {
                    effective_from,
                    state_budget_bp: bp(budget),
                    inmate_min_net_bp: bp(min_net),
                })
                .collect())
        }

        /// The days on which some facility's headcount was taken, oldest first.
        pub async fn population_dates(pool: &Pool<Db>) -> Result<Vec<Date>> {
            Ok(sqlx::query_scalar("SELECT DISTINCT counted_on FROM facility_populations ORDER BY counted_on")
                .fetch_all(pool)
                .await?)
        }

        /// Every facility's latest headcount on or before `on` and the inmates working that day.
        pub async fn working_share(pool: &Pool<Db>, on: Date) -> Result<Vec<WorkingShare>> {
            Ok(sqlx::query_as(
                "SELECT f.facility_id, \
                   (SELECT p.inmates FROM facility_populations p WHERE p.facility_id = f.facility_id AND p.counted_on <= $1 \
                       ORDER BY p.counted_on DESC LIMIT 1) AS population, \
                   (SELECT COUNT(DISTINCT a.inmate_id) FROM work_assignments a JOIN workshops w ON w.workshop_id = a.workshop_id \
                       WHERE w.facility_id = f.facility_id AND a.starts <= $1 AND (a.ends IS NULL OR a.ends >= $1)) AS working \
                 FROM facilities f ORDER BY f.facility_id",
            )
            .bind(on)
            .fetch_all(pool)
            .await?)
        }
    };
}

pub(crate) use prison_queries;
