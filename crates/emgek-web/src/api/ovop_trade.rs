//! The official exchange rates, outlets and export contracts through the API: rates set once a
//! day or imported from CSV, the places that sell the products, and export contracts valued at
//! the rates of their day.

use crate::api::json::Json;
use crate::api::json::{Path, Query};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use emgek_domain::access::Permission;
use emgek_domain::rates::rate_plain;
use emgek_store::Source;
use emgek_store::ovop::{ExportContractRow, RateRow};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

use super::ApiLang;
use super::ovop::id_text;
use super::programmes::Created;
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::scope::product_within;
use crate::state::AppState;
use emgek_app::ovop::{self as steps};
use emgek_app::rates::{self, RatesImport};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/exchange-rates"), get(list_rates).post(add_rate))
        .route(declared_api("/exchange-rates/import"), post(import_rates))
        .route(declared_api("/ovop/producers/{id}/exports"), post(record_export))
        .route(declared_api("/ovop/exports"), get(list_exports))
        .route(declared_api("/ovop/outlets"), get(list_outlets).post(create_outlet))
        .route(declared_api("/ovop/products/{id}/outlets"), get(product_outlets).post(sell_at))
}

/// An official rate: som for one unit of the currency, from `rate_on`.
#[derive(Serialize, ToSchema)]
pub struct RateDto {
    pub currency: String,
    pub rate_on: Date,
    /// Four decimals, e.g. `89.4500`.
    pub rate: String,
    pub som_x10000: i64,
}

impl From<RateRow> for RateDto {
    fn from(r: RateRow) -> Self {
        Self { currency: r.currency, rate_on: r.rate_on, rate: rate_plain(r.som_x10000), som_x10000: r.som_x10000 }
    }
}

/// Every official rate, latest first.
#[utoipa::path(get, path = "/api/v1/exchange-rates", tag = "ovop", responses((status = 200, body = Vec<RateDto>)))]
pub async fn list_rates(State(state): State<AppState>, _user: CurrentUser) -> Result<Json<Vec<RateDto>>, ApiError> {
    let rates = state.store.rates().await?;
    Ok(Json(rates.into_iter().map(RateDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct RateBody {
    /// ISO 4217, not `KGS`.
    pub currency: String,
    /// `YYYY-MM-DD`.
    pub rate_on: String,
    /// Som for one unit, at most four decimals: `89.45`.
    pub rate: String,
}

/// Add the official rate of a currency for a day (once: 409 `rate.exists`).
#[utoipa::path(post, path = "/api/v1/exchange-rates", tag = "ovop", request_body = RateBody,
    responses((status = 201), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_rate(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Json(b): Json<RateBody>,
) -> Result<StatusCode, ApiError> {
    rates::add_rate(state.app(), &user.caller(Source::Api), (&b.currency, &b.rate_on, &b.rate))
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok(StatusCode::CREATED)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ImportQuery {
    pub all_or_nothing: bool,
}

/// Import rates from CSV (`currency,rate_on,rate` and a header line): each rejected line with
/// its reason; the others are added in one transaction, or none with `all_or_nothing=true`.
#[utoipa::path(post, path = "/api/v1/exchange-rates/import", tag = "ovop",
    params(("all_or_nothing" = Option<bool>, Query)), request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = RatesImport), (status = 422, body = ApiErrors)))]
pub async fn import_rates(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Query(q): Query<ImportQuery>,
    body: String,
) -> Result<Json<RatesImport>, ApiError> {
    let report = rates::import_rates(state.app(), &user.caller(Source::Api), &body, q.all_or_nothing)
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok(Json(report))
}

#[derive(Serialize, ToSchema)]
pub struct ExportDto {
    pub id: i64,
    pub producer_id: i64,
    pub product_id: Option<i64>,
    pub producer: String,
    pub oblast: String,
    pub reference: String,
    pub buyer: String,
    pub country: String,
    pub signed_on: Date,
    pub quantity: i64,
    pub unit: String,
    pub currency: String,
    /// Hundredths of the contract's currency.
    pub value_minor: i64,
    /// The official rate of the day, som for one unit (four decimals).
    pub rate: String,
    pub som_tyiyn: i64,
    pub usd_rate: String,
    pub usd_cents: i64,
}

impl From<ExportContractRow> for ExportDto {
    fn from(e: ExportContractRow) -> Self {
        Self {
            id: e.ovop_export_contract_id,
            producer_id: e.ovop_producer_id,
            product_id: e.ovop_product_id,
            producer: e.producer_name,
            oblast: e.oblast_code,
            reference: e.reference,
            buyer: e.buyer,
            country: e.country,
            signed_on: e.signed_on,
            quantity: e.quantity,
            unit: e.unit,
            currency: e.currency,
            value_minor: e.value_minor,
            rate: rate_plain(e.rate_x10000),
            som_tyiyn: e.som_tyiyn,
            usd_rate: rate_plain(e.usd_rate_x10000),
            usd_cents: e.usd_cents,
        }
    }
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct ExportBody {
    pub product_id: Option<i64>,
    /// The contract's number: once per producer.
    pub reference: String,
    pub buyer: String,
    /// ISO 3166 alpha-2.
    pub country: String,
    pub signed_on: String,
    pub quantity: i64,
    /// piece | kg | litre
    pub unit: String,
    /// ISO 4217.
    pub currency: String,
    /// In the contract's currency, e.g. `12500.00`.
    pub value: String,
}

/// Record an export contract of a producer the caller covers; its som and dollar equivalents
/// are fixed at the official rates of the day it was signed.
#[utoipa::path(post, path = "/api/v1/ovop/producers/{id}/exports", tag = "ovop", params(("id" = i64, Path)),
    request_body = ExportBody,
    responses((status = 201, body = Created), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn record_export(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(b): Json<ExportBody>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let (product, quantity) = (id_text(b.product_id), b.quantity.to_string());
    let f = steps::ExportForm {
        product_id: &product,
        reference: &b.reference,
        buyer: &b.buyer,
        country: &b.country,
        signed_on: &b.signed_on,
        quantity: &quantity,
        unit: &b.unit,
        currency: &b.currency,
        value: &b.value,
    };
    let e = steps::record_export(state.app(), &user.caller(Source::Api), id, f)
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok((StatusCode::CREATED, Json(Created { id: e })))
}

/// The export contracts of the places the caller reaches, latest first.
#[utoipa::path(get, path = "/api/v1/ovop/exports", tag = "ovop", responses((status = 200, body = Vec<ExportDto>)))]
pub async fn list_exports(State(state): State<AppState>, user: CurrentUser) -> Result<Json<Vec<ExportDto>>, ApiError> {
    let caller = user.caller(Source::Api);
    let reach = state.app().reach(&caller);
    let list = reach.export_contracts(Permission::ReadOvop).await?;
    Ok(Json(list.into_iter().map(ExportDto::from).collect()))
}

/// A place that sells the programme's products: in a rayon at home, or in a country abroad.
#[derive(Serialize, ToSchema)]
pub struct OutletDto {
    pub id: i64,
    pub name: String,
    /// shop | market | fair | hotel | online
    pub kind: String,
    pub country: String,
    pub rayon: Option<String>,
    pub address: String,
}

impl From<emgek_store::ovop::OutletRow> for OutletDto {
    fn from(o: emgek_store::ovop::OutletRow) -> Self {
        Self {
            id: o.ovop_outlet_id,
            name: o.name,
            kind: o.kind,
            country: o.country,
            rayon: o.rayon_code,
            address: o.address,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/ovop/outlets", tag = "ovop", responses((status = 200, body = Vec<OutletDto>)))]
pub async fn list_outlets(State(state): State<AppState>, _user: CurrentUser) -> Result<Json<Vec<OutletDto>>, ApiError> {
    let list = state.store.outlets().await?;
    Ok(Json(list.into_iter().map(OutletDto::from).collect()))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct OutletBody {
    pub name: String,
    pub kind: String,
    /// ISO 3166 alpha-2; `KG` (or empty) at home.
    pub country: String,
    /// At home.
    pub rayon: String,
    pub address: String,
}

/// Add an outlet.
#[utoipa::path(post, path = "/api/v1/ovop/outlets", tag = "ovop", request_body = OutletBody,
    responses((status = 201, body = Created), (status = 422, body = ApiErrors)))]
pub async fn create_outlet(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Json(b): Json<OutletBody>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let f =
        steps::OutletForm { name: &b.name, kind: &b.kind, country: &b.country, rayon: &b.rayon, address: &b.address };
    let id = steps::create_outlet(state.app(), &user.caller(Source::Api), f)
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// The outlets that sell a product.
#[utoipa::path(get, path = "/api/v1/ovop/products/{id}/outlets", tag = "ovop", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<OutletDto>), (status = 404, body = ApiErrors)))]
pub async fn product_outlets(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<OutletDto>>, ApiError> {
    product_within(&state, &user, Permission::ReadOvop, id).await?;
    Ok(Json(state.store.product_outlets(id).await?.into_iter().map(OutletDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct SellAtBody {
    pub outlet_id: i64,
}

/// The product is sold at an outlet (once: 409 `outlet.already_linked`).
#[utoipa::path(post, path = "/api/v1/ovop/products/{id}/outlets", tag = "ovop", params(("id" = i64, Path)),
    request_body = SellAtBody,
    responses((status = 204), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn sell_at(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(b): Json<SellAtBody>,
) -> Result<StatusCode, ApiError> {
    steps::sell_at(state.app(), &user.caller(Source::Api), id, &b.outlet_id.to_string())
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok(StatusCode::NO_CONTENT)
}
