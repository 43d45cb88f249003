//! An inmate, for his facility's staff and the headquarters roles that need him: his work and
//! its wages, deduction orders, personal account, courses and certificates, release, and how
//! he fared 3, 6 and 12 months after it.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::access::Permission;
use emgek_domain::prison::payroll::DeductionKind;
use emgek_store::Source;
use emgek_store::prison::FacilityRow;

use super::applications::som;
use super::facilities::workshop_options;
use super::form::Saved;
use super::form::{Failed, FieldView, Sent, choose, respond};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::prison as steps;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/inmates/{id}"), get(show_inmate))
        .route(declared("/inmates/{id}/work"), post(assign_work))
        .route(declared("/inmates/{id}/deductions"), post(add_deduction))
        .route(declared("/inmates/{id}/release"), post(release))
        .route(declared("/inmates/{id}/follow-ups"), post(add_follow_up))
}

/// A deduction order and where its contest stands.
pub struct DeductionLine {
    pub number: i64,
    pub kind: String,
    pub rate: String,
    /// In force, suspended while a contest is heard, or ended by one.
    pub stands: String,
    /// The contest's page and number, if one was lodged.
    pub contest: Option<(i64, String)>,
    /// Where to register the inmate's contest, for whoever may: an order in force only.
    pub contest_href: Option<String>,
}

pub struct WorkLine {
    pub workshop: String,
    pub starts: String,
    pub ends: String,
    pub wage: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "prison/inmate.html")]
struct InmatePage {
    ui: Ui,
    facility: FacilityRow,
    id: i64,
    register_number: String,
    full_name: String,
    sex: String,
    work: Vec<WorkLine>,
    deductions: Vec<DeductionLine>,
    account: String,
    released_on: String,
    /// Course, trade, status, finished, certificate.
    skills: Vec<[String; 5]>,
    /// Months after release, day, outcome, note.
    follow_ups: Vec<[String; 4]>,
    release_form: Vec<FieldView>,
    follow_up_form: Vec<FieldView>,
    work_form: Vec<FieldView>,
    deduction_form: Vec<FieldView>,
    errors: Vec<(String, String)>,
    failed: &'static str,
    saved: bool,
}

async fn inmate_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    failed: Failed,
) -> Result<InmatePage, PageError> {
    let caller = user.caller(Source::Web);
    let (inmate, facility) = state.app().reach(&caller).inmate(Permission::ReadInmates, id).await?;
    let workshops = state.store.workshops(facility.facility_id).await?;
    let name_of = |w: i64| workshops.iter().find(|x| x.workshop_id == w).map(|x| x.name.clone()).unwrap_or_default();
    let work = state
        .store
        .assignments(id)
        .await?
        .into_iter()
        .map(|a| WorkLine {
            workshop: name_of(a.workshop_id),
            starts: ui.tr.date(&a.starts),
            ends: ui.tr.date_opt(&a.ends),
            wage: som(&ui, a.wage_tyiyn),
        })
        .collect();
    // The facility's grievance handlers register an inmate's contest of an order.
    let contests = caller.may_in(Permission::HandleGrievances, &facility.code);
    let deductions = state
        .store
        .inmate_deductions(id)
        .await?
        .into_iter()
        .map(|d| {
            let contest = match (d.contest_id, d.contest_year, d.contest_seq) {
                (Some(id), Some(year), Some(seq)) => {
                    Some((id, emgek_domain::grievance::case::GrievanceNumber { year, seq: seq as u32 }.to_string()))
                }
                _ => None,
            };
            let stands = match (d.ended_on, d.suspended) {
                (Some(day), _) => ui.tr.t_with("inmate-deduction-ended", &[("value", ui.tr.date(&day).into())]),
                (None, true) => ui.tr.t("inmate-deduction-suspended"),
                (None, false) => ui.tr.t("inmate-deduction-in-force"),
            };
            let in_force = d.ended_on.is_none() && !d.suspended;
            DeductionLine {
                number: d.deduction_order_id,
                kind: ui.tr.t(&format!("deduction-{}", d.kind.replace('_', "-"))),
                rate: ui.tr.percent(u32::try_from(d.rate_bp).unwrap_or(0)),
                stands,
                contest,
                contest_href: (in_force && contests)
                    .then(|| format!("/grievances/new?about=deduction&about_ref={}", d.deduction_order_id)),
            }
        })
        .collect();
    let account = som(&ui, state.store.personal_account(id).await?);
    let runs = caller.may_in(Permission::RunEnterprises, &facility.code);
    let skills = state
        .store
        .inmate_enrolments(id)
        .await?
        .into_iter()
        .map(|e| {
            let status = ui.tr.t(&format!("enrolment-{}", e.status));
            [e.course, e.trade, status, ui.tr.date_opt(&e.finished_on), e.certificate_number.unwrap_or_default()]
        })
        .collect();
    let follow_ups = state
        .store
        .follow_ups(id)
        .await?
        .into_iter()
        .map(|f| {
            let outcome = ui.tr.t(&format!("outcome-{}", f.outcome.replace('_', "-")));
            [f.months_after.to_string(), ui.tr.date(&f.checked_on), outcome, f.note]
        })
        .collect();
    let today = state.app().clock.today().to_string();
    let (release_form, follow_up_form) = match (runs, inmate.released_on) {
        (false, _) => (Vec::new(), Vec::new()),
        (true, None) => {
            (vec![failed.field(&ui, "release", "released_on", &today).required().input("date")], Vec::new())
        }
        (true, Some(_)) => {
            let months = std::iter::once(choose(&ui))
                .chain(
                    emgek_domain::prison::reintegration::FOLLOW_UP_MONTHS
                        .iter()
                        .map(|m| (m.to_string(), m.to_string())),
                )
                .collect();
            let outcomes = std::iter::once(choose(&ui))
                .chain(
                    emgek_domain::prison::reintegration::Outcome::ALL
                        .iter()
                        .map(|o| (o.code().to_string(), ui.tr.t(&format!("outcome-{}", o.code().replace('_', "-"))))),
                )
                .collect();
            (
                Vec::new(),
                vec![
                    failed.field(&ui, "follow_up", "months_after", "").required().select(months),
                    failed.field(&ui, "follow_up", "checked_on", &today).required().input("date"),
                    failed.field(&ui, "follow_up", "outcome", "").required().select(outcomes),
                    failed.field(&ui, "follow_up", "note", ""),
                ],
            )
        }
    };
    let (work_form, deduction_form) = if runs {
        let today = state.app().clock.today().to_string();
        let kinds = std::iter::once(choose(&ui))
            .chain(
                DeductionKind::ALL
                    .iter()
                    .map(|k| (k.code().to_string(), ui.tr.t(&format!("deduction-{}", k.code().replace('_', "-"))))),
            )
            .collect();
        (
            vec![
                failed.field(&ui, "work", "workshop", "").required().select(workshop_options(&ui, &workshops)),
                failed.field(&ui, "work", "starts", &today).required().input("date"),
                failed.field(&ui, "work", "wage", "").numeric(),
            ],
            vec![
                failed.field(&ui, "deduction", "kind", "").required().select(kinds),
                failed.field(&ui, "deduction", "rate", "").required().numeric(),
            ],
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(InmatePage {
        facility,
        id,
        register_number: inmate.register_number,
        full_name: inmate.full_name,
        sex: ui.tr.t(&format!("sex-{}", inmate.sex.to_lowercase())),
        work,
        deductions,
        account,
        released_on: ui.tr.date_opt(&inmate.released_on),
        skills,
        follow_ups,
        release_form,
        follow_up_form,
        work_form,
        deduction_form,
        errors: failed.summary(&ui),
        failed: failed.form,
        saved: false,
        ui,
    })
}

async fn show_inmate(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<Saved>,
) -> Result<InmatePage, PageError> {
    let mut p = inmate_page(&state, &user, ui, id, Failed::default()).await?;
    p.saved = !q.saved.is_empty();
    Ok(p)
}

async fn assign_work(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let result =
        steps::assign_work(state.app(), &user.caller(Source::Web), id, get("workshop"), get("starts"), get("wage"))
            .await;
    let sent = Sent::new("work", form, "workshop");
    respond(
        ui,
        result,
        sent,
        |_| format!("/inmates/{id}?saved=1"),
        async |ui, failed| inmate_page(&state, &user, ui, id, failed).await,
    )
    .await
}

async fn add_deduction(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let result = steps::add_deduction(state.app(), &user.caller(Source::Web), id, get("kind"), get("rate")).await;
    let sent = Sent::new("deduction", form, "kind");
    respond(
        ui,
        result,
        sent,
        |()| format!("/inmates/{id}?saved=1"),
        async |ui, failed| inmate_page(&state, &user, ui, id, failed).await,
    )
    .await
}

async fn release(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let on = form.get("released_on").map(String::as_str).unwrap_or("");
    let result = emgek_app::prison::training::release(state.app(), &user.caller(Source::Web), id, on).await;
    let sent = Sent::new("release", form, "released_on");
    respond(
        ui,
        result,
        sent,
        |()| format!("/inmates/{id}?saved=1"),
        async |ui, failed| inmate_page(&state, &user, ui, id, failed).await,
    )
    .await
}

async fn add_follow_up(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let fields = (get("months_after"), get("checked_on"), get("outcome"), get("note"));
    let result = emgek_app::prison::training::follow_up(state.app(), &user.caller(Source::Web), id, fields).await;
    let sent = Sent::new("follow_up", form, "months_after");
    respond(
        ui,
        result,
        sent,
        |_| format!("/inmates/{id}?saved=1"),
        async |ui, failed| inmate_page(&state, &user, ui, id, failed).await,
    )
    .await
}
