//! A facility: its headcounts and workshops for everyone who may see it; its inmates, their
//! work, deductions and personal accounts only for its staff and HQ roles that need them.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::access::Permission;
use emgek_store::Source;
use emgek_store::prison::{FacilityRow, WorkshopRow};

use super::applications::som;
use super::form::Saved;
use super::form::{Failed, FieldView, Sent, choose, refusal, respond};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::prison as steps;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/facilities/{id}"), get(show_facility))
        .route(declared("/facilities/{id}/populations"), post(add_population))
        .route(declared("/facilities/{id}/workshops"), post(create_workshop))
        .route(declared("/facilities/{id}/inmates"), get(show_inmates).post(add_inmate))
        .route(declared("/facilities/{id}/courses"), post(create_course))
}

pub struct WorkshopLine {
    pub id: i64,
    pub name: String,
    pub activity: String,
    pub opened_on: String,
    pub wage: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "prison/facility.html")]
struct FacilityPage {
    ui: Ui,
    facility: FacilityRow,
    kind: String,
    rayon: String,
    headcounts: Vec<(String, String)>,
    workshops: Vec<WorkshopLine>,
    inmates_link: bool,
    /// Name, trade, start, months, places taken of places, certified; with the course id.
    courses: Vec<(i64, [String; 5])>,
    course_form: Vec<FieldView>,
    population_form: Vec<FieldView>,
    workshop_form: Vec<FieldView>,
    errors: Vec<(String, String)>,
    failed: &'static str,
    saved: bool,
}

fn workshop_lines(ui: &Ui, workshops: &[WorkshopRow]) -> Vec<WorkshopLine> {
    workshops
        .iter()
        .map(|w| WorkshopLine {
            id: w.workshop_id,
            name: w.name.clone(),
            activity: w.activity.clone(),
            opened_on: ui.tr.date(&w.opened_on),
            wage: som(ui, w.wage_tyiyn),
        })
        .collect()
}

async fn facility_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    failed: Failed,
) -> Result<FacilityPage, PageError> {
    let caller = user.caller(Source::Web);
    let facility = crate::scope::facility_within(state, user, Permission::ReadEnterprises, id).await?;
    let headcounts =
        state.store.populations(id).await?.into_iter().map(|(on, n)| (ui.tr.date(&on), ui.tr.number(n))).collect();
    let workshops = workshop_lines(&ui, &state.store.workshops(id).await?);
    let courses = state
        .store
        .courses(id)
        .await?
        .into_iter()
        .map(|c| {
            let cells = [
                c.name,
                c.trade,
                ui.tr.date(&c.starts),
                format!("{} / {}", ui.tr.number(c.taken), ui.tr.number(c.places)),
                ui.tr.number(c.completed),
            ];
            (c.course_id, cells)
        })
        .collect();
    let course_form = if caller.may_in(Permission::RunEnterprises, &facility.code) {
        let today = state.app().clock.today().to_string();
        vec![
            failed.field(&ui, "course", "course_name", "").required(),
            failed.field(&ui, "course", "trade", "").required(),
            failed.field(&ui, "course", "starts", &today).required().input("date"),
            failed.field(&ui, "course", "months", "").required().numeric(),
            failed.field(&ui, "course", "places", "").required().numeric(),
        ]
    } else {
        Vec::new()
    };
    let manages = caller.may_in(Permission::ManageEnterprises, &facility.code);
    let (population_form, workshop_form) = if manages {
        let today = state.app().clock.today().to_string();
        (
            vec![
                failed.field(&ui, "population", "counted_on", &today).required().input("date"),
                failed.field(&ui, "population", "inmates", "").required().numeric(),
            ],
            vec![
                failed.field(&ui, "workshop", "code", "").required(),
                failed.field(&ui, "workshop", "name", "").required(),
                failed.field(&ui, "workshop", "activity", "").required(),
                failed.field(&ui, "workshop", "opened_on", &today).required().input("date"),
                failed.field(&ui, "workshop", "wage", "").required().numeric(),
            ],
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(FacilityPage {
        kind: ui.tr.t(&format!("facility-kind-{}", facility.kind.replace('_', "-"))),
        rayon: state.geo.rayon_name(&facility.rayon_code, ui.lang()),
        inmates_link: caller.may_in(Permission::ReadInmates, &facility.code),
        facility,
        headcounts,
        workshops,
        courses,
        course_form,
        population_form,
        workshop_form,
        errors: failed.summary(&ui),
        failed: failed.form,
        saved: false,
        ui,
    })
}

async fn show_facility(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<Saved>,
) -> Result<FacilityPage, PageError> {
    let mut p = facility_page(&state, &user, ui, id, Failed::default()).await?;
    p.saved = !q.saved.is_empty();
    Ok(p)
}

async fn add_population(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let result =
        steps::add_population(state.app(), &user.caller(Source::Web), id, get("counted_on"), get("inmates")).await;
    let sent = Sent::new("population", form, "counted_on");
    respond(
        ui,
        result,
        sent,
        |()| format!("/facilities/{id}?saved=1"),
        async |ui, failed| facility_page(&state, &user, ui, id, failed).await,
    )
    .await
}

async fn create_workshop(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let w = steps::WorkshopForm {
        code: get("code"),
        name: get("name"),
        activity: get("activity"),
        opened_on: get("opened_on"),
        wage_som: get("wage"),
    };
    let result = steps::create_workshop(state.app(), &user.caller(Source::Web), id, w).await;
    let sent = Sent::new("workshop", form, "code");
    respond(
        ui,
        result,
        sent,
        |w| format!("/workshops/{w}?saved=1"),
        async |ui, failed| facility_page(&state, &user, ui, id, failed).await,
    )
    .await
}

async fn create_course(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let c = emgek_app::prison::training::CourseForm {
        name: get("course_name"),
        trade: get("trade"),
        starts: get("starts"),
        months: get("months"),
        places: get("places"),
    };
    match emgek_app::prison::training::create_course(state.app(), &user.caller(Source::Web), id, c).await {
        Ok(course) => Ok(Redirect::to(&format!("/courses/{course}?saved=1")).into_response()),
        Err(problem) => {
            let (status, mut errors) = refusal(problem, "course_name")?;
            for e in errors.iter_mut().filter(|e| e.field == "name") {
                e.field = "course_name".into();
            }
            Ok((status, facility_page(&state, &user, ui, id, Failed::new("course", errors, form)).await?)
                .into_response())
        }
    }
}

pub struct InmateLine {
    pub id: i64,
    pub register_number: String,
    pub full_name: String,
    pub sex: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "prison/inmates.html")]
struct InmatesPage {
    ui: Ui,
    facility: FacilityRow,
    inmates: Vec<InmateLine>,
    form: Vec<FieldView>,
    errors: Vec<(String, String)>,
    saved: bool,
}

pub(super) fn workshop_options(ui: &Ui, workshops: &[WorkshopRow]) -> Vec<(String, String)> {
    std::iter::once(choose(ui)).chain(workshops.iter().map(|w| (w.workshop_id.to_string(), w.name.clone()))).collect()
}

async fn inmates_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    failed: Failed,
) -> Result<InmatesPage, PageError> {
    let caller = user.caller(Source::Web);
    let facility = crate::scope::facility_within(state, user, Permission::ReadInmates, id).await?;
    let inmates = state
        .store
        .inmates(id)
        .await?
        .into_iter()
        .map(|i| InmateLine {
            id: i.inmate_id,
            register_number: i.register_number,
            full_name: i.full_name,
            sex: ui.tr.t(&format!("sex-{}", i.sex.to_lowercase())),
        })
        .collect();
    let form = if caller.may_in(Permission::RunEnterprises, &facility.code) {
        let workshops = state.store.workshops(id).await?;
        let sexes = vec![choose(&ui), ("F".into(), ui.tr.t("sex-f")), ("M".into(), ui.tr.t("sex-m"))];
        let today = state.app().clock.today().to_string();
        vec![
            failed.field(&ui, "inmate", "register_number", "").required(),
            failed.field(&ui, "inmate", "full_name", "").required(),
            failed.field(&ui, "inmate", "sex", "").required().select(sexes),
            failed.field(&ui, "inmate", "workshop", "").select(workshop_options(&ui, &workshops)),
            failed.field(&ui, "inmate", "starts", &today).input("date"),
            failed.field(&ui, "inmate", "wage", "").numeric(),
        ]
    } else {
        Vec::new()
    };
    Ok(InmatesPage { facility, inmates, form, errors: failed.summary(&ui), saved: false, ui })
}

async fn show_inmates(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<Saved>,
) -> Result<InmatesPage, PageError> {
    let mut p = inmates_page(&state, &user, ui, id, Failed::default()).await?;
    p.saved = !q.saved.is_empty();
    Ok(p)
}

async fn add_inmate(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let f = steps::InmateForm {
        register_number: get("register_number"),
        full_name: get("full_name"),
        sex: get("sex"),
        workshop: get("workshop"),
        starts: get("starts"),
        wage_som: get("wage"),
    };
    let result = steps::add_inmate(state.app(), &user.caller(Source::Web), id, f).await;
    let sent = Sent::new("inmate", form, "register_number");
    respond(
        ui,
        result,
        sent,
        |inmate| format!("/inmates/{inmate}?saved=1"),
        async |ui, failed| inmates_page(&state, &user, ui, id, failed).await,
    )
    .await
}
