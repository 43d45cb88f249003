//! SQL for prison enterprises' production, sales, customers' orders and invoices, costs and
//! funding, compiled for each backend like `queries.rs` (and expanded in the same modules).

macro_rules! prison_trade_queries {
    () => {
        use crate::prison::{
            CostRow, FundingRow, InvoiceRow, MoneyLine, NewCost, NewOrder, NewProduction, NewSale, OrderLineRow, OrderRow,
            ProductionRow, SaleRow,
        };

        const PRODUCTION_COLUMNS: &str = "production_id, workshop_id, produced_on, whole_month, product, unit, \
             quantity, internal_quantity, transfer_price, inmates_fed";

        pub async fn record_production(pool: &Pool<Db>, by: &Actor, p: &NewProduction) -> Result<i64> {
            let mut tx = begin(pool).await?;
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
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let amount = s.quantity.checked_mul(s.unit_price).ok_or(StoreError::Conflict("sale.amount_too_large"))?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO sales (workshop_id, sold_on, customer, product, quantity, unit_price, amount_tyiyn, sale_ref, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING sale_id",
            )
            .bind(s.workshop_id)
            .bind(s.sold_on)
            .bind(&s.customer)
            .bind(&s.product)
            .bind(s.quantity)
            .bind(s.unit_price)
            .bind(amount)
            .bind(&s.sale_ref)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "workshop": s.workshop_id, "customer": s.customer, "amount_tyiyn": amount, "sale_ref": s.sale_ref });
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
            let mut tx = begin(pool).await?;
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
            let mut tx = begin(pool).await?;
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
            let mut tx = begin(pool).await?;
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

        pub async fn create_order(pool: &Pool<Db>, by: &Actor, o: &NewOrder) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO orders (workshop_id, customer, ordered_on, due_on, created_by, order_ref, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING order_id",
            )
            .bind(o.workshop_id)
            .bind(&o.customer)
            .bind(o.ordered_on)
            .bind(o.due_on)
            .bind(&by.name)
            .bind(o.reference.as_deref())
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            for (product, quantity, price) in &o.lines {
                sqlx::query(
                    "INSERT INTO order_lines (order_id, product, quantity, unit_price, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $5)",
                )
                .bind(id)
                .bind(product)
                .bind(quantity)
                .bind(price)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            let detail = serde_json::json!({
                "workshop": o.workshop_id, "customer": o.customer, "lines": o.lines.len(), "reference": o.reference,
            });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "order.create", format!("order:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        const WORKSHOP_ORDER_COLUMNS: &str = "o.order_id, o.workshop_id, o.customer, o.ordered_on, o.due_on, \
             CAST(COALESCE((SELECT SUM(l.quantity * l.unit_price) FROM order_lines l WHERE l.order_id = o.order_id), 0) AS BIGINT) AS ordered_tyiyn, \
             CAST(COALESCE((SELECT SUM(s.amount_tyiyn) FROM sales s JOIN order_lines l ON l.order_line_id = s.order_line_id \
                 WHERE l.order_id = o.order_id), 0) AS BIGINT) AS delivered_tyiyn, \
             CAST(COALESCE((SELECT SUM(i.amount_tyiyn) FROM invoices i WHERE i.order_id = o.order_id), 0) AS BIGINT) AS invoiced_tyiyn, \
             CAST(COALESCE((SELECT SUM(p.amount_tyiyn) FROM invoice_payments p JOIN invoices i ON i.invoice_id = p.invoice_id \
                 WHERE i.order_id = o.order_id), 0) AS BIGINT) AS paid_tyiyn";

        /// The orders of a workshop brought from files: (their number, id).
        /// A workshop's numbers of the sales brought from its files, with their ids.
        pub async fn sale_refs(pool: &Pool<Db>, workshop: i64) -> Result<Vec<(String, i64)>> {
            Ok(sqlx::query_as("SELECT sale_ref, sale_id FROM sales WHERE workshop_id = $1 AND sale_ref IS NOT NULL")
                .bind(workshop)
                .fetch_all(pool)
                .await?)
        }

        pub async fn order_refs(pool: &Pool<Db>, workshop: i64) -> Result<Vec<(String, i64)>> {
            Ok(sqlx::query_as("SELECT order_ref, order_id FROM orders WHERE workshop_id = $1 AND order_ref IS NOT NULL")
                .bind(workshop)
                .fetch_all(pool)
                .await?)
        }

        pub async fn orders(pool: &Pool<Db>, workshop: i64) -> Result<Vec<OrderRow>> {
            let sql = format!("SELECT {WORKSHOP_ORDER_COLUMNS} FROM orders o WHERE o.workshop_id = $1 ORDER BY o.ordered_on DESC, o.order_id DESC");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(workshop).fetch_all(pool).await?)
        }

        pub async fn order(pool: &Pool<Db>, id: i64) -> Result<OrderRow> {
            let sql = format!("SELECT {WORKSHOP_ORDER_COLUMNS} FROM orders o WHERE o.order_id = $1");
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?.ok_or(StoreError::NotFound)
        }

        pub async fn order_lines(pool: &Pool<Db>, order: i64) -> Result<Vec<OrderLineRow>> {
            Ok(sqlx::query_as(
                "SELECT l.order_line_id, l.order_id, l.product, l.quantity, l.unit_price, \
                   CAST(COALESCE((SELECT SUM(s.quantity) FROM sales s WHERE s.order_line_id = l.order_line_id), 0) AS BIGINT) AS delivered \
                 FROM order_lines l WHERE l.order_id = $1 ORDER BY l.order_line_id",
            )
            .bind(order)
            .fetch_all(pool)
            .await?)
        }

        /// Delivers part of an order line, recorded as a sale naming it; never more than remains.
        /// Takes the write lock of one row before a check that reads then writes: "never more
        /// than ordered, invoiced or owed" holds when two requests come at once. On
        /// PostgreSQL the no-op UPDATE locks the row until commit and the next statement reads
        /// what the transaction before committed; SQLite's writers take turns anyway. The same
        /// SQL on both (no `FOR UPDATE`, which SQLite does not know).
        async fn lock_row(conn: &mut Conn, table: &'static str, key: &'static str, id: i64) -> Result<()> {
            let sql = format!("UPDATE {table} SET updated_at = updated_at WHERE {key} = $1");
            let done = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).execute(&mut *conn).await?;
            if done.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
        }

        pub async fn deliver(pool: &Pool<Db>, by: &Actor, line: i64, on: Date, quantity: i64) -> Result<i64> {
            let mut tx = begin(pool).await?;
            lock_row(&mut tx, "order_lines", "order_line_id", line).await?;
            let found: Option<(i64, i64, String, i64, i64, String, i64)> = sqlx::query_as(
                "SELECT o.workshop_id, l.order_id, l.product, l.quantity, l.unit_price, o.customer, \
                   CAST(COALESCE((SELECT SUM(s.quantity) FROM sales s WHERE s.order_line_id = l.order_line_id), 0) AS BIGINT) \
                 FROM order_lines l JOIN orders o ON o.order_id = l.order_id WHERE l.order_line_id = $1",
            )
            .bind(line)
            .fetch_optional(&mut *tx)
            .await?;
            let (workshop, order, product, ordered, price, customer, delivered) = found.ok_or(StoreError::NotFound)?;
            if delivered.checked_add(quantity).is_none_or(|all| all > ordered) {
                return Err(StoreError::Conflict("order.over_delivery"));
            }
            let amount = quantity.checked_mul(price).ok_or(StoreError::Conflict("sale.amount_too_large"))?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO sales (workshop_id, sold_on, customer, product, quantity, unit_price, amount_tyiyn, order_line_id, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING sale_id",
            )
            .bind(workshop)
            .bind(on)
            .bind(&customer)
            .bind(&product)
            .bind(quantity)
            .bind(price)
            .bind(amount)
            .bind(line)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "line": line, "quantity": quantity, "amount_tyiyn": amount });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "order.deliver", format!("order:{order}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        /// Invoices what was delivered and not invoiced yet (`invoice.nothing_to_invoice` when nothing).
        pub async fn invoice(pool: &Pool<Db>, by: &Actor, order: i64, number: &str, on: Date) -> Result<i64> {
            let mut tx = begin(pool).await?;
            lock_row(&mut tx, "orders", "order_id", order).await?;
            let (delivered, invoiced): (i64, i64) = sqlx::query_as(
                "SELECT CAST(COALESCE((SELECT SUM(s.amount_tyiyn) FROM sales s JOIN order_lines l ON l.order_line_id = s.order_line_id \
                     WHERE l.order_id = $1), 0) AS BIGINT), \
                   CAST(COALESCE((SELECT SUM(i.amount_tyiyn) FROM invoices i WHERE i.order_id = $1), 0) AS BIGINT)",
            )
            .bind(order)
            .fetch_one(&mut *tx)
            .await?;
            let amount = delivered - invoiced;
            if amount <= 0 {
                return Err(StoreError::Conflict("invoice.nothing_to_invoice"));
            }
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO invoices (order_id, number, issued_on, amount_tyiyn, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING invoice_id",
            )
            .bind(order)
            .bind(number)
            .bind(on)
            .bind(amount)
            .bind(&by.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "number": number, "amount_tyiyn": amount });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "order.invoice", format!("order:{order}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn invoices(pool: &Pool<Db>, order: i64) -> Result<Vec<InvoiceRow>> {
            Ok(sqlx::query_as(
                "SELECT i.invoice_id, i.order_id, i.number, i.issued_on, i.amount_tyiyn, \
                   CAST(COALESCE((SELECT SUM(p.amount_tyiyn) FROM invoice_payments p WHERE p.invoice_id = i.invoice_id), 0) AS BIGINT) AS paid_tyiyn \
                 FROM invoices i WHERE i.order_id = $1 ORDER BY i.issued_on, i.invoice_id",
            )
            .bind(order)
            .fetch_all(pool)
            .await?)
        }

        /// Records a payment of an invoice. The same bank reference again is the same payment:
        /// nothing new is recorded (`false`); never more than what is owed.
        pub async fn pay_invoice(
            pool: &Pool<Db>,
            by: &Actor,
            invoice: i64,
            on: Date,
            amount: i64,
            reference: &str,
        ) -> Result<bool> {
            let mut tx = begin(pool).await?;
            lock_row(&mut tx, "invoices", "invoice_id", invoice).await?;
            let existing: Option<i64> = sqlx::query_scalar(
                "SELECT amount_tyiyn FROM invoice_payments WHERE invoice_id = $1 AND reference = $2",
            )
            .bind(invoice)
            .bind(reference)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(paid) = existing {
                return if paid == amount { Ok(false) } else { Err(StoreError::Conflict("payment.reference_reused")) };
            }
            let (total, paid): (i64, i64) = sqlx::query_as(
                "SELECT i.amount_tyiyn, CAST(COALESCE((SELECT SUM(p.amount_tyiyn) FROM invoice_payments p \
                     WHERE p.invoice_id = i.invoice_id), 0) AS BIGINT) FROM invoices i WHERE i.invoice_id = $1",
            )
            .bind(invoice)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
            if paid.checked_add(amount).is_none_or(|all| all > total) {
                return Err(StoreError::Conflict("invoice.overpaid"));
            }
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            sqlx::query(
                "INSERT INTO invoice_payments (invoice_id, paid_on, amount_tyiyn, reference, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .bind(invoice)
            .bind(on)
            .bind(amount)
            .bind(reference)
            .bind(&by.name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "amount_tyiyn": amount, "reference": reference });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "invoice.pay", format!("invoice:{invoice}"), detail)).await?;
            tx.commit().await?;
            Ok(true)
        }

        pub async fn invoice_by_id(pool: &Pool<Db>, id: i64) -> Result<InvoiceRow> {
            sqlx::query_as(
                "SELECT i.invoice_id, i.order_id, i.number, i.issued_on, i.amount_tyiyn, \
                   CAST(COALESCE((SELECT SUM(p.amount_tyiyn) FROM invoice_payments p WHERE p.invoice_id = i.invoice_id), 0) AS BIGINT) AS paid_tyiyn \
                 FROM invoices i WHERE i.invoice_id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?
            .ok_or(StoreError::NotFound)
        }
    };
}

pub(crate) use prison_trade_queries;
