//! SQL for targeting, compiled for each backend like `queries.rs`: the whole registry read once,
//! in streams, into the compact form `social_contract::targeting::Registry` ranks.

macro_rules! targeting_queries {
    () => {
        use emgek_domain::social_contract::targeting::{Prospect, Registry};

        /// Every household with its members' birth dates and disabilities, and when it was last
        /// funded; rows are streamed, never all held as rows at once.
        pub async fn targeting_registry(pool: &Pool<Db>) -> Result<Registry> {
            let mut conn = pool.acquire().await?;
            let funded: std::collections::HashMap<i64, Option<OffsetDateTime>> = sqlx::query_as::<
                _,
                (i64, Option<OffsetDateTime>),
            >(
                "SELECT household_id, MAX(updated_at) FROM applications WHERE status = 'funded' GROUP BY household_id",
            )
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect();
            let rayons: std::collections::HashMap<&str, u16> = emgek_domain::geography::RAYONS
                .iter()
                .enumerate()
                .map(|(i, r)| (r.code, u16::try_from(i).unwrap_or(u16::MAX)))
                .collect();
            let mut registry = Registry::default();
            {
                let mut rows = sqlx::query_as::<_, (i64, String, bool)>(
                    "SELECT household_id, rayon_code, benefit_since IS NOT NULL FROM households ORDER BY household_id",
                )
                .fetch(&mut *conn);
                while let Some((household_id, rayon, on_benefit)) = rows.try_next().await? {
                    let last = funded.get(&household_id);
                    registry.households.push(Prospect {
                        household_id,
                        rayon: *rayons
                            .get(rayon.as_str())
                            .ok_or_else(|| StoreError::Corrupt(format!("rayon {rayon}")))?,
                        on_benefit,
                        first: 0,
                        count: 0,
                        last_funded: last.copied().flatten().map(|t| t.date()),
                        active_contract: last.is_some(),
                    });
                }
            }
            let mut rows = sqlx::query_as::<_, (i64, time::Date, String)>(
                "SELECT household_id, birth_date, disability FROM members ORDER BY household_id",
            )
            .fetch(&mut *conn);
            let mut at = 0usize;
            while let Some((household_id, birth, disability)) = rows.try_next().await? {
                while registry.households.get(at).is_some_and(|h| h.household_id < household_id) {
                    at += 1;
                }
                let Some(h) = registry.households.get_mut(at).filter(|h| h.household_id == household_id) else {
                    return Err(StoreError::Corrupt(format!(
                        "a member of household {household_id}, which is not there"
                    )));
                };
                if h.count == 0 {
                    h.first = u32::try_from(registry.members.len())
                        .map_err(|_| StoreError::Corrupt("too many people".into()))?;
                }
                h.count = h.count.saturating_add(1);
                let disability = emgek_domain::household::Disability::parse(&disability)
                    .ok_or_else(|| StoreError::Corrupt(format!("disability {disability}")))?;
                registry.members.push((birth, disability));
            }
            Ok(registry)
        }
    };
}

pub(crate) use targeting_queries;
