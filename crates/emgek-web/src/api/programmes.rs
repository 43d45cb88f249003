//! Programmes, their rules by date of effect, calls and trainings.

use crate::api::json::Json;
use crate::api::json::Path;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use emgek_app::social_contract::trainings;
use emgek_domain::social_contract::programme::ProgrammeRules;
use emgek_store::Source;
use emgek_store::programmes::{CallRow, ProgrammeRow};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::state::AppState;
use emgek_app::programmes as steps;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/programmes"), get(list_programmes).post(create_programme))
        .route(declared_api("/programmes/{id}/rules"), get(list_rules).post(add_rules))
        .route(declared_api("/programmes/{id}/calls"), get(list_calls).post(create_call))
        .route(declared_api("/calls/{id}/trainings"), post(create_training))
        .route(declared_api("/trainings/{id}/attendance"), post(record_attendance))
}

#[derive(Serialize, ToSchema)]
pub struct ProgrammeDto {
    pub id: i64,
    pub code: String,
    pub kind: String,
    pub name_ky: String,
    pub name_ru: String,
    pub name_en: String,
}

impl From<ProgrammeRow> for ProgrammeDto {
    fn from(p: ProgrammeRow) -> Self {
        Self {
            id: p.programme_id,
            code: p.code,
            kind: p.kind,
            name_ky: p.name_ky,
            name_ru: p.name_ru,
            name_en: p.name_en,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct NewProgramme {
    /// Lower-case letters, digits and hyphens, e.g. `social-contract`.
    pub code: String,
    /// `social_contract`.
    pub kind: String,
    pub name_ky: String,
    pub name_ru: String,
    pub name_en: String,
}

/// Programmes.
#[utoipa::path(get, path = "/api/v1/programmes", tag = "programmes", responses((status = 200, body = Vec<ProgrammeDto>)))]
pub async fn list_programmes(State(state): State<AppState>) -> Result<Json<Vec<ProgrammeDto>>, ApiError> {
    let rows = state.store.programmes().await?;
    Ok(Json(rows.into_iter().map(ProgrammeDto::from).collect()))
}

/// Define a programme (administrators).
#[utoipa::path(post, path = "/api/v1/programmes", tag = "programmes", request_body = NewProgramme,
    responses((status = 201, body = ProgrammeDto), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn create_programme(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(body): Json<NewProgramme>,
) -> Result<Response, ApiError> {
    let p = steps::NewProgramme {
        code: &body.code,
        kind: &body.kind,
        names: [&body.name_ky, &body.name_ru, &body.name_en],
    };
    let id = steps::create_programme(state.app(), &user.caller(Source::Api), p).await?;
    let store = &state.store;
    let row = store.programme(id).await?;
    Ok((StatusCode::CREATED, Json(ProgrammeDto::from(row))).into_response())
}

/// Every version of a programme's rules, oldest first. Amounts are integer tyiyn.
#[utoipa::path(get, path = "/api/v1/programmes/{id}/rules", tag = "programmes", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ProgrammeRules>), (status = 404, body = ApiErrors)))]
pub async fn list_rules(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ProgrammeRules>>, ApiError> {
    state.store.programme(id).await?;
    let book = state.store.rule_book(id).await?;
    Ok(Json(book.versions().to_vec()))
}

/// Add a version of the rules, in force from its `effective_from` (administrators). A version
/// never changes once written: decisions name the version they used.
#[utoipa::path(post, path = "/api/v1/programmes/{id}/rules", tag = "programmes", params(("id" = i64, Path)), request_body = ProgrammeRules,
    responses((status = 201), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_rules(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(rules): Json<ProgrammeRules>,
) -> Result<StatusCode, ApiError> {
    steps::add_rules(state.app(), &user.caller(Source::Api), id, &rules).await?;
    Ok(StatusCode::CREATED)
}

#[derive(Serialize, ToSchema)]
pub struct CallDto {
    pub id: i64,
    pub programme_id: i64,
    pub title: String,
    pub opens: Date,
    pub closes: Date,
}

impl From<CallRow> for CallDto {
    fn from(c: CallRow) -> Self {
        Self { id: c.call_id, programme_id: c.programme_id, title: c.title, opens: c.opens, closes: c.closes }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct NewCall {
    pub title: String,
    /// First day applications are taken, `YYYY-MM-DD`.
    pub opens: String,
    /// Last day, `YYYY-MM-DD`.
    pub closes: String,
}

/// A programme's calls, newest first.
#[utoipa::path(get, path = "/api/v1/programmes/{id}/calls", tag = "programmes", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<CallDto>)))]
pub async fn list_calls(State(state): State<AppState>, Path(id): Path<i64>) -> Result<Json<Vec<CallDto>>, ApiError> {
    let calls = state.store.calls(id).await?;
    Ok(Json(calls.into_iter().map(CallDto::from).collect()))
}

/// Open a call for applications (administrators).
#[utoipa::path(post, path = "/api/v1/programmes/{id}/calls", tag = "programmes", params(("id" = i64, Path)), request_body = NewCall,
    responses((status = 201, body = CallDto), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn create_call(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(body): Json<NewCall>,
) -> Result<Response, ApiError> {
    let call =
        steps::create_call(state.app(), &user.caller(Source::Api), id, &body.title, &body.opens, &body.closes).await?;
    let store = &state.store;
    let row = store.call(call).await?;
    Ok((StatusCode::CREATED, Json(CallDto::from(row))).into_response())
}

#[derive(Deserialize, ToSchema)]
pub struct NewTraining {
    pub title: String,
    pub held_on: String,
    /// Rayon code, within the case worker's places.
    pub rayon: String,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: i64,
}

/// Record a business-plan training of a call.
#[utoipa::path(post, path = "/api/v1/calls/{id}/trainings", tag = "programmes", params(("id" = i64, Path)), request_body = NewTraining,
    responses((status = 201, body = Created), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn create_training(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(body): Json<NewTraining>,
) -> Result<Response, ApiError> {
    let t = trainings::NewTraining { title: &body.title, held_on: &body.held_on, rayon: &body.rayon };
    let id = trainings::create_training(state.app(), &user.caller(Source::Api), id, t).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

#[derive(Deserialize, ToSchema)]
pub struct Attendance {
    pub household_id: i64,
}

/// Record that a household attended a training; recording it twice changes nothing.
#[utoipa::path(post, path = "/api/v1/trainings/{id}/attendance", tag = "programmes", params(("id" = i64, Path)), request_body = Attendance,
    responses((status = 204), (status = 404, body = ApiErrors)))]
pub async fn record_attendance(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(body): Json<Attendance>,
) -> Result<StatusCode, ApiError> {
    trainings::record_attendance(state.app(), &user.caller(Source::Api), id, body.household_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
