//! A vocational course of a facility: who is enrolled, who finished with which certificate.
//! Facilities' staff enrol inmates and record completions here.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::access::Permission;
use emgek_store::Source;
use emgek_store::prison::{CourseRow, FacilityRow};

use super::form::Saved;
use super::form::{Failed, FieldView, Sent, choose, refusal, respond};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::scope::facility_within;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::prison::training as steps;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/courses/{id}"), get(show))
        .route(declared("/courses/{id}/enrolments"), post(enrol))
        .route(declared("/courses/{id}/completions"), post(finish))
}

pub struct EnrolmentLine {
    pub inmate_id: i64,
    pub register_number: String,
    pub full_name: String,
    pub enrolled_on: String,
    pub status: String,
    pub finished_on: String,
    pub certificate: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "prison/course.html")]
struct CoursePage {
    ui: Ui,
    course: CourseRow,
    facility: FacilityRow,
    starts: String,
    lines: Vec<EnrolmentLine>,
    enrol_form: Vec<FieldView>,
    finish_form: Vec<FieldView>,
    failed: &'static str,
    errors: Vec<(String, String)>,
    saved: bool,
}

async fn page(state: &AppState, user: &CurrentUser, ui: Ui, id: i64, failed: Failed) -> Result<CoursePage, PageError> {
    let caller = user.caller(Source::Web);
    let course = crate::scope::course_within(state, user, Permission::ReadInmates, id).await?;
    let facility = facility_within(state, user, Permission::ReadInmates, course.facility_id).await?;
    let enrolments = state.store.enrolments(id).await?;
    let runs = caller.may_in(Permission::RunEnterprises, &facility.code);
    let (enrol_form, finish_form) = if runs {
        let today = state.app().clock.today().to_string();
        let candidates = std::iter::once(choose(&ui))
            .chain(
                state
                    .store
                    .inmates(facility.facility_id)
                    .await?
                    .into_iter()
                    .filter(|i| i.released_on.is_none() && !enrolments.iter().any(|e| e.inmate_id == i.inmate_id))
                    .map(|i| (i.inmate_id.to_string(), format!("{} · {}", i.register_number, i.full_name))),
            )
            .collect();
        let open = std::iter::once(choose(&ui))
            .chain(
                enrolments
                    .iter()
                    .filter(|e| e.status == "enrolled")
                    .map(|e| (e.enrolment_id.to_string(), format!("{} · {}", e.register_number, e.full_name))),
            )
            .collect::<Vec<_>>();
        let results = vec![
            ("completed".to_string(), ui.tr.t("enrolment-completed")),
            ("dropped".to_string(), ui.tr.t("enrolment-dropped")),
        ];
        let finish = if open.len() > 1 {
            vec![
                failed.field(&ui, "finish", "enrolment", "").required().select(open),
                failed.field(&ui, "finish", "result", "completed").required().select(results),
                failed.field(&ui, "finish", "finished_on", &today).required().input("date"),
                failed.field(&ui, "finish", "certificate_number", ""),
            ]
        } else {
            Vec::new()
        };
        (
            vec![
                failed.field(&ui, "enrol", "inmate", "").required().select(candidates),
                failed.field(&ui, "enrol", "enrolled_on", &today).required().input("date"),
            ],
            finish,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(CoursePage {
        starts: ui.tr.date(&course.starts),
        lines: enrolments
            .into_iter()
            .map(|e| EnrolmentLine {
                inmate_id: e.inmate_id,
                register_number: e.register_number,
                full_name: e.full_name,
                enrolled_on: ui.tr.date(&e.enrolled_on),
                status: ui.tr.t(&format!("enrolment-{}", e.status)),
                finished_on: ui.tr.date_opt(&e.finished_on),
                certificate: e.certificate_number.unwrap_or_default(),
            })
            .collect(),
        course,
        facility,
        enrol_form,
        finish_form,
        failed: failed.form,
        errors: failed.summary(&ui),
        saved: false,
        ui,
    })
}

async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<Saved>,
) -> Result<CoursePage, PageError> {
    let mut p = page(&state, &user, ui, id, Failed::default()).await?;
    p.saved = !q.saved.is_empty();
    Ok(p)
}

async fn enrol(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let result = steps::enrol(state.app(), &user.caller(Source::Web), id, get("inmate"), get("enrolled_on")).await;
    let sent = Sent::new("enrol", form, "inmate");
    respond(
        ui,
        result,
        sent,
        |_| format!("/courses/{id}?saved=1"),
        async |ui, failed| page(&state, &user, ui, id, failed).await,
    )
    .await
}

async fn finish(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let enrolment = get("enrolment").parse::<i64>().unwrap_or(0);
    let belongs = state.store.enrolment(enrolment).await.is_ok_and(|e| e.course_id == id);
    let result = if belongs {
        let fields = (get("result") != "dropped", get("finished_on"), get("certificate_number"));
        steps::finish(state.app(), &user.caller(Source::Web), enrolment, fields).await
    } else {
        Err(emgek_app::AppError::Invalid(vec![emgek_domain::FieldError::new("enrolment", "enrolment.unknown", "")]))
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/courses/{id}?saved=1")).into_response()),
        Err(problem) => {
            let (status, errors) = refusal(problem, "certificate_number")?;
            Ok((status, page(&state, &user, ui, id, Failed::new("finish", errors, form)).await?).into_response())
        }
    }
}
