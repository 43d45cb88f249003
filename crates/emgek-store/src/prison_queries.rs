//! SQL for prison enterprises, compiled for each backend like `queries.rs` (and expanded in the
//! same modules). Inmates' names never reach the audit trail: entries name inmates by id.

macro_rules! prison_queries {
    () => {
        use emgek_domain::prison::payroll::PayLine;
        use emgek_domain::prison::rules::EnterpriseRules;
        use crate::prison::{
            CourseRow, EnrolmentRow, FollowUpRow, NewCourse, OutcomeLine,
            CostRow, FundingRow, MoneyLine, NewCost,
            AssetRow, AssignmentRow, DeductionRow, FacilityRow, InmateRow, NewFacility, NewInmate, NewProduction,
            NewSale, NewWorkshop, PayrollLineRow, Work, PayrollRunRow, ProductionRow, SaleRow, TimesheetLine, WorkingShare,
            Worker, WorkshopRow,
        };

        type Date = time::Date;

        const FACILITY_COLUMNS: &str = "facility_id, code, name, kind, rayon_code, locality, capacity, description";
        const WORKSHOP_COLUMNS: &str = "workshop_id, facility_id, code, name, activity, opened_on, wage_tyiyn";
        const PRODUCTION_COLUMNS: &str = "production_id, workshop_id, produced_on, whole_month, product, unit, \
             quantity, internal_quantity, transfer_price, inmates_fed";

        pub async fn create_facility(pool: &Pool<Db>, by: &Actor, f: &NewFacility) -> Result<i64> {
            let mut tx = pool.begin().await?;
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
            let mut tx = pool.begin().await?;
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
            let mut tx = pool.begin().await?;
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

        #[allow(clippy::too_many_arguments)]
        pub async fn add_asset(
            pool: &Pool<Db>,
            by: &Actor,
            workshop: i64,
            name: &str,
            funding_source: &str,
            value_tyiyn: i64,
            acquired_on: Date,
        ) -> Result<i64> {
            let mut tx = pool.begin().await?;
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
            let mut tx = pool.begin().await?;
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
            let mut tx = pool.begin().await?;
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
            let mut tx = pool.begin().await?;
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
            let mut tx = pool.begin().await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            sqlx::query(
                "INSERT INTO deduction_orders (inmate_id, kind, rate_bp, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
            )
            .bind(inmate)
            .bind(kind)
            .bind(rate_bp)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "kind": kind, "rate_bp": rate_bp });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "inmate.deduction", format!("inmate:{inmate}"), detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        pub async fn inmate_deductions(pool: &Pool<Db>, inmate: i64) -> Result<Vec<DeductionRow>> {
            Ok(sqlx::query_as(
                "SELECT inmate_id, kind, rate_bp FROM deduction_orders WHERE inmate_id = $1 ORDER BY deduction_order_id",
            )
            .bind(inmate)
            .fetch_all(pool)
            .await?)
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
                "SELECT d.inmate_id, d.kind, d.rate_bp FROM deduction_orders d \
                 WHERE d.inmate_id IN (SELECT a.inmate_id FROM work_assignments a WHERE a.workshop_id = $1 \
                     AND a.starts <= $3 AND (a.ends IS NULL OR a.ends >= $2)) \
                 ORDER BY d.inmate_id, d.deduction_order_id",
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
            let mut tx = pool.begin().await?;
            if payroll_closed(&mut tx, workshop, month).await? {
                return Err(StoreError::Conflict("payroll.closed"));
            }
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
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
            write_audit(&mut tx, slot, &AuditEntry::new(by, "timesheet.save", format!("workshop:{workshop}"), detail)).await?;
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
            let mut tx = pool.begin().await?;
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

        pub async fn record_production(pool: &Pool<Db>, by: &Actor, p: &NewProduction) -> Result<i64> {
            let mut tx = pool.begin().await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO production (workshop_id, produced_on, whole_month, product, unit, quantity, internal_quantity, \
                     transfer_price, inmates_fed, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING production_id",
            )
            .bind(p.workshop_id)
            .bind(p.produced_on)
            .bind(p.whole_month)
            .bind(&p.product)
            .bind(&p.unit)
            .bind(p.quantity)
            .bind(p.internal_quantity)
            .bind(p.transfer_price)
            .bind(p.inmates_fed)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({
                "workshop": p.workshop_id, "on": p.produced_on.to_string(), "product": p.product,
                "quantity": p.quantity, "internal_quantity": p.internal_quantity,
            });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "production.record", format!("production:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn production(pool: &Pool<Db>, workshop: i64, from: Date, to: Date) -> Result<Vec<ProductionRow>> {
            let sql = format!(
                "SELECT {PRODUCTION_COLUMNS} FROM production WHERE workshop_id = $1 AND produced_on >= $2 AND produced_on <= $3 \
                 ORDER BY produced_on, production_id"
            );
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(workshop).bind(from).bind(to).fetch_all(pool).await?)
        }

        pub async fn record_sale(pool: &Pool<Db>, by: &Actor, s: &NewSale) -> Result<i64> {
            let mut tx = pool.begin().await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let amount = s.quantity.checked_mul(s.unit_price).ok_or(StoreError::Conflict("sale.amount_too_large"))?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO sales (workshop_id, sold_on, customer, product, quantity, unit_price, amount_tyiyn, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING sale_id",
            )
            .bind(s.workshop_id)
            .bind(s.sold_on)
            .bind(&s.customer)
            .bind(&s.product)
            .bind(s.quantity)
            .bind(s.unit_price)
            .bind(amount)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "workshop": s.workshop_id, "customer": s.customer, "amount_tyiyn": amount });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "sale.record", format!("sale:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn sales(pool: &Pool<Db>, workshop: i64, from: Date, to: Date) -> Result<Vec<SaleRow>> {
            Ok(sqlx::query_as(
                "SELECT sale_id, workshop_id, sold_on, customer, product, quantity, unit_price, amount_tyiyn FROM sales \
                 WHERE workshop_id = $1 AND sold_on >= $2 AND sold_on <= $3 ORDER BY sold_on, sale_id",
            )
            .bind(workshop)
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?)
        }

        pub async fn record_cost(pool: &Pool<Db>, by: &Actor, c: &NewCost) -> Result<i64> {
            let mut tx = pool.begin().await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO costs (workshop_id, spent_on, category, description, amount_tyiyn, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING cost_id",
            )
            .bind(c.workshop_id)
            .bind(c.spent_on)
            .bind(&c.category)
            .bind(&c.description)
            .bind(c.amount_tyiyn)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "workshop": c.workshop_id, "category": c.category, "amount_tyiyn": c.amount_tyiyn });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "cost.record", format!("cost:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn costs(pool: &Pool<Db>, workshop: i64, from: Date, to: Date) -> Result<Vec<CostRow>> {
            Ok(sqlx::query_as(
                "SELECT cost_id, workshop_id, spent_on, category, description, amount_tyiyn FROM costs \
                 WHERE workshop_id = $1 AND spent_on >= $2 AND spent_on <= $3 ORDER BY spent_on, cost_id",
            )
            .bind(workshop)
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?)
        }

        /// Every workshop's money between two days, summed by workshop, day and kind.
        pub async fn money_lines(pool: &Pool<Db>, from: Date, to: Date) -> Result<Vec<MoneyLine>> {
            Ok(sqlx::query_as(
                "SELECT workshop_id, sold_on AS on_day, 'sale' AS kind, CAST(SUM(amount_tyiyn) AS BIGINT) AS amount_tyiyn \
                   FROM sales WHERE sold_on >= $1 AND sold_on <= $2 GROUP BY workshop_id, sold_on \
                 UNION ALL \
                 SELECT workshop_id, produced_on, 'internal', CAST(SUM(internal_quantity * transfer_price) AS BIGINT) \
                   FROM production WHERE produced_on >= $1 AND produced_on <= $2 GROUP BY workshop_id, produced_on \
                 UNION ALL \
                 SELECT workshop_id, spent_on, 'cost', CAST(SUM(amount_tyiyn) AS BIGINT) \
                   FROM costs WHERE spent_on >= $1 AND spent_on <= $2 GROUP BY workshop_id, spent_on \
                 UNION ALL \
                 SELECT workshop_id, month, 'wages', CAST(SUM(gross_tyiyn) AS BIGINT) \
                   FROM payroll_runs WHERE month >= $1 AND month <= $2 GROUP BY workshop_id, month",
            )
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?)
        }

        pub async fn add_commitment(
            pool: &Pool<Db>,
            by: &Actor,
            source: &str,
            purpose: &str,
            on: Date,
            amount: i64,
        ) -> Result<i64> {
            let mut tx = pool.begin().await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO funding_commitments (source, purpose, committed_on, amount_tyiyn, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING funding_commitment_id",
            )
            .bind(source)
            .bind(purpose)
            .bind(on)
            .bind(amount)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "source": source, "purpose": purpose, "amount_tyiyn": amount });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "funding.commit", format!("funding:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        /// Pays out part of a commitment; never more than what remains of it.
        pub async fn add_disbursement(
            pool: &Pool<Db>,
            by: &Actor,
            commitment: i64,
            facility: Option<i64>,
            on: Date,
            amount: i64,
        ) -> Result<i64> {
            let mut tx = pool.begin().await?;
            let committed: Option<i64> =
                sqlx::query_scalar("SELECT amount_tyiyn FROM funding_commitments WHERE funding_commitment_id = $1")
                    .bind(commitment)
                    .fetch_optional(&mut *tx)
                    .await?;
            let committed = committed.ok_or(StoreError::NotFound)?;
            let paid: i64 = sqlx::query_scalar(
                "SELECT CAST(COALESCE(SUM(amount_tyiyn), 0) AS BIGINT) FROM funding_disbursements WHERE funding_commitment_id = $1",
            )
            .bind(commitment)
            .fetch_one(&mut *tx)
            .await?;
            if paid.saturating_add(amount) > committed {
                return Err(StoreError::Conflict("funding.over_commitment"));
            }
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO funding_disbursements (funding_commitment_id, facility_id, disbursed_on, amount_tyiyn, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING funding_disbursement_id",
            )
            .bind(commitment)
            .bind(facility)
            .bind(on)
            .bind(amount)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "commitment": commitment, "facility": facility, "amount_tyiyn": amount });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "funding.disburse", format!("funding:{commitment}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn funding(pool: &Pool<Db>) -> Result<Vec<FundingRow>> {
            Ok(sqlx::query_as(
                "SELECT c.funding_commitment_id, c.source, c.purpose, c.committed_on, c.amount_tyiyn, \
                   CAST(COALESCE((SELECT SUM(d.amount_tyiyn) FROM funding_disbursements d \
                       WHERE d.funding_commitment_id = c.funding_commitment_id), 0) AS BIGINT) AS disbursed_tyiyn \
                 FROM funding_commitments c ORDER BY c.committed_on, c.funding_commitment_id",
            )
            .fetch_all(pool)
            .await?)
        }

        pub async fn create_course(pool: &Pool<Db>, by: &Actor, c: &NewCourse) -> Result<i64> {
            let mut tx = pool.begin().await?;
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
            let mut tx = pool.begin().await?;
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
            let mut tx = pool.begin().await?;
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
            let mut tx = pool.begin().await?;
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
            let mut tx = pool.begin().await?;
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

        /// The latest month with food output recorded, if any.
        pub async fn last_food_month(pool: &Pool<Db>) -> Result<Option<Date>> {
            Ok(sqlx::query_scalar("SELECT MAX(produced_on) FROM production WHERE inmates_fed > 0").fetch_one(pool).await?)
        }

        pub async fn add_enterprise_rules(pool: &Pool<Db>, by: &Actor, rules: &EnterpriseRules) -> Result<()> {
            let mut tx = pool.begin().await?;
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
