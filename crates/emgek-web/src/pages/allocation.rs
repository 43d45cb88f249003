//! The allocation page: the call's ranking previewed with each application's reason, then
//! committed with one button.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use emgek_store::Source;
use serde::Deserialize;

use super::applications::{coded, som};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::AppError;

pub fn router() -> Router<AppState> {
    Router::new().route(declared("/calls/{id}/allocation"), get(show_allocation).post(commit_allocation))
}

pub struct RankLine {
    pub rank: u32,
    pub application: i64,
    pub reason: String,
    pub funded: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "social/allocation.html")]
struct AllocationPage {
    ui: Ui,
    call_id: i64,
    lines: Vec<RankLine>,
    funded: u32,
    waiting: usize,
    spent: String,
    left: String,
    committed: Option<usize>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Done {
    contracts: Option<usize>,
}

/// The allocation as it would run now: the ranking and each application's reason, with a
/// button that commits exactly this.
async fn show_allocation(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(call): Path<i64>,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let out = match emgek_app::social_contract::allocation(state.app(), &user.caller(Source::Web), call, false).await {
        Ok(out) => out,
        Err(AppError::Invalid(_)) => return Err(PageError::new(&ui, StatusCode::UNPROCESSABLE_ENTITY)),
        Err(other) => return Err(PageError::app(&ui, other)),
    };
    let lines: Vec<RankLine> = out
        .allocation
        .decisions
        .iter()
        .map(|d| RankLine {
            rank: d.rank,
            application: d.application_id,
            reason: coded(&ui, "reason", d.reason.code()),
            funded: d.reason == emgek_domain::social_contract::allocation::Reason::Funded,
        })
        .collect();
    let waiting = lines.len() - out.funded as usize;
    Ok(AllocationPage {
        call_id: call,
        funded: out.funded,
        waiting,
        spent: som(&ui, out.spent),
        left: som(&ui, out.budget_left),
        committed: done.contracts,
        lines,
        ui,
    }
    .into_response())
}

async fn commit_allocation(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(call): Path<i64>,
) -> Result<Response, PageError> {
    match emgek_app::social_contract::allocation(state.app(), &user.caller(Source::Web), call, true).await {
        Ok(out) => {
            Ok(Redirect::to(&format!("/calls/{call}/allocation?contracts={}", out.contracts.len())).into_response())
        }
        Err(AppError::Invalid(_)) => Err(PageError::new(&ui, StatusCode::UNPROCESSABLE_ENTITY)),
        Err(other) => Err(PageError::app(&ui, other)),
    }
}
