//! SQL for committing an allocation run, compiled for each backend like `queries.rs`: a whole
//! call's decisions in a few multi-row statements, so that 100,000 applications are decided in
//! one transaction of about a second (statement by statement it took tens of seconds).

macro_rules! allocation_commit_queries {
    () => {
        use emgek_domain::social_contract::allocation::Reason;
        use crate::programmes::AllocationRun;

        /// Rows one multi-row statement carries: at most 7,000 bound values, well under either
        /// backend's limit.
        const ROWS_PER_STATEMENT: usize = 1000;

        /// The families of a run told, each in one statement over the run's decisions: a funded
        /// family that its contract is ready to sign, a family put on the waiting list where it
        /// stands, in its language; by SMS to a phone registered with consent, withheld for a number that opted
        /// out, once per contract and per application (the event's key).
        async fn tell_allocation(
            conn: &mut Conn,
            run_id: i64,
            told: &crate::programmes::AllocationNotices,
            now: OffsetDateTime,
        ) -> Result<()> {
            let now_ms = (now.unix_timestamp_nanos() / 1_000_000) as i64;
            for (event, key, number, reason, [(version, text), (ru_version, ru_text)]) in [
                ("contract_ready", "'contract:' || CAST(k.contract_id AS TEXT) || ':ready'", "k.number", "=", &told.contract_ready),
                ("decision", "'application:' || CAST(a.application_id AS TEXT) || ':waiting'", "'№' || CAST(a.application_id AS TEXT)", "<>", &told.waiting),
            ] {
                let contracts = if event == "contract_ready" { "JOIN contracts k ON k.application_id = d.application_id" } else { "" };
                let sql = format!(
                    "INSERT INTO notices (event, event_key, channel, address, language, template_version, body, household_id, \
                     grievance_id, state, attempts, next_attempt_ms, last_error, created_at, updated_at) \
                     SELECT $1, {key}, 'sms', h.phone, h.language, CASE WHEN h.language = 'ru' THEN $8 ELSE $2 END, \
                       REPLACE(CASE WHEN h.language = 'ru' THEN $9 ELSE $3 END, '{{number}}', {number}), h.household_id, NULL, \
                       CASE WHEN o.address IS NOT NULL THEN 'withheld' ELSE 'queued' END, 0, $4, \
                       CASE WHEN o.address IS NOT NULL THEN 'opted_out' END, $5, $5 \
                     FROM allocation_decisions d {contracts} \
                       JOIN applications a ON a.application_id = d.application_id \
                       JOIN households h ON h.household_id = a.household_id \
                       LEFT JOIN notice_opt_outs o ON o.address = h.phone \
                     WHERE d.allocation_run_id = $6 AND d.reason {reason} $7 AND h.phone IS NOT NULL AND h.consent \
                     ON CONFLICT (event_key) DO NOTHING"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(event)
                    .bind(*version)
                    .bind(text)
                    .bind(now_ms)
                    .bind(now)
                    .bind(run_id)
                    .bind(Reason::Funded.code())
                    .bind(*ru_version)
                    .bind(ru_text)
                    .execute(&mut *conn)
                    .await?;
            }
            Ok(())
        }

        /// Commits an allocation in one transaction: every decision recorded, funded applications
        /// moved on with a numbered contract each and their grants committed in the ledger
        /// (after the budget is appropriated, once), the rest put on the waiting list. A
        /// concurrent change of any application refuses the whole run.
        pub async fn commit_allocation(
            pool: &Pool<Db>,
            by: &Actor,
            round: &crate::programmes::RoundToCommit<'_>,
        ) -> Result<AllocationRun> {
            let &crate::programmes::RoundToCommit { call_id, programme_id, allocation, budget, term_months, year, told } = round;
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let mut ledger = ledger_in(&mut tx, programme_id).await?;
            let mut new_postings = Vec::new();
            if ledger.balance(Account::Appropriation) == 0 && budget > 0 {
                ledger.fund(budget).map_err(|_| StoreError::Conflict("ledger.insufficient"))?;
                new_postings.push(ledger.postings().last().cloned().expect("just posted"));
            }
            let decisions = &allocation.decisions;
            let funded = decisions.iter().filter(|d| d.reason == Reason::Funded).count() as i64;
            let waiting = decisions.len() as i64 - funded;
            let run_id: i64 = sqlx::query_scalar(
                "INSERT INTO allocation_runs (call_id, actor, funded, waiting, spent_tyiyn, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, 0, $5, $5) RETURNING allocation_run_id",
            )
            .bind(call_id)
            .bind(&by.name)
            .bind(funded)
            .bind(waiting)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;

            // Where each application of the call stands, read once.
            let standing: std::collections::HashMap<i64, (String, String, i64)> = sqlx::query_as::<_, (i64, String, String, i64)>(
                "SELECT application_id, status, oblast_code, grant_requested_tyiyn FROM applications WHERE call_id = $1",
            )
            .bind(call_id)
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|(id, status, oblast, grant)| (id, (status, oblast, grant)))
            .collect();
            // How many applications move to another status.
            let mut moves = 0usize;
            // (application, number, grant) of each contract to make, in rank order.
            let mut new_contracts: Vec<(i64, String, i64)> = Vec::with_capacity(usize::try_from(funded).unwrap_or(0));
            let mut sequences: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
            for d in decisions {
                let Some((status, oblast, grant)) =
                    standing.get(&d.application_id).filter(|r| matches!(r.0.as_str(), "approved" | "waiting_list"))
                else {
                    return Err(StoreError::Conflict("allocation.stale"));
                };
                let to = if d.reason == Reason::Funded { "funded" } else { "waiting_list" };
                if status != to {
                    moves += 1;
                }
                if d.reason != Reason::Funded {
                    continue;
                }
                let next = match sequences.get(oblast.as_str()) {
                    Some(n) => *n + 1,
                    None => {
                        let prefix = format!("SC-{year}-{oblast}-%");
                        let used: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contracts WHERE number LIKE $1")
                            .bind(prefix)
                            .fetch_one(&mut *tx)
                            .await?;
                        used + 1
                    }
                };
                sequences.insert(oblast.as_str(), next);
                let number = emgek_domain::social_contract::contract::contract_number(year, oblast, u32::try_from(next).unwrap_or(u32::MAX));
                new_contracts.push((d.application_id, number, *grant));
            }

            for chunk in decisions.chunks(ROWS_PER_STATEMENT) {
                let mut query = QueryBuilder::<Db>::new(
                    "INSERT INTO allocation_decisions (allocation_run_id, application_id, rank, reason, created_at, updated_at) ",
                );
                query.push_values(chunk, |mut b, d| {
                    b.push_bind(run_id).push_bind(d.application_id).push_bind(i64::from(d.rank)).push_bind(d.reason.code()).push_bind(now).push_bind(now);
                });
                query.build().execute(&mut *tx).await?;
            }
            // The events and the moves, each one statement over the run's decisions just
            // written (binding 100,000 ids again, 1,000 a statement, cost more than the writing).
            // The event records each application's status before the move, so it is written
            // first; the move is guarded, and moves only an application still approved or on
            // the waiting list: one changed since it was read leaves the count short.
            let funded_code = Reason::Funded.code();
            sqlx::query(
                "INSERT INTO application_events (application_id, actor, from_status, to_status, reason, created_at, updated_at) \
                 SELECT a.application_id, $1, a.status, CASE WHEN d.reason = $2 THEN 'funded' ELSE 'waiting_list' END, \
                   d.reason, $3, $3 \
                 FROM allocation_decisions d JOIN applications a ON a.application_id = d.application_id \
                 WHERE d.allocation_run_id = $4 AND a.status <> CASE WHEN d.reason = $2 THEN 'funded' ELSE 'waiting_list' END \
                 ORDER BY d.rank",
            )
            .bind(&by.name)
            .bind(funded_code)
            .bind(now)
            .bind(run_id)
            .execute(&mut *tx)
            .await?;
            let moved = sqlx::query(
                "UPDATE applications AS a SET status = CASE WHEN d.reason = $1 THEN 'funded' ELSE 'waiting_list' END, updated_at = $2 \
                 FROM allocation_decisions d \
                 WHERE d.allocation_run_id = $3 AND d.application_id = a.application_id \
                   AND a.status IN ('approved', 'waiting_list') \
                   AND a.status <> CASE WHEN d.reason = $1 THEN 'funded' ELSE 'waiting_list' END",
            )
            .bind(funded_code)
            .bind(now)
            .bind(run_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if moved != moves as u64 {
                return Err(StoreError::Conflict("allocation.stale"));
            }
            let mut contract_ids: std::collections::HashMap<i64, i64> = std::collections::HashMap::with_capacity(new_contracts.len());
            for chunk in new_contracts.chunks(ROWS_PER_STATEMENT) {
                let mut query = QueryBuilder::<Db>::new(
                    "INSERT INTO contracts (application_id, number, status, grant_tyiyn, term_months, extended_months, created_at, updated_at) ",
                );
                query.push_values(chunk, |mut b, (application, number, grant)| {
                    b.push_bind(*application).push_bind(number).push_bind("draft").push_bind(*grant).push_bind(term_months).push_bind(0i64).push_bind(now).push_bind(now);
                });
                query.push(" RETURNING application_id, contract_id");
                let made: Vec<(i64, i64)> = query.build_query_as().fetch_all(&mut *tx).await?;
                contract_ids.extend(made);
            }
            let mut contracts = Vec::with_capacity(new_contracts.len());
            let mut spent = 0i64;
            for (application, number, grant) in new_contracts {
                let contract_id = *contract_ids.get(&application).ok_or_else(|| StoreError::Corrupt("a contract was not returned".into()))?;
                ledger.commit(contract_id, grant).map_err(|_| StoreError::Conflict("ledger.insufficient"))?;
                new_postings.push(ledger.postings().last().cloned().expect("just posted"));
                spent += grant;
                contracts.push((contract_id, number));
            }
            insert_postings(&mut tx, programme_id, &new_postings, &by.name, now).await?;
            if let Some(told) = told {
                tell_allocation(&mut tx, run_id, told, now).await?;
            }
            sqlx::query("UPDATE allocation_runs SET spent_tyiyn = $1 WHERE allocation_run_id = $2").bind(spent).bind(run_id).execute(&mut *tx).await?;
            let detail = serde_json::json!({ "call": call_id, "funded": funded, "waiting": waiting, "spent": spent });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "allocation.commit", format!("allocation:{run_id}"), detail)).await?;
            tx.commit().await?;
            Ok(AllocationRun { run_id, funded, waiting, spent, contracts })
        }

        /// Postings without idempotency keys, in multi-row statements, in their order.
        async fn insert_postings(conn: &mut Conn, programme_id: i64, postings: &[Posting], actor: &str, now: OffsetDateTime) -> Result<()> {
            for chunk in postings.chunks(ROWS_PER_STATEMENT) {
                let mut query = QueryBuilder::<Db>::new(
                    "INSERT INTO ledger_postings (programme_id, from_account, to_account, amount_tyiyn, contract_id, actor, created_at, updated_at) ",
                );
                query.push_values(chunk, |mut b, p| {
                    b.push_bind(programme_id).push_bind(account_code(p.from)).push_bind(account_code(p.to)).push_bind(p.amount).push_bind(p.contract).push_bind(actor).push_bind(now).push_bind(now);
                });
                query.build().execute(&mut *conn).await?;
            }
            Ok(())
        }
    };
}

pub(crate) use allocation_commit_queries;
