//! SQL for monitoring a contract's business: monthly reports with their receipts, field
//! visits and the monitoring list, compiled for each backend like `queries.rs` (and expanded in
//! the same modules).

macro_rules! monitoring_queries {
    () => {
        use crate::programmes::{FieldVisitRow, MonitoredContract, MonthlyReportRow, ReceiptRow};

        pub async fn add_report(pool: &Pool<Db>, by: &Actor, report: &crate::programmes::NewReport<'_>) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let id = report_in(&mut tx, by, report, OffsetDateTime::now_utc()).await?;
            tx.commit().await?;
            Ok(id)
        }

        /// Adds many monthly reports in one transaction, each with its own audit line: all of
        /// them, or none.
        /// The reports go in a few hundred to a statement, their audit lines likewise
        /// (`write_audits`).
        pub async fn add_reports(pool: &Pool<Db>, by: &Actor, reports: &[crate::programmes::NewReport<'_>]) -> Result<()> {
            let mut tx = begin(pool).await?;
            let now = OffsetDateTime::now_utc();
            for chunk in reports.chunks(crate::audit::AUDIT_ROWS) {
                let mut query = QueryBuilder::<Db>::new(
                    "INSERT INTO monthly_reports (contract_id, month, revenue_tyiyn, costs_tyiyn, jobs, purchases_json, receipts, \
                     created_by, created_at, updated_at) ",
                );
                query.push_values(chunk, |mut b, r| {
                    b.push_bind(r.contract_id)
                        .push_bind(r.month)
                        .push_bind(r.revenue)
                        .push_bind(r.costs)
                        .push_bind(r.jobs)
                        .push_bind(r.purchases_json)
                        .push_bind(r.receipts)
                        .push_bind(&by.name)
                        .push_bind(now)
                        .push_bind(now);
                });
                query.build().execute(&mut *tx).await?;
            }
            let entries: Vec<AuditEntry> = reports.iter().map(|r| report_audit(by, r)).collect();
            write_audits(&mut tx, &entries).await?;
            tx.commit().await?;
            Ok(())
        }

        /// A monthly report's audit line.
        fn report_audit(by: &Actor, report: &crate::programmes::NewReport<'_>) -> AuditEntry {
            let &crate::programmes::NewReport { contract_id, month, revenue, costs, jobs, .. } = report;
            let detail = serde_json::json!({ "month": month.to_string(), "revenue": revenue, "costs": costs, "jobs": jobs });
            AuditEntry::new(by, "monitoring.report", format!("contract:{contract_id}"), detail)
        }

        /// A monthly report and its audit line, in the transaction of `conn`.
        async fn report_in(conn: &mut Conn, by: &Actor, report: &crate::programmes::NewReport<'_>, now: OffsetDateTime) -> Result<i64> {
            let &crate::programmes::NewReport { contract_id, month, revenue, costs, jobs, purchases_json, receipts } = report;
            let slot = reserve_audit(&mut *conn).await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO monthly_reports (contract_id, month, revenue_tyiyn, costs_tyiyn, jobs, purchases_json, receipts, created_by, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING monthly_report_id",
            )
            .bind(contract_id)
            .bind(month)
            .bind(revenue)
            .bind(costs)
            .bind(jobs)
            .bind(purchases_json)
            .bind(receipts)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?;
            write_audit(&mut *conn, slot, &report_audit(by, report)).await?;
            Ok(id)
        }

        /// The months these contracts have reported, with their figures: (contract, month,
        /// revenue, costs, jobs), in one query.
        pub async fn reported_months(pool: &Pool<Db>, contract_ids: &[i64]) -> Result<Vec<(i64, time::Date, i64, i64, i64)>> {
            let mut found = Vec::new();
            for chunk in contract_ids.chunks(crate::audit::AUDIT_ROWS) {
                let mut query = QueryBuilder::<Db>::new(
                    "SELECT contract_id, month, revenue_tyiyn, costs_tyiyn, jobs FROM monthly_reports WHERE contract_id IN (",
                );
                let mut each = query.separated(", ");
                for id in chunk {
                    each.push_bind(*id);
                }
                query.push(")");
                found.extend(query.build_query_as::<(i64, time::Date, i64, i64, i64)>().fetch_all(pool).await?);
            }
            Ok(found)
        }

        pub async fn reports(pool: &Pool<Db>, contract_id: i64) -> Result<Vec<MonthlyReportRow>> {
            Ok(sqlx::query_as(
                "SELECT monthly_report_id, contract_id, month, revenue_tyiyn, costs_tyiyn, jobs, purchases_json, receipts, created_by \
                 FROM monthly_reports WHERE contract_id = $1 ORDER BY month",
            )
            .bind(contract_id)
            .fetch_all(pool)
            .await?)
        }

        /// Attaches a receipt to a monthly report. The same file attached again is the same
        /// receipt: its id comes back and nothing is stored twice.
        pub async fn add_receipt(
            pool: &Pool<Db>,
            by: &Actor,
            report_id: i64,
            file_name: &str,
            content_type: &str,
            content: &[u8],
        ) -> Result<i64> {
            use sha2::{Digest, Sha256};
            let digest = hex::encode(Sha256::digest(content));
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let inserted: Option<i64> = sqlx::query_scalar(
                "INSERT INTO report_receipts (monthly_report_id, file_name, content_type, size_bytes, sha256, content, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (monthly_report_id, sha256) DO NOTHING RETURNING report_receipt_id",
            )
            .bind(report_id)
            .bind(file_name)
            .bind(content_type)
            .bind(content.len() as i64)
            .bind(&digest)
            .bind(content)
            .bind(&by.name)
            .bind(OffsetDateTime::now_utc())
            .fetch_optional(&mut *tx)
            .await?;
            let Some(id) = inserted else {
                tx.rollback().await?;
                return Ok(sqlx::query_scalar(
                    "SELECT report_receipt_id FROM report_receipts WHERE monthly_report_id = $1 AND sha256 = $2",
                )
                .bind(report_id)
                .bind(&digest)
                .fetch_one(pool)
                .await?);
            };
            let detail = serde_json::json!({ "receipt": id, "name": file_name, "type": content_type, "bytes": content.len(), "sha256": digest });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "monitoring.receipt", format!("report:{report_id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        /// The receipts of a contract's reports, without their content.
        pub async fn receipts(pool: &Pool<Db>, contract_id: i64) -> Result<Vec<ReceiptRow>> {
            Ok(sqlx::query_as(
                "SELECT r.report_receipt_id, r.monthly_report_id, r.file_name, r.content_type, r.size_bytes, r.created_by \
                 FROM report_receipts r JOIN monthly_reports m ON m.monthly_report_id = r.monthly_report_id \
                 WHERE m.contract_id = $1 ORDER BY r.report_receipt_id",
            )
            .bind(contract_id)
            .fetch_all(pool)
            .await?)
        }

        /// A receipt with its content, and the contract it belongs to (for the reader's scope).
        pub async fn receipt(pool: &Pool<Db>, id: i64) -> Result<(ReceiptRow, i64, Vec<u8>)> {
            let (contract_id, content): (i64, Vec<u8>) = sqlx::query_as(
                "SELECT m.contract_id, r.content FROM report_receipts r \
                 JOIN monthly_reports m ON m.monthly_report_id = r.monthly_report_id WHERE r.report_receipt_id = $1",
            )
            .bind(id)
            .fetch_one(pool)
            .await?;
            let row = sqlx::query_as(
                "SELECT report_receipt_id, monthly_report_id, file_name, content_type, size_bytes, created_by \
                 FROM report_receipts WHERE report_receipt_id = $1",
            )
            .bind(id)
            .fetch_one(pool)
            .await?;
            Ok((row, contract_id, content))
        }

        /// The contract a monthly report belongs to.
        pub async fn report_contract(pool: &Pool<Db>, report_id: i64) -> Result<i64> {
            Ok(sqlx::query_scalar("SELECT contract_id FROM monthly_reports WHERE monthly_report_id = $1")
                .bind(report_id)
                .fetch_one(pool)
                .await?)
        }

        pub async fn add_visit(pool: &Pool<Db>, by: &Actor, contract_id: i64, visited_on: time::Date, outcome: &str, reasons: &str) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO field_visits (contract_id, visited_on, outcome, reasons, visitor, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING field_visit_id",
            )
            .bind(contract_id)
            .bind(visited_on)
            .bind(outcome)
            .bind(reasons)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            write_audit(&mut tx, slot, &visit_audit(by, contract_id, visited_on, outcome, reasons)).await?;
            tx.commit().await?;
            Ok(id)
        }

        /// A field visit's audit line.
        fn visit_audit(by: &Actor, contract_id: i64, visited_on: time::Date, outcome: &str, reasons: &str) -> AuditEntry {
            let detail = serde_json::json!({ "visited_on": visited_on.to_string(), "outcome": outcome, "reasons": reasons });
            AuditEntry::new(by, "monitoring.visit", format!("contract:{contract_id}"), detail)
        }

        /// The visits go in a few hundred to a statement, their audit lines likewise.
        pub async fn add_visits(pool: &Pool<Db>, by: &Actor, visits: &[crate::programmes::NewVisit]) -> Result<()> {
            let mut tx = begin(pool).await?;
            let now = OffsetDateTime::now_utc();
            for chunk in visits.chunks(crate::audit::AUDIT_ROWS) {
                let mut query = QueryBuilder::<Db>::new(
                    "INSERT INTO field_visits (contract_id, visited_on, outcome, reasons, visitor, created_at, updated_at) ",
                );
                query.push_values(chunk, |mut b, v| {
                    b.push_bind(v.contract_id)
                        .push_bind(v.visited_on)
                        .push_bind(&v.outcome)
                        .push_bind(&v.reasons)
                        .push_bind(&by.name)
                        .push_bind(now)
                        .push_bind(now);
                });
                query.build().execute(&mut *tx).await?;
            }
            let entries: Vec<AuditEntry> =
                visits.iter().map(|v| visit_audit(by, v.contract_id, v.visited_on, &v.outcome, &v.reasons)).collect();
            write_audits(&mut tx, &entries).await?;
            tx.commit().await?;
            Ok(())
        }

        pub async fn visits_of(pool: &Pool<Db>, contract_ids: &[i64]) -> Result<Vec<FieldVisitRow>> {
            let mut found = Vec::new();
            for chunk in contract_ids.chunks(crate::audit::AUDIT_ROWS) {
                let mut query = QueryBuilder::<Db>::new(
                    "SELECT field_visit_id, contract_id, visited_on, outcome, reasons, visitor FROM field_visits \
                     WHERE contract_id IN (",
                );
                let mut each = query.separated(", ");
                for id in chunk {
                    each.push_bind(*id);
                }
                query.push(") ORDER BY contract_id, visited_on");
                found.extend(query.build_query_as::<FieldVisitRow>().fetch_all(pool).await?);
            }
            Ok(found)
        }

        pub async fn visits(pool: &Pool<Db>, contract_id: i64) -> Result<Vec<FieldVisitRow>> {
            Ok(sqlx::query_as(
                "SELECT field_visit_id, contract_id, visited_on, outcome, reasons, visitor FROM field_visits WHERE contract_id = $1 ORDER BY visited_on",
            )
            .bind(contract_id)
            .fetch_all(pool)
            .await?)
        }

        /// The call's running and completed contracts within reach, with the months each reported.
        pub async fn monitored(pool: &Pool<Db>, call_id: i64, areas: &emgek_domain::access::Areas) -> Result<Vec<MonitoredContract>> {
            let mut q = QueryBuilder::<Db>::new(
                "SELECT c.contract_id, c.application_id, c.number, c.status, c.grant_tyiyn, c.term_months, c.extended_months, c.starts, \
                 a.oblast_code, a.rayon_code FROM contracts c JOIN applications a ON a.application_id = c.application_id \
                 WHERE a.call_id = ",
            );
            q.push_bind(call_id);
            q.push(" AND c.status IN ('active', 'completed') AND c.starts IS NOT NULL");
            push_places(&mut q, "a", Some(areas));
            q.push(" ORDER BY c.contract_id");
            #[derive(sqlx::FromRow)]
            struct Row {
                #[sqlx(flatten)]
                contract: ContractRow,
                oblast_code: String,
                rayon_code: String,
            }
            let rows: Vec<Row> = q.build_query_as().fetch_all(pool).await?;
            let months: Vec<(i64, time::Date)> = sqlx::query_as(
                "SELECT r.contract_id, r.month FROM monthly_reports r JOIN contracts c ON c.contract_id = r.contract_id \
                 JOIN applications a ON a.application_id = c.application_id WHERE a.call_id = $1",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await?;
            let mut by_contract: std::collections::HashMap<i64, Vec<time::Date>> = std::collections::HashMap::new();
            for (c, m) in months {
                by_contract.entry(c).or_default().push(m);
            }
            Ok(rows
                .into_iter()
                .map(|r| MonitoredContract {
                    reported: by_contract.remove(&r.contract.contract_id).unwrap_or_default(),
                    contract: r.contract,
                    oblast: r.oblast_code,
                    rayon: r.rayon_code,
                })
                .collect())
        }
    };
}

pub(crate) use monitoring_queries;
