//! Contracts after allocation: signing, tranches paid through the bank with idempotent
//! requests, extensions for valid reasons, termination with refund claims, and graduation.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use emgek_domain::access::Permission;
use emgek_domain::social_contract::ledger::Account;
use emgek_store::programmes::{ContractContext, PaymentOrderRow};
use emgek_store::{Source, StoreError};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use super::ApiLang;
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/contracts/{id}"), get(get_contract))
        .route(declared_api("/contracts/{id}/sign"), post(sign))
        .route(declared_api("/contracts/{id}/extend"), post(extend))
        .route(declared_api("/contracts/{id}/terminate"), post(terminate))
        .route(declared_api("/contracts/{id}/complete"), post(complete))
        .route(declared_api("/contracts/{id}/payments"), post(request_payment))
        .route(declared_api("/contracts/{id}/repayments"), post(repay))
        .route(declared_api("/payments/bank-file"), get(bank_file))
        .route(declared_api("/payments/confirmations"), post(confirmations))
        .route(declared_api("/contracts/{id}/reports"), post(add_report).get(list_reports))
        .route(declared_api("/contracts/{id}/visits"), post(add_visit).get(list_visits))
        .route(
            declared_api("/reports/{id}/receipts"),
            post(add_receipt).layer(axum::extract::DefaultBodyLimit::max(crate::social_contracts::RECEIPT_BODY_LIMIT)),
        )
        .route(declared_api("/receipts/{id}"), get(download_receipt))
        .route(declared_api("/calls/{id}/overdue"), get(overdue))
}

#[derive(Serialize, ToSchema)]
pub struct ContractDto {
    pub id: i64,
    pub application_id: i64,
    pub number: String,
    pub status: String,
    /// In tyiyn.
    pub grant: i64,
    pub term_months: i64,
    pub extended_months: i64,
    pub starts: Option<time::Date>,
    pub ends: Option<time::Date>,
    /// This contract's money in the ledger, in tyiyn.
    pub committed: i64,
    pub disbursed: i64,
    pub refund_due: i64,
    pub recovered: i64,
    pub payments: Vec<PaymentDto>,
}

#[derive(Serialize, ToSchema)]
pub struct PaymentDto {
    pub id: i64,
    pub tranche: i64,
    pub amount: i64,
    /// ordered, sent, paid or failed.
    pub status: String,
    pub bank_reference: String,
}

impl From<PaymentOrderRow> for PaymentDto {
    fn from(o: PaymentOrderRow) -> Self {
        Self {
            id: o.payment_order_id,
            tranche: o.tranche_no,
            amount: o.amount_tyiyn,
            status: o.status,
            bank_reference: o.bank_reference,
        }
    }
}

/// The contract, if it lies where the user may use `permission`.
async fn within(
    state: &AppState,
    user: &CurrentUser,
    tr: &emgek_i18n::Tr,
    permission: Permission,
    id: i64,
) -> Result<ContractContext, ApiError> {
    let c = state.store.contract_context(id).await.map_err(|e| ApiError::from_store(tr, e))?;
    if user.areas(permission).contains(&c.oblast, &c.rayon) {
        Ok(c)
    } else {
        Err(ApiError::from_store(tr, StoreError::NotFound))
    }
}

fn domain(
    tr: &emgek_i18n::Tr,
    c: &ContractContext,
) -> Result<emgek_domain::social_contract::contract::Contract, ApiError> {
    emgek_store::as_contract(&c.contract).map_err(|e| ApiError::internal(tr, &e))
}

async fn answer(state: &AppState, tr: &emgek_i18n::Tr, id: i64) -> Result<Json<ContractDto>, ApiError> {
    let c = state.store.contract_context(id).await.map_err(|e| ApiError::from_store(tr, e))?;
    let ledger = state.store.ledger(c.programme_id).await.map_err(|e| ApiError::from_store(tr, e))?;
    let orders = state.store.payment_orders(id).await.map_err(|e| ApiError::from_store(tr, e))?;
    let ends = domain(tr, &c)?.ends();
    let k = &c.contract;
    Ok(Json(ContractDto {
        id,
        application_id: k.application_id,
        number: k.number.clone(),
        status: k.status.clone(),
        grant: k.grant_tyiyn,
        term_months: k.term_months,
        extended_months: k.extended_months,
        starts: k.starts,
        ends,
        committed: ledger.contract_balance(id, Account::Committed),
        disbursed: ledger.contract_balance(id, Account::Disbursed),
        refund_due: ledger.contract_balance(id, Account::RefundDue),
        recovered: ledger.contract_balance(id, Account::Recovered),
        payments: orders.into_iter().map(PaymentDto::from).collect(),
    }))
}

/// A contract with its payments and its money in the ledger.
#[utoipa::path(get, path = "/api/v1/contracts/{id}", tag = "contracts", params(("id" = i64, Path)),
    responses((status = 200, body = ContractDto), (status = 404, body = ApiErrors)))]
pub async fn get_contract(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
) -> Result<Json<ContractDto>, ApiError> {
    within(&state, &user, &tr, Permission::ReadApplications, id).await?;
    answer(&state, &tr, id).await
}

/// The family and the case worker sign the contract.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/sign", tag = "contracts", params(("id" = i64, Path)),
    responses((status = 200, body = ContractDto), (status = 409, body = ApiErrors)))]
pub async fn sign(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
) -> Result<Json<ContractDto>, ApiError> {
    crate::social_contracts::sign(&state, &user, Source::Api, id).await.map_err(|p| ApiError::from_problem(&tr, p))?;
    answer(&state, &tr, id).await
}

#[derive(Deserialize, ToSchema)]
pub struct Extension {
    pub months: u32,
    /// The valid reason: illness, fire, a death in the family…
    pub reason: String,
}

/// A valid reason extends the term (by at most half of it in all) instead of ending the contract.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/extend", tag = "contracts", params(("id" = i64, Path)), request_body = Extension,
    responses((status = 200, body = ContractDto), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn extend(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(body): Json<Extension>,
) -> Result<Json<ContractDto>, ApiError> {
    crate::social_contracts::extend(&state, &user, Source::Api, id, body.months, &body.reason)
        .await
        .map_err(|p| ApiError::from_problem(&tr, p))?;
    answer(&state, &tr, id).await
}

#[derive(Deserialize, ToSchema)]
pub struct TerminationDto {
    /// A violation without valid reason: what was paid is claimed back.
    pub violation: bool,
    pub reason: String,
}

/// End a contract early; unpaid grant goes back to the budget, and after a violation a refund
/// claim is opened for what was paid.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/terminate", tag = "contracts", params(("id" = i64, Path)), request_body = TerminationDto,
    responses((status = 200, body = ContractDto), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn terminate(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(body): Json<TerminationDto>,
) -> Result<Json<ContractDto>, ApiError> {
    crate::social_contracts::terminate(&state, &user, Source::Api, id, body.violation, &body.reason)
        .await
        .map_err(|p| ApiError::from_problem(&tr, p))?;
    answer(&state, &tr, id).await
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct Completion {
    /// The day the term was found fulfilled, `YYYY-MM-DD`; today by default.
    pub on: Option<String>,
}

/// The term is over with the obligations met: the family graduates, its need-based benefit
/// ends and its right to it is limited for the programme's number of years.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/complete", tag = "contracts", params(("id" = i64, Path)), request_body = Completion,
    responses((status = 200, body = ContractDto), (status = 409, body = ApiErrors)))]
pub async fn complete(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    body: Option<Json<Completion>>,
) -> Result<Json<ContractDto>, ApiError> {
    let on = body.and_then(|b| b.0.on);
    crate::social_contracts::complete(&state, &user, Source::Api, id, on.as_deref())
        .await
        .map_err(|p| ApiError::from_problem(&tr, p))?;
    answer(&state, &tr, id).await
}

#[derive(Deserialize, ToSchema)]
pub struct PaymentRequest {
    /// 1 for the first tranche.
    pub tranche: u32,
    /// Any unique text; also accepted as the `Idempotency-Key` header. A retried request with
    /// the same key returns the first order and pays nothing twice.
    #[serde(default)]
    pub idempotency_key: String,
}

/// Order the payment of a tranche of the grant.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/payments", tag = "contracts", params(("id" = i64, Path)), request_body = PaymentRequest,
    responses((status = 201, body = PaymentDto), (status = 200, body = PaymentDto, description = "The same request again: the first order"),
        (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn request_payment(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(body): Json<PaymentRequest>,
) -> Result<Response, ApiError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .unwrap_or(body.idempotency_key.clone());
    let (order, created) = crate::social_contracts::order_tranche(&state, &user, Source::Api, id, body.tranche, &key)
        .await
        .map_err(|p| ApiError::from_problem(&tr, p))?;
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(PaymentDto::from(order))).into_response())
}

/// The bank's payment file: every ordered payment not yet sent, as CSV; they are marked sent.
#[utoipa::path(get, path = "/api/v1/payments/bank-file", tag = "contracts",
    responses((status = 200, description = "payment_order_id,contract_number,recipient,amount_som", content_type = "text/csv")))]
pub async fn bank_file(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
) -> Result<Response, ApiError> {
    let lines = state.store.take_bank_file(&user.actor(Source::Api)).await.map_err(|e| ApiError::from_store(&tr, e))?;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["payment_order_id", "contract_number", "recipient", "amount_som"])
        .map_err(|e| ApiError::internal(&tr, &e))?;
    for l in &lines {
        let amount = emgek_domain::Money::from_minor(l.amount_tyiyn, emgek_domain::Currency::KGS).to_plain();
        w.write_record([l.payment_order_id.to_string(), l.contract_number.clone(), l.recipient.clone(), amount])
            .map_err(|e| ApiError::internal(&tr, &e))?;
    }
    let body = w.into_inner().map_err(|e| ApiError::internal(&tr, &e))?;
    Ok(crate::pages::attachment("text/csv; charset=utf-8", "payments.csv", body))
}

#[derive(Serialize, ToSchema)]
pub struct ConfirmationReport {
    pub paid: u32,
    pub failed: u32,
    /// Lines that could not be applied: (line number, rule).
    pub errors: Vec<(u64, String)>,
}

/// The bank's confirmations as CSV (`payment_order_id,status,bank_reference,value_date`, status
/// `paid` or `failed`): paid orders are disbursed in the ledger; the first tranche starts the
/// contract's term on the value date. Sending the same file twice changes nothing.
#[utoipa::path(post, path = "/api/v1/payments/confirmations", tag = "contracts",
    request_body(content = String, content_type = "text/csv"), responses((status = 200, body = ConfirmationReport)))]
pub async fn confirmations(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    body: String,
) -> Result<Json<ConfirmationReport>, ApiError> {
    let mut report = ConfirmationReport { paid: 0, failed: 0, errors: Vec::new() };
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(body.as_bytes());
    for (i, record) in reader.records().enumerate() {
        let line = i as u64 + 2;
        let Ok(r) = record else {
            report.errors.push((line, "csv.malformed".into()));
            continue;
        };
        let id: Option<i64> = r.get(0).and_then(|s| s.trim().parse().ok());
        let paid = match r.get(1).map(str::trim) {
            Some("paid") => true,
            Some("failed") => false,
            _ => {
                report.errors.push((line, "payment.status_unknown".into()));
                continue;
            }
        };
        let value_date =
            r.get(3).and_then(emgek_domain::household::parse_date).unwrap_or_else(|| OffsetDateTime::now_utc().date());
        let Some(id) = id else {
            report.errors.push((line, "payment.order_unknown".into()));
            continue;
        };
        let programme = match state.store.payment_programme(id).await {
            Ok(p) => p,
            Err(_) => {
                report.errors.push((line, "payment.order_unknown".into()));
                continue;
            }
        };
        match state
            .store
            .confirm_payment(&user.actor(Source::Api), id, paid, r.get(2).unwrap_or("").trim(), programme, value_date)
            .await
        {
            Ok(_) if paid => report.paid += 1,
            Ok(_) => report.failed += 1,
            Err(StoreError::Conflict(rule)) => report.errors.push((line, rule.into())),
            Err(e) => return Err(ApiError::from_store(&tr, e)),
        }
    }
    Ok(Json(report))
}

#[derive(Deserialize, ToSchema)]
pub struct Repayment {
    /// In som, e.g. `10000` or `10000.50`.
    pub amount_som: String,
    pub idempotency_key: String,
}

/// A family repays part or all of a refund claim; the same key twice posts once.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/repayments", tag = "contracts", params(("id" = i64, Path)), request_body = Repayment,
    responses((status = 200, body = ContractDto), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn repay(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(body): Json<Repayment>,
) -> Result<Json<ContractDto>, ApiError> {
    crate::social_contracts::repay(&state, &user, Source::Api, id, &body.amount_som, &body.idempotency_key)
        .await
        .map_err(|p| ApiError::from_problem(&tr, p))?;
    answer(&state, &tr, id).await
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
    let input = crate::social_contracts::ReportInput {
        month: body.month,
        revenue_som: body.revenue_som,
        costs_som: body.costs_som,
        jobs: body.jobs.to_string(),
        purchases: body.purchases.into_iter().map(|p| (p.line, p.amount_som)).collect(),
        receipts: body.receipts,
    };
    let report = crate::social_contracts::add_report(&state, &user, Source::Api, id, &input)
        .await
        .map_err(|p| ApiError::from_problem(&tr, p))?;
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
    let receipt = crate::social_contracts::add_receipt(&state, &user, Source::Api, id, &q.name, &body)
        .await
        .map_err(|p| ApiError::from_problem(&tr, p))?;
    let (row, _) =
        crate::social_contracts::receipt(&state, &user, receipt).await.map_err(|e| ApiError::from_store(&tr, e))?;
    Ok((StatusCode::CREATED, Json(ReceiptDto::from(row))).into_response())
}

/// A receipt's file.
#[utoipa::path(get, path = "/api/v1/receipts/{id}", tag = "monitoring", params(("id" = i64, Path)),
    responses((status = 200, description = "the file, as attached"), (status = 404, body = ApiErrors)))]
pub async fn download_receipt(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let (row, content) =
        crate::social_contracts::receipt(&state, &user, id).await.map_err(|e| ApiError::from_store(&tr, e))?;
    Ok(crate::social_contracts::receipt_response(&row, content))
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
    let rows = state.store.reports(id).await.map_err(|e| ApiError::from_store(&tr, e))?;
    let mut files = state.store.receipts(id).await.map_err(|e| ApiError::from_store(&tr, e))?;
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
    let visit = crate::social_contracts::add_visit(
        &state,
        &user,
        Source::Api,
        id,
        &body.visited_on,
        body.outcome,
        &body.reasons,
    )
    .await
    .map_err(|p| ApiError::from_problem(&tr, p))?;
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
    let rows = state.store.visits(id).await.map_err(|e| ApiError::from_store(&tr, e))?;
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
    ApiLang(tr): ApiLang,
    Path(call): Path<i64>,
) -> Result<Json<Vec<Overdue>>, ApiError> {
    use emgek_domain::social_contract::monitoring::months_due;
    let call_row = state.store.call(call).await.map_err(|e| ApiError::from_store(&tr, e))?;
    let book = state.store.rule_book(call_row.programme_id).await.map_err(|e| ApiError::from_store(&tr, e))?;
    let contracts = state
        .store
        .monitored(call, &user.areas(Permission::ReadApplications))
        .await
        .map_err(|e| ApiError::from_store(&tr, e))?;
    let today = OffsetDateTime::now_utc().date();
    let follow = book.in_force(call_row.opens).map(|r| r.follow_up_months).unwrap_or(12);
    let mut out = Vec::new();
    for m in contracts {
        let mut k = emgek_store::as_contract(&m.contract).map_err(|e| ApiError::internal(&tr, &e))?;
        let Some(start) = k.starts else { continue };
        k.extended_months += follow;
        let Some(last) = k.ends() else { continue };
        let missing: Vec<String> = months_due(start, last, today)
            .into_iter()
            .filter(|d| !m.reported.contains(d))
            .map(|d| format!("{}-{:02}", d.year(), u8::from(d.month())))
            .collect();
        if !missing.is_empty() {
            out.push(Overdue { contract_id: m.contract.contract_id, number: m.contract.number, months: missing });
        }
    }
    Ok(Json(out))
}
