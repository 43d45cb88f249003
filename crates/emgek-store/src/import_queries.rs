//! SQL for the household import's batches, compiled for each backend like `queries.rs`: a
//! batch's known people and households in one query each, its new ones in one insert each.

macro_rules! import_queries {
    () => {
        /// Saves an office's mapping under a name, replacing the one of that name; audited.
        pub async fn save_import_profile(pool: &Pool<Db>, by: &Actor, p: &crate::import::ImportProfileRow) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            let now = OffsetDateTime::now_utc();
            sqlx::query(
                "INSERT INTO import_profiles (office, kind, name, columns, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) \
                 ON CONFLICT (office, kind, name) \
                 DO UPDATE SET columns = excluded.columns, created_by = excluded.created_by, updated_at = excluded.updated_at",
            )
            .bind(&p.office)
            .bind(&p.kind)
            .bind(&p.name)
            .bind(&p.columns)
            .bind(&by.name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let detail =
                serde_json::json!({ "office": p.office, "kind": p.kind, "name": p.name, "columns": p.columns });
            write_audit(&mut tx, slot, &AuditEntry::new(by, "import.profile", format!("import_profile:{}", p.name), detail))
                .await?;
            tx.commit().await?;
            Ok(())
        }

        /// Every saved mapping of a kind of file, by office and name.
        pub async fn import_profiles(pool: &Pool<Db>, kind: &str) -> Result<Vec<crate::import::ImportProfileRow>> {
            Ok(sqlx::query_as(
                "SELECT office, kind, name, columns, created_by FROM import_profiles WHERE kind = $1 ORDER BY office, name",
            )
            .bind(kind)
            .fetch_all(pool)
            .await?)
        }

        /// The households of these registry numbers or ids (fields only, no members), in one query.
        pub async fn households_by(conn: &mut Conn, keys: HouseholdKeys<'_>) -> Result<Vec<(i64, HouseholdFields)>> {
            let column = match keys {
                HouseholdKeys::Refs(r) if r.is_empty() => return Ok(Vec::new()),
                HouseholdKeys::Ids(i) if i.is_empty() => return Ok(Vec::new()),
                HouseholdKeys::Refs(_) => "h.household_ref",
                HouseholdKeys::Ids(_) => "h.household_id",
            };
            let mut query =
                QueryBuilder::<Db>::new(format!("SELECT {HOUSEHOLD_COLUMNS} FROM households h WHERE {column} IN ("));
            let mut each = query.separated(", ");
            match keys {
                HouseholdKeys::Refs(refs) => refs.iter().for_each(|r| {
                    each.push_bind(r.to_string());
                }),
                HouseholdKeys::Ids(ids) => ids.iter().for_each(|i| {
                    each.push_bind(*i);
                }),
            }
            query.push(")");
            let rows: Vec<HouseholdRow> = query.build_query_as().fetch_all(&mut *conn).await?;
            rows.iter().map(|r| Ok((r.household_id, r.fields()?))).collect()
        }

        /// The people of these PINs, in one query.
        pub async fn members_by_pins(conn: &mut Conn, pins: &[&str]) -> Result<Vec<MemberRecord>> {
            if pins.is_empty() {
                return Ok(Vec::new());
            }
            let mut query = QueryBuilder::<Db>::new(format!("SELECT {MEMBER_COLUMNS} FROM members m WHERE m.pin IN ("));
            let mut each = query.separated(", ");
            for pin in pins {
                each.push_bind(*pin);
            }
            query.push(")");
            let rows: Vec<MemberRow> = query.build_query_as().fetch_all(&mut *conn).await?;
            rows.iter().map(MemberRow::record).collect()
        }

        /// New households in one statement; their ids by registry number.
        pub async fn insert_households(
            conn: &mut Conn,
            households: &[&HouseholdFields],
            import_id: Option<i64>,
        ) -> Result<Vec<(i64, String)>> {
            if households.is_empty() {
                return Ok(Vec::new());
            }
            let now = OffsetDateTime::now_utc();
            let mut query = QueryBuilder::<Db>::new(
                "INSERT INTO households (household_ref, oblast_code, rayon_code, aiyl_okmotu, village, place_key, \
                 phone, benefit_since, benefit_monthly_tyiyn, consent, language, import_id, created_at, updated_at) ",
            );
            query.push_values(households, |mut b, h| {
                b.push_bind(&h.household_ref)
                    .push_bind(&h.oblast)
                    .push_bind(&h.rayon)
                    .push_bind(&h.aiyl_okmotu)
                    .push_bind(&h.village)
                    .push_bind(place_key(h))
                    .push_bind(h.phone.as_ref().map(|p| p.as_str().to_string()))
                    .push_bind(h.benefit.map(|b| b.since))
                    .push_bind(h.benefit.map(|b| b.monthly.minor()))
                    .push_bind(h.consent)
                    .push_bind(h.language.code())
                    .push_bind(import_id)
                    .push_bind(now)
                    .push_bind(now);
            });
            query.push(" RETURNING household_id, household_ref");
            Ok(query.build_query_as().fetch_all(&mut *conn).await?)
        }

        /// New people in one statement, each with the import that added it to a household that
        /// was there before (none for a household new in the same import: it goes with it).
        pub async fn insert_members(conn: &mut Conn, members: &[(i64, &MemberFields, Option<i64>)]) -> Result<()> {
            if members.is_empty() {
                return Ok(());
            }
            let now = OffsetDateTime::now_utc();
            let mut query = QueryBuilder::<Db>::new(
                "INSERT INTO members (household_id, pin, full_name, full_name_latin, name_key, birth_date, sex, \
                 relation, disability, review, import_id, created_at, updated_at) ",
            );
            query.push_values(members, |mut b, (household_id, m, import_id)| {
                b.push_bind(*household_id)
                    .push_bind(m.pin.as_str().to_string())
                    .push_bind(&m.full_name)
                    .push_bind(&m.full_name_latin)
                    .push_bind(name_key(m))
                    .push_bind(m.birth_date)
                    .push_bind(m.sex.code())
                    .push_bind(m.relation.code())
                    .push_bind(m.disability.code())
                    .push_bind(m.warnings.join(" "))
                    .push_bind(*import_id)
                    .push_bind(now)
                    .push_bind(now);
            });
            query.build().execute(&mut *conn).await?;
            Ok(())
        }

        /// Keeps a household as it is, before the import changes it (its first state only).
        pub async fn keep_household_before(conn: &mut Conn, import_id: i64, household_id: i64) -> Result<()> {
            sqlx::query(
                "INSERT INTO import_undo_households (import_id, household_id, household_ref, oblast_code, \
                 rayon_code, aiyl_okmotu, village, place_key, phone, benefit_since, benefit_monthly_tyiyn, consent, \
                 language, updated_at) SELECT $1, household_id, household_ref, oblast_code, rayon_code, aiyl_okmotu, \
                 village, place_key, phone, benefit_since, benefit_monthly_tyiyn, consent, language, updated_at FROM households \
                 WHERE household_id = $2 ON CONFLICT DO NOTHING",
            )
            .bind(import_id)
            .bind(household_id)
            .execute(&mut *conn)
            .await?;
            Ok(())
        }

        /// Keeps a person as she is, before the import changes her (her first state only).
        pub async fn keep_member_before(conn: &mut Conn, import_id: i64, member_id: i64) -> Result<()> {
            sqlx::query(
                "INSERT INTO import_undo_members (import_id, member_id, household_id, pin, full_name, \
                 full_name_latin, name_key, birth_date, sex, relation, disability, review, updated_at) \
                 SELECT $1, member_id, household_id, pin, full_name, full_name_latin, name_key, birth_date, sex, \
                 relation, disability, review, updated_at FROM members WHERE member_id = $2 ON CONFLICT DO NOTHING",
            )
            .bind(import_id)
            .bind(member_id)
            .execute(&mut *conn)
            .await?;
            Ok(())
        }

        /// Forgets what a finished import kept for its undoing.
        pub async fn forget_undo(conn: &mut Conn, import_id: i64) -> Result<()> {
            sqlx::query("DELETE FROM import_undo_members WHERE import_id = $1").bind(import_id).execute(&mut *conn).await?;
            sqlx::query("DELETE FROM import_undo_households WHERE import_id = $1")
                .bind(import_id)
                .execute(&mut *conn)
                .await?;
            Ok(())
        }

        /// The imports begun and neither done nor undone.
        pub async fn running_imports(pool: &Pool<Db>) -> Result<Vec<i64>> {
            Ok(sqlx::query_scalar("SELECT import_id FROM imports WHERE state = 'running' ORDER BY import_id")
                .fetch_all(pool)
                .await?)
        }

        /// The households an import created, to be taken out when it is undone.
        pub async fn households_of_import(pool: &Pool<Db>, import_id: i64) -> Result<Vec<i64>> {
            Ok(sqlx::query_scalar("SELECT household_id FROM households WHERE import_id = $1")
                .bind(import_id)
                .fetch_all(pool)
                .await?)
        }

        /// One step of undoing an import, in a short transaction of its own: up to `UNDO_STEP`
        /// households and people put back as they were, or history rows and added people taken
        /// out. False once nothing of this kind is left.
        pub async fn undo_import_step(pool: &Pool<Db>, import_id: i64) -> Result<bool> {
            let mut tx = begin(pool).await?;
            let households: Vec<i64> = sqlx::query_scalar(
                "SELECT household_id FROM import_undo_households WHERE import_id = $1 ORDER BY household_id LIMIT $2",
            )
            .bind(import_id)
            .bind(crate::import_undo::UNDO_STEP)
            .fetch_all(&mut *tx)
            .await?;
            let members: Vec<i64> = sqlx::query_scalar(
                "SELECT member_id FROM import_undo_members WHERE import_id = $1 ORDER BY member_id LIMIT $2",
            )
            .bind(import_id)
            .bind(crate::import_undo::UNDO_STEP)
            .fetch_all(&mut *tx)
            .await?;
            let mut done = 0;
            if !households.is_empty() {
                let mut q = QueryBuilder::<Db>::new(
                    "UPDATE households SET household_ref = u.household_ref, oblast_code = u.oblast_code, \
                     rayon_code = u.rayon_code, aiyl_okmotu = u.aiyl_okmotu, village = u.village, \
                     place_key = u.place_key, phone = u.phone, benefit_since = u.benefit_since, \
                     benefit_monthly_tyiyn = u.benefit_monthly_tyiyn, consent = u.consent, language = u.language, \
                     updated_at = u.updated_at \
                     FROM import_undo_households u WHERE u.import_id = ",
                );
                q.push_bind(import_id).push(" AND u.household_id = households.household_id AND u.household_id IN (");
                push_ids(&mut q, &households);
                q.build().execute(&mut *tx).await?;
                let mut q = QueryBuilder::<Db>::new("DELETE FROM import_undo_households WHERE import_id = ");
                q.push_bind(import_id).push(" AND household_id IN (");
                push_ids(&mut q, &households);
                done += q.build().execute(&mut *tx).await?.rows_affected();
            }
            if !members.is_empty() {
                let mut q = QueryBuilder::<Db>::new(
                    "UPDATE members SET household_id = u.household_id, pin = u.pin, full_name = u.full_name, \
                     full_name_latin = u.full_name_latin, name_key = u.name_key, birth_date = u.birth_date, \
                     sex = u.sex, relation = u.relation, disability = u.disability, review = u.review, \
                     updated_at = u.updated_at FROM import_undo_members u WHERE u.import_id = ",
                );
                q.push_bind(import_id).push(" AND u.member_id = members.member_id AND u.member_id IN (");
                push_ids(&mut q, &members);
                q.build().execute(&mut *tx).await?;
                let mut q = QueryBuilder::<Db>::new("DELETE FROM import_undo_members WHERE import_id = ");
                q.push_bind(import_id).push(" AND member_id IN (");
                push_ids(&mut q, &members);
                done += q.build().execute(&mut *tx).await?.rows_affected();
            }
            if done == 0 {
                // Everything changed is back: now what the import added, a step at a time.
                for sql in [
                    "DELETE FROM household_changes WHERE change_id IN \
                     (SELECT change_id FROM household_changes WHERE import_id = $1 LIMIT $2)",
                    "DELETE FROM members WHERE member_id IN \
                     (SELECT member_id FROM members WHERE import_id = $1 LIMIT $2)",
                ] {
                    done += sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(import_id)
                        .bind(crate::import_undo::UNDO_STEP)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                    if done > 0 {
                        break;
                    }
                }
            }
            tx.commit().await?;
            Ok(done > 0)
        }

        /// Takes out households an import created, with their people and history.
        pub async fn remove_households(pool: &Pool<Db>, ids: &[i64]) -> Result<()> {
            if ids.is_empty() {
                return Ok(());
            }
            let mut tx = begin(pool).await?;
            for table in ["household_changes", "members", "households"] {
                let mut q = QueryBuilder::<Db>::new(format!("DELETE FROM {table} WHERE household_id IN ("));
                push_ids(&mut q, ids);
                q.build().execute(&mut *tx).await?;
            }
            tx.commit().await
        }

        /// Marks an import undone and says so in the audit log.
        pub async fn close_undone_import(pool: &Pool<Db>, import_id: i64, entry: &AuditEntry) -> Result<()> {
            let mut tx = begin(pool).await?;
            let slot = reserve_audit(&mut tx).await?;
            sqlx::query(
                "UPDATE imports SET state = 'undone', committed = $1, households_created = 0, members_created = 0, \
                 members_updated = 0, updated_at = $2 WHERE import_id = $3",
            )
            .bind(false)
            .bind(OffsetDateTime::now_utc())
            .bind(import_id)
            .execute(&mut *tx)
            .await?;
            write_audit(&mut tx, slot, entry).await?;
            tx.commit().await
        }

        fn push_ids(q: &mut QueryBuilder<Db>, ids: &[i64]) {
            let mut each = q.separated(", ");
            for id in ids {
                each.push_bind(*id);
            }
            each.push_unseparated(")");
        }
    };
}

pub(crate) use import_queries;
