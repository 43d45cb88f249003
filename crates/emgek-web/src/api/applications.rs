//! Social Contract applications: a household's business plan, from draft to review.

use crate::api::json::Json;
use crate::api::json::{Path, Query};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use emgek_app::social_contract;
use emgek_domain::access::Permission;
use emgek_domain::social_contract::application::{Event, Status};
use emgek_domain::social_contract::business_plan::{BusinessPlan, PlanFigures};
use emgek_domain::social_contract::eligibility::{Assessment, HouseholdSnapshot};
use emgek_store::programmes::{ApplicationEvent, ApplicationRecord};
use emgek_store::{PageRequest, Source, StoreError};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use super::ApiLang;
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/calls/{id}/applications"), get(list_applications).post(create_application))
        .route(declared_api("/applications/{id}"), get(get_application))
        .route(declared_api("/applications/{id}/plan"), put(update_plan))
        .route(declared_api("/applications/{id}/submit"), post(submit))
        .route(declared_api("/applications/{id}/withdraw"), post(withdraw))
        .route(declared_api("/applications/{id}/return"), post(return_for_revision))
        .route(declared_api("/applications/{id}/review"), post(start_review))
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationDto {
    pub id: i64,
    pub call_id: i64,
    pub household_id: i64,
    pub oblast: String,
    pub rayon: String,
    pub status: Status,
    pub plan: BusinessPlan,
    pub figures: PlanFigures,
    /// Household facts frozen at submission; later registry edits do not change them. They
    /// hold every member's birth date and disability, so they are `null` for a reader who may
    /// not see the family's personal data (commission members, analysts, auditors).
    pub snapshot: Option<HouseholdSnapshot>,
    /// Eligibility and priority at submission, each rule and point with its reason.
    pub assessment: Option<Assessment>,
    /// The rules version the assessment used.
    pub rules_from: Option<time::Date>,
    pub events: Vec<EventDto>,
}

#[derive(Serialize, ToSchema)]
pub struct EventDto {
    pub actor: String,
    pub from: String,
    pub to: String,
    pub reason: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub at: OffsetDateTime,
}

fn dto(a: ApplicationRecord, events: Vec<ApplicationEvent>, sees_personal_data: bool) -> ApplicationDto {
    ApplicationDto {
        id: a.id,
        call_id: a.call_id,
        household_id: a.household_id,
        oblast: a.oblast,
        rayon: a.rayon,
        status: a.status,
        figures: a.plan.figures(),
        plan: a.plan,
        snapshot: a.snapshot.filter(|_| sees_personal_data),
        assessment: a.assessment,
        rules_from: a.rules_from,
        events: events
            .into_iter()
            .map(|e| EventDto {
                actor: e.actor,
                from: e.from_status,
                to: e.to_status,
                reason: e.reason,
                at: e.created_at,
            })
            .collect(),
    }
}

/// The application, if it lies where the user may use `permission`.
async fn within(
    state: &AppState,
    user: &CurrentUser,
    permission: Permission,
    id: i64,
) -> Result<ApplicationRecord, StoreError> {
    state.app().reach(&user.caller(Source::Api)).application(permission, id).await.map_err(crate::scope::into_store)
}

async fn answer(
    state: &AppState,
    user: &CurrentUser,
    tr: &emgek_i18n::Tr,
    id: i64,
) -> Result<Json<ApplicationDto>, ApiError> {
    let a = state.store.application(id).await.map_err(|e| ApiError::from_store(tr, e))?;
    let events = state.store.application_events(id).await.map_err(|e| ApiError::from_store(tr, e))?;
    let sees = emgek_app::registry::PersonalData::of(&user.caller(emgek_store::Source::Api)).sees(&a.oblast, &a.rayon);
    Ok(Json(dto(a, events, sees)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only applications in this status, e.g. `submitted`.
    pub status: Option<String>,
    /// Page number, from 1.
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<u32>,
    /// Rows per page, 1 to 200 (default 25).
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<u32>,
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationPage {
    pub items: Vec<ApplicationDto>,
    pub total: i64,
    pub page: u32,
    pub pages: i64,
}

/// A call's applications within the caller's places.
#[utoipa::path(get, path = "/api/v1/calls/{id}/applications", tag = "applications", params(("id" = i64, Path), ListParams),
    responses((status = 200, body = ApplicationPage), (status = 400, body = ApiErrors)))]
pub async fn list_applications(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(call): Path<i64>,
    Query(q): Query<ListParams>,
) -> Result<Json<ApplicationPage>, ApiError> {
    let caller = user.caller(Source::Api);
    let status = match q.status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(Status::parse(s).ok_or_else(|| ApiError::bad_request(format!("status: {s}")))?),
    };
    let mut errors = Vec::new();
    if let Some(n) = q.page.filter(|n| !(1..=1_000_000).contains(n)) {
        errors.push(emgek_domain::FieldError::new("page", "number.page", n.to_string()));
    }
    if let Some(n) = q.per_page.filter(|n| !(1..=PageRequest::MAX_PER_PAGE).contains(n)) {
        errors.push(emgek_domain::FieldError::new("per_page", "number.page_size", n.to_string()));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(&tr, &errors));
    }
    let areas = caller.areas(Permission::ReadApplications);
    let page = state.store.list_applications(call, &areas, status, PageRequest::new(q.page, q.per_page)).await?;
    let sensitive = emgek_app::registry::PersonalData::of(&user.caller(emgek_store::Source::Api));
    Ok(Json(ApplicationPage {
        pages: page.pages(),
        total: page.total,
        page: page.request.page,
        items: page
            .items
            .into_iter()
            .map(|a| {
                let sees = sensitive.sees(&a.oblast, &a.rayon);
                dto(a, Vec::new(), sees)
            })
            .collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct NewApplication {
    pub household_id: i64,
    /// Amounts as integer tyiyn with their currency.
    pub plan: BusinessPlan,
}

/// Start an application for a household, as a draft.
#[utoipa::path(post, path = "/api/v1/calls/{id}/applications", tag = "applications", params(("id" = i64, Path)), request_body = NewApplication,
    responses((status = 201, body = ApplicationDto), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn create_application(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(call): Path<i64>,
    Json(body): Json<NewApplication>,
) -> Result<Response, ApiError> {
    let caller = user.caller(Source::Api);
    let id = social_contract::create_application(state.app(), &caller, call, body.household_id, &body.plan).await?;
    let json = answer(&state, &user, &tr, id).await?;
    Ok((StatusCode::CREATED, json).into_response())
}

/// An application with its plan, figures, frozen facts, assessment and history.
#[utoipa::path(get, path = "/api/v1/applications/{id}", tag = "applications", params(("id" = i64, Path)),
    responses((status = 200, body = ApplicationDto), (status = 404, body = ApiErrors)))]
pub async fn get_application(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
) -> Result<Json<ApplicationDto>, ApiError> {
    within(&state, &user, Permission::ReadApplications, id).await?;
    answer(&state, &user, &tr, id).await
}

/// Replace the plan of a draft or of an application returned for revision.
#[utoipa::path(put, path = "/api/v1/applications/{id}/plan", tag = "applications", params(("id" = i64, Path)), request_body = BusinessPlan,
    responses((status = 200, body = ApplicationDto), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors)))]
pub async fn update_plan(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(plan): Json<BusinessPlan>,
) -> Result<Json<ApplicationDto>, ApiError> {
    social_contract::update_plan(state.app(), &user.caller(Source::Api), id, &plan).await?;
    answer(&state, &user, &tr, id).await
}

/// Submit: the plan is checked against the rules in force, the call must be open, and the
/// household's facts, eligibility and priority are frozen with the application.
#[utoipa::path(post, path = "/api/v1/applications/{id}/submit", tag = "applications", params(("id" = i64, Path)),
    responses((status = 200, body = ApplicationDto), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
) -> Result<Json<ApplicationDto>, ApiError> {
    emgek_app::social_contract::submit(state.app(), &user.caller(Source::Api), id)
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    answer(&state, &user, &tr, id).await
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct Reason {
    /// Why: required when returning an application for revision.
    pub reason: String,
}

async fn move_on(
    state: &AppState,
    user: &CurrentUser,
    tr: &emgek_i18n::Tr,
    id: i64,
    permission: Permission,
    event: Event,
    reason: &str,
) -> Result<Json<ApplicationDto>, ApiError> {
    emgek_app::social_contract::move_on(state.app(), &user.caller(Source::Api), id, permission, event, reason)
        .await
        .map_err(|p| ApiError::from_app(tr, p))?;
    answer(state, user, tr, id).await
}

/// Withdraw an application (the family changed its mind); the household may apply again.
#[utoipa::path(post, path = "/api/v1/applications/{id}/withdraw", tag = "applications", params(("id" = i64, Path)), request_body = Reason,
    responses((status = 200, body = ApplicationDto), (status = 409, body = ApiErrors)))]
pub async fn withdraw(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    body: Option<Json<Reason>>,
) -> Result<Json<ApplicationDto>, ApiError> {
    let reason = body.map(|b| b.0.reason).unwrap_or_default();
    move_on(&state, &user, &tr, id, Permission::EditApplications, Event::Withdraw, reason.trim()).await
}

/// Return an application to the family for revision, saying why.
#[utoipa::path(post, path = "/api/v1/applications/{id}/return", tag = "applications", params(("id" = i64, Path)), request_body = Reason,
    responses((status = 200, body = ApplicationDto), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn return_for_revision(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    body: Option<Json<Reason>>,
) -> Result<Json<ApplicationDto>, ApiError> {
    let reason = body.map(|b| b.0.reason).unwrap_or_default();
    move_on(&state, &user, &tr, id, Permission::ReviewApplications, Event::ReturnForRevision, reason.trim()).await
}

/// Take a submitted application into review.
#[utoipa::path(post, path = "/api/v1/applications/{id}/review", tag = "applications", params(("id" = i64, Path)),
    responses((status = 200, body = ApplicationDto), (status = 409, body = ApiErrors)))]
pub async fn start_review(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
) -> Result<Json<ApplicationDto>, ApiError> {
    move_on(&state, &user, &tr, id, Permission::ReviewApplications, Event::StartReview, "").await
}
