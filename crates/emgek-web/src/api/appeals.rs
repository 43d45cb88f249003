//! Appeals of a commission's decision: registered at the rayon office, heard by the
//! commission's members who took no part in the decision, decided by the hearing's majority.

use emgek_app::review::Scorecard;
use emgek_app::social_contract::appeals;
use emgek_store::Source;
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

use super::ApiLang;
use super::review::{DecisionDto, NewReviewDto, ReviewDto};
use crate::api::json::{Json, Path};
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/applications/{id}/appeals"), post(lodge))
        .route(declared_api("/contracts/{id}/appeals"), post(lodge_against_termination))
        .route(declared_api("/appeals/{id}"), get(show))
        .route(declared_api("/appeals/{id}/reviews"), post(review).get(list_reviews))
        .route(declared_api("/appeals/{id}/decision"), post(decide))
}

#[derive(Deserialize, ToSchema)]
pub struct NewAppealDto {
    /// What the family contests, in its words (at most 4,000 characters).
    pub grounds: String,
}

#[derive(Serialize, ToSchema)]
pub struct LodgedDto {
    pub id: i64,
    pub grievance_id: i64,
    /// The grievance's number in the register, `GR-2026-000001`.
    pub number: String,
}

/// Registers a family's appeal of its application's rejection or place on the waiting list,
/// within the days its rules give (`appeal.too_late`, `appeal.not_contestable`); once a
/// decision (409 `appeal.lodged_already`). Also a grievance of the register.
#[utoipa::path(post, path = "/api/v1/applications/{id}/appeals", tag = "review", params(("id" = i64, Path)), request_body = NewAppealDto,
    responses((status = 201, body = LodgedDto), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn lodge(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(body): Json<NewAppealDto>,
) -> Result<(StatusCode, Json<LodgedDto>), ApiError> {
    created(&tr, appeals::lodge(state.app(), &user.caller(Source::Api), id, &body.grounds).await)
}

/// A registered appeal's answer: 201 with its ids and number.
fn created(
    tr: &emgek_i18n::Tr,
    lodged: Result<appeals::Lodged, emgek_app::AppError>,
) -> Result<(StatusCode, Json<LodgedDto>), ApiError> {
    let lodged = lodged.map_err(|e| ApiError::from_app(tr, e))?;
    let dto = LodgedDto { id: lodged.appeal_id, grievance_id: lodged.grievance_id, number: lodged.number.to_string() };
    Ok((StatusCode::CREATED, Json(dto)))
}

/// Registers a family's appeal of its contract's termination for a violation, and so of the
/// refund claimed with it, within the days its rules give (`appeal.too_late`;
/// `appeal.not_contestable` for a contract not ended for a violation); once (409
/// `appeal.lodged_already`). While it is open, no repayment of the claim is taken (422
/// `refund.under_appeal`). Also a grievance of the register.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/appeals", tag = "review", params(("id" = i64, Path)), request_body = NewAppealDto,
    responses((status = 201, body = LodgedDto), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn lodge_against_termination(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(body): Json<NewAppealDto>,
) -> Result<(StatusCode, Json<LodgedDto>), ApiError> {
    created(&tr, appeals::lodge_against_termination(state.app(), &user.caller(Source::Api), id, &body.grounds).await)
}

#[derive(Serialize, ToSchema)]
pub struct AppealDto {
    pub id: i64,
    pub application_id: i64,
    pub grievance_id: i64,
    /// `rejection`, `waiting_list` or `termination` (of the contract, with its refund claim).
    pub contested: String,
    /// `lodged`, `upheld` or `dismissed`.
    pub status: String,
    pub grounds: String,
    pub lodged_on: Date,
    pub decided_on: Option<Date>,
    pub outcome_reason: Option<String>,
    /// The hearing's average score times 100, once decided.
    pub score_x100: Option<i64>,
}

/// An appeal, for readers of the application it contests.
#[utoipa::path(get, path = "/api/v1/appeals/{id}", tag = "review", params(("id" = i64, Path)),
    responses((status = 200, body = AppealDto), (status = 404, body = ApiErrors)))]
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
) -> Result<Json<AppealDto>, ApiError> {
    let a = appeals::view(state.app(), &user.caller(Source::Api), id).await.map_err(|e| ApiError::from_app(&tr, e))?;
    Ok(Json(AppealDto {
        id: a.appeal_id,
        application_id: a.application_id,
        grievance_id: a.grievance_id,
        contested: a.contested,
        status: a.status,
        grounds: a.grounds,
        lodged_on: a.lodged_on,
        decided_on: a.decided_on,
        outcome_reason: a.outcome_reason,
        score_x100: a.score_x100,
    }))
}

/// A hearing member's review of the application (403 `appeal.took_part` for a member who took
/// part in the decision): approve upholds the appeal, reject dismisses it.
#[utoipa::path(post, path = "/api/v1/appeals/{id}/reviews", tag = "review", params(("id" = i64, Path)), request_body = NewReviewDto,
    responses((status = 201), (status = 403, body = ApiErrors), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
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
    appeals::review(state.app(), &user.caller(Source::Api), id, card).await.map_err(|e| ApiError::from_app(&tr, e))?;
    Ok(StatusCode::CREATED)
}

/// The hearing's reviews.
#[utoipa::path(get, path = "/api/v1/appeals/{id}/reviews", tag = "review", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ReviewDto>), (status = 404, body = ApiErrors)))]
pub async fn list_reviews(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ReviewDto>>, ApiError> {
    appeals::view(state.app(), &user.caller(Source::Api), id).await.map_err(|e| ApiError::from_app(&tr, e))?;
    let rows = state.store.reviews(emgek_store::programmes::ReviewSubject::Appeal(id)).await?;
    Ok(Json(rows.into_iter().map(ReviewDto::from).collect()))
}

/// The hearing's decision once its quorum is in, following its majority: `approve` upholds the
/// appeal (a rejection becomes an approval; a waiting place takes the hearing's score),
/// `reject` dismisses it; a `reason` either way. The grievance is closed with it and the
/// family told by SMS.
#[utoipa::path(post, path = "/api/v1/appeals/{id}/decision", tag = "review", params(("id" = i64, Path)), request_body = DecisionDto,
    responses((status = 200), (status = 403, body = ApiErrors), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(body): Json<DecisionDto>,
) -> Result<StatusCode, ApiError> {
    appeals::decide(state.app(), &user.caller(Source::Api), id, body.outcome, &body.reason)
        .await
        .map_err(|e| ApiError::from_app(&tr, e))?;
    Ok(StatusCode::OK)
}
