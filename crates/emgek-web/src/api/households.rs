//! Households and members through the API. Values travel in the same text form as the import
//! file's columns, so what a client reads it can send back.

use crate::api::json::Json;
use crate::api::json::{Path, Query};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use emgek_app::registry;
use emgek_domain::household::{HouseholdFacts, HouseholdInput, MemberInput};
use emgek_exchange::ExportFormat;
use emgek_store::{Change, HouseholdRecord, Source};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use super::ApiLang;
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::query::ListQuery;
use crate::state::AppState;
use emgek_domain::access::Permission;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/households"), get(list_households).post(create_household))
        .route(declared_api("/households/export"), get(export_households))
        .route(declared_api("/households/{id}"), get(get_household).put(update_household))
        .route(declared_api("/households/{id}/history"), get(history))
        .route(declared_api("/households/{id}/members"), axum::routing::post(add_member))
        .route(declared_api("/members/{id}"), put(update_member))
}

/// What is derived from the members.
#[derive(Serialize, ToSchema)]
pub struct FactsDto {
    pub size: u32,
    pub children_under_18: u32,
    /// Null for callers who may not see disability in this household's place.
    pub members_with_disability: Option<u32>,
}

impl FactsDto {
    fn new(f: HouseholdFacts, sensitive: bool) -> Self {
        Self {
            size: f.size,
            children_under_18: f.children_under_18,
            members_with_disability: sensitive.then_some(f.members_with_disability),
        }
    }
}

/// One line of a household list.
#[derive(Serialize, ToSchema)]
pub struct HouseholdSummaryDto {
    pub id: i64,
    pub household_ref: String,
    pub oblast: String,
    pub rayon: String,
    pub aiyl_okmotu: String,
    pub village: String,
    pub head_name: String,
    pub facts: FactsDto,
    pub benefit: bool,
    /// A member's record has something to review.
    pub review: bool,
}

#[derive(Serialize, ToSchema)]
pub struct HouseholdPage {
    pub items: Vec<HouseholdSummaryDto>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub pages: i64,
}

#[derive(Serialize, ToSchema)]
pub struct MemberDto {
    pub id: i64,
    #[serde(flatten)]
    pub member: MemberInput,
    /// Codes of what a person should review, e.g. `pin.birth_date_mismatch`.
    pub warnings: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct HouseholdDto {
    pub id: i64,
    #[serde(flatten)]
    pub household: HouseholdInput,
    pub members: Vec<MemberDto>,
    /// Derived today from the members.
    pub facts: FactsDto,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: OffsetDateTime,
}

#[derive(Deserialize, ToSchema)]
pub struct NewHouseholdDto {
    pub household: HouseholdInput,
    /// At least one person; the first is usually the head.
    pub members: Vec<MemberInput>,
}

#[derive(Serialize, ToSchema)]
pub struct ChangeDto {
    pub id: i64,
    pub actor: String,
    pub source: String,
    /// `household.create`, `household.update`, `member.create` or `member.update`.
    pub what: String,
    pub before: Option<serde_json::Value>,
    pub after: serde_json::Value,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub at: OffsetDateTime,
    /// The grievance the change corrected the record for (`GR-2026-000001`), if any.
    pub grievance: Option<String>,
}

fn household_dto(r: &HouseholdRecord, sensitive: bool, today: time::Date) -> HouseholdDto {
    HouseholdDto {
        id: r.id,
        household: r.fields.to_input(),
        members: r
            .members
            .iter()
            .map(|m| MemberDto {
                id: m.id,
                member: registry::shown_member(m.fields.to_input(), sensitive),
                warnings: m.fields.warnings.iter().map(|w| w.to_string()).collect(),
            })
            .collect(),
        facts: FactsDto::new(r.facts(today), sensitive),
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

/// List households, filtered and paginated.
#[utoipa::path(get, path = "/api/v1/households", tag = "households", params(ListQuery),
    responses((status = 200, body = HouseholdPage)))]
pub async fn list_households(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Query(query): Query<ListQuery>,
) -> Result<Json<HouseholdPage>, ApiError> {
    let filter = query
        .filter_for(&user.caller(Source::Api), Permission::ReadRegistry)
        .map_err(|e| ApiError::validation(&tr, &[e]))?;
    let sensitive = emgek_app::registry::PersonalData::of(&user.caller(emgek_store::Source::Api));
    let page = state.store.list_households(&filter, query.page()).await?;
    Ok(Json(HouseholdPage {
        pages: page.pages(),
        total: page.total,
        page: page.request.page,
        per_page: page.request.per_page,
        items: page
            .items
            .into_iter()
            .map(|h| {
                let seen = sensitive.sees(&h.oblast, &h.rayon);
                HouseholdSummaryDto {
                    id: h.id,
                    household_ref: h.household_ref,
                    oblast: h.oblast,
                    rayon: h.rayon,
                    aiyl_okmotu: h.aiyl_okmotu,
                    village: h.village,
                    head_name: h.head_name,
                    facts: FactsDto::new(h.facts, seen),
                    benefit: h.benefit,
                    review: h.review,
                }
            })
            .collect(),
    }))
}

/// Register a household with its members, all or nothing.
#[utoipa::path(post, path = "/api/v1/households", tag = "households", request_body = NewHouseholdDto,
    responses((status = 201, body = HouseholdDto), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn create_household(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(body): Json<NewHouseholdDto>,
) -> Result<Response, ApiError> {
    let (app, caller) = (state.app(), user.caller(Source::Api));
    let id = registry::create_household(app, &caller, &body.household, &body.members).await?;
    let store = &state.store;
    let record = store.household(id).await?;
    Ok((
        StatusCode::CREATED,
        [(axum::http::header::LOCATION, format!("/api/v1/households/{id}"))],
        Json(household_dto(&record, true, state.app().clock.today())),
    )
        .into_response())
}

/// A household with its members and derived facts.
#[utoipa::path(get, path = "/api/v1/households/{id}", tag = "households", params(("id" = i64, Path)),
    responses((status = 200, body = HouseholdDto), (status = 404, body = ApiErrors)))]
pub async fn get_household(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<HouseholdDto>, ApiError> {
    let opened = registry::open_household(state.app(), &user.caller(Source::Api), id).await?;
    Ok(Json(household_dto(&opened.record, opened.sensitive, state.app().clock.today())))
}

/// The grievance a correction answers.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct CorrectionParams {
    /// A grievance about this household, open, that the caller handles: the correction is named
    /// in the household's history and in the grievance's steps (422 `grievance.other_record`,
    /// 409 `grievance.closed_already`).
    pub grievance: Option<i64>,
}

/// Replace a household's own fields (not its members); the change is kept in its history.
#[utoipa::path(put, path = "/api/v1/households/{id}", tag = "households", params(("id" = i64, Path), CorrectionParams), request_body = HouseholdInput,
    responses((status = 200, body = HouseholdDto), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn update_household(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(c): Query<CorrectionParams>,
    Json(body): Json<HouseholdInput>,
) -> Result<Json<HouseholdDto>, ApiError> {
    registry::correct_household(state.app(), &user.caller(Source::Api), id, &body, c.grievance).await?;
    let record = state.store.household(id).await?;
    Ok(Json(household_dto(&record, true, state.app().clock.today())))
}

/// Who changed what in a household, newest first.
#[utoipa::path(get, path = "/api/v1/households/{id}/history", tag = "households", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ChangeDto>), (status = 404, body = ApiErrors)))]
pub async fn history(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ChangeDto>>, ApiError> {
    let opened = registry::open_household(state.app(), &user.caller(Source::Api), id).await?;
    let sensitive = opened.sensitive;
    let changes = state.store.history(id).await?;
    Ok(Json(
        changes
            .into_iter()
            .map(|c: Change| ChangeDto {
                id: c.id,
                actor: c.actor,
                source: c.source,
                what: c.what,
                before: c.before.map(|v| registry::shown_snapshot(v, sensitive)),
                after: registry::shown_snapshot(c.after, sensitive),
                at: c.at,
                grievance: c.grievance.map(|(_, number)| number),
            })
            .collect(),
    ))
}

/// Add a person to a household.
#[utoipa::path(post, path = "/api/v1/households/{id}/members", tag = "households", params(("id" = i64, Path)), request_body = MemberInput,
    responses((status = 201, body = HouseholdDto), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_member(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(body): Json<MemberInput>,
) -> Result<Response, ApiError> {
    registry::add_member(state.app(), &user.caller(Source::Api), id, &body).await?;
    let record = state.store.household(id).await?;
    Ok((StatusCode::CREATED, Json(household_dto(&record, true, state.app().clock.today()))).into_response())
}

/// Correct a person's record.
#[utoipa::path(put, path = "/api/v1/members/{id}", tag = "households", params(("id" = i64, Path), CorrectionParams), request_body = MemberInput,
    responses((status = 200, body = HouseholdDto), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn update_member(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(c): Query<CorrectionParams>,
    Json(body): Json<MemberInput>,
) -> Result<Json<HouseholdDto>, ApiError> {
    let household = registry::correct_member(state.app(), &user.caller(Source::Api), id, &body, c.grievance).await?;
    let record = state.store.household(household).await?;
    Ok(Json(household_dto(&record, true, state.app().clock.today())))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `csv` (any size) or `xlsx` (at most 1,048,575 rows).
    pub format: String,
}

/// Download the filtered households as CSV or XLSX, one row per person, in the import's columns.
#[utoipa::path(get, path = "/api/v1/households/export", tag = "households", params(ExportParams, ListQuery),
    responses((status = 200, description = "The file", content_type = "text/csv"), (status = 400, body = ApiErrors)))]
pub async fn export_households(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Query(format): Query<ExportParams>,
    Query(query): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let format = ExportFormat::parse(&format.format).ok_or_else(|| ApiError::bad_request(tr.t("export-format")))?;
    let filter = query
        .filter_for(&user.caller(Source::Api), Permission::ExportRegistry)
        .map_err(|e| ApiError::validation(&tr, &[e]))?;
    super::export_file(&state, &user.caller(Source::Api), filter, format).await.map_err(|e| ApiError::internal(&tr, &e))
}
