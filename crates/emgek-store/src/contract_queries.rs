//! SQL for contracts, payment orders, refunds and graduations, compiled for each backend like
//! `queries.rs` (and expanded in the same modules).

macro_rules! contract_queries {
    () => {
        use emgek_domain::social_contract::contract::Contract;
        use crate::programmes::{
            BankLine, ContractAtHand, ContractContext, PaymentOrderRow,
        };

        async fn contract_in(conn: &mut Conn, id: i64) -> Result<ContractRow> {
            sqlx::query_as(
                "SELECT contract_id, application_id, number, status, grant_tyiyn, term_months, extended_months, starts \
                 FROM contracts WHERE contract_id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(StoreError::NotFound)
        }

        pub async fn contract_context(pool: &Pool<Db>, id: i64) -> Result<ContractContext> {
            let mut conn = pool.acquire().await?;
            let contract = contract_in(&mut conn, id).await?;
            let (programme_id, household_id, oblast, rayon, rules_from): (i64, i64, String, String, Option<time::Date>) = sqlx::query_as(
                "SELECT c.programme_id, a.household_id, a.oblast_code, a.rayon_code, a.rules_effective_from \
                 FROM applications a JOIN calls c ON c.call_id = a.call_id WHERE a.application_id = $1",
            )
            .bind(contract.application_id)
            .fetch_one(&mut *conn)
            .await?;
            Ok(ContractContext { contract, programme_id, household_id, oblast, rayon, rules_from })
        }

        async fn write_contract(conn: &mut Conn, id: i64, c: &Contract) -> Result<()> {
            sqlx::query("UPDATE contracts SET status = $1, extended_months = $2, starts = $3, updated_at = $4 WHERE contract_id = $5")
                .bind(status_code(c.status))
                .bind(i64::from(c.extended_months))
                .bind(c.starts)
                .bind(OffsetDateTime::now_utc())
                .bind(id)
                .execute(&mut *conn)
                .await?;
            Ok(())
        }

        /// Whether the contract's termination (and its refund claim) is under an open appeal.
        async fn termination_appealed(conn: &mut Conn, contract_id: i64) -> Result<bool> {
            let open: Option<i64> = sqlx::query_scalar(
                "SELECT p.appeal_id FROM appeals p JOIN contracts k ON k.application_id = p.application_id \
                 WHERE k.contract_id = $1 AND p.contested = 'termination' AND p.status = 'lodged'",
            )
            .bind(contract_id)
            .fetch_optional(&mut *conn)
            .await?;
            Ok(open.is_some())
        }

        /// Saves a contract the domain moved on (signed, extended) when no money moves with it.
        pub async fn update_contract(pool: &Pool<Db>, by: &Actor, id: i64, c: &Contract, action: &str, reason: &str) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let before = contract_in(&mut tx, id).await?;
            write_contract(&mut tx, id, c).await?;
            let detail = serde_json::json!({ "before": before.status, "after": status_code(c.status), "extended_months": c.extended_months, "reason": reason });
            write_audit(&mut tx, slot, &AuditEntry::new(by, action, format!("contract:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        /// Ends a contract early: what was promised and not paid goes back to the budget; after a
        /// violation, what was paid is claimed back.
        pub async fn terminate_contract(pool: &Pool<Db>, by: &Actor, ending: &crate::programmes::Ending<'_>) -> Result<i64> {
            let &crate::programmes::Ending { contract_id: id, contract: c, programme_id, violation, reason, on, told } = ending;
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let mut ledger = contract_ledger_in(&mut tx, id).await?;
            let now = OffsetDateTime::now_utc();
            let mut postings = Vec::new();
            let committed = ledger.contract_balance(id, Account::Committed);
            if committed > 0 {
                ledger.release(id, committed).map_err(|_| StoreError::Conflict("ledger.insufficient"))?;
                postings.push(ledger.postings().last().cloned().expect("just posted"));
            }
            let disbursed = ledger.contract_balance(id, Account::Disbursed);
            let claimed = if violation && disbursed > 0 {
                ledger.claim_refund(id, disbursed).map_err(|_| StoreError::Conflict("ledger.insufficient"))?;
                postings.push(ledger.postings().last().cloned().expect("just posted"));
                sqlx::query(
                    "INSERT INTO refund_claims (contract_id, amount_tyiyn, repaid_tyiyn, reason, claimed_on, created_at, updated_at) \
                     VALUES ($1, $2, 0, $3, $4, $5, $5)",
                )
                .bind(id)
                .bind(disbursed)
                .bind(reason)
                .bind(on)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                insert_notices(&mut tx, told).await?;
                disbursed
            } else {
                0
            };
            for p in &postings {
                insert_posting(&mut tx, programme_id, p, None, &by.name, now).await?;
            }
            write_contract(&mut tx, id, c).await?;
            sqlx::query("UPDATE contracts SET terminated_on = $1, terminated_by = $2, termination = $3 WHERE contract_id = $4")
                .bind(on.unwrap_or(now.date()))
                .bind(&by.name)
                .bind(if violation { "violation" } else { "agreement" })
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let detail = serde_json::json!({ "violation": violation, "reason": reason, "released": committed, "refund_claimed": claimed, "on": on });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "contract.terminate", format!("contract:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(claimed)
        }

        /// Completes a contract and graduates the family: its need-based benefit ends and its
        /// right to it is limited until `limited_until`.
        pub async fn complete_contract(pool: &Pool<Db>, by: &Actor, done: &crate::programmes::Completion) -> Result<()> {
            complete_contracts(pool, by, std::slice::from_ref(done)).await
        }

        /// Completes many contracts in one transaction: all, or none.
        /// Contracts completed and their families graduated, a few hundred to a statement: what
        /// each grant still commits released, the contracts and their graduations written, the
        /// households' benefit ended (in their history), and an audit entry each.
        pub async fn complete_contracts(pool: &Pool<Db>, by: &Actor, done: &[crate::programmes::Completion]) -> Result<()> {
            let mut tx = begin(pool).await?;
            let now = OffsetDateTime::now_utc();
            let mut entries = Vec::with_capacity(done.len());
            for chunk in done.chunks(crate::audit::AUDIT_ROWS) {
                let ids: Vec<i64> = chunk.iter().map(|d| d.contract_id).collect();
                let mut ledgers = contract_ledgers_in(&mut tx, &ids).await?;
                let mut postings = Vec::new();
                let mut released = Vec::with_capacity(chunk.len());
                for d in chunk {
                    let mut ledger = ledgers
                        .remove(&d.contract_id)
                        .unwrap_or_else(|| emgek_domain::social_contract::ledger::Ledger::of_contract(d.contract_id, Vec::new()));
                    let committed = ledger.contract_balance(d.contract_id, Account::Committed);
                    if committed > 0 {
                        ledger.release(d.contract_id, committed).map_err(|_| StoreError::Conflict("ledger.insufficient"))?;
                        let p = ledger.postings().last().cloned().ok_or_else(|| StoreError::Corrupt("release not posted".into()))?;
                        postings.push((d.programme_id, p, None));
                    }
                    released.push(committed);
                }
                insert_keyed_postings(&mut tx, &postings, &by.name, now).await?;
                let mut contracts = QueryBuilder::<Db>::new(
                    "UPDATE contracts SET status = v.column2, extended_months = v.column3, starts = v.column4, \
                     updated_at = v.column5 FROM (",
                );
                contracts.push_values(chunk, |mut b, d| {
                    b.push_bind(d.contract_id)
                        .push_bind(status_code(d.contract.status))
                        .push_bind(i64::from(d.contract.extended_months))
                        .push_bind(d.contract.starts)
                        .push_bind(now);
                });
                contracts.push(") AS v WHERE contracts.contract_id = v.column1");
                contracts.build().execute(&mut *tx).await?;
                let mut graduations = QueryBuilder::<Db>::new(
                    "INSERT INTO graduations (contract_id, household_id, graduated_on, benefit_limited_until, created_at, updated_at) ",
                );
                graduations.push_values(chunk, |mut b, d| {
                    b.push_bind(d.contract_id)
                        .push_bind(d.household_id)
                        .push_bind(d.on)
                        .push_bind(d.limited_until)
                        .push_bind(now)
                        .push_bind(now);
                });
                graduations.build().execute(&mut *tx).await?;
                // The families on the benefit leave it, each once.
                let mut households: Vec<i64> = chunk.iter().map(|d| d.household_id).collect();
                households.sort_unstable();
                households.dedup();
                let on_benefit: Vec<HouseholdRecord> =
                    households_in(&mut tx, &households).await?.into_iter().filter(|h| h.fields.benefit.is_some()).collect();
                if !on_benefit.is_empty() {
                    let mut ended = QueryBuilder::<Db>::new(
                        "UPDATE households SET benefit_since = NULL, benefit_monthly_tyiyn = NULL, updated_at = ",
                    );
                    ended.push_bind(now).push(" WHERE household_id IN (");
                    let mut each = ended.separated(", ");
                    for h in &on_benefit {
                        each.push_bind(h.id);
                    }
                    ended.push(")");
                    ended.build().execute(&mut *tx).await?;
                    let mut changes = QueryBuilder::<Db>::new(
                        "INSERT INTO household_changes (household_id, actor, source, what, before_json, after_json, created_at, updated_at) ",
                    );
                    changes.push_values(&on_benefit, |mut b, h| {
                        let mut after = h.fields.clone();
                        after.benefit = None;
                        b.push_bind(h.id)
                            .push_bind(&by.name)
                            .push_bind(by.source.code())
                            .push_bind("household.update")
                            .push_bind(snapshot_household(&h.fields).to_string())
                            .push_bind(snapshot_household(&after).to_string())
                            .push_bind(now)
                            .push_bind(now);
                    });
                    changes.build().execute(&mut *tx).await?;
                }
                for (d, committed) in chunk.iter().zip(released) {
                    let detail = serde_json::json!({
                        "graduated_on": d.on.to_string(), "benefit_limited_until": d.limited_until.to_string(), "released": committed,
                    });
                    entries.push(AuditEntry::new(by, "contract.complete", format!("contract:{}", d.contract_id), detail));
                }
            }
            write_audits(&mut tx, &entries).await?;
            tx.commit().await?;
            Ok(())
        }

        /// The ledgers of these contracts (their balances), in one statement.
        async fn contract_ledgers_in(
            conn: &mut Conn,
            ids: &[i64],
        ) -> Result<std::collections::HashMap<i64, emgek_domain::social_contract::ledger::Ledger>> {
            let mut query = QueryBuilder::<Db>::new(
                "SELECT contract_id, account, CAST(SUM(amount) AS BIGINT) FROM ( \
                   SELECT contract_id, to_account AS account, amount_tyiyn AS amount FROM ledger_postings WHERE contract_id IN (",
            );
            let mut each = query.separated(", ");
            for id in ids {
                each.push_bind(*id);
            }
            query.push(") UNION ALL SELECT contract_id, from_account, -amount_tyiyn FROM ledger_postings WHERE contract_id IN (");
            let mut each = query.separated(", ");
            for id in ids {
                each.push_bind(*id);
            }
            query.push(")) moves GROUP BY contract_id, account");
            let rows: Vec<(i64, String, i64)> = query.build_query_as().fetch_all(&mut *conn).await?;
            let mut balances: std::collections::HashMap<i64, Vec<(Account, i64)>> = std::collections::HashMap::new();
            for (id, account, amount) in rows {
                let account = serde_json::from_value::<Account>(serde_json::Value::String(account))
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                balances.entry(id).or_default().push((account, amount));
            }
            Ok(balances
                .into_iter()
                .map(|(id, b)| (id, emgek_domain::social_contract::ledger::Ledger::of_contract(id, b)))
                .collect())
        }

        const ORDER_COLUMNS: &str = "payment_order_id, contract_id, tranche_no, amount_tyiyn, status, idempotency_key, bank_reference";

        /// Orders a tranche. A request repeated with the same key returns the first order and
        /// orders nothing new: a retried request never pays twice.
        pub async fn request_payment(pool: &Pool<Db>, by: &Actor, contract_id: i64, tranche_no: i64, amount: i64, key: &str) -> Result<(PaymentOrderRow, bool)> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let sql = format!("SELECT {ORDER_COLUMNS} FROM payment_orders WHERE idempotency_key = $1");
            let existing: Option<PaymentOrderRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(key).fetch_optional(&mut *tx).await?;
            if let Some(order) = existing {
                if order.contract_id != contract_id || order.tranche_no != tranche_no {
                    return Err(StoreError::Conflict("payment.key_reused"));
                }
                return Ok((order, false));
            }
            let now = OffsetDateTime::now_utc();
            let sql = format!(
                "INSERT INTO payment_orders (contract_id, tranche_no, amount_tyiyn, status, idempotency_key, bank_reference, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'ordered', $4, '', $5, $5) RETURNING {ORDER_COLUMNS}"
            );
            let order: PaymentOrderRow = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(contract_id)
                .bind(tranche_no)
                .bind(amount)
                .bind(key)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            let detail = serde_json::json!({ "contract": contract_id, "tranche": tranche_no, "amount": amount, "key": key });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "payment.order", format!("payment:{}", order.payment_order_id), detail)).await?;
            tx.commit().await?;
            Ok((order, true))
        }

        /// The programme an order pays for.
        pub async fn payment_facts(pool: &Pool<Db>, order_id: i64) -> Result<crate::programmes::PaymentFacts> {
            sqlx::query_as(
                "SELECT ca.programme_id, a.household_id, c.number AS contract_number, o.amount_tyiyn FROM payment_orders o \
                 JOIN contracts c ON c.contract_id = o.contract_id JOIN applications a ON a.application_id = c.application_id \
                 JOIN calls ca ON ca.call_id = a.call_id WHERE o.payment_order_id = $1",
            )
            .bind(order_id)
            .fetch_optional(pool)
            .await?
            .ok_or(StoreError::NotFound)
        }

        pub async fn payment_programme(pool: &Pool<Db>, order_id: i64) -> Result<i64> {
            sqlx::query_scalar(
                "SELECT ca.programme_id FROM payment_orders o JOIN contracts c ON c.contract_id = o.contract_id \
                 JOIN applications a ON a.application_id = c.application_id JOIN calls ca ON ca.call_id = a.call_id \
                 WHERE o.payment_order_id = $1",
            )
            .bind(order_id)
            .fetch_optional(pool)
            .await?
            .ok_or(StoreError::NotFound)
        }

        pub async fn payment_orders(pool: &Pool<Db>, contract_id: i64) -> Result<Vec<PaymentOrderRow>> {
            let sql = format!("SELECT {ORDER_COLUMNS} FROM payment_orders WHERE contract_id = $1 ORDER BY payment_order_id");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(contract_id).fetch_all(pool).await?)
        }

        /// The payment orders of these contracts, in one query.
        pub async fn payment_orders_of(pool: &Pool<Db>, contract_ids: &[i64]) -> Result<Vec<PaymentOrderRow>> {
            let mut found = Vec::new();
            for chunk in contract_ids.chunks(crate::audit::AUDIT_ROWS) {
                let mut query = QueryBuilder::<Db>::new(format!("SELECT {ORDER_COLUMNS} FROM payment_orders WHERE contract_id IN ("));
                let mut each = query.separated(", ");
                for id in chunk {
                    each.push_bind(*id);
                }
                query.push(") ORDER BY payment_order_id");
                found.extend(query.build_query_as::<PaymentOrderRow>().fetch_all(pool).await?);
            }
            Ok(found)
        }

        /// The orders not yet sent to the bank, marked as sent: the lines of the bank's file.
        pub async fn take_bank_file(pool: &Pool<Db>, by: &Actor) -> Result<Vec<BankLine>> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let rows: Vec<(i64, String, i64, i64)> = sqlx::query_as(
                "SELECT o.payment_order_id, c.number, o.amount_tyiyn, a.household_id FROM payment_orders o \
                 JOIN contracts c ON c.contract_id = o.contract_id JOIN applications a ON a.application_id = c.application_id \
                 WHERE o.status = 'ordered' ORDER BY o.payment_order_id",
            )
            .fetch_all(&mut *tx)
            .await?;
            let mut lines = Vec::with_capacity(rows.len());
            for (order, number, amount, household) in rows {
                let recipient: Option<String> = sqlx::query_scalar(
                    "SELECT full_name FROM members WHERE household_id = $1 ORDER BY CASE WHEN relation = 'head' THEN 0 ELSE 1 END, member_id LIMIT 1",
                )
                .bind(household)
                .fetch_optional(&mut *tx)
                .await?;
                sqlx::query("UPDATE payment_orders SET status = 'sent', updated_at = $1 WHERE payment_order_id = $2")
                    .bind(OffsetDateTime::now_utc())
                    .bind(order)
                    .execute(&mut *tx)
                    .await?;
                lines.push(BankLine { payment_order_id: order, contract_number: number, recipient: recipient.unwrap_or_default(), amount_tyiyn: amount });
            }
            let detail = serde_json::json!({ "orders": lines.len() });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "payment.bank_file", "payments", detail)).await?;
            tx.commit().await?;
            Ok(lines)
        }

        /// The bank's word on an order: paid (the grant is disbursed in the ledger and, for the
        /// first tranche, the contract's term starts) or failed. Confirming twice changes nothing.
        pub async fn confirm_payment(pool: &Pool<Db>, by: &Actor, c: &crate::programmes::Confirmation<'_>) -> Result<PaymentOrderRow> {
            let &crate::programmes::Confirmation { order_id, paid, bank_reference, programme_id, on, told } = c;
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let sql = format!("SELECT {ORDER_COLUMNS} FROM payment_orders WHERE payment_order_id = $1");
            let order: PaymentOrderRow = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(order_id).fetch_optional(&mut *tx).await?.ok_or(StoreError::NotFound)?;
            let wanted = if paid { "paid" } else { "failed" };
            if order.status == wanted {
                return Ok(order);
            }
            if order.status != "sent" && order.status != "ordered" {
                return Err(StoreError::Conflict("payment.already_settled"));
            }
            let now = OffsetDateTime::now_utc();
            if paid {
                let mut ledger = contract_ledger_in(&mut tx, order.contract_id).await?;
                ledger.pay(order.contract_id, order.amount_tyiyn).map_err(|_| StoreError::Conflict("ledger.insufficient"))?;
                let p = ledger.postings().last().cloned().expect("just posted");
                insert_posting(&mut tx, programme_id, &p, Some(&format!("payment:{order_id}")), &by.name, now).await?;
                let contract = contract_in(&mut tx, order.contract_id).await?;
                if contract.status == "signed" {
                    let active = as_contract(&contract)?.activate(on).map_err(|e| StoreError::Conflict(e.rule()))?;
                    write_contract(&mut tx, order.contract_id, &active).await?;
                }
                insert_notices(&mut tx, told).await?;
            }
            sqlx::query("UPDATE payment_orders SET status = $1, bank_reference = $2, updated_at = $3, \
                 paid_on = CASE WHEN $1 = 'paid' THEN $5 ELSE paid_on END WHERE payment_order_id = $4")
                .bind(wanted)
                .bind(bank_reference)
                .bind(now)
                .bind(order_id)
                .bind(on)
                .execute(&mut *tx)
                .await?;
            let detail = serde_json::json!({ "paid": paid, "bank_reference": bank_reference, "amount": order.amount_tyiyn });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "payment.confirm", format!("payment:{order_id}"), detail)).await?;
            tx.commit().await?;
            let sql = format!("SELECT {ORDER_COLUMNS} FROM payment_orders WHERE payment_order_id = $1");
            Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(order_id).fetch_one(pool).await?)
        }

        /// A repayment of a refund claim. A request repeated with the same key posts nothing new.
        pub async fn repay_refund(pool: &Pool<Db>, by: &Actor, contract_id: i64, programme_id: i64, amount: i64, key: &str, on: Option<time::Date>) -> Result<bool> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let seen: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ledger_postings WHERE idempotency_key = $1").bind(key).fetch_one(&mut *tx).await?;
            if seen > 0 {
                return Ok(false);
            }
            // Nothing is recovered while the family's appeal of the claim is open.
            if termination_appealed(&mut tx, contract_id).await? {
                return Err(StoreError::Conflict("refund.under_appeal"));
            }
            let mut ledger = contract_ledger_in(&mut tx, contract_id).await?;
            ledger.repay(contract_id, amount).map_err(|e| StoreError::Conflict(e.rule()))?;
            let now = OffsetDateTime::now_utc();
            let p = ledger.postings().last().cloned().expect("just posted");
            insert_posting(&mut tx, programme_id, &p, Some(key), &by.name, now).await?;
            sqlx::query("UPDATE refund_claims SET repaid_tyiyn = repaid_tyiyn + $1, updated_at = $2, repaid_on = COALESCE($4, repaid_on) WHERE contract_id = $3")
                .bind(amount)
                .bind(now)
                .bind(contract_id)
                .bind(on)
                .execute(&mut *tx)
                .await?;
            let detail = serde_json::json!({ "amount": amount, "key": key, "on": on });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "refund.repay", format!("contract:{contract_id}"), detail)).await?;
            tx.commit().await?;
            Ok(true)
        }

        /// Contracts by their numbers, each with what it hangs on and how many lines its
        /// business plan has, in one query; a number not held is missing from the answer.
        pub async fn contracts_by_numbers(pool: &Pool<Db>, numbers: &[&str]) -> Result<Vec<(ContractContext, usize)>> {
            let mut found = Vec::with_capacity(numbers.len());
            for chunk in numbers.chunks(crate::audit::AUDIT_ROWS) {
                let mut query = QueryBuilder::<Db>::new(
                    "SELECT k.contract_id, k.application_id, k.number, k.status, k.grant_tyiyn, k.term_months, \
                     k.extended_months, k.starts, c.programme_id, a.household_id, a.oblast_code, a.rayon_code, \
                     a.rules_effective_from, d.plan_json FROM contracts k \
                     JOIN applications a ON a.application_id = k.application_id JOIN calls c ON c.call_id = a.call_id \
                     JOIN application_documents d ON d.application_id = a.application_id WHERE k.number IN (",
                );
                let mut each = query.separated(", ");
                for number in chunk {
                    each.push_bind(*number);
                }
                query.push(")");
                let rows: Vec<ContractAtHand> = query.build_query_as().fetch_all(pool).await?;
                for r in rows {
                    let plan: serde_json::Value = serde_json::from_str(&r.plan_json)
                        .map_err(|e| StoreError::Corrupt(format!("plan of contract {}: {e}", r.number)))?;
                    let lines = plan.get("lines").and_then(|l| l.as_array()).map_or(0, Vec::len);
                    let contract = ContractRow {
                        contract_id: r.contract_id,
                        application_id: r.application_id,
                        number: r.number,
                        status: r.status,
                        grant_tyiyn: r.grant_tyiyn,
                        term_months: r.term_months,
                        extended_months: r.extended_months,
                        starts: r.starts,
                    };
                    let context = ContractContext {
                        contract,
                        programme_id: r.programme_id,
                        household_id: r.household_id,
                        oblast: r.oblast_code,
                        rayon: r.rayon_code,
                        rules_from: r.rules_effective_from,
                    };
                    found.push((context, lines));
                }
            }
            Ok(found)
        }
    };
}

pub(crate) use contract_queries;
