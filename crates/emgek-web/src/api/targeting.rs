//! Targeting through the API: the households of the registry that meet a programme's rules in
//! force, ranked by priority, so that a district can invite them before they apply.

use std::sync::Arc;
use std::time::Instant;

use crate::api::json::Json;
use crate::api::json::{Path, Query};
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::geography::{self, RAYONS};
use emgek_domain::social_contract::targeting::Registry;
use emgek_store::StoreError;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use super::ApiLang;
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::ApiError;
use crate::state::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new().route(declared_api("/programmes/{id}/targeting"), get(targeting))
}

/// The registry as targeting holds it, kept while the data does not change: reading a whole
/// country takes seconds, ranking it from memory a fraction of one.
#[derive(Default)]
pub struct Held {
    current: tokio::sync::Mutex<Option<(i64, Arc<Registry>)>>,
}

async fn registry(state: &AppState) -> Result<Arc<Registry>, StoreError> {
    let version = state.store.data_version().await?;
    // One reading at a time: a second request waits for the first's instead of reading again.
    let mut current = state.targeting.current.lock().await;
    if let Some((_, r)) = current.as_ref().filter(|(v, _)| *v == version) {
        return Ok(r.clone());
    }
    let r = Arc::new(state.store.targeting_registry().await?);
    *current = Some((version, r.clone()));
    Ok(r)
}

#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct TargetingQuery {
    /// Only this oblast (`KG-C`).
    pub oblast: Option<String>,
    /// Only this rayon (`KG-C-SOK`).
    pub rayon: Option<String>,
    /// How many of the first households to list (default 100, at most 10,000).
    pub limit: Option<usize>,
}

#[derive(Serialize, ToSchema)]
pub struct PointsDto {
    /// `priority.three_or_more_children`, `priority.member_with_disability`, …
    pub reason: String,
    pub text: String,
    pub points: u32,
}

#[derive(Serialize, ToSchema)]
pub struct RankedDto {
    pub rank: u32,
    pub household_id: i64,
    pub oblast: String,
    pub rayon: String,
    pub priority: u32,
    pub points: Vec<PointsDto>,
}

#[derive(Serialize, ToSchema)]
pub struct TargetingDto {
    /// The day of effect of the rules version applied.
    pub rules_from: time::Date,
    /// Households of the selection assessed, and how many meet every rule.
    pub assessed: u64,
    pub eligible: u64,
    /// Milliseconds the ranking took (reading the registry, when it had changed, included).
    pub took_ms: u64,
    pub households: Vec<RankedDto>,
}

/// The eligible households of the caller's places (or of the oblast or rayon asked for), by
/// priority under the programme's rules in force today, each with the points that placed it.
/// Training is not asked of households that have not applied: it is checked at submission.
/// The counts cover the places where the caller reads the registry; households are listed only
/// where she may also see PINs and disability (an analyst gets the counts and no list).
#[utoipa::path(get, path = "/api/v1/programmes/{id}/targeting", tag = "programmes", params(("id" = i64, Path), TargetingQuery),
    responses((status = 200, body = TargetingDto), (status = 404, body = crate::error::ApiErrors), (status = 422, body = crate::error::ApiErrors)))]
pub async fn targeting(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Query(q): Query<TargetingQuery>,
) -> Result<Json<TargetingDto>, ApiError> {
    let started = Instant::now();
    let today = OffsetDateTime::now_utc().date();
    let book = state.store.rule_book(id).await.map_err(|e| ApiError::from_store(&tr, e))?;
    let limit = q.limit.unwrap_or(100);
    let mut errors = Vec::new();
    if limit > 10_000 {
        errors.push(FieldError::new("limit", "number.at_most_10000", limit.to_string()));
    }
    if let Some(o) = q.oblast.as_deref().filter(|o| geography::oblast(o).is_none()) {
        errors.push(FieldError::new("oblast", "oblast.unknown", o));
    }
    if let Some(c) = q.rayon.as_deref().filter(|c| geography::rayon(c).is_none()) {
        errors.push(FieldError::new("rayon", "rayon.unknown", c));
    }
    let rules = book.in_force(today);
    if rules.is_none() {
        errors.push(FieldError::new("programme", "call.no_rules", id.to_string()));
    }
    let (Some(rules), true) = (rules, errors.is_empty()) else {
        return Err(ApiError::validation(&tr, &errors));
    };
    // The counts cover the places where she reads the registry; the households are listed only
    // where she may see why they rank (children, disability): elsewhere the list is empty.
    let reads = user.areas(Permission::ReadRegistry);
    let sees = emgek_app::registry::PersonalData::of(&user.caller(emgek_store::Source::Api));
    let selected = |r: &geography::Rayon| {
        q.oblast.as_deref().is_none_or(|o| o == r.oblast) && q.rayon.as_deref().is_none_or(|c| c == r.code)
    };
    let registry = registry(&state).await.map_err(|e| ApiError::from_store(&tr, e))?;
    let rayon = |i: u16| &RAYONS[usize::from(i)];
    let mut ranking =
        registry.rank(rules, today, |i| sees.sees(rayon(i).oblast, rayon(i).code) && selected(rayon(i)), limit);
    if reads != *sees.areas() {
        let counted =
            registry.rank(rules, today, |i| reads.contains(rayon(i).oblast, rayon(i).code) && selected(rayon(i)), 0);
        (ranking.assessed, ranking.eligible) = (counted.assessed, counted.eligible);
    }
    let households = ranking
        .first
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let rayon = &RAYONS[usize::from(r.rayon)];
            RankedDto {
                rank: u32::try_from(i + 1).unwrap_or(u32::MAX),
                household_id: r.household_id,
                oblast: rayon.oblast.to_string(),
                rayon: rayon.code.to_string(),
                priority: r.priority,
                points: r
                    .points
                    .into_iter()
                    .map(|p| PointsDto {
                        text: tr.t(&format!("check-{}", p.reason.replace(['.', '_'], "-"))),
                        reason: p.reason,
                        points: p.points,
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(Json(TargetingDto {
        rules_from: rules.effective_from,
        assessed: ranking.assessed,
        eligible: ranking.eligible,
        took_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        households,
    }))
}
