//! Every SQL statement of the store, written once and compiled for each backend.
//!
//! `queries!(sqlx::Sqlite)` and `queries!(sqlx::Postgres)` expand this module body with the
//! backend's types; `$1`-style placeholders work on both. Anything that would differ between
//! the two (types of identity columns, timestamps) is settled in the migrations instead.

macro_rules! queries {
    ($db:ty) => {
        use emgek_domain::household::{HouseholdFields, MemberFields};
        use futures_util::TryStreamExt;
        use sqlx::{Pool, QueryBuilder};
        use time::OffsetDateTime;

        use crate::error::{Result, StoreError};
        use crate::import::ImportLog;
        use crate::records::*;

        pub type Db = $db;
        pub type Conn = <Db as sqlx::Database>::Connection;

        pub async fn ping(pool: &Pool<Db>) -> Result<()> {
            sqlx::query("SELECT 1").execute(pool).await?;
            Ok(())
        }

        pub async fn oblasts(pool: &Pool<Db>) -> Result<Vec<OblastRow>> {
            Ok(sqlx::query_as("SELECT oblast_code, name_ky, name_ru, name_en FROM oblasts ORDER BY oblast_code")
                .fetch_all(pool)
                .await?)
        }

        pub async fn rayons(pool: &Pool<Db>) -> Result<Vec<RayonRow>> {
            Ok(sqlx::query_as(
                "SELECT rayon_code, oblast_code, name_ky, name_ru, name_en FROM rayons ORDER BY rayon_code",
            )
            .fetch_all(pool)
            .await?)
        }

        pub async fn count_households(pool: &Pool<Db>) -> Result<i64> {
            Ok(sqlx::query_scalar("SELECT COUNT(*) FROM households").fetch_one(pool).await?)
        }

        /// Appends ` AND (…)` limiting the rows of table `alias` (its `oblast_code` and
        /// `rayon_code`) to the places of `areas` (`1 = 0` for nowhere); nothing for `None` or
        /// everywhere. Every query that lists records by place goes through it.
        fn push_places(qb: &mut QueryBuilder<Db>, alias: &str, areas: Option<&emgek_domain::access::Areas>) {
            let Some(areas) = areas.filter(|a| !a.everywhere) else { return };
            qb.push(" AND (1 = 0");
            for oblast in &areas.oblasts {
                qb.push(format!(" OR {alias}.oblast_code = ")).push_bind(oblast.clone());
            }
            for rayon in &areas.rayons {
                qb.push(format!(" OR {alias}.rayon_code = ")).push_bind(rayon.clone());
            }
            qb.push(")");
        }

        /// Appends the filter's conditions to a query over `households h`.
        fn push_filter(qb: &mut QueryBuilder<Db>, f: &HouseholdFilter) {
            if let Some(q) = &f.q {
                if q.chars().all(|c| c.is_ascii_digit()) {
                    qb.push(" AND (h.household_ref = ")
                        .push_bind(q.clone())
                        .push(" OR (EXISTS (SELECT 1 FROM members p WHERE p.household_id = h.household_id AND p.pin LIKE ")
                        .push_bind(format!("{q}%"))
                        .push(")");
                    push_places(qb, "h", f.sensitive.as_ref());
                    qb.push("))");
                } else {
                    let key = emgek_domain::names::search_key(q);
                    qb.push(" AND (h.household_ref = ")
                        .push_bind(q.clone())
                        .push(" OR EXISTS (SELECT 1 FROM members p WHERE p.household_id = h.household_id AND p.name_key LIKE ")
                        .push_bind(format!("%{key}%"))
                        .push("))");
                }
            }
            if let Some(oblast) = &f.oblast {
                qb.push(" AND h.oblast_code = ").push_bind(oblast.clone());
            }
            if let Some(rayon) = &f.rayon {
                qb.push(" AND h.rayon_code = ").push_bind(rayon.clone());
            }
            if let Some(place) = &f.place {
                qb.push(" AND h.place_key LIKE ").push_bind(format!("%{}%", emgek_domain::names::search_key(place)));
            }
            match f.benefit {
                Some(true) => qb.push(" AND h.benefit_since IS NOT NULL"),
                Some(false) => qb.push(" AND h.benefit_since IS NULL"),
                None => qb,
            };
            if f.disability == Some(true) {
                qb.push(" AND EXISTS (SELECT 1 FROM members d WHERE d.household_id = h.household_id AND d.disability <> 'none')");
                push_places(qb, "h", f.sensitive.as_ref());
            }
            push_places(qb, "h", f.areas.as_ref());
            if f.review == Some(true) {
                qb.push(" AND EXISTS (SELECT 1 FROM members r WHERE r.household_id = h.household_id AND r.review <> '')");
            }
        }

        pub async fn list_households(
            pool: &Pool<Db>,
            filter: &HouseholdFilter,
            page: PageRequest,
        ) -> Result<Page<HouseholdSummary>> {
            let mut count = QueryBuilder::<Db>::new("SELECT COUNT(*) FROM households h WHERE 1 = 1");
            push_filter(&mut count, filter);
            let total: i64 = count.build_query_scalar().fetch_one(pool).await?;

            let mut query = QueryBuilder::<Db>::new(format!("SELECT {HOUSEHOLD_COLUMNS} FROM households h WHERE 1 = 1"));
            push_filter(&mut query, filter);
            query.push(" ORDER BY h.household_id LIMIT ").push_bind(i64::from(page.per_page));
            query.push(" OFFSET ").push_bind(page.offset());
            let rows: Vec<HouseholdRow> = query.build_query_as().fetch_all(pool).await?;
            if rows.is_empty() {
                return Ok(Page { items: Vec::new(), total, request: page });
            }

            // The members of the whole page in one query, not one query per household.
            let mut members = QueryBuilder::<Db>::new(format!("SELECT {MEMBER_COLUMNS} FROM members m WHERE m.household_id IN ("));
            let mut ids = members.separated(", ");
            for row in &rows {
                ids.push_bind(row.household_id);
            }
            members.push(") ORDER BY m.member_id");
            let member_rows: Vec<MemberRow> = members.build_query_as().fetch_all(pool).await?;

            let today = OffsetDateTime::now_utc().date();
            let mut items = Vec::with_capacity(rows.len());
            for row in rows {
                let mine: Vec<MemberRecord> = member_rows
                    .iter()
                    .filter(|m| m.household_id == row.household_id)
                    .map(MemberRow::record)
                    .collect::<Result<_>>()?;
                let head = mine
                    .iter()
                    .find(|m| m.fields.relation == emgek_domain::household::Relation::Head)
                    .or(mine.first())
                    .map(|m| m.fields.full_name.clone())
                    .unwrap_or_default();
                let facts = emgek_domain::household::HouseholdFacts::of(
                    mine.iter().map(|m| (m.fields.birth_date, m.fields.disability)),
                    today,
                );
                items.push(HouseholdSummary {
                    id: row.household_id,
                    household_ref: row.household_ref,
                    oblast: row.oblast_code,
                    rayon: row.rayon_code,
                    aiyl_okmotu: row.aiyl_okmotu,
                    village: row.village,
                    head_name: head,
                    facts,
                    benefit: row.benefit_since.is_some(),
                    review: mine.iter().any(|m| !m.fields.warnings.is_empty()),
                });
            }
            Ok(Page { items, total, request: page })
        }

        pub async fn household(pool: &Pool<Db>, id: i64) -> Result<HouseholdRecord> {
            let mut conn = pool.acquire().await?;
            household_in(&mut conn, id).await
        }

        /// A household and its members, in one statement.
        pub async fn household_in(conn: &mut Conn, id: i64) -> Result<HouseholdRecord> {
            let sql = format!(
                "SELECT {HOUSEHOLD_COLUMNS}, {JOINED_MEMBER_COLUMNS} FROM households h \
                 LEFT JOIN members m ON m.household_id = h.household_id \
                 WHERE h.household_id = $1 ORDER BY m.member_id"
            );
            let rows: Vec<HouseholdMemberRow> =
                sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_all(&mut *conn).await?;
            crate::records::households_of_rows(rows)?.pop().ok_or(StoreError::NotFound)
        }

        /// These households with their members, in one statement.
        pub async fn households_in(conn: &mut Conn, ids: &[i64]) -> Result<Vec<HouseholdRecord>> {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let mut query = QueryBuilder::<Db>::new(format!(
                "SELECT {HOUSEHOLD_COLUMNS}, {JOINED_MEMBER_COLUMNS} FROM households h \
                 LEFT JOIN members m ON m.household_id = h.household_id WHERE h.household_id IN ("
            ));
            let mut each = query.separated(", ");
            for id in ids {
                each.push_bind(*id);
            }
            query.push(") ORDER BY h.household_id, m.member_id");
            let rows: Vec<HouseholdMemberRow> = query.build_query_as().fetch_all(&mut *conn).await?;
            crate::records::households_of_rows(rows)
        }

        /// The households of these numbers with their members, a few hundred to a statement.
        pub async fn households_by_refs(pool: &Pool<Db>, refs: &[&str]) -> Result<Vec<HouseholdRecord>> {
            let mut found = Vec::with_capacity(refs.len());
            for chunk in refs.chunks(crate::audit::AUDIT_ROWS) {
                let mut query = QueryBuilder::<Db>::new(format!(
                    "SELECT {HOUSEHOLD_COLUMNS}, {JOINED_MEMBER_COLUMNS} FROM households h \
                     LEFT JOIN members m ON m.household_id = h.household_id WHERE h.household_ref IN ("
                ));
                let mut each = query.separated(", ");
                for r in chunk {
                    each.push_bind(*r);
                }
                query.push(") ORDER BY h.household_id, m.member_id");
                let rows: Vec<HouseholdMemberRow> = query.build_query_as().fetch_all(pool).await?;
                found.extend(crate::records::households_of_rows(rows)?);
            }
            Ok(found)
        }

        pub async fn household_id_by_ref(conn: &mut Conn, household_ref: &str) -> Result<Option<i64>> {
            Ok(sqlx::query_scalar("SELECT household_id FROM households WHERE household_ref = $1")
                .bind(household_ref)
                .fetch_optional(&mut *conn)
                .await?)
        }

        pub async fn insert_household(
            conn: &mut Conn,
            h: &HouseholdFields,
            import_id: Option<i64>,
        ) -> Result<i64> {
            let ids = insert_households(conn, &[h], import_id).await?;
            ids.first().map(|(id, _)| *id).ok_or(StoreError::NotFound)
        }

        pub async fn write_household(conn: &mut Conn, id: i64, h: &HouseholdFields) -> Result<()> {
            let done = sqlx::query(
                "UPDATE households SET household_ref = $1, oblast_code = $2, rayon_code = $3, aiyl_okmotu = $4, \
                 village = $5, place_key = $6, phone = $7, benefit_since = $8, benefit_monthly_tyiyn = $9, \
                 consent = $10, updated_at = $11, language = $13 WHERE household_id = $12",
            )
            .bind(&h.household_ref)
            .bind(&h.oblast)
            .bind(&h.rayon)
            .bind(&h.aiyl_okmotu)
            .bind(&h.village)
            .bind(place_key(h))
            .bind(h.phone.as_ref().map(|p| p.as_str().to_string()))
            .bind(h.benefit.map(|b| b.since))
            .bind(h.benefit.map(|b| b.monthly.minor()))
            .bind(h.consent)
            .bind(OffsetDateTime::now_utc())
            .bind(id)
            .bind(h.language.code())
            .execute(&mut *conn)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(())
        }

        pub async fn insert_member(conn: &mut Conn, household_id: i64, m: &MemberFields) -> Result<i64> {
            let now = OffsetDateTime::now_utc();
            Ok(sqlx::query_scalar(
                "INSERT INTO members (household_id, pin, full_name, full_name_latin, name_key, birth_date, sex, \
                 relation, disability, review, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING member_id",
            )
            .bind(household_id)
            .bind(m.pin.as_str())
            .bind(&m.full_name)
            .bind(&m.full_name_latin)
            .bind(name_key(m))
            .bind(m.birth_date)
            .bind(m.sex.code())
            .bind(m.relation.code())
            .bind(m.disability.code())
            .bind(m.warnings.join(" "))
            .bind(now)
            .fetch_one(&mut *conn)
            .await?)
        }

        pub async fn write_member(conn: &mut Conn, member_id: i64, household_id: i64, m: &MemberFields) -> Result<()> {
            sqlx::query(
                "UPDATE members SET household_id = $1, pin = $2, full_name = $3, full_name_latin = $4, \
                 name_key = $5, birth_date = $6, sex = $7, relation = $8, disability = $9, review = $10, \
                 updated_at = $11 WHERE member_id = $12",
            )
            .bind(household_id)
            .bind(m.pin.as_str())
            .bind(&m.full_name)
            .bind(&m.full_name_latin)
            .bind(name_key(m))
            .bind(m.birth_date)
            .bind(m.sex.code())
            .bind(m.relation.code())
            .bind(m.disability.code())
            .bind(m.warnings.join(" "))
            .bind(OffsetDateTime::now_utc())
            .bind(member_id)
            .execute(&mut *conn)
            .await?;
            Ok(())
        }

        pub async fn member_in(conn: &mut Conn, member_id: i64) -> Result<MemberRecord> {
            let sql = format!("SELECT {MEMBER_COLUMNS} FROM members m WHERE m.member_id = $1");
            let row: MemberRow = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(member_id)
                .fetch_optional(&mut *conn)
                .await?
                .ok_or(StoreError::NotFound)?;
            row.record()
        }

        pub async fn member_by_pin(conn: &mut Conn, pin: &str) -> Result<Option<MemberRecord>> {
            let sql = format!("SELECT {MEMBER_COLUMNS} FROM members m WHERE m.pin = $1");
            let row: Option<MemberRow> =
                sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(pin).fetch_optional(&mut *conn).await?;
            row.as_ref().map(MemberRow::record).transpose()
        }

        pub async fn member(pool: &Pool<Db>, member_id: i64) -> Result<MemberRecord> {
            let mut conn = pool.acquire().await?;
            member_in(&mut conn, member_id).await
        }

        pub async fn record_change(
            conn: &mut Conn,
            by: &Actor,
            household_id: i64,
            what: &str,
            before: Option<serde_json::Value>,
            after: serde_json::Value,
        ) -> Result<()> {
            record_import_change(conn, by, household_id, what, before, after, None).await
        }

        /// A change to a household's history, made by the import `import_id` if one is given.
        pub async fn record_import_change(
            conn: &mut Conn,
            by: &Actor,
            household_id: i64,
            what: &str,
            before: Option<serde_json::Value>,
            after: serde_json::Value,
            import_id: Option<i64>,
        ) -> Result<()> {
            let named = import_id.map(|id| ("import_id", id));
            record_change_naming(conn, by, household_id, what, before, after, named).await
        }

        /// A change to a household's history naming what made it (`import_id`, `grievance_id`).
        async fn record_change_naming(
            conn: &mut Conn,
            by: &Actor,
            household_id: i64,
            what: &str,
            before: Option<serde_json::Value>,
            after: serde_json::Value,
            named: Option<(&'static str, i64)>,
        ) -> Result<()> {
            let now = OffsetDateTime::now_utc();
            // The columns named only by an import or a grievance: the other writes run on any
            // schema since 0001 (the migration tests write through them before migrating further).
            let (column, value) = match named {
                Some((column, _)) => (format!(", {column}"), ", $8"),
                None => (String::new(), ""),
            };
            let sql = format!(
                "INSERT INTO household_changes (household_id, actor, source, what, before_json, after_json, \
                 created_at, updated_at{column}) VALUES ($1, $2, $3, $4, $5, $6, $7, $7{value})"
            );
            let mut insert = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(household_id)
                .bind(&by.name)
                .bind(by.source.code())
                .bind(what)
                .bind(before.map(|b| b.to_string()))
                .bind(after.to_string())
                .bind(now);
            if let Some((_, id)) = named {
                insert = insert.bind(id);
            }
            insert.execute(&mut *conn).await?;
            Ok(())
        }

        /// The grievance's step that names a correction it led to: refused
        /// (`grievance.closed_already`) once the grievance is closed.
        async fn note_correction(conn: &mut Conn, by: &Actor, grievance: i64, detail: &str) -> Result<()> {
            let noted = sqlx::query(
                "INSERT INTO grievance_events (grievance_id, step, level, detail, created_by, created_at) \
                 SELECT grievance_id, 'corrected', level, $2, $3, $4 FROM grievances \
                 WHERE grievance_id = $1 AND status <> 'closed'",
            )
            .bind(grievance)
            .bind(detail)
            .bind(&by.name)
            .bind(OffsetDateTime::now_utc())
            .execute(&mut *conn)
            .await?
            .rows_affected();
            if noted != 1 {
                return Err(StoreError::Conflict("grievance.closed_already"));
            }
            Ok(())
        }

        pub async fn create_household(
            pool: &Pool<Db>,
            by: &Actor,
            h: &HouseholdFields,
            members: &[MemberFields],
        ) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let id = insert_household(&mut tx, h, None).await?;
            let mut snapshots = Vec::new();
            for m in members {
                insert_member(&mut tx, id, m).await?;
                snapshots.push(snapshot_member(m));
            }
            let after = serde_json::json!({ "household": snapshot_household(h), "members": snapshots });
            let entry = AuditEntry::new(by, "household.create", format!("household:{id}"), serde_json::json!({ "after": after }));
            record_change(&mut tx, by, id, "household.create", None, after).await?;
            write_audit(&mut tx, slot, &entry).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub async fn update_household(pool: &Pool<Db>, by: &Actor, id: i64, h: &HouseholdFields, grievance: Option<i64>) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let before = household_in(&mut tx, id).await?;
            if before.fields == *h {
                return Ok(());
            }
            write_household(&mut tx, id, h).await?;
            let (b, a) = (snapshot_household(&before.fields), snapshot_household(h));
            let mut detail = serde_json::json!({ "before": b, "after": a });
            if let Some(g) = grievance {
                detail["grievance"] = serde_json::json!(g);
                note_correction(&mut tx, by, g, &h.household_ref).await?;
            }
            let entry = AuditEntry::new(by, "household.update", format!("household:{id}"), detail);
            let named = grievance.map(|g| ("grievance_id", g));
            record_change_naming(&mut tx, by, id, "household.update", Some(b), a, named).await?;
            write_audit(&mut tx, slot, &entry).await?;
            tx.commit().await?;
            Ok(())
        }

        pub async fn add_member(pool: &Pool<Db>, by: &Actor, household_id: i64, m: &MemberFields) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            household_in(&mut tx, household_id).await?;
            let id = insert_member(&mut tx, household_id, m).await?;
            let entry = AuditEntry::new(by, "member.create", format!("member:{id}"), serde_json::json!({ "after": snapshot_member(m) }));
            record_change(&mut tx, by, household_id, "member.create", None, snapshot_member(m)).await?;
            write_audit(&mut tx, slot, &entry).await?;
            tx.commit().await?;
            Ok(id)
        }

        /// Returns the member's household.
        pub async fn update_member(pool: &Pool<Db>, by: &Actor, member_id: i64, m: &MemberFields, grievance: Option<i64>) -> Result<i64> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let before = member_in(&mut tx, member_id).await?;
            if before.fields == *m {
                return Ok(before.household_id);
            }
            write_member(&mut tx, member_id, before.household_id, m).await?;
            let (b, a) = (snapshot_member(&before.fields), snapshot_member(m));
            let mut detail = serde_json::json!({ "before": b, "after": a });
            if let Some(g) = grievance {
                detail["grievance"] = serde_json::json!(g);
                // The grievance's step names the household, never the person's data.
                let household_ref: String = sqlx::query_scalar("SELECT household_ref FROM households WHERE household_id = $1")
                    .bind(before.household_id)
                    .fetch_one(&mut *tx)
                    .await?;
                note_correction(&mut tx, by, g, &household_ref).await?;
            }
            let entry = AuditEntry::new(by, "member.update", format!("member:{member_id}"), detail);
            let named = grievance.map(|g| ("grievance_id", g));
            record_change_naming(&mut tx, by, before.household_id, "member.update", Some(b), a, named).await?;
            write_audit(&mut tx, slot, &entry).await?;
            tx.commit().await?;
            Ok(before.household_id)
        }

        pub async fn history(pool: &Pool<Db>, household_id: i64) -> Result<Vec<Change>> {
            #[derive(sqlx::FromRow)]
            struct Row {
                change_id: i64,
                actor: String,
                source: String,
                what: String,
                before_json: Option<String>,
                after_json: String,
                created_at: OffsetDateTime,
                grievance_id: Option<i64>,
                grievance_year: Option<i32>,
                grievance_seq: Option<i32>,
            }
            let rows: Vec<Row> = sqlx::query_as(
                "SELECT c.change_id, c.actor, c.source, c.what, c.before_json, c.after_json, c.created_at, \
                 c.grievance_id, g.year AS grievance_year, g.seq AS grievance_seq \
                 FROM household_changes c LEFT JOIN grievances g ON g.grievance_id = c.grievance_id \
                 WHERE c.household_id = $1 ORDER BY c.change_id DESC",
            )
            .bind(household_id)
            .fetch_all(pool)
            .await?;
            let parse = |s: &str| serde_json::from_str(s).map_err(|e| StoreError::Corrupt(e.to_string()));
            rows.into_iter()
                .map(|r| {
                    Ok(Change {
                        id: r.change_id,
                        actor: r.actor,
                        source: r.source,
                        what: r.what,
                        before: r.before_json.as_deref().map(parse).transpose()?,
                        after: parse(&r.after_json)?,
                        at: r.created_at,
                        grievance: match (r.grievance_id, r.grievance_year, r.grievance_seq) {
                            (Some(id), Some(year), Some(seq)) => Some((
                                id,
                                emgek_domain::grievance::case::GrievanceNumber { year, seq: seq as u32 }.to_string(),
                            )),
                            _ => None,
                        },
                    })
                })
                .collect()
        }

        pub async fn export_rows<E>(
            pool: &Pool<Db>,
            filter: &HouseholdFilter,
            mut each: impl FnMut(ExportRow) -> std::result::Result<(), E>,
        ) -> Result<std::result::Result<(), E>> {
            let mut query = QueryBuilder::<Db>::new(format!(
                "SELECT {HOUSEHOLD_COLUMNS}, {MEMBER_COLUMNS} FROM households h \
                 JOIN members m ON m.household_id = h.household_id WHERE 1 = 1"
            ));
            push_filter(&mut query, filter);
            query.push(" ORDER BY h.household_id, m.member_id");
            let mut rows = query.build().fetch(pool);
            while let Some(row) = rows.try_next().await? {
                use sqlx::FromRow;
                let household = HouseholdRow::from_row(&row)?.fields()?.to_input();
                let member = MemberRow::from_row(&row)?.record()?.fields.to_input();
                if let Err(e) = each(ExportRow { household, member }) {
                    return Ok(Err(e));
                }
            }
            Ok(Ok(()))
        }

        pub async fn insert_import(conn: &mut Conn, log: &ImportLog) -> Result<i64> {
            Ok(sqlx::query_scalar(
                "INSERT INTO imports (actor, file_name, all_or_nothing, committed, rows_read, rows_rejected, \
                 households_created, members_created, members_updated, state, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING import_id",
            )
            .bind(&log.actor)
            .bind(&log.file_name)
            .bind(log.all_or_nothing)
            .bind(log.committed)
            .bind(log.rows_read)
            .bind(log.rows_rejected)
            .bind(log.households_created)
            .bind(log.members_created)
            .bind(log.members_updated)
            .bind(log.state())
            .bind(log.at)
            .fetch_one(&mut *conn)
            .await?)
        }

        pub async fn finish_import(conn: &mut Conn, log: &ImportLog) -> Result<()> {
            sqlx::query(
                "UPDATE imports SET committed = $1, rows_read = $2, rows_rejected = $3, households_created = $4, \
                 members_created = $5, members_updated = $6, updated_at = $7, state = $9, file_name = $10, \
                 all_or_nothing = $11 WHERE import_id = $8",
            )
            .bind(log.committed)
            .bind(log.rows_read)
            .bind(log.rows_rejected)
            .bind(log.households_created)
            .bind(log.members_created)
            .bind(log.members_updated)
            .bind(OffsetDateTime::now_utc())
            .bind(log.id)
            .bind(log.state())
            .bind(&log.file_name)
            .bind(log.all_or_nothing)
            .execute(&mut *conn)
            .await?;
            Ok(())
        }

        pub async fn imports(pool: &Pool<Db>, limit: i64) -> Result<Vec<ImportLog>> {
            Ok(sqlx::query_as(
                "SELECT import_id AS id, actor, file_name, all_or_nothing, committed, rows_read, rows_rejected, \
                 households_created, members_created, members_updated, created_at AS at \
                 FROM imports WHERE state <> 'running' ORDER BY import_id DESC LIMIT $1",
            )
            .bind(limit)
            .fetch_all(pool)
            .await?)
        }
    };
}

pub(crate) use queries;
