//! Prison enterprises: facilities, headcounts, workshops, inmates and their work, production,
//! sales, a month's timesheet and payroll, the rules by date and the indicators. Amounts are
//! integer tyiyn; shares are basis points. Inmates' records answer only to those who may see
//! inmates of the facility.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use emgek_domain::access::Permission;
use emgek_domain::money::{Currency, Money};
use emgek_domain::prison::payroll::PayLine;
use emgek_domain::prison::rules::EnterpriseRules;
use emgek_store::Source;
use emgek_store::prison::{FacilityRow, InmateRow, ProductionRow, SaleRow, WorkshopRow};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use utoipa::{IntoParams, ToSchema};

use super::ApiLang;
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::enterprises::{self as steps, FacilityFigures, WorkShare, last_day};
use crate::error::{ApiError, ApiErrors};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/facilities"), get(list_facilities).post(create_facility))
        .route(declared_api("/facilities/{id}"), get(get_facility))
        .route(declared_api("/facilities/{id}/populations"), post(add_population))
        .route(declared_api("/facilities/{id}/workshops"), post(create_workshop))
        .route(declared_api("/facilities/{id}/inmates"), get(list_inmates).post(add_inmate))
        .route(declared_api("/inmates/{id}/work"), post(assign_work))
        .route(declared_api("/inmates/{id}/deductions"), post(add_deduction))
        .route(declared_api("/workshops/{id}/production"), get(list_production).post(record_production))
        .route(declared_api("/workshops/{id}/sales"), get(list_sales).post(record_sale))
        .route(declared_api("/workshops/{id}/timesheet"), axum::routing::put(save_timesheet))
        .route(declared_api("/workshops/{id}/payroll"), get(get_payroll).post(close_payroll))
        .route(declared_api("/enterprise-rules"), get(list_rules).post(add_rules))
        .route(declared_api("/enterprise-indicators"), get(indicators))
}

fn som_text(tyiyn: i64) -> String {
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
    ApiLang(tr): ApiLang,
) -> Result<Json<Vec<FacilityDto>>, ApiError> {
    let reach = user.access.facilities(Permission::ReadEnterprises);
    let rows = state.store.facilities().await.map_err(|e| ApiError::from_store(&tr, e))?;
    Ok(Json(rows.into_iter().filter(|f| reach.contains(&f.code)).map(FacilityDto::from).collect()))
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
    ApiLang(tr): ApiLang,
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
    let id = steps::create_facility(&state, &user, Source::Api, f).await.map_err(|e| ApiError::from_problem(&tr, e))?;
    let row = state.store.facility(id).await.map_err(|e| ApiError::from_store(&tr, e))?;
    Ok((StatusCode::CREATED, Json(FacilityDto::from(row))).into_response())
}

/// A facility with its headcounts and workshops.
#[utoipa::path(get, path = "/api/v1/facilities/{id}", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = FacilityDetail), (status = 404, body = ApiErrors)))]
pub async fn get_facility(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
) -> Result<Json<FacilityDetail>, ApiError> {
    let fail = |e| ApiError::from_store(&tr, e);
    let f = steps::facility_within(&state, &user, Permission::ReadEnterprises, id).await.map_err(fail)?;
    let headcounts = state.store.populations(id).await.map_err(fail)?;
    let workshops = state.store.workshops(id).await.map_err(fail)?;
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
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(b): Json<HeadcountBody>,
) -> Result<StatusCode, ApiError> {
    let (on, inmates) = (b.counted_on.to_string(), b.inmates.to_string());
    steps::add_population(&state, &user, Source::Api, id, &on, &inmates)
        .await
        .map_err(|e| ApiError::from_problem(&tr, e))?;
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
    ApiLang(tr): ApiLang,
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
    let wid =
        steps::create_workshop(&state, &user, Source::Api, id, w).await.map_err(|e| ApiError::from_problem(&tr, e))?;
    let row = state.store.workshop(wid).await.map_err(|e| ApiError::from_store(&tr, e))?;
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
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
) -> Result<Json<Vec<InmateDto>>, ApiError> {
    let fail = |e| ApiError::from_store(&tr, e);
    steps::facility_within(&state, &user, Permission::ReadInmates, id).await.map_err(fail)?;
    Ok(Json(state.store.inmates(id).await.map_err(fail)?.into_iter().map(InmateDto::from).collect()))
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
    ApiLang(tr): ApiLang,
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
    let iid = steps::add_inmate(&state, &user, Source::Api, id, f).await.map_err(|e| ApiError::from_problem(&tr, e))?;
    let row = state.store.inmate(iid).await.map_err(|e| ApiError::from_store(&tr, e))?;
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
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(b): Json<WorkBody>,
) -> Result<StatusCode, ApiError> {
    let (workshop, starts) = (b.workshop_id.to_string(), b.starts.to_string());
    let wage = b.wage_tyiyn.map(som_text).unwrap_or_default();
    steps::assign_work(&state, &user, Source::Api, id, &workshop, &starts, &wage)
        .await
        .map_err(|e| ApiError::from_problem(&tr, e))?;
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
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(b): Json<DeductionBody>,
) -> Result<StatusCode, ApiError> {
    steps::add_deduction(&state, &user, Source::Api, id, &b.kind, &bp_text(b.rate_bp))
        .await
        .map_err(|e| ApiError::from_problem(&tr, e))?;
    Ok(StatusCode::CREATED)
}

#[derive(Deserialize, IntoParams)]
pub struct MonthParam {
    /// YYYY-MM
    pub month: String,
}

fn month_of_param(tr: &emgek_i18n::Tr, text: &str) -> Result<Date, ApiError> {
    steps::month(text).map_err(|e| ApiError::from_problem(tr, e))
}

#[derive(Serialize, ToSchema)]
pub struct ProductionDto {
    pub id: i64,
    pub produced_on: Date,
    /// A total for the month that starts on `produced_on`.
    pub whole_month: bool,
    pub product: String,
    /// piece | kg | litre | loaf
    pub unit: String,
    pub quantity: i64,
    pub internal_quantity: i64,
    /// Tyiyn a unit inside the Prison Service.
    pub transfer_price: i64,
    pub inmates_fed: i64,
}

impl From<ProductionRow> for ProductionDto {
    fn from(p: ProductionRow) -> Self {
        Self {
            id: p.production_id,
            produced_on: p.produced_on,
            whole_month: p.whole_month,
            product: p.product,
            unit: p.unit,
            quantity: p.quantity,
            internal_quantity: p.internal_quantity,
            transfer_price: p.transfer_price,
            inmates_fed: p.inmates_fed,
        }
    }
}

/// A workshop's production in a month.
#[utoipa::path(get, path = "/api/v1/workshops/{id}/production", tag = "enterprises", params(("id" = i64, Path), MonthParam),
    responses((status = 200, body = Vec<ProductionDto>), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn list_production(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Query(q): Query<MonthParam>,
) -> Result<Json<Vec<ProductionDto>>, ApiError> {
    let first = month_of_param(&tr, &q.month)?;
    let fail = |e| ApiError::from_store(&tr, e);
    steps::workshop_within(&state, &user, Permission::ReadEnterprises, id).await.map_err(fail)?;
    let rows = state.store.production(id, first, last_day(first)).await.map_err(fail)?;
    Ok(Json(rows.into_iter().map(ProductionDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct ProductionBody {
    pub produced_on: Date,
    #[serde(default)]
    pub whole_month: bool,
    pub product: String,
    pub unit: String,
    pub quantity: i64,
    #[serde(default)]
    pub internal_quantity: i64,
    #[serde(default)]
    pub transfer_price: i64,
    #[serde(default)]
    pub inmates_fed: i64,
}

/// Record output: a day's, or a month's total (`whole_month`).
#[utoipa::path(post, path = "/api/v1/workshops/{id}/production", tag = "enterprises", params(("id" = i64, Path)),
    request_body = ProductionBody, responses((status = 201), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn record_production(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(b): Json<ProductionBody>,
) -> Result<StatusCode, ApiError> {
    let on = b.produced_on.to_string();
    let (quantity, internal, fed) =
        (b.quantity.to_string(), b.internal_quantity.to_string(), b.inmates_fed.to_string());
    let price = if b.transfer_price < 0 { b.transfer_price.to_string() } else { som_text(b.transfer_price) };
    let f = steps::OutputForm {
        produced_on: &on,
        whole_month: b.whole_month,
        product: &b.product,
        unit: &b.unit,
        quantity: &quantity,
        internal_quantity: &internal,
        transfer_price_som: &price,
        inmates_fed: &fed,
    };
    steps::record_production(&state, &user, Source::Api, id, f).await.map_err(|e| ApiError::from_problem(&tr, e))?;
    Ok(StatusCode::CREATED)
}

#[derive(Serialize, ToSchema)]
pub struct SaleDto {
    pub id: i64,
    pub sold_on: Date,
    pub customer: String,
    pub product: String,
    pub quantity: i64,
    pub unit_price: i64,
    pub amount_tyiyn: i64,
}

impl From<SaleRow> for SaleDto {
    fn from(s: SaleRow) -> Self {
        Self {
            id: s.sale_id,
            sold_on: s.sold_on,
            customer: s.customer,
            product: s.product,
            quantity: s.quantity,
            unit_price: s.unit_price,
            amount_tyiyn: s.amount_tyiyn,
        }
    }
}

/// A workshop's sales in a month.
#[utoipa::path(get, path = "/api/v1/workshops/{id}/sales", tag = "enterprises", params(("id" = i64, Path), MonthParam),
    responses((status = 200, body = Vec<SaleDto>), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn list_sales(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Query(q): Query<MonthParam>,
) -> Result<Json<Vec<SaleDto>>, ApiError> {
    let first = month_of_param(&tr, &q.month)?;
    let fail = |e| ApiError::from_store(&tr, e);
    steps::workshop_within(&state, &user, Permission::ReadEnterprises, id).await.map_err(fail)?;
    let rows = state.store.sales(id, first, last_day(first)).await.map_err(fail)?;
    Ok(Json(rows.into_iter().map(SaleDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct SaleBody {
    pub sold_on: Date,
    pub customer: String,
    pub product: String,
    pub quantity: i64,
    /// Tyiyn a unit.
    pub unit_price: i64,
}

/// Record a sale outside the Prison Service.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/sales", tag = "enterprises", params(("id" = i64, Path)),
    request_body = SaleBody, responses((status = 201), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn record_sale(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(b): Json<SaleBody>,
) -> Result<StatusCode, ApiError> {
    let (on, quantity) = (b.sold_on.to_string(), b.quantity.to_string());
    let price = if b.unit_price < 0 { b.unit_price.to_string() } else { som_text(b.unit_price) };
    let f = steps::SaleForm {
        sold_on: &on,
        customer: &b.customer,
        product: &b.product,
        quantity: &quantity,
        unit_price_som: &price,
    };
    steps::record_sale(&state, &user, Source::Api, id, f).await.map_err(|e| ApiError::from_problem(&tr, e))?;
    Ok(StatusCode::CREATED)
}

#[derive(Deserialize, ToSchema)]
pub struct TimesheetBody {
    pub working_days: i64,
    /// Days worked by inmate id.
    pub days: Vec<TimesheetDay>,
}

#[derive(Deserialize, ToSchema)]
pub struct TimesheetDay {
    pub inmate_id: i64,
    pub days_worked: i64,
}

/// Keep a month's timesheet (lines replace those kept before); refused once the month's
/// payroll is closed.
#[utoipa::path(put, path = "/api/v1/workshops/{id}/timesheet", tag = "enterprises", params(("id" = i64, Path), MonthParam),
    request_body = TimesheetBody, responses((status = 204), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn save_timesheet(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Query(q): Query<MonthParam>,
    Json(b): Json<TimesheetBody>,
) -> Result<StatusCode, ApiError> {
    let first = month_of_param(&tr, &q.month)?;
    let days: Vec<(i64, String)> = b.days.iter().map(|d| (d.inmate_id, d.days_worked.to_string())).collect();
    steps::save_timesheet(&state, &user, Source::Api, id, first, &b.working_days.to_string(), &days)
        .await
        .map_err(|e| ApiError::from_problem(&tr, e))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct PayrollLineDto {
    pub inmate_id: i64,
    pub register_number: String,
    pub full_name: String,
    pub wage_tyiyn: i64,
    pub working_days: Option<i64>,
    pub days_worked: Option<i64>,
    /// None while the inmate has no timesheet line.
    pub pay: Option<PayLine>,
}

#[derive(Serialize, ToSchema)]
pub struct PayrollDto {
    pub month: Date,
    /// Whether the month is closed, by whom and when.
    pub closed: bool,
    pub closed_by: Option<String>,
    #[schema(value_type = Option<String>)]
    pub closed_at: Option<OffsetDateTime>,
    pub lines: Vec<PayrollLineDto>,
    pub gross_tyiyn: i64,
    pub withheld_tyiyn: i64,
    pub net_tyiyn: i64,
    pub inmate_min_net_bp: Option<u32>,
}

/// A month's payroll: as closed, or a preview computed from the timesheet.
#[utoipa::path(get, path = "/api/v1/workshops/{id}/payroll", tag = "enterprises", params(("id" = i64, Path), MonthParam),
    responses((status = 200, body = PayrollDto), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn get_payroll(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Query(q): Query<MonthParam>,
) -> Result<Json<PayrollDto>, ApiError> {
    let first = month_of_param(&tr, &q.month)?;
    let fail = |e| ApiError::from_store(&tr, e);
    steps::workshop_within(&state, &user, Permission::ReadInmates, id).await.map_err(fail)?;
    let p = steps::payroll(&state.store, id, first).await.map_err(fail)?;
    Ok(Json(PayrollDto {
        month: p.month,
        closed: p.closed.is_some(),
        closed_by: p.closed.as_ref().map(|r| r.closed_by.clone()),
        closed_at: p.closed.as_ref().map(|r| r.created_at),
        lines: p
            .lines
            .into_iter()
            .map(|l| PayrollLineDto {
                inmate_id: l.inmate_id,
                register_number: l.register_number,
                full_name: l.full_name,
                wage_tyiyn: l.wage_tyiyn,
                working_days: l.working_days,
                days_worked: l.days_worked,
                pay: l.pay,
            })
            .collect(),
        gross_tyiyn: p.gross_tyiyn,
        withheld_tyiyn: p.withheld_tyiyn,
        net_tyiyn: p.net_tyiyn,
        inmate_min_net_bp: p.inmate_min_net_bp,
    }))
}

/// Close a month's payroll as previewed: net pay is credited to the inmates' personal
/// accounts, and the month's timesheet no longer changes.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/payroll", tag = "enterprises", params(("id" = i64, Path), MonthParam),
    responses((status = 201), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn close_payroll(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Query(q): Query<MonthParam>,
) -> Result<StatusCode, ApiError> {
    let first = month_of_param(&tr, &q.month)?;
    steps::close_payroll(&state, &user, Source::Api, id, first).await.map_err(|e| ApiError::from_problem(&tr, e))?;
    Ok(StatusCode::CREATED)
}

/// Every version of the enterprises' rules, oldest first.
#[utoipa::path(get, path = "/api/v1/enterprise-rules", tag = "enterprises", responses((status = 200, body = Vec<EnterpriseRules>)))]
pub async fn list_rules(
    State(state): State<AppState>,
    ApiLang(tr): ApiLang,
) -> Result<Json<Vec<EnterpriseRules>>, ApiError> {
    Ok(Json(state.store.enterprise_rules().await.map_err(|e| ApiError::from_store(&tr, e))?))
}

/// Add a version of the enterprises' rules (administrators for the whole country).
#[utoipa::path(post, path = "/api/v1/enterprise-rules", tag = "enterprises", request_body = EnterpriseRules,
    responses((status = 201), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_rules(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Json(r): Json<EnterpriseRules>,
) -> Result<StatusCode, ApiError> {
    let from = r.effective_from.to_string();
    steps::add_rules(&state, &user, Source::Api, &from, &bp_text(r.state_budget_bp), &bp_text(r.inmate_min_net_bp))
        .await
        .map_err(|e| ApiError::from_problem(&tr, e))?;
    Ok(StatusCode::CREATED)
}

#[derive(Serialize, ToSchema)]
pub struct Indicators {
    /// The share of inmates in productive work on each headcount day, over the facilities the
    /// caller reaches.
    pub work_share: Vec<WorkShare>,
    /// Each facility on the last headcount day.
    pub facilities: Vec<FacilityFigures>,
}

/// Indicators computed from the records: the share of inmates in productive work over time,
/// nationally (over the facilities the caller reaches) and by facility.
#[utoipa::path(get, path = "/api/v1/enterprise-indicators", tag = "enterprises", responses((status = 200, body = Indicators)))]
pub async fn indicators(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
) -> Result<Json<Indicators>, ApiError> {
    let today = OffsetDateTime::now_utc().date();
    let (work_share, facilities) =
        steps::work_shares(&state, &user, today).await.map_err(|e| ApiError::from_store(&tr, e))?;
    Ok(Json(Indicators { work_share, facilities }))
}
