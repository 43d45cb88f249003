//! Prison enterprises at a glance: the share of inmates in productive work over time, every
//! facility the reader reaches, the rules by date; national administrators set up facilities
//! and rules here.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::access::Permission;
use emgek_domain::prison::facility::FacilityKind;
use emgek_store::Source;

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
        .route(declared("/enterprises"), get(show).post(create_facility))
        .route(declared("/enterprises/rules"), post(add_rules))
}

pub struct ShareLine {
    pub on: String,
    pub population: String,
    pub working: String,
    pub share: String,
    /// 0 to 1000, for a meter.
    pub permille: u32,
}

pub struct FacilityLine {
    pub id: i64,
    pub name: String,
    pub share: ShareLine,
}

pub struct RulesLine {
    pub from: String,
    pub state_budget: String,
    pub inmate_min_net: String,
    pub in_force: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "prison/enterprises.html")]
struct EnterprisesPage {
    ui: Ui,
    series: Vec<ShareLine>,
    facilities: Vec<FacilityLine>,
    rules: Vec<RulesLine>,
    /// Year and trainees certified.
    certified: Vec<(i32, String)>,
    /// Months after release, followed up, working, share.
    employment: Vec<[String; 4]>,
    /// Month, inmates fed by the prisons' own food, inmates counted, share.
    food: Option<[String; 4]>,
    /// National administrators' forms; empty for everyone else.
    facility_form: Vec<FieldView>,
    rules_form: Vec<FieldView>,
    errors: Vec<(String, String)>,
    failed: &'static str,
    saved: bool,
}

pub fn share_line(ui: &Ui, s: &steps::WorkShare) -> ShareLine {
    ShareLine {
        on: ui.tr.date(&s.on),
        population: ui.tr.number(s.population),
        working: ui.tr.number(s.working),
        share: s.share_bp.map(|bp| ui.tr.percent(bp)).unwrap_or_else(|| "—".into()),
        permille: s.share_bp.map_or(0, |bp| (bp / 10).min(1000)),
    }
}

async fn page(state: &AppState, user: &CurrentUser, ui: Ui, failed: Failed) -> Result<EnterprisesPage, PageError> {
    let caller = user.caller(Source::Web);
    let today = state.app().clock.today();
    let (series, figures) = steps::work_shares(state.app(), &user.caller(Source::Web), today).await?;
    let versions = state.store.enterprise_rules().await?;
    let outcomes = emgek_app::prison::training::outcomes(state.app(), &user.caller(Source::Web)).await?;
    let pct = |bp: Option<u32>| bp.map(|bp| ui.tr.percent(bp)).unwrap_or_else(|| "—".into());
    let in_force = emgek_domain::prison::rules::rules_on(&versions, today).map(|r| r.effective_from);
    let rules = versions
        .iter()
        .rev()
        .map(|r| RulesLine {
            from: ui.tr.date(&r.effective_from),
            state_budget: ui.tr.percent(r.state_budget_bp),
            inmate_min_net: ui.tr.percent(r.inmate_min_net_bp),
            in_force: Some(r.effective_from) == in_force,
        })
        .collect();
    let national = caller.national(Permission::ManageEnterprises);
    let (facility_form, rules_form) = if national {
        let kinds = std::iter::once(choose(&ui))
            .chain(
                FacilityKind::ALL
                    .iter()
                    .map(|k| (k.code().to_string(), ui.tr.t(&format!("facility-kind-{}", k.code().replace('_', "-"))))),
            )
            .collect();
        let mut rayon = failed.field(&ui, "facility", "rayon", "").required().select(vec![choose(&ui)]);
        rayon.groups = state.geo.rayon_groups(ui.lang());
        let facility = vec![
            failed.field(&ui, "facility", "code", "").required(),
            failed.field(&ui, "facility", "name", "").required(),
            failed.field(&ui, "facility", "kind", "").required().select(kinds),
            rayon,
            failed.field(&ui, "facility", "locality", "").required(),
            failed.field(&ui, "facility", "capacity", "").required().numeric(),
            failed.field(&ui, "facility", "description", ""),
        ];
        let rules = vec![
            failed.field(&ui, "rules", "effective_from", "").required().input("date"),
            failed.field(&ui, "rules", "state_budget_share", "").required().numeric(),
            failed.field(&ui, "rules", "inmate_min_net_share", "").required().numeric(),
        ];
        (facility, rules)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(EnterprisesPage {
        series: series.iter().map(|s| share_line(&ui, s)).collect(),
        facilities: figures
            .iter()
            .map(|f| FacilityLine { id: f.facility_id, name: f.name.clone(), share: share_line(&ui, &f.share) })
            .collect(),
        rules,
        certified: outcomes.certified.iter().map(|c| (c.year, ui.tr.number(c.certified))).collect(),
        employment: outcomes
            .employment
            .iter()
            .map(|e| {
                [e.months_after.to_string(), ui.tr.number(e.followed_up), ui.tr.number(e.working), pct(e.share_bp)]
            })
            .collect(),
        food: outcomes.food.as_ref().map(|f| {
            let month = format!("{:02}.{}", u8::from(f.month.month()), f.month.year());
            [month, ui.tr.number(f.inmates_fed), ui.tr.number(f.population), pct(f.share_bp)]
        }),
        facility_form,
        rules_form,
        errors: failed.summary(&ui),
        failed: failed.form,
        saved: false,
        ui,
    })
}

async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Query(q): Query<Saved>,
) -> Result<EnterprisesPage, PageError> {
    let mut p = page(&state, &user, ui, Failed::default()).await?;
    p.saved = !q.saved.is_empty();
    Ok(p)
}

async fn create_facility(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let f = steps::FacilityForm {
        code: get("code"),
        name: get("name"),
        kind: get("kind"),
        rayon: get("rayon"),
        locality: get("locality"),
        capacity: get("capacity"),
        description: get("description"),
    };
    let result = steps::create_facility(state.app(), &user.caller(Source::Web), f).await;
    let sent = Sent::new("facility", form, "code");
    respond(
        ui,
        result,
        sent,
        |id| format!("/facilities/{id}?saved=1"),
        async |ui, failed| page(&state, &user, ui, failed).await,
    )
    .await
}

async fn add_rules(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let result = steps::add_rules(
        state.app(),
        &user.caller(Source::Web),
        get("effective_from"),
        get("state_budget_share"),
        get("inmate_min_net_share"),
    )
    .await;
    match result {
        Ok(()) => Ok(Redirect::to("/enterprises?saved=1").into_response()),
        Err(problem) => {
            let (status, errors) = refusal(problem, "effective_from")?;
            Ok((status, page(&state, &user, ui, Failed::new("rules", errors, form)).await?).into_response())
        }
    }
}
