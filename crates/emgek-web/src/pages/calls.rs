//! Calls: a call's page with its applications, and the call's trainings and their attendance.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_app::AppError;
use emgek_app::social_contract::trainings;
use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::social_contract::application::Status;
use emgek_store::{HouseholdFilter, PageRequest, Source};
use serde::Deserialize;

use super::applications::{coded, som};
use super::form::summary;
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/calls/{id}"), get(show_call))
        .route(declared("/calls/{id}/trainings"), post(create_training))
        .route(declared("/calls/{id}/attendance"), post(record_attendance))
}

pub struct AppLine {
    pub id: i64,
    pub household: String,
    pub place: String,
    pub status: String,
    pub grant: String,
    pub priority: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "social/call.html")]
struct CallPage {
    ui: Ui,
    id: i64,
    title: String,
    status: String,
    statuses: Vec<(String, String)>,
    lines: Vec<AppLine>,
    total: i64,
    can_apply: bool,
    can_allocate: bool,
    trainings: Vec<TrainingLine>,
    rayons: Vec<(String, Vec<(String, String)>)>,
    errors: Vec<(String, String)>,
    saved: bool,
}

pub struct TrainingLine {
    pub id: i64,
    pub title: String,
    pub held_on: String,
    pub rayon: String,
    pub attending: i64,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CallQuery {
    status: String,
    page: Option<u32>,
    saved: String,
}

async fn show_call(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<CallQuery>,
) -> Result<CallPage, PageError> {
    call_page(&state, &user, ui, id, q, &[]).await
}

async fn call_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    q: CallQuery,
    errors: &[FieldError],
) -> Result<CallPage, PageError> {
    let caller = user.caller(Source::Web);
    let call = state.store.call(id).await?;
    let status = Status::parse(&q.status);
    let areas = caller.areas(Permission::ReadApplications);
    let page = state.store.list_applications(id, &areas, status, PageRequest::new(q.page, Some(100))).await?;
    let mut lines = Vec::with_capacity(page.items.len());
    for a in &page.items {
        let h = state.store.household(a.household_id).await?;
        lines.push(AppLine {
            id: a.id,
            household: h.fields.household_ref.clone(),
            place: state.geo.rayon_name(&a.rayon, ui.lang()),
            status: coded(&ui, "status", a.status.code()),
            grant: som(&ui, a.grant_requested),
            priority: a.assessment.as_ref().map(|x| x.priority.to_string()).unwrap_or_default(),
        });
    }
    let statuses = Status::ALL.iter().map(|s| (s.code().to_string(), coded(&ui, "status", s.code()))).collect();
    let trainings = state
        .store
        .trainings(id)
        .await?
        .into_iter()
        .map(|(id, title, on, rayon, attending)| TrainingLine {
            id,
            title,
            held_on: ui.tr.date(&on),
            rayon: state.geo.rayon_name(&rayon, ui.lang()),
            attending,
        })
        .collect();
    Ok(CallPage {
        id,
        title: call.title,
        status: q.status,
        statuses,
        lines,
        total: page.total,
        can_apply: user.allows(Permission::EditApplications),
        can_allocate: user.allows(Permission::ManageProgrammes),
        trainings,
        rayons: state.geo.rayon_groups(ui.lang()),
        errors: summary(&ui, errors),
        saved: !q.saved.is_empty(),
        ui,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TrainingForm {
    title: String,
    held_on: String,
    rayon: String,
}

/// Records a business-plan training of the call, in one of the case worker's rayons.
async fn create_training(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(call): Path<i64>,
    Form(f): Form<TrainingForm>,
) -> Result<Response, PageError> {
    let t = trainings::NewTraining { title: &f.title, held_on: &f.held_on, rayon: &f.rayon };
    let errors = match trainings::create_training(state.app(), &user.caller(Source::Web), call, t).await {
        Ok(_) => return Ok(Redirect::to(&format!("/calls/{call}?saved=1")).into_response()),
        Err(AppError::Invalid(errors)) => errors,
        Err(e) => return Err(PageError::app(&ui, e)),
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, call_page(&state, &user, ui, call, CallQuery::default(), &errors).await?)
        .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AttendanceForm {
    training: String,
    household_ref: String,
}

/// Records that a household of the case worker's places attended a training of the call.
async fn record_attendance(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(call): Path<i64>,
    Form(f): Form<AttendanceForm>,
) -> Result<Response, PageError> {
    let caller = user.caller(Source::Web);
    let mut errors = Vec::new();
    let training = f.training.parse::<i64>().ok();
    let belongs = match training {
        Some(t) => state.store.training(t).await.map(|(c, _)| c == call).unwrap_or(false),
        None => false,
    };
    if !belongs {
        errors.push(FieldError::new("training", "training.unknown", f.training.as_str()));
    }
    let reference = f.household_ref.trim().to_string();
    let filter = HouseholdFilter {
        q: Some(reference.clone()),
        areas: Some(caller.areas(Permission::EditApplications)),
        ..Default::default()
    };
    let found = state.store.list_households(&filter, PageRequest::new(None, Some(5))).await?;
    let household = found.items.into_iter().find(|h| h.household_ref == reference);
    if household.is_none() {
        errors.push(FieldError::new("household_ref", "application.household_unknown", reference.as_str()));
    }
    if let (Some(t), Some(h), true) = (training, household, errors.is_empty()) {
        trainings::record_attendance(state.app(), &user.caller(Source::Web), t, h.id).await?;
        return Ok(Redirect::to(&format!("/calls/{call}?saved=1")).into_response());
    }
    Ok((StatusCode::UNPROCESSABLE_ENTITY, call_page(&state, &user, ui, call, CallQuery::default(), &errors).await?)
        .into_response())
}
