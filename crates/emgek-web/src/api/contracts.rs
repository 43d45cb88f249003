//! Contracts after allocation: signing, tranches paid through the bank with idempotent
//! requests, extensions for valid reasons, termination with refund claims, and graduation.

use crate::api::json::Json;
use crate::api::json::Path;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use emgek_app::social_contract::payments;
use emgek_domain::access::Permission;
use emgek_domain::social_contract::ledger::Account;
use emgek_store::Source;
use emgek_store::programmes::{ContractContext, PaymentOrderRow};
use serde::{Deserialize, Serialize};
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
        .route(declared_api("/payments/bank-file"), post(bank_file))
        .route(declared_api("/payments/confirmations"), post(confirmations))
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
pub(super) async fn within(
    state: &AppState,
    user: &CurrentUser,
    tr: &emgek_i18n::Tr,
    permission: Permission,
    id: i64,
) -> Result<ContractContext, ApiError> {
    state.app().reach(&user.caller(Source::Api)).contract(permission, id).await.map_err(|e| ApiError::from_app(tr, e))
}

fn domain(
    tr: &emgek_i18n::Tr,
    c: &ContractContext,
) -> Result<emgek_domain::social_contract::contract::Contract, ApiError> {
    emgek_store::as_contract(&c.contract).map_err(|e| ApiError::internal(tr, &e))
}

async fn answer(state: &AppState, tr: &emgek_i18n::Tr, id: i64) -> Result<Json<ContractDto>, ApiError> {
    let c = state.store.contract_context(id).await.map_err(|e| ApiError::from_store(tr, e))?;
    let ledger = state.store.contract_ledger(id).await.map_err(|e| ApiError::from_store(tr, e))?;
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
    emgek_app::social_contract::contracts::sign(state.app(), &user.caller(Source::Api), id)
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
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
    emgek_app::social_contract::contracts::extend(
        state.app(),
        &user.caller(Source::Api),
        id,
        body.months,
        &body.reason,
    )
    .await
    .map_err(|p| ApiError::from_app(&tr, p))?;
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
    emgek_app::social_contract::contracts::terminate(
        state.app(),
        &user.caller(Source::Api),
        id,
        body.violation,
        &body.reason,
    )
    .await
    .map_err(|p| ApiError::from_app(&tr, p))?;
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
    emgek_app::social_contract::contracts::complete(state.app(), &user.caller(Source::Api), id, on.as_deref())
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
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
    let (order, created) = emgek_app::social_contract::contracts::order_tranche(
        state.app(),
        &user.caller(Source::Api),
        id,
        body.tranche,
        &key,
    )
    .await
    .map_err(|p| ApiError::from_app(&tr, p))?;
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(PaymentDto::from(order))).into_response())
}

/// The bank's file as CSV: one line per payment order, every text cell safe to open in a
/// spreadsheet.
pub fn bank_file_csv(lines: &[emgek_store::programmes::BankLine]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["payment_order_id", "contract_number", "recipient", "amount_som"])?;
    for l in lines {
        let amount = emgek_domain::Money::from_minor(l.amount_tyiyn, emgek_domain::Currency::KGS).to_plain();
        let recipient = emgek_exchange::cells::safe(&l.recipient).into_owned();
        w.write_record([l.payment_order_id.to_string(), l.contract_number.clone(), recipient, amount])?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// The bank's payment file: every ordered payment not yet sent, as CSV; they are marked sent,
/// so taking it is a POST.
#[utoipa::path(post, path = "/api/v1/payments/bank-file", tag = "contracts",
    responses((status = 200, description = "payment_order_id,contract_number,recipient,amount_som", content_type = "text/csv")))]
pub async fn bank_file(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
) -> Result<Response, ApiError> {
    let lines = payments::take_bank_file(state.app(), &user.caller(Source::Api)).await?;
    let body = bank_file_csv(&lines).map_err(|e| ApiError::internal(&tr, &e))?;
    Ok(crate::pages::attachment("text/csv; charset=utf-8", "payments.csv", body))
}

#[derive(Serialize, ToSchema)]
pub struct ConfirmationReport {
    pub paid: u32,
    pub failed: u32,
    /// Lines that could not be applied: `[line number, rule]` pairs.
    #[schema(value_type = Vec<Vec<serde_json::Value>>)]
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
    body: String,
) -> Result<Json<ConfirmationReport>, ApiError> {
    let done = payments::confirm(state.app(), &user.caller(Source::Api), &body).await?;
    let errors = done.errors.into_iter().map(|(line, rule)| (line, rule.to_string())).collect();
    Ok(Json(ConfirmationReport { paid: done.paid, failed: done.failed, errors }))
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
    emgek_app::social_contract::contracts::repay(
        state.app(),
        &user.caller(Source::Api),
        id,
        &body.amount_som,
        &body.idempotency_key,
    )
    .await
    .map_err(|p| ApiError::from_app(&tr, p))?;
    answer(&state, &tr, id).await
}
