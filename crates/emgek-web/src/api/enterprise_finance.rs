//! Prison enterprises' money: costs, revenue and profit for a period, and funding committed
//! against disbursed. Amounts are integer tyiyn.

use crate::api::json::Json;
use crate::api::json::{Path, Query};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use emgek_domain::access::Permission;
use emgek_domain::money::{Currency, Money};
use emgek_store::Source;
use emgek_store::prison::{CostRow, FundingRow};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::{IntoParams, ToSchema};

use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::scope::workshop_within;
use crate::state::AppState;
use emgek_app::prison::finance::{self as steps, Finance};
use emgek_app::prison::{last_day, month};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/enterprise-finance"), get(finance))
        .route(declared_api("/workshops/{id}/costs"), get(list_costs).post(record_cost))
        .route(declared_api("/funding"), get(list_funding).post(add_commitment))
        .route(declared_api("/funding/{id}/disbursements"), post(add_disbursement))
}

/// Tyiyn as the steps read amounts typed in som; a negative amount stays visibly wrong.
fn som_text(tyiyn: i64) -> String {
    if tyiyn < 0 { tyiyn.to_string() } else { Money::from_minor(tyiyn, Currency::KGS).to_plain() }
}

#[derive(Deserialize, IntoParams)]
pub struct PeriodParams {
    /// First day, YYYY-MM-DD.
    pub from: Date,
    /// Last day, YYYY-MM-DD.
    pub to: Date,
}

/// Revenue (sales and internal use at transfer prices), costs, wages and profit, with the part
/// paid to the state budget by the rules in force at each month's end: by workshop, facility
/// and nation, over the facilities the caller reaches.
#[utoipa::path(get, path = "/api/v1/enterprise-finance", tag = "enterprises", params(PeriodParams),
    responses((status = 200, body = Finance)))]
pub async fn finance(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<PeriodParams>,
) -> Result<Json<Finance>, ApiError> {
    let f = steps::finance(state.app(), &user.caller(Source::Web), q.from, q.to).await?;
    Ok(Json(f))
}

#[derive(Serialize, ToSchema)]
pub struct CostDto {
    pub id: i64,
    pub spent_on: Date,
    pub category: String,
    pub description: String,
    pub amount_tyiyn: i64,
}

impl From<CostRow> for CostDto {
    fn from(c: CostRow) -> Self {
        Self {
            id: c.cost_id,
            spent_on: c.spent_on,
            category: c.category,
            description: c.description,
            amount_tyiyn: c.amount_tyiyn,
        }
    }
}

#[derive(Deserialize, IntoParams)]
pub struct MonthOnly {
    /// YYYY-MM
    pub month: String,
}

/// A workshop's costs in a month.
#[utoipa::path(get, path = "/api/v1/workshops/{id}/costs", tag = "enterprises", params(("id" = i64, Path), MonthOnly),
    responses((status = 200, body = Vec<CostDto>), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn list_costs(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<MonthOnly>,
) -> Result<Json<Vec<CostDto>>, ApiError> {
    let first = month(&q.month)?;
    workshop_within(&state, &user, Permission::ReadEnterprises, id).await?;
    let rows = state.store.costs(id, first, last_day(first)).await?;
    Ok(Json(rows.into_iter().map(CostDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct CostBody {
    pub spent_on: Date,
    /// materials | utilities | equipment | transport | other
    pub category: String,
    pub description: String,
    pub amount_tyiyn: i64,
}

/// Record a cost of a workshop (wages come from closed payrolls).
#[utoipa::path(post, path = "/api/v1/workshops/{id}/costs", tag = "enterprises", params(("id" = i64, Path)),
    request_body = CostBody, responses((status = 201), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn record_cost(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<CostBody>,
) -> Result<StatusCode, ApiError> {
    let (on, amount) = (b.spent_on.to_string(), som_text(b.amount_tyiyn));
    let f = steps::CostForm { spent_on: &on, category: &b.category, description: &b.description, amount_som: &amount };
    steps::record_cost(state.app(), &user.caller(Source::Api), id, f).await?;
    Ok(StatusCode::CREATED)
}

#[derive(Serialize, ToSchema)]
pub struct FundingDto {
    pub id: i64,
    /// state_budget | donor_project
    pub source: String,
    pub purpose: String,
    pub committed_on: Date,
    pub committed_tyiyn: i64,
    pub disbursed_tyiyn: i64,
}

impl From<FundingRow> for FundingDto {
    fn from(f: FundingRow) -> Self {
        Self {
            id: f.funding_commitment_id,
            source: f.source,
            purpose: f.purpose,
            committed_on: f.committed_on,
            committed_tyiyn: f.amount_tyiyn,
            disbursed_tyiyn: f.disbursed_tyiyn,
        }
    }
}

/// Funding committed to the programme and how much of it was disbursed.
#[utoipa::path(get, path = "/api/v1/funding", tag = "enterprises", responses((status = 200, body = Vec<FundingDto>)))]
pub async fn list_funding(State(state): State<AppState>) -> Result<Json<Vec<FundingDto>>, ApiError> {
    let rows = steps::funding(state.app()).await?;
    Ok(Json(rows.into_iter().map(FundingDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct CommitmentBody {
    /// state_budget | donor_project
    pub source: String,
    pub purpose: String,
    pub committed_on: Date,
    pub amount_tyiyn: i64,
}

/// Record funding committed to the programme (administrators for the whole country).
#[utoipa::path(post, path = "/api/v1/funding", tag = "enterprises", request_body = CommitmentBody,
    responses((status = 201, body = FundingDto), (status = 422, body = ApiErrors)))]
pub async fn add_commitment(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(b): Json<CommitmentBody>,
) -> Result<(StatusCode, Json<FundingDto>), ApiError> {
    let (on, amount) = (b.committed_on.to_string(), som_text(b.amount_tyiyn));
    let id =
        steps::add_commitment(state.app(), &user.caller(Source::Api), (&b.source, &b.purpose, &on, &amount)).await?;
    let rows = steps::funding(state.app()).await?;
    let row = rows.into_iter().find(|r| r.funding_commitment_id == id).ok_or_else(|| ApiError::bad_request("lost"))?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

#[derive(Deserialize, ToSchema)]
pub struct DisbursementBody {
    /// The facility paid, or none for the programme as a whole.
    pub facility_id: Option<i64>,
    pub disbursed_on: Date,
    pub amount_tyiyn: i64,
}

/// Record a payment out of a commitment; never more than what remains of it.
#[utoipa::path(post, path = "/api/v1/funding/{id}/disbursements", tag = "enterprises", params(("id" = i64, Path)),
    request_body = DisbursementBody, responses((status = 201), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_disbursement(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<DisbursementBody>,
) -> Result<StatusCode, ApiError> {
    let facility = b.facility_id.map(|f| f.to_string()).unwrap_or_default();
    let (on, amount) = (b.disbursed_on.to_string(), som_text(b.amount_tyiyn));
    steps::add_disbursement(state.app(), &user.caller(Source::Api), id, (&facility, &on, &amount)).await?;
    Ok(StatusCode::CREATED)
}
