//! A workshop's month through the API: production, sales, the timesheet, and the payroll
//! previewed and closed. Amounts are integer tyiyn.

use crate::api::json::Json;
use crate::api::json::{Path, Query};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use emgek_domain::access::Permission;
use emgek_domain::prison::payroll::PayLine;
use emgek_store::Source;
use emgek_store::prison::{ProductionRow, SaleRow};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use utoipa::{IntoParams, ToSchema};

use super::ApiLang;
use super::enterprises::som_text;
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::state::AppState;
use emgek_app::prison::{self as steps, last_day};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/workshops/{id}/production"), get(list_production).post(record_production))
        .route(declared_api("/workshops/{id}/sales"), get(list_sales).post(record_sale))
        .route(declared_api("/workshops/{id}/timesheet"), put(save_timesheet))
        .route(declared_api("/workshops/{id}/payroll"), get(get_payroll).post(close_payroll))
}

#[derive(Deserialize, IntoParams)]
pub struct MonthParam {
    /// YYYY-MM
    pub month: String,
}

fn month_of_param(tr: &emgek_i18n::Tr, text: &str) -> Result<Date, ApiError> {
    steps::month(text).map_err(|e| ApiError::from_app(tr, e))
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
    crate::scope::workshop_within(&state, &user, Permission::ReadEnterprises, id).await?;
    let rows = state.store.production(id, first, last_day(first)).await?;
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
    steps::record_production(state.app(), &user.caller(Source::Api), id, f).await?;
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
    crate::scope::workshop_within(&state, &user, Permission::ReadEnterprises, id).await?;
    let rows = state.store.sales(id, first, last_day(first)).await?;
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
    steps::record_sale(state.app(), &user.caller(Source::Api), id, f).await?;
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
    steps::save_timesheet(state.app(), &user.caller(Source::Api), id, first, &b.working_days.to_string(), &days)
        .await?;
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
    crate::scope::workshop_within(&state, &user, Permission::ReadInmates, id).await?;
    let p = steps::payroll(&state.store, id, first).await?;
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
    steps::close_payroll(state.app(), &user.caller(Source::Api), id, first).await?;
    Ok(StatusCode::CREATED)
}
