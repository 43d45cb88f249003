//! Targeting through the API: the households of the registry that meet a programme's rules in
//! force, ranked by priority, so that a district can invite them before they apply.

use std::time::Instant;

use crate::api::json::Json;
use crate::api::json::{Path, Query};
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use emgek_app::social_contract::targeting;
use emgek_domain::geography::RAYONS;
use emgek_store::Source;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::ApiLang;
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::ApiError;
use crate::state::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new().route(declared_api("/programmes/{id}/targeting"), get(targeting))
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
    let selection = targeting::Selection { oblast: q.oblast.as_deref(), rayon: q.rayon.as_deref(), limit: q.limit };
    let targeting::Targeted { rules_from, ranking } =
        targeting::targeting(state.app(), &user.caller(Source::Api), id, selection).await?;
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
        rules_from,
        assessed: ranking.assessed,
        eligible: ranking.eligible,
        took_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        households,
    }))
}
