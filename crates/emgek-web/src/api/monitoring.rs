//! Monitoring funded businesses through the API: monthly reports with their receipts, field
//! visits, and the overdue reports of a call.

use crate::api::json::Json;
use crate::api::json::Path;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use emgek_domain::access::Permission;
use emgek_store::Source;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiLang;
use super::contracts::within;
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/contracts/{id}/reports"), post(add_report).get(list_reports))
        .route(declared_api("/contracts/{id}/visits"), post(add_visit).get(list_visits))
        .route(
            declared_api("/reports/{id}/receipts"),
            post(add_receipt).layer(axum::extract::DefaultBodyLimit::max(crate::receipts::RECEIPT_BODY_LIMIT)),
        )
        .route(declared_api("/receipts/{id}"), get(download_receipt))
        .route(declared_api("/calls/{id}/overdue"), get(overdue))
}

#[derive(Deserialize, ToSchema)]
pub struct Purchase {
    /// Index of the plan's budget line, from 0.
    pub line: usize,
    pub amount_som: String,
}

#[derive(Deserialize, ToSchema)]
pub struct ReportDto {
    /// `YYYY-MM`.
    pub month: String,
    pub revenue_som: String,
    pub costs_som: String,
    pub jobs: u32,
    #[serde(default)]
    pub purchases: Vec<Purchase>,
    /// Receipt numbers or short notes.
    #[serde(default)]
    pub receipts: Vec<String>,
}

/// A monthly report: revenue, costs, jobs and purchases against the plan's budget lines.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/reports", tag = "monitoring", params(("id" = i64, Path)), request_body = ReportDto,
    responses((status = 201, body = super::programmes::Created), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_report(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(body): Json<ReportDto>,
) -> Result<Response, ApiError> {
    let input = emgek_app::social_contract::contracts::ReportInput {
        month: body.month,
        revenue_som: body.revenue_som,
        costs_som: body.costs_som,
        jobs: body.jobs.to_string(),
        purchases: body.purchases.into_iter().map(|p| (p.line, p.amount_som)).collect(),
        receipts: body.receipts,
    };
    let report = emgek_app::social_contract::contracts::add_report(state.app(), &user.caller(Source::Api), id, &input)
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok((StatusCode::CREATED, Json(super::programmes::Created { id: report })).into_response())
}

/// A receipt attached to a monthly report; its file is at `/api/v1/receipts/{id}`.
#[derive(Serialize, ToSchema)]
pub struct ReceiptDto {
    pub id: i64,
    pub report_id: i64,
    pub name: String,
    /// `image/jpeg`, `image/png` or `application/pdf`, read from the file itself.
    pub content_type: String,
    pub size_bytes: i64,
}

impl From<emgek_store::programmes::ReceiptRow> for ReceiptDto {
    fn from(r: emgek_store::programmes::ReceiptRow) -> Self {
        Self {
            id: r.report_receipt_id,
            report_id: r.monthly_report_id,
            name: r.file_name,
            content_type: r.content_type,
            size_bytes: r.size_bytes,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReceiptQuery {
    /// The file's name, as shown to readers.
    pub name: String,
}

/// Attach a receipt to a monthly report: the file itself is the body (a JPEG or PNG photo, or a
/// PDF scan, at most 8 MiB; its type is read from its bytes). The same file sent again is the
/// same receipt.
#[utoipa::path(post, path = "/api/v1/reports/{id}/receipts", tag = "monitoring",
    params(("id" = i64, Path), ("name" = Option<String>, Query, description = "the file's name")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = ReceiptDto), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_receipt(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<ReceiptQuery>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let receipt =
        emgek_app::social_contract::contracts::add_receipt(state.app(), &user.caller(Source::Api), id, &q.name, &body)
            .await
            .map_err(|p| ApiError::from_app(&tr, p))?;
    let (row, _) =
        emgek_app::social_contract::contracts::receipt(state.app(), &user.caller(Source::Web), receipt).await?;
    Ok((StatusCode::CREATED, Json(ReceiptDto::from(row))).into_response())
}

/// A receipt's file.
#[utoipa::path(get, path = "/api/v1/receipts/{id}", tag = "monitoring", params(("id" = i64, Path)),
    responses((status = 200, description = "the file, as attached"), (status = 404, body = ApiErrors)))]
pub async fn download_receipt(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let (row, content) =
        emgek_app::social_contract::contracts::receipt(state.app(), &user.caller(Source::Web), id).await?;
    Ok(crate::receipts::response(&row, content))
}

#[derive(Serialize, ToSchema)]
pub struct ReportLine {
    pub id: i64,
    /// `YYYY-MM`.
    pub month: String,
    pub revenue: i64,
    pub costs: i64,
    pub jobs: i64,
    pub purchases: serde_json::Value,
    pub receipts: Vec<String>,
    /// Receipts attached as files.
    pub attachments: Vec<ReceiptDto>,
}

/// A contract's monthly reports, oldest first.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/reports", tag = "monitoring", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ReportLine>)))]
pub async fn list_reports(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ReportLine>>, ApiError> {
    within(&state, &user, &tr, Permission::ReadApplications, id).await?;
    let rows = state.store.reports(id).await?;
    let mut files = state.store.receipts(id).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| ReportLine {
                id: r.monthly_report_id,
                attachments: files
                    .extract_if(.., |f| f.monthly_report_id == r.monthly_report_id)
                    .map(ReceiptDto::from)
                    .collect(),
                month: format!("{}-{:02}", r.month.year(), u8::from(r.month.month())),
                revenue: r.revenue_tyiyn,
                costs: r.costs_tyiyn,
                jobs: r.jobs,
                purchases: serde_json::from_str(&r.purchases_json).unwrap_or_default(),
                receipts: r.receipts.lines().map(str::to_string).collect(),
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct VisitDto {
    pub visited_on: String,
    pub outcome: emgek_domain::social_contract::monitoring::VisitOutcome,
    /// Required when the business is struggling or closed.
    #[serde(default)]
    pub reasons: String,
}

/// A field visit: the business operating, struggling or closed, with reasons.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/visits", tag = "monitoring", params(("id" = i64, Path)), request_body = VisitDto,
    responses((status = 201, body = super::programmes::Created), (status = 422, body = ApiErrors)))]
pub async fn add_visit(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(body): Json<VisitDto>,
) -> Result<Response, ApiError> {
    let visit = emgek_app::social_contract::contracts::add_visit(
        state.app(),
        &user.caller(Source::Api),
        id,
        &body.visited_on,
        body.outcome,
        &body.reasons,
    )
    .await
    .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok((StatusCode::CREATED, Json(super::programmes::Created { id: visit })).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct VisitLine {
    pub visited_on: time::Date,
    pub outcome: String,
    pub reasons: String,
    pub visitor: String,
}

/// A contract's field visits.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/visits", tag = "monitoring", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<VisitLine>)))]
pub async fn list_visits(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
) -> Result<Json<Vec<VisitLine>>, ApiError> {
    within(&state, &user, &tr, Permission::ReadApplications, id).await?;
    let rows = state.store.visits(id).await?;
    Ok(Json(
        rows.into_iter()
            .map(|v| VisitLine { visited_on: v.visited_on, outcome: v.outcome, reasons: v.reasons, visitor: v.visitor })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct Overdue {
    pub contract_id: i64,
    pub number: String,
    /// The months (`YYYY-MM`) whose report was due by the 5th of the next month and is missing.
    pub months: Vec<String>,
}

/// Contracts with monthly reports overdue, through their term and follow-up.
#[utoipa::path(get, path = "/api/v1/calls/{id}/overdue", tag = "monitoring", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Overdue>)))]
pub async fn overdue(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(call): Path<i64>,
) -> Result<Json<Vec<Overdue>>, ApiError> {
    let overdue = emgek_app::social_contract::contracts::overdue(state.app(), &user.caller(Source::Api), call).await?;
    Ok(Json(
        overdue
            .into_iter()
            .map(|o| Overdue {
                contract_id: o.contract_id,
                number: o.number,
                months: o.months.iter().map(|d| format!("{}-{:02}", d.year(), u8::from(d.month()))).collect(),
            })
            .collect(),
    ))
}
