//! Money and reports across contracts: the bank file of ordered payments, the bank's
//! confirmations, and the list of overdue monthly reports of a call.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use emgek_app::AppError;
use emgek_app::social_contract::payments;

use emgek_store::Source;
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/calls/{id}/overdue"), get(show_overdue))
        .route(declared("/payments"), get(show_payments).post(upload_confirmations))
        .route(declared("/payments/bank-file.csv"), post(download_bank_file))
}

pub struct OverdueLine {
    pub contract_id: i64,
    pub number: String,
    pub months: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "social/overdue.html")]
struct OverduePage {
    ui: Ui,
    call_id: i64,
    lines: Vec<OverdueLine>,
}

/// Contracts whose monthly report is overdue, through their term and follow-up.
async fn show_overdue(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(call): Path<i64>,
) -> Result<OverduePage, PageError> {
    let overdue = emgek_app::social_contract::contracts::overdue(state.app(), &user.caller(Source::Web), call).await?;
    let lines = overdue
        .into_iter()
        .map(|o| OverdueLine {
            contract_id: o.contract_id,
            number: o.number,
            months: o
                .months
                .iter()
                .map(|d| format!("{:02}.{}", u8::from(d.month()), d.year()))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    Ok(OverduePage { ui, call_id: call, lines })
}

#[derive(Template, WebTemplate)]
#[template(path = "social/payments.html")]
struct PaymentsPage {
    ui: Ui,
    result: Option<Applied>,
}

/// What applying the bank's confirmations did: paid, failed, and (line, message) of the rest.
pub struct Applied {
    pub paid: u32,
    pub failed: u32,
    pub errors: Vec<(u64, String)>,
}

async fn show_payments(ui: Ui) -> PaymentsPage {
    PaymentsPage { ui, result: None }
}

/// The bank's file of ordered payments; they are marked sent, so it is taken by a POST (a link
/// followed by accident must not mark orders sent that never reach the bank).
async fn download_bank_file(State(state): State<AppState>, user: CurrentUser, ui: Ui) -> Result<Response, PageError> {
    let lines = payments::take_bank_file(state.app(), &user.caller(Source::Web)).await?;
    let body = crate::api::contracts::bank_file_csv(&lines).map_err(|e| PageError::internal(&ui, &e))?;
    Ok(super::attachment("text/csv; charset=utf-8", "payments.csv", body))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ConfirmationsForm {
    confirmations: String,
}

/// The bank's confirmations pasted as CSV text.
async fn upload_confirmations(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(f): Form<ConfirmationsForm>,
) -> Result<PaymentsPage, PageError> {
    let done = match payments::confirm(state.app(), &user.caller(Source::Web), &f.confirmations).await {
        Ok(done) => done,
        Err(AppError::Invalid(errors)) => {
            let errors = errors.iter().map(|e| (1, ui.tr.rule(e.rule))).collect();
            return Ok(PaymentsPage { ui, result: Some(Applied { paid: 0, failed: 0, errors }) });
        }
        Err(e) => return Err(PageError::app(&ui, e)),
    };
    let errors = done.errors.into_iter().map(|(line, rule)| (line, ui.tr.rule(rule))).collect();
    let (paid, failed) = (done.paid, done.failed);
    Ok(PaymentsPage { ui, result: Some(Applied { paid, failed, errors }) })
}
