//! SQL for the household import's batches, compiled for each backend like `queries.rs`: a
//! batch's known people and households in one query each, its new ones in one insert each.

macro_rules! import_queries {
    () => {
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
                 phone, benefit_since, benefit_monthly_tyiyn, consent, import_id, created_at, updated_at) ",
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
                    .push_bind(import_id)
                    .push_bind(now)
                    .push_bind(now);
            });
            query.push(" RETURNING household_id, household_ref");
            Ok(query.build_query_as().fetch_all(&mut *conn).await?)
        }

        /// New people in one statement.
        pub async fn insert_members(conn: &mut Conn, members: &[(i64, &MemberFields)]) -> Result<()> {
            if members.is_empty() {
                return Ok(());
            }
            let now = OffsetDateTime::now_utc();
            let mut query = QueryBuilder::<Db>::new(
                "INSERT INTO members (household_id, pin, full_name, full_name_latin, name_key, birth_date, sex, \
                 relation, disability, review, created_at, updated_at) ",
            );
            query.push_values(members, |mut b, (household_id, m)| {
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
                    .push_bind(now)
                    .push_bind(now);
            });
            query.build().execute(&mut *conn).await?;
            Ok(())
        }
    };
}

pub(crate) use import_queries;
