//! District commissions, their members' reviews and decisions, and the allocation run.

use emgek_app::review::Scorecard;
use std::collections::BTreeMap;

use crate::api::json::Json;
use crate::api::json::Path;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use emgek_domain::access::Permission;
use emgek_domain::social_contract::review::{ConflictRule, Recommendation};
use emgek_store::Source;
use emgek_store::programmes::ReviewRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiLang;
use super::programmes::Created;
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/calls/{id}/commissions"), post(create_commission))
        .route(declared_api("/commissions/{id}/members"), post(add_member))
        .route(declared_api("/applications/{id}/reviews"), post(review).get(list_reviews))
        .route(declared_api("/applications/{id}/decision"), post(decide))
        .route(declared_api("/calls/{id}/allocation"), post(run_allocation))
}

#[derive(Deserialize, ToSchema)]
pub struct NewCommission {
    /// The rayon whose applications it reviews.
    pub rayon: String,
    pub name: String,
    /// Reviews without conflict needed before a decision.
    pub quorum: u32,
    pub conflict_rule: ConflictRule,
}

/// Set up a district commission for a call (administrators).
#[utoipa::path(post, path = "/api/v1/calls/{id}/commissions", tag = "review", params(("id" = i64, Path)), request_body = NewCommission,
    responses((status = 201, body = Created), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn create_commission(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(call): Path<i64>,
    Json(body): Json<NewCommission>,
) -> Result<Response, ApiError> {
    let quorum = body.quorum.to_string();
    let c = emgek_app::social_contract::NewCommission {
        rayon: &body.rayon,
        name: &body.name,
        quorum: &quorum,
        conflict_rule: body.conflict_rule.code(),
    };
    let id = emgek_app::social_contract::create_commission(state.app(), &user.caller(Source::Api), call, c)
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

#[derive(Deserialize, ToSchema)]
pub struct NewMember {
    pub user_id: i64,
    /// Where the member lives: the conflict-of-interest rule compares it with the family's.
    pub aiyl_okmotu: String,
}

/// Add a member to a commission (administrators).
#[utoipa::path(post, path = "/api/v1/commissions/{id}/members", tag = "review", params(("id" = i64, Path)), request_body = NewMember,
    responses((status = 204), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors)))]
pub async fn add_member(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(body): Json<NewMember>,
) -> Result<StatusCode, ApiError> {
    emgek_app::social_contract::add_commission_member(
        state.app(),
        &user.caller(Source::Api),
        id,
        body.user_id,
        &body.aiyl_okmotu,
    )
    .await
    .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct NewReviewDto {
    /// The member declares a conflict of interest: she gives no score.
    #[serde(default)]
    pub conflict: bool,
    /// Points per criterion of the programme's rules, e.g. `{"viability": 8, "market": 7, …}`.
    #[serde(default)]
    pub scores: BTreeMap<String, u32>,
    pub recommendation: Option<Recommendation>,
    #[serde(default)]
    pub comment: String,
}

/// A member's review: a declared conflict, or a score on every criterion with a recommendation.
/// A member barred by the commission's conflict rule must declare the conflict.
#[utoipa::path(post, path = "/api/v1/applications/{id}/reviews", tag = "review", params(("id" = i64, Path)), request_body = NewReviewDto,
    responses((status = 201), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn review(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(body): Json<NewReviewDto>,
) -> Result<StatusCode, ApiError> {
    let card = Scorecard {
        conflict: body.conflict,
        scores: body.scores,
        recommendation: body.recommendation,
        comment: &body.comment,
    };
    emgek_app::social_contract::review(state.app(), &user.caller(Source::Api), id, card)
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok(StatusCode::CREATED)
}

#[derive(Serialize, ToSchema)]
pub struct ReviewDto {
    pub user_id: i64,
    pub conflict: bool,
    pub scores: BTreeMap<String, u32>,
    pub total: i64,
    pub recommendation: String,
    pub comment: String,
}

impl From<ReviewRow> for ReviewDto {
    fn from(r: ReviewRow) -> Self {
        Self {
            user_id: r.user_id,
            conflict: r.conflict,
            scores: serde_json::from_str(&r.scores_json).unwrap_or_default(),
            total: r.total,
            recommendation: r.recommendation,
            comment: r.comment,
        }
    }
}

/// The reviews of an application.
#[utoipa::path(get, path = "/api/v1/applications/{id}/reviews", tag = "review", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ReviewDto>), (status = 404, body = ApiErrors)))]
pub async fn list_reviews(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ReviewDto>>, ApiError> {
    let caller = user.caller(Source::Api);
    let reach = state.app().reach(&caller);
    reach.application(Permission::ReadApplications, id).await?;
    let rows = state.store.reviews(emgek_store::programmes::ReviewSubject::Application(id)).await?;
    Ok(Json(rows.into_iter().map(ReviewDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct DecisionDto {
    pub outcome: Recommendation,
    /// Required to reject or return.
    #[serde(default)]
    pub reason: String,
}

/// The commission's decision, once its quorum of reviews without conflict is in: approve,
/// reject or return, with reasons. Approval records the average score that ranks the
/// application in allocation.
#[utoipa::path(post, path = "/api/v1/applications/{id}/decision", tag = "review", params(("id" = i64, Path)), request_body = DecisionDto,
    responses((status = 200), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(body): Json<DecisionDto>,
) -> Result<StatusCode, ApiError> {
    emgek_app::social_contract::decide(state.app(), &user.caller(Source::Api), id, body.outcome, &body.reason)
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok(StatusCode::OK)
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct AllocationRequest {
    /// False (the default): only show what the run would do. True: do it, atomically.
    pub commit: bool,
}

#[derive(Serialize, ToSchema)]
pub struct DecisionLine {
    pub application_id: i64,
    pub rank: u32,
    /// `allocation.funded`, `allocation.budget`, `allocation.quota_total`, `allocation.quota_oblast`, `allocation.quota_rayon`.
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct AllocationDto {
    pub committed: bool,
    pub funded: u32,
    pub waiting: u32,
    /// Grants this run commits, in tyiyn.
    pub spent: i64,
    /// Left of the budget after this run, in tyiyn.
    pub budget_left: i64,
    pub decisions: Vec<DecisionLine>,
    /// `[contract id, number]` pairs of the contracts a committed run created.
    #[schema(value_type = Vec<Vec<serde_json::Value>>)]
    pub contracts: Vec<(i64, String)>,
}

/// Allocate the call's approved applications (and its waiting list) by priority and score
/// within the budget and every quota of the rules in force; preview first, then commit.
#[utoipa::path(post, path = "/api/v1/calls/{id}/allocation", tag = "review", params(("id" = i64, Path)), request_body = AllocationRequest,
    responses((status = 200, body = AllocationDto), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors)))]
pub async fn run_allocation(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    body: Option<Json<AllocationRequest>>,
) -> Result<Json<AllocationDto>, ApiError> {
    let commit = body.map(|b| b.0.commit).unwrap_or(false);
    let out = emgek_app::social_contract::allocation(state.app(), &user.caller(Source::Api), id, commit)
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok(Json(AllocationDto {
        committed: commit,
        funded: out.funded,
        waiting: u32::try_from(out.allocation.decisions.len()).unwrap_or(u32::MAX) - out.funded,
        spent: out.spent,
        budget_left: out.budget_left,
        decisions: out
            .allocation
            .decisions
            .iter()
            .map(|d| DecisionLine {
                application_id: d.application_id,
                rank: d.rank,
                reason: d.reason.code().to_string(),
            })
            .collect(),
        contracts: out.contracts,
    }))
}
