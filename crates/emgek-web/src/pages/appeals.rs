//! Appeals in the pages: registered from the application's page at the rayon office, and the
//! appeal's page where the members who took no part in the decision hear it (the review
//! engine's scorecard) and decide. The rules are `emgek_app::social_contract::appeals`'.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_app::AppError;
use emgek_app::review::Scorecard;
use emgek_app::social_contract::appeals;
use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::social_contract::appeal::{Contested, rescored};
use emgek_domain::social_contract::review::Recommendation;
use emgek_store::Source;
use emgek_store::programmes::ReviewSubject;
use serde::Deserialize;

use super::applications::coded;
use super::form::{Saved, summary};
use super::review::{ReviewLine, review_lines, sent_review};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/applications/{id}/appeals"), post(lodge))
        .route(declared("/contracts/{id}/appeals"), post(lodge_against_termination))
        .route(declared("/appeals/{id}"), get(show))
        .route(declared("/appeals/{id}/reviews"), post(give_review))
        .route(declared("/appeals/{id}/decision"), post(decide))
}

#[derive(Deserialize)]
struct LodgeForm {
    #[serde(default)]
    grounds: String,
}

/// The rayon office registers the family's appeal from the application's page.
async fn lodge(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<LodgeForm>,
) -> Result<Response, PageError> {
    match appeals::lodge(state.app(), &user.caller(Source::Web), id, &form.grounds).await {
        Ok(lodged) => Ok(Redirect::to(&format!("/appeals/{}?saved=1", lodged.appeal_id)).into_response()),
        // The application's page again, saying why.
        Err(AppError::Invalid(errors)) => {
            let page = super::applications::application_page(&state, &user, ui, id, &errors, false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(AppError::Conflict(rule) | AppError::Store(emgek_store::StoreError::Conflict(rule))) => {
            let errors = [FieldError::new("appeal", rule, "")];
            let page = super::applications::application_page(&state, &user, ui, id, &errors, false).await?;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(e) => Err(PageError::app(&ui, e)),
    }
}

/// The rayon office registers the family's appeal of its contract's termination from the
/// contract's page.
async fn lodge_against_termination(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<LodgeForm>,
) -> Result<Response, PageError> {
    let lodged = appeals::lodge_against_termination(state.app(), &user.caller(Source::Web), id, &form.grounds).await;
    let (status, errors) = match lodged {
        Ok(lodged) => return Ok(Redirect::to(&format!("/appeals/{}?saved=1", lodged.appeal_id)).into_response()),
        Err(AppError::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
        Err(AppError::Conflict(rule) | AppError::Store(emgek_store::StoreError::Conflict(rule))) => {
            (StatusCode::CONFLICT, vec![FieldError::new("appeal", rule, "")])
        }
        Err(e) => return Err(PageError::app(&ui, e)),
    };
    // The contract's page again, saying why.
    let page = super::contracts::contract_page(&state, &user, ui, id, &errors, false).await?;
    Ok((status, page).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "social/appeal.html")]
struct AppealPage {
    ui: Ui,
    application_id: i64,
    grievance_id: i64,
    number: String,
    facts: Vec<(String, String)>,
    reviews: Vec<ReviewLine>,
    criteria: Vec<(String, String, u32)>,
    review_action: String,
    step_action: String,
    decision_title: String,
    /// How the hearing goes: scoring the plan again, or on the facts of a termination.
    hint: String,
    can_review: bool,
    errors: Vec<(String, String)>,
    saved: bool,
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    errors: &[FieldError],
    saved: bool,
) -> Result<AppealPage, PageError> {
    let caller = user.caller(Source::Web);
    let appeal = appeals::view(state.app(), &caller, id).await.map_err(|e| PageError::app(&ui, e))?;
    let g = state.store.grievance(appeal.grievance_id).await?;
    let number = emgek_app::grievances::number_of(&g).to_string();
    let a = state.store.application(appeal.application_id).await?;
    let mut facts = vec![
        (ui.tr.t("appeal-contested"), coded(&ui, "appeal-contested", &appeal.contested)),
        (ui.tr.t("appeal-status"), coded(&ui, "appeal-status", &appeal.status)),
        (ui.tr.t("appeal-lodged-on"), ui.tr.date(&appeal.lodged_on)),
        (ui.tr.t("appeal-grounds"), appeal.grounds.clone()),
        (ui.tr.t("application"), format!("{} · {}", a.id, coded(&ui, "status", a.status.code()))),
    ];
    if let Some(d) = appeal.decided_on {
        facts.push((ui.tr.t("appeal-decided-on"), ui.tr.date(&d)));
    }
    if let Some(r) = &appeal.outcome_reason {
        facts.push((ui.tr.field("reason"), r.clone()));
    }
    let call = state.store.call(a.call_id).await?;
    let book = state.store.rule_book(call.programme_id).await?;
    // A termination is heard on its facts: no plan is scored again.
    let rescored = Contested::parse(&appeal.contested).is_some_and(rescored);
    let criteria = a
        .rules_from
        .and_then(|d| book.in_force(d))
        .filter(|_| rescored)
        .map(|r| r.criteria.iter().map(|c| (c.code.clone(), ui.tr.field(&c.code), c.max_points)).collect())
        .unwrap_or_default();
    // A member of the commission who took no part in the decision hears an appeal not decided.
    let can_review = caller.may(Permission::ReviewApplications, &a.oblast, &a.rayon)
        && appeals::seat(state.app(), &caller, id).await.is_ok();
    Ok(AppealPage {
        application_id: appeal.application_id,
        grievance_id: appeal.grievance_id,
        number,
        facts,
        reviews: review_lines(state, &ui, ReviewSubject::Appeal(id)).await?,
        criteria,
        review_action: format!("/appeals/{id}/reviews"),
        step_action: format!("/appeals/{id}/decision"),
        decision_title: ui.tr.t("appeal-decision"),
        hint: ui.tr.t(if rescored { "appeal-hearing-hint" } else { "appeal-hearing-termination-hint" }),
        can_review,
        errors: summary(&ui, errors),
        saved,
        ui,
    })
}

async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<Saved>,
) -> Result<AppealPage, PageError> {
    page(&state, &user, ui, id, &[], !q.saved.is_empty()).await
}

async fn after(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    result: Result<(), AppError>,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/appeals/{id}?saved=1")).into_response()),
        Err(AppError::Invalid(errors)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(state, user, ui, id, &errors, false).await?).into_response())
        }
        Err(
            AppError::Conflict(rule)
            | AppError::Refused(rule)
            | AppError::Store(emgek_store::StoreError::Conflict(rule)),
        ) => {
            let errors = [FieldError::new("appeal", rule, "")];
            Ok((StatusCode::CONFLICT, page(state, user, ui, id, &errors, false).await?).into_response())
        }
        Err(other) => Err(PageError::app(&ui, other)),
    }
}

async fn give_review(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let result = match sent_review(&fields) {
        Ok(r) => {
            let card = Scorecard {
                conflict: r.conflict,
                scores: r.scores,
                recommendation: r.recommendation,
                comment: &r.comment,
            };
            appeals::review(state.app(), &user.caller(Source::Web), id, card).await
        }
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    after(&state, &user, ui, id, result).await
}

#[derive(Deserialize)]
struct DecisionForm {
    step: String,
    #[serde(default)]
    reason: String,
}

async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, PageError> {
    let outcome = match form.step.as_str() {
        "approve" => Recommendation::Approve,
        "reject" => Recommendation::Reject,
        _ => Recommendation::Return,
    };
    let result = appeals::decide(state.app(), &user.caller(Source::Web), id, outcome, &form.reason).await;
    after(&state, &user, ui, id, result).await
}
