//! SQL for users, sessions, API tokens, sign-in throttling and the audit log, compiled for each
//! backend like `queries.rs` (and expanded in the same modules, so `Db` and `Conn` are theirs).

macro_rules! access_queries {
    () => {
        use crate::audit::{AUDIT_ROWS, AuditEntry, AuditFilter, AuditRow, AuditSlot, ChainChecker, chain_hash, now_micros};
        use crate::users::{NewUser, TokenRow, UserRecord, UserRow, grants_from};

        pub async fn reserve_audit(conn: &mut Conn) -> Result<AuditSlot> {
            let (id, prev_hash): (i64, String) = sqlx::query_as(
                "UPDATE audit_head SET last_id = last_id + 1, updated_at = $1 WHERE audit_head_id = 1 \
                 RETURNING last_id, last_hash",
            )
            .bind(OffsetDateTime::now_utc())
            .fetch_one(&mut *conn)
            .await?;
            Ok(AuditSlot { id, prev_hash })
        }

        pub async fn write_audit(conn: &mut Conn, slot: AuditSlot, e: &AuditEntry) -> Result<()> {
            let at = now_micros();
            let detail = e.detail.to_string();
            let hash = chain_hash(&slot.prev_hash, slot.id, at, [&e.actor, &e.ip, &e.action, &e.object, &detail]);
            let now = OffsetDateTime::now_utc();
            sqlx::query(
                "INSERT INTO audit_log (audit_id, at_micros, actor, ip, action, object, detail, prev_hash, hash, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
            )
            .bind(slot.id)
            .bind(at)
            .bind(&e.actor)
            .bind(&e.ip)
            .bind(&e.action)
            .bind(&e.object)
            .bind(&detail)
            .bind(&slot.prev_hash)
            .bind(&hash)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            sqlx::query("UPDATE audit_head SET last_hash = $1 WHERE audit_head_id = 1").bind(&hash).execute(&mut *conn).await?;
            Ok(())
        }

        /// Appends `entries` to the audit chain in the transaction of `conn`, as many
        /// `reserve_audit` and `write_audit` would: their numbers reserved in one statement,
        /// chained in memory, and written [`AUDIT_ROWS`] to a statement.
        pub async fn write_audits(conn: &mut Conn, entries: &[AuditEntry]) -> Result<()> {
            let Ok(n) = i64::try_from(entries.len()) else {
                return Err(StoreError::Config("too many audit entries for one transaction".into()));
            };
            if n == 0 {
                return Ok(());
            }
            let now = OffsetDateTime::now_utc();
            let (last_id, mut prev_hash): (i64, String) = sqlx::query_as(
                "UPDATE audit_head SET last_id = last_id + $1, updated_at = $2 WHERE audit_head_id = 1 \
                 RETURNING last_id, last_hash",
            )
            .bind(n)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?;
            let at = now_micros();
            let mut rows = Vec::with_capacity(entries.len());
            for (id, e) in (last_id - n + 1..).zip(entries) {
                let detail = e.detail.to_string();
                let hash = chain_hash(&prev_hash, id, at, [&e.actor, &e.ip, &e.action, &e.object, &detail]);
                rows.push((id, e, detail, std::mem::replace(&mut prev_hash, hash.clone()), hash));
            }
            for chunk in rows.chunks(AUDIT_ROWS) {
                let mut query = QueryBuilder::<Db>::new(
                    "INSERT INTO audit_log (audit_id, at_micros, actor, ip, action, object, detail, prev_hash, hash, \
                     created_at, updated_at) ",
                );
                query.push_values(chunk, |mut b, (id, e, detail, prev, hash)| {
                    b.push_bind(*id)
                        .push_bind(at)
                        .push_bind(&e.actor)
                        .push_bind(&e.ip)
                        .push_bind(&e.action)
                        .push_bind(&e.object)
                        .push_bind(detail)
                        .push_bind(prev)
                        .push_bind(hash)
                        .push_bind(now)
                        .push_bind(now);
                });
                query.build().execute(&mut *conn).await?;
            }
            sqlx::query("UPDATE audit_head SET last_hash = $1 WHERE audit_head_id = 1")
                .bind(&prev_hash)
                .execute(&mut *conn)
                .await?;
            Ok(())
        }

        /// Appends many entries to the audit chain in one transaction (`write_audits`).
        pub async fn audit_all(pool: &Pool<Db>, entries: &[AuditEntry]) -> Result<()> {
            let mut tx = begin(pool).await?;
            write_audits(&mut tx, entries).await?;
            tx.commit().await?;
            Ok(())
        }

        pub async fn audit(pool: &Pool<Db>, e: &AuditEntry) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            write_audit(&mut tx, slot, e).await?;
            tx.commit().await?;
            Ok(())
        }

        pub async fn list_audit(pool: &Pool<Db>, filter: &AuditFilter, before_id: Option<i64>, limit: i64) -> Result<Vec<AuditRow>> {
            let mut q = QueryBuilder::<Db>::new(
                "SELECT audit_id, at_micros, actor, ip, action, object, detail, prev_hash, hash FROM audit_log WHERE 1 = 1",
            );
            if let Some(actor) = filter.actor.clone() {
                q.push(" AND actor = ").push_bind(actor);
            }
            match &filter.actors {
                Some(actors) if actors.is_empty() => {
                    q.push(" AND 1 = 0");
                }
                Some(actors) => {
                    q.push(" AND actor IN (");
                    let mut list = q.separated(", ");
                    for a in actors {
                        list.push_bind(a.clone());
                    }
                    q.push(")");
                }
                None => {}
            }
            let action = filter.action.clone();
            if let Some(action) = action {
                q.push(" AND action LIKE ").push_bind(format!("{action}%"));
            }
            if let Some(before) = before_id {
                q.push(" AND audit_id < ").push_bind(before);
            }
            q.push(" ORDER BY audit_id DESC LIMIT ").push_bind(limit);
            Ok(q.build_query_as().fetch_all(pool).await?)
        }

        pub async fn each_audit_row<E>(pool: &Pool<Db>, mut each: impl FnMut(&AuditRow) -> std::result::Result<(), E>) -> Result<std::result::Result<(), E>> {
            let mut rows = sqlx::query_as::<_, AuditRow>(
                "SELECT audit_id, at_micros, actor, ip, action, object, detail, prev_hash, hash FROM audit_log ORDER BY audit_id",
            )
            .fetch(pool);
            while let Some(row) = rows.try_next().await? {
                if let Err(e) = each(&row) {
                    return Ok(Err(e));
                }
            }
            Ok(Ok(()))
        }

        pub async fn verify_audit(pool: &Pool<Db>) -> Result<crate::audit::AuditCheck> {
            let mut checker = ChainChecker::default();
            {
                let mut rows = sqlx::query_as::<_, AuditRow>(
                    "SELECT audit_id, at_micros, actor, ip, action, object, detail, prev_hash, hash FROM audit_log ORDER BY audit_id",
                )
                .fetch(pool);
                while let Some(row) = rows.try_next().await? {
                    if !checker.push(&row) {
                        break;
                    }
                }
            }
            let (head_id, head_hash): (i64, String) =
                sqlx::query_as("SELECT last_id, last_hash FROM audit_head WHERE audit_head_id = 1").fetch_one(pool).await?;
            checker.finish(head_id, &head_hash);
            Ok(checker.check)
        }

        async fn grants_of(conn: &mut Conn, user_id: i64) -> Result<Vec<(String, String)>> {
            Ok(sqlx::query_as("SELECT role, scope FROM user_grants WHERE user_id = $1 ORDER BY role, scope")
                .bind(user_id)
                .fetch_all(&mut *conn)
                .await?)
        }

        async fn user_record(conn: &mut Conn, row: UserRow) -> Result<UserRecord> {
            let grants = grants_of(conn, row.user_id).await?;
            Ok(UserRecord::new(row, grants_from(&grants)))
        }

        const USER_COLUMNS: &str =
            "user_id, username, display_name, password_hash, must_change_password, disabled, created_at";

        pub async fn count_users(pool: &Pool<Db>) -> Result<i64> {
            Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(pool).await?)
        }

        pub async fn user_by_username(pool: &Pool<Db>, username: &str) -> Result<Option<UserRecord>> {
            let mut conn = pool.acquire().await?;
            let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1");
            let row: Option<UserRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(username).fetch_optional(&mut *conn).await?;
            match row {
                Some(row) => Ok(Some(user_record(&mut conn, row).await?)),
                None => Ok(None),
            }
        }

        pub async fn user(pool: &Pool<Db>, id: i64) -> Result<UserRecord> {
            let mut conn = pool.acquire().await?;
            let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE user_id = $1");
            let row: UserRow =
                sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut *conn).await?.ok_or(StoreError::NotFound)?;
            user_record(&mut conn, row).await
        }

        pub async fn list_users(pool: &Pool<Db>) -> Result<Vec<UserRecord>> {
            let mut conn = pool.acquire().await?;
            let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY username");
            let rows: Vec<UserRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(&mut *conn).await?;
            let mut users = Vec::with_capacity(rows.len());
            for row in rows {
                users.push(user_record(&mut conn, row).await?);
            }
            Ok(users)
        }

        async fn write_grants(conn: &mut Conn, user_id: i64, grants: &[emgek_domain::access::Grant]) -> Result<()> {
            sqlx::query("DELETE FROM user_grants WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
            let now = OffsetDateTime::now_utc();
            for g in grants {
                sqlx::query(
                    "INSERT INTO user_grants (user_id, role, scope, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
                )
                .bind(user_id)
                .bind(g.role.code())
                .bind(g.scope.code())
                .bind(now)
                .execute(&mut *conn)
                .await?;
            }
            Ok(())
        }

        pub async fn create_user(pool: &Pool<Db>, by: &Actor, u: &NewUser) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO users (username, display_name, password_hash, must_change_password, disabled, created_at, \
                 updated_at) VALUES ($1, $2, $3, $4, false, $5, $5) RETURNING user_id",
            )
            .bind(&u.username)
            .bind(&u.display_name)
            .bind(&u.password_hash)
            .bind(u.must_change_password)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            write_grants(&mut tx, id, &u.grants).await?;
            let grants: Vec<String> = u.grants.iter().map(|g| format!("{} {}", g.role.code(), g.scope.code())).collect();
            let detail = serde_json::json!({ "after": { "username": u.username, "display_name": u.display_name, "grants": grants } });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "user.create", format!("user:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn set_grants(pool: &Pool<Db>, by: &Actor, id: i64, grants: &[emgek_domain::access::Grant]) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let before: Vec<String> = grants_of(&mut tx, id).await?.into_iter().map(|(r, s)| format!("{r} {s}")).collect();
            write_grants(&mut tx, id, grants).await?;
            let after: Vec<String> = grants.iter().map(|g| format!("{} {}", g.role.code(), g.scope.code())).collect();
            let detail = serde_json::json!({ "before": { "grants": before }, "after": { "grants": after } });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "user.grants", format!("user:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        /// Sets a password; every session of the user ends.
        pub async fn set_password(pool: &Pool<Db>, by: &Actor, id: i64, hash: &str, must_change: bool) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let done = sqlx::query("UPDATE users SET password_hash = $1, must_change_password = $2, updated_at = $3 WHERE user_id = $4")
                .bind(hash)
                .bind(must_change)
                .bind(OffsetDateTime::now_utc())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
            // And sign-in opens again at once, wherever she is: the way in for a locked user.
            sqlx::query("DELETE FROM login_failures WHERE username = (SELECT username FROM users WHERE user_id = $1)")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            // A new password is a new start: tokens made under the old one (perhaps by whoever
            // learnt it) stop working too.
            let now = OffsetDateTime::now_utc();
            sqlx::query("UPDATE api_tokens SET revoked_at = $1, updated_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let detail = serde_json::json!({ "must_change_password": must_change });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "user.password", format!("user:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        /// Failed sign-ins under a user name since `since`, from any address.
        pub async fn login_failures_of(pool: &Pool<Db>, username: &str, since: OffsetDateTime) -> Result<i64> {
            let n = sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE username = $1 AND created_at > $2")
                .bind(username)
                .bind(since)
                .fetch_one(pool)
                .await?;
            Ok(n)
        }

        /// Opens sign-in again for a user whose failed attempts shut it, from every address,
        /// without changing her password. Returns how many failures it forgot.
        pub async fn unlock_sign_in(pool: &Pool<Db>, by: &Actor, id: i64) -> Result<u64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let username: Option<String> = sqlx::query_scalar("SELECT username FROM users WHERE user_id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            let username = username.ok_or(StoreError::NotFound)?;
            let forgotten = sqlx::query("DELETE FROM login_failures WHERE username = $1")
                .bind(&username)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let detail = serde_json::json!({ "failures": forgotten });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "user.unlock", format!("user:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(forgotten)
        }

        /// Disables or enables a user; disabling ends her sessions and revokes nothing else.
        pub async fn set_disabled(pool: &Pool<Db>, by: &Actor, id: i64, disabled: bool) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let done = sqlx::query("UPDATE users SET disabled = $1, updated_at = $2 WHERE user_id = $3")
                .bind(disabled)
                .bind(OffsetDateTime::now_utc())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            if disabled {
                sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
            }
            let action = if disabled { "user.disable" } else { "user.enable" };
            write_audit(&mut tx, slot, &AuditEntry::new(by, action, format!("user:{id}"), serde_json::json!({}))).await?;
            tx.commit().await?;
            Ok(())
        }

        // Sessions, sign-in failures and a token's last use are written in turns like any
        // other write (`write_tx`), not beside them, where they would wait in SQLite's busy
        // handler behind every batch.
        pub async fn create_session(pool: &Pool<Db>, user_id: i64, token_hash: &str, csrf: &str, ip: &str, expires_at: OffsetDateTime) -> Result<()> {
            let now = OffsetDateTime::now_utc();
            let mut tx = begin(pool).await?;
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, csrf_token, ip, expires_at, last_seen_at, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6, $6)",
            )
            .bind(token_hash)
            .bind(user_id)
            .bind(csrf)
            .bind(ip)
            .bind(expires_at)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await
        }

        /// The session with this token hash and its user: (session id, csrf, expires, last seen, user).
        pub async fn session(pool: &Pool<Db>, token_hash: &str) -> Result<Option<(i64, String, OffsetDateTime, OffsetDateTime, UserRecord)>> {
            let mut conn = pool.acquire().await?;
            let row: Option<(i64, i64, String, OffsetDateTime, OffsetDateTime)> = sqlx::query_as(
                "SELECT session_id, user_id, csrf_token, expires_at, last_seen_at FROM sessions WHERE token_hash = $1",
            )
            .bind(token_hash)
            .fetch_optional(&mut *conn)
            .await?;
            let Some((session_id, user_id, csrf, expires, seen)) = row else { return Ok(None) };
            let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE user_id = $1");
            let user: UserRow = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(user_id).fetch_one(&mut *conn).await?;
            Ok(Some((session_id, csrf, expires, seen, user_record(&mut conn, user).await?)))
        }

        pub async fn touch_session(pool: &Pool<Db>, session_id: i64) -> Result<()> {
            let mut tx = begin(pool).await?;
            sqlx::query("UPDATE sessions SET last_seen_at = $1, updated_at = $1 WHERE session_id = $2")
                .bind(OffsetDateTime::now_utc())
                .bind(session_id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        }

        pub async fn delete_session(pool: &Pool<Db>, token_hash: &str) -> Result<()> {
            let mut tx = begin(pool).await?;
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&mut *tx).await?;
            tx.commit().await
        }

        /// Counts a failed sign-in and forgets this address's failures older than `forget_before`.
        pub async fn record_login_failure(pool: &Pool<Db>, username: &str, ip: &str, forget_before: OffsetDateTime) -> Result<()> {
            let now = OffsetDateTime::now_utc();
            let mut tx = begin(pool).await?;
            sqlx::query("DELETE FROM login_failures WHERE ip = $1 AND created_at < $2")
                .bind(ip)
                .bind(forget_before)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO login_failures (username, ip, created_at, updated_at) VALUES ($1, $2, $3, $3)")
                .bind(username)
                .bind(ip)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        }

        /// The times of the failed sign-ins from this address since `since`, for this user name
        /// only if one is given, newest first, at most `limit`. A name is counted per address,
        /// so nobody elsewhere can shut its owner out.
        pub async fn login_failures(
            pool: &Pool<Db>,
            username: Option<&str>,
            ip: &str,
            since: OffsetDateTime,
            limit: i64,
        ) -> Result<Vec<OffsetDateTime>> {
            let times = sqlx::query_scalar(
                "SELECT created_at FROM login_failures WHERE ip = $1 AND created_at > $2 \
                 AND ($3 IS NULL OR username = $3) ORDER BY created_at DESC LIMIT $4",
            )
            .bind(ip)
            .bind(since)
            .bind(username)
            .bind(limit)
            .fetch_all(pool)
            .await?;
            Ok(times)
        }

        pub async fn clear_login_failures(pool: &Pool<Db>, username: &str) -> Result<()> {
            let mut tx = begin(pool).await?;
            sqlx::query("DELETE FROM login_failures WHERE username = $1").bind(username).execute(&mut *tx).await?;
            tx.commit().await
        }

        pub async fn create_token(pool: &Pool<Db>, by: &Actor, user_id: i64, name: &str, hash: &str, prefix: &str) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING api_token_id",
            )
            .bind(user_id)
            .bind(name)
            .bind(hash)
            .bind(prefix)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "name": name, "prefix": prefix });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "token.create", format!("token:{id}"), detail)).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn tokens_of(pool: &Pool<Db>, user_id: i64) -> Result<Vec<TokenRow>> {
            Ok(sqlx::query_as(
                "SELECT api_token_id, name, prefix, revoked_at, last_used_at, created_at FROM api_tokens \
                 WHERE user_id = $1 ORDER BY api_token_id DESC",
            )
            .bind(user_id)
            .fetch_all(pool)
            .await?)
        }

        /// Revokes one of the user's own tokens.
        pub async fn revoke_token(pool: &Pool<Db>, by: &Actor, user_id: i64, token_id: i64) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            let done = sqlx::query(
                "UPDATE api_tokens SET revoked_at = $1, updated_at = $1 WHERE api_token_id = $2 AND user_id = $3 AND revoked_at IS NULL",
            )
            .bind(now)
            .bind(token_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            write_audit(&mut tx, slot, &AuditEntry::new(by, "token.revoke", format!("token:{token_id}"), serde_json::json!({}))).await?;
            tx.commit().await?;
            Ok(())
        }

        /// The user a live token belongs to.
        pub async fn user_by_token(pool: &Pool<Db>, hash: &str) -> Result<Option<UserRecord>> {
            let row: Option<(i64, i64, Option<OffsetDateTime>)> = sqlx::query_as(
                "SELECT api_token_id, user_id, last_used_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
            )
            .bind(hash)
            .fetch_optional(pool)
            .await?;
            let Some((token_id, user_id, last_used)) = row else { return Ok(None) };
            // The day of last use is what people read; writing it once a minute keeps a read a
            // read (a write on every request would make each one wait for a durable commit).
            let now = OffsetDateTime::now_utc();
            if last_used.is_none_or(|at| now - at >= crate::TOKEN_USE_GRAIN) {
                let mut tx = begin(pool).await?;
                sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE api_token_id = $2")
                    .bind(now)
                    .bind(token_id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
            }
            Ok(Some(user(pool, user_id).await?))
        }
    };
}

pub(crate) use access_queries;
