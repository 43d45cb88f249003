//! Prison enterprises: facilities, headcounts, workshops, inmates and their work, production,
//! sales, a month's timesheet and payroll, the rules by date and the indicators. Amounts are
//! integer tyiyn; shares are basis points. Inmates' records answer only to those who may see
//! inmates of the facility.

use crate::api::json::Json;
use crate::api::json::Path;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use emgek_domain::access::Permission;
use emgek_domain::money::{Currency, Money};
use emgek_domain::prison::rules::EnterpriseRules;
use emgek_store::Source;
use emgek_store::prison::{FacilityRow, InmateRow, WorkshopRow};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::state::AppState;
use emgek_app::prison::{self as steps, FacilityFigures, WorkShare};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/facilities"), get(list_facilities).post(create_facility))
        .route(declared_api("/facilities/{id}"), get(get_facility))
        .route(declared_api("/facilities/{id}/populations"), post(add_population))
        .route(declared_api("/facilities/{id}/workshops"), post(create_workshop))
        .route(declared_api("/facilities/{id}/inmates"), get(list_inmates).post(add_inmate))
        .route(declared_api("/inmates/{id}/work"), post(assign_work))
        .route(declared_api("/inmates/{id}/deductions"), post(add_deduction))
        .route(declared_api("/enterprise-rules"), get(list_rules).post(add_rules))
        .route(declared_api("/enterprise-indicators"), get(indicators))
}

pub(super) fn som_text(tyiyn: i64) -> String {
    Money::from_minor(tyiyn, Currency::KGS).to_plain()
}

fn bp_text(bp: u32) -> String {
    format!("{}.{:02}", bp / 100, bp % 100)
}

#[derive(Serialize, ToSchema)]
pub struct FacilityDto {
    pub id: i64,
    /// Names the facility in access grants: `facility:CODE`.
    pub code: String,
    pub name: String,
    /// colony | prison | settlement | pre_trial
    pub kind: String,
    pub rayon: String,
    pub locality: String,
    pub capacity: i64,
    pub description: String,
}

impl From<FacilityRow> for FacilityDto {
    fn from(f: FacilityRow) -> Self {
        Self {
            id: f.facility_id,
            code: f.code,
            name: f.name,
            kind: f.kind,
            rayon: f.rayon_code,
            locality: f.locality,
            capacity: f.capacity,
            description: f.description,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct WorkshopDto {
    pub id: i64,
    pub facility_id: i64,
    pub code: String,
    pub name: String,
    pub activity: String,
    pub opened_on: Date,
    /// The usual monthly wage, in tyiyn.
    pub wage_tyiyn: i64,
}

impl From<WorkshopRow> for WorkshopDto {
    fn from(w: WorkshopRow) -> Self {
        Self {
            id: w.workshop_id,
            facility_id: w.facility_id,
            code: w.code,
            name: w.name,
            activity: w.activity,
            opened_on: w.opened_on,
            wage_tyiyn: w.wage_tyiyn,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Headcount {
    pub counted_on: Date,
    pub inmates: i64,
}

#[derive(Serialize, ToSchema)]
pub struct FacilityDetail {
    pub facility: FacilityDto,
    /// Latest first.
    pub headcounts: Vec<Headcount>,
    pub workshops: Vec<WorkshopDto>,
}

/// The facilities the caller reaches.
#[utoipa::path(get, path = "/api/v1/facilities", tag = "enterprises", responses((status = 200, body = Vec<FacilityDto>)))]
pub async fn list_facilities(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<FacilityDto>>, ApiError> {
    let caller = user.caller(Source::Api);
    let reach = state.app().reach(&caller);
    let rows = reach.facilities(Permission::ReadEnterprises).await?;
    Ok(Json(rows.into_iter().map(FacilityDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct NewFacilityBody {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub rayon: String,
    pub locality: String,
    pub capacity: i64,
    #[serde(default)]
    pub description: String,
}

/// Add a facility (administrators for the whole country).
#[utoipa::path(post, path = "/api/v1/facilities", tag = "enterprises", request_body = NewFacilityBody,
    responses((status = 201, body = FacilityDto), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn create_facility(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(b): Json<NewFacilityBody>,
) -> Result<Response, ApiError> {
    let capacity = b.capacity.to_string();
    let f = steps::FacilityForm {
        code: &b.code,
        name: &b.name,
        kind: &b.kind,
        rayon: &b.rayon,
        locality: &b.locality,
        capacity: &capacity,
        description: &b.description,
    };
    let id = steps::create_facility(state.app(), &user.caller(Source::Api), f).await?;
    let row = state.store.facility(id).await?;
    Ok((StatusCode::CREATED, Json(FacilityDto::from(row))).into_response())
}

/// A facility with its headcounts and workshops.
#[utoipa::path(get, path = "/api/v1/facilities/{id}", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = FacilityDetail), (status = 404, body = ApiErrors)))]
pub async fn get_facility(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<FacilityDetail>, ApiError> {
    let f = crate::scope::facility_within(&state, &user, Permission::ReadEnterprises, id).await?;
    let headcounts = state.store.populations(id).await?;
    let workshops = state.store.workshops(id).await?;
    Ok(Json(FacilityDetail {
        facility: f.into(),
        headcounts: headcounts.into_iter().map(|(counted_on, inmates)| Headcount { counted_on, inmates }).collect(),
        workshops: workshops.into_iter().map(WorkshopDto::from).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct HeadcountBody {
    pub counted_on: Date,
    pub inmates: i64,
}

/// Record a headcount (administrators).
#[utoipa::path(post, path = "/api/v1/facilities/{id}/populations", tag = "enterprises", params(("id" = i64, Path)),
    request_body = HeadcountBody, responses((status = 201), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_population(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<HeadcountBody>,
) -> Result<StatusCode, ApiError> {
    let (on, inmates) = (b.counted_on.to_string(), b.inmates.to_string());
    steps::add_population(state.app(), &user.caller(Source::Api), id, &on, &inmates).await?;
    Ok(StatusCode::CREATED)
}

#[derive(Deserialize, ToSchema)]
pub struct NewWorkshopBody {
    pub code: String,
    pub name: String,
    pub activity: String,
    pub opened_on: Date,
    pub wage_tyiyn: i64,
}

/// Add a workshop to a facility (administrators).
#[utoipa::path(post, path = "/api/v1/facilities/{id}/workshops", tag = "enterprises", params(("id" = i64, Path)),
    request_body = NewWorkshopBody, responses((status = 201, body = WorkshopDto), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn create_workshop(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<NewWorkshopBody>,
) -> Result<Response, ApiError> {
    let (opened, wage) = (b.opened_on.to_string(), som_text(b.wage_tyiyn));
    let w = steps::WorkshopForm {
        code: &b.code,
        name: &b.name,
        activity: &b.activity,
        opened_on: &opened,
        wage_som: &wage,
    };
    let wid = steps::create_workshop(state.app(), &user.caller(Source::Api), id, w).await?;
    let row = state.store.workshop(wid).await?;
    Ok((StatusCode::CREATED, Json(WorkshopDto::from(row))).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct InmateDto {
    pub id: i64,
    pub facility_id: i64,
    pub register_number: String,
    pub full_name: String,
    /// F | M
    pub sex: String,
    pub released_on: Option<Date>,
}

impl From<InmateRow> for InmateDto {
    fn from(i: InmateRow) -> Self {
        Self {
            id: i.inmate_id,
            facility_id: i.facility_id,
            register_number: i.register_number,
            full_name: i.full_name,
            sex: i.sex,
            released_on: i.released_on,
        }
    }
}

/// A facility's inmates (its staff, and HQ roles that may see inmates).
#[utoipa::path(get, path = "/api/v1/facilities/{id}/inmates", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<InmateDto>), (status = 404, body = ApiErrors)))]
pub async fn list_inmates(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<InmateDto>>, ApiError> {
    crate::scope::facility_within(&state, &user, Permission::ReadInmates, id).await?;
    Ok(Json(state.store.inmates(id).await?.into_iter().map(InmateDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct NewInmateBody {
    pub register_number: String,
    pub full_name: String,
    /// F | M
    pub sex: String,
    /// The workshop he starts in, if any, from `starts`, at `wage_tyiyn` (default: the workshop's).
    pub workshop_id: Option<i64>,
    pub starts: Option<Date>,
    pub wage_tyiyn: Option<i64>,
}

/// Register an inmate, and the work he starts if any.
#[utoipa::path(post, path = "/api/v1/facilities/{id}/inmates", tag = "enterprises", params(("id" = i64, Path)),
    request_body = NewInmateBody, responses((status = 201, body = InmateDto), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_inmate(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<NewInmateBody>,
) -> Result<Response, ApiError> {
    let workshop = b.workshop_id.map(|w| w.to_string()).unwrap_or_default();
    let starts = b.starts.map(|d| d.to_string()).unwrap_or_default();
    let wage = b.wage_tyiyn.map(som_text).unwrap_or_default();
    let f = steps::InmateForm {
        register_number: &b.register_number,
        full_name: &b.full_name,
        sex: &b.sex,
        workshop: &workshop,
        starts: &starts,
        wage_som: &wage,
    };
    let iid = steps::add_inmate(state.app(), &user.caller(Source::Api), id, f).await?;
    let row = state.store.inmate(iid).await?;
    Ok((StatusCode::CREATED, Json(InmateDto::from(row))).into_response())
}

#[derive(Deserialize, ToSchema)]
pub struct WorkBody {
    pub workshop_id: i64,
    pub starts: Date,
    pub wage_tyiyn: Option<i64>,
}

/// Put an inmate to work in a workshop of his facility; work he had ends the day before.
#[utoipa::path(post, path = "/api/v1/inmates/{id}/work", tag = "enterprises", params(("id" = i64, Path)),
    request_body = WorkBody, responses((status = 201), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn assign_work(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<WorkBody>,
) -> Result<StatusCode, ApiError> {
    let (workshop, starts) = (b.workshop_id.to_string(), b.starts.to_string());
    let wage = b.wage_tyiyn.map(som_text).unwrap_or_default();
    steps::assign_work(state.app(), &user.caller(Source::Api), id, &workshop, &starts, &wage).await?;
    Ok(StatusCode::CREATED)
}

#[derive(Deserialize, ToSchema)]
pub struct DeductionBody {
    /// alimony | victim_compensation | income_tax | upkeep | other
    pub kind: String,
    /// Basis points of gross pay (2500 = 25%).
    pub rate_bp: u32,
}

/// Order a deduction from an inmate's pay.
#[utoipa::path(post, path = "/api/v1/inmates/{id}/deductions", tag = "enterprises", params(("id" = i64, Path)),
    request_body = DeductionBody, responses((status = 201), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_deduction(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<DeductionBody>,
) -> Result<StatusCode, ApiError> {
    steps::add_deduction(state.app(), &user.caller(Source::Api), id, &b.kind, &bp_text(b.rate_bp)).await?;
    Ok(StatusCode::CREATED)
}

/// Every version of the enterprises' rules, oldest first.
#[utoipa::path(get, path = "/api/v1/enterprise-rules", tag = "enterprises", responses((status = 200, body = Vec<EnterpriseRules>)))]
pub async fn list_rules(State(state): State<AppState>) -> Result<Json<Vec<EnterpriseRules>>, ApiError> {
    Ok(Json(state.store.enterprise_rules().await?))
}

/// Add a version of the enterprises' rules (administrators for the whole country).
#[utoipa::path(post, path = "/api/v1/enterprise-rules", tag = "enterprises", request_body = EnterpriseRules,
    responses((status = 201), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_rules(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(r): Json<EnterpriseRules>,
) -> Result<StatusCode, ApiError> {
    let from = r.effective_from.to_string();
    steps::add_rules(
        state.app(),
        &user.caller(Source::Api),
        &from,
        &bp_text(r.state_budget_bp),
        &bp_text(r.inmate_min_net_bp),
    )
    .await?;
    Ok(StatusCode::CREATED)
}

#[derive(Serialize, ToSchema)]
#[schema(as = EnterpriseIndicators)]
pub struct Indicators {
    /// The share of inmates in productive work on each headcount day, over the facilities the
    /// caller reaches.
    pub work_share: Vec<WorkShare>,
    /// Each facility on the last headcount day.
    pub facilities: Vec<FacilityFigures>,
    /// Trainees certified by year, employment after release, food self-sufficiency.
    pub outcomes: emgek_app::prison::training::Outcomes,
}

/// Indicators computed from the records: the share of inmates in productive work over time,
/// nationally (over the facilities the caller reaches) and by facility.
#[utoipa::path(get, path = "/api/v1/enterprise-indicators", tag = "enterprises", responses((status = 200, body = Indicators)))]
pub async fn indicators(State(state): State<AppState>, user: CurrentUser) -> Result<Json<Indicators>, ApiError> {
    let today = state.app().clock.today();
    let (work_share, facilities) = steps::work_shares(state.app(), &user.caller(Source::Web), today).await?;
    let outcomes = emgek_app::prison::training::outcomes(state.app(), &user.caller(Source::Api)).await?;
    Ok(Json(Indicators { work_share, facilities, outcomes }))
}
