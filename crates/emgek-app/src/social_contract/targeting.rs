//! Targeting: the households of the registry that meet a programme's rules in force, ranked by
//! priority, so that a district can invite them before they apply.

use std::sync::Arc;

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::geography::{self, RAYONS};
use emgek_domain::social_contract::targeting::{Ranking, Registry};
use time::Date;

use crate::registry::PersonalData;
use crate::{App, AppError, Caller};

/// The most households one answer lists.
pub const MOST_LISTED: usize = 10_000;

/// The registry as targeting holds it, kept while the data does not change: reading a whole
/// country takes seconds, ranking it from memory a fraction of one.
#[derive(Default)]
pub struct HeldRegistry {
    current: tokio::sync::Mutex<Option<(i64, Arc<Registry>)>>,
}

async fn registry(app: &App) -> Result<Arc<Registry>, AppError> {
    let version = app.store.data_version().await?;
    // One reading at a time: a second request waits for the first's instead of reading again.
    let mut current = app.targeting.current.lock().await;
    if let Some((_, r)) = current.as_ref().filter(|(v, _)| *v == version) {
        return Ok(r.clone());
    }
    let r = Arc::new(app.store.targeting_registry().await?);
    *current = Some((version, r.clone()));
    Ok(r)
}

/// Which households to rank, and how many of the first to list (100 by default).
#[derive(Debug, Default)]
pub struct Selection<'a> {
    pub oblast: Option<&'a str>,
    pub rayon: Option<&'a str>,
    pub limit: Option<usize>,
}

/// The ranking under the rules in force from `rules_from`.
pub struct Targeted {
    pub rules_from: Date,
    pub ranking: Ranking,
}

/// The eligible households of the caller's places (or of the oblast or rayon asked for), by
/// priority under the programme's rules in force today, each with the points that placed it.
/// Training is not asked of households that have not applied: it is checked at submission.
/// The counts cover the places where the caller reads the registry; households are listed only
/// where she may also see PINs and disability (an analyst gets the counts and no list).
pub async fn targeting(app: &App, caller: &Caller, programme: i64, s: Selection<'_>) -> Result<Targeted, AppError> {
    let today = app.clock.today();
    let book = app.store.rule_book(programme).await?;
    let limit = s.limit.unwrap_or(100);
    let mut errors = Vec::new();
    if limit > MOST_LISTED {
        errors.push(FieldError::new("limit", "number.at_most_10000", limit.to_string()));
    }
    if let Some(o) = s.oblast.filter(|o| geography::oblast(o).is_none()) {
        errors.push(FieldError::new("oblast", "oblast.unknown", o));
    }
    if let Some(c) = s.rayon.filter(|c| geography::rayon(c).is_none()) {
        errors.push(FieldError::new("rayon", "rayon.unknown", c));
    }
    let rules = book.in_force(today);
    if rules.is_none() {
        errors.push(FieldError::new("programme", "call.no_rules", programme.to_string()));
    }
    let (Some(rules), true) = (rules, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let reads = caller.areas(Permission::ReadRegistry);
    let sees = PersonalData::of(caller);
    let selected = |r: &geography::Rayon| s.oblast.is_none_or(|o| o == r.oblast) && s.rayon.is_none_or(|c| c == r.code);
    let registry = registry(app).await?;
    let rayon = |i: u16| &RAYONS[usize::from(i)];
    let mut ranking =
        registry.rank(rules, today, |i| sees.sees(rayon(i).oblast, rayon(i).code) && selected(rayon(i)), limit);
    if reads != *sees.areas() {
        let counted =
            registry.rank(rules, today, |i| reads.contains(rayon(i).oblast, rayon(i).code) && selected(rayon(i)), 0);
        (ranking.assessed, ranking.eligible) = (counted.assessed, counted.eligible);
    }
    Ok(Targeted { rules_from: rules.effective_from, ranking })
}

#[cfg(test)]
mod tests {
    use emgek_domain::access::{Access, Grant, Role, Scope};
    use emgek_store::Source;

    use super::*;
    use crate::testing::on_both_backends;

    fn caller(role: Role, scope: &str) -> Caller {
        let access = Access::new(vec![Grant { role, scope: Scope::parse(scope).unwrap() }]);
        Caller::user(9, role.code(), access, Source::Api, "")
    }

    async fn a_case_worker_sees_her_rayons_ranking_and_an_analyst_only_the_counts(app: App) {
        emgek_exchange::demo::load_if_empty(&app.store, 800, app.clock.today()).await.unwrap();
        crate::demo::create_social_contract_if_none(&app).await.unwrap();
        let worker = caller(Role::CaseWorker, "rayon:KG-O-KSU");
        let mine = targeting(&app, &worker, 1, Selection::default()).await.unwrap().ranking;
        assert!(!mine.first.is_empty());
        assert!(mine.first.iter().all(|r| RAYONS[usize::from(r.rayon)].code == "KG-O-KSU"));
        assert!(mine.first.windows(2).all(|w| w[0].priority >= w[1].priority), "by priority");
        let analyst = caller(Role::HqAnalyst, "country");
        let counts = targeting(&app, &analyst, 1, Selection::default()).await.unwrap().ranking;
        assert!(counts.first.is_empty(), "no household listed to a reader who may not see why it ranks");
        assert!(counts.eligible >= mine.eligible && counts.assessed > mine.assessed);
        let wrong = Selection { rayon: Some("KG-X-XXX"), limit: Some(MOST_LISTED + 1), ..Default::default() };
        let Err(AppError::Invalid(errors)) = targeting(&app, &worker, 1, wrong).await else { panic!("refused") };
        let rules: Vec<&str> = errors.iter().map(|e| e.rule).collect();
        assert_eq!(rules, ["number.at_most_10000", "rayon.unknown"]);
    }

    on_both_backends!(a_case_worker_sees_her_rayons_ranking_and_an_analyst_only_the_counts);
}
